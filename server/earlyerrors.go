package server

import (
	"regexp"
	"slices"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// raiseEarly fails a statement, before any row is read, for the errors
// go-mysql-server raises only when it evaluates an expression on a row:
// COLLATE on a value that is not a string, or with another character
// set's collation (MySQL refuses these too), and a literal that does not
// convert to the date or time it is compared with ('0' against a
// datetime). Raised on a row, the same statement failed or answered
// depending on whether a row reached the expression: with pushdown,
// Okta's narrower answer (or an index lookup) left none to check and the
// statement answered; without, it failed; and the other way round when
// the join order let rows reach it on one side only.
func raiseEarly(ctx *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return n, transform.SameTree, earlyErrors(ctx, n)
}

// earlyErrors returns the first early error of n's expressions, those of
// its subqueries included.
func earlyErrors(ctx *sql.Context, n sql.Node) error {
	var err error
	transform.InspectExpressions(n, func(e sql.Expression) bool {
		sql.Inspect(e, func(e sql.Expression) bool {
			if err != nil || !e.Resolved() {
				return err == nil
			}
			if sq, ok := e.(*plan.Subquery); ok {
				err = earlyErrors(ctx, sq.Query)
			} else {
				err = earlyError(ctx, e)
			}
			return err == nil
		})
		return err == nil
	})
	return err
}

// earlyError is the error e raises whatever row it is evaluated on.
func earlyError(ctx *sql.Context, e sql.Expression) error {
	switch e := e.(type) {
	case *expression.CollatedExpression:
		typ := e.Child().Type()
		if !types.IsText(typ) {
			return sql.ErrCollatedExprWrongType.New()
		}
		coll, _ := e.CollationCoercibility(ctx)
		if cs := typ.(sql.TypeWithCollation).Collation().CharacterSet(); coll.CharacterSet() != cs {
			return sql.ErrCollationInvalidForCharSet.New(coll.Name(), cs.Name())
		}
	default:
		if col, others := timeOperands(e); col != nil {
			return timeLiterals(ctx, others)
		}
	}
	return nil
}

// timeOperands returns, for a comparison, IN or BETWEEN of a date or time
// with other operands, the date or time and the others; nil else.
func timeOperands(e sql.Expression) (col sql.Expression, others []sql.Expression) {
	switch e := e.(type) {
	case *expression.NullSafeEquals:
		return nil, nil
	case expression.Comparer:
		col, others = e.Left(), []sql.Expression{e.Right()}
	case *expression.InTuple:
		t, ok := e.Right().(expression.Tuple)
		if !ok {
			return nil, nil
		}
		col, others = e.Left(), t
	case *expression.Between:
		col, others = e.Val, []sql.Expression{e.Lower, e.Upper}
	default:
		return nil, nil
	}
	if !types.IsTime(col.Type()) {
		if len(others) != 1 || !types.IsTime(others[0].Type()) {
			return nil, nil
		}
		col, others = others[0], []sql.Expression{col}
	}
	return col, others
}

// timeLiterals converts the string literals among others to a datetime,
// as a comparison with a date or time does.
func timeLiterals(ctx *sql.Context, others []sql.Expression) error {
	for _, o := range others {
		lit, ok := o.(*expression.Literal)
		if !ok || lit.Value() == nil || !types.IsText(lit.Type()) {
			continue
		}
		// The conversion a comparison with a date or time makes
		// (expression.convertValue, ConvertToDatetime).
		if _, _, err := types.DatetimeMaxPrecision.Convert(ctx, lit.Value()); err != nil {
			return err
		}
	}
	return nil
}

// delimitDatetimes writes a string of digits compared with a date or time
// ('20200210215309', '200210', as MySQL reads them: YYYYMMDDhhmmss,
// YYMMDDhhmmss, YYYYMMDD or YYMMDD, with fractions after a dot) with the
// delimiters go-mysql-server needs to read it ('2020-02-10 21:53:09'):
// it failed the statement where MySQL compares.
func delimitDatetimes(ctx *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.NodeExprs(n, func(e sql.Expression) (sql.Expression, transform.TreeIdentity, error) {
		_, others := timeOperands(e)
		if len(others) == 0 {
			return e, transform.SameTree, nil
		}
		var operands []*expression.Literal
		for _, o := range others {
			if lit, ok := o.(*expression.Literal); ok {
				operands = append(operands, lit)
			}
		}
		return transform.Expr(e, func(x sql.Expression) (sql.Expression, transform.TreeIdentity, error) {
			lit, ok := x.(*expression.Literal)
			if !ok || !slices.Contains(operands, lit) || !types.IsText(lit.Type()) {
				return x, transform.SameTree, nil
			}
			v, ok := lit.Value().(string)
			if !ok {
				return x, transform.SameTree, nil
			}
			if d, ok := delimited(ctx, v); ok {
				return expression.NewLiteral(d, lit.Type()), transform.NewTree, nil
			}
			return x, transform.SameTree, nil
		})
	})
}

// digitDatetime is a date or datetime written as digits only.
var digitDatetime = regexp.MustCompile(`^(\d{2}|\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})(\.\d+)?)?$`)

// delimited returns v, digits only, as a delimited date or datetime, when
// it reads as one (converts as a comparison converts it: timeLiterals).
func delimited(ctx *sql.Context, v string) (string, bool) {
	m := digitDatetime.FindStringSubmatch(v)
	if m == nil {
		return "", false
	}
	year := m[1]
	if len(year) == 2 {
		// MySQL's two-digit years: 70-99 are 1970-1999, 00-69 2000-2069.
		if year >= "70" {
			year = "19" + year
		} else {
			year = "20" + year
		}
	}
	out := year + "-" + m[2] + "-" + m[3]
	if m[4] != "" {
		out += " " + m[4] + ":" + m[5] + ":" + m[6] + m[7]
	}
	if _, _, err := types.DatetimeMaxPrecision.Convert(ctx, out); err != nil {
		return "", false
	}
	return out, true
}
