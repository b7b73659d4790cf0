package tables_test

import (
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oktasql/oktasql/emulator"
)

// inFlight counts the requests being served at once, and the most seen.
type inFlight struct {
	next      http.Handler
	now, peak atomic.Int64
}

func (f *inFlight) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := f.now.Add(1)
	defer f.now.Add(-1)
	for {
		p := f.peak.Load()
		if n <= p || f.peak.CompareAndSwap(p, n) {
			break
		}
	}
	f.next.ServeHTTP(w, r)
}

// TestJoinLookupsRunConcurrently checks that the per-row lookups of a
// lookup join (a department's users without a factor: one factors request
// per user) run several at once, and that the answer is the one a plain
// scan gives.
func TestJoinLookupsRunConcurrently(t *testing.T) {
	counter := &inFlight{}
	h := proxiedHarness(t, emulator.Config{Users: 300, Latency: 5 * time.Millisecond}, func(next http.Handler) http.Handler {
		counter.next = next
		return counter
	})
	emu := h.emu.Org
	db, ref := h.serve(false, "okta"), h.serve(true, "okta")
	const q = `SELECT u.profile_login FROM users u
		WHERE u.status = 'ACTIVE' AND u.profile_department = 'Engineering'
		AND NOT EXISTS (SELECT 1 FROM user_factors f WHERE f.user_id = u.id)
		ORDER BY u.profile_login`
	want, err := query(t, ref, q, true)
	if err != nil {
		t.Fatal(err)
	}
	emu.ResetRequests()
	counter.peak.Store(0)
	got, err := query(t, db, q, true)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("with prefetch: %q\nwithout pushdown: %q", got, want)
	}
	lookups := 0
	for _, r := range emu.Requests() {
		if strings.HasSuffix(r.Path, "/factors") {
			lookups++
		}
	}
	users, err := query(t, ref, "SELECT count(*) FROM users WHERE status = 'ACTIVE' AND profile_department = 'Engineering'", true)
	if err != nil {
		t.Fatal(err)
	}
	if users[0] != strconv.Itoa(lookups) {
		t.Errorf("made %d factor lookups for %s users: each prefetched read should be used, once", lookups, users[0])
	}
	if lookups < 10 {
		t.Fatalf("the query made %d factor lookups; the test needs more to see concurrency", lookups)
	}
	if peak := counter.peak.Load(); peak < 4 {
		t.Errorf("at most %d requests ran at once; the %d lookups should run several at a time", peak, lookups)
	}
}
