package tables

import (
	"fmt"
	"strings"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
)

// Database is one Okta org as a go-mysql-server database: every catalog
// table is a table of it. Views, triggers, stored procedures and events are
// accepted as no-ops because go-mysql-server's privilege layer requires them
// once users are enabled (GMS-NOTES "Server, auth, sessions").
type Database struct {
	DefinitionsRefused
	org *Org

	mu     sync.Mutex
	tables map[string]*Table // lower-case name -> table, built on first use
}

var (
	_ sql.Database                = (*Database)(nil)
	_ sql.ViewDatabase            = (*Database)(nil)
	_ sql.TriggerDatabase         = (*Database)(nil)
	_ sql.StoredProcedureDatabase = (*Database)(nil)
	_ sql.EventDatabase           = (*Database)(nil)
	_ sql.TemporaryTableCreator   = (*Database)(nil)
	_ sql.TableDropper            = (*Database)(nil)
)

// NewDatabase returns the database for org.
func NewDatabase(org *Org) *Database {
	return &Database{DefinitionsRefused: DefinitionsRefused{db: org.Name}, org: org, tables: map[string]*Table{}}
}

// Name is the database name (the org's name, "okta" by default).
func (d *Database) Name() string { return d.org.Name }

// Org returns the org behind the database.
func (d *Database) Org() *Org { return d.org }

// GetTableInsensitive returns the table named name, case-insensitively (a
// temporary table of the session first, as in MySQL):
// read plain when the session or the org has pushdown off.
func (d *Database) GetTableInsensitive(ctx *sql.Context, name string) (sql.Table, bool, error) {
	if tt := sessionTemp(ctx); tt != nil {
		if t := tt.TemporaryTable(d.Name(), name); t != nil {
			return t, true, nil
		}
	}
	switch strings.ToLower(name) {
	case requestsTable:
		return d.requestsView(), true, nil
	case dryRunTable:
		return d.dryRunView(), true, nil
	}
	t := d.table(name)
	if t == nil {
		return nil, false, nil
	}
	if d.org.NoPushdown || !SessionBool(ctx, VarPushdown) {
		t = t.plainCopy
	}
	d.org.requests.begin(ctx)
	return t.sqlTable(), true, nil
}

func (d *Database) table(name string) *Table {
	key := strings.ToLower(name)
	if key == requestsTable || key == dryRunTable {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if t, ok := d.tables[key]; ok {
		return t
	}
	def := d.org.Catalog.Table(key)
	if def == nil {
		return nil
	}
	t := newTable(d, def)
	d.tables[key] = t
	return t
}

// GetTableNames lists every catalog table.
func (d *Database) GetTableNames(*sql.Context) ([]string, error) {
	names := make([]string, 0, len(d.org.Catalog.Tables)+2)
	for _, t := range d.org.Catalog.Tables {
		names = append(names, t.Name)
	}
	return append(names, requestsTable, dryRunTable), nil
}

// TemporaryTables are a session's temporary tables (CREATE TEMPORARY
// TABLE): the server's sessions hold them, and a Database looks a name up
// there before its own tables, as MySQL does. A session without them
// cannot create any.
type TemporaryTables interface {
	// TemporaryTable returns the temporary table name of database db,
	// nil if there is none.
	TemporaryTable(db, name string) sql.Table
	// CreateTemporaryTable creates one in database db, or fails if db
	// has one of that name already.
	CreateTemporaryTable(db, name string, sch sql.PrimaryKeySchema) error
	// DropTemporaryTable drops one; it reports false if there is none.
	DropTemporaryTable(db, name string) bool
}

// sessionTemp returns the temporary tables of ctx's session, nil for a
// session that cannot hold them.
func sessionTemp(ctx *sql.Context) TemporaryTables {
	tt, _ := ctx.Session.(TemporaryTables)
	return tt
}

// CreateTemporaryTable creates a temporary table in the session
// (TemporaryTables); it may shadow a catalog table, as in MySQL.
func (d *Database) CreateTemporaryTable(ctx *sql.Context, name string, sch sql.PrimaryKeySchema, _ sql.CollationID) error {
	tt := sessionTemp(ctx)
	if tt == nil {
		return sql.ErrTemporaryTableNotSupported.New()
	}
	return tt.CreateTemporaryTable(d.Name(), name, sch)
}

// DropTable drops a temporary table of the session; the catalog's
// tables are Okta's and cannot be dropped.
func (d *Database) DropTable(ctx *sql.Context, name string) error {
	tt := sessionTemp(ctx)
	if tt == nil || !tt.DropTemporaryTable(d.Name(), name) {
		if d.table(name) != nil {
			return fmt.Errorf("oktasql: %s is a table of the Okta API and cannot be dropped; only temporary tables can", name)
		}
		return sql.ErrTableNotFound.New(name)
	}
	return nil
}
