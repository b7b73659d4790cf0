package tables_test

import (
	"context"
	gosql "database/sql"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/oktasql/oktasql/emulator"
)

// TestLongResultsOverTheWire reads results of many batches (the server
// sends rows 128 at a time and reuses its encoding buffer between
// batches) in one and in several statements, and checks every row against
// the server's own count and a per-row check, so a value overwritten by a
// buffer reused too early would show.
func TestLongResultsOverTheWire(t *testing.T) {
	h := newHarness(t, 600)
	conn, err := h.db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{
		"SELECT id, profile_login, CONCAT(id, '/', profile_login) FROM users",
		"SELECT uuid, event_type, CONCAT(uuid, '/', event_type) FROM system_log WHERE published >= '2026-10-25 00:00:00'",
	} {
		var want int
		if err := conn.QueryRowContext(context.Background(), "SELECT count(*) FROM ("+q+") t").Scan(&want); err != nil {
			t.Fatal(err)
		}
		if want < 3*128 {
			t.Fatalf("%s: %d rows; the test needs several batches", q, want)
		}
		for run := 0; run < 2; run++ {
			rows, err := conn.QueryContext(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var a, b, both string
				if err := rows.Scan(&a, &b, &both); err != nil {
					t.Fatal(err)
				}
				if both != fmt.Sprintf("%s/%s", a, b) {
					t.Fatalf("row %d: %q and %q arrived with %q", n, a, b, both)
				}
				n++
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			rows.Close()
			if n != want {
				t.Errorf("%s: %d rows, want %d", q, n, want)
			}
		}
	}
}

// TestFirstRowsBeforeTheLastPage checks that rows reach the client while
// the statement is still reading: every request for a second page waits
// until the client has its first row, so a server that held the rows back
// until more came (vitess keeps 16 KB of rows before it writes) never
// answers.
func TestFirstRowsBeforeTheLastPage(t *testing.T) {
	gotRow := make(chan struct{})
	h := proxiedHarness(t, emulator.Config{Users: 600}, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.RawQuery, "after=") {
				select {
				case <-gotRow:
				case <-r.Context().Done():
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	})
	db := h.serve(false, "okta")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var rows *gosql.Rows
	first := make(chan error, 1)
	go func() {
		var err error
		if rows, err = db.QueryContext(ctx, "SELECT id FROM users"); err == nil && !rows.Next() {
			err = fmt.Errorf("no first row: %v", rows.Err())
		}
		first <- err
	}()
	select {
	case err := <-first:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		cancel()
		close(gotRow)
		t.Fatal("the first page's rows did not reach the client while the second page was held back")
	}
	close(gotRow)
	n := 1
	for rows.Next() {
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if n != 600 {
		t.Errorf("%d rows, want 600", n)
	}
}
