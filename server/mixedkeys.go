package server

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/expression/function"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// go-mysql-server takes any equality between a column and an expression of
// the other side as a join key: a lookup key into an index, a hash join's
// key. Either way the key's value is converted to the column's type and
// matched exactly as the column's own strings, where MySQL compares a
// string with a number as numbers ('0oa1x' = 0 is true, as is '7abc' =
// 7), with JSON as JSON, and under an explicit COLLATE by that collation
// (s.id = 'öpf1' COLLATE utf8mb4_general_ci matches 'opf1'). So a string
// id equal to a number, as a key, found the one row whose id is the
// number's digits (a point GET of mapping '0' under each app) where MySQL
// matches every id that does not start with a digit; and the accented id
// was looked up as written (a 404 for each user) where MySQL matches the
// factor without the accent. hideMixedKeys hides such equalities from
// join planning: each becomes an expression that evaluates the same but
// is no equality, so the join keeps it as a condition checked on every
// row and keys on the other equalities (or none). showMixedKeys turns
// them back into the equalities they were once index planning is over;
// left hidden (a plan analysed only in part), they still evaluate the
// same. The same comparisons in a table's own filter take no index range
// either (tables' rangeDiffers).
func hideMixedKeys(ctx *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.NodeExprs(n, func(e sql.Expression) (sql.Expression, transform.TreeIdentity, error) {
		switch e := e.(type) {
		case *expression.Equals, *expression.NullSafeEquals:
			if comparedOtherwise(ctx, e.Children()[0], e.Children()[1]) {
				return notAKey{e}, transform.NewTree, nil
			}
		}
		return e, transform.SameTree, nil
	})
}

// comparedOtherwise reports whether MySQL compares a and b other than as
// a string column's own strings, or as values of one type: a string with
// a number (as numbers) or with JSON (as JSON), or a string column under
// another collation than its own.
func comparedOtherwise(ctx *sql.Context, a, b sql.Expression) bool {
	ta, tb := a.Type(), b.Type()
	if types.IsText(ta) && asNonString(tb) || types.IsText(tb) && asNonString(ta) {
		return true
	}
	return otherCollation(ctx, a, b)
}

// otherCollation reports whether a and b compare under another collation
// than that of a string column among them.
func otherCollation(ctx *sql.Context, a, b sql.Expression) bool {
	ca, ka := sql.GetCoercibility(ctx, a)
	cb, kb := sql.GetCoercibility(ctx, b)
	by, _ := sql.ResolveCoercibility(ca, ka, cb, kb)
	for _, side := range []sql.Expression{a, b} {
		if _, ok := side.(*expression.GetField); !ok {
			continue
		}
		if typ, ok := side.Type().(sql.TypeWithCollation); ok && types.IsText(side.Type()) && typ.Collation() != by {
			return true
		}
	}
	return false
}

// asNonString reports whether MySQL compares a string with a value of type
// t other than as strings, and other than by converting the string to t:
// as numbers, or as JSON.
func asNonString(t sql.Type) bool {
	return types.IsNumber(t) || types.IsJSON(t)
}

func showMixedKeys(_ *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.NodeExprs(n, func(e sql.Expression) (sql.Expression, transform.TreeIdentity, error) {
		if k, ok := e.(notAKey); ok {
			return k.Expression, transform.NewTree, nil
		}
		return e, transform.SameTree, nil
	})
}

// notAKey is an equality that no join may take as its key. It has only
// the methods of sql.Expression, so it is neither *expression.Equals nor
// an expression.Equality.
type notAKey struct{ sql.Expression }

func (k notAKey) WithChildren(children ...sql.Expression) (sql.Expression, error) {
	e, err := k.Expression.WithChildren(children...)
	if err != nil {
		return nil, err
	}
	return notAKey{e}, nil
}

// collatedNullSafe rewrites a <=> b between strings of two types (another
// collation: an explicit COLLATE) into COALESCE(a = b, a IS NULL AND b IS
// NULL): go-mysql-server v0.20.0's <=> compares such strings as binary
// ('Abc' COLLATE utf8mb4_general_ci <=> 'abc' was false), where its =
// honours the collation, as MySQL does for both.
func collatedNullSafe(_ *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.NodeExprs(n, func(e sql.Expression) (sql.Expression, transform.TreeIdentity, error) {
		ns, ok := e.(*expression.NullSafeEquals)
		if !ok {
			return e, transform.SameTree, nil
		}
		if l, r := ns.Left().Type(), ns.Right().Type(); !types.IsText(l) || !types.IsText(r) || types.TypesEqual(l, r) {
			return e, transform.SameTree, nil
		}
		bothNull := expression.NewAnd(expression.NewIsNull(ns.Left()), expression.NewIsNull(ns.Right()))
		eq, err := function.NewCoalesce(expression.NewEquals(ns.Left(), ns.Right()), bothNull)
		return eq, transform.NewTree, err
	})
}
