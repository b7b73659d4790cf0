package tables

import (
	"slices"
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
		child, changed := limitAccess(lim.Child, int(count), func(t *Table) bool { return translated(ctx, t.def, filters) })
		if !changed {
			return n, transform.SameTree, nil
		}
		next, err := lim.WithChildren(child)
		return next, transform.NewTree, err
	})
}

// limitAccess rebuilds n with the oktasql table read under it told that
// limit rows answer the read, and whether its conditions are complete
// (planner.Query.Complete); it reports false when n reads no such table
// or reads it with pushdown off.
func limitAccess(n sql.Node, limit int, complete func(*Table) bool) (sql.Node, bool) {
	return rewriteAccess(n, func(a tableAccess) *Table {
		if a.table.plain {
			return nil
		}
		cp := *a.table
		cp.limit = limit
		cp.complete = complete(a.table)
		return &cp
	})
}

// PushExistsLimit tells an oktasql table read on the inner side of a
// semi or anti join (EXISTS, NOT EXISTS, IN) that one row answers it: the
// join stops at the first row a lookup finds, so when the lookup's key is
// all there is to check, the planner asks for a page of one row (apps
// with a user assigned: 7,109 rows decoded, now one an app).
// go-mysql-server plans NOT EXISTS as a LEFT JOIN that keeps the rows
// whose lookup key IS NULL: there too one row of a lookup decides. A join
// condition the lookup does not cover, or a filter over the inner table
// (even one its request carries), keeps the pages whole: the first row
// may fail it.
func PushExistsLimit(ctx *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		switch n := n.(type) {
		case *plan.JoinNode:
			if (n.Op.IsSemi() || n.Op.IsAnti()) && n.Op.IsLookup() {
				return existsLimit(n)
			}
		case *plan.Filter:
			j, ok := n.Child.(*plan.JoinNode)
			if !ok || !j.Op.IsLeftOuter() || !j.Op.IsLookup() || !keyIsNull(n.Expression, j.Right()) {
				return n, transform.SameTree, nil
			}
			next, same, err := existsLimit(j)
			if err != nil || same {
				return n, transform.SameTree, err
			}
			filter, err := n.WithChildren(next)
			return filter, transform.NewTree, err
		}
		return n, transform.SameTree, nil
	})
}

// existsLimit reads one row of each lookup of j's right side, when j has
// no condition besides the lookup's.
func existsLimit(j *plan.JoinNode) (sql.Node, transform.TreeIdentity, error) {
	if lit, ok := j.Filter.(*expression.Literal); j.Filter != nil && !(ok && lit.Value() == true) {
		return j, transform.SameTree, nil
	}
	// A filter over the table is checked by the engine after the read,
	// whether the lookup's request carries it or not: only without one is
	// the lookup's first row an answer.
	complete := len(filtersAbove(j.Right())) == 0
	right, changed := limitAccess(j.Right(), 1, func(*Table) bool { return complete })
	if !changed {
		return j, transform.SameTree, nil
	}
	next, err := j.WithChildren(j.Left(), right)
	return next, transform.NewTree, err
}

// keyIsNull reports whether cond keeps only the rows a LEFT JOIN made of
// no match: one of its conjuncts is `k IS NULL` for a column k of the
// lookup's key (a row a lookup finds has its key's value, never NULL),
// and no other conjunct reads the right side.
func keyIsNull(cond sql.Expression, right sql.Node) bool {
	access := indexedAccess(right)
	if access == nil {
		return false
	}
	idx, ok := access.Index().(*index)
	if !ok {
		return false
	}
	rightTables := map[string]bool{}
	for _, c := range right.Schema() {
		rightTables[strings.ToLower(c.Source)] = true
	}
	found := false
	for _, c := range expression.SplitConjunction(cond) {
		if isNull, ok := c.(*expression.IsNull); ok {
			if f, ok := isNull.Child.(*expression.GetField); ok && rightTables[strings.ToLower(f.Table())] && slices.Contains(idx.columns, strings.ToLower(f.Name())) {
				found = true
				continue
			}
		}
		reads := false
		sql.Inspect(c, func(e sql.Expression) bool {
			if f, ok := e.(*expression.GetField); ok && rightTables[strings.ToLower(f.Table())] {
				reads = true
			}
			return !reads
		})
		if reads {
			return false
		}
	}
	return found
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
