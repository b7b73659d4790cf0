package tables_test

import (
	"context"
	"strings"
	"testing"
)

// TestReservedCharactersInPaths reads through paths whose values hold
// reserved characters: the emulator (which decodes a path once, as Okta
// does) finds the user, and oktasql_requests shows the path as sent.
func TestReservedCharactersInPaths(t *testing.T) {
	h := newHarness(t, 40)
	ctx := context.Background()
	conn, err := h.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, login := range []string{"o'brien@example.com", "a/b@example.com"} {
		q := "INSERT INTO users (profile_login, profile_email, profile_first_name, profile_last_name) VALUES ('" + strings.ReplaceAll(login, "'", "''") + "', 'x@example.com', 'O', 'B')"
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	tests := []struct {
		name  string
		query string
		rows  []string
		// sent is the request on the wire, as the emulator decoded it;
		// logged is its path in oktasql_requests.
		sent, logged string
	}{
		{"a login with a quote is a point GET", "SELECT profile_login FROM users WHERE profile_login = 'o''brien@example.com'",
			[]string{"o'brien@example.com"}, "GET /api/v1/users/o'brien@example.com", "/api/v1/users/o%27brien@example.com"},
		{"a login with a slash is a search (getUser finds it by id only)", "SELECT profile_login FROM users WHERE profile_login = 'a/b@example.com'",
			[]string{"a/b@example.com"}, `GET /api/v1/users?limit=200&search=profile.login eq "a/b@example.com"`, "/api/v1/users"},
		{"a key with a space", "SELECT id FROM group_members WHERE group_id = 'a b'",
			nil, "GET /api/v1/groups/a b/users?limit=1000", "/api/v1/groups/a%20b/users"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.requests()
			rows, err := query(t, conn, tt.query, false)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(rows, ",") != strings.Join(tt.rows, ",") {
				t.Errorf("rows %q, want %q", rows, tt.rows)
			}
			if reqs := h.requests(); len(reqs) != 1 || reqs[0] != tt.sent {
				t.Errorf("sent %q, want %q", reqs, tt.sent)
			}
			logged, err := query(t, conn, "SELECT path FROM oktasql_requests", false)
			if err != nil {
				t.Fatal(err)
			}
			if len(logged) != 1 || logged[0] != tt.logged {
				t.Errorf("oktasql_requests paths %q, want %q", logged, tt.logged)
			}
		})
	}
}
