package tables

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/oktasql/oktasql/planner"
)

// go-mysql-server prints a FilteredTable's Filters() in EXPLAIN output; the
// analyzer never pushes filters through that interface (GMS-NOTES), so
// oktasql uses it only to show the Okta requests a table access makes.
var (
	_ sql.FilteredTable = (*Table)(nil)
	_ sql.FilteredTable = (*indexedTable)(nil)
)

// Filters describes the requests of a full read, for EXPLAIN.
func (t *Table) Filters() []sql.Expression { return t.explain(nil) }

// HandledFilters handles none: predicates are pushed through indexes.
func (t *Table) HandledFilters([]sql.Expression) []sql.Expression { return nil }

// WithFilters returns the table unchanged.
func (t *Table) WithFilters(*sql.Context, []sql.Expression) sql.Table { return t.sqlTable() }

// Filters describes the requests of the lookup, for EXPLAIN.
func (it *indexedTable) Filters() []sql.Expression {
	where, perRow := it.explainWhere()
	if perRow != "" {
		return []sql.Expression{note(perRow)}
	}
	return it.explain(where)
}

// explainWhere returns the conjuncts the lookup pushes, or, for a lookup
// by the outer row of a join, the line that says so.
func (it *indexedTable) explainWhere() (where []planner.Expr, perRow string) {
	idx, ok := it.lookup.Index.(*index)
	if !ok {
		return nil, ""
	}
	if idx.pushed != nil {
		return idx.pushed, ""
	}
	if ranges, ok := it.lookup.Ranges.(sql.MySQLRangeCollection); ok {
		if keys := pointConjuncts(idx.columns, ranges); len(keys) > 0 {
			return keys, ""
		}
	}
	return nil, "one request per outer row: " + strings.Join(idx.Expressions(), ", ") + " from the outer row"
}

// WithFilters returns the table unchanged.
func (it *indexedTable) WithFilters(*sql.Context, []sql.Expression) sql.Table { return it }

// explain renders the plan of where as EXPLAIN lines.
func (t *Table) explain(where []planner.Expr) []sql.Expression {
	plan, err := t.plan(where, planner.Partitions{})
	if err != nil {
		return []sql.Expression{note("error: " + err.Error())}
	}
	lines := plan.Explain()
	out := make([]sql.Expression, len(lines))
	for i, l := range lines {
		out[i] = note(l)
	}
	return out
}

func note(s string) sql.Expression { return expression.NewLiteral(s, types.LongText) }
