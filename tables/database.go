package tables

import (
	"strings"
	"sync"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
)

// Database is one Okta org as a go-mysql-server database: every catalog
// table is a table of it. Views, triggers, stored procedures and events are
// accepted as no-ops because go-mysql-server's privilege layer requires them
// once users are enabled (GMS-NOTES "Server, auth, sessions").
type Database struct {
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
	return &Database{org: org, tables: map[string]*Table{}}
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

// CreateView is refused: an Okta org stores no views.
func (d *Database) CreateView(*sql.Context, string, string, string) error {
	return sql.ErrViewsNotSupported.New(d.Name())
}

// DropView is refused: an Okta org stores no views.
func (d *Database) DropView(_ *sql.Context, name string) error {
	return sql.ErrViewDoesNotExist.New(d.Name(), name)
}

// GetViewDefinition reports that no view exists.
func (d *Database) GetViewDefinition(*sql.Context, string) (sql.ViewDefinition, bool, error) {
	return sql.ViewDefinition{}, false, nil
}

// AllViews returns no views.
func (d *Database) AllViews(*sql.Context) ([]sql.ViewDefinition, error) { return nil, nil }

// GetTriggers returns no triggers.
func (d *Database) GetTriggers(*sql.Context) ([]sql.TriggerDefinition, error) { return nil, nil }

// CreateTrigger is refused: triggers cannot run inside Okta.
func (d *Database) CreateTrigger(*sql.Context, sql.TriggerDefinition) error {
	return sql.ErrTriggersNotSupported.New(d.Name())
}

// DropTrigger is refused: no trigger exists.
func (d *Database) DropTrigger(_ *sql.Context, name string) error {
	return sql.ErrTriggerDoesNotExist.New(name)
}

// GetStoredProcedure finds no stored (SQL) procedures; oktasql's procedures
// are external ones served by the Provider.
func (d *Database) GetStoredProcedure(*sql.Context, string) (sql.StoredProcedureDetails, bool, error) {
	return sql.StoredProcedureDetails{}, false, nil
}

// SaveStoredProcedure is refused: CREATE PROCEDURE has nowhere to live.
func (d *Database) SaveStoredProcedure(*sql.Context, sql.StoredProcedureDetails) error {
	return sql.ErrStoredProceduresNotSupported.New(d.Name())
}

// DropStoredProcedure is refused: no stored procedure exists.
func (d *Database) DropStoredProcedure(_ *sql.Context, name string) error {
	return sql.ErrStoredProcedureDoesNotExist.New(name)
}

// GetEvent finds no events.
func (d *Database) GetEvent(*sql.Context, string) (sql.EventDefinition, bool, error) {
	return sql.EventDefinition{}, false, nil
}

// GetEvents returns no events.
func (d *Database) GetEvents(*sql.Context) ([]sql.EventDefinition, interface{}, error) {
	return nil, nil, nil
}

// SaveEvent is refused: events cannot run inside Okta.
func (d *Database) SaveEvent(*sql.Context, sql.EventDefinition) (bool, error) {
	return false, sql.ErrEventsNotSupported.New(d.Name())
}

// DropEvent is refused: no event exists.
func (d *Database) DropEvent(_ *sql.Context, name string) error {
	return sql.ErrEventDoesNotExist.New(name)
}

// UpdateEvent is refused: no event exists.
func (d *Database) UpdateEvent(_ *sql.Context, name string, _ sql.EventDefinition) (bool, error) {
	return false, sql.ErrEventDoesNotExist.New(name)
}

// UpdateLastExecuted does nothing: no event exists.
func (d *Database) UpdateLastExecuted(*sql.Context, string, time.Time) error { return nil }

// NeedsToReloadEvents reports that nothing changed.
func (d *Database) NeedsToReloadEvents(*sql.Context, interface{}) (bool, error) { return false, nil }
