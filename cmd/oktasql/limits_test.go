package main

import (
	gosql "database/sql"
	"errors"
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
