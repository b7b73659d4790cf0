package main

import (
	gosql "database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
)

// TestServeQueryTimeout: `serve --query-timeout` bounds served statements
// (it once bounded only the shell's).
func TestServeQueryTimeout(t *testing.T) {
	port := startServe(t, "--query-timeout", "1s")
	db, err := gosql.Open("mysql", "root@tcp(127.0.0.1:"+port+")/okta")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	var v any
	err = db.QueryRow("SELECT SLEEP(3)").Scan(&v)
	var me *mysql.MySQLError
	if !errors.As(err, &me) || me.Number != 3024 {
		t.Errorf("SELECT SLEEP(3) under --query-timeout 1s: %v, want error 3024", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("SELECT SLEEP(3) ran %s under --query-timeout 1s", took.Round(time.Millisecond))
	}
}

// TestSetGlobalNeedsAnAdmin serves an admin account (--admin) and another
// (--user): only the admin may SET GLOBAL (the other gets MySQL's error
// 1227 and the global stays as it was), either may set its own session's
// variables, and a KILL needs to be the admin's or of the account's own
// connection (1095 otherwise), as in MySQL.
func TestSetGlobalNeedsAnAdmin(t *testing.T) {
	port := startServe(t, "--admin", "ops:s3cret", "--user", "analyst:pa55")
	conn := func(account string) *gosql.Conn {
		db, err := gosql.Open("mysql", account+"@tcp(127.0.0.1:"+port+")/okta")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		c, err := db.Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	code := func(err error) uint16 {
		var me *mysql.MySQLError
		if errors.As(err, &me) {
			return me.Number
		}
		return 0
	}
	ops, analyst, analyst2 := conn("ops:s3cret"), conn("analyst:pa55"), conn("analyst:pa55")
	ctx := t.Context()
	global := func() (v int) {
		t.Helper()
		if err := analyst2.QueryRowContext(ctx, "SELECT @@global.net_write_timeout").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	before := global()
	t.Cleanup(func() { ops.ExecContext(ctx, "SET GLOBAL net_write_timeout = ?", before) })

	for _, set := range []string{"SET GLOBAL net_write_timeout = 120", "SET @@global.net_write_timeout = 120", "SET net_write_timeout = 30, GLOBAL net_write_timeout = 120"} {
		if _, err := analyst.ExecContext(ctx, set); code(err) != 1227 {
			t.Errorf("analyst: %s: %v, want error 1227", set, err)
		}
	}
	if got := global(); got != before {
		t.Errorf("@@global.net_write_timeout = %d after the analyst's refused SETs, want %d", got, before)
	}
	if _, err := analyst.ExecContext(ctx, "SET SESSION net_write_timeout = 30"); err != nil {
		t.Errorf("analyst: a session variable: %v", err)
	}
	if _, err := ops.ExecContext(ctx, "SET GLOBAL net_write_timeout = 120"); err != nil {
		t.Errorf("ops: SET GLOBAL: %v", err)
	}
	if got := global(); got != 120 {
		t.Errorf("@@global.net_write_timeout = %d after the admin's SET GLOBAL, want 120", got)
	}

	killQuery := func(c *gosql.Conn) string {
		t.Helper()
		var id int64
		if err := c.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&id); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint("KILL QUERY ", id)
	}
	if _, err := analyst.ExecContext(ctx, killQuery(ops)); code(err) != 1095 {
		t.Errorf("analyst: KILL QUERY of the admin's connection: %v, want error 1095", err)
	}
	if _, err := analyst.ExecContext(ctx, killQuery(analyst2)); err != nil {
		t.Errorf("analyst: KILL QUERY of its own connection: %v", err)
	}
	if _, err := ops.ExecContext(ctx, killQuery(analyst2)); err != nil {
		t.Errorf("ops: KILL QUERY of the analyst's connection: %v", err)
	}
}

// TestEmulatorRateLimits: --emulator-rate-limits makes the embedded org
// enforce a tier's limits (integrator free: 100 a window for the factor
// lists, half of it for oktasql), and the fan-out over 100 users waits for
// a window to end rather than fail, with the same answer; --rate-share
// takes a share over 0 and at most 1.
func TestEmulatorRateLimits(t *testing.T) {
	q := "SELECT count(*) FROM user_factors"
	plain, _, err := run(t, "", "-e", q, "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	limited, stderr, err := run(t, "", "-e", q+"; SHOW WARNINGS", "--format", "csv",
		"--emulator-rate-limits", "--emulator-rate-tier", "integrator-free", "--emulator-rate-window", "1s")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(limited, plain) {
		t.Errorf("under rate limits: %q, want the answer without them, %q", limited, plain)
	}
	if !strings.Contains(limited, "waiting") || !strings.Contains(stderr, "rate limits") {
		t.Errorf("no rate-limit wait: stdout %q, stderr %q", limited, stderr)
	}
	for _, share := range []string{"0", "1.5"} {
		if _, _, err := run(t, "", "-e", "SELECT 1", "--rate-share", share); err == nil || !strings.Contains(err.Error(), "--rate-share") {
			t.Errorf("--rate-share %s: %v, want refused", share, err)
		}
	}
}
