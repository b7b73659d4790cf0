package fetcher

import (
	"context"
	"fmt"
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

// DefaultMaxRateWait is how long a request waits for a rate-limit bucket
// to reset unless told otherwise (WithMaxRateWait).
const DefaultMaxRateWait = 30 * time.Second

// WithMaxRateWait bounds how long a request waits for an exhausted
// rate-limit bucket to reset (default DefaultMaxRateWait, 0: no bound);
// a longer reset fails the request at once with a *RateWaitError or, for
// a 429, a *RateLimitError.
func WithMaxRateWait(d time.Duration) Option {
	return func(c *Client) {
		c.maxRateWait = d
		if d == 0 {
			c.maxRateWait = -1
		}
	}
}

// rateWait is the client's bound on a rate-limit wait, 0 for none.
func (c *Client) rateWait() time.Duration {
	switch {
	case c.maxRateWait == 0:
		return DefaultMaxRateWait
	case c.maxRateWait < 0:
		return 0
	}
	return c.maxRateWait
}

// RateWaitError is a request not sent because its rate-limit bucket is
// used up until Reset, later than the client waits (Bound).
type RateWaitError struct {
	Bucket string
	Reset  time.Time
	Bound  time.Duration
}

func (e *RateWaitError) Error() string {
	return fmt.Sprintf("okta: the rate limit of %s is used up until %s (in %s), longer than oktasql waits (%s)",
		e.Bucket, e.Reset.UTC().Format(time.RFC3339), time.Until(e.Reset).Round(time.Second), e.Bound)
}

type waitNoticeKey struct{}

// WithWaitNotice returns ctx whose requests call notice, with a sentence
// saying so, before they wait for a rate limit to reset.
func WithWaitNotice(ctx context.Context, notice func(string)) context.Context {
	return context.WithValue(ctx, waitNoticeKey{}, notice)
}

// waitFor waits d for the rate limit of bucket, saying so first (see
// WithWaitNotice).
func waitFor(ctx context.Context, bucket string, d time.Duration) error {
	if notice, ok := ctx.Value(waitNoticeKey{}).(func(string)); ok {
		notice(fmt.Sprintf("waiting %s for the Okta rate limit of %s to reset", d.Round(100*time.Millisecond), bucket))
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// waitReset waits out a 429's reset delay d, or fails with the 429 when
// d is over the client's bound.
func (c *Client) waitReset(ctx context.Context, bucket string, d time.Duration, apiErr *APIError) error {
	if bound := c.rateWait(); bound > 0 && d > bound {
		return &RateLimitError{APIError: apiErr, Reset: time.Now().Add(d)}
	}
	return waitFor(ctx, bucket, d)
}

// wait blocks, when the bucket's remaining share is at or under reserve
// (a fraction of its limit kept for the org's other clients), until the
// bucket resets; a reset further away than bound (0: none) fails at once.
func (b *budget) wait(ctx context.Context, key string, reserve float64, bound time.Duration) error {
	b.mu.Lock()
	s := b.buckets[key]
	var until time.Time
	if s != nil && s.limit > 0 && float64(s.remaining) <= reserve*float64(s.limit) && time.Now().Before(s.reset) {
		until = s.reset
		if bound > 0 && time.Until(until) > bound {
			b.mu.Unlock()
			return &RateWaitError{Bucket: key, Reset: until, Bound: bound}
		}
		s.remaining = s.limit // the window resets: let the next caller through after it
	}
	b.mu.Unlock()
	if until.IsZero() {
		return nil
	}
	return waitFor(ctx, key, time.Until(until))
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
