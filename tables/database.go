package tables

import (
	"strings"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
)

// Database is one Okta org as a go-mysql-server database: every catalog
// table is a table of it. Views, triggers, stored procedures and events are
// accepted as no-ops because go-mysql-server's privilege layer requires them
// once users are enabled (GMS-NOTES "Server, auth, sessions").
type Database struct {
	definitionsRefused
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
)

// NewDatabase returns the database for org.
func NewDatabase(org *Org) *Database {
	return &Database{definitionsRefused: definitionsRefused{db: org.Name}, org: org, tables: map[string]*Table{}}
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
		if t := tt.get(d.Name(), name); t != nil {
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
	if d.org.NoPushdown || !sessionBool(ctx, varPushdown) {
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
