package tables_test

import (
	"context"
	"testing"
	"time"

	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/server"
	"github.com/oktasql/oktasql/tables"
)

// TestResponseCache runs a repeated query through a server whose client
// caches responses: the repeat makes no request and oktasql_requests says
// its pages were cached; an UPDATE through SQL makes the next read go to
// the org and see the change.
func TestResponseCache(t *testing.T) {
	h := newHarness(t, 300)
	client, err := fetcher.New(h.emu.URL, fetcher.WithToken(testToken), fetcher.WithCache(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	db := serveOrgs(t, []*tables.Org{{Name: "okta", Catalog: schema.Default(), API: client, Now: func() time.Time { return harnessNow }}}, server.Options{})
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx := context.Background()
	const q = "SELECT id, profile_title FROM users WHERE status = 'ACTIVE' AND profile_department = 'Sales' ORDER BY id"
	read := func() [][2]string {
		t.Helper()
		rows, err := conn.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out [][2]string
		for rows.Next() {
			var id, title string
			if err := rows.Scan(&id, &title); err != nil {
				t.Fatal(err)
			}
			out = append(out, [2]string{id, title})
		}
		return out
	}
	first := read()
	if len(first) == 0 {
		t.Fatal("no Sales users to test with")
	}
	h.requests()
	if again := read(); len(again) != len(first) {
		t.Fatalf("the cached read returned %d rows, the first %d", len(again), len(first))
	}
	if reqs := h.requests(); len(reqs) != 0 {
		t.Errorf("the repeated query made %d requests: %q", len(reqs), reqs)
	}
	var pages, cached int
	if err := conn.QueryRowContext(ctx, "SELECT sum(pages), sum(cached_pages) FROM oktasql_requests").Scan(&pages, &cached); err != nil {
		t.Fatal(err)
	}
	if pages == 0 || cached != pages {
		t.Errorf("oktasql_requests: %d pages, %d cached; want all cached", pages, cached)
	}

	if _, err := conn.ExecContext(ctx, "UPDATE users SET profile_title = 'Cache Buster' WHERE id = ?", first[0][0]); err != nil {
		t.Fatal(err)
	}
	h.requests()
	after := read()
	if reqs := h.requests(); len(reqs) == 0 {
		t.Error("the read after the UPDATE made no request")
	}
	if after[0][1] != "Cache Buster" {
		t.Errorf("after the UPDATE the title reads %q", after[0][1])
	}
}
