package tables

import (
	"fmt"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
)

// UnsafeWriteError refuses an UPDATE or DELETE that would read a whole
// table because its WHERE restricts nothing Okta can narrow by.
type UnsafeWriteError struct{ Statement, Table string }

func (e *UnsafeWriteError) Error() string {
	return fmt.Sprintf("%s %s has no WHERE clause that narrows the rows (it would scan the whole table); "+
		"narrow it (for example WHERE id = '...'), or SET sql_safe_updates = 0 to proceed", e.Statement, e.Table)
}

// checkSafeUpdates refuses, while sql_safe_updates is on, an UPDATE or
// DELETE whose target table is read by a full scan rather than through a
// lookup (ids, keys or pushed predicates).
func checkSafeUpdates(ctx *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	var stmt string
	switch n.(type) {
	case *plan.Update:
		stmt = "UPDATE"
	case *plan.DeleteFrom:
		stmt = "DELETE FROM"
	default:
		return n, transform.SameTree, nil
	}
	if !sessionBool(ctx, varSafeUpdates) {
		return n, transform.SameTree, nil
	}
	var scanned string
	transform.Inspect(n, func(node sql.Node) bool {
		if rt, ok := node.(*plan.ResolvedTable); ok {
			if t := ourTable(rt.UnderlyingTable()); t != nil && scanned == "" {
				scanned = t.def.Name
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
