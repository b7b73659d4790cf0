// Package scim implements Okta's filter and search expression language: the
// SCIM-like grammar of the filter and search query parameters (API-NOTES
// section 2.1). It parses an expression into a small tree, validates the tree
// against an endpoint's grammar (allowed attributes, operators and
// connectives), and evaluates it against one object through a Getter.
//
// The package is pure: it does no I/O and imports only the standard
// library; its Grammar is the emulator's reading of Okta's documentation.
package scim

import (
	"fmt"
	"strconv"
	"strings"
)

// Expr is a parsed filter or search expression. Its concrete types are
// *Compare, *Logical and *NotExpr. String renders the expression in the
// canonical syntax, which Parse reads back into an equal tree.
type Expr interface {
	String() string
}

// Operators, as Parse normalises them (lower case).
const (
	OpEq = "eq" // equal
	OpNe = "ne" // not equal
	OpGt = "gt" // greater than
	OpGe = "ge" // greater than or equal
	OpLt = "lt" // less than
	OpLe = "le" // less than or equal
	OpPr = "pr" // present: has a non-null, non-empty value; takes no operand
	OpSw = "sw" // starts with
	OpCo = "co" // contains
	OpEw = "ew" // ends with
)

// Connectives of a *Logical, as Parse normalises them (lower case).
const (
	And = "and"
	Or  = "or"
)

// Compare is one attribute comparison: `profile.login eq "a@example.com"`.
type Compare struct {
	// Attr is the attribute path, case-sensitive ("profile.login", "type.id").
	Attr string
	// Op is the operator in lower case (OpEq ... OpEw).
	Op string
	// Value is the literal operand: a string (dates are strings too), a
	// float64, a bool, or nil for null. It is nil for OpPr.
	Value any
}

// Logical joins two expressions with And or Or.
type Logical struct {
	Op          string // And or Or
	Left, Right Expr
}

// NotExpr negates an expression: `not (X)`.
type NotExpr struct {
	X Expr
}

// String renders the comparison, quoting string values with JSON escapes.
func (c *Compare) String() string {
	if c.Op == OpPr {
		return c.Attr + " " + c.Op
	}
	return c.Attr + " " + c.Op + " " + formatValue(c.Value)
}

// String renders both sides, parenthesising a side only where precedence
// (and binds tighter than or; both associate to the left) requires it.
func (l *Logical) String() string {
	var b strings.Builder
	writeOperand(&b, l.Left, l.Op, false)
	b.WriteString(" " + l.Op + " ")
	writeOperand(&b, l.Right, l.Op, true)
	return b.String()
}

// String renders `not (X)`.
func (n *NotExpr) String() string {
	return "not (" + exprString(n.X) + ")"
}

// exprString renders e, tolerating a nil operand in a hand-built tree.
func exprString(e Expr) string {
	if e == nil {
		return "<nil>"
	}
	return e.String()
}

// writeOperand writes one side of a Logical with parent connective op.
func writeOperand(b *strings.Builder, e Expr, op string, right bool) {
	child, ok := e.(*Logical)
	paren := ok && (precedence(child.Op) < precedence(op) ||
		(right && precedence(child.Op) == precedence(op)))
	if paren {
		b.WriteString("(" + child.String() + ")")
		return
	}
	b.WriteString(exprString(e))
}

// precedence ranks connectives: and binds tighter than or.
func precedence(op string) int {
	if op == And {
		return 2
	}
	return 1
}

// formatValue renders a literal in the expression syntax.
func formatValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case string:
		return quote(v)
	default:
		// Hand-built trees may carry other numbers; render them generically.
		if f, ok := toFloat(v); ok {
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
		return quote(fmt.Sprint(v))
	}
}

// quote renders s as a JSON string literal, escaping `"`, `\` and control
// characters and copying every other byte (invalid UTF-8 included) as is,
// so that Parse reads back exactly s.
func quote(s string) string {
	const hex = "0123456789abcdef"
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return string(append(b, '"'))
}
