package emulator

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// RateLimitConfig configures the org's rate limits.
type RateLimitConfig struct {
	// Enabled turns on 429s when a bucket or the concurrency limit is exhausted;
	// the X-Rate-Limit headers are sent either way.
	Enabled bool
	// PerMinute overrides bucket limits by bucket name (see Buckets).
	PerMinute map[string]int
	// Concurrency is the number of requests in flight allowed (default 75).
	Concurrency int
}

// Buckets are the default per-minute limits by bucket name (API-NOTES
// section 4, Workforce column). A name is a method set and a path pattern.
var Buckets = map[string]int{
	"/api/v1/apps*":                      100,
	"/api/v1/apps/{id}":                  500,
	"/api/v1/groups":                     500,
	"/api/v1/groups/{id}":                1000,
	"GET,POST /api/v1/users":             600,
	"POST,PUT,DELETE /api/v1/users/{id}": 600,
	"GET /api/v1/users/{idOrLogin}":      2000,
	"/api/v1/logs":                       120,
	"/api/v1/devices":                    100,
	"/api/v1*":                           1200,
}

// bucketOf names the bucket of a request: exact paths first, then the longest prefix.
func bucketOf(method, path string) string {
	rest, sub := strings.CutPrefix(path, "/api/v1/")
	if !sub {
		return "/api/v1*"
	}
	parts := strings.Split(strings.TrimSuffix(rest, "/"), "/")
	switch parts[0] {
	case "users":
		switch {
		case len(parts) == 1:
			return "GET,POST /api/v1/users"
		case len(parts) == 2 && method == http.MethodGet:
			return "GET /api/v1/users/{idOrLogin}"
		case len(parts) == 2:
			return "POST,PUT,DELETE /api/v1/users/{id}"
		}
	case "apps":
		if len(parts) == 2 {
			return "/api/v1/apps/{id}"
		}
		return "/api/v1/apps*"
	case "groups":
		switch len(parts) {
		case 1:
			return "/api/v1/groups"
		case 2:
			return "/api/v1/groups/{id}"
		}
	case "logs":
		return "/api/v1/logs"
	case "devices":
		return "/api/v1/devices"
	}
	return "/api/v1*"
}

// window is one bucket's current minute.
type window struct {
	start time.Time
	used  int
}

// limiter counts requests per bucket per minute and requests in flight.
type limiter struct {
	cfg      RateLimitConfig
	mu       sync.Mutex
	windows  map[string]*window
	inFlight int
}

// newLimiter returns a limiter with cfg's defaults applied.
func newLimiter(cfg RateLimitConfig) *limiter {
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 75
	}
	return &limiter{cfg: cfg, windows: map[string]*window{}}
}

// limitOf is the per-minute limit of bucket.
func (l *limiter) limitOf(bucket string) int {
	if n, ok := l.cfg.PerMinute[bucket]; ok {
		return n
	}
	return Buckets[bucket]
}

// acquire counts r, sets the X-Rate-Limit headers and reports whether r may
// proceed; when it may, the caller must call release.
func (l *limiter) acquire(w http.ResponseWriter, r *http.Request, now time.Time) bool {
	bucket := bucketOf(r.Method, r.URL.Path)
	limit := l.limitOf(bucket)
	l.mu.Lock()
	defer l.mu.Unlock()
	win := l.windows[bucket]
	if win == nil || now.Sub(win.start) >= time.Minute {
		win = &window{start: now}
		l.windows[bucket] = win
	}
	h := w.Header()
	reset := strconv.FormatInt(win.start.Add(time.Minute).Unix(), 10)
	h.Set("X-Rate-Limit-Reset", reset)
	if l.cfg.Enabled && l.inFlight >= l.cfg.Concurrency {
		h.Set("X-Rate-Limit-Limit", "0")
		h.Set("X-Rate-Limit-Remaining", "0")
		writeError(w, http.StatusTooManyRequests, "E0000047", "API call exceeded rate limit due to too many requests.")
		return false
	}
	h.Set("X-Rate-Limit-Limit", strconv.Itoa(limit))
	if l.cfg.Enabled && win.used >= limit {
		h.Set("X-Rate-Limit-Remaining", "0")
		writeError(w, http.StatusTooManyRequests, "E0000047", "API call exceeded rate limit due to too many requests.")
		return false
	}
	win.used++
	h.Set("X-Rate-Limit-Remaining", strconv.Itoa(max(limit-win.used, 0)))
	l.inFlight++
	return true
}

// release ends a request acquire let through.
func (l *limiter) release() {
	l.mu.Lock()
	l.inFlight--
	l.mu.Unlock()
}
