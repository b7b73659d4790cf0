package tables_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/oktasql/oktasql/emulator"
)

// TestNotFoundOnALaterPageFails reads a group's members in pages of 2
// while the org answers 404 from the second page on: only a 404 on the
// first request means the parent has no children; a later one fails the
// statement rather than ending the rows early.
func TestNotFoundOnALaterPageFails(t *testing.T) {
	members := func(r *http.Request) bool {
		return strings.HasPrefix(r.URL.Path, "/api/v1/groups/") && strings.HasSuffix(r.URL.Path, "/users")
	}
	h := proxiedHarness(t, emulator.Config{Users: 20}, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if members(r) {
				if r.URL.Query().Get("after") != "" {
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusNotFound)
					fmt.Fprint(w, `{"errorCode":"E0000007","errorSummary":"Not found: Resource not found: (UserGroup)"}`)
					return
				}
				q := r.URL.Query()
				q.Set("limit", "2")
				r.URL.RawQuery = q.Encode()
			}
			next.ServeHTTP(w, r)
		})
	})
	db := h.serve(false, "okta")
	var everyone string
	if err := db.QueryRowContext(context.Background(), "SELECT id FROM groups WHERE type = 'BUILT_IN'").Scan(&everyone); err != nil {
		t.Fatal(err)
	}
	rows, err := query(t, db, "SELECT id FROM group_members WHERE group_id = 'nope'", false)
	if err != nil || len(rows) != 0 {
		t.Errorf("members of a group that does not exist: %q, %v; want none and no error", rows, err)
	}
	rows, err = query(t, db, "SELECT id FROM group_members WHERE group_id = '"+everyone+"'", false)
	if err == nil || !strings.Contains(err.Error(), "incomplete") {
		t.Errorf("a 404 on page 2: %d rows, error %v; want an error saying the list is incomplete", len(rows), err)
	}
}

// TestTimedOutPageShrinksEndToEnd reads a group's members from an org
// that times out (500) on pages of more than 300: the page is asked again
// with half the limit, every member comes back, and oktasql_requests
// shows the limit that was sent.
func TestTimedOutPageShrinksEndToEnd(t *testing.T) {
	var limits []string
	var mu sync.Mutex
	h := proxiedHarness(t, emulator.Config{Users: 20}, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/users") && strings.HasPrefix(r.URL.Path, "/api/v1/groups/") {
				mu.Lock()
				limits = append(limits, r.URL.Query().Get("limit"))
				mu.Unlock()
				if n, _ := strconv.Atoi(r.URL.Query().Get("limit")); n > 300 {
					w.WriteHeader(http.StatusInternalServerError)
					fmt.Fprint(w, `{"errorCode":"E0000009","errorSummary":"Internal Server Error"}`)
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	})
	ctx := context.Background()
	conn, err := h.serve(false, "okta").Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var everyone string
	if err := conn.QueryRowContext(ctx, "SELECT id FROM groups WHERE type = 'BUILT_IN'").Scan(&everyone); err != nil {
		t.Fatal(err)
	}
	rows, err := query(t, conn, "SELECT count(*) FROM group_members WHERE group_id = '"+everyone+"'", false)
	if err != nil || len(rows) != 1 || rows[0] != "20" {
		t.Fatalf("members: %q, %v; want all 20", rows, err)
	}
	if strings.Join(limits, ",") != "1000,500,250" {
		t.Errorf("limits sent %v, want 1000,500,250", limits)
	}
	logged, err := query(t, conn, "SELECT query FROM oktasql_requests", false)
	if err != nil || len(logged) != 1 || logged[0] != "limit=250" {
		t.Errorf("oktasql_requests queries %q, %v; want the limit sent, limit=250", logged, err)
	}
}
