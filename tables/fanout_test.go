package tables_test

import (
	"strings"
	"testing"
)

// TestLimitStopsFanOutCalls checks that with no WHERE, each call of a
// fan-out stops after LIMIT rows: the calls read ahead concurrently, and
// without the cap each would page on to fill its buffer.
func TestLimitStopsFanOutCalls(t *testing.T) {
	h := newHarness(t, 300)
	rows, err := query(t, h.db, "SELECT id FROM group_members LIMIT 3", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Errorf("got %d rows, want 3", len(rows))
	}
	// The groups list, then one page of each member call started: at
	// most 16 run at once, and one more may be starting when the read ends.
	const most = 1 + 16 + 1
	reqs := h.requests()
	if len(reqs) > most {
		t.Errorf("made %d requests, want at most %d: %q", len(reqs), most, reqs)
	}
	for _, r := range reqs[1:] {
		if strings.Contains(r, "after=") {
			t.Errorf("a member call read a second page: %s", r)
		}
	}
}
