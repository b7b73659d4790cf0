package server

import (
	"fmt"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
)

// assignFunction is the function a `@name := expr` inside an expression
// becomes (assignUserVars); the provider gives it (functions).
const assignFunction = "oktasql_assign"

// assign is the function assignFunction names.
var assign = sql.Function2{Name: assignFunction, Fn: func(name, value sql.Expression) sql.Expression {
	return &userVarAssign{name: name, value: value}
}}

// assignStopWords end the expression assigned by := at its own level:
// MariaDB ODBC's catalog queries assign inside CASE branches
// (THEN @dt:=5 WHEN ...) and select the result AS a column.
var assignStopWords = map[string]bool{
	"WHEN": true, "THEN": true, "ELSE": true, "END": true, "AS": true, "FROM": true, "WHERE": true,
	"GROUP": true, "ORDER": true, "HAVING": true, "LIMIT": true, "UNION": true, "INTO": true, "FOR": true, "WINDOW": true,
}

// assignUserVars rewrites each `@name := expr` inside a statement into
// oktasql_assign('name', expr), which the parser takes: MySQL evaluates
// such an assignment as an expression (MariaDB ODBC's SQLColumns query
// assigns @dt and @ColSize and reads them further along the same row), the
// vitess parser accepts := only in SET, which is left alone.
func assignUserVars(query string) string {
	if !strings.Contains(query, ":=") || firstWordIs(query, "SET") {
		return query
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(query); {
		kind, j := nextToken(query, i)
		if kind == tokOther && query[i] == '@' && (i == 0 || query[i-1] != '@') && j < len(query) {
			if k, n := nextTokenKind(query, j); k == tokWord {
				name := query[j:n]
				rest := n
				for rest < len(query) && (query[rest] == ' ' || query[rest] == '\t' || query[rest] == '\n' || query[rest] == '\r') {
					rest++
				}
				if strings.HasPrefix(query[rest:], ":=") {
					end := assignedEnd(query, rest+2)
					value := strings.TrimLeft(query[rest+2:end], " \t\r\n")
					trimmed := strings.TrimRight(value, " \t\r\n")
					fmt.Fprintf(&b, "%s('%s', %s)%s", assignFunction, name, assignUserVars(trimmed), value[len(trimmed):])
					changed = true
					i = end
					continue
				}
			}
		}
		b.WriteString(query[i:j])
		i = j
	}
	if !changed {
		return query
	}
	return b.String()
}

// nextTokenKind is nextToken for a position that may be the end of s.
func nextTokenKind(s string, i int) (tokenKind, int) {
	if i >= len(s) {
		return tokOther, i
	}
	return nextToken(s, i)
}

// assignedEnd returns where the expression assigned from s[i] ends: at the
// first comma, semicolon, unbalanced closing parenthesis or stop word
// (assignStopWords) of its own level, a nested CASE ... END included.
func assignedEnd(s string, i int) int {
	depth, cases := 0, 0
	for i < len(s) {
		kind, j := nextToken(s, i)
		switch kind {
		case tokOther:
			switch s[i] {
			case '(':
				depth++
			case ')':
				if depth == 0 {
					return i
				}
				depth--
			case ',', ';':
				if depth == 0 {
					return i
				}
			}
		case tokWord:
			word := strings.ToUpper(s[i:j])
			switch {
			case depth > 0:
			case word == "CASE":
				cases++
			case word == "END" && cases > 0:
				cases--
			case cases == 0 && assignStopWords[word]:
				return i
			}
		}
		i = j
	}
	return i
}

// firstWordIs reports whether the first word of query, after spaces and
// comments, is word.
func firstWordIs(query, word string) bool {
	for i := 0; i < len(query); {
		kind, j := nextToken(query, i)
		switch kind {
		case tokComment:
		case tokWord:
			return strings.EqualFold(query[i:j], word)
		default:
			if c := query[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
		}
		i = j
	}
	return false
}

// userVarAssign is `@name := value` as an expression: it sets the user
// variable for the rest of the row and returns the value.
type userVarAssign struct {
	name, value sql.Expression
}

var _ sql.Expression = (*userVarAssign)(nil)

// Resolved reports whether both arguments are.
func (a *userVarAssign) Resolved() bool { return a.name.Resolved() && a.value.Resolved() }

// String renders the assignment as written.
func (a *userVarAssign) String() string { return fmt.Sprintf("@%s := %s", a.name, a.value) }

// Type is the value's type.
func (a *userVarAssign) Type() sql.Type { return a.value.Type() }

// IsNullable reports whether the value may be NULL.
func (a *userVarAssign) IsNullable() bool { return a.value.IsNullable() }

// Children are the name and the value.
func (a *userVarAssign) Children() []sql.Expression { return []sql.Expression{a.name, a.value} }

// WithChildren replaces the name and the value.
func (a *userVarAssign) WithChildren(children ...sql.Expression) (sql.Expression, error) {
	if len(children) != 2 {
		return nil, sql.ErrInvalidChildrenNumber.New(a, len(children), 2)
	}
	return &userVarAssign{name: children[0], value: children[1]}, nil
}

// Eval sets the variable to the value and returns it.
func (a *userVarAssign) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	name, err := a.name.Eval(ctx, row)
	if err != nil {
		return nil, err
	}
	v, err := a.value.Eval(ctx, row)
	if err != nil {
		return nil, err
	}
	if err := ctx.SetUserVariable(ctx, fmt.Sprint(name), v, a.value.Type()); err != nil {
		return nil, err
	}
	return v, nil
}
