package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/oktasql/oktasql/emulator/seed"
)

// Request is one request the org answered, as recorded by Requests.
type Request struct {
	Method, Path string
	// Query is the raw query string.
	Query  string
	Status int
	Time   time.Time
}

// Org is an emulated Okta org; it is an http.Handler.
type Org struct {
	cfg   Config
	users []json.RawMessage // non-DEPROVISIONED users, pre-marshaled, in seed order
	reqID atomic.Uint64

	mu       sync.Mutex
	requests []Request
}

// New generates the org described by cfg.
func New(cfg Config) (*Org, error) {
	cfg = cfg.withDefaults()
	gen := seed.Generate(seed.Config{Users: cfg.Users, Seed: cfg.Seed, Now: cfg.Now})
	o := &Org{cfg: cfg}
	for _, u := range gen.Users {
		if u.Status == seed.StatusDeprovisioned {
			continue
		}
		b, err := json.Marshal(u)
		if err != nil {
			return nil, fmt.Errorf("emulator: marshal user %s: %w", u.ID, err)
		}
		o.users = append(o.users, b)
	}
	return o, nil
}

// Requests returns the requests answered since the last ResetRequests.
func (o *Org) Requests() []Request {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]Request(nil), o.requests...)
}

// ResetRequests forgets the recorded requests.
func (o *Org) ResetRequests() {
	o.mu.Lock()
	o.requests = nil
	o.mu.Unlock()
}

// statusWriter records the status a handler writes.
type statusWriter struct {
	http.ResponseWriter
	status int
}

// WriteHeader records status and forwards it.
func (s *statusWriter) WriteHeader(status int) {
	s.status = status
	s.ResponseWriter.WriteHeader(status)
}

// ServeHTTP answers one request: token check, request id, routing and logging.
func (o *Org) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if o.cfg.Latency > 0 {
		time.Sleep(o.cfg.Latency)
	}
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	h := w.Header()
	h.Set("X-Okta-Request-Id", "emu"+strconv.FormatUint(o.reqID.Add(1), 10))
	h.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	switch {
	case r.Header.Get("Authorization") != "SSWS "+o.cfg.Token:
		writeError(sw, http.StatusUnauthorized, "E0000011", "Invalid token provided")
	case r.Method == http.MethodGet && r.URL.Path == "/api/v1/users":
		o.listUsers(sw, r)
	default:
		writeError(sw, http.StatusNotFound, "E0000007", "Not found: Resource not found: "+r.URL.Path)
	}
	o.mu.Lock()
	o.requests = append(o.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Status: sw.status, Time: time.Now()})
	o.mu.Unlock()
}
