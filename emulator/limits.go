package emulator

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// RateLimitConfig sets the org's rate limits: per-minute buckets and a
// cap on requests in flight. Disabled, every response still carries the
// X-Rate-Limit headers, with a limit nothing reaches.
type RateLimitConfig struct {
	Enabled bool
	// PerMinute overrides bucket limits, by bucket name ("GET /api/v1/users").
	PerMinute map[string]int
	// Concurrency caps requests in flight (default 75).
	Concurrency int
}

// defaultBuckets are the published per-minute limits (API-NOTES 4),
// matched by method and longest path prefix.
var defaultBuckets = []struct {
	method, prefix string
	limit          int
}{
	{"GET", "/api/v1/users/", 2000},
	{"", "/api/v1/users/", 600},
	{"", "/api/v1/users", 600},
	{"", "/api/v1/groups/", 1000},
	{"", "/api/v1/groups", 500},
	{"", "/api/v1/apps/", 500},
	{"", "/api/v1/apps", 100},
	{"", "/api/v1/logs", 120},
	{"", "/api/v1/devices", 100},
	{"", "/api/v1/", 1200},
	{"", "/", 1200},
}

// limiter counts requests per bucket and minute, and in flight.
type limiter struct {
	cfg RateLimitConfig

	mu       sync.Mutex
	windows  map[string]*window
	inFlight int
}

type window struct {
	start time.Time
	count int
}

// bucket names the bucket of a request and its per-minute limit.
func (l *limiter) bucket(method, path string) (string, int) {
	for _, b := range defaultBuckets {
		if (b.method == "" || b.method == method) && strings.HasPrefix(path, b.prefix) {
			name := b.method + " " + b.prefix
			if n, ok := l.cfg.PerMinute[name]; ok {
				return name, n
			}
			return name, b.limit
		}
	}
	return "other", 1200
}

// admit counts a request; it writes the rate-limit headers and reports
// false (after answering 429) when the bucket or the concurrency cap is
// exhausted. done must be called when an admitted request ends.
func (l *limiter) admit(w http.ResponseWriter, r *http.Request) (done func(), ok bool) {
	name, limit := l.bucket(r.Method, r.URL.Path)
	now := time.Now()
	l.mu.Lock()
	win := l.windows[name]
	if win == nil || now.Sub(win.start) >= time.Minute {
		win = &window{start: now}
		l.windows[name] = win
	}
	reset := win.start.Add(time.Minute)
	h := w.Header()
	h.Set("Date", now.UTC().Format(http.TimeFormat))
	if !l.cfg.Enabled {
		l.mu.Unlock()
		h.Set("X-Rate-Limit-Limit", strconv.Itoa(limit))
		h.Set("X-Rate-Limit-Remaining", strconv.Itoa(limit))
		h.Set("X-Rate-Limit-Reset", strconv.FormatInt(reset.Unix(), 10))
		return func() {}, true
	}
	concurrency := l.cfg.Concurrency
	if concurrency <= 0 {
		concurrency = 75
	}
	if l.inFlight >= concurrency {
		l.mu.Unlock()
		h.Set("X-Rate-Limit-Limit", "0")
		h.Set("X-Rate-Limit-Remaining", "0")
		h.Set("X-Rate-Limit-Reset", strconv.FormatInt(now.Add(time.Second).Unix(), 10))
		writeError(w, http.StatusTooManyRequests, "E0000047", "API call exceeded rate limit due to too many requests.")
		return nil, false
	}
	if win.count >= limit {
		l.mu.Unlock()
		h.Set("X-Rate-Limit-Limit", strconv.Itoa(limit))
		h.Set("X-Rate-Limit-Remaining", "0")
		h.Set("X-Rate-Limit-Reset", strconv.FormatInt(reset.Unix(), 10))
		writeError(w, http.StatusTooManyRequests, "E0000047", "API call exceeded rate limit due to too many requests.")
		return nil, false
	}
	win.count++
	l.inFlight++
	remaining := limit - win.count
	l.mu.Unlock()
	h.Set("X-Rate-Limit-Limit", strconv.Itoa(limit))
	h.Set("X-Rate-Limit-Remaining", strconv.Itoa(remaining))
	h.Set("X-Rate-Limit-Reset", strconv.FormatInt(reset.Unix(), 10))
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
