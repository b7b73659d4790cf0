package tables

import (
	"sync"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// requestsTable is the name of the virtual table that lists the Okta
// requests of the session's last statement that used an Okta table.
const requestsTable = "oktasql_requests"

// maxLoggedRequests bounds the requests kept per statement.
const maxLoggedRequests = 10_000

// requestRecord is one API call made for a statement.
type requestRecord struct {
	table, method, path, query string
	pages, cached, rows        int
	took                       time.Duration
	err                        error
}

// requestLog keeps, per session, the calls of the last statement that used
// an Okta table and of the one before it. A statement uses the tables it
// names (begin), so one that fails before its first call leaves an empty
// log, never the calls of an earlier statement.
type requestLog struct {
	mu       sync.Mutex
	sessions map[uint32]*sessionRequests
}

type sessionRequests struct {
	statement time.Time // QueryTime of the statement that made current
	current   []requestRecord
	last      []requestRecord
}

func (l *requestLog) session(ctx *sql.Context) *sessionRequests {
	if l.sessions == nil {
		l.sessions = map[uint32]*sessionRequests{}
	}
	id := ctx.Session.ID()
	s := l.sessions[id]
	if s == nil {
		s = &sessionRequests{}
		l.sessions[id] = s
	}
	return s
}

// begin notes that the statement running in ctx uses an Okta table: its
// calls, none yet, become the session's current ones.
func (l *requestLog) begin(ctx *sql.Context) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.started(ctx)
}

// started is begin with l.mu held; it returns the session's calls.
func (l *requestLog) started(ctx *sql.Context) *sessionRequests {
	s := l.session(ctx)
	if !s.statement.Equal(ctx.QueryTime()) {
		s.last, s.current, s.statement = s.current, nil, ctx.QueryTime()
	}
	return s
}

// record adds a call of the statement running in ctx.
func (l *requestLog) record(ctx *sql.Context, r requestRecord) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.started(ctx)
	if len(s.current) < maxLoggedRequests {
		s.current = append(s.current, r)
	}
}

// previous returns the calls of the session's last statement, other than
// the one running in ctx, that used an Okta table.
func (l *requestLog) previous(ctx *sql.Context) []requestRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.session(ctx)
	if s.statement.Equal(ctx.QueryTime()) {
		return append([]requestRecord(nil), s.last...)
	}
	return append([]requestRecord(nil), s.current...)
}

// requestsSchema is the schema of oktasql_requests.
var requestsSchema = sql.Schema{
	{Name: "seq", Type: types.Int64, Source: requestsTable},
	{Name: "table_name", Type: types.LongText, Source: requestsTable},
	{Name: "method", Type: types.LongText, Source: requestsTable},
	{Name: "path", Type: types.LongText, Source: requestsTable},
	{Name: "query", Type: types.LongText, Source: requestsTable, Nullable: true},
	{Name: "pages", Type: types.Int64, Source: requestsTable},
	{Name: "cached_pages", Type: types.Int64, Source: requestsTable},
	{Name: "rows", Type: types.Int64, Source: requestsTable},
	{Name: "ms", Type: types.Float64, Source: requestsTable},
	{Name: "error", Type: types.LongText, Source: requestsTable, Nullable: true},
}

// requestsView is oktasql_requests: `SELECT * FROM oktasql_requests` after
// a query shows the Okta requests that query made.
func (d *Database) requestsView() virtualTable {
	return virtualTable{name: requestsTable, schema: requestsSchema, rows: func(ctx *sql.Context) []sql.Row {
		recs := d.org.requests.previous(ctx)
		rows := make([]sql.Row, len(recs))
		for i, r := range recs {
			var q, e any
			if r.query != "" {
				q = r.query
			}
			if r.err != nil {
				e = r.err.Error()
			}
			rows[i] = sql.Row{int64(i + 1), r.table, r.method, r.path, q, int64(r.pages), int64(r.cached), int64(r.rows), float64(r.took.Microseconds()) / 1000, e}
		}
		return rows
	}}
}

// virtualTable is a table of oktasql's own (oktasql_requests,
// oktasql_dry_run): its rows describe the session, and reading it never
// calls Okta.
type virtualTable struct {
	name   string
	schema sql.Schema
	rows   func(*sql.Context) []sql.Row
}

var _ sql.Table = virtualTable{}

// Name is the table's name.
func (v virtualTable) Name() string { return v.name }

// String names the table.
func (v virtualTable) String() string { return v.name }

// Schema is the table's schema.
func (v virtualTable) Schema() sql.Schema { return v.schema }

// Collation is the default.
func (v virtualTable) Collation() sql.CollationID { return sql.Collation_Default }

// Partitions is one partition.
func (v virtualTable) Partitions(*sql.Context) (sql.PartitionIter, error) {
	return newPartitionIter(&partition{}), nil
}

// PartitionRows lists the rows of the session.
func (v virtualTable) PartitionRows(ctx *sql.Context, _ sql.Partition) (sql.RowIter, error) {
	return sql.RowsToRowIter(v.rows(ctx)...), nil
}

// forget drops session id's calls.
func (l *requestLog) forget(id uint32) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.sessions, id)
}
