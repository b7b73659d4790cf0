package tables

import "github.com/dolthub/go-mysql-server/sql"

// EndSession forgets what the engine keeps for sess: the request log and
// the dry run of its last statements. A caller that opens a session per
// request (the MCP server) ends each, so they do not pile up.
func (e *Engine) EndSession(sess sql.Session) {
	for _, db := range e.provider.dbs {
		db.org.requests.forget(sess.ID())
		db.org.dryRuns.forget(sess.ID())
	}
}

// forget drops the calls of session id.
func (l *requestLog) forget(id uint32) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.sessions, id)
}

// forget drops the dry run of session id.
func (l *dryRunLog) forget(id uint32) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.calls, id)
}
