package tables

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/oktasql/oktasql/planner"
)

// index is an index oktasql declares on a table: the primary key (point GETs
// by id, lookup joins on id) and, for key tables, the key columns (one list
// call per parent key). Any range is accepted: ranges that are not points
// simply do not narrow the request, and the engine re-checks the filter.
type index struct {
	id      string
	table   *Table
	columns []string
	unique  bool
	// pushed, on a copy handed out by LookupForExpressions, holds the WHERE
	// conjuncts the planner turns into Okta query parameters.
	pushed []planner.Expr
}

var _ sql.OrderedIndex = (*index)(nil)

func tableIndexes(t *Table) []sql.Index {
	var out []sql.Index
	if t.plain {
		if len(t.def.Keys) > 0 {
			out = append(out, &index{id: "parent_key", table: t, columns: t.RequiredKeyNames()})
		}
		return out
	}
	if len(t.def.PrimaryKey) > 0 {
		out = append(out, &index{id: "PRIMARY", table: t, columns: t.def.PrimaryKey, unique: true})
	}
	if len(t.def.Keys) > 0 {
		out = append(out, &index{id: "parent_key", table: t, columns: t.RequiredKeyNames()})
	}
	if len(out) == 0 && len(t.def.Columns) > 0 {
		// LookupForExpressions needs an index to attach pushed predicates to.
		out = append(out, &index{id: "pushdown", table: t, columns: []string{t.def.Columns[0].Name}})
	}
	return out
}

// RequiredKeyNames lists the key columns of the table, in path order.
func (t *Table) RequiredKeyNames() []string {
	names := make([]string, len(t.def.Keys))
	for i, k := range t.def.Keys {
		names[i] = k.Column
	}
	return names
}

// ID names the index.
func (i *index) ID() string { return i.id }

// Database is the org's database name.
func (i *index) Database() string { return i.table.db.Name() }

// Table is the table name.
func (i *index) Table() string { return i.table.def.Name }

// Expressions returns the indexed columns as "table.column".
func (i *index) Expressions() []string {
	out := make([]string, len(i.columns))
	for k, c := range i.columns {
		out[k] = i.table.def.Name + "." + c
	}
	return out
}

// IsUnique is true for the primary key.
func (i *index) IsUnique() bool { return i.unique }

// IsSpatial is false.
func (i *index) IsSpatial() bool { return false }

// IsFullText is false.
func (i *index) IsFullText() bool { return false }

// IsVector is false.
func (i *index) IsVector() bool { return false }

// Comment describes what the index does.
func (i *index) Comment() string {
	if len(i.pushed) > 0 {
		parts := make([]string, len(i.pushed))
		for k, e := range i.pushed {
			parts[k] = e.String()
		}
		return "okta pushdown: " + strings.Join(parts, " AND ")
	}
	return "okta " + i.id
}

// IndexType is a nominal BTREE, which BI tools understand.
func (i *index) IndexType() string { return "BTREE" }

// IsGenerated is false for the declared indexes.
func (i *index) IsGenerated() bool { return i.id == "pushdown" }

// ColumnExpressionTypes returns the indexed columns with their types.
func (i *index) ColumnExpressionTypes() []sql.ColumnExpressionType {
	out := make([]sql.ColumnExpressionType, len(i.columns))
	for k, c := range i.columns {
		col := i.table.def.Column(c)
		out[k] = sql.ColumnExpressionType{Expression: i.table.def.Name + "." + c, Type: sqlType(col)}
	}
	return out
}

// CanSupport accepts every range; see the type comment.
func (i *index) CanSupport(*sql.Context, ...sql.Range) bool { return true }

// CanSupportOrderBy is false: Okta's order is not an index order.
func (i *index) CanSupportOrderBy(sql.Expression) bool { return false }

// Order is none: rows come in the API's order, not the index's.
func (i *index) Order() sql.IndexOrder { return sql.IndexOrderNone }

// Reversible is false: the API's order cannot be read backwards.
func (i *index) Reversible() bool { return false }

// PrefixLengths has none.
func (i *index) PrefixLengths() []uint16 { return nil }

// withPushed returns a copy of i carrying the pushed conjuncts.
func (i *index) withPushed(exprs []planner.Expr) *index {
	cp := *i
	cp.pushed = exprs
	return &cp
}

// allRanges returns a range collection that covers every value of the
// index's columns: the lookup narrows through the pushed conjuncts instead.
func (i *index) allRanges() sql.MySQLRangeCollection {
	r := make(sql.MySQLRange, len(i.columns))
	for k, c := range i.columns {
		r[k] = sql.AllRangeColumnExpr(sqlType(i.table.def.Column(c)))
	}
	return sql.MySQLRangeCollection{r}
}
