package tables_test

import (
	"context"
	"testing"
)

// TestPreparedStatementsQuoteReservedNames runs server-side prepared
// statements (go-sql-driver without interpolateParams prepares every query
// with placeholders) naming groups unquoted: vitess parses them before any
// handler, so they are rewritten on the wire.
func TestPreparedStatementsQuoteReservedNames(t *testing.T) {
	h := newHarness(t, 50)
	ctx := context.Background()
	var n int
	if err := h.db.QueryRowContext(ctx, "SELECT count(*) FROM groups WHERE type = ?", "BUILT_IN").Scan(&n); err != nil {
		t.Fatalf("prepared SELECT from groups: %v", err)
	}
	if n != 1 {
		t.Errorf("BUILT_IN groups = %d, want 1", n)
	}
	stmt, err := h.db.PrepareContext(ctx, "SELECT g.profile_name FROM groups g JOIN group_members m ON m.group_id = g.id WHERE g.type = ? AND m.status = ? LIMIT 1")
	if err != nil {
		t.Fatalf("prepare join: %v", err)
	}
	defer stmt.Close()
	for i := 0; i < 2; i++ {
		var name string
		if err := stmt.QueryRowContext(ctx, "BUILT_IN", "ACTIVE").Scan(&name); err != nil {
			t.Fatalf("execution %d: %v", i+1, err)
		}
		if name != "Everyone" {
			t.Errorf("execution %d: group %q, want Everyone", i+1, name)
		}
	}
	// A statement long enough to span several reads of the connection
	// still arrives whole.
	long := "SELECT count(*) FROM groups WHERE profile_name <> ?" + " AND profile_name <> 'padding padding padding padding'"
	for len(long) < 70000 {
		long += " AND profile_name <> 'padding padding padding padding'"
	}
	if err := h.db.QueryRowContext(ctx, long, "x").Scan(&n); err != nil {
		t.Fatalf("long prepared statement: %v", err)
	}
}
