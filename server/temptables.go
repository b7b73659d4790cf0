package server

import (
	"strings"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/oktasql/oktasql/tables"
)

var (
	_ tables.TemporaryTables = (*clientSession)(nil)
	_ sql.InsertableTable    = (*tempTable)(nil)
	_ sql.DeletableTable     = (*tempTable)(nil)
	_ sql.TruncateableTable  = (*tempTable)(nil)
	_ sql.TemporaryTable     = (*tempTable)(nil)
)

// tempTables are a session's temporary tables: database -> lower-case
// name -> table. They live in memory and end with the session.
type tempTables struct {
	mu     sync.Mutex
	tables map[string]map[string]*tempTable
}

// get returns the temporary table name of database db, nil if none.
func (tt *tempTables) get(db, name string) *tempTable {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	return tt.tables[strings.ToLower(db)][strings.ToLower(name)]
}

// TemporaryTable returns the session's temporary table name of database
// db, nil if none.
func (s *clientSession) TemporaryTable(db, name string) sql.Table {
	if t := s.temp.get(db, name); t != nil {
		return t
	}
	return nil
}

// CreateTemporaryTable creates a temporary table in the session: in
// memory, seen only by the session, gone when it ends (Tableau's probe,
// CREATE TEMPORARY TABLE t AS SELECT ...). It may shadow a catalog table,
// as in MySQL.
func (s *clientSession) CreateTemporaryTable(db, name string, sch sql.PrimaryKeySchema) error {
	tt := &s.temp
	tt.mu.Lock()
	defer tt.mu.Unlock()
	dbKey, key := strings.ToLower(db), strings.ToLower(name)
	if tt.tables[dbKey][key] != nil {
		return sql.ErrTableAlreadyExists.New(name)
	}
	if tt.tables == nil {
		tt.tables = map[string]map[string]*tempTable{}
	}
	if tt.tables[dbKey] == nil {
		tt.tables[dbKey] = map[string]*tempTable{}
	}
	cols := sch.Schema.Copy()
	for _, c := range cols {
		c.Source = name
		c.DatabaseSource = db
	}
	tt.tables[dbKey][key] = &tempTable{name: name, sch: sql.NewPrimaryKeySchema(cols, sch.PkOrdinals...)}
	return nil
}

// DropTemporaryTable drops a temporary table of the session; it reports
// false if there is none.
func (s *clientSession) DropTemporaryTable(db, name string) bool {
	tt := &s.temp
	tt.mu.Lock()
	defer tt.mu.Unlock()
	dbKey, key := strings.ToLower(db), strings.ToLower(name)
	if tt.tables[dbKey][key] == nil {
		return false
	}
	delete(tt.tables[dbKey], key)
	return true
}

// tempTable is a session's temporary table: rows in memory.
type tempTable struct {
	name string
	sch  sql.PrimaryKeySchema
	mu   sync.Mutex
	rows []sql.Row
}

// Name is the table's name.
func (t *tempTable) Name() string { return t.name }

// String is the table's name.
func (t *tempTable) String() string { return t.name }

// Schema is the schema it was created with.
func (t *tempTable) Schema() sql.Schema { return t.sch.Schema }

// PrimaryKeySchema is the schema with its primary key.
func (t *tempTable) PrimaryKeySchema() sql.PrimaryKeySchema { return t.sch }

// Collation is the server default.
func (t *tempTable) Collation() sql.CollationID { return sql.Collation_Default }

// IsTemporary reports that the table belongs to a session.
func (t *tempTable) IsTemporary() bool { return true }

// Partitions is one partition.
func (t *tempTable) Partitions(*sql.Context) (sql.PartitionIter, error) {
	return sql.PartitionsToPartitionIter(onePartition{}), nil
}

// PartitionRows returns a snapshot of the rows.
func (t *tempTable) PartitionRows(*sql.Context, sql.Partition) (sql.RowIter, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return sql.RowsToRowIter(append([]sql.Row(nil), t.rows...)...), nil
}

// Inserter appends rows; a failed statement keeps none of its rows.
func (t *tempTable) Inserter(*sql.Context) sql.RowInserter { return &tempEditor{t: t} }

// Deleter removes rows equal to the ones given.
func (t *tempTable) Deleter(*sql.Context) sql.RowDeleter { return &tempEditor{t: t} }

// Truncate removes every row.
func (t *tempTable) Truncate(*sql.Context) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(t.rows)
	t.rows = nil
	return n, nil
}

// onePartition is the one partition of a table held in memory.
type onePartition struct{}

// Key names the partition.
func (onePartition) Key() []byte { return []byte("all") }

// tempEditor inserts into or deletes from a tempTable, statement by
// statement: the rows are kept aside and applied when the statement
// completes.
type tempEditor struct {
	t              *tempTable
	insert, delete []sql.Row
}

// StatementBegin starts a statement.
func (e *tempEditor) StatementBegin(*sql.Context) { e.insert, e.delete = nil, nil }

// DiscardChanges forgets the statement's rows.
func (e *tempEditor) DiscardChanges(*sql.Context, error) error {
	e.insert, e.delete = nil, nil
	return nil
}

// StatementComplete applies the statement's rows.
func (e *tempEditor) StatementComplete(ctx *sql.Context) error {
	e.t.mu.Lock()
	defer e.t.mu.Unlock()
	e.t.rows = append(e.t.rows, e.insert...)
	for _, del := range e.delete {
		for i, r := range e.t.rows {
			if eq, err := r.Equals(ctx, del, e.t.sch.Schema); err == nil && eq {
				e.t.rows = append(e.t.rows[:i], e.t.rows[i+1:]...)
				break
			}
		}
	}
	e.insert, e.delete = nil, nil
	return nil
}

// Insert keeps a row for the statement's end.
func (e *tempEditor) Insert(_ *sql.Context, row sql.Row) error {
	e.insert = append(e.insert, row.Copy())
	return nil
}

// Delete marks a row for the statement's end.
func (e *tempEditor) Delete(_ *sql.Context, row sql.Row) error {
	e.delete = append(e.delete, row.Copy())
	return nil
}

// Close ends the editor.
func (e *tempEditor) Close(*sql.Context) error { return nil }
