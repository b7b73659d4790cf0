package server

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
)

// keepAliases wraps go-mysql-server's join planning so that a table read
// through an index keeps its alias. For a query over one table, v0.20.0
// (costedIndexScans, for an IndexSearchableTable) replaces TableAlias(t)
// over the table with an indexed access to the table itself, alias gone.
// The rows stay right, but a correlated subquery then finds no table t
// in its outer scope: applyIndexesFromOuterScope matches the outer
// column's table by name, so `s.user_id = t.id` gave the subquery no
// lookup by the outer row, and it read its table whole (fanned out over
// every user) once per outer row: 10,000 requests for 302.
func keepAliases(optimize analyzer.RuleFunc) analyzer.RuleFunc {
	return func(ctx *sql.Context, a *analyzer.Analyzer, n sql.Node, scope *plan.Scope, sel analyzer.RuleSelector, qFlags *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
		out, same, err := optimize(ctx, a, n, scope, sel, qFlags)
		if err != nil || same {
			return out, same, err
		}
		aliases := map[sql.TableId]*plan.TableAlias{}
		transform.Inspect(n, func(n sql.Node) bool {
			if ta, ok := n.(*plan.TableAlias); ok {
				if rt, ok := ta.Child.(*plan.ResolvedTable); ok {
					aliases[rt.Id()] = ta
				}
			}
			return true
		})
		if len(aliases) == 0 {
			return out, same, nil
		}
		out, _, err = transform.NodeWithCtx(out, nil, func(c transform.Context) (sql.Node, transform.TreeIdentity, error) {
			ita, ok := c.Node.(*plan.IndexedTableAccess)
			if _, under := c.Parent.(*plan.TableAlias); !ok || under || aliases[ita.Id()] == nil {
				return c.Node, transform.SameTree, nil
			}
			wrapped, err := aliases[ita.Id()].WithChildren(ita)
			return wrapped, transform.NewTree, err
		})
		return out, transform.NewTree, err
	}
}
