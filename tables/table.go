// Package tables is the go-mysql-server adapter for Okta's tables: the
// Table type that reads a catalog table through the planner and the
// fetcher (its indexes, lookups, bounds, prefetching, scans, rows and
// conversions), its write path, the org's Database with its virtual
// tables (oktasql_requests, oktasql_dry_run) and its procedures. The
// MySQL server around it (the engine, its analyzer rules, sessions and
// wire protocol) is package server.
package tables

import (
	"fmt"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"

	"github.com/oktasql/oktasql/planner"
	"github.com/oktasql/oktasql/schema"
)

// Table is one catalog table. It reads through the planner and the fetcher:
// go-mysql-server offers it the WHERE conjuncts through LookupForExpressions
// and key ranges through its indexes, and it answers with the Okta requests
// that return a superset of the rows; the engine re-checks every predicate
// (PreciseMatch is false), so an answer with pushdown equals one without.
type Table struct {
	db   *Database
	def  *schema.Table
	cols []*schema.Column // the columns of sch, in order
	sch  sql.Schema
	dec  decoder // decodes items into rows of cols
	// full is the schema of every column of def, with its primary key;
	// built once and shared by the table's projections.
	full sql.PrimaryKeySchema
	// projected is nil when every column is returned.
	projected []string
	indexes   []sql.Index
	// limit is the LIMIT of the query reading the table, 0 when none
	// (see PushLimit); order is an ORDER BY the table's endpoint returns
	// rows in (see PushOrder).
	limit int
	order []planner.Order
	// complete says the conjuncts the planner gets are every condition
	// the engine applies to the table's rows (see translated).
	complete bool
	// prefetched holds reads a join's prefetch started for this table.
	prefetched *prefetchSlot
	// plain is set on the copy of the table handed out when pushdown is
	// off (oktasql_pushdown = 0, Org.NoPushdown): only equalities on key
	// columns reach Okta, as the path or required parameters they fill;
	// nothing is searched, filtered, sorted, limited or read by id.
	plain bool
	// plainCopy is that copy.
	plainCopy *Table
}

var (
	_ sql.Table                = (*Table)(nil)
	_ sql.PrimaryKeyTable      = (*Table)(nil)
	_ sql.ProjectedTable       = (*Table)(nil)
	_ sql.IndexSearchableTable = (*Table)(nil)
	_ sql.StatisticsTable      = (*Table)(nil)
	_ sql.IndexRequired        = (*keyedTable)(nil)
)

// keyedTable is a table whose list endpoint needs path parameters
// (group_members needs group_id). Declaring the keys as required predicates
// makes go-mysql-server drive it from the parent in joins; without a key it
// still works, by fanning out over the parent table.
type keyedTable struct{ *Table }

// RequiredPredicates names the key columns.
func (k keyedTable) RequiredPredicates() []string {
	names := make([]string, len(k.def.Keys))
	for i, key := range k.def.Keys {
		names[i] = key.Column
	}
	return names
}

func newTable(db *Database, def *schema.Table) *Table {
	if len(def.Columns) == len(def.Keys) {
		// An item schema with no properties (a free-form object): the whole
		// item is one JSON column. A table needs a column that is not a key,
		// or clients' metadata probes (COM_FIELD_LIST) break.
		cp := *def
		cp.Columns = append(append([]*schema.Column(nil), def.Columns...), &schema.Column{Name: "value", Type: schema.TypeJSON, Nullable: true})
		def = &cp
	}
	t := &Table{db: db, def: def, cols: def.Columns, dec: newDecoder(def, def.Columns), full: primaryKeySchema(def)}
	t.sch = t.full.Schema
	t.indexes = tableIndexes(t)
	p := *t
	p.plain = true
	p.indexes = tableIndexes(&p)
	t.plainCopy, p.plainCopy = &p, &p
	return t
}

// sqlTable returns t as the go-mysql-server table to hand out: key tables
// carry the IndexRequired marker.
func (t *Table) sqlTable() sql.Table {
	if len(t.def.Keys) > 0 {
		return keyedTable{t}
	}
	return t
}

// primaryKeySchema is the schema of every column of def, with its
// primary key declared.
func primaryKeySchema(def *schema.Table) sql.PrimaryKeySchema {
	pk := map[string]bool{}
	for _, c := range def.PrimaryKey {
		pk[c] = true
	}
	sch := make(sql.Schema, len(def.Columns))
	for i, c := range def.Columns {
		sch[i] = &sql.Column{
			Name:       c.Name,
			Type:       sqlType(c),
			Nullable:   !pk[c.Name],
			Source:     def.Name,
			PrimaryKey: pk[c.Name],
			Comment:    columnComment(def, c),
		}
		if pk[c.Name] && c.PathParam == "" {
			// Okta assigns ids: an INSERT may leave the column out.
			sch[i].Default = serverAssigned
		}
	}
	var ords []int
	for _, name := range def.PrimaryKey {
		if i := def.ColumnIndex(name); i >= 0 {
			ords = append(ords, i)
		}
	}
	return sql.NewPrimaryKeySchema(sch, ords...)
}

// serverAssigned is the default of id columns: empty, for Okta to fill.
var serverAssigned, _ = sql.NewColumnDefaultValue(expression.NewLiteral("", idType), idType, true, false, false)

// Name is the table name.
func (t *Table) Name() string { return t.def.Name }

// String names the table for plans.
func (t *Table) String() string { return t.def.Name }

// Schema returns the projected columns.
func (t *Table) Schema() sql.Schema { return t.sch }

// Collation is the server default.
func (t *Table) Collation() sql.CollationID { return sql.Collation_Default }

// Definition returns the catalog entry of the table.
func (t *Table) Definition() *schema.Table { return t.def }

// PrimaryKeySchema declares the primary key so JDBC, SQLAlchemy and BI
// tools see it.
func (t *Table) PrimaryKeySchema() sql.PrimaryKeySchema { return t.full }

// WithProjections limits decoding to the named columns.
func (t *Table) WithProjections(names []string) sql.Table { return t.project(names).sqlTable() }

// project returns the table reading only the named columns.
func (t *Table) project(names []string) *Table {
	cp := *t
	cp.projected = names
	cp.cols = make([]*schema.Column, 0, len(names))
	cp.sch = make(sql.Schema, 0, len(names))
	for _, n := range names {
		if i := t.def.ColumnIndex(n); i >= 0 {
			cp.cols = append(cp.cols, t.def.Columns[i])
			cp.sch = append(cp.sch, t.full.Schema[i])
		}
	}
	cp.dec = newDecoder(t.def, cp.cols)
	return &cp
}

// reads reports whether the table's rows carry column name.
func (t *Table) reads(name string) bool {
	for _, c := range t.cols {
		if c.Name == name {
			return true
		}
	}
	return false
}

// Projections returns the projected column names, nil when all.
func (t *Table) Projections() []string { return t.projected }

// Partitions returns one partition: a full read of the table, planned with
// no predicates (a fan-out for key tables).
func (t *Table) Partitions(*sql.Context) (sql.PartitionIter, error) {
	return newPartitionIter(&partition{}), nil
}

// PartitionRows plans and streams the rows of p.
func (t *Table) PartitionRows(ctx *sql.Context, p sql.Partition) (sql.RowIter, error) {
	part, ok := p.(*partition)
	if !ok {
		return nil, fmt.Errorf("oktasql: table %s got a foreign partition %T", t.def.Name, p)
	}
	return t.rows(ctx, part)
}

// DataLength is unknown without calling Okta, which introspection never does.
func (t *Table) DataLength(*sql.Context) (uint64, error) { return 0, nil }

// RowCount is a fixed estimate, never a call to Okta: it steers
// go-mysql-server's join ordering so that a table needing a parent key is
// read per parent row (a lookup join) rather than fanned out in full. It is
// reported as inexact, so count(*) stays an ordinary scan.
func (t *Table) RowCount(*sql.Context) (uint64, bool, error) {
	return uint64(t.estimatedRows()), false, nil
}

// estimatedRows is RowCount's fixed estimate; the planner prices a full
// read with it too.
func (t *Table) estimatedRows() int {
	switch {
	case t.def.SingleRow:
		return 1
	case t.def.Name == "system_log":
		return 100_000
	case t.def.Name == "users", t.def.Name == "group_members", t.def.Name == "app_users", t.def.Name == "devices":
		return 10_000
	}
	return 1000
}

// readsToEnd says every page of the read will be read: no LIMIT stops it
// early (a LIMIT is what sets Call.MaxRows), so pages may be fetched
// ahead and calls run at once without wasting requests.
func (t *Table) readsToEnd() bool { return t.limit == 0 }

// plan turns the conjuncts into an API request plan.
func (t *Table) plan(where []planner.Expr, parts planner.Partitions) (*planner.Plan, error) {
	return planner.Build(planner.Query{Table: t.def, Where: where, Limit: t.limit, Complete: t.complete, OrderBy: t.order, Partitions: parts, Columns: t.projected, Now: t.db.org.now(), TableRows: t.estimatedRows()})
}
