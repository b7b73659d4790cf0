// Package fetcher is the only package of oktasql that speaks HTTP: it reads
// and writes an Okta org's management API with auth, pagination, rate
// limits and retries.
package fetcher

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/oktasql/oktasql/schema"
)

// ErrNotFound matches (errors.Is) an API error with status 404.
var ErrNotFound = errors.New("okta: not found")

// ErrNoOrg is returned by LoadConfig when no org URL is configured.
var ErrNoOrg = errors.New("okta: no org configured")

// APIError is an error answer of the API, in Okta's error shape.
type APIError struct {
	Status    int
	Code      string
	Summary   string
	Causes    []string
	RequestID string
	Operation string
	Method    string
	Path      string
	// MissingScopes, on a 403 under OAuth, are the scopes the operation
	// needs (the spec's) that the access token lacks.
	MissingScopes []string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "okta: %s %s %s: %d", e.Operation, e.Method, e.Path, e.Status)
	if e.Code != "" {
		fmt.Fprintf(&b, " %s", e.Code)
	}
	if e.Summary != "" {
		fmt.Fprintf(&b, " %s", e.Summary)
	}
	if len(e.Causes) > 0 {
		fmt.Fprintf(&b, " (cause: %s)", strings.Join(e.Causes, "; "))
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request id %s]", e.RequestID)
	}
	if len(e.MissingScopes) > 0 {
		fmt.Fprintf(&b, "; the call needs the OAuth scope %s, which the access token lacks: grant it to the app and add it to the configured scopes", strings.Join(e.MissingScopes, " "))
	}
	return b.String()
}

// Is makes errors.Is(err, ErrNotFound) true for 404s.
func (e *APIError) Is(target error) bool {
	return target == ErrNotFound && e.Status == http.StatusNotFound
}

// Client talks to one org.
type Client struct {
	orgURL     *url.URL
	http       *resty.Client
	token      string
	oauth      *oauthState
	debug      io.Writer
	debugMu    sync.Mutex
	maxRetries int
	// gov is the org's rate governor, shared by its clients; share,
	// window and maxInFlight are this client's settings of it.
	gov         *governor
	share       float64
	window      time.Duration
	maxInFlight int
	stats       statsTable
	cache       *cache
	// maxRateWait bounds rate-limit waits: 0 is the default, < 0 none.
	maxRateWait time.Duration
}

// Option configures a Client.
type Option func(*Client)

// WithToken authenticates with an SSWS API token.
func WithToken(token string) Option { return func(c *Client) { c.token = token } }

// WithDebugLog writes one line per request: method, path and query,
// status, duration and attempt. Credentials never appear in it.
func WithDebugLog(w io.Writer) Option { return func(c *Client) { c.debug = w } }

// WithMaxRetries bounds retries of one request (default 4).
func WithMaxRetries(n int) Option { return func(c *Client) { c.maxRetries = n } }

// New returns a client of the org at orgURL.
func New(orgURL string, opts ...Option) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(orgURL, "/"))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("okta: org URL %q is not an absolute URL", orgURL)
	}
	c := &Client{orgURL: u, http: resty.New(), maxRetries: 4, gov: governorFor(u.String())}
	for _, o := range opts {
		o(c)
	}
	c.http.SetTransport(&http.Transport{MaxIdleConnsPerHost: DefaultOrgConcurrency + 4, ForceAttemptHTTP2: true, IdleConnTimeout: 90 * time.Second})
	return c, nil
}

// OrgURL is the org's base URL.
func (c *Client) OrgURL() string { return c.orgURL.String() }

// Request is one API call.
type Request struct {
	// Path is escaped, each parameter value percent-encoded once (as
	// schema.ExpandPath writes it); it goes on the wire as it is.
	Operation, Method, Path string
	Query                   url.Values
	Body                    any
	Header                  http.Header
	Idempotent              bool
	// Scopes are the OAuth scopes the operation needs (the spec's).
	Scopes []string
}

// Response is an answered call.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	// Cached says the response came from the cache (WithCache), not the org.
	Cached bool
	// URL is the URL that answered: another than the one asked for when a
	// page that timed out was asked again with a smaller limit.
	URL string
}

// Do makes one call, retrying where that is safe.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	retry := r.Idempotent || r.Method == http.MethodGet || r.Method == http.MethodPut || r.Method == http.MethodDelete
	return c.send(ctx, r.Operation, r.Method, c.endpoint(r.Path, r.Query), r.Body, policy{retry: retry, scopes: r.Scopes})
}

// endpoint is the URL of an escaped path (Request.Path) with query q on
// the org. The path is appended as it is: set as a url.URL's Path, its
// escapes would be escaped again ("o%27brien" sent as "o%2527brien",
// which Okta decodes once and does not find).
func (c *Client) endpoint(path string, q url.Values) string {
	u := c.orgURL.String() + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// policy says how send retries a call and what it reports early.
type policy struct {
	// retry allows retrying transport errors and 5xx answers (a 429 is
	// retried always).
	retry bool
	// headers, when not nil, is called with the headers of a successful
	// response as soon as they arrive, before its body is read (once per
	// attempt).
	headers func(http.Header)
	// smaller, when not nil, returns the URL of the same page with a
	// smaller page size, or "" when the page is as small as it may be. A
	// page that timed out is asked again with it rather than as it was.
	smaller func(fullURL string) string
	// scopes are the OAuth scopes the call needs: the token is asked for
	// them, and a 403 names those it lacks.
	scopes []string
}

// isTimeout says a 5xx is Okta's answer to a page that took too long:
// a 500 ("retry with a smaller limit", API-NOTES; audit GM1, X5) or a
// gateway's 504.
func isTimeout(status int) bool {
	return status == http.StatusInternalServerError || status == http.StatusGatewayTimeout
}

// MediaBody is a JSON request body sent as another media type than
// application/json (a JSON merge patch: application/merge-patch+json).
type MediaBody struct {
	Type  string
	Value any
}

// MarshalJSON encodes the body's value.
func (b MediaBody) MarshalJSON() ([]byte, error) { return json.Marshal(b.Value) }

// send makes a call, retrying where p allows.
func (c *Client) send(ctx context.Context, op, method, fullURL string, body any, p policy) (*Response, error) {
	if c.cache != nil {
		if method != http.MethodGet {
			defer c.cache.invalidate(pathOf(fullURL)) // whatever the outcome
		} else if r, ok := c.cache.get(fullURL, time.Now()); ok {
			c.stats.cacheHit(op)
			return r, nil
		}
	}
	var firstID string
	key := bucketKey(method, pathOf(fullURL))
	for attempt := 0; ; attempt++ {
		sl, err := c.acquire(ctx, key)
		if err != nil {
			return nil, err
		}
		req := c.http.R().SetContext(ctx).SetHeader("Accept", "application/json").SetDoNotParseResponse(true)
		if err := c.authorize(ctx, req.Header, method, fullURL, p.scopes); err != nil {
			sl.done(0, nil)
			return nil, err
		}
		if attempt > 0 {
			req.SetHeader("X-Okta-Retry-For", firstID).SetHeader("X-Okta-Retry-Count", strconv.Itoa(attempt))
		}
		if body != nil {
			b, err := json.Marshal(body)
			if err != nil {
				sl.done(0, nil)
				return nil, fmt.Errorf("okta: %s: encoding the body: %w", op, err)
			}
			contentType := "application/json"
			if mb, ok := body.(MediaBody); ok {
				contentType = mb.Type
			}
			req.SetHeader("Content-Type", contentType).SetBody(b)
		} else if method == http.MethodPost || method == http.MethodPut {
			req.SetBody([]byte{})
		}
		started := time.Now()
		resp, err := req.Execute(method, fullURL)
		c.logRequest(method, fullURL, resp, err, time.Since(started), attempt)
		var data []byte
		if err == nil {
			sl.answered(resp.StatusCode(), resp.Header())
			if p.headers != nil && resp.StatusCode() < 300 {
				p.headers(resp.Header())
			}
			raw := resp.RawBody()
			data, err = io.ReadAll(raw)
			raw.Close()
		} else {
			sl.answered(0, nil)
		}
		sl.release()
		c.stats.add(op, attempt > 0, len(data), time.Since(started))
		path := pathOf(fullURL)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if p.retry && attempt < c.maxRetries {
				backoff(ctx, attempt)
				continue
			}
			return nil, fmt.Errorf("okta: %s %s %s: %w", op, method, path, err)
		}
		status := resp.StatusCode()
		if firstID == "" {
			firstID = resp.Header().Get("X-Okta-Request-Id")
		}
		if status < 300 {
			r := &Response{Status: status, Header: resp.Header(), Body: data, URL: fullURL}
			if c.cache != nil && method == http.MethodGet && status == http.StatusOK {
				c.cache.put(fullURL, r, time.Now())
			}
			return r, nil
		}
		apiErr := parseError(status, data, resp.Header(), op, method, path)
		if status == http.StatusForbidden && c.oauth != nil {
			apiErr.MissingScopes = c.oauth.missingScopes(p.scopes)
		}
		if status == http.StatusUnauthorized && c.oauth != nil && attempt == 0 {
			c.oauth.expire() // the token expired or was revoked: get a new one once
			continue
		}
		if status == http.StatusTooManyRequests {
			c.stats.rateLimited(op)
			if attempt >= c.maxRetries {
				return nil, &RateLimitError{APIError: apiErr, Reset: time.Now().Add(resetDelay(resp.Header()))}
			}
			if err := c.waitReset(ctx, key, resetDelay(resp.Header()), apiErr); err != nil {
				return nil, err
			}
			continue
		}
		if status >= 500 && p.retry && attempt < c.maxRetries {
			if p.smaller != nil && isTimeout(status) {
				if u := p.smaller(fullURL); u != "" {
					fullURL = u
				}
			}
			backoff(ctx, attempt)
			continue
		}
		return nil, apiErr
	}
}

// logRequest writes the debug line of one attempt.
func (c *Client) logRequest(method, fullURL string, resp *resty.Response, err error, took time.Duration, attempt int) {
	if c.debug == nil {
		return
	}
	status := "error"
	if err == nil {
		status = strconv.Itoa(resp.StatusCode())
	}
	c.debugMu.Lock()
	defer c.debugMu.Unlock()
	fmt.Fprintf(c.debug, "okta %s %s %s %s attempt=%d\n", method, strings.TrimPrefix(fullURL, c.orgURL.String()), status, took.Round(time.Microsecond), attempt+1)
}

func pathOf(full string) string {
	if u, err := url.Parse(full); err == nil {
		return u.Path
	}
	return full
}

func parseError(status int, body []byte, h http.Header, op, method, path string) *APIError {
	e := &APIError{Status: status, Operation: op, Method: method, Path: path, RequestID: h.Get("X-Okta-Request-Id")}
	var obj struct {
		Code    string `json:"errorCode"`
		Summary string `json:"errorSummary"`
		Causes  []struct {
			Summary string `json:"errorSummary"`
		} `json:"errorCauses"`
	}
	if json.Unmarshal(body, &obj) == nil {
		e.Code, e.Summary = obj.Code, obj.Summary
		for _, c := range obj.Causes {
			e.Causes = append(e.Causes, c.Summary)
		}
	}
	if e.Summary == "" {
		e.Summary = http.StatusText(status)
	}
	return e
}

// resetDelay is how long to wait after a 429: until X-Rate-Limit-Reset,
// measured against the response's Date, plus a second.
func resetDelay(h http.Header) time.Duration {
	reset, err := strconv.ParseInt(h.Get("X-Rate-Limit-Reset"), 10, 64)
	if err != nil {
		return time.Second
	}
	now := time.Now()
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		now = d
	}
	d := time.Unix(reset, 0).Sub(now) + time.Second
	if d < 0 {
		return time.Second
	}
	return d
}

func backoff(ctx context.Context, attempt int) {
	d := time.Duration(100<<attempt) * time.Millisecond
	wait(ctx, d/2+time.Duration(rand.Int64N(int64(d/2)+1)))
}

func wait(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// ListRequest is a paged list call.
type ListRequest struct {
	// Path is escaped, as Request.Path.
	Operation, Path string
	Query           url.Values
	Envelope        string
	Pagination      schema.Pagination
	MaxPages        int
	StopOnEmptyPage bool
	// MinLimit is the smallest page size the endpoint takes (0: 1). A
	// page answered with a timeout is asked again with half its limit,
	// down to it.
	MinLimit int
	// Scopes are the OAuth scopes the operation needs (the spec's).
	Scopes []string
	// Readahead fetches the next page while the caller reads the current
	// one. Set it only when the caller will read every page (no LIMIT):
	// a caller that stops early wastes the page fetched ahead.
	Readahead bool
}

// Items streams the items of a list call, fetching pages lazily.
type Items struct {
	c      *Client
	ctx    context.Context
	r      ListRequest
	next   string // URL of the next page; "" when done
	page   []json.RawMessage
	item   json.RawMessage
	err    error
	pages  int
	cached int
	sent   string // the URL that answered the first page
	seen   map[string]bool
	// ahead is the next page, fetched ahead (Readahead).
	ahead *pending
	// unread counts the pages requested and not yet handed to the caller:
	// it bounds how far a read runs ahead of its caller.
	unread atomic.Int32
}

// maxUnread is how many pages a read with Readahead may have requested
// and not handed to its caller: the page the caller waits for and the one
// after it.
const maxUnread = 2

// page is one fetched page: its items and the URL of the next, or the
// error that ended the fetch.
type page struct {
	items  []json.RawMessage
	next   string
	cached bool
	sent   string // the URL that answered
	err    error
	// ahead is the next page when its request went out as soon as this
	// page's headers named it, while this page's body was still coming.
	ahead *pending
}

// pending is a page whose request has gone out.
type pending struct {
	done chan page
	stop context.CancelFunc
}

// List starts a list call; no request is made before the first Next.
func (c *Client) List(ctx context.Context, r ListRequest) *Items {
	return &Items{c: c, ctx: ctx, r: r, next: c.endpoint(r.Path, r.Query), seen: map[string]bool{}}
}

// Next advances to the next item.
func (it *Items) Next() bool {
	for {
		if it.err != nil {
			return false
		}
		if len(it.page) > 0 {
			it.item, it.page = it.page[0], it.page[1:]
			return true
		}
		if it.next == "" || (it.r.MaxPages > 0 && it.pages >= it.r.MaxPages) {
			return false
		}
		if err := it.fetch(); err != nil {
			it.err = err
			return false
		}
	}
}

// fetch reads the next page: the one fetched ahead, or a new request.
func (it *Items) fetch() error {
	if it.seen[it.next] {
		return fmt.Errorf("okta: %s: the API returned the page %s twice; stopping rather than looping", it.r.Operation, pathOf(it.next))
	}
	it.seen[it.next] = true
	var p page
	if it.ahead != nil {
		p = <-it.ahead.done
		it.ahead = nil
	} else {
		it.unread.Add(1)
		p = it.load(it.ctx, it.next)
	}
	it.unread.Add(-1)
	if p.err != nil {
		it.pages += it.discard(p.ahead)
		return p.err
	}
	if it.pages == 0 {
		it.sent = p.sent
	}
	it.pages++
	if p.cached {
		it.cached++
	}
	it.page, it.next, it.ahead = p.items, p.next, p.ahead
	if it.ahead == nil && it.r.Readahead && it.next != "" && !it.seen[it.next] && (it.r.MaxPages == 0 || it.pages < it.r.MaxPages) {
		it.unread.Add(1)
		it.ahead = it.start(it.next)
	}
	return nil
}

// start requests the page at u in the background.
func (it *Items) start(u string) *pending {
	ctx, stop := context.WithCancel(it.ctx)
	p := &pending{done: make(chan page, 1), stop: stop}
	go func() { p.done <- it.load(ctx, u) }()
	return p
}

// discard stops p and the pages requested ahead of it, and returns how
// many of them were fetched.
func (it *Items) discard(p *pending) (fetched int) {
	for p != nil {
		p.stop()
		pg := <-p.done
		it.unread.Add(-1)
		if pg.err == nil {
			fetched++
		}
		p = pg.ahead
	}
	return fetched
}

// load requests the page at u, again when its body is not a whole JSON
// page (a truncated or empty body), and splits it; a body of another
// shape than the endpoint's fails at once (ShapeError). With Readahead on
// a list paged by Link headers, the next page is requested as soon as
// this page's headers name it, unless maxUnread pages are already
// requested and not handed to the caller. A list that stops on an empty page cannot know
// before the body whether there is a next page, so it never does this.
func (it *Items) load(ctx context.Context, u string) page {
	var ahead *pending
	var aheadURL string
	var early func(http.Header)
	if it.r.Readahead && it.r.Pagination == schema.PaginationLink && !it.r.StopOnEmptyPage && it.r.MaxPages == 0 {
		early = func(h http.Header) {
			if ahead != nil {
				return
			}
			n := nextLink(h)
			if n == "" {
				return
			}
			if next := it.resolve(n); next != u && it.reserve() {
				aheadURL, ahead = next, it.start(next)
			}
		}
	}
	for attempt := 0; ; attempt++ {
		r, err := it.c.send(ctx, it.r.Operation, http.MethodGet, u, nil, policy{retry: true, headers: early, smaller: it.smaller, scopes: it.r.Scopes})
		if err != nil {
			return page{err: err, ahead: ahead}
		}
		p, err := it.parse(r, u)
		if err == nil {
			if p.next == aheadURL {
				p.ahead = ahead
			} else {
				it.discard(ahead) // the body named another next page, or none
			}
			return p
		}
		if it.c.cache != nil {
			it.c.cache.drop(u) // asking again must reach the org
		}
		var shape *ShapeError
		if errors.As(err, &shape) {
			return page{err: err, ahead: ahead}
		}
		if attempt >= it.c.maxRetries {
			return page{err: fmt.Errorf("okta: %s GET %s: %w after %d attempts", it.r.Operation, pathOf(u), err, attempt+1), ahead: ahead}
		}
		it.c.stats.refetched(it.r.Operation)
		backoff(ctx, attempt)
	}
}

// smaller returns the URL of the page at u with half its limit, not below
// MinLimit, or "" when it has no limit or is at the minimum.
func (it *Items) smaller(u string) string {
	parsed, err := url.Parse(u)
	if err != nil {
		return ""
	}
	q := parsed.Query()
	n, err := strconv.Atoi(q.Get("limit"))
	if err != nil {
		return ""
	}
	half := max(n/2, it.r.MinLimit, 1)
	if half >= n {
		return ""
	}
	q.Set("limit", strconv.Itoa(half))
	parsed.RawQuery = q.Encode()
	return parsed.String()
}

// reserve counts one more page requested and not handed to the caller,
// unless maxUnread already are.
func (it *Items) reserve() bool {
	for {
		n := it.unread.Load()
		if n >= maxUnread {
			return false
		}
		if it.unread.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// parse splits the page at u into its items and finds the next page's
// URL. A body that is not a whole page is errEmptyPage or
// errTruncatedPage; valid JSON of another shape than the endpoint's (an
// array, or an object holding the items under Envelope) is a ShapeError.
// The items are checked for structure only (balanced, complete): decoding
// them checks the rest.
func (it *Items) parse(resp *Response, u string) (page, error) {
	p := page{cached: resp.Cached, sent: resp.URL}
	body := bytes.TrimSpace(resp.Body)
	if len(body) == 0 || string(body) == "null" {
		return p, errEmptyPage
	}
	items := json.RawMessage(body)
	if it.r.Envelope != "" {
		var env map[string]json.RawMessage
		if err := json.Unmarshal(body, &env); err != nil {
			return p, it.malformed(u, body, "an object", "")
		}
		var ok bool
		if items, ok = env[it.r.Envelope]; !ok {
			return p, &ShapeError{Operation: it.r.Operation, Method: http.MethodGet, Path: pathOf(u), Want: fmt.Sprintf("an object with %q", it.r.Envelope), Got: fmt.Sprintf("an object without %q", it.r.Envelope)}
		}
		var links struct {
			Next struct {
				Href string `json:"href"`
			} `json:"next"`
		}
		if raw, ok := env["_links"]; ok && json.Unmarshal(raw, &links) == nil && links.Next.Href != "" {
			p.next = it.resolve(links.Next.Href)
		}
	}
	if it.r.Pagination == schema.PaginationLink {
		if n := nextLink(resp.Header); n != "" {
			p.next = it.resolve(n)
		}
	}
	if it.r.Envelope != "" && string(bytes.TrimSpace(items)) == "null" {
		items = json.RawMessage("[]") // an envelope's empty list
	}
	var ok bool
	if p.items, ok = splitArray(items); !ok {
		var under string
		if it.r.Envelope != "" {
			under = fmt.Sprintf(" under %q", it.r.Envelope)
		}
		return p, it.malformed(u, items, "an array", under)
	}
	if it.r.StopOnEmptyPage && len(p.items) == 0 {
		p.next = ""
	}
	return p, nil
}

// malformed is the error of a value at u (under a member of the page, or
// "") that is not want: a ShapeError when it is valid JSON, else
// errTruncatedPage.
func (it *Items) malformed(u string, value []byte, want, under string) error {
	if !json.Valid(value) {
		return errTruncatedPage
	}
	return &ShapeError{Operation: it.r.Operation, Method: http.MethodGet, Path: pathOf(u), Want: want + under, Got: JSONKind(value) + under}
}

// closingQuote returns the index of the first quote at or after i that no
// backslash escapes (one not preceded by an odd run of backslashes), or
// -1 when there is none. i is inside a string: at or after its first
// content byte.
func closingQuote(data []byte, i int) int {
	start := i
	for {
		j := bytes.IndexByte(data[i:], '"')
		if j < 0 {
			return -1
		}
		q, backslashes := i+j, 0
		for k := q - 1; k >= start && data[k] == '\\'; k-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return q
		}
		i = q + 1
	}
}

// splitArray returns the elements of a JSON array as slices of it, or
// false when data is not an array or ends early: brackets unbalanced, a
// string unterminated, an element missing.
func splitArray(data []byte) ([]json.RawMessage, bool) {
	data = bytes.TrimSpace(data)
	if len(data) < 2 || data[0] != '[' || data[len(data)-1] != ']' {
		return nil, false
	}
	body := data[:len(data)-1]
	var out []json.RawMessage
	depth, start := 0, -1
	for i := 1; i < len(body); i++ {
		switch c := body[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			continue
		case c == ',' && depth == 0:
			if start < 0 {
				return nil, false
			}
			out = append(out, bytes.TrimSpace(body[start:i]))
			start = -1
			continue
		}
		if start < 0 {
			start = i
		}
		switch body[i] {
		case '"':
			// Jump to the string's closing quote: most of a page is
			// string content.
			if i = closingQuote(body, i+1); i < 0 {
				return nil, false
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth < 0 {
				return nil, false
			}
		}
	}
	if depth != 0 || (start < 0 && len(out) > 0) {
		return nil, false
	}
	if start >= 0 {
		out = append(out, bytes.TrimSpace(body[start:]))
	}
	return out, true
}

// resolve sends a next link to the configured org, re-adding the original
// query parameters it dropped. The link's path keeps its encoding.
func (it *Items) resolve(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	next := *it.c.orgURL
	next.Path, next.RawPath = u.Path, u.RawPath
	q := u.Query()
	for k, v := range it.r.Query {
		if _, ok := q[k]; !ok {
			q[k] = v
		}
	}
	next.RawQuery = q.Encode()
	return next.String()
}

// nextLink finds rel="next" among Link headers, separate or folded.
func nextLink(h http.Header) string {
	for _, v := range h.Values("Link") {
		for _, part := range strings.Split(v, ",") {
			part = strings.TrimSpace(part)
			if !strings.Contains(part, `rel="next"`) {
				continue
			}
			if i, j := strings.IndexByte(part, '<'), strings.IndexByte(part, '>'); i >= 0 && j > i {
				return part[i+1 : j]
			}
		}
	}
	return ""
}

// Item is the current item; valid until the next call to Next.
func (it *Items) Item() json.RawMessage { return it.item }

// Err is the error that ended the list, if any.
func (it *Items) Err() error { return it.err }

// Pages counts the pages fetched (after Close, also a page fetched ahead
// and not read).
func (it *Items) Pages() int { return it.pages }

// FirstQuery is the query of the first page as it was sent (its limit
// smaller than asked for when it timed out), or "" before it is read.
func (it *Items) FirstQuery() string {
	u, err := url.Parse(it.sent)
	if err != nil {
		return ""
	}
	return u.RawQuery
}

// Cached counts the pages that came from the cache (WithCache).
func (it *Items) Cached() int { return it.cached }

// Close releases the list.
func (it *Items) Close() error {
	it.pages += it.discard(it.ahead) // fetched, if not read
	it.ahead = nil
	it.page, it.next = nil, ""
	return nil
}
