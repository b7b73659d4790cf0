package tables_test

import (
	"context"
	"strings"
	"testing"
)

// TestPushdownSwitch checks SET oktasql_pushdown = 0: a session reads every
// table plain (no search, filter, sort, limit or point GET; key columns
// still fill the path) and gets the same answer; turning it back on
// pushes again.
func TestPushdownSwitch(t *testing.T) {
	h := newHarness(t, 120)
	ctx := context.Background()
	conn, err := h.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const active = "SELECT id FROM users WHERE status = 'ACTIVE' ORDER BY created DESC LIMIT 3"
	pushed, err := query(t, conn, active, true)
	if err != nil {
		t.Fatal(err)
	}
	if reqs := h.requests(); len(reqs) != 1 || !strings.Contains(reqs[0], "search=") {
		t.Errorf("pushdown on: requests %q, want one search", reqs)
	}
	if _, err := conn.ExecContext(ctx, "SET oktasql_pushdown = 0"); err != nil {
		t.Fatal(err)
	}
	plain, err := query(t, conn, active, true)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(plain, ",") != strings.Join(pushed, ",") {
		t.Errorf("pushdown off answered %q, on %q", plain, pushed)
	}
	for _, r := range h.requests() {
		if strings.Contains(r, "search=") || strings.Contains(r, "sortBy=") || strings.Contains(r, "limit=3") {
			t.Errorf("pushdown off sent %s", r)
		}
	}

	groups, err := query(t, conn, "SELECT id FROM okta.groups WHERE type = 'BUILT_IN'", false)
	if err != nil || len(groups) != 1 {
		t.Fatalf("the Everyone group: %q, %v", groups, err)
	}
	h.requests()
	if _, err := query(t, conn, "SELECT id FROM group_members WHERE group_id = '"+groups[0]+"' AND id = 'x'", false); err != nil {
		t.Fatal(err)
	}
	reqs := h.requests()
	if len(reqs) == 0 || !strings.HasPrefix(reqs[0], "GET /api/v1/groups/"+groups[0]+"/users") {
		t.Errorf("pushdown off: a key column still fills the path; requests %q", reqs)
	}

	if _, err := conn.ExecContext(ctx, "SET oktasql_pushdown = 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := query(t, conn, active, true); err != nil {
		t.Fatal(err)
	}
	if reqs := h.requests(); len(reqs) != 1 || !strings.Contains(reqs[0], "search=") {
		t.Errorf("pushdown back on: requests %q, want one search", reqs)
	}
}
