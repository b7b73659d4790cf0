package server

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// clientSession is the session of a client (a connection or the shell).
// It remembers the warning count of its previous statement
// (go-mysql-server clears the warnings before a statement runs, so SELECT
// @@warning_count would always see its own 0), holds its temporary tables
// and reads its statements in its character set (clientText).
type clientSession struct {
	*sql.BaseSession
	previousWarnings uint16
	// temp are the session's temporary tables.
	temp tempTables
}

// newClientSession wraps a base session.
func newClientSession(s *sql.BaseSession) *clientSession { return &clientSession{BaseSession: s} }

// ClearWarnings keeps the count of the statement that ends, then clears.
func (s *clientSession) ClearWarnings() {
	s.previousWarnings = s.WarningCount()
	s.BaseSession.ClearWarnings()
}

// varWarningCount is MySQL's @@warning_count: the number of warnings of
// the session's previous statement.
const varWarningCount = "warning_count"

// warningCountVar is @@warning_count, read from the session's count of
// its previous statement's warnings (see clientSession).
type warningCountVar struct{ *sql.MysqlSystemVariable }

// GetSessionScope returns the scope that reads the session's count.
func (v warningCountVar) GetSessionScope() sql.SystemVariableScope {
	return warningCountScope{sql.GetMysqlScope(sql.SystemVariableScope_Session)}
}

// warningCountScope reads @@warning_count from a clientSession.
type warningCountScope struct{ *sql.MysqlScope }

// GetValue returns the previous statement's warning count.
func (warningCountScope) GetValue(ctx *sql.Context, _ string, _ sql.CollationID) (any, error) {
	if s, ok := ctx.Session.(*clientSession); ok {
		return uint64(s.previousWarnings), nil
	}
	return uint64(0), nil
}

// IsSessionOnly reports that @@warning_count belongs to the session.
func (warningCountScope) IsSessionOnly() bool { return true }

// warningCountVariable declares @@warning_count.
func warningCountVariable() sql.SystemVariable {
	return warningCountVar{&sql.MysqlSystemVariable{
		Name:  varWarningCount,
		Scope: sql.GetMysqlScope(sql.SystemVariableScope_Session),
		Type:  types.NewSystemUintType(varWarningCount, 0, 65535),
	}}
}

// EndSession forgets what the engine keeps for sess: the request log and
// the dry run of its last statements. A caller that opens a session per
// request (the MCP server) ends each, so they do not pile up; the server
// does the same when a connection closes.
func (e *Engine) EndSession(sess sql.Session) { e.forgetSession(sess.ID()) }
