package tables_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// scriptTest is one end-to-end step: a query over a real MySQL connection
// against the emulated org, the rows or error expected, and the Okta
// requests it may make.
type scriptTest struct {
	name  string
	query string
	// rows, when set, is the exact answer (rows joined by |, in order).
	rows []string
	// count, when >= 0, is the number of rows expected.
	count int
	// err, when set, must appear in the error.
	err string
	// requests is the number of API requests the query may make: the
	// minimum the API allows for it.
	requests int
	// want are substrings each request line must contain, in order
	// (one per request; fewer entries check only the first requests).
	want []string
	// anyOrder checks want against the requests in any order (concurrent
	// requests).
	anyOrder bool
}

var scripts = []scriptTest{
	{name: "point lookup by email is one search", query: "SELECT profile_login FROM users WHERE profile_email = 'nobody@example.com'", count: 0, requests: 1,
		want: []string{`search=profile.email eq "nobody@example.com"`}},
	{name: "a login is a point GET", query: "SELECT id FROM users WHERE profile_login = 'nobody@example.com'", count: 0, requests: 1,
		want: []string{"GET /api/v1/users/nobody@example.com"}},
	{name: "a login without @ could be a short name: a search", query: "SELECT id FROM users WHERE profile_login = 'nobody'", count: 0, requests: 1,
		want: []string{`search=profile.login eq "nobody"`}},
	{name: "equality and AND", query: "SELECT id FROM users WHERE status = 'ACTIVE' AND profile_department = 'Sales'", count: -1, requests: 1,
		want: []string{`status eq "ACTIVE"`}},
	{name: "IN on ids is point gets", query: "SELECT id FROM users WHERE id IN ('00uNOPE1', '00uNOPE2')", count: 0, requests: 2,
		want: []string{"GET /api/v1/users/00uNOPE1", "GET /api/v1/users/00uNOPE2"}, anyOrder: true},
	{name: "LIKE prefix is sw", query: "SELECT id FROM groups WHERE profile_name LIKE 'Sal%'", count: -1, requests: 1,
		want: []string{`profile.name sw "Sal"`}},
	{name: "full scan adds DEPROVISIONED users", query: "SELECT count(*) FROM users", count: 1, requests: 3, anyOrder: true,
		want: []string{"GET /api/v1/users?limit=200", "GET /api/v1/users?after=", `status eq "DEPROVISIONED"`}},
	{name: "LIMIT stops paging", query: "SELECT id FROM users LIMIT 10", count: 10, requests: 1, want: []string{"GET /api/v1/users?limit=10"}},
	{name: "LIMIT sizes an exact page", query: "SELECT id FROM apps WHERE status = 'ACTIVE' LIMIT 3", count: 3, requests: 1, want: []string{"limit=3"}},
	{name: "ORDER BY published goes to sortOrder", query: "SELECT uuid FROM system_log ORDER BY published DESC LIMIT 5", count: 5, requests: 1, want: []string{"sortOrder=DESCENDING"}},
	{name: "ORDER BY a date goes to sortBy with search", query: "SELECT id FROM users WHERE status = 'ACTIVE' ORDER BY created DESC LIMIT 5", count: 5, requests: 1, want: []string{"sortBy=created"}},
	{name: "LIMIT under ORDER BY keeps full pages", query: "SELECT id FROM apps ORDER BY label LIMIT 3", count: 3, requests: 1, want: []string{"limit=200"}},
	{name: "group sizes come with the list (expand=stats)", query: "SELECT profile_name FROM groups ORDER BY users_count DESC LIMIT 3", count: 3, requests: 1, want: []string{"expand=stats"}},
	{name: "the size of Everyone is every user", query: "SELECT users_count FROM groups WHERE type = 'BUILT_IN'", rows: []string{"300"}, requests: 1, want: []string{"expand=stats"}},
	{name: "no expand when no stats column is read", query: "SELECT id FROM groups WHERE type = 'BUILT_IN'", count: 1, requests: 1, want: []string{"GET /api/v1/groups?limit=200&search=type"}},
	{name: "a required query parameter is a key column", query: "SELECT oauth_client_id FROM well_known_app_authenticator_configuration WHERE oauth_client_id = '0oaX'",
		rows: []string{"0oaX"}, requests: 1, want: []string{"oauthClientId=0oaX"}},
	{name: "without it the error names the column", query: "SELECT * FROM well_known_app_authenticator_configuration", err: "needs a value (WHERE oauth_client_id = '...')", requests: 0},
	{name: "a required query parameter the item carries goes with its column", query: "SELECT status FROM ssf_stream_status WHERE stream_id = 'abc'",
		count: -1, requests: 1, want: []string{"stream_id=abc"}},
	{name: "LIMIT 0 makes no call", query: "SELECT * FROM group_members LIMIT 0", count: 0, requests: 0},
	{name: "key equality is one list call", query: "SELECT id FROM group_members WHERE group_id = '00gNOPE'", count: 0, requests: 1,
		want: []string{"GET /api/v1/groups/00gNOPE/users"}},
	{name: "key IN is one call per key", query: "SELECT id FROM group_members WHERE group_id IN ('00gA', '00gB')", count: 0, requests: 2},
	{name: "join drives the key table from the parent", query: "SELECT g.profile_name, count(*) FROM groups g JOIN group_members m ON m.group_id = g.id WHERE g.profile_name = 'Sales' GROUP BY g.profile_name",
		count: 1, requests: 2, want: []string{`search=profile.name eq "Sales"`, "/users"}},
	{name: "no key fans out over the parent", query: "SELECT count(*) FROM user_factors", count: 1, requests: 3 + 300},
	{name: "users x group_members x groups", query: "SELECT u.profile_login, g.profile_name FROM groups g JOIN group_members m ON m.group_id = g.id JOIN users u ON u.id = m.id WHERE g.profile_name = 'Sales' AND u.status = 'ACTIVE'",
		count: -1, requests: 4, anyOrder: true, want: []string{`search=profile.name eq "Sales"`, "/groups/", `search=status eq "ACTIVE"`}},
	{name: "system log time range is since/until", query: "SELECT count(*) FROM system_log WHERE published >= '2026-10-31 12:00:00' AND event_type = 'user.session.start'",
		count: 1, requests: 1, want: []string{`since=2026-10-31T12:00:00.000Z`}},
	{name: "JSON functions", query: "SELECT count(*) FROM users WHERE profile->>'$.department' = 'Sales'", count: 1, requests: 1,
		want: []string{`profile.department eq "Sales"`}},
	{name: "introspection makes no call", query: "SHOW TABLES", count: -1, requests: 0},
	{name: "DESCRIBE makes no call", query: "DESCRIBE users", count: -1, requests: 0},
	{name: "SHOW CREATE TABLE makes no call", query: "SHOW CREATE TABLE group_members", count: 1, requests: 0},
	{name: "information_schema makes no call", query: "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'okta'", count: 1, requests: 0},
	{name: "procedures are listed", query: "SHOW PROCEDURE STATUS WHERE Name = 'user_suspend'", count: 1, requests: 0},
	{name: "procedures are in information_schema", query: "SELECT routine_name FROM information_schema.routines WHERE routine_schema = 'okta' AND routine_name = 'user_activate'", rows: []string{"user_activate"}, requests: 0},
	{name: "SHOW GRANTS works", query: "SHOW GRANTS", count: -1, requests: 0},
	{name: "mysql.user works", query: "SELECT user FROM mysql.user WHERE user = 'root' LIMIT 1", rows: []string{"root"}, requests: 0},
	{name: "groups is accepted unquoted", query: "SELECT count(*) FROM groups WHERE type = 'BUILT_IN'", rows: []string{"1"}, requests: 1},
	{name: "unknown column names the column", query: "SELECT nope FROM users", err: `"nope"`, requests: 0},
}

func TestScripts(t *testing.T) {
	h := newHarness(t, 300)
	for _, tt := range scripts {
		t.Run(tt.name, func(t *testing.T) {
			h.requests()
			rows, err := query(t, h.db, tt.query, true)
			reqs := h.requests()
			switch {
			case tt.err != "":
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want one containing %q", err, tt.err)
				}
			case err != nil:
				t.Fatalf("query failed: %v", err)
			case tt.rows != nil:
				if strings.Join(rows, "\n") != strings.Join(tt.rows, "\n") {
					t.Errorf("rows = %q, want %q", rows, tt.rows)
				}
			case tt.count >= 0 && len(rows) != tt.count:
				t.Errorf("got %d rows, want %d", len(rows), tt.count)
			}
			if len(reqs) != tt.requests {
				t.Errorf("made %d requests, want %d: %q", len(reqs), tt.requests, reqs)
			}
			for i, w := range tt.want {
				switch {
				case tt.anyOrder:
					if !strings.Contains(strings.Join(reqs, "\n"), w) {
						t.Errorf("no request contains %q: %q", w, reqs)
					}
				case i < len(reqs) && !strings.Contains(reqs[i], w):
					t.Errorf("request %d = %q, want it to contain %q", i+1, reqs[i], w)
				}
			}
		})
	}
}

// TestLimitStopsFanOutCalls checks that with no WHERE, each call of a
// fan-out stops after LIMIT rows: the calls read ahead concurrently, and
// without the cap each would page on to fill its buffer.
func TestLimitStopsFanOutCalls(t *testing.T) {
	h := newHarness(t, 300)
	rows, err := query(t, h.db, "SELECT id FROM group_members LIMIT 3", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Errorf("got %d rows, want 3", len(rows))
	}
	// The groups list, then one page of each member call started: at
	// most 16 run at once, and one more may be starting when the read ends.
	const most = 1 + 16 + 1
	reqs := h.requests()
	if len(reqs) > most {
		t.Errorf("made %d requests, want at most %d: %q", len(reqs), most, reqs)
	}
	for _, r := range reqs[1:] {
		if strings.Contains(r, "after=") {
			t.Errorf("a member call read a second page: %s", r)
		}
	}
}

// TestRequestLog checks oktasql_requests: the requests of the session's
// previous statement, on the same connection.
func TestRequestLog(t *testing.T) {
	h := newHarness(t, 120)
	conn, err := h.db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "SELECT count(*) FROM users WHERE status = 'ACTIVE'"); err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(context.Background(), "SELECT table_name, method, path, query, pages FROM oktasql_requests")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var table, method, path, q string
		var pages int
		if err := rows.Scan(&table, &method, &path, &q, &pages); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s %s %s?%s pages=%d", table, method, path, q, pages))
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "users GET /api/v1/users?") || !strings.Contains(got[0], "ACTIVE") || !strings.HasSuffix(got[0], "pages=1") {
		t.Errorf("oktasql_requests = %q, want the one search request", got)
	}
	// A statement that fails before its first request leaves an empty log,
	// never the calls of the statement before it.
	for _, failing := range []string{"SELECT nope FROM users", "SELECT * FROM well_known_app_authenticator_configuration"} {
		if _, err := conn.ExecContext(context.Background(), "SELECT count(*) FROM users WHERE status = 'ACTIVE'"); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.ExecContext(context.Background(), failing); err == nil {
			t.Fatalf("%s did not fail", failing)
		}
		var n int
		if err := conn.QueryRowContext(context.Background(), "SELECT count(*) FROM oktasql_requests").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("after %q failed, oktasql_requests has %d rows, want 0", failing, n)
		}
	}
}
