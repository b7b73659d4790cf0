package tables

import (
	"fmt"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"

	"github.com/oktasql/oktasql/planner"
)

// UnsafeWriteError refuses an UPDATE or DELETE that would read a whole
// table because its WHERE restricts nothing Okta can narrow by.
type UnsafeWriteError struct{ Statement, Table string }

func (e *UnsafeWriteError) Error() string {
	return fmt.Sprintf("%s %s has no WHERE clause that narrows the rows (it would scan the whole table); "+
		"narrow it (for example WHERE id = '...'), or SET sql_safe_updates = 0 to proceed", e.Statement, e.Table)
}

// CheckSafeUpdates refuses, while sql_safe_updates is on, an UPDATE or
// DELETE whose target table is read by a full scan: directly, or through a
// lookup whose requests are those of a full scan (a WHERE on columns Okta
// cannot filter by, checked by oktasql on every row).
func CheckSafeUpdates(ctx *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	var stmt string
	switch n.(type) {
	case *plan.Update:
		stmt = "UPDATE"
	case *plan.DeleteFrom:
		stmt = "DELETE FROM"
	default:
		return n, transform.SameTree, nil
	}
	if !SessionBool(ctx, VarSafeUpdates) {
		return n, transform.SameTree, nil
	}
	var scanned string
	transform.Inspect(n, func(node sql.Node) bool {
		switch node := node.(type) {
		case *plan.ResolvedTable:
			if t := ourTable(node.UnderlyingTable()); t != nil && !t.oneRow() && scanned == "" {
				scanned = t.def.Name
			}
		case *plan.IndexedTableAccess:
			if it, ok := node.Table.(*indexedTable); ok && !it.narrows() && scanned == "" {
				scanned = it.def.Name
			}
		}
		return true
	})
	if scanned != "" {
		return nil, transform.SameTree, &UnsafeWriteError{Statement: stmt, Table: scanned}
	}
	return n, transform.SameTree, nil
}

// ourTable returns the oktasql table behind t, or nil.
func ourTable(t sql.Table) *Table {
	switch t := t.(type) {
	case *Table:
		return t
	case keyedTable:
		return t.Table
	}
	return nil
}

// oneRow reports whether the table has one row whatever the WHERE: a
// single-object table without keys (the org's settings).
func (t *Table) oneRow() bool { return t.def.SingleRow && len(t.def.Keys) == 0 }

// narrows reports whether the lookup reads less than the whole table: its
// requests differ from a full scan's, or it names rows by their whole
// primary key (WHERE kid = '...' on idp_keys, read by listing them all).
// Lookups built per outer row (joins, IN subqueries) and point lookups on
// keys narrow, as does any read of a one-row table.
func (it *indexedTable) narrows() bool {
	idx, ok := it.lookup.Index.(*index)
	if !ok || it.lookup.IsEmptyRange || it.oneRow() {
		return true
	}
	where := idx.pushed
	if where == nil {
		ranges, ok := it.lookup.Ranges.(sql.MySQLRangeCollection)
		if !ok {
			return true
		}
		if where = pointConjuncts(idx.columns, ranges); len(where) == 0 {
			return false
		}
	}
	if it.namesByPrimaryKey(where) {
		return true
	}
	narrow, err := it.plan(where, planner.Partitions{})
	if err != nil {
		return true // the read fails with the plan's error
	}
	full, err := it.plan(nil, planner.Partitions{})
	return err != nil || requestLines(narrow) != requestLines(full)
}

// namesByPrimaryKey reports whether where gives every primary key column
// its values (= or IN): it names rows one by one.
func (t *Table) namesByPrimaryKey(where []planner.Expr) bool {
	if len(t.def.PrimaryKey) == 0 {
		return false
	}
	for _, col := range t.def.PrimaryKey {
		named := false
		for _, e := range where {
			if c, ok := e.(planner.Cmp); ok && c.Column == col && (c.Op == planner.OpEq || c.Op == planner.OpIn) {
				named = true
			}
		}
		if !named {
			return false
		}
	}
	return true
}

// requestLines renders the requests of a plan, to compare plans.
func requestLines(p *planner.Plan) string {
	var b strings.Builder
	for _, c := range p.Calls {
		b.WriteString(c.Line() + "\n")
	}
	if p.FanOut != nil {
		b.WriteString("fan-out over " + p.FanOut.Key.SourceTable + ": " + p.FanOut.Template.Line())
	}
	return b.String()
}
