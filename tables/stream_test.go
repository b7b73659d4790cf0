package tables_test

import (
	"context"
	"fmt"
	"testing"
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
