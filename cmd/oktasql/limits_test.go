package main

import (
	gosql "database/sql"
	"errors"
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
