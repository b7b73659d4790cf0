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

// Defaults of the rate governor.
const (
	// DefaultRateShare is the share of every rate-limit bucket oktasql
	// uses unless told otherwise (WithRateShare): half, Okta's default
	// ceiling for one API token or OAuth app, so that as much is left to
	// the org's other clients.
	DefaultRateShare = 0.5
	// DefaultOrgConcurrency is the number of requests Okta lets an org
	// have in flight (Workforce and Customer Identity orgs; the Integrator
	// Free plan allows 35, which a concurrency 429 teaches the governor).
	DefaultOrgConcurrency = 75
	// DefaultRateWindow is the length of Okta's rate-limit windows.
	DefaultRateWindow = time.Minute
)

// governors hold the rate-limit state of each org, shared by every Client
// of that org in the process, so concurrent queries share one budget.
var governors sync.Map // org URL -> *governor

// governor decides when a request may go to its org: while the request's
// bucket has more than the share left to the org's other clients, and
// while the requests in flight are under the share of the org's cap. It
// learns both from the responses' headers (X-Rate-Limit-Limit, -Remaining
// and -Reset per bucket; a concurrency 429 for the cap).
type governor struct {
	mu      sync.Mutex
	buckets map[string]*bucketState
	// concurrency is the org's cap on requests in flight as far as known:
	// DefaultOrgConcurrency until a concurrency 429 shows less (for the
	// life of the process: growing back would run into it again).
	concurrency int
	inFlight    int
	// changed is closed (and replaced) whenever a request ends, so that
	// waiting requests look again.
	changed chan struct{}
}

// bucketState is what the governor knows of one bucket's current window.
type bucketState struct {
	// limit is the bucket's X-Rate-Limit-Limit: 0 before any answer,
	// noHeaders when the server sends no rate-limit headers.
	limit int
	// window is the window's X-Rate-Limit-Reset, which names it: a
	// response with a smaller one is from a window already over.
	window int64
	// remaining is the lowest X-Rate-Limit-Remaining of the window.
	remaining int
	// end is when the window ends on the local clock: one window length
	// after the answer to the request that opened it, when that was this
	// process's, else the Reset header measured against the Date header
	// plus a second.
	end time.Time
	// inFlight counts the bucket's requests sent and not yet answered;
	// sent those sent in the window (counted from the first answer that
	// showed it, with those then in flight).
	inFlight, sent int
	// ceiling is a limit under the bucket's that a 429 showed (the API
	// token's share of the bucket), 0 when none: at most that many
	// requests go in a window.
	ceiling int
	// exhausted says a 429 ended the window for this process.
	exhausted bool
	// unconfirmed says the window is over by the local clock and no
	// answer of the next has come: one request goes, to learn it.
	unconfirmed bool
}

// noHeaders is the limit of a bucket whose answers carry no rate-limit
// headers (a server other than Okta): the governor only bounds requests
// in flight.
const noHeaders = -1

func governorFor(orgURL string) *governor {
	g, _ := governors.LoadOrStore(orgURL, &governor{buckets: map[string]*bucketState{}, concurrency: DefaultOrgConcurrency, changed: make(chan struct{})})
	return g.(*governor)
}

// bucketKey names the rate-limit bucket of a request as Okta's published
// table groups them (API-NOTES 4): an app, a group or a user by exact
// path, the users collection, then a prefix (apps, groups, logs, ...),
// and every other /api/v1 path in one. A request that lands in another
// bucket at Okta only makes the governor's view of two buckets coarser:
// each is still read from its own answers' headers.
func bucketKey(method, path string) string {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	n := len(parts)
	if n < 3 || parts[0] != "api" {
		if n >= 3 && parts[0] == "oauth2" && parts[2] == "clients" {
			return "/oauth2/v1/clients"
		}
		return method + " /" + strings.Join(parts[:min(n, 3)], "/")
	}
	switch parts[2] {
	case "apps":
		if n == 4 {
			return "/api/v1/apps/{id}"
		}
		return "/api/v1/apps*"
	case "groups":
		if n == 4 && parts[3] != "rules" {
			return "/api/v1/groups/{id}"
		}
		return "/api/v1/groups*"
	case "users":
		switch {
		case n == 3 && (method == http.MethodGet || method == http.MethodPost):
			return "GET, POST /api/v1/users"
		case n == 4 && method == http.MethodGet:
			return "GET /api/v1/users/{idOrLogin}"
		case n == 4 && (method == http.MethodPost || method == http.MethodPut || method == http.MethodDelete):
			return "POST, PUT, DELETE /api/v1/users/{id}"
		}
	case "logs", "events", "devices":
		return "/api/v1/" + parts[2]
	}
	return "/api/v1"
}

// rateShare is the client's share of each bucket.
func (c *Client) rateShare() float64 {
	if c.share <= 0 || c.share > 1 {
		return DefaultRateShare
	}
	return c.share
}

// rateWindow is the length of the org's rate-limit windows.
func (c *Client) rateWindow() time.Duration {
	if c.window <= 0 {
		return DefaultRateWindow
	}
	return c.window
}

// WithRateShare sets the share (0 to 1) of every rate-limit bucket, and of
// the org's cap on requests in flight, that oktasql may use; the rest is
// left to the org's other clients (default DefaultRateShare). A request
// waits while its bucket has no more than 1 - share of its limit left.
func WithRateShare(share float64) Option { return func(c *Client) { c.share = share } }

// WithRateWindow sets the length of the org's rate-limit windows (Okta's:
// a minute, the default). A test knob, for an emulated org whose windows
// are shorter.
func WithRateWindow(d time.Duration) Option { return func(c *Client) { c.window = d } }

// WithMaxInFlight caps the requests in flight below what the governor
// allows (the share of the org's cap, DefaultOrgConcurrency until the org
// says less).
func WithMaxInFlight(n int) Option { return func(c *Client) { c.maxInFlight = n } }

// MaxInFlight is how many requests the client runs at once now: its share
// of the org's cap on requests in flight, as far as it is known.
func (c *Client) MaxInFlight() int {
	c.gov.mu.Lock()
	defer c.gov.mu.Unlock()
	return c.inFlightCap()
}

// inFlightCap is MaxInFlight, with the governor locked.
func (c *Client) inFlightCap() int {
	n := max(1, int(c.rateShare()*float64(c.gov.concurrency)))
	if c.maxInFlight > 0 {
		n = min(n, c.maxInFlight)
	}
	return n
}

// allowance is how many requests of a window of a bucket of limit the
// share allows (at least one).
func allowance(limit int, share float64) int {
	return max(1, int(share*float64(limit)))
}

// admits says whether the bucket lets one more request go now.
func (s *bucketState) admits(share float64) bool {
	switch {
	case s.limit == noHeaders:
		return true
	case s.limit == 0 || s.unconfirmed:
		return s.inFlight == 0 // one request learns the window
	case s.exhausted:
		return false
	case s.ceiling > 0 && s.sent >= s.ceiling:
		return false
	}
	reserve := s.limit - allowance(s.limit, share)
	return s.remaining-s.inFlight > reserve
}

// slot is a request let through by the governor. answered must be called
// with its answer's status and headers as soon as they come (nil when
// there is no answer), and release once the answer is read.
type slot struct {
	g   *governor
	c   *Client
	key string
}

// acquire waits until the governor lets a request of bucket key go. A
// wait for the bucket's window to end that would outlast the client's
// bound fails at once with a *RateWaitError; the wait is announced (see
// WithWaitNotice).
func (c *Client) acquire(ctx context.Context, key string) (*slot, error) {
	g, share, announced := c.gov, c.rateShare(), false
	for {
		g.mu.Lock()
		now := time.Now()
		s := g.buckets[key]
		if s == nil {
			s = &bucketState{}
			g.buckets[key] = s
		}
		if s.limit > 0 && !s.unconfirmed && !s.end.IsZero() && !now.Before(s.end) {
			// The window is over: the next one has the whole limit, once
			// an answer confirms it.
			s.unconfirmed, s.exhausted = true, false
			s.remaining, s.sent = s.limit, 0
		}
		if g.inFlight < c.inFlightCap() && s.admits(share) {
			g.inFlight++
			s.inFlight++
			s.sent++
			g.mu.Unlock()
			return &slot{g: g, c: c, key: key}, nil
		}
		var timer <-chan time.Time
		if !s.admits(share) && s.inFlight == 0 && !s.end.IsZero() {
			// Nothing in flight will free the bucket: its window must end.
			d := s.end.Sub(now)
			if bound := c.rateWait(); bound > 0 && d > bound {
				g.mu.Unlock()
				return nil, &RateWaitError{Bucket: key, Reset: s.end, Bound: bound}
			}
			t := time.NewTimer(d)
			defer t.Stop()
			timer = t.C
			if !announced {
				announced = true
				announce(ctx, key, d)
			}
		}
		changed := g.changed
		g.mu.Unlock()
		select {
		case <-changed:
		case <-timer:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// release ends the slot's request: one fewer in flight.
func (sl *slot) release() {
	g := sl.g
	g.mu.Lock()
	g.inFlight--
	g.notify()
	g.mu.Unlock()
}

// notify wakes the requests waiting for the governor; g.mu is held.
func (g *governor) notify() {
	close(g.changed)
	g.changed = make(chan struct{})
}

// done is answered and release at once.
func (sl *slot) done(status int, h http.Header) {
	sl.answered(status, h)
	sl.release()
}

// answered records the answer of the slot's request, its status and
// headers (nil when the request failed before an answer): the bucket has
// one request fewer in flight, and what the headers say of it.
func (sl *slot) answered(status int, h http.Header) {
	g := sl.g
	g.mu.Lock()
	defer g.mu.Unlock()
	s := g.buckets[sl.key]
	s.inFlight--
	g.notify()
	if h == nil {
		return
	}
	limit, err1 := strconv.Atoi(h.Get("X-Rate-Limit-Limit"))
	remaining, err2 := strconv.Atoi(h.Get("X-Rate-Limit-Remaining"))
	reset, err3 := strconv.ParseInt(h.Get("X-Rate-Limit-Reset"), 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		if s.limit == 0 && status < 300 {
			s.limit = noHeaders
		}
		return
	}
	if status == http.StatusTooManyRequests && limit == 0 && remaining == 0 {
		// Too many in flight at the org: it took those of this process
		// in flight but this one (and those of its other clients).
		g.concurrency = max(1, min(g.concurrency, g.inFlight-1))
		return
	}
	now := time.Now()
	headerEnd := now.Add(resetDelay(h))
	limited := status == http.StatusTooManyRequests
	switch {
	case reset > s.window || s.unconfirmed && reset != s.window:
		// The first answer of a new window (or of a server whose windows
		// started again: one that was restarted).
		s.window, s.remaining, s.unconfirmed, s.exhausted = reset, remaining, false, false
		if !limited || s.limit <= 0 {
			s.limit = limit
		}
		s.sent = s.inFlight + 1
		s.end = headerEnd
		// Opened by this request: it ends one window length after the
		// answer (never early), unless the header disagrees.
		if end := now.Add(sl.c.rateWindow()); !limited && remaining == limit-1 && end.After(headerEnd.Add(-3*time.Second)) && end.Before(headerEnd) {
			s.end = end
		}
	case reset == s.window:
		s.remaining = min(s.remaining, remaining)
		if s.unconfirmed {
			// The window the governor took for over is not: wait for
			// what the header says.
			s.unconfirmed = false
			s.end = headerEnd
		}
	default:
		return // an answer from a window already over
	}
	if limited {
		s.exhausted, s.remaining = true, 0
		if limit < s.limit {
			s.ceiling = limit
		}
	}
}

// announce tells the context's wait notice (WithWaitNotice) of a wait of
// d for the rate limit of bucket.
func announce(ctx context.Context, bucket string, d time.Duration) {
	if notice, ok := ctx.Value(waitNoticeKey{}).(func(string)); ok {
		notice(fmt.Sprintf("waiting %s for the Okta rate limit of %s to reset", d.Round(100*time.Millisecond), bucket))
	}
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

// RateWaitError is a request not sent because its rate-limit bucket, or
// oktasql's share of it, is used up until Reset, later than the client
// waits (Bound).
type RateWaitError struct {
	Bucket string
	Reset  time.Time
	Bound  time.Duration
}

func (e *RateWaitError) Error() string {
	return fmt.Sprintf("okta: the rate limit of %s (oktasql's share of it) is used up until %s (in %s), longer than oktasql waits (%s)",
		e.Bucket, e.Reset.UTC().Format(time.RFC3339), time.Until(e.Reset).Round(time.Second), e.Bound)
}

type waitNoticeKey struct{}

// WithWaitNotice returns ctx whose requests call notice, with a sentence
// saying so, before they wait for a rate limit to reset.
func WithWaitNotice(ctx context.Context, notice func(string)) context.Context {
	return context.WithValue(ctx, waitNoticeKey{}, notice)
}

// waitReset waits out a 429's reset delay d, or fails with the 429 when
// d is over the client's bound.
func (c *Client) waitReset(ctx context.Context, bucket string, d time.Duration, apiErr *APIError) error {
	if bound := c.rateWait(); bound > 0 && d > bound {
		return &RateLimitError{APIError: apiErr, Reset: time.Now().Add(d)}
	}
	announce(ctx, bucket, d)
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
