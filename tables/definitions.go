package tables

import (
	"time"

	"github.com/dolthub/go-mysql-server/sql"
)

// DefinitionsRefused gives a database the views, triggers, stored
// procedures and events go-mysql-server's privilege layer asks every
// database for (GMS-NOTES "Server, auth, sessions"): none exist, and
// creating one is refused. db names the database in errors.
type DefinitionsRefused struct{ db string }

// NewDefinitionsRefused returns the refusals of database db (the name its
// errors give): the server's system databases embed them too.
func NewDefinitionsRefused(db string) DefinitionsRefused { return DefinitionsRefused{db: db} }

// GetStoredProcedures lists none.
func (d DefinitionsRefused) GetStoredProcedures(*sql.Context) ([]sql.StoredProcedureDetails, error) {
	return nil, nil
}

// CreateView is refused: an Okta org stores no views.
func (d DefinitionsRefused) CreateView(*sql.Context, string, string, string) error {
	return sql.ErrViewsNotSupported.New(d.db)
}

// DropView is refused: an Okta org stores no views.
func (d DefinitionsRefused) DropView(_ *sql.Context, name string) error {
	return sql.ErrViewDoesNotExist.New(d.db, name)
}

// GetViewDefinition reports that no view exists.
func (d DefinitionsRefused) GetViewDefinition(*sql.Context, string) (sql.ViewDefinition, bool, error) {
	return sql.ViewDefinition{}, false, nil
}

// AllViews returns no views.
func (d DefinitionsRefused) AllViews(*sql.Context) ([]sql.ViewDefinition, error) { return nil, nil }

// GetTriggers returns no triggers.
func (d DefinitionsRefused) GetTriggers(*sql.Context) ([]sql.TriggerDefinition, error) {
	return nil, nil
}

// CreateTrigger is refused: triggers cannot run inside Okta.
func (d DefinitionsRefused) CreateTrigger(*sql.Context, sql.TriggerDefinition) error {
	return sql.ErrTriggersNotSupported.New(d.db)
}

// DropTrigger is refused: no trigger exists.
func (d DefinitionsRefused) DropTrigger(_ *sql.Context, name string) error {
	return sql.ErrTriggerDoesNotExist.New(name)
}

// GetStoredProcedure finds no stored (SQL) procedures; an org's
// procedures are external ones served by the Provider.
func (d DefinitionsRefused) GetStoredProcedure(*sql.Context, string) (sql.StoredProcedureDetails, bool, error) {
	return sql.StoredProcedureDetails{}, false, nil
}

// SaveStoredProcedure is refused: CREATE PROCEDURE has nowhere to live.
func (d DefinitionsRefused) SaveStoredProcedure(*sql.Context, sql.StoredProcedureDetails) error {
	return sql.ErrStoredProceduresNotSupported.New(d.db)
}

// DropStoredProcedure is refused: no stored procedure exists.
func (d DefinitionsRefused) DropStoredProcedure(_ *sql.Context, name string) error {
	return sql.ErrStoredProcedureDoesNotExist.New(name)
}

// GetEvent finds no events.
func (d DefinitionsRefused) GetEvent(*sql.Context, string) (sql.EventDefinition, bool, error) {
	return sql.EventDefinition{}, false, nil
}

// GetEvents returns no events.
func (d DefinitionsRefused) GetEvents(*sql.Context) ([]sql.EventDefinition, interface{}, error) {
	return nil, nil, nil
}

// SaveEvent is refused: events cannot run inside Okta.
func (d DefinitionsRefused) SaveEvent(*sql.Context, sql.EventDefinition) (bool, error) {
	return false, sql.ErrEventsNotSupported.New(d.db)
}

// DropEvent is refused: no event exists.
func (d DefinitionsRefused) DropEvent(_ *sql.Context, name string) error {
	return sql.ErrEventDoesNotExist.New(name)
}

// UpdateEvent is refused: no event exists.
func (d DefinitionsRefused) UpdateEvent(_ *sql.Context, name string, _ sql.EventDefinition) (bool, error) {
	return false, sql.ErrEventDoesNotExist.New(name)
}

// UpdateLastExecuted does nothing: no event exists.
func (d DefinitionsRefused) UpdateLastExecuted(*sql.Context, string, time.Time) error { return nil }

// NeedsToReloadEvents reports that nothing changed.
func (d DefinitionsRefused) NeedsToReloadEvents(*sql.Context, interface{}) (bool, error) {
	return false, nil
}
