package scim

import (
	"fmt"
	"slices"
	"strings"
)

// Validate checks e against an endpoint's grammar and returns nil or an
// *Error:
//   - an attribute the grammar does not name, an operator the attribute does
//     not accept, or a connective (and, or, not) the grammar does not allow:
//     CodeInvalidSearch wrapping ErrUnsupported, the cause naming it;
//   - an operand the operator cannot take (sw/co/ew need a string, gt/ge/lt/le
//     a string or a number): CodeInvalidSearch wrapping ErrUnsupported;
//   - more comparisons than g.MaxTerms: CodeTooComplex wrapping ErrTooComplex.
//
// An attribute takes the operators g.Fields lists for it plus, when it lies
// under g.AnyPrefix, g.AnyOps (a grammar with AnyOps and an empty AnyPrefix
// admits every attribute). An attribute listed in g.Fields with no operators
// is forbidden even under AnyPrefix: that is how a grammar excludes one
// attribute (the System Log's published). A nil grammar accepts everything;
// a keyword grammar accepts no expression.
func Validate(e Expr, g *Grammar) error {
	if g == nil {
		return nil
	}
	if g.Keyword {
		return newError(CodeInvalidSearch, ErrUnsupported,
			fmt.Sprintf("%s takes a keyword, not an expression", g.Param))
	}
	terms := 0
	if err := validate(e, g, &terms); err != nil {
		return err
	}
	if g.MaxTerms > 0 && terms > g.MaxTerms {
		return newError(CodeTooComplex, ErrTooComplex,
			fmt.Sprintf("%s accepts at most %d comparison(s), got %d", g.Param, g.MaxTerms, terms))
	}
	return nil
}

// validate checks one node and counts its comparisons into terms.
func validate(e Expr, g *Grammar, terms *int) error {
	switch e := e.(type) {
	case *Logical:
		if allowed := (e.Op == And && g.And) || (e.Op == Or && g.Or); !allowed {
			return unsupported(g, "the connective %q is not supported", e.Op)
		}
		if err := validate(e.Left, g, terms); err != nil {
			return err
		}
		return validate(e.Right, g, terms)
	case *NotExpr:
		if !g.Not {
			return unsupported(g, "the connective \"not\" is not supported")
		}
		return validate(e.X, g, terms)
	case *Compare:
		*terms++
		ops, known := fieldOps(g, e.Attr)
		if !known {
			return unsupported(g, "the attribute %q is not supported", e.Attr)
		}
		if !slices.ContainsFunc(ops, func(op string) bool { return strings.EqualFold(op, e.Op) }) {
			return unsupported(g, "the operator %q is not supported on the attribute %q", e.Op, e.Attr)
		}
		return checkOperand(g, e)
	default:
		return unsupported(g, "unsupported expression %T", e)
	}
}

// checkOperand rejects operands an operator cannot take: sw, co and ew need
// a string; gt, ge, lt and le need a string or a number.
func checkOperand(g *Grammar, c *Compare) error {
	op := strings.ToLower(c.Op)
	switch op {
	case OpSw, OpCo, OpEw:
		if _, ok := c.Value.(string); !ok {
			return unsupported(g, "the operator %q on the attribute %q needs a string, not %s", op, c.Attr, formatValue(c.Value))
		}
	case OpGt, OpGe, OpLt, OpLe:
		_, isString := c.Value.(string)
		if _, isNumber := toFloat(c.Value); !isString && !isNumber {
			return unsupported(g, "the operator %q on the attribute %q needs a string or a number, not %s", op, c.Attr, formatValue(c.Value))
		}
	}
	return nil
}

// fieldOps returns the operators attr accepts and whether attr is known.
func fieldOps(g *Grammar, attr string) ([]string, bool) {
	ops, listed := g.Fields[attr]
	if listed && len(ops) == 0 {
		return nil, false
	}
	if len(g.AnyOps) > 0 && strings.HasPrefix(attr, g.AnyPrefix) {
		return append(slices.Clip(ops), g.AnyOps...), true
	}
	return ops, listed
}

// unsupported builds an E0000031 *Error naming the grammar's parameter.
func unsupported(g *Grammar, format string, args ...any) *Error {
	param := g.Param
	if param == "" {
		param = "expression"
	}
	return newError(CodeInvalidSearch, ErrUnsupported,
		fmt.Sprintf("%s: %s", param, fmt.Sprintf(format, args...)))
}
