package fetcher

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// budgets hold the rate-limit state of each org, shared by every Client
// of that org in the process, so concurrent queries share one budget.
var budgets sync.Map // org URL -> *budget

// budget tracks the X-Rate-Limit headers per bucket of one org.
type budget struct {
	mu      sync.Mutex
	buckets map[string]*bucketState
}

type bucketState struct {
	limit, remaining int
	reset            time.Time
}

func budgetFor(orgURL string) *budget {
	b, _ := budgets.LoadOrStore(orgURL, &budget{buckets: map[string]*bucketState{}})
	return b.(*budget)
}

// bucketKey approximates Okta's buckets: the method and the resource
// collection, or one of its items (GET /api/v1/users and GET
// /api/v1/users/{id} count separately).
func bucketKey(method, path string) string {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	n := len(parts)
	if n > 3 {
		n = 4
		parts[3] = "{id}"
	}
	return method + " /" + strings.Join(parts[:n], "/")
}

// wait blocks, when the bucket's remaining share is at or under reserve
// (a fraction of its limit kept for the org's other clients), until the
// bucket resets.
func (b *budget) wait(ctx context.Context, key string, reserve float64) error {
	b.mu.Lock()
	s := b.buckets[key]
	var until time.Time
	if s != nil && s.limit > 0 && float64(s.remaining) <= reserve*float64(s.limit) && time.Now().Before(s.reset) {
		until = s.reset
		s.remaining = s.limit // the window resets: let the next caller through after it
	}
	b.mu.Unlock()
	if until.IsZero() {
		return nil
	}
	t := time.NewTimer(time.Until(until))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// update records a response's rate-limit headers, measuring the reset
// against the server's Date.
func (b *budget) update(key string, h http.Header) {
	limit, err1 := strconv.Atoi(h.Get("X-Rate-Limit-Limit"))
	remaining, err2 := strconv.Atoi(h.Get("X-Rate-Limit-Remaining"))
	if err1 != nil || err2 != nil || limit == 0 || h.Get("X-Rate-Limit-Reset") == "" {
		return
	}
	b.mu.Lock()
	b.buckets[key] = &bucketState{limit: limit, remaining: remaining, reset: time.Now().Add(resetDelay(h) - time.Second)}
	b.mu.Unlock()
}

// isConcurrency429 reports a 429 for too many requests in flight, which
// Okta marks with a limit and remaining of 0.
func isConcurrency429(h http.Header) bool {
	return h.Get("X-Rate-Limit-Limit") == "0" && h.Get("X-Rate-Limit-Remaining") == "0"
}

// gate bounds requests in flight. A concurrency 429 takes a slot out of
// use (halving parallelism at most down to one); a run of successes
// gives one back.
type gate struct {
	slots chan struct{}

	mu        sync.Mutex
	held      int
	successes int
}

func newGate(n int) *gate { return &gate{slots: make(chan struct{}, n)} }

func (g *gate) acquire(ctx context.Context) error {
	select {
	case g.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (g *gate) release() { <-g.slots }

// narrow takes up to half of the free slots out of use.
func (g *gate) narrow() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.successes = 0
	for i := 0; i < (cap(g.slots)-g.held)/2 && g.held < cap(g.slots)-1; i++ {
		select {
		case g.slots <- struct{}{}:
			g.held++
		default:
			return
		}
	}
}

// succeeded gives a slot back after 20 successes in a row.
func (g *gate) succeeded() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.held == 0 {
		return
	}
	if g.successes++; g.successes >= 20 {
		<-g.slots
		g.held--
		g.successes = 0
	}
}
