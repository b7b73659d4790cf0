package tables

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
)

// limitRuleID identifies the rule among go-mysql-server's.
const limitRuleID analyzer.RuleId = 9002

func init() {
	analyzer.OnceAfterAll = append(analyzer.OnceAfterAll, analyzer.Rule{Id: limitRuleID, Apply: pushLimit})
}

// pushLimit tells an oktasql table the LIMIT above it, when only
// projections and filters stand between them (no sort, grouping or join),
// so the planner can ask for a page of that size. Rows are still read
// lazily: the limit only sizes the request.
func pushLimit(ctx *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		lim, ok := n.(*plan.Limit)
		if !ok {
			return n, transform.SameTree, nil
		}
		lit, ok := lim.Limit.(*expression.Literal)
		if !ok {
			return n, transform.SameTree, nil
		}
		v, ok := literalValue(lit.Value())
		count, isInt := v.(int64)
		if !ok || !isInt || count <= 0 {
			return n, transform.SameTree, nil
		}
		child, changed := withLimit(lim.Child, int(count))
		if !changed {
			return n, transform.SameTree, nil
		}
		next, err := lim.WithChildren(child)
		return next, transform.NewTree, err
	})
}

// withLimit passes limit down to the oktasql table under n.
func withLimit(n sql.Node, limit int) (sql.Node, bool) {
	switch n := n.(type) {
	case *plan.Project, *plan.Filter, *plan.TableAlias:
		child, ok := withLimit(n.Children()[0], limit)
		if !ok {
			return n, false
		}
		next, err := n.WithChildren(child)
		return next, err == nil
	case *plan.ResolvedTable:
		t := ourTable(n.UnderlyingTable())
		if t == nil {
			return n, false
		}
		next, err := n.WithTable(t.withLimit(limit).sqlTable())
		return next, err == nil
	case *plan.IndexedTableAccess:
		it, ok := n.Table.(*indexedTable)
		if !ok {
			return n, false
		}
		cp := *n
		cp.Table = &indexedTable{Table: it.Table.withLimit(limit), lookup: it.lookup}
		return &cp, true
	}
	return n, false
}

// withLimit returns a copy of t that knows the LIMIT of its query.
func (t *Table) withLimit(limit int) *Table {
	cp := *t
	cp.limit = limit
	return &cp
}
