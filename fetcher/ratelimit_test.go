package fetcher

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/emulator/seed"
	"github.com/oktasql/oktasql/schema"
)

func TestBucketKey(t *testing.T) {
	tests := []struct {
		method, path, want string
	}{
		{"GET", "/api/v1/users", "GET, POST /api/v1/users"},
		{"GET", "/api/v1/users/00u1", "GET /api/v1/users/{idOrLogin}"},
		{"PUT", "/api/v1/users/00u1", "POST, PUT, DELETE /api/v1/users/{id}"},
		{"GET", "/api/v1/users/00u1/factors", "/api/v1"},
		{"GET", "/api/v1/apps", "/api/v1/apps*"},
		{"GET", "/api/v1/apps/0oa1", "/api/v1/apps/{id}"},
		{"GET", "/api/v1/apps/0oa1/users", "/api/v1/apps*"},
		{"GET", "/api/v1/groups/00g1", "/api/v1/groups/{id}"},
		{"GET", "/api/v1/groups/00g1/users", "/api/v1/groups*"},
		{"GET", "/api/v1/groups/rules", "/api/v1/groups*"},
		{"GET", "/api/v1/logs", "/api/v1/logs"},
		{"GET", "/api/v1/policies/00p1/rules", "/api/v1"},
		{"GET", "/oauth2/v1/clients/abc", "/oauth2/v1/clients"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			if got := bucketKey(tt.method, tt.path); got != tt.want {
				t.Errorf("bucketKey = %q, want %q", got, tt.want)
			}
		})
	}
}

// limitedEmulator starts an emulated org with rate limits on, windows of
// window, and the buckets' limits overridden by perWindow.
func limitedEmulator(t *testing.T, limits emulator.RateLimitConfig, latency time.Duration) (*emulator.Server, *seed.Org) {
	t.Helper()
	limits.Enabled = true
	cfg := emulator.Config{Users: 60, Seed: 5, Token: "tok", Now: emuNow, RateLimits: limits, Latency: latency}
	emu, err := emulator.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu.Close)
	return emu, seed.Generate(cfg.SeedConfig(emu.URL))
}

// observed is what the answers of a burst showed: per window (its Reset),
// the requests answered and the lowest remaining.
type observed struct {
	mu      sync.Mutex
	windows map[string]*windowSeen
	errs    []error
}

type windowSeen struct{ answers, lowest int }

func (o *observed) add(r *Response, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if err != nil {
		o.errs = append(o.errs, err)
		return
	}
	if o.windows == nil {
		o.windows = map[string]*windowSeen{}
	}
	w := o.windows[r.Header.Get("X-Rate-Limit-Reset")]
	if w == nil {
		w = &windowSeen{lowest: 1 << 30}
		o.windows[r.Header.Get("X-Rate-Limit-Reset")] = w
	}
	w.answers++
	remaining, _ := strconv.Atoi(r.Header.Get("X-Rate-Limit-Remaining"))
	w.lowest = min(w.lowest, remaining)
}

// factorBurst asks for the factors of n users at once from each client
// (each client n goroutines), and reads a list of users in pages of 5 beside
// them.
func factorBurst(t *testing.T, org *seed.Org, n int, clients ...*Client) *observed {
	t.Helper()
	var o observed
	var wg sync.WaitGroup
	for _, c := range clients {
		for i := 0; i < n; i++ {
			u := org.Users[i%len(org.Users)]
			wg.Add(1)
			go func() {
				defer wg.Done()
				o.add(c.Do(context.Background(), Request{Operation: "listFactors", Method: "GET", Path: "/api/v1/users/" + u.ID + "/factors"}))
			}()
		}
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		it := clients[0].List(context.Background(), ListRequest{Operation: "listUsers", Path: "/api/v1/users", Query: map[string][]string{"limit": {"5"}}, Pagination: schema.PaginationLink, Readahead: true})
		for it.Next() {
		}
		if err := it.Err(); err != nil {
			o.add(nil, err)
		}
	}()
	wg.Wait()
	for _, err := range o.errs {
		if err != nil {
			t.Error(err)
		}
	}
	return &o
}

// tooMany counts the 429s the org answered.
func tooMany(emu *emulator.Server) int {
	n := 0
	for _, r := range emu.Org.Requests() {
		if r.Status == http.StatusTooManyRequests {
			n++
		}
	}
	return n
}

// TestGovernorUsesItsShare: many requests at once, from two clients of
// the org, in a bucket of 20 per window: not one 429, and in every window
// but the last the clients use exactly their share (the lowest remaining
// is what is left to the org's other clients), so they run as fast as the
// share lets them.
func TestGovernorUsesItsShare(t *testing.T) {
	tests := []struct {
		name  string
		share float64
		// reserve is what every window keeps: 20 - share x 20.
		reserve int
	}{
		{"half", 0.5, 10},
		{"a quarter", 0.25, 15},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			emu, org := limitedEmulator(t, emulator.RateLimitConfig{Window: time.Second, TokenShare: 1, PerMinute: map[string]int{"/api/v1": 20}}, 0)
			c1 := mustNew(t, emu.URL, WithToken("tok"), WithRateWindow(time.Second), WithRateShare(tt.share))
			c2 := mustNew(t, emu.URL, WithToken("tok"), WithRateWindow(time.Second), WithRateShare(tt.share))
			o := factorBurst(t, org, 12, c1, c2)
			if n := tooMany(emu); n > 0 {
				t.Errorf("the org answered %d requests with 429", n)
			}
			if st := c1.Stats().Total.RateLimited + c2.Stats().Total.RateLimited; st > 0 {
				t.Errorf("the clients counted %d 429s", st)
			}
			windows, full := 0, 0
			for reset, w := range o.windows {
				if w.lowest < tt.reserve {
					t.Errorf("window %s: remaining fell to %d, under the %d left to others", reset, w.lowest, tt.reserve)
				}
				if w.answers == 20-tt.reserve {
					full++
				}
				windows++
			}
			// 24 factor lists in windows of 20 - reserve: all full but one.
			if want := (24 + 20 - tt.reserve - 1) / (20 - tt.reserve); windows != want || full < windows-1 {
				t.Errorf("%d windows, %d of them full (%d requests): want %d, all but the last full", windows, full, 20-tt.reserve, want)
			}
		})
	}
}

// TestGovernorLearnsTheTokenCeiling: a client told it may use the whole
// bucket meets the API token's ceiling (half) in its first window, and
// keeps under it from then on.
func TestGovernorLearnsTheTokenCeiling(t *testing.T) {
	emu, org := limitedEmulator(t, emulator.RateLimitConfig{Window: time.Second, PerMinute: map[string]int{"/api/v1": 20}}, 0)
	c := mustNew(t, emu.URL, WithToken("tok"), WithRateWindow(time.Second), WithRateShare(1))
	factorBurst(t, org, 15, c)
	first := tooMany(emu)
	if first == 0 {
		t.Fatalf("no 429 at the token's ceiling: the emulator did not enforce it")
	}
	emu.Org.ResetRequests()
	o := factorBurst(t, org, 30, c)
	if n := tooMany(emu); n > 0 {
		t.Errorf("%d 429s after the first window taught the ceiling", n)
	}
	for reset, w := range o.windows {
		if w.answers > 10 {
			t.Errorf("window %s: %d answers over the token's ceiling of 10", reset, w.answers)
		}
	}
}

// TestGovernorLearnsTheConcurrencyCap: against an org that takes 4
// requests in flight, the first burst meets concurrency 429s (retried, so
// every request succeeds); the governor then keeps its share of 4 in
// flight, and the next burst meets none.
func TestGovernorLearnsTheConcurrencyCap(t *testing.T) {
	emu, org := limitedEmulator(t, emulator.RateLimitConfig{Concurrency: 4, TokenShare: 1}, 50*time.Millisecond)
	c := mustNew(t, emu.URL, WithToken("tok"), WithMaxRetries(20))
	if got := c.MaxInFlight(); got != DefaultOrgConcurrency/2 {
		t.Fatalf("MaxInFlight before any answer = %d, want half of %d", got, DefaultOrgConcurrency)
	}
	factorBurst(t, org, 30, c)
	if tooMany(emu) == 0 {
		t.Fatalf("no concurrency 429: the emulator did not enforce its cap")
	}
	if got := c.MaxInFlight(); got < 1 || got > 2 {
		t.Errorf("MaxInFlight after concurrency 429s = %d, want half of the org's 4", got)
	}
	emu.Org.ResetRequests()
	factorBurst(t, org, 30, c)
	if n := tooMany(emu); n > 0 {
		t.Errorf("%d 429s once the cap was learned", n)
	}
}

// TestGovernorWithoutHeaders: a server that sends no rate-limit headers is
// read with requests in flight up to the cap, not one at a time.
func TestGovernorWithoutHeaders(t *testing.T) {
	var mu sync.Mutex
	inFlight, most := 0, 0
	release := make(chan struct{})
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		most = max(most, inFlight)
		mu.Unlock()
		<-release
		mu.Lock()
		inFlight--
		mu.Unlock()
		fmt.Fprint(w, `[]`)
	})
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Do(context.Background(), Request{Operation: "listFactors", Method: "GET", Path: "/api/v1/users/x/factors"}); err != nil {
				t.Error(err)
			}
		}()
	}
	// The first request learns there are no headers; then the other 7 go.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		mu.Lock()
		n := inFlight
		mu.Unlock()
		if n >= 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no request reached the server")
		}
	}
	release <- struct{}{}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		mu.Lock()
		n := inFlight
		mu.Unlock()
		if n == 7 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d requests in flight, want the 7 left at once", n)
		}
	}
	close(release)
	wg.Wait()
}

// rateHeaders are the headers of an answer of a bucket of limit 10 in the
// window that resets at reset (epoch seconds), with remaining left.
func rateHeaders(remaining int, reset int64) http.Header {
	h := http.Header{}
	h.Set("X-Rate-Limit-Limit", "10")
	h.Set("X-Rate-Limit-Remaining", strconv.Itoa(remaining))
	h.Set("X-Rate-Limit-Reset", strconv.FormatInt(reset, 10))
	h.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	return h
}

// TestGovernorWindows follows one bucket's state through the answers of
// its windows: the window a request opened ends one window length after
// its answer; an answer of a window already over changes nothing; once the
// window is over one request goes alone, to learn the next; a server whose
// windows started again (restarted) is believed.
func TestGovernorWindows(t *testing.T) {
	c := mustNew(t, "http://governor.test", WithRateWindow(5*time.Second))
	key := "/api/v1"
	send := func() *slot {
		t.Helper()
		sl, err := c.acquire(context.Background(), key)
		if err != nil {
			t.Fatal(err)
		}
		return sl
	}
	state := func() bucketState {
		c.gov.mu.Lock()
		defer c.gov.mu.Unlock()
		return *c.gov.buckets[key]
	}
	reset := time.Now().Add(5 * time.Second).Unix()
	send().done(200, rateHeaders(9, reset))
	s := state()
	if s.limit != 10 || s.remaining != 9 || s.window != reset {
		t.Fatalf("after the first answer: %+v", s)
	}
	if d := time.Until(s.end); d < 4*time.Second || d > 5*time.Second {
		t.Errorf("the window opened by this process ends in %s, want one window (5s) after its answer", d)
	}
	send().done(200, rateHeaders(3, reset-60)) // from a window long over
	if s := state(); s.remaining != 9 {
		t.Errorf("an answer of an older window changed the remaining to %d", s.remaining)
	}
	// The share (half of 10) leaves 5: 4 more go, the fifth waits.
	var slots []*slot
	for i := 0; i < 4; i++ {
		slots = append(slots, send())
	}
	c.gov.mu.Lock()
	admits := c.gov.buckets[key].admits(c.rateShare())
	c.gov.mu.Unlock()
	if admits {
		t.Errorf("a fifth request of the window would go with 9 left and 4 in flight: the share leaves 5")
	}
	for i, sl := range slots {
		sl.done(200, rateHeaders(8-i, reset))
	}
	// The window ends (by the clock): one request goes, alone.
	c.gov.mu.Lock()
	c.gov.buckets[key].end = time.Now().Add(-time.Millisecond)
	c.gov.mu.Unlock()
	probe := send()
	c.gov.mu.Lock()
	s = *c.gov.buckets[key]
	admits = s.admits(c.rateShare())
	c.gov.mu.Unlock()
	if !s.unconfirmed || admits {
		t.Errorf("after the window's end: unconfirmed %v, a second request admitted %v; want one request alone", s.unconfirmed, admits)
	}
	// The server was restarted: its windows are named by earlier resets.
	probe.done(200, rateHeaders(9, reset-30))
	if s := state(); s.unconfirmed || s.window != reset-30 || s.remaining != 9 {
		t.Errorf("after a restarted server's answer: %+v", s)
	}
}
