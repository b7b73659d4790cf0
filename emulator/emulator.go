// Package emulator is an in-process Okta org that speaks the management
// API over HTTP: users, groups, memberships, apps and assignments, factors
// and the System Log with Okta's query semantics (filter, search, q,
// since/until), cursor pagination with Link headers, Okta's error shape,
// rate-limit headers, and a generic store that answers every other
// endpoint of the catalog. Every list call is first held against the
// spec's definition of its parameters and against the emulator's own
// reading of Okta's documentation of the endpoint (endpoints.go), never
// against oktasql's pushdown grammar: what Okta refuses, it refuses with
// Okta's error. On the store, policies and their rules, network zones,
// event hooks, group rules, trusted origins, authorization servers,
// identity providers and devices follow Okta's rules (semantics.go): their
// lifecycle, what cannot be changed or deleted, and the System Log events
// of writes. An org is an Identity Engine org or, with Config.Edition, a
// Classic one. It is oktasql's demo org and its test double.
package emulator

import (
	"bufio"
	"context"
	"crypto/subtle"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/oktasql/oktasql/emulator/seed"
	"github.com/oktasql/oktasql/schema"
)

// Config describes the org to emulate.
type Config struct {
	// Users is the number of seeded users (default 2,000).
	Users int
	// Seed selects the org: the same Seed and Now give the same org.
	Seed int64
	// Token is the SSWS API token accepted (default "emulator-token").
	Token string
	// Now is the org's clock for seeding (default: the current time).
	Now time.Time
	// Latency is added to every response.
	Latency time.Duration
	// OAuth, when set, registers a service app: the org then also accepts
	// the access tokens it issues at /oauth2/v1/token.
	OAuth *OAuthConfig
	// RateLimits sets the org's rate limits: per-bucket, per-credential
	// and in-flight (off unless RateLimits.Enabled).
	RateLimits RateLimitConfig
	// Events is the number of seeded System Log events (0: the seed's
	// default, about 5 per user).
	Events int
	// Edition is the org's engine: EditionOIE (the default, "" too) or
	// EditionClassic, which has no Identity Engine policy types.
	Edition string
}

// Org editions (Config.Edition).
const (
	EditionOIE     = "oie"
	EditionClassic = "classic"
)

// Request is one logged request.
type Request struct {
	Method, Path, Query string
	Status              int
	Time                time.Time
}

// Org is an emulated org; it is an http.Handler.
type Org struct {
	cfg     Config
	baseURL string // the org's URL in the links of seeded objects
	catalog *schema.Catalog
	oauth   *oauthServer
	limits  *limiter
	faults  faults

	mu     sync.RWMutex
	data   *seed.Org
	users  map[string]*seed.User // by id and lower-case login
	groups map[string]*seed.Group
	apps   map[string]*seed.App
	store  map[string][]map[string]any // concrete collection path -> objects
	// roleTargets are the groups seeded role assignments are limited to,
	// by assignment id; contacts the org's contact users, by type.
	roleTargets map[string][]string
	contacts    map[string]string
	// storeMu guards store for reads, which hold only mu's read lock.
	storeMu sync.Mutex
	nextID  int

	logMu sync.Mutex
	log   []Request

	// encoded caches the JSON of seeded objects by pointer; writes drop
	// the entries of the objects they change (touch).
	encoded sync.Map
}

// marshal returns v's JSON, cached for pointers to seeded objects.
func (o *Org) marshal(v any) []byte {
	switch v.(type) {
	case *seed.User, *seed.Group, *seed.App, *seed.AppUser, *seed.LogEvent:
		if b, ok := o.encoded.Load(v); ok {
			return b.([]byte)
		}
		b, err := json.Marshal(v)
		if err != nil {
			return []byte("null")
		}
		o.encoded.Store(v, b)
		return b
	}
	b, err := json.Marshal(v)
	if err != nil {
		return []byte("null")
	}
	return b
}

// touch forgets the cached JSON of a changed object.
func (o *Org) touch(v any) { o.encoded.Delete(v) }

// New seeds an org. baseURL is used in links; "" means http://localhost.
func New(cfg Config, baseURL string) (*Org, error) {
	if cfg.Users <= 0 {
		cfg.Users = seed.DefaultUsers
	}
	if cfg.Token == "" {
		cfg.Token = "emulator-token"
	}
	if cfg.Now.IsZero() {
		cfg.Now = time.Now()
	}
	if baseURL == "" {
		baseURL = "http://localhost"
	}
	switch cfg.Edition {
	case "":
		cfg.Edition = EditionOIE
	case EditionOIE, EditionClassic:
	default:
		return nil, fmt.Errorf("emulator: unknown edition %q (want %s or %s)", cfg.Edition, EditionOIE, EditionClassic)
	}
	limits, err := cfg.RateLimits.check()
	if err != nil {
		return nil, err
	}
	o := &Org{cfg: cfg, baseURL: baseURL, catalog: schema.Default(), store: map[string][]map[string]any{}}
	o.limits = &limiter{cfg: limits, windows: map[string]*window{}}
	o.faults.random = rand.New(rand.NewPCG(uint64(cfg.Seed), 7))
	if cfg.OAuth != nil {
		o.oauth = newOAuthServer(*cfg.OAuth)
	}
	o.data = seed.Generate(cfg.SeedConfig(baseURL))
	o.reindex()
	o.seedStore(baseURL)
	return o, nil
}

// SeedConfig is the generator's configuration of the org New(cfg, baseURL)
// serves: seed.Generate(cfg.SeedConfig(baseURL)) gives the same data.
func (cfg Config) SeedConfig(baseURL string) seed.Config {
	sc := seed.Config{Users: cfg.Users, Seed: cfg.Seed, Now: cfg.Now, BaseURL: baseURL}
	if cfg.Events > 0 && cfg.Users > 0 {
		sc.EventsPerUser = float64(cfg.Events) / float64(cfg.Users)
		sc.MaxEvents = cfg.Events
	}
	return sc
}

func (o *Org) reindex() {
	o.users = make(map[string]*seed.User, 2*len(o.data.Users))
	for _, u := range o.data.Users {
		o.users[u.ID] = u
		o.users[strings.ToLower(u.Profile.Login)] = u
	}
	o.groups = make(map[string]*seed.Group, len(o.data.Groups))
	for _, g := range o.data.Groups {
		o.groups[g.ID] = g
	}
	o.apps = make(map[string]*seed.App, len(o.data.Apps))
	for _, a := range o.data.Apps {
		o.apps[a.ID] = a
	}
}

// Server is an emulated org listening on loopback.
type Server struct {
	URL string
	Org *Org
	srv *http.Server
	ln  net.Listener
}

// Start seeds an org and serves it on a free loopback port.
func Start(cfg Config) (*Server, error) {
	return Listen(cfg, "127.0.0.1:0")
}

// Listen seeds an org and serves it on addr.
func Listen(cfg Config, addr string) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("emulator: %w", err)
	}
	url := "http://" + ln.Addr().String()
	org, err := New(cfg, url)
	if err != nil {
		ln.Close()
		return nil, err
	}
	s := &Server{URL: url, Org: org, srv: &http.Server{Handler: org, ReadHeaderTimeout: 10 * time.Second}, ln: ln}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Requests returns the request log.
func (o *Org) Requests() []Request {
	o.logMu.Lock()
	defer o.logMu.Unlock()
	return append([]Request(nil), o.log...)
}

// ExpireTokens makes every issued OAuth access token expire.
func (o *Org) ExpireTokens() {
	if o.oauth != nil {
		o.oauth.expireAll()
	}
}

// ResetRequests empties the request log.
func (o *Org) ResetRequests() {
	o.logMu.Lock()
	o.log = nil
	o.logMu.Unlock()
}

// record logs a request.
func (o *Org) record(r *http.Request, status int) {
	o.logMu.Lock()
	o.log = append(o.log, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Status: status, Time: time.Now()})
	o.logMu.Unlock()
}

// statusWriter records the status of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(s int) {
	if w.status == 0 {
		w.status = s
	}
	w.ResponseWriter.WriteHeader(s)
}

// Hijack lets a dropped-connection fault close the connection.
func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, fmt.Errorf("emulator: the connection cannot be hijacked")
	}
	return hj.Hijack()
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// ServeHTTP answers one API request.
func (o *Org) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if kind, ok := o.faults.fault(r.URL.Path); ok && (kind == FaultTruncate || kind == FaultDrop) {
		rw = &bodyFault{ResponseWriter: rw, kind: kind}
	} else if ok {
		w := &statusWriter{ResponseWriter: rw}
		produce(w, kind)
		o.record(r, w.status)
		return
	}
	w := &statusWriter{ResponseWriter: rw}
	defer func() { o.record(r, w.status) }()
	h := w.Header()
	h.Set("X-Okta-Request-Id", strconv.FormatInt(time.Now().UnixNano(), 36))
	h.Set("Content-Type", "application/json")
	done, ok := o.limits.admit(w, r)
	if !ok {
		return
	}
	defer done()
	// The latency is spent in flight, where the concurrency cap counts it.
	if o.cfg.Latency > 0 {
		time.Sleep(o.cfg.Latency)
	}
	base := "http://" + r.Host
	if o.oauth != nil && r.URL.Path == "/oauth2/v1/token" && r.Method == http.MethodPost {
		o.oauth.token(w, r, base+r.URL.Path)
		return
	}
	auth := r.Header.Get("Authorization")
	var scopes []string // of an OAuth access token
	checkScopes := false
	if subtle.ConstantTimeCompare([]byte(auth), []byte("SSWS "+o.cfg.Token)) != 1 {
		if o.oauth == nil || strings.HasPrefix(auth, "SSWS ") {
			writeError(w, http.StatusUnauthorized, "E0000011", "Invalid token provided")
			return
		}
		// A DPoP proof names the URL as sent (htu): the escaped path.
		var err error
		if scopes, err = o.oauth.authenticate(r, base+r.URL.EscapedPath()); err != nil {
			w.Header().Set("WWW-Authenticate", `DPoP error="invalid_dpop_proof"`)
			writeError(w, http.StatusUnauthorized, "E0000011", "Invalid token provided", err.Error())
			return
		}
		checkScopes = o.oauth.cfg.Scopes != nil
	}
	var body map[string]any
	var patch []any
	if r.Body != nil && (r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodPatch) {
		b, err := io.ReadAll(r.Body)
		if trimmed := strings.TrimSpace(string(b)); err == nil && len(trimmed) > 0 {
			target := any(&body)
			if trimmed[0] == '[' { // a JSON Patch
				target = &patch
			}
			if err := json.Unmarshal(b, target); err != nil {
				writeError(w, http.StatusBadRequest, "E0000003", "The request body was not well-formed.")
				return
			}
		}
	}
	req := &request{w: w, r: r, q: r.URL.Query(), body: body, patch: patch, parts: strings.Split(strings.Trim(r.URL.Path, "/"), "/"), org: o}
	if checkScopes {
		if lacking := o.lacking(r.Method, req.parts, scopes); len(lacking) > 0 {
			w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer realm="IdP", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", scope=%q`, strings.Join(lacking, " ")))
			writeError(w, http.StatusForbidden, "E0000006", "You do not have permission to perform the requested action")
			return
		}
	}
	if r.Method == http.MethodGet {
		o.mu.RLock()
		defer o.mu.RUnlock()
	} else {
		o.mu.Lock()
		defer o.mu.Unlock()
	}
	if r.Method == http.MethodGet {
		if op := o.listRoute(req.parts); op != nil {
			if req.list = o.checkList(req, op); req.list == nil {
				return
			}
		}
	}
	for _, route := range routes {
		if route.method == r.Method && route.match(req.parts) {
			route.handle(req)
			return
		}
	}
	o.generic(req)
}

// writeError writes Okta's error object.
func writeError(w http.ResponseWriter, status int, code, summary string, causes ...string) {
	cs := make([]map[string]string, len(causes))
	for i, c := range causes {
		cs[i] = map[string]string{"errorSummary": c}
	}
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{
		"errorCode": code, "errorSummary": summary, "errorLink": code,
		"errorId": "oae" + strconv.FormatInt(time.Now().UnixNano()%1e12, 36), "errorCauses": cs,
	})
}

// Main runs `oktasql emulate`: the org on its own until interrupted.
func Main(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("oktasql emulate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8089", "address to serve on")
	users := fs.Int("users", seed.DefaultUsers, "users to seed")
	seedN := fs.Int64("seed", 1, "seed of the generated org")
	token := fs.String("token", "emulator-token", "API token to accept (Authorization: SSWS <token>)")
	latency := fs.Duration("latency", 0, "latency added to every response")
	edition := fs.String("edition", EditionOIE, "org engine: "+EditionOIE+" (Identity Engine) or "+EditionClassic+" (no Identity Engine policy types)")
	var limits RateLimitConfig
	fs.BoolVar(&limits.Enabled, "rate-limits", false, "enforce Okta's rate limits: per-bucket, per-token share and concurrency (429 E0000047 over them)")
	fs.StringVar(&limits.Tier, "rate-tier", TierWorkforce, "the published limits to enforce: "+TierWorkforce+", "+TierEnterprise+" or "+TierIntegratorFree)
	fs.DurationVar(&limits.Window, "rate-window", time.Minute, "length of a rate-limit window (Okta's is a minute; shorter is a test knob: the same limits per window, sooner)")
	fs.Float64Var(&limits.TokenShare, "token-share", DefaultTokenShare, "share of each bucket one API token may use (1: no ceiling)")
	fs.IntVar(&limits.Concurrency, "concurrency", 0, "requests in flight the org allows (0: the tier's, 75 or 35)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	start := time.Now()
	srv, err := Listen(Config{Users: *users, Seed: *seedN, Token: *token, Latency: *latency, Edition: *edition, RateLimits: limits}, *listen)
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(stdout, "emulated Okta org with %d users at %s (ready in %.1fs)\ntry: curl -H 'Authorization: SSWS %s' %s/api/v1/users?limit=2\n",
		*users, srv.URL, time.Since(start).Seconds(), *token, srv.URL)
	if l := srv.Org.limits.cfg; l.Enabled {
		fmt.Fprintf(stdout, "rate limits: %s tier, %s windows, a token may use %.0f%% of a bucket, %d requests in flight\n", l.Tier, l.Window, 100*min(l.TokenShare, 1), l.Concurrency)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	<-ctx.Done()
	return nil
}
