package emulator

import (
	"bufio"
	"math/rand/v2"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/oktasql/oktasql/emulator/scim"
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
	cfg Config
	// collections are the list resources by path (e.g. /api/v1/users).
	collections map[string]*collection
	// gen is the seeded org, for filter and search.
	gen   *seed.Org
	reqID atomic.Uint64

	mu       sync.Mutex
	requests []Request
	faults   []*Fault
	limits   *limiter
	rng      *rand.Rand
}

// New generates the org described by cfg.
func New(cfg Config) (*Org, error) {
	cfg = cfg.withDefaults()
	gen := seed.Generate(seed.Config{Users: cfg.Users, Seed: cfg.Seed, Now: cfg.Now})
	users, err := newCollection(200, 200, gen.Users, func(u *seed.User) string { return u.ID },
		func(u *seed.User) bool { return u.Status != seed.StatusDeprovisioned })
	if err != nil {
		return nil, err
	}
	users.alias = make(map[string]string, len(gen.Users))
	for _, u := range gen.Users {
		users.alias[u.Profile.Login] = u.ID
	}
	groups, err := newCollection(10000, 10000, gen.Groups, func(g *seed.Group) string { return g.ID }, all[*seed.Group])
	if err != nil {
		return nil, err
	}
	apps, err := newCollection(20, 200, gen.Apps, func(a *seed.App) string { return a.ID }, all[*seed.App])
	if err != nil {
		return nil, err
	}
	types, err := newCollection(200, 200, gen.UserTypes, func(u *seed.UserType) string { return u.ID }, all[*seed.UserType])
	if err != nil {
		return nil, err
	}
	return &Org{cfg: cfg, limits: newLimiter(cfg.RateLimits), gen: gen, rng: newRNG(cfg.Seed), collections: map[string]*collection{
		"/api/v1/users": users, "/api/v1/groups": groups, "/api/v1/apps": apps, "/api/v1/meta/types/user": types,
	}}, nil
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

// Hijack hands over the connection (used by FaultDrop).
func (s *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(s.ResponseWriter).Hijack()
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
	kind := o.fault(r)
	if !o.limits.acquire(sw, r, time.Now()) {
		o.record(r, sw.status)
		return
	}
	defer o.limits.release()
	switch {
	case kind != 0:
		writeFault(sw, kind)
	case r.Header.Get("Authorization") != "SSWS "+o.cfg.Token:
		writeError(sw, http.StatusUnauthorized, "E0000011", "Invalid token provided")
	case r.Method != http.MethodGet:
		writeError(sw, http.StatusNotFound, "E0000007", "Not found: Resource not found: "+r.Method+" "+r.URL.Path)
	default:
		o.route(sw, r)
	}
	o.record(r, sw.status)
}

// record appends r to the request log.
func (o *Org) record(r *http.Request, status int) {
	o.mu.Lock()
	o.requests = append(o.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Status: status, Time: time.Now()})
	o.mu.Unlock()
}

// all lists every row.
func all[T any](T) bool { return true }

// route answers GET on a collection (path) or one of its items (path/id).
func (o *Org) route(w http.ResponseWriter, r *http.Request) {
	if q := r.URL.Query(); r.URL.Path == "/api/v1/users" {
		switch {
		case q.Has("filter") || q.Has("search"):
			o.searchUsers(w, r)
			return
		case q.Has("q"):
			o.qUsers(w, r)
			return
		}
	}
	if f := r.URL.Query().Get("filter"); f != "" && (r.URL.Path == "/api/v1/apps" || r.URL.Path == "/api/v1/groups") {
		o.filterList(w, r, f)
		return
	}
	if r.URL.Path == "/api/v1/logs" {
		o.listLogs(w, r)
		return
	}
	if o.subList(w, r) {
		return
	}
	if c, ok := o.collections[r.URL.Path]; ok {
		c.list(w, r)
		return
	}
	dir, id := path.Split(r.URL.Path)
	if c, ok := o.collections[strings.TrimSuffix(dir, "/")]; ok && id != "" {
		c.get(w, r, id)
		return
	}
	writeError(w, http.StatusNotFound, "E0000007", "Not found: Resource not found: "+r.URL.Path)
}

// filterList serves the apps or groups list with a filter (case-sensitive).
func (o *Org) filterList(w http.ResponseWriter, r *http.Request, filter string) {
	e, ok := parseFilter(w, filter)
	if !ok {
		return
	}
	c := o.collections[r.URL.Path]
	if r.URL.Path == "/api/v1/apps" {
		filterRows(w, r, c, e, o.gen.Apps, func(a *seed.App) string { return a.ID }, o.appGetter, false)
		return
	}
	filterRows(w, r, c, e, o.gen.Groups, func(g *seed.Group) string { return g.ID },
		func(g *seed.Group) scim.Getter { return g.Get }, false)
}
