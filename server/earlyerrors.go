package server

import (
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
	case *expression.NullSafeEquals:
		return nil
	case expression.Comparer:
		return timeLiterals(ctx, e.Left(), e.Right())
	case *expression.InTuple:
		if t, ok := e.Right().(expression.Tuple); ok {
			return timeLiterals(ctx, e.Left(), t...)
		}
	case *expression.Between:
		return timeLiterals(ctx, e.Val, e.Lower, e.Upper)
	}
	return nil
}

// timeLiterals converts the string literals among others to a datetime
// when col is a date or time, as a comparison with col does.
func timeLiterals(ctx *sql.Context, col sql.Expression, others ...sql.Expression) error {
	if !types.IsTime(col.Type()) {
		if len(others) == 1 && types.IsTime(others[0].Type()) {
			col, others = others[0], []sql.Expression{col}
		} else {
			return nil
		}
	}
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
