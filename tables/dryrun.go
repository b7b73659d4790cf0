package tables

import (
	"encoding/json"
	"net/url"
	"strings"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// dryRunTable is the name of the virtual table that lists the calls the
// session's last dry-run statement would have made.
const dryRunTable = "oktasql_dry_run"

// plannedCall is one call a dry run reports instead of making it.
type plannedCall struct {
	method, path string
	query        url.Values
	body         any // secrets already masked
}

// line renders the call for a note: METHOD path?query body.
func (c plannedCall) line() string {
	line := c.method + " " + c.path
	if len(c.query) > 0 {
		line += "?" + c.query.Encode()
	}
	if c.body != nil {
		b, _ := json.Marshal(c.body)
		line += " " + string(b)
	}
	return line
}

// dryRunLog keeps, per session, the calls of the last statement run in
// dry run.
type dryRunLog struct {
	mu    sync.Mutex
	calls map[uint32][]plannedCall
}

// report makes calls the session's dry run: one note each (SHOW
// WARNINGS) and the rows of oktasql_dry_run. Bodies are masked here.
func (l *dryRunLog) report(ctx *sql.Context, calls []plannedCall) {
	for i := range calls {
		calls[i].body = maskSecrets(calls[i].body, "")
		ctx.Warn(0, "dry run: %s", calls[i].line())
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.calls == nil {
		l.calls = map[uint32][]plannedCall{}
	}
	l.calls[ctx.Session.ID()] = calls
}

func (l *dryRunLog) last(ctx *sql.Context) []plannedCall {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.calls[ctx.Session.ID()]
}

// dryRunSchema is the schema of oktasql_dry_run.
var dryRunSchema = sql.Schema{
	{Name: "seq", Type: types.Int64, Source: dryRunTable},
	{Name: "method", Type: types.LongText, Source: dryRunTable},
	{Name: "path", Type: types.LongText, Source: dryRunTable},
	{Name: "query", Type: types.LongText, Source: dryRunTable, Nullable: true},
	{Name: "body", Type: types.JSON, Source: dryRunTable, Nullable: true},
}

// dryRunView is oktasql_dry_run: after a statement run with oktasql_dry_run
// on, `SELECT * FROM oktasql_dry_run` lists the calls it would have made,
// one row each, secrets masked.
func (d *Database) dryRunView() virtualTable {
	return virtualTable{name: dryRunTable, schema: dryRunSchema, rows: func(ctx *sql.Context) []sql.Row {
		calls := d.org.dryRuns.last(ctx)
		rows := make([]sql.Row, len(calls))
		for i, c := range calls {
			var q, body any
			if len(c.query) > 0 {
				q = c.query.Encode()
			}
			if c.body != nil {
				body = types.JSONDocument{Val: c.body}
			}
			rows[i] = sql.Row{int64(i + 1), c.method, c.path, q, body}
		}
		return rows
	}}
}

// masked replaces a secret in dry-run output.
const masked = "********"

// maskSecrets returns a copy of v, a JSON value, whose secrets are masked:
// every string under a key naming a password, secret, token, answer or
// key material, and the value of an event or inline hook's authScheme and
// headers. parent is the key v sits under.
func maskSecrets(v any, parent string) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			if isSecretKey(k) || k == "value" && (parent == "authScheme" || parent == "headers") {
				out[k] = maskAll(x)
			} else {
				out[k] = maskSecrets(x, k)
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = maskSecrets(x, parent)
		}
		return out
	}
	return v
}

// maskAll masks every string in v.
func maskAll(v any) any {
	switch v := v.(type) {
	case string:
		return masked
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = maskAll(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = maskAll(x)
		}
		return out
	}
	return v
}

// isSecretKey reports whether a JSON key names a secret.
func isSecretKey(k string) bool {
	k = strings.ToLower(k)
	for _, s := range []string{"password", "secret", "token", "answer", "privatekey", "apikey", "sharedkey"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

// forget drops session id's calls.
func (l *dryRunLog) forget(id uint32) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.calls, id)
}
