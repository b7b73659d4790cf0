package server

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// go-mysql-server takes any equality between a column and an expression of
// the other side as a join key: a lookup key into an index, a hash join's
// key. Either way the key's value is converted to the column's type and
// matched exactly, where MySQL compares a string with a number as numbers
// ('0oa1x' = 0 is true, as is '7abc' = 7), and with JSON as JSON. So a string id equal to a
// number, as a key, found the one row whose id is the number's digits (a
// point GET of mapping '0' under each app) where MySQL matches every id
// that does not start with a digit. hideMixedKeys hides such equalities
// from join planning: each becomes an expression that evaluates the same
// but is no equality, so the join keeps it as a condition checked on
// every row and keys on the other equalities (or none). showMixedKeys
// turns them back into the equalities they were once index planning is
// over; left hidden (a plan analysed only in part), they still evaluate
// the same. The same comparison in a table's own filter takes no index
// range either (tables' rangeDiffers).
func hideMixedKeys(_ *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.NodeExprs(n, func(e sql.Expression) (sql.Expression, transform.TreeIdentity, error) {
		switch e := e.(type) {
		case *expression.Equals, *expression.NullSafeEquals:
			l, r := e.Children()[0].Type(), e.Children()[1].Type()
			if types.IsText(l) && otherwiseCompared(r) || types.IsText(r) && otherwiseCompared(l) {
				return notAKey{e}, transform.NewTree, nil
			}
		}
		return e, transform.SameTree, nil
	})
}

// otherwiseCompared reports whether MySQL compares a string with a value
// of type t other than as strings, and other than by converting the
// string to t: as numbers, or as JSON.
func otherwiseCompared(t sql.Type) bool {
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
