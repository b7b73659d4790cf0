package emulator

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// RateLimitConfig sets the org's rate limits (API-NOTES 4): per-endpoint
// buckets counted per window (a minute), a share of each bucket for one
// credential, and a cap on requests in flight. Disabled, every response
// still carries the X-Rate-Limit headers, with a remaining nothing uses.
type RateLimitConfig struct {
	Enabled bool
	// Tier picks the published per-minute limits and concurrency cap:
	// TierWorkforce (the default, "" too), TierEnterprise or
	// TierIntegratorFree.
	Tier string
	// PerMinute overrides bucket limits (per window), by bucket name as
	// Buckets lists them ("GET /api/v1/users/{idOrLogin}").
	PerMinute map[string]int
	// Concurrency caps requests in flight (0: the tier's, 75 or 35).
	Concurrency int
	// TokenShare is the share of each bucket one credential (an API token
	// or an access token) may use in a window: Okta's default is half
	// (DefaultTokenShare, also taken for 0); 1 or more is no ceiling.
	TokenShare float64
	// Window is the length of a rate-limit window: a minute (the default)
	// as Okta's. A shorter window is a test knob that keeps the limits
	// per window and so runs a rate-limited workload in less time; it is
	// at least a second, the resolution of X-Rate-Limit-Reset.
	Window time.Duration
}

// Rate-limit tiers (RateLimitConfig.Tier).
const (
	TierWorkforce      = "workforce"
	TierEnterprise     = "enterprise"
	TierIntegratorFree = "integrator-free"
)

// DefaultTokenShare is the share of every bucket one credential may use
// unless an admin changes it.
const DefaultTokenShare = 0.5

// tiers indexes a bucket's limits by tier, with the tier's concurrency cap.
var tiers = map[string]struct {
	index, concurrency int
}{
	TierWorkforce:      {0, 75},
	TierEnterprise:     {1, 75},
	TierIntegratorFree: {2, 35},
}

// Bucket is one rate-limit bucket: the requests it counts and its limit per
// minute in each tier.
type Bucket struct {
	// Name is how the bucket is written in Okta's table.
	Name string
	// Methods are the methods it counts; none: every method.
	Methods []string
	// Path is a template: {id} stands for one segment (not a literal
	// such as rules). Prefix buckets also count every path under it that
	// no other bucket names exactly.
	Path   string
	Prefix bool
	// Workforce, Enterprise and IntegratorFree are its limits per minute.
	Workforce, Enterprise, IntegratorFree int
}

// Buckets are the management API's buckets as Okta last published them
// (API-NOTES 4), matched exact path first, then longest prefix. A path
// under no bucket (the OAuth endpoints) counts in the last.
var Buckets = []Bucket{
	{"/api/v1/apps*", nil, "/api/v1/apps", true, 100, 100, 20},
	{"/api/v1/apps/{id}", nil, "/api/v1/apps/{id}", false, 500, 600, 100},
	{"/api/v1/groups*", nil, "/api/v1/groups", true, 500, 600, 100},
	{"/api/v1/groups/{id}", nil, "/api/v1/groups/{id}", false, 1000, 600, 100},
	{"GET, POST /api/v1/users", []string{"GET", "POST"}, "/api/v1/users", false, 600, 600, 100},
	{"POST, PUT, DELETE /api/v1/users/{id}", []string{"POST", "PUT", "DELETE"}, "/api/v1/users/{id}", false, 600, 600, 100},
	{"GET /api/v1/users/{idOrLogin}", []string{"GET"}, "/api/v1/users/{id}", false, 2000, 1000, 100},
	{"/api/v1/logs", nil, "/api/v1/logs", true, 120, 50, 20},
	{"/api/v1/events", nil, "/api/v1/events", true, 100, 50, 20},
	{"/api/v1/devices", nil, "/api/v1/devices", true, 100, 150, 100},
	{"/oauth2/v1/clients", nil, "/oauth2/v1/clients", true, 100, 100, 25},
	{"/api/v1", nil, "/api/v1", true, 1200, 600, 100},
}

// BucketOf returns the bucket a request counts in.
func BucketOf(method, path string) *Bucket {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	var best *Bucket
	bestLen := -1
	for i := range Buckets {
		b := &Buckets[i]
		if len(b.Methods) > 0 && !slices.Contains(b.Methods, method) {
			continue
		}
		tmpl := strings.Split(strings.Trim(b.Path, "/"), "/")
		if !templateMatch(tmpl, parts, b.Prefix) {
			continue
		}
		if !b.Prefix && len(tmpl) == len(parts) {
			return b // an exact bucket wins
		}
		if b.Prefix && len(tmpl) > bestLen {
			best, bestLen = b, len(tmpl)
		}
	}
	if best == nil {
		return &Buckets[len(Buckets)-1]
	}
	return best
}

// templateMatch says whether parts match tmpl, or start with it when
// prefix is set.
func templateMatch(tmpl, parts []string, prefix bool) bool {
	if len(parts) < len(tmpl) || !prefix && len(parts) != len(tmpl) {
		return false
	}
	for i, t := range tmpl {
		if t == "{id}" && (reserved[parts[i]] || parts[i] == "") || t != "{id}" && t != parts[i] {
			return false
		}
	}
	return true
}

// Limit is the bucket's limit per window in tier ("" is TierWorkforce).
func (b *Bucket) Limit(tier string) int {
	switch tiers[tierOrDefault(tier)].index {
	case 1:
		return b.Enterprise
	case 2:
		return b.IntegratorFree
	}
	return b.Workforce
}

func tierOrDefault(tier string) string {
	if tier == "" {
		return TierWorkforce
	}
	return tier
}

// check validates the configuration and fills its defaults.
func (c RateLimitConfig) check() (RateLimitConfig, error) {
	c.Tier = tierOrDefault(c.Tier)
	t, ok := tiers[c.Tier]
	if !ok {
		return c, fmt.Errorf("emulator: unknown rate-limit tier %q (want %s, %s or %s)", c.Tier, TierWorkforce, TierEnterprise, TierIntegratorFree)
	}
	if c.Concurrency <= 0 {
		c.Concurrency = t.concurrency
	}
	if c.TokenShare <= 0 {
		c.TokenShare = DefaultTokenShare
	}
	if c.Window == 0 {
		c.Window = time.Minute
	}
	if c.Window < time.Second {
		return c, fmt.Errorf("emulator: a rate-limit window of %s is under a second, the resolution of X-Rate-Limit-Reset", c.Window)
	}
	for name := range c.PerMinute {
		if !slices.ContainsFunc(Buckets, func(b Bucket) bool { return b.Name == name }) {
			return c, fmt.Errorf("emulator: no rate-limit bucket is named %q", name)
		}
	}
	return c, nil
}

// limiter counts requests per bucket and window, per credential, and in
// flight.
type limiter struct {
	cfg RateLimitConfig

	mu       sync.Mutex
	windows  map[string]*window
	inFlight int
}

// window is one bucket's current window: when it started (at its first
// request; windows are not aligned to the clock) and what it counted.
type window struct {
	start   time.Time
	count   int
	byToken map[string]int
}

// limit is the bucket's limit per window.
func (l *limiter) limit(b *Bucket) int {
	if n, ok := l.cfg.PerMinute[b.Name]; ok {
		return n
	}
	return b.Limit(l.cfg.Tier)
}

// resetHeader is X-Rate-Limit-Reset for a window ending at end: epoch
// seconds, rounded up so that a client waiting until then finds the
// window over.
func resetHeader(end time.Time) string {
	s := end.Unix()
	if end.After(time.Unix(s, 0)) {
		s++
	}
	return strconv.FormatInt(s, 10)
}

// tooManyRequests is the 429 answer, Okta's E0000047.
func tooManyRequests(w http.ResponseWriter, limit, remaining int, reset time.Time) {
	h := w.Header()
	h.Set("X-Rate-Limit-Limit", strconv.Itoa(limit))
	h.Set("X-Rate-Limit-Remaining", strconv.Itoa(remaining))
	h.Set("X-Rate-Limit-Reset", resetHeader(reset))
	writeError(w, http.StatusTooManyRequests, "E0000047", "API call exceeded rate limit due to too many requests.")
}

// admit counts a request; it writes the rate-limit headers and reports
// false (after answering 429) when the request is over a limit: too many
// in flight (Limit and Remaining 0, an estimated Reset a second away), the
// bucket's limit for the window, or the credential's share of it (Limit is
// then the credential's ceiling). done must be called when an admitted
// request ends. The headers of an admitted request describe the org's
// bucket.
func (l *limiter) admit(w http.ResponseWriter, r *http.Request) (done func(), ok bool) {
	b := BucketOf(r.Method, r.URL.Path)
	limit := l.limit(b)
	now := time.Now()
	h := w.Header()
	h.Set("Date", now.UTC().Format(http.TimeFormat))
	l.mu.Lock()
	win := l.windows[b.Name]
	if win == nil || now.Sub(win.start) >= l.cfg.Window {
		win = &window{start: now, byToken: map[string]int{}}
		l.windows[b.Name] = win
	}
	reset := win.start.Add(l.cfg.Window)
	if !l.cfg.Enabled {
		l.mu.Unlock()
		h.Set("X-Rate-Limit-Limit", strconv.Itoa(limit))
		h.Set("X-Rate-Limit-Remaining", strconv.Itoa(limit))
		h.Set("X-Rate-Limit-Reset", resetHeader(reset))
		return func() {}, true
	}
	if l.inFlight >= l.cfg.Concurrency {
		l.mu.Unlock()
		tooManyRequests(w, 0, 0, now.Add(time.Second))
		return nil, false
	}
	if win.count >= limit {
		l.mu.Unlock()
		tooManyRequests(w, limit, 0, reset)
		return nil, false
	}
	token := r.Header.Get("Authorization")
	if ceiling := max(1, int(l.cfg.TokenShare*float64(limit))); l.cfg.TokenShare < 1 && win.byToken[token] >= ceiling {
		l.mu.Unlock()
		tooManyRequests(w, ceiling, 0, reset)
		return nil, false
	}
	win.count++
	win.byToken[token]++
	l.inFlight++
	remaining := limit - win.count
	l.mu.Unlock()
	h.Set("X-Rate-Limit-Limit", strconv.Itoa(limit))
	h.Set("X-Rate-Limit-Remaining", strconv.Itoa(remaining))
	h.Set("X-Rate-Limit-Reset", resetHeader(reset))
	return func() {
		l.mu.Lock()
		l.inFlight--
		l.mu.Unlock()
	}, true
}

// FaultKind is a failure the org can be told to produce.
type FaultKind int

// Faults.
const (
	Fault429            FaultKind = iota // rate limited (E0000047), resetting in a second
	FaultConcurrency429                  // a concurrency 429 (Limit and Remaining 0)
	Fault500                             // internal error (E0000009)
	Fault503                             // service unavailable
	FaultDrop                            // the connection closes mid-body
	FaultTruncate                        // 200 with a truncated JSON body
)

// Fault injects failures into matching requests: on the Nth matching
// request (1-based), or at Rate (0..1, seeded), at most Count times
// (0: unlimited).
type Fault struct {
	Kind       FaultKind
	PathPrefix string
	Rate       float64
	Nth        int
	Count      int
}

// faults holds the injected faults.
type faults struct {
	mu     sync.Mutex
	list   []*activeFault
	random *rand.Rand
}

type activeFault struct {
	Fault
	seen, fired int
}

// InjectFault adds a fault.
func (o *Org) InjectFault(f Fault) {
	o.faults.mu.Lock()
	o.faults.list = append(o.faults.list, &activeFault{Fault: f})
	o.faults.mu.Unlock()
}

// ClearFaults removes every fault.
func (o *Org) ClearFaults() {
	o.faults.mu.Lock()
	o.faults.list = nil
	o.faults.mu.Unlock()
}

// fault returns the fault to produce for a request, if any.
func (fs *faults) fault(path string) (FaultKind, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for _, f := range fs.list {
		if !strings.HasPrefix(path, f.PathPrefix) || (f.Count > 0 && f.fired >= f.Count) {
			continue
		}
		f.seen++
		if (f.Nth > 0 && f.seen == f.Nth) || (f.Nth == 0 && f.Rate > 0 && fs.random.Float64() < f.Rate) {
			f.fired++
			return f.Kind, true
		}
	}
	return 0, false
}

// produce writes a fault's response. It reports false for the body-level
// faults, which the handler applies to the real answer.
func produce(w http.ResponseWriter, kind FaultKind) bool {
	switch kind {
	case Fault429:
		w.Header().Set("X-Rate-Limit-Remaining", "0")
		w.Header().Set("X-Rate-Limit-Reset", strconv.FormatInt(time.Now().Add(time.Second).Unix(), 10))
		writeError(w, http.StatusTooManyRequests, "E0000047", "API call exceeded rate limit due to too many requests.")
	case FaultConcurrency429:
		w.Header().Set("X-Rate-Limit-Limit", "0")
		w.Header().Set("X-Rate-Limit-Remaining", "0")
		w.Header().Set("X-Rate-Limit-Reset", strconv.FormatInt(time.Now().Add(time.Second).Unix(), 10))
		writeError(w, http.StatusTooManyRequests, "E0000047", "API call exceeded rate limit due to too many requests.")
	case Fault500:
		writeError(w, http.StatusInternalServerError, "E0000009", "Internal Server Error")
	case Fault503:
		writeError(w, http.StatusServiceUnavailable, "E0000010", "Service is in read only mode")
	default:
		return false
	}
	return true
}

// bodyFault wraps a response writer to truncate or cut the body.
type bodyFault struct {
	http.ResponseWriter
	kind FaultKind
}

func (b *bodyFault) Write(p []byte) (int, error) {
	half := p[:len(p)/2]
	if b.kind == FaultTruncate {
		return b.ResponseWriter.Write(half)
	}
	b.ResponseWriter.Header().Set("Content-Length", strconv.Itoa(len(p)))
	b.ResponseWriter.Write(half)
	if hj, ok := b.ResponseWriter.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
		}
	}
	return len(p), nil
}
