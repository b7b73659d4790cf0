package tables

import "github.com/dolthub/go-mysql-server/sql"

// EndSession forgets what the engine keeps for sess: the request log and
// the dry run of its last statements. A caller that opens a session per
// request (the MCP server) ends each, so they do not pile up; the server
// does the same when a connection closes.
func (e *Engine) EndSession(sess sql.Session) { e.forgetSession(sess.ID()) }
