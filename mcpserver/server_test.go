package mcpserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/mcpserver"
	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/server"
	"github.com/oktasql/oktasql/tables"
)

const testToken = "test-token"

// clock is a settable clock for confirm tokens.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *clock) advance(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// fixture is an MCP server over an emulated org of 50 users, and a client
// of the Go SDK connected to it in memory.
type fixture struct {
	srv     *mcpserver.Server
	eng     *server.Engine
	session *mcp.ClientSession
	clock   *clock
}

// setup starts an emulated org and an MCP server over it (writes allowed
// or not) and connects a client to it.
func setup(t *testing.T, allowWrites bool) *fixture {
	t.Helper()
	return setupEngine(t, allowWrites, server.Options{ReadOnly: !allowWrites, MaxAffectedRows: 10})
}

// setupEngine is setup with the engine's options.
func setupEngine(t *testing.T, allowWrites bool, opts server.Options) *fixture {
	t.Helper()
	emu, err := emulator.Start(emulator.Config{Users: 50, Seed: 7, Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu.Close)
	client, err := fetcher.New(emu.URL, fetcher.WithToken(testToken))
	if err != nil {
		t.Fatal(err)
	}
	org := &tables.Org{Name: "okta", Catalog: schema.Default(), API: client, ReadOnly: !allowWrites}
	if err := org.LoadCustomAttributes(context.Background()); err != nil {
		t.Fatal(err)
	}
	eng, err := server.NewEngine([]*tables.Org{org}, opts)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{eng: eng, clock: &clock{now: time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)}}
	f.srv, err = mcpserver.New(eng, mcpserver.Options{Database: "okta", AllowWrites: allowWrites, Version: "test", Now: f.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	st, ct := mcp.NewInMemoryTransports()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	ss, err := f.srv.MCP().Connect(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ss.Close() })
	f.session, err = mcp.NewClient(&mcp.Implementation{Name: "test", Version: "1"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.session.Close() })
	return f
}

// call calls a tool and decodes its structured result into out. It
// returns the error text of a tool error ("" when none).
func (f *fixture) call(t *testing.T, tool string, args map[string]any, out any) string {
	t.Helper()
	res, err := f.session.CallTool(context.Background(), &mcp.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		t.Fatalf("%s %v: protocol error: %v", tool, args, err)
	}
	if res.IsError {
		return res.Content[0].(*mcp.TextContent).Text
	}
	if out != nil {
		b, err := json.Marshal(res.StructuredContent)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s: decoding %s: %v", tool, b, err)
		}
	}
	return ""
}

// mustCall is call for a call that must succeed.
func (f *fixture) mustCall(t *testing.T, tool string, args map[string]any, out any) {
	t.Helper()
	if msg := f.call(t, tool, args, out); msg != "" {
		t.Fatalf("%s %v: %s", tool, args, msg)
	}
}

func TestListTools(t *testing.T) {
	f := setup(t, false)
	res, err := f.session.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"query": true, "explain": true, "list_tables": true, "describe_table": true, "list_procedures": true, "describe_procedure": true}
	for _, tool := range res.Tools {
		if !want[tool.Name] {
			t.Errorf("unexpected tool %s", tool.Name)
		}
		delete(want, tool.Name)
		if tool.InputSchema == nil || tool.OutputSchema == nil {
			t.Errorf("tool %s: input schema %v, output schema %v: want both", tool.Name, tool.InputSchema, tool.OutputSchema)
		}
		if tool.Description == "" {
			t.Errorf("tool %s has no description", tool.Name)
		}
		if tool.Name == "query" {
			b, _ := json.Marshal(tool.InputSchema)
			if !strings.Contains(string(b), `"max_rows":{"default":100,"description":"most rows to return; the result says when it was truncated","maximum":5000,"minimum":1,"type":"integer"}`) {
				t.Errorf("query input schema %s: want max_rows bounded, default 100", b)
			}
		}
	}
	for name := range want {
		t.Errorf("tool %s missing", name)
	}
}

func TestQuery(t *testing.T) {
	f := setup(t, false)
	t.Run("rows, types, truncation and requests", func(t *testing.T) {
		var out mcpserver.QueryOutput
		f.mustCall(t, "query", map[string]any{"sql": "SELECT id, profile_login, profile, created FROM users WHERE status = 'ACTIVE'", "max_rows": 3}, &out)
		if len(out.Columns) != 4 || out.Columns[0].Name != "id" || !strings.Contains(out.Columns[3].Type, "datetime") {
			t.Errorf("columns = %+v", out.Columns)
		}
		if len(out.Rows) != 3 || !out.Truncated || !strings.Contains(out.TruncatedNote, "truncated at 3 of at least 4") {
			t.Errorf("rows %d, truncated %v %q: want 3, truncated at 3 of at least 4", len(out.Rows), out.Truncated, out.TruncatedNote)
		}
		if profile, ok := out.Rows[0][2].(map[string]any); !ok || profile["login"] != out.Rows[0][1] {
			t.Errorf("profile %v: want the JSON document with login %v", out.Rows[0][2], out.Rows[0][1])
		}
		if len(out.Requests) == 0 || out.Requests[0].Path != "/api/v1/users" || !strings.Contains(out.Requests[0].Query, "ACTIVE") {
			t.Errorf("requests = %+v: want the users call with the status filter", out.Requests)
		}
	})
	t.Run("whole result", func(t *testing.T) {
		var out mcpserver.QueryOutput
		f.mustCall(t, "query", map[string]any{"sql": "SELECT COUNT(*) AS n FROM users;"}, &out)
		if out.Truncated || len(out.Rows) != 1 || out.Rows[0][0] != float64(50) {
			t.Errorf("rows = %v truncated %v: want [[50]]", out.Rows, out.Truncated)
		}
	})
	t.Run("introspection", func(t *testing.T) {
		var out mcpserver.QueryOutput
		for _, sql := range []string{"SHOW TABLES LIKE 'user_f%'", "DESCRIBE users"} {
			f.mustCall(t, "query", map[string]any{"sql": sql}, &out)
			if len(out.Rows) == 0 || len(out.Requests) != 0 {
				t.Errorf("%s: rows %v requests %v: want rows and no request", sql, out.Rows, out.Requests)
			}
		}
	})
	for _, c := range []struct{ name, sql, want string }{
		{"syntax", "SELEC 1", "syntax"},
		{"two statements", "SELECT 1; SELECT 2", "exactly one SQL statement"},
		{"empty", " ; ", "exactly one SQL statement"},
		{"SET", "SET sql_safe_updates = 0", "SET (the session's settings are fixed"},
		{"SET GLOBAL", "SET GLOBAL oktasql_dry_run = 0", "SET (the session's settings are fixed"},
		{"DDL", "CREATE TABLE t (a int)", "not allowed"},
		{"unknown column", "SELECT profile_emial FROM users", "unknown column profile_emial (tables: users); closest columns: profile_email"},
		{"unknown qualified column", "SELECT u.statsu FROM users u", "closest columns: status"},
		{"unknown table", "SELECT * FROM userz", "unknown table userz; closest tables: users"},
		{"missing key", "SELECT * FROM client_roles", "needs a value (WHERE client_id = '...')"},
		{"write refused", "UPDATE users SET profile_title = 'x' WHERE id = 'abc'", "read-only"},
		{"procedure refused", "CALL user_suspend('abc')", "read-only"},
	} {
		t.Run(c.name, func(t *testing.T) {
			msg := f.call(t, "query", map[string]any{"sql": c.sql}, nil)
			if !strings.Contains(msg, c.want) {
				t.Errorf("error %q: want it to contain %q", msg, c.want)
			}
		})
	}
	t.Run("bad input", func(t *testing.T) {
		for _, args := range []map[string]any{{}, {"sql": 1}, {"sql": "SELECT 1", "max_rows": -1}, {"sql": "SELECT 1", "max_rows": 100000}} {
			if msg := f.call(t, "query", args, nil); msg == "" {
				t.Errorf("query %v: want an error", args)
			}
		}
	})
}

func TestExplain(t *testing.T) {
	f := setup(t, false)
	req0, _ := f.eng.APIStats()
	var out mcpserver.ExplainOutput
	f.mustCall(t, "explain", map[string]any{"sql": "SELECT id FROM users WHERE profile_login LIKE 'a%'"}, &out)
	plan := strings.Join(out.Plan, "\n")
	if !strings.Contains(plan, "GET /api/v1/users?") || !strings.Contains(plan, "estimated requests") {
		t.Errorf("plan:\n%s\nwant the users call and the estimate", plan)
	}
	f.mustCall(t, "explain", map[string]any{"sql": "UPDATE users SET profile_title = 'x' WHERE id = 'abc'"}, &out)
	if plan := strings.Join(out.Plan, "\n"); !strings.Contains(plan, "GET /api/v1/users/abc") {
		t.Errorf("plan of an UPDATE:\n%s\nwant the point read", plan)
	}
	if req, _ := f.eng.APIStats(); req != req0 {
		t.Errorf("explain made %d requests, want none", req-req0)
	}
	for _, c := range []struct{ sql, want string }{
		{"EXPLAIN SELECT 1", "without EXPLAIN"},
		{"SHOW TABLES", "SHOW and DESCRIBE call no API"},
		{"SELECT nope FROM users", "unknown column nope"},
	} {
		if msg := f.call(t, "explain", map[string]any{"sql": c.sql}, nil); !strings.Contains(msg, c.want) {
			t.Errorf("explain %q: error %q, want %q", c.sql, msg, c.want)
		}
	}
}

func TestCatalogTools(t *testing.T) {
	f := setup(t, false)
	t.Run("list_tables", func(t *testing.T) {
		var out mcpserver.ListTablesOutput
		f.mustCall(t, "list_tables", map[string]any{"filter": "GROUP"}, &out)
		found := false
		for _, tb := range out.Tables {
			if !strings.Contains(tb.Name, "group") {
				t.Errorf("table %s does not match the filter", tb.Name)
			}
			if tb.Name == "group_members" {
				found = true
				if len(tb.Keys) != 1 || tb.Keys[0] != "group_id" {
					t.Errorf("group_members keys = %v", tb.Keys)
				}
			}
		}
		if !found {
			t.Error("group_members not listed")
		}
		f.mustCall(t, "list_tables", map[string]any{}, &out)
		if len(out.Tables) != len(schema.Default().Tables) {
			t.Errorf("%d tables, want %d", len(out.Tables), len(schema.Default().Tables))
		}
	})
	t.Run("describe_table", func(t *testing.T) {
		var out mcpserver.TableDescription
		f.mustCall(t, "describe_table", map[string]any{"table": "users"}, &out)
		var login *mcpserver.ColumnInfo
		for i, c := range out.Columns {
			if c.Name == "profile_login" {
				login = &out.Columns[i]
			}
		}
		if login == nil || login.Source != "profile.login" || !strings.Contains(strings.Join(login.Pushed, ";"), "search=profile.login") {
			t.Fatalf("profile_login = %+v: want its search pushdown", login)
		}
		if pushed := strings.Join(out.Columns[0].Pushed, ";"); out.Columns[0].Name != "id" || !strings.Contains(pushed, "GET /api/v1/users/{") {
			t.Errorf("users.id pushed = %q: want the point GET", pushed)
		}
		if pushed := strings.Join(login.Pushed, ";"); !strings.Contains(pushed, "(values containing @)") {
			t.Errorf("profile_login pushed = %q: want the GET by login", pushed)
		}
		if out.Writes["INSERT"] == "" || out.Writes["DELETE"] == "" || len(out.Procedures) == 0 {
			t.Errorf("writes %v, %d procedures: want INSERT, DELETE and procedures", out.Writes, len(out.Procedures))
		}
		f.mustCall(t, "describe_table", map[string]any{"table": "group_members"}, &out)
		if len(out.Keys) != 1 || out.Keys[0].From != "groups.id" {
			t.Errorf("group_members keys = %+v", out.Keys)
		}
		if msg := f.call(t, "describe_table", map[string]any{"table": "grups"}, nil); !strings.Contains(msg, "closest tables: groups") {
			t.Errorf("describe grups: %q", msg)
		}
		if msg := f.call(t, "describe_table", map[string]any{}, nil); msg == "" {
			t.Error("describe_table without a table: want an error")
		}
	})
	t.Run("procedures", func(t *testing.T) {
		var list mcpserver.ListProceduresOutput
		f.mustCall(t, "list_procedures", map[string]any{"filter": "suspend"}, &list)
		if len(list.Procedures) == 0 {
			t.Fatal("no procedure matches suspend")
		}
		var out mcpserver.ProcedureDescription
		f.mustCall(t, "describe_procedure", map[string]any{"name": "user_suspend"}, &out)
		if out.Operation.Method != "POST" || !strings.HasSuffix(out.Operation.Path, "/lifecycle/suspend") ||
			len(out.Parameters) == 0 || out.Parameters[0].Name != "user_id" || !strings.HasPrefix(out.Example, "CALL user_suspend('<user_id>'") {
			t.Errorf("user_suspend = %+v", out)
		}
		if msg := f.call(t, "describe_procedure", map[string]any{"name": "user_suspnd"}, nil); !strings.Contains(msg, "closest procedures: user_suspend") {
			t.Errorf("describe user_suspnd: %q", msg)
		}
	})
}

func TestResources(t *testing.T) {
	f := setup(t, false)
	ctx := context.Background()
	n := 0
	for r, err := range f.session.Resources(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if r.URI == "oktasql://tables/users" && r.MIMEType != "text/plain" {
			t.Errorf("users resource = %+v", r)
		}
	}
	if n != len(schema.Default().Tables) {
		t.Errorf("%d resources, want one per table (%d)", n, len(schema.Default().Tables))
	}
	res, err := f.session.ReadResource(ctx, &mcp.ReadResourceParams{URI: "oktasql://tables/group_members"})
	if err != nil {
		t.Fatal(err)
	}
	if text := res.Contents[0].Text; !strings.Contains(text, "group_members\n=====") || !strings.Contains(text, "listGroupUsers") {
		t.Errorf("group_members resource:\n%s", text)
	}
	if _, err := f.session.ReadResource(ctx, &mcp.ReadResourceParams{URI: "oktasql://tables/nope"}); err == nil {
		t.Error("reading an unknown table's resource: want an error")
	}
}

// promptSQL is the SQL statement in a prompt's text.
var promptSQL = regexp.MustCompile(`(?s)SELECT .*?\n\n`)

// TestPrompts gets every prompt and runs the SQL it suggests.
func TestPrompts(t *testing.T) {
	f := setup(t, false)
	ctx := context.Background()
	res, err := f.session.ListPrompts(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Prompts) != 3 {
		t.Errorf("%d prompts, want 3", len(res.Prompts))
	}
	for _, p := range res.Prompts {
		t.Run(p.Name, func(t *testing.T) {
			got, err := f.session.GetPrompt(ctx, &mcp.GetPromptParams{Name: p.Name, Arguments: map[string]string{"days": "30"}})
			if err != nil {
				t.Fatal(err)
			}
			text := got.Messages[0].Content.(*mcp.TextContent).Text
			sql := promptSQL.FindString(text)
			if sql == "" {
				t.Fatalf("no SQL in %q", text)
			}
			var out mcpserver.QueryOutput
			f.mustCall(t, "query", map[string]any{"sql": sql, "max_rows": 5}, &out)
			if len(out.Requests) == 0 {
				t.Errorf("%s made no request", sql)
			}
		})
	}
	if _, err := f.session.GetPrompt(ctx, &mcp.GetPromptParams{Name: "inactive_users", Arguments: map[string]string{"days": "soon"}}); err == nil {
		t.Error("inactive_users with days=soon: want an error")
	}
}

// TestWriteConfirmation runs the write flow: a dry run that changes
// nothing and returns a token, the confirmed write, and every way a token
// is refused.
func TestWriteConfirmation(t *testing.T) {
	f := setup(t, true)
	var users mcpserver.QueryOutput
	f.mustCall(t, "query", map[string]any{"sql": "SELECT id FROM users WHERE status = 'ACTIVE' ORDER BY id LIMIT 2"}, &users)
	id, other := users.Rows[0][0].(string), users.Rows[1][0].(string)
	update := "UPDATE users SET profile_title = 'MCP tester' WHERE id = '" + id + "'"
	title := func() any {
		var out mcpserver.QueryOutput
		f.mustCall(t, "query", map[string]any{"sql": "SELECT profile_title FROM users WHERE id = '" + id + "'"}, &out)
		return out.Rows[0][0]
	}
	before := title()

	var dry mcpserver.QueryOutput
	f.mustCall(t, "query", map[string]any{"sql": update}, &dry)
	if !dry.DryRun || dry.Confirm == "" || dry.RowsAffected != 1 || len(dry.PlannedCalls) != 1 || dry.PlannedCalls[0].Method != "POST" ||
		dry.PlannedCalls[0].Path != "/api/v1/users/"+id || !strings.Contains(fmt.Sprint(dry.PlannedCalls[0].Body), "MCP tester") {
		t.Fatalf("dry run = %+v: want one POST to the user and a token", dry)
	}
	if got := title(); got != before {
		t.Fatalf("title after the dry run = %v, want %v unchanged", got, before)
	}
	if len(dry.Notes) != 1 || !strings.Contains(dry.Notes[0], "call query again with the same sql and confirm") {
		t.Errorf("dry run notes = %q: want the one saying how to confirm", dry.Notes)
	}
	var read mcpserver.QueryOutput
	f.mustCall(t, "query", map[string]any{"sql": "SELECT 1", "confirm": dry.Confirm}, &read)
	if len(read.Notes) != 1 || !strings.Contains(read.Notes[0], "confirm ignored") {
		t.Errorf("a read with a token: notes %q", read.Notes)
	}

	// A token is bound to its statement.
	for _, sql := range []string{
		"UPDATE users SET profile_title = 'MCP tester' WHERE id = '" + other + "'",
		"DELETE FROM users WHERE id = '" + id + "'",
	} {
		if msg := f.call(t, "query", map[string]any{"sql": sql, "confirm": dry.Confirm}, nil); !strings.Contains(msg, "different statement") {
			t.Errorf("%s with another statement's token: %q, want refused", sql, msg)
		}
	}
	if msg := f.call(t, "query", map[string]any{"sql": update, "confirm": "forged"}, nil); !strings.Contains(msg, "not one this server issued") {
		t.Errorf("forged token: %q", msg)
	}

	// The same statement spelled otherwise takes the token, once.
	respelled := "update users  set profile_title='MCP tester'\n where id = '" + id + "';"
	var done mcpserver.QueryOutput
	f.mustCall(t, "query", map[string]any{"sql": respelled, "confirm": dry.Confirm}, &done)
	if done.DryRun || done.RowsAffected != 1 || len(done.Requests) == 0 {
		t.Errorf("confirmed write = %+v: want 1 row affected and its requests", done)
	}
	if got := title(); got != "MCP tester" {
		t.Errorf("title after the write = %v", got)
	}
	if msg := f.call(t, "query", map[string]any{"sql": update, "confirm": dry.Confirm}, nil); !strings.Contains(msg, "already used") {
		t.Errorf("token reused: %q", msg)
	}

	// A token expires.
	f.mustCall(t, "query", map[string]any{"sql": update}, &dry)
	f.clock.advance(mcpserver.DefaultConfirmTTL + time.Second)
	if msg := f.call(t, "query", map[string]any{"sql": update, "confirm": dry.Confirm}, nil); !strings.Contains(msg, "expired") {
		t.Errorf("expired token: %q", msg)
	}

	// Procedures take the same path.
	var call mcpserver.QueryOutput
	f.mustCall(t, "query", map[string]any{"sql": "CALL user_suspend('" + id + "')"}, &call)
	if !call.DryRun || call.Confirm == "" || len(call.PlannedCalls) != 1 || !strings.HasSuffix(call.PlannedCalls[0].Path, "/lifecycle/suspend") {
		t.Errorf("CALL dry run = %+v", call)
	}
}

// TestServerDryRun: on a server started with --dry-run, a confirmed write
// still makes no call and says so.
func TestServerDryRun(t *testing.T) {
	f := setupEngine(t, true, server.Options{DryRun: true})
	var users mcpserver.QueryOutput
	f.mustCall(t, "query", map[string]any{"sql": "SELECT id FROM users WHERE status = 'ACTIVE' LIMIT 1"}, &users)
	sql := "CALL user_suspend('" + users.Rows[0][0].(string) + "')"
	var dry, done mcpserver.QueryOutput
	f.mustCall(t, "query", map[string]any{"sql": sql}, &dry)
	f.mustCall(t, "query", map[string]any{"sql": sql, "confirm": dry.Confirm}, &done)
	if !done.DryRun || len(done.PlannedCalls) != 1 {
		t.Errorf("confirmed write under --dry-run = %+v: want a dry run", done)
	}
	f.mustCall(t, "query", map[string]any{"sql": "SELECT status FROM users WHERE id = '" + users.Rows[0][0].(string) + "'"}, &users)
	if users.Rows[0][0] != "ACTIVE" {
		t.Errorf("status %v after a dry run, want ACTIVE", users.Rows[0][0])
	}
}

// TestWriteGuards checks that the engine's guards apply in the dry run,
// before any token is issued.
func TestWriteGuards(t *testing.T) {
	f := setup(t, true)
	for _, c := range []struct{ sql, want string }{
		{"DELETE FROM users", "narrow the WHERE"},
		{"UPDATE users SET profile_title = 'x' WHERE status = 'ACTIVE'", "more than oktasql_max_affected_rows (10); narrow the WHERE clause, or SET oktasql_max_affected_rows = 39 to proceed (over MCP the limit is the server's --max-affected-rows"},
		{"SET oktasql_max_affected_rows = 1000", "SET (the session's settings are fixed"},
		{"SELECT 1 /*!; DELETE FROM users WHERE id = 'x' */", "syntax"},
	} {
		if msg := f.call(t, "query", map[string]any{"sql": c.sql}, nil); !strings.Contains(msg, c.want) {
			t.Errorf("%s: %q, want %q", c.sql, msg, c.want)
		}
	}
	var call mcpserver.QueryOutput
	f.mustCall(t, "query", map[string]any{"sql": "/*! CALL user_suspend('nobody') */"}, &call)
	if !call.DryRun || call.Confirm == "" {
		t.Errorf("a CALL in an executable comment = %+v: want a dry run", call)
	}
	var out mcpserver.QueryOutput
	f.mustCall(t, "query", map[string]any{"sql": "UPDATE users SET profile_title = 'x' WHERE id = 'nobody'"}, &out)
	if out.Confirm != "" || len(out.PlannedCalls) != 0 {
		t.Errorf("a write with no call: %+v, want no token", out)
	}
}

// TestHTTP serves the streamable HTTP transport with a bearer token.
func TestHTTP(t *testing.T) {
	f := setup(t, false)
	hs := httptest.NewServer(f.srv.HTTPHandler("s3cret"))
	t.Cleanup(hs.Close)
	ctx := context.Background()
	connect := func(token string) (*mcp.ClientSession, error) {
		client := &http.Client{Transport: bearer{token: token}}
		return mcp.NewClient(&mcp.Implementation{Name: "test", Version: "1"}, nil).
			Connect(ctx, &mcp.StreamableClientTransport{Endpoint: hs.URL, HTTPClient: client, DisableStandaloneSSE: true}, nil)
	}
	if _, err := connect("wrong"); err == nil {
		t.Error("connecting with a wrong token: want an error")
	}
	cs, err := connect("s3cret")
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "query", Arguments: map[string]any{"sql": "SELECT COUNT(*) FROM users"}})
	if err != nil || res.IsError {
		t.Fatalf("query over HTTP: %v %+v", err, res)
	}
}

// bearer adds an Authorization header to every request.
type bearer struct{ token string }

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return http.DefaultTransport.RoundTrip(r)
}
