package tables

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"

	"github.com/oktasql/oktasql/planner"
	"github.com/oktasql/oktasql/schema"
)

// tableAccess is an oktasql table read under a node, and the conjuncts
// pushed to it.
type tableAccess struct {
	table  *Table
	pushed []planner.Expr
}

// rewriteAccess finds the oktasql table read under n through projections,
// filters and aliases only, and rebuilds n with the table f returns; it
// reports false when there is no such table or f declines (returns nil).
func rewriteAccess(n sql.Node, f func(tableAccess) *Table) (sql.Node, bool) {
	switch n := n.(type) {
	case *plan.Project, *plan.Filter, *plan.TableAlias:
		child, ok := rewriteAccess(n.Children()[0], f)
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
		nt := f(tableAccess{table: t})
		if nt == nil {
			return n, false
		}
		next, err := n.WithTable(nt.sqlTable())
		return next, err == nil
	case *plan.IndexedTableAccess:
		it, ok := n.Table.(*indexedTable)
		if !ok {
			return n, false
		}
		var pushed []planner.Expr
		if idx, ok := it.lookup.Index.(*index); ok {
			pushed = idx.pushed
		}
		nt := f(tableAccess{table: it.Table, pushed: pushed})
		if nt == nil {
			return n, false
		}
		cp := *n
		cp.Table = &indexedTable{Table: nt, lookup: it.lookup}
		return &cp, true
	}
	return n, false
}

// PushLimit tells an oktasql table the LIMIT above it, when only
// projections and filters stand between them (no sort, grouping or join),
// so the planner can ask for a page of that size. Rows are still read
// lazily: the limit only sizes the request. When the filters in between
// translate whole (planner.Query.Complete), a read Okta answers exactly
// may also stop after LIMIT rows.
func PushLimit(ctx *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
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
		filters := filtersAbove(lim.Child)
		child, changed := rewriteAccess(lim.Child, func(a tableAccess) *Table {
			if a.table.plain {
				return nil
			}
			cp := *a.table
			cp.limit = int(count)
			cp.complete = translated(ctx, a.table.def, filters)
			return &cp
		})
		if !changed {
			return n, transform.SameTree, nil
		}
		next, err := lim.WithChildren(child)
		return next, transform.NewTree, err
	})
}

// filtersAbove returns the conjuncts of the filters between n and the
// table read under it (through the nodes rewriteAccess passes).
func filtersAbove(n sql.Node) []sql.Expression {
	switch n := n.(type) {
	case *plan.Filter:
		return append(expression.SplitConjunction(n.Expression), filtersAbove(n.Child)...)
	case *plan.Project, *plan.TableAlias:
		return filtersAbove(n.Children()[0])
	}
	return nil
}

// translated reports whether every conjunct translates into the planner's
// predicates whole, nothing dropped: then the planner's conjuncts are all
// the engine will check, and a read whose conjuncts Okta answers exactly
// may stop after LIMIT rows. A conjunct Okta cannot take (LIKE '_ea%', a
// subquery) leaves pages at their full size, however small the LIMIT.
func translated(ctx *sql.Context, def *schema.Table, conjuncts []sql.Expression) bool {
	for _, e := range conjuncts {
		if _, ok := convert(ctx, def, e, false); !ok {
			return false
		}
	}
	return true
}

// PushOrder hands a single-column ORDER BY to an oktasql table whose
// endpoint returns rows in exactly that order (System Log by published,
// users searched by a date), and drops the sort; the table checks the
// order of the rows it gets (orderChecked).
func PushOrder(ctx *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		sort, ok := n.(*plan.Sort)
		if !ok || len(sort.SortFields) != 1 {
			return n, transform.SameTree, nil
		}
		gf, ok := sort.SortFields[0].Column.(*expression.GetField)
		if !ok {
			return n, transform.SameTree, nil
		}
		order := []planner.Order{{Column: strings.ToLower(gf.Name()), Desc: sort.SortFields[0].Order == sql.Descending}}
		child, changed := rewriteAccess(sort.Child, func(a tableAccess) *Table {
			if a.table.plain || !a.table.reads(order[0].Column) {
				return nil // the order check needs the column
			}
			p, err := planner.Build(planner.Query{Table: a.table.def, Where: a.pushed, OrderBy: order, Now: a.table.db.org.now()})
			if err != nil || !p.Ordered {
				return nil
			}
			cp := *a.table
			cp.order = order
			return &cp
		})
		if !changed {
			return n, transform.SameTree, nil
		}
		return child, transform.NewTree, nil
	})
}
