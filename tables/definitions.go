package tables

import (
	"time"

	"github.com/dolthub/go-mysql-server/sql"
)

// definitionsRefused gives a database the views, triggers, stored
// procedures and events go-mysql-server's privilege layer asks every
// database for (GMS-NOTES "Server, auth, sessions"): none exist, and
// creating one is refused. db names the database in errors.
type definitionsRefused struct{ db string }

// GetStoredProcedures lists none.
func (d definitionsRefused) GetStoredProcedures(*sql.Context) ([]sql.StoredProcedureDetails, error) {
	return nil, nil
}

// CreateView is refused: an Okta org stores no views.
func (d definitionsRefused) CreateView(*sql.Context, string, string, string) error {
	return sql.ErrViewsNotSupported.New(d.db)
}

// DropView is refused: an Okta org stores no views.
func (d definitionsRefused) DropView(_ *sql.Context, name string) error {
	return sql.ErrViewDoesNotExist.New(d.db, name)
}

// GetViewDefinition reports that no view exists.
func (d definitionsRefused) GetViewDefinition(*sql.Context, string) (sql.ViewDefinition, bool, error) {
	return sql.ViewDefinition{}, false, nil
}

// AllViews returns no views.
func (d definitionsRefused) AllViews(*sql.Context) ([]sql.ViewDefinition, error) { return nil, nil }

// GetTriggers returns no triggers.
func (d definitionsRefused) GetTriggers(*sql.Context) ([]sql.TriggerDefinition, error) {
	return nil, nil
}

// CreateTrigger is refused: triggers cannot run inside Okta.
func (d definitionsRefused) CreateTrigger(*sql.Context, sql.TriggerDefinition) error {
	return sql.ErrTriggersNotSupported.New(d.db)
}

// DropTrigger is refused: no trigger exists.
func (d definitionsRefused) DropTrigger(_ *sql.Context, name string) error {
	return sql.ErrTriggerDoesNotExist.New(name)
}

// GetStoredProcedure finds no stored (SQL) procedures; an org's
// procedures are external ones served by the Provider.
func (d definitionsRefused) GetStoredProcedure(*sql.Context, string) (sql.StoredProcedureDetails, bool, error) {
	return sql.StoredProcedureDetails{}, false, nil
}

// SaveStoredProcedure is refused: CREATE PROCEDURE has nowhere to live.
func (d definitionsRefused) SaveStoredProcedure(*sql.Context, sql.StoredProcedureDetails) error {
	return sql.ErrStoredProceduresNotSupported.New(d.db)
}

// DropStoredProcedure is refused: no stored procedure exists.
func (d definitionsRefused) DropStoredProcedure(_ *sql.Context, name string) error {
	return sql.ErrStoredProcedureDoesNotExist.New(name)
}

// GetEvent finds no events.
func (d definitionsRefused) GetEvent(*sql.Context, string) (sql.EventDefinition, bool, error) {
	return sql.EventDefinition{}, false, nil
}

// GetEvents returns no events.
func (d definitionsRefused) GetEvents(*sql.Context) ([]sql.EventDefinition, interface{}, error) {
	return nil, nil, nil
}

// SaveEvent is refused: events cannot run inside Okta.
func (d definitionsRefused) SaveEvent(*sql.Context, sql.EventDefinition) (bool, error) {
	return false, sql.ErrEventsNotSupported.New(d.db)
}

// DropEvent is refused: no event exists.
func (d definitionsRefused) DropEvent(_ *sql.Context, name string) error {
	return sql.ErrEventDoesNotExist.New(name)
}

// UpdateEvent is refused: no event exists.
func (d definitionsRefused) UpdateEvent(_ *sql.Context, name string, _ sql.EventDefinition) (bool, error) {
	return false, sql.ErrEventDoesNotExist.New(name)
}

// UpdateLastExecuted does nothing: no event exists.
func (d definitionsRefused) UpdateLastExecuted(*sql.Context, string, time.Time) error { return nil }

// NeedsToReloadEvents reports that nothing changed.
func (d definitionsRefused) NeedsToReloadEvents(*sql.Context, interface{}) (bool, error) {
	return false, nil
}
