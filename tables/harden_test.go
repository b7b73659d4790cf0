package tables_test

import (
	"context"
	gosql "database/sql"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/server"
	"github.com/oktasql/oktasql/tables"
)

// failingPages answers every page after the first of a list with Okta's
// 500, so a scan fails after its first rows went to the client.
func failingPages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("after") != "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			w.Write([]byte(`{"errorCode":"E0000009","errorSummary":"Internal Server Error (test proxy)","errorCauses":[]}`))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// TestErrorAfterRowsReachesTheClient reads a table whose second page
// fails after retries: the client gets the rows already sent, then the
// statement fails with Okta's message (not "2013 Lost connection"), and
// the same connection runs the next statement.
func TestErrorAfterRowsReachesTheClient(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 600}, failingPages)
	db := h.serve(false, "okta")
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	err = rows.Err()
	rows.Close()
	var me *mysql.MySQLError
	if !errors.As(err, &me) {
		t.Fatalf("after %d rows: err = %v (%T), want a MySQL error", n, err, err)
	}
	if n == 0 || n >= 600 {
		t.Errorf("%d rows before the error, want some but not all", n)
	}
	if !strings.Contains(me.Message, "Internal Server Error (test proxy)") {
		t.Errorf("error %d %q does not carry Okta's message", me.Number, me.Message)
	}
	var one int
	if err := conn.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("the connection did not survive the error: %v", err)
	}

	// Debian's mariadb client: the error, then the next statement on the
	// same connection (--force goes on after an error).
	client, err := exec.LookPath("mariadb")
	if err != nil {
		t.Skip("mariadb client not installed (.ci/run installs it)")
	}
	host, port, _ := net.SplitHostPort(h.serveWith(server.Options{}, server.ServerConfig{}))
	cmd := exec.Command(client, "-h", host, "-P", port, "-u", "root", "--batch", "--force", "okta")
	cmd.Stdin = strings.NewReader("SELECT id FROM users;\nSELECT 'still connected';\n")
	out, _ := cmd.CombinedOutput()
	text := string(out)
	if !strings.Contains(text, "ERROR 1105") || !strings.Contains(text, "Internal Server Error (test proxy)") || !strings.Contains(text, "still connected") {
		t.Errorf("mariadb output lacks the error or the next statement's answer:\n%s", lastLines(text, 5))
	}
	if strings.Contains(text, "2013") {
		t.Errorf("mariadb lost the connection:\n%s", lastLines(text, 5))
	}
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}

// serveWith starts an oktasql server over the harness's org with opts and
// cfg (its address is set here) and returns its address.
func (h *harness) serveWith(opts server.Options, cfg server.ServerConfig) string {
	h.t.Helper()
	_, addr := h.serveOrg(opts, cfg)
	return addr
}

// serveOrg is serveWith that also returns the org it serves.
func (h *harness) serveOrg(opts server.Options, cfg server.ServerConfig) (*tables.Org, string) {
	h.t.Helper()
	org := h.org("okta", false)
	eng, err := server.NewEngine([]*tables.Org{org}, opts)
	if err != nil {
		h.t.Fatalf("engine: %v", err)
	}
	cfg.Address = "127.0.0.1:0"
	srv, err := eng.NewServer(cfg)
	if err != nil {
		h.t.Fatalf("server: %v", err)
	}
	go srv.Start()
	h.t.Cleanup(func() { srv.Close() })
	return org, srv.Listener.Addr().String()
}

// open returns a pool of connections to the server at addr as user.
func open(t *testing.T, addr, user string) *gosql.DB {
	t.Helper()
	db, err := gosql.Open("mysql", user+"@tcp("+addr+")/okta?parseTime=true")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// mysqlCode returns the MySQL error number of err, 0 if it is none.
func mysqlCode(err error) uint16 {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		return me.Number
	}
	return 0
}

// TestStatementTimeout: --query-timeout (QueryTimeout) stops a statement
// whatever it does, and a session's max_execution_time shortens the
// limit but cannot lengthen it; the client gets MySQL's error 3024.
func TestStatementTimeout(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 300}, func(next http.Handler) http.Handler { return next })
	db := open(t, h.serveWith(server.Options{}, server.ServerConfig{QueryTimeout: 2 * time.Second}), "root")
	db.SetMaxOpenConns(1)
	for _, tt := range []struct {
		name, set, query string
		max              time.Duration
	}{
		{"sleep", "", "SELECT SLEEP(5)", 3 * time.Second},
		{"cross join", "", "SELECT count(*) FROM users a, users b, users c", 3 * time.Second},
		{"recursive CTE", "", "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM c, (SELECT 1 UNION ALL SELECT 2) t WHERE n < 40) SELECT count(*) FROM c", 3 * time.Second},
		{"max_execution_time shortens", "SET max_execution_time = 300", "SELECT SLEEP(5)", time.Second},
		{"max_execution_time cannot lengthen", "SET max_execution_time = 60000", "SELECT SLEEP(5)", 3 * time.Second},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			conn, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if tt.set != "" {
				if _, err := conn.ExecContext(ctx, tt.set); err != nil {
					t.Fatal(err)
				}
				defer conn.ExecContext(ctx, "SET max_execution_time = 0")
			}
			start := time.Now()
			var v any
			err = conn.QueryRowContext(ctx, tt.query).Scan(&v)
			took := time.Since(start)
			if mysqlCode(err) != 3024 {
				t.Errorf("%s: err = %v, want error 3024", tt.query, err)
			}
			if took > tt.max {
				t.Errorf("%s ran %s, want at most %s", tt.query, took.Round(time.Millisecond), tt.max)
			}
		})
	}
}

// TestStalledResponseTimesOut: a response Okta never finishes fails at
// the request timeout (then retries, then the statement fails) instead
// of being awaited.
func TestStalledResponseTimesOut(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	h := proxiedHarness(t, emulator.Config{Users: 50}, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/api/v1/users") {
				w.WriteHeader(http.StatusOK)
				w.(http.Flusher).Flush()
				select {
				case <-release:
				case <-r.Context().Done():
				}
				return
			}
			next.ServeHTTP(w, r)
		})
	})
	client, err := fetcher.New(h.api, fetcher.WithToken(testToken), fetcher.WithRequestTimeout(200*time.Millisecond), fetcher.WithMaxRetries(1))
	if err != nil {
		t.Fatal(err)
	}
	db := serveOrgs(t, []*tables.Org{{Name: "okta", Catalog: schema.Default(), API: client}}, server.Options{})
	start := time.Now()
	_, err = query(t, db, "SELECT id FROM users", false)
	if err == nil {
		t.Fatal("a stalled response gave an answer")
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("the stalled read failed after %s, want about 2 × 200 ms", took.Round(time.Millisecond))
	}
}

// TestClosedSessionsAreForgotten: the request log and dry-run calls of a
// session go when its connection closes, so memory does not grow with
// every client that came and went.
func TestClosedSessionsAreForgotten(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 50}, func(next http.Handler) http.Handler { return next })
	org, addr := h.serveOrg(server.Options{DryRun: true}, server.ServerConfig{})
	db := open(t, addr, "root")
	var id string
	if err := db.QueryRow("SELECT id FROM users LIMIT 1").Scan(&id); err != nil {
		t.Fatal(err)
	}
	db.SetMaxIdleConns(0) // every statement below on a new connection
	for i := 0; i < 40; i++ {
		if _, err := db.Exec("UPDATE users SET profile_title = 'x' WHERE id = ?", id); err != nil {
			t.Fatal(err)
		}
		if _, err := query(t, db, "SELECT * FROM oktasql_requests", false); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	deadline := time.Now().Add(5 * time.Second)
	for tables.SessionStates(org) > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := tables.SessionStates(org); n > 0 {
		t.Errorf("%d closed sessions still hold their request log or dry-run calls", n)
	}
}

// TestHalfOpenSocketsDoNotLockOut: sockets that never finish the
// handshake lose their slot at the handshake timeout, and a client over
// the connection limit gets MySQL's error 1040 at once.
func TestHalfOpenSocketsDoNotLockOut(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 50}, func(next http.Handler) http.Handler { return next })
	addr := h.serveWith(server.Options{}, server.ServerConfig{MaxConnections: 5, HandshakeTimeout: time.Second})
	for i := 0; i < 8; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	time.Sleep(100 * time.Millisecond)
	db := open(t, addr, "root")
	start := time.Now()
	err := db.Ping()
	if mysqlCode(err) != 1040 {
		t.Errorf("over the limit: err = %v, want error 1040", err)
	}
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Errorf("the refusal took %s", took)
	}
	time.Sleep(1200 * time.Millisecond)
	if err := db.Ping(); err != nil {
		t.Errorf("after the handshake timeout: %v, want a login", err)
	}
}

// TestOperatorSettingsAreLocks: --dry-run cannot be turned off by a
// session or by SET GLOBAL, and --max-affected-rows is a ceiling a
// session may lower but not lift (0 once meant no limit).
func TestOperatorSettingsAreLocks(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 50}, func(next http.Handler) http.Handler { return next })
	ids := func(db *gosql.DB) []any {
		rows, err := query(t, db, "SELECT id FROM users ORDER BY id LIMIT 6", true)
		if err != nil || len(rows) != 6 {
			t.Fatalf("ids: %v %v", rows, err)
		}
		out := make([]any, len(rows))
		for i, r := range rows {
			out[i] = r
		}
		return out
	}
	const update = "UPDATE users SET profile_title = 'locked' WHERE id IN (?, ?, ?, ?, ?, ?)"
	writes := func() int {
		n := 0
		for _, r := range h.emu.Org.Requests() {
			if r.Method != http.MethodGet {
				n++
			}
		}
		return n
	}

	t.Run("dry run", func(t *testing.T) {
		db := open(t, h.serveWith(server.Options{DryRun: true, MaxAffectedRows: 10}, server.ServerConfig{}), "root")
		db.SetMaxOpenConns(1)
		for _, set := range []string{"SET oktasql_dry_run = 0", "SET GLOBAL oktasql_dry_run = 0", "SET @@session.oktasql_dry_run = OFF"} {
			if _, err := db.Exec(set); err == nil {
				t.Errorf("%s: accepted", set)
			}
		}
		if _, err := db.Exec(update, ids(db)...); err != nil {
			t.Fatal(err)
		}
		if n := writes(); n > 0 {
			t.Errorf("%d write calls reached Okta under --dry-run", n)
		}
	})
	t.Run("max affected rows", func(t *testing.T) {
		db := open(t, h.serveWith(server.Options{MaxAffectedRows: 3}, server.ServerConfig{}), "root")
		db.SetMaxOpenConns(1)
		for _, set := range []string{"SET oktasql_max_affected_rows = 0", "SET oktasql_max_affected_rows = 1000", "SET GLOBAL oktasql_max_affected_rows = 1000"} {
			if _, err := db.Exec(set); err == nil {
				t.Errorf("%s: accepted", set)
			}
		}
		if _, err := db.Exec("SET oktasql_max_affected_rows = 2"); err != nil {
			t.Errorf("lowering the ceiling: %v", err)
		}
		ids := ids(db)
		h.emu.Org.ResetRequests()
		if _, err := db.Exec(update, ids...); err == nil {
			t.Error("a write of 6 rows went through a ceiling of 3")
		}
		if n := writes(); n > 0 {
			t.Errorf("%d write calls reached Okta over the ceiling", n)
		}
	})
}

// TestNoHostFileAccess: LOAD_FILE is NULL and INTO OUTFILE/DUMPFILE and
// LOAD DATA INFILE fail with error 1290, in read-only mode too: the
// server never reads or writes the host's files.
func TestNoHostFileAccess(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "okta.yaml")
	if err := os.WriteFile(secret, []byte("okta:\n  client:\n    token: 00secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h := proxiedHarness(t, emulator.Config{Users: 20}, func(next http.Handler) http.Handler { return next })
	for _, readOnly := range []bool{false, true} {
		db := open(t, h.serveWith(server.Options{ReadOnly: readOnly}, server.ServerConfig{}), "root")
		for _, q := range []string{"SELECT LOAD_FILE('" + secret + "')", "SELECT HEX(LOAD_FILE('" + secret + "'))"} {
			var v gosql.NullString
			if err := db.QueryRow(q).Scan(&v); err != nil || v.Valid {
				t.Errorf("read-only %v: %s = %q, %v; want NULL", readOnly, q, v.String, err)
			}
		}
		for i, q := range []string{
			"SELECT 'x' INTO OUTFILE '" + filepath.Join(dir, "out1") + "'",
			"SELECT 'x' INTO DUMPFILE '" + filepath.Join(dir, "out2") + "'",
			"SELECT id FROM users LIMIT 1 INTO OUTFILE '" + filepath.Join(dir, "out3") + "'",
			"LOAD DATA INFILE '" + secret + "' INTO TABLE users",
		} {
			_, err := db.Exec(q)
			if readOnly && strings.HasPrefix(q, "LOAD") && err != nil {
				continue // refused as a write before it opens the file
			}
			if mysqlCode(err) != 1290 {
				t.Errorf("read-only %v: %s: %v, want error 1290", readOnly, q, err)
			}
			if _, err := os.Stat(filepath.Join(dir, fmt.Sprint("out", i+1))); err == nil {
				t.Errorf("read-only %v: %s created its file", readOnly, q)
				os.Remove(filepath.Join(dir, fmt.Sprint("out", i+1)))
			}
		}
	}
}

// TestLostAnswerIsAnUnknownOutcome: a create whose answer is lost after
// Okta made it is not retried, and the error says its outcome is unknown
// and how to check, not "0 applied" alone.
func TestLostAnswerIsAnUnknownOutcome(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 20}, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost || r.URL.Path != "/api/v1/groups" {
				next.ServeHTTP(w, r)
				return
			}
			next.ServeHTTP(httptest.NewRecorder(), r) // Okta makes the group...
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close() // ...and its answer is lost
			}
		})
	})
	db := open(t, h.serveWith(server.Options{}, server.ServerConfig{}), "root")
	_, err := db.Exec("INSERT INTO okta.groups (profile_name, profile_description) VALUES ('lost answer', 'x')")
	if err == nil {
		t.Fatal("the insert succeeded")
	}
	if !strings.Contains(err.Error(), "outcome unknown for 1") || !strings.Contains(err.Error(), "look the rows up") {
		t.Errorf("error %q does not say the outcome is unknown and how to check", err)
	}
	posts := 0
	for _, r := range h.emu.Org.Requests() {
		if r.Method == http.MethodPost {
			posts++
		}
	}
	if posts != 1 {
		t.Errorf("%d POSTs reached Okta, want 1 (no blind retry)", posts)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM okta.groups WHERE profile_name = 'lost answer'").Scan(&n); err != nil || n != 1 {
		t.Errorf("the group Okta made: count %d, %v", n, err)
	}
}

// exhaustedRateLimit answers the first list of users with a 429 whose
// bucket resets in reset, then passes requests on.
func exhaustedRateLimit(reset time.Duration) func(http.Handler) http.Handler {
	var once sync.Once
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			limited := false
			if r.URL.Path == "/api/v1/users" {
				once.Do(func() { limited = true })
			}
			if !limited {
				next.ServeHTTP(w, r)
				return
			}
			w.Header().Set("X-Rate-Limit-Limit", "600")
			w.Header().Set("X-Rate-Limit-Remaining", "0")
			w.Header().Set("X-Rate-Limit-Reset", strconv.FormatInt(time.Now().Add(reset).Unix(), 10))
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests."}`))
		})
	}
}

// TestRateLimitWaitIsBounded: after a 429 announcing a reset further away
// than the client waits, the statement and the next one (another session,
// same bucket) fail at once saying why; a reset within the bound is
// waited for, with a warning.
func TestRateLimitWaitIsBounded(t *testing.T) {
	t.Run("too far", func(t *testing.T) {
		h := proxiedHarness(t, emulator.Config{Users: 20}, exhaustedRateLimit(150*time.Second))
		db := open(t, h.serveWith(server.Options{}, server.ServerConfig{}), "root")
		for i := 0; i < 2; i++ {
			start := time.Now()
			_, err := query(t, db, "SELECT id FROM users LIMIT 5", false)
			if err == nil || !strings.Contains(err.Error(), "rate limit") {
				t.Errorf("statement %d: %v, want a rate-limit error", i+1, err)
			}
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("statement %d failed after %s, want at once", i+1, took.Round(time.Millisecond))
			}
		}
	})
	t.Run("within the bound", func(t *testing.T) {
		h := proxiedHarness(t, emulator.Config{Users: 20}, exhaustedRateLimit(time.Second))
		db := open(t, h.serveWith(server.Options{}, server.ServerConfig{}), "root")
		db.SetMaxOpenConns(1)
		if rows, err := query(t, db, "SELECT id FROM users LIMIT 5", false); err != nil || len(rows) != 5 {
			t.Fatalf("after waiting: %d rows, %v", len(rows), err)
		}
		warnings, err := query(t, db, "SHOW WARNINGS", false)
		if err != nil || len(warnings) == 0 || !strings.Contains(warnings[0], "waiting") {
			t.Errorf("SHOW WARNINGS = %q, %v; want the rate-limit wait", warnings, err)
		}
	})
}

// TestAccountsAreTheOperators: clients cannot create, change or grant
// accounts; an unknown user fails like a wrong password (1045); repeated
// failures from a host are slowed down, and a right password still works.
func TestAccountsAreTheOperators(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 20}, func(next http.Handler) http.Handler { return next })
	addr := h.serveWith(server.Options{Users: []server.User{{Name: "admin", Password: "s3cret"}}}, server.ServerConfig{})
	db := open(t, addr, "admin:s3cret")
	for _, q := range []string{
		"CREATE USER 'eve'@'%'",
		"GRANT ALL ON *.* TO 'admin'@'%'",
		"ALTER USER 'admin'@'%' IDENTIFIED BY ''",
		"DROP USER 'admin'@'localhost'",
		"CREATE ROLE 'r'",
	} {
		if _, err := db.Exec(q); mysqlCode(err) != 1290 {
			t.Errorf("%s: %v, want error 1290", q, err)
		}
	}
	if err := open(t, addr, "eve").Ping(); mysqlCode(err) != 1045 {
		t.Errorf("eve after CREATE USER: %v, want error 1045", err)
	}
	for _, user := range []string{"nobody:x", "admin:wrong"} {
		if err := open(t, addr, user).Ping(); mysqlCode(err) != 1045 {
			t.Errorf("login as %s: %v, want error 1045", user, err)
		}
	}
	start := time.Now()
	for i := 0; i < 4; i++ {
		open(t, addr, "admin:wrong").Ping()
	}
	if took := time.Since(start); took < 750*time.Millisecond {
		t.Errorf("4 more wrong passwords took %s, want them slowed down", took.Round(time.Millisecond))
	}
	if err := open(t, addr, "admin:s3cret").Ping(); err != nil {
		t.Errorf("the right password after failures: %v", err)
	}
}

// TestRegexpsRunInLinearTime: REGEXP_LIKE and the REGEXP operators answer
// a pattern that backtracks exponentially at once, and keep MySQL's
// answers and flags.
func TestRegexpsRunInLinearTime(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 100}, func(next http.Handler) http.Handler { return next })
	db := open(t, h.serveWith(server.Options{}, server.ServerConfig{QueryTimeout: 10 * time.Second}), "root")
	for _, tt := range []struct{ query, want string }{
		{"SELECT REGEXP_LIKE(REPEAT('a', 30000), '(a|a)*b')", "0"},
		{"SELECT REPEAT('a', 30000) REGEXP '(a|a)*b'", "0"},
		{"SELECT REPEAT('a', 30000) NOT RLIKE '(a|a)*b'", "1"},
		{"SELECT 'Abc' REGEXP 'abc'", "0"},
		{"SELECT REGEXP_LIKE('Abc', 'abc', 'i')", "1"},
		{"SELECT REGEXP_LIKE('Abc', 'abc', 'ic')", "0"},
		{"SELECT REGEXP_LIKE('a\nb', 'a.b', 'n')", "1"},
		{"SELECT REGEXP_LIKE(NULL, 'a')", "NULL"},
		{"SELECT REGEXP_INSTR(REPEAT('a', 30000), '(a|a)*b')", "0"},
		{"SELECT REGEXP_SUBSTR(REPEAT('a', 30000), '(a|a)*b')", "NULL"},
		{"SELECT LENGTH(REGEXP_REPLACE(REPEAT('a', 30000), '(a|a)*b', 'x'))", "30000"},
		{"SELECT REGEXP_INSTR('dog cat dog', 'dog')", "1"},
		{"SELECT REGEXP_INSTR('dog cat dog', 'dog', 2)", "9"},
		{"SELECT REGEXP_INSTR('dog cat dog', 'dog', 1, 2, 1)", "12"},
		{"SELECT REGEXP_INSTR('ünï dog', 'dog')", "5"},
		{"SELECT REGEXP_SUBSTR('abc def ghi', '[a-z]+', 1, 3)", "ghi"},
		{"SELECT REGEXP_SUBSTR('abc def', 'x')", "NULL"},
		{"SELECT REGEXP_REPLACE('a b c', 'b', 'X')", "a X c"},
		{"SELECT REGEXP_REPLACE('abc def ghi', '[a-z]+', 'X', 1, 3)", "abc def X"},
		{"SELECT REGEXP_REPLACE('abc def ghi', '[a-z]+', 'X', 5)", "abc X X"},
		{"SELECT REGEXP_REPLACE('abc', '(b)', '[$1]')", "a[b]c"},
		{"SELECT (SELECT count(*) FROM users WHERE profile_login REGEXP '^[a-c]') = (SELECT count(*) FROM users WHERE profile_login >= 'a' AND profile_login < 'd')", "1"},
	} {
		start := time.Now()
		got, err := query(t, db, tt.query, true)
		if err != nil || len(got) != 1 || got[0] != tt.want {
			t.Errorf("%s = %v, %v; want %s", tt.query, got, err, tt.want)
		}
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("%s took %s", tt.query, took.Round(time.Millisecond))
		}
	}
	if _, err := query(t, db, `SELECT 'aa' REGEXP '(a)\\1'`, true); err == nil {
		t.Error("a backreference (not RE2) was accepted")
	}
}

// TestDeepNestingIsRefused: 20 levels of subqueries (whose analysis
// doubles with each level and ran for minutes) fail at once with MySQL's
// error 1473; 12 levels still run.
func TestDeepNestingIsRefused(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 20}, func(next http.Handler) http.Handler { return next })
	db := open(t, h.serveWith(server.Options{}, server.ServerConfig{}), "root")
	nest := func(depth int) string {
		q := "1"
		for i := 1; i < depth; i++ {
			q = "(SELECT " + q + ")"
		}
		return "SELECT " + q
	}
	start := time.Now()
	if _, err := query(t, db, nest(20), true); mysqlCode(err) != 1473 {
		t.Errorf("20 levels: %v, want error 1473", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("refusing 20 levels took %s", took)
	}
	if got, err := query(t, db, nest(12), true); err != nil || len(got) != 1 || got[0] != "1" {
		t.Errorf("12 levels: %v, %v", got, err)
	}
}

// TestStringResultsAreBounded: REPEAT, LPAD, RPAD and SPACE longer than
// max_allowed_packet (64 MB, a ceiling) are NULL with a warning, built
// never; shorter ones are unchanged.
func TestStringResultsAreBounded(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 20}, func(next http.Handler) http.Handler { return next })
	db := open(t, h.serveWith(server.Options{}, server.ServerConfig{}), "root")
	db.SetMaxOpenConns(1)
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	for _, q := range []string{
		"SELECT REPEAT('x', 1e9)",
		"SELECT LENGTH(REPEAT('x', 1e9))",
		"SELECT LPAD('x', 2e9, 'y')",
		"SELECT RPAD('x', 2e9, 'y')",
		"SELECT SPACE(1e9)",
		"SELECT REPEAT(REPEAT('x', 1e6), 1e6)",
	} {
		got, err := query(t, db, q, true)
		if err != nil || len(got) != 1 || got[0] != "NULL" {
			t.Errorf("%s = %v, %v; want NULL", q, got, err)
		}
		if w, err := query(t, db, "SHOW WARNINGS", true); err != nil || len(w) != 1 || !strings.Contains(w[0], "1301") {
			t.Errorf("%s: warnings %v, %v; want 1301", q, w, err)
		}
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 256 {
		t.Errorf("the refused strings allocated %d MB", mb)
	}
	for q, want := range map[string]string{
		"SELECT REPEAT('ab', 3)":          "ababab",
		"SELECT LPAD('x', 3, 'y')":        "yyx",
		"SELECT RPAD('x', 3, 'y')":        "xyy",
		"SELECT LENGTH(SPACE(5))":         "5",
		"SELECT REPEAT(NULL, 3)":          "NULL",
		"SELECT LENGTH(REPEAT('x', 1e6))": "1000000",
	} {
		if got, err := query(t, db, q, true); err != nil || len(got) != 1 || got[0] != want {
			t.Errorf("%s = %v, %v; want %q", q, got, err, want)
		}
	}
	if _, err := db.Exec("SET max_allowed_packet = 1073741824"); err == nil {
		t.Error("max_allowed_packet went over 64 MB")
	}
}

// TestPreparedStatementTimeout: a prepared statement (the binary protocol
// go-sql-driver uses for arguments) stops at the query timeout too.
func TestPreparedStatementTimeout(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 20}, func(next http.Handler) http.Handler { return next })
	db := open(t, h.serveWith(server.Options{}, server.ServerConfig{QueryTimeout: time.Second}), "root")
	start := time.Now()
	var v any
	err := db.QueryRow("SELECT SLEEP(?)", 5).Scan(&v)
	if mysqlCode(err) != 3024 {
		t.Errorf("prepared SLEEP(5): %v, want error 3024", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("prepared SLEEP(5) ran %s under a 1 s limit", took.Round(time.Millisecond))
	}
}

// TestMemoryBudget: a statement whose rows multiply (a recursive CTE that
// doubles them each step, 2.2 GB before) is stopped with MySQL's error
// 1041 when the heap passes the budget, and the server goes on.
func TestMemoryBudget(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 20}, func(next http.Handler) http.Handler { return next })
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	budget := ms.HeapAlloc + 128<<20
	db := open(t, h.serveWith(server.Options{}, server.ServerConfig{MemoryBudget: budget}), "root")
	start := time.Now()
	_, err := query(t, db, "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM c, (SELECT 1 UNION ALL SELECT 2) t WHERE n < 40) SELECT count(*) FROM c", true)
	if mysqlCode(err) != 1041 {
		t.Errorf("doubling CTE: %v, want error 1041", err)
	}
	t.Logf("stopped after %s", time.Since(start).Round(time.Millisecond))
	if got, err := query(t, db, "SELECT 1", true); err != nil || len(got) != 1 {
		t.Errorf("the server after the stop: %v, %v", got, err)
	}
}

// TestClientHangUpStopsTheStatement: a client that goes away mid-statement
// stops it within about a second: no more calls reach Okta.
func TestClientHangUpStopsTheStatement(t *testing.T) {
	emu, err := emulator.Start(emulator.Config{Users: 300, Seed: 7, Token: testToken, Now: harnessNow, Latency: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	h := &harness{t: t, emu: emu, api: emu.URL}
	db := open(t, h.serveWith(server.Options{}, server.ServerConfig{}), "root")
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	var n int64
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM user_factors").Scan(&n); err == nil {
		t.Fatal("the fan-out finished before the client hung up")
	}
	time.Sleep(1500 * time.Millisecond) // the server notices within a second
	before := len(emu.Org.Requests())
	time.Sleep(time.Second)
	if after := len(emu.Org.Requests()); after != before {
		t.Errorf("%d requests reached Okta after the client hung up", after-before)
	}
}

// TestCteMaxRecursionDepth: a recursive CTE stops after
// cte_max_recursion_depth iterations (1000) with MySQL's error 3636, as
// MySQL does; a session may allow more.
func TestCteMaxRecursionDepth(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 20}, func(next http.Handler) http.Handler { return next })
	db := open(t, h.serveWith(server.Options{}, server.ServerConfig{}), "root")
	db.SetMaxOpenConns(1)
	cte := func(n int) string {
		return fmt.Sprintf("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM c WHERE n < %d) SELECT count(*) FROM c", n)
	}
	if got, err := query(t, db, cte(1000), true); err != nil || len(got) != 1 || got[0] != "1000" {
		t.Errorf("1000 iterations (the last one empty): %v, %v", got, err)
	}
	if _, err := query(t, db, cte(2000), true); mysqlCode(err) != 3636 {
		t.Errorf("1999 iterations: %v, want error 3636", err)
	}
	if _, err := db.Exec("SET cte_max_recursion_depth = 5000"); err != nil {
		t.Fatal(err)
	}
	if got, err := query(t, db, cte(2000), true); err != nil || len(got) != 1 || got[0] != "2000" {
		t.Errorf("1999 iterations under a depth of 5000: %v, %v", got, err)
	}
}
