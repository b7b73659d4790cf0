package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// ErrWritesDisabled is a write or procedure call on a server started
// without --allow-writes.
var ErrWritesDisabled = errors.New("writes and procedures are off: this MCP server is read-only (start it with --allow-writes to allow them, each after a dry run and a confirmation)")

// QueryInput is the input of the query tool.
type QueryInput struct {
	SQL     string `json:"sql" jsonschema:"exactly one SQL statement: SELECT, SHOW, DESCRIBE or EXPLAIN; with --allow-writes also INSERT, UPDATE, DELETE or CALL"`
	MaxRows int    `json:"max_rows,omitempty" jsonschema:"most rows to return; the result says when it was truncated"`
	Confirm string `json:"confirm,omitempty" jsonschema:"for a write: the confirm token its dry run returned, to make the calls for real"`
}

// Column is one result column.
type Column struct {
	Name string `json:"name"`
	Type string `json:"type" jsonschema:"MySQL type of the column"`
}

// Request is one Okta API request a statement made (oktasql_requests).
type Request struct {
	Table       string  `json:"table"`
	Method      string  `json:"method"`
	Path        string  `json:"path"`
	Query       string  `json:"query,omitempty"`
	Pages       int64   `json:"pages"`
	CachedPages int64   `json:"cached_pages,omitempty"`
	Rows        int64   `json:"rows"`
	MS          float64 `json:"ms"`
	Error       string  `json:"error,omitempty"`
}

// PlannedCall is one call a dry run would make (oktasql_dry_run).
type PlannedCall struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Query  string `json:"query,omitempty"`
	Body   any    `json:"body,omitempty" jsonschema:"request body, secrets masked"`
}

// QueryOutput is the result of the query tool.
type QueryOutput struct {
	Columns []Column `json:"columns"`
	// Rows hold one array per row, values in column order: numbers and
	// JSON columns as JSON, everything else as strings, NULL as null.
	Rows      [][]any `json:"rows"`
	Truncated bool    `json:"truncated" jsonschema:"true when more rows exist than were returned"`
	// TruncatedNote says how many rows were returned of how many at least.
	TruncatedNote string `json:"truncated_note,omitempty"`
	RowsAffected  uint64 `json:"rows_affected,omitempty" jsonschema:"rows a write changed, or would change in a dry run"`
	// DryRun is true when nothing was changed: PlannedCalls lists the calls
	// the write would make, and Confirm is the token that makes them.
	DryRun         bool          `json:"dry_run,omitempty"`
	PlannedCalls   []PlannedCall `json:"planned_calls,omitempty"`
	Confirm        string        `json:"confirm,omitempty" jsonschema:"call query again with the same sql and this token to make the planned calls"`
	ConfirmExpires string        `json:"confirm_expires,omitempty"`
	// Notes are the statement's warnings (created ids, dry-run notes) and
	// what to do next.
	Notes    []string  `json:"notes,omitempty"`
	Requests []Request `json:"requests" jsonschema:"the Okta API requests the statement made"`
	// RateLimitWaits counts the 429 answers oktasql waited out while the
	// statement ran (on any session of this server).
	RateLimitWaits int     `json:"rate_limit_waits"`
	ElapsedMS      float64 `json:"elapsed_ms"`
}

// addQueryTools registers query and explain.
func (s *Server) addQueryTools() {
	desc := "Run one SQL statement against the Okta org and return its rows (capped at max_rows) with the Okta API requests it made. " +
		"Tables are Okta's list endpoints (list_tables, describe_table); WHERE, ORDER BY and LIMIT are sent to Okta where it can take them."
	if s.opts.AllowWrites {
		desc += " INSERT, UPDATE, DELETE and CALL first run as a dry run: nothing changes, the result lists the calls they would make and a confirm token; " +
			"call again with the same sql and that confirm token (single use, expiring) to make them."
	} else {
		desc += " Read-only: INSERT, UPDATE, DELETE and CALL are refused."
	}
	mcp.AddTool(s.mcp, &mcp.Tool{
		Name:        "query",
		Title:       "Run SQL",
		Description: desc,
		InputSchema: s.queryInputSchema(),
		Annotations: &mcp.ToolAnnotations{ReadOnlyHint: !s.opts.AllowWrites, DestructiveHint: ptr(s.opts.AllowWrites), OpenWorldHint: ptr(true)},
	}, s.query)
	mcp.AddTool(s.mcp, &mcp.Tool{
		Name:  "explain",
		Title: "Explain SQL",
		Description: "Show the plan of one SQL statement (EXPLAIN FORMAT=TREE) with the Okta API calls it would make, what Okta filters and what oktasql checks itself, " +
			"and the estimated number of requests. Makes no API call.",
		Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true, OpenWorldHint: ptr(false)},
	}, s.explain)
}

// queryInputSchema is QueryInput's schema with the bounds and default
// of max_rows.
func (s *Server) queryInputSchema() *jsonschema.Schema {
	sch, err := jsonschema.For[QueryInput](nil)
	if err != nil {
		panic("mcpserver: the schema of QueryInput: " + err.Error())
	}
	mr := sch.Properties["max_rows"]
	mr.Minimum, mr.Maximum = ptr(1.0), ptr(float64(MaxMaxRows))
	mr.Default = json.RawMessage(strconv.Itoa(s.opts.MaxRows))
	return sch
}

// query is the query tool.
func (s *Server) query(ctx context.Context, _ *mcp.CallToolRequest, in QueryInput) (*mcp.CallToolResult, *QueryOutput, error) {
	st, err := parseStatement(s.eng, in.SQL)
	if err != nil {
		return nil, nil, err
	}
	maxRows := in.MaxRows
	switch {
	case maxRows == 0:
		maxRows = s.opts.MaxRows
	case maxRows < 0 || maxRows > MaxMaxRows:
		return nil, nil, fmt.Errorf("max_rows %d: want 1 to %d", maxRows, MaxMaxRows)
	}
	if st.kind == kindRead {
		out, err := s.run(ctx, st, maxRows, false)
		if err == nil && in.Confirm != "" {
			out.Notes = append(out.Notes, "confirm ignored: a read needs none")
		}
		return nil, out, err
	}
	if !s.opts.AllowWrites {
		return nil, nil, ErrWritesDisabled
	}
	if in.Confirm == "" {
		out, err := s.run(ctx, st, maxRows, true)
		if err != nil {
			return nil, nil, err
		}
		if len(out.PlannedCalls) == 0 {
			out.Notes = append(out.Notes, "dry run: the statement would make no call, so there is nothing to confirm")
			return nil, out, nil
		}
		token, expires := s.confirm.issue(st.normal)
		out.Confirm, out.ConfirmExpires = token, expires.UTC().Format(time.RFC3339)
		out.Notes = append(out.Notes, fmt.Sprintf("dry run: nothing was changed. To make these %d calls, call query again with the same sql and confirm set to the token, before %s; the token works once, for this statement only.", len(out.PlannedCalls), out.ConfirmExpires))
		return nil, out, nil
	}
	if err := s.confirm.redeem(in.Confirm, st.normal); err != nil {
		return nil, nil, err
	}
	out, err := s.run(ctx, st, maxRows, false)
	return nil, out, err
}

// run runs st in a session of its own: each tool call starts from the
// server's settings, so no statement can change another's (SET is refused
// anyway). With dryRun the session runs it with oktasql_dry_run on and
// the output lists the calls it would make.
func (s *Server) run(ctx context.Context, st *statement, maxRows int, dryRun bool) (*QueryOutput, error) {
	if s.opts.QueryTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.opts.QueryTimeout)
		defer cancel()
	}
	sess := s.eng.NewSession(s.opts.Database)
	defer s.eng.EndSession(sess)
	if dryRun {
		if _, err := s.all(ctx, sess, "SET oktasql_dry_run = 1"); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	_, limited0 := s.eng.APIStats()
	out, err := s.rows(ctx, sess, st, maxRows)
	_, limited := s.eng.APIStats()
	if err != nil {
		return nil, s.actionable(st, err, limited-limited0)
	}
	out.ElapsedMS = float64(time.Since(start).Microseconds()) / 1000
	out.RateLimitWaits = limited - limited0
	if out.Requests, err = s.requests(ctx, sess); err != nil {
		return nil, err
	}
	if !dryRun && st.kind == kindWrite {
		// The server may run every session in dry run (--dry-run): then a
		// confirmed write still makes no call, and says so.
		rows, err := s.all(ctx, sess, "SELECT @@oktasql_dry_run")
		if err != nil {
			return nil, err
		}
		dryRun = len(rows) == 1 && fmt.Sprint(rows[0][0]) == "1"
	}
	if dryRun {
		// The statement's notes repeat the planned calls, one line each.
		out.DryRun, out.Notes = true, nil
		if out.PlannedCalls, err = s.plannedCalls(ctx, sess); err != nil {
			return nil, err
		}
	}
	if out.RateLimitWaits > 0 {
		out.Notes = append(out.Notes, fmt.Sprintf("Okta rate limits made oktasql wait %d times while this statement ran", out.RateLimitWaits))
	}
	return out, nil
}

// rows runs st in sess and reads at most maxRows rows, and one more to
// know whether there are more.
func (s *Server) rows(ctx context.Context, sess sql.Session, st *statement, maxRows int) (*QueryOutput, error) {
	sctx := s.eng.Context(ctx, sess)
	sch, iter, err := s.eng.Query(sctx, st.text)
	if err != nil {
		return nil, err
	}
	out := &QueryOutput{Columns: []Column{}, Rows: [][]any{}, Requests: []Request{}}
	ok := types.IsOkResultSchema(sch)
	if !ok {
		for _, c := range sch {
			out.Columns = append(out.Columns, Column{Name: c.Name, Type: c.Type.String()})
		}
	}
	for {
		row, err := iter.Next(sctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			iter.Close(sctx)
			return nil, err
		}
		if ok {
			if types.IsOkResult(row) {
				out.RowsAffected += row[0].(types.OkResult).RowsAffected
			}
			continue
		}
		if len(out.Rows) == maxRows {
			out.Truncated = true
			out.TruncatedNote = fmt.Sprintf("truncated at %d of at least %d rows: add a LIMIT or a narrower WHERE, aggregate, or raise max_rows (at most %d)", maxRows, maxRows+1, MaxMaxRows)
			break
		}
		vals := make([]any, len(sch))
		for i, c := range sch {
			if vals[i], err = jsonValue(sctx, c.Type, row[i]); err != nil {
				iter.Close(sctx)
				return nil, fmt.Errorf("column %s: %w", c.Name, err)
			}
		}
		out.Rows = append(out.Rows, vals)
	}
	if err := iter.Close(sctx); err != nil {
		return nil, err
	}
	for _, w := range sess.Warnings() {
		out.Notes = append(out.Notes, w.Level+": "+w.Message)
	}
	return out, nil
}

// jsonValue renders v of type typ as the MySQL protocol would, as a JSON
// value: JSON documents and numbers as themselves, the rest as strings.
func jsonValue(ctx *sql.Context, typ sql.Type, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	val, err := typ.SQL(ctx, nil, v)
	if err != nil {
		return nil, err
	}
	if val.IsNull() {
		return nil, nil
	}
	text := val.ToString()
	switch {
	case types.IsJSON(typ) && json.Valid([]byte(text)):
		return json.RawMessage(text), nil
	case types.IsNumber(typ):
		return json.Number(text), nil
	}
	return text, nil
}

// all runs an internal statement in sess and returns every row.
func (s *Server) all(ctx context.Context, sess sql.Session, query string) ([]sql.Row, error) {
	sctx := s.eng.Context(ctx, sess)
	_, iter, err := s.eng.Query(sctx, query)
	if err != nil {
		return nil, err
	}
	return sql.RowIterToRows(sctx, iter)
}

// requests reads the session's request log: the calls of its last
// statement.
func (s *Server) requests(ctx context.Context, sess sql.Session) ([]Request, error) {
	rows, err := s.all(ctx, sess, "SELECT table_name, method, path, query, pages, cached_pages, `rows`, ms, error FROM oktasql_requests ORDER BY seq")
	if err != nil {
		return nil, fmt.Errorf("reading oktasql_requests: %w", err)
	}
	out := make([]Request, 0, len(rows))
	for _, r := range rows {
		out = append(out, Request{Table: str(r[0]), Method: str(r[1]), Path: str(r[2]), Query: str(r[3]),
			Pages: num(r[4]), CachedPages: num(r[5]), Rows: num(r[6]), MS: r[7].(float64), Error: str(r[8])})
	}
	return out, nil
}

// plannedCalls reads the session's dry run: the calls its last statement
// would have made.
func (s *Server) plannedCalls(ctx context.Context, sess sql.Session) ([]PlannedCall, error) {
	rows, err := s.all(ctx, sess, "SELECT method, path, query, body FROM oktasql_dry_run ORDER BY seq")
	if err != nil {
		return nil, fmt.Errorf("reading oktasql_dry_run: %w", err)
	}
	out := make([]PlannedCall, 0, len(rows))
	for _, r := range rows {
		c := PlannedCall{Method: str(r[0]), Path: str(r[1]), Query: str(r[2])}
		if doc, ok := r[3].(types.JSONDocument); ok {
			c.Body = doc.Val
		}
		out = append(out, c)
	}
	return out, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func num(v any) int64 {
	n, _ := v.(int64)
	return n
}

func ptr[T any](v T) *T { return &v }
