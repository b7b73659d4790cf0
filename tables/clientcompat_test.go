package tables_test

import (
	"bufio"
	"bytes"
	"context"
	gosql "database/sql"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/oktasql/oktasql/server"
	"github.com/oktasql/oktasql/tables"
)

// TestVersionAgrees checks that the handshake, VERSION() and @@version
// report one version: drivers choose their dialect from the handshake.
func TestVersionAgrees(t *testing.T) {
	h := newHarness(t, 20)
	var version, variable string
	if err := h.db.QueryRow("SELECT VERSION(), @@version").Scan(&version, &variable); err != nil {
		t.Fatal(err)
	}
	if version != variable || !strings.HasPrefix(version, "8.0.") || !strings.HasSuffix(version, "-oktasql") {
		t.Errorf("VERSION() = %q, @@version = %q; want one 8.0.x-oktasql", version, variable)
	}
	if hs := handshakeVersion(t, serveAddr(t, h)); hs != version {
		t.Errorf("handshake says %q, VERSION() %q", hs, version)
	}
}

// serveAddr starts another oktasql server over the harness's org and
// returns its address, for a client that speaks the protocol itself.
func serveAddr(t *testing.T, h *harness) string {
	t.Helper()
	eng, err := server.NewEngine([]*tables.Org{h.org("okta", false)}, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := eng.NewServer(server.ServerConfig{Address: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	go srv.Start()
	t.Cleanup(func() { srv.Close() })
	return srv.Listener.Addr().String()
}

// handshakeVersion reads the server version from the greeting of the
// MySQL server at addr.
func handshakeVersion(t *testing.T, addr string) string {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	r := bufio.NewReader(c)
	hdr := make([]byte, 4)
	if _, err := io.ReadFull(r, hdr); err != nil {
		t.Fatal(err)
	}
	payload := make([]byte, int(hdr[0])|int(hdr[1])<<8|int(hdr[2])<<16)
	if _, err := io.ReadFull(r, payload); err != nil {
		t.Fatal(err)
	}
	// protocol version byte, then the NUL-terminated server version
	end := bytes.IndexByte(payload[1:], 0)
	if end < 0 {
		t.Fatalf("greeting without a version: %q", payload)
	}
	return string(payload[1 : 1+end])
}

// TestClientStartupQueries runs what MySQL tools send when they connect
// or complete, each on one connection as the tool would.
func TestClientStartupQueries(t *testing.T) {
	h := newHarness(t, 20)
	ctx := context.Background()
	conn, err := h.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	t.Run("mycli completion reads help_topic", func(t *testing.T) {
		rows, err := conn.QueryContext(ctx, `SELECT name FROM mysql.help_topic WHERE name LIKE 'SHOW %'`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		if rows.Next() {
			t.Error("help_topic has rows; oktasql has no server-side help")
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("warning_count is the previous statement's", func(t *testing.T) {
		if _, err := conn.ExecContext(ctx, "SELECT 1/0"); err != nil {
			t.Fatal(err)
		}
		for i, want := range []int{1, 0} {
			var n int
			if err := conn.QueryRowContext(ctx, "SELECT @@warning_count").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != want {
				t.Errorf("read %d: @@warning_count = %d, want %d", i+1, n, want)
			}
		}
	})
	t.Run("SHOW CREATE PROCEDURE names the parameters", func(t *testing.T) {
		var name, mode, create, cs, coll, dbColl string
		if err := conn.QueryRowContext(ctx, "SHOW CREATE PROCEDURE user_suspend").Scan(&name, &mode, &create, &cs, &coll, &dbColl); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(create, "user_suspend(IN user_id TEXT)") {
			t.Errorf("SHOW CREATE PROCEDURE user_suspend = %q, want its user_id parameter", create)
		}
	})
}

// TestSumsAreDecimal checks that SUM and AVG of integers are DECIMAL, as
// in MySQL, where go-mysql-server makes them DOUBLE; sums of floats stay
// DOUBLE.
func TestSumsAreDecimal(t *testing.T) {
	h := newHarness(t, 20)
	rows, err := h.db.Query("SELECT SUM(users_count), AVG(users_count), SUM(users_count) + 1, SUM(1e0), count(*) FROM groups")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.ColumnTypes()
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"DECIMAL", "DECIMAL", "DECIMAL", "DOUBLE", "BIGINT"} {
		if got := cols[i].DatabaseTypeName(); got != want {
			t.Errorf("%s is %s, want %s", cols[i].Name(), got, want)
		}
	}
	if !rows.Next() {
		t.Fatal("no row")
	}
	var sum, avg, plus, fsum string
	var n int
	if err := rows.Scan(&sum, &avg, &plus, &fsum, &n); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sum, ".") || !strings.Contains(avg, ".") || len(avg)-strings.Index(avg, ".") != 5 {
		t.Errorf("SUM = %s, AVG = %s; want an integer and four decimals", sum, avg)
	}
}

// TestTemporaryTables checks session temporary tables: created empty or
// from a query, written, joined with Okta tables, dropped, and seen only
// by their session; the API's tables cannot be dropped.
func TestTemporaryTables(t *testing.T) {
	h := newHarness(t, 30)
	ctx := context.Background()
	conn, err := h.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{
		"CREATE TEMPORARY TABLE active AS SELECT id, status FROM users WHERE status = 'ACTIVE'",
		"CREATE TEMPORARY TABLE probe (a INT, b VARCHAR(10))", // Tableau's probe
		"INSERT INTO probe VALUES (1, 'x'), (2, 'y')",
		"DELETE FROM probe WHERE a = 1",
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var copied, active, b string
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM active a JOIN users u ON u.id = a.id").Scan(&copied); err != nil {
		t.Fatal(err)
	}
	if err := h.db.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE status = 'ACTIVE'").Scan(&active); err != nil {
		t.Fatal(err)
	}
	if copied != active {
		t.Errorf("the temporary copy joins %s users, %s are active", copied, active)
	}
	if err := conn.QueryRowContext(ctx, "SELECT group_concat(b) FROM probe").Scan(&b); err != nil || b != "y" {
		t.Errorf("probe holds %q (%v), want y", b, err)
	}
	other, err := h.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.ExecContext(ctx, "SELECT * FROM probe"); err == nil {
		t.Error("another session sees the temporary table")
	}
	if _, err := conn.ExecContext(ctx, "DROP TABLE probe"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "SELECT * FROM probe"); err == nil {
		t.Error("the dropped temporary table is still there")
	}
	if _, err := conn.ExecContext(ctx, "DROP TABLE users"); err == nil {
		t.Error("DROP TABLE users succeeded")
	}
}

// TestHandshakeCharset checks that a latin1 client (its handshake names
// latin1_swedish_ci) reads latin1 without a SET NAMES, and that its
// literals and parameters are read as latin1.
func TestHandshakeCharset(t *testing.T) {
	h := newHarness(t, 200)
	var id, name string
	if err := h.db.QueryRow("SELECT id, profile_first_name FROM users WHERE profile_first_name REGEXP '[^ -~]' ORDER BY id LIMIT 1").Scan(&id, &name); err != nil {
		t.Fatal(err)
	}
	latin1 := serveDB(t, h, "collation=latin1_swedish_ci")
	var got []byte
	if err := latin1.QueryRow("SELECT profile_first_name FROM users WHERE id = ?", id).Scan(&got); err != nil {
		t.Fatal(err)
	}
	var want []byte // latin1: one byte per rune of the name
	for _, r := range name {
		if r > 0xff {
			t.Skipf("%q is not latin1", name)
		}
		want = append(want, byte(r))
	}
	if !bytes.Equal(got, want) {
		t.Errorf("a latin1 client reads %q as % x, want % x", name, got, want)
	}
	// Its statements are latin1 too, literals compared with UTF-8 columns
	// included, before and after a SET NAMES.
	conn, err := latin1.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, setNames := range []bool{false, true} {
		if setNames {
			if _, err := conn.ExecContext(context.Background(), "SET NAMES latin1"); err != nil {
				t.Fatal(err)
			}
		}
		var n int
		if err := conn.QueryRowContext(context.Background(), "SELECT count(*) FROM users WHERE id = '"+id+"' AND profile_first_name = '"+string(want)+"'").Scan(&n); err != nil || n != 1 {
			t.Errorf("SET NAMES %v: a latin1 literal matched %d users (%v), want 1", setNames, n, err)
		}
		// and a parameter of a server-side prepared statement
		if err := conn.QueryRowContext(context.Background(), "SELECT count(*) FROM users WHERE id = ? AND profile_first_name = ?", id, want).Scan(&n); err != nil || n != 1 {
			t.Errorf("SET NAMES %v: a latin1 parameter matched %d users (%v), want 1", setNames, n, err)
		}
	}
}

// serveDB starts another oktasql server over the harness's org and
// returns a client of it whose DSN has params.
func serveDB(t *testing.T, h *harness, params string) *gosql.DB {
	t.Helper()
	db, err := gosql.Open("mysql", "root@tcp("+serveAddr(t, h)+")/okta?"+params)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestJSONAsText checks oktasql_json_as_text, which sends JSON columns as
// text for MariaDB Connector/ODBC: same name, same value, a text type.
func TestJSONAsText(t *testing.T) {
	h := newHarness(t, 20)
	ctx := context.Background()
	conn, err := h.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	read := func() (typ, name, value string) {
		rows, err := conn.QueryContext(ctx, "SELECT profile FROM users ORDER BY id LIMIT 1")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, err := rows.ColumnTypes()
		if err != nil {
			t.Fatal(err)
		}
		if !rows.Next() {
			t.Fatal("no row")
		}
		if err := rows.Scan(&value); err != nil {
			t.Fatal(err)
		}
		return cols[0].DatabaseTypeName(), cols[0].Name(), value
	}
	jsonType, _, jsonValue := read()
	if _, err := conn.ExecContext(ctx, "SET oktasql_json_as_text = 1"); err != nil {
		t.Fatal(err)
	}
	textType, name, textValue := read()
	if jsonType != "JSON" || textType == "JSON" || name != "profile" || textValue != jsonValue {
		t.Errorf("JSON column %s %q; as text %s %s %q", jsonType, jsonValue, textType, name, textValue)
	}
}
