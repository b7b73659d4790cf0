package fetcher

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oktasql/oktasql/schema"
)

// setup starts a test server and a client of it.
func setup(t *testing.T, h http.HandlerFunc) (*Client, *httptest.Server) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := New(srv.URL, WithToken("secret-token"), WithMaxRetries(3))
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func collect(t *testing.T, it *Items) ([]string, error) {
	t.Helper()
	var ids []string
	for it.Next() {
		var v struct{ ID string }
		if err := json.Unmarshal(it.Item(), &v); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, v.ID)
	}
	return ids, it.Err()
}

// pager serves 3 pages of 2 items; next links are built by link.
func pager(link func(r *http.Request, after int) string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "SSWS secret-token" {
			w.WriteHeader(401)
			fmt.Fprint(w, `{"errorCode":"E0000011","errorSummary":"Invalid token provided"}`)
			return
		}
		after, _ := strconv.Atoi(r.URL.Query().Get("after"))
		if after < 4 {
			w.Header().Add("Link", link(r, after+2))
		}
		fmt.Fprintf(w, `[{"id":"%d"},{"id":"%d"}]`, after, after+1)
	}
}

func TestListPagination(t *testing.T) {
	tests := []struct {
		name string
		link func(r *http.Request, after int) string
	}{
		{"absolute", func(r *http.Request, a int) string {
			return fmt.Sprintf(`<http://%s/api/v1/users?after=%d&limit=2>; rel="next"`, r.Host, a)
		}},
		{"relative", func(r *http.Request, a int) string {
			return fmt.Sprintf(`</api/v1/users?after=%d&limit=2>; rel="next"`, a)
		}},
		{"folded with self", func(r *http.Request, a int) string {
			return fmt.Sprintf(`<http://%s/api/v1/users?limit=2>; rel="self", <http://%s/api/v1/users?after=%d&limit=2>; rel="next"`, r.Host, r.Host, a)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := setup(t, pager(tt.link))
			it := c.List(context.Background(), ListRequest{Operation: "listUsers", Path: "/api/v1/users", Query: map[string][]string{"limit": {"2"}}, Pagination: schema.PaginationLink})
			ids, err := collect(t, it)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(ids, ",") != "0,1,2,3,4,5" || it.Pages() != 3 {
				t.Errorf("ids = %v over %d pages", ids, it.Pages())
			}
		})
	}
}

func TestListReaddsDroppedParameters(t *testing.T) {
	var sawExpand atomic.Int32
	next := pager(func(r *http.Request, a int) string {
		return fmt.Sprintf(`</api/v1/apps/x/users?after=%d>; rel="next"`, a) // drops expand
	})
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("expand") == "user" {
			sawExpand.Add(1)
		}
		next(w, r)
	})
	it := c.List(context.Background(), ListRequest{Operation: "listApplicationUsers", Path: "/api/v1/apps/x/users", Query: map[string][]string{"expand": {"user"}}, Pagination: schema.PaginationLink})
	if _, err := collect(t, it); err != nil {
		t.Fatal(err)
	}
	if sawExpand.Load() != 3 {
		t.Errorf("expand was sent on %d of 3 pages", sawExpand.Load())
	}
}

func TestListRepeatedCursorFails(t *testing.T) {
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Link", `</api/v1/users?after=same>; rel="next"`)
		fmt.Fprint(w, `[{"id":"1"}]`)
	})
	it := c.List(context.Background(), ListRequest{Operation: "listUsers", Path: "/api/v1/users", Pagination: schema.PaginationLink})
	_, err := collect(t, it)
	if err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("error = %v, want the repeated page named", err)
	}
}

func TestListStopsWhenTheCallerDoes(t *testing.T) {
	var requests atomic.Int32
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		pager(func(r *http.Request, a int) string { return fmt.Sprintf(`</api/v1/users?after=%d>; rel="next"`, a) })(w, r)
	})
	it := c.List(context.Background(), ListRequest{Operation: "listUsers", Path: "/api/v1/users", Pagination: schema.PaginationLink})
	if requests.Load() != 0 {
		t.Errorf("List made a request before Next")
	}
	it.Next()
	it.Next()
	it.Close()
	if requests.Load() != 1 {
		t.Errorf("reading one page's items made %d requests", requests.Load())
	}
}

func TestRetries(t *testing.T) {
	tests := []struct {
		name     string
		fail     func(w http.ResponseWriter)
		method   string
		wantErr  bool
		attempts int32
		// refetch is true when the retry is a new request for the page
		// (a body that arrived whole but broken), not a retry of one.
		refetch bool
	}{
		{"429 then success", func(w http.ResponseWriter) {
			w.Header().Set("X-Rate-Limit-Reset", strconv.FormatInt(time.Now().Unix(), 10))
			w.WriteHeader(429)
			fmt.Fprint(w, `{"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests."}`)
		}, "GET", false, 2, false},
		{"503 then success", func(w http.ResponseWriter) { w.WriteHeader(503) }, "GET", false, 2, false},
		{"truncated body then success", func(w http.ResponseWriter) { fmt.Fprint(w, `[{"id":"1"},{"id`) }, "GET", false, 2, true},
		{"POST is not retried on 500", func(w http.ResponseWriter) { w.WriteHeader(500) }, "POST", true, 1, false},
		{"POST is retried on 429", func(w http.ResponseWriter) {
			w.Header().Set("X-Rate-Limit-Reset", strconv.FormatInt(time.Now().Unix(), 10))
			w.WriteHeader(429)
		}, "POST", false, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int32
			var retryHeaders atomic.Int32
			c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("X-Okta-Retry-Count") != "" {
					retryHeaders.Add(1)
				}
				w.Header().Set("X-Okta-Request-Id", "req-"+strconv.Itoa(int(n.Load())))
				if n.Add(1) == 1 {
					tt.fail(w)
					return
				}
				fmt.Fprint(w, `[{"id":"1"}]`)
			})
			var err error
			if tt.method == "GET" {
				_, err = collect(t, c.List(context.Background(), ListRequest{Operation: "listUsers", Path: "/api/v1/users"}))
			} else {
				_, err = c.Do(context.Background(), Request{Operation: "createUser", Method: "POST", Path: "/api/v1/users", Body: map[string]any{"profile": map[string]any{}}})
			}
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error %v", err, tt.wantErr)
			}
			if n.Load() != tt.attempts {
				t.Errorf("%d attempts, want %d", n.Load(), tt.attempts)
			}
			if tt.attempts > 1 && !tt.refetch && retryHeaders.Load() == 0 {
				t.Errorf("retries did not carry X-Okta-Retry-Count")
			}
		})
	}
}

func TestErrorsAreTypedAndKeepSecrets(t *testing.T) {
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Okta-Request-Id", "abc123")
		w.WriteHeader(400)
		fmt.Fprint(w, `{"errorCode":"E0000031","errorSummary":"Invalid search criteria.","errorCauses":[{"errorSummary":"bad field"}]}`)
	})
	_, err := c.Do(context.Background(), Request{Operation: "listUsers", Method: "GET", Path: "/api/v1/users"})
	var ae *APIError
	if !errors.As(err, &ae) || ae.Code != "E0000031" || ae.Status != 400 || ae.RequestID != "abc123" || len(ae.Causes) != 1 {
		t.Fatalf("error = %#v", err)
	}
	if strings.Contains(err.Error(), "secret-token") {
		t.Errorf("the error carries the token: %v", err)
	}
	for _, want := range []string{"E0000031", "Invalid search criteria", "bad field", "abc123", "listUsers"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	c404, _ := setup(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(404) })
	if _, err := c404.Do(context.Background(), Request{Operation: "getUser", Method: "GET", Path: "/api/v1/users/x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("404: error %v is not ErrNotFound", err)
	}
}

func TestLoadConfigPrecedence(t *testing.T) {
	home := t.TempDir()
	writeFile(t, home+"/.okta/okta.yaml", "okta:\n  client:\n    orgUrl: https://yaml.okta.com\n    token: yaml-token\n")
	env := map[string]string{"OKTA_CLIENT_TOKEN": "env-token"}
	cfg, err := LoadConfig(Config{}, func(k string) string { return env[k] }, home)
	if err != nil || cfg.OrgURL != "https://yaml.okta.com" || cfg.Token != "env-token" {
		t.Errorf("yaml < env: %+v, %v", cfg, err)
	}
	cfg, _ = LoadConfig(Config{Token: "flag-token"}, func(k string) string { return env[k] }, home)
	if cfg.Token != "flag-token" {
		t.Errorf("env < flags: token %q", cfg.Token)
	}
	if _, err := LoadConfig(Config{}, func(string) string { return "" }, t.TempDir()); !errors.Is(err, ErrNoOrg) {
		t.Errorf("no org anywhere: error %v, want ErrNoOrg", err)
	}
}

func TestListEnvelopeBodyLinks(t *testing.T) {
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		after, _ := strconv.Atoi(r.URL.Query().Get("after"))
		next := ""
		if after < 2 {
			next = fmt.Sprintf(`,"next":{"href":"http://%s/api/v1/iam/roles?after=%d"}`, r.Host, after+1)
		}
		fmt.Fprintf(w, `{"roles":[{"id":"r%d"}],"_links":{"self":{"href":"x"}%s}}`, after, next)
	})
	it := c.List(context.Background(), ListRequest{Operation: "listRoles", Path: "/api/v1/iam/roles", Envelope: "roles", Pagination: schema.PaginationBody})
	ids, err := collect(t, it)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, ",") != "r0,r1,r2" {
		t.Errorf("ids = %v", ids)
	}
}

func TestListWithoutPagination(t *testing.T) {
	var n atomic.Int32
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Add("Link", `</api/v1/eventHooks?after=x>; rel="next"`) // ignored: the endpoint does not page
		fmt.Fprint(w, `[{"id":"a"},{"id":"b"}]`)
	})
	ids, err := collect(t, c.List(context.Background(), ListRequest{Operation: "listEventHooks", Path: "/api/v1/eventHooks", Pagination: schema.PaginationNone}))
	if err != nil || len(ids) != 2 || n.Load() != 1 {
		t.Errorf("ids = %v after %d requests, %v", ids, n.Load(), err)
	}
}

// TestListReadahead fetches the next page while the current one is read:
// the request for page 2 is made before the caller asks for its first
// item; every page is still requested once, and Close stops a page
// fetched ahead that is not wanted.
func TestListReadahead(t *testing.T) {
	var requests atomic.Int32
	requested := make(chan int, 10)
	serve := pager(func(r *http.Request, a int) string {
		return fmt.Sprintf(`</api/v1/users?after=%d&limit=2>; rel="next"`, a)
	})
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		requested <- int(requests.Add(1))
		serve(w, r)
	})
	list := func() *Items {
		return c.List(context.Background(), ListRequest{Operation: "listUsers", Path: "/api/v1/users", Query: map[string][]string{"limit": {"2"}}, Pagination: schema.PaginationLink, Readahead: true})
	}
	it := list()
	if !it.Next() {
		t.Fatal(it.Err())
	}
	<-requested
	select {
	case n := <-requested:
		if n != 2 {
			t.Errorf("request %d came second", n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("page 2 was not fetched ahead while page 1 was read")
	}
	ids, err := collect(t, it)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, ",") != "1,2,3,4,5" || it.Pages() != 3 || requests.Load() != 3 {
		t.Errorf("ids %v over %d pages, %d requests", ids, it.Pages(), requests.Load())
	}

	requests.Store(0)
	for len(requested) > 0 {
		<-requested
	}
	it = list()
	it.Next()
	it.Close() // stops the pages fetched ahead, and waits for them
	after := requests.Load()
	if after > 1+maxUnread || it.Pages() > 1+maxUnread || it.Next() {
		t.Errorf("after Close: %d pages, %d requests, more items %v; want at most the page read and %d fetched ahead", it.Pages(), after, it.Next(), maxUnread)
	}
}

// TestListNextPageRequestedAtHeaders checks that with Readahead the next
// page is requested as soon as a page's headers name it: the server holds
// the rest of page 1's body until page 2 is asked for.
func TestListNextPageRequestedAtHeaders(t *testing.T) {
	var requests atomic.Int32
	page2 := make(chan struct{}, 1)
	var early atomic.Bool
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.URL.Query().Get("after") == "" {
			w.Header().Add("Link", `</api/v1/users?after=2&limit=2>; rel="next"`)
			fmt.Fprint(w, `[{"id":"0"},`)
			w.(http.Flusher).Flush()
			select {
			case <-page2:
				early.Store(true)
			case <-time.After(5 * time.Second):
			}
			fmt.Fprint(w, `{"id":"1"}]`)
			return
		}
		page2 <- struct{}{}
		fmt.Fprint(w, `[{"id":"2"}]`)
	})
	it := c.List(context.Background(), ListRequest{Operation: "listUsers", Path: "/api/v1/users", Query: map[string][]string{"limit": {"2"}}, Pagination: schema.PaginationLink, Readahead: true})
	ids, err := collect(t, it)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, ",") != "0,1,2" || requests.Load() != 2 || it.Pages() != 2 {
		t.Errorf("ids %v over %d pages, %d requests; want 0,1,2 over 2 pages and requests", ids, it.Pages(), requests.Load())
	}
	if !early.Load() {
		t.Error("page 2 was requested only after page 1's body ended")
	}
}

// TestListReadaheadIsBounded checks that a caller that stops reading does
// not let the read run through the list: at most maxUnread pages are
// requested beyond the one being read, and the whole list still comes,
// each page requested once.
func TestListReadaheadIsBounded(t *testing.T) {
	var requests atomic.Int32
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		after, _ := strconv.Atoi(r.URL.Query().Get("after"))
		if after < 9 {
			w.Header().Add("Link", fmt.Sprintf(`</api/v1/users?after=%d&limit=1>; rel="next"`, after+1))
		}
		fmt.Fprintf(w, `[{"id":"%d"}]`, after)
	})
	it := c.List(context.Background(), ListRequest{Operation: "listUsers", Path: "/api/v1/users", Query: map[string][]string{"limit": {"1"}}, Pagination: schema.PaginationLink, Readahead: true})
	if !it.Next() {
		t.Fatal(it.Err())
	}
	time.Sleep(300 * time.Millisecond) // the caller dwells on page 1
	if n := requests.Load(); n > 1+maxUnread {
		t.Errorf("%d requests while the caller read page 1; want at most %d", n, 1+maxUnread)
	}
	ids, err := collect(t, it)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 9 || requests.Load() != 10 || it.Pages() != 10 {
		t.Errorf("%d more ids over %d pages, %d requests; want 9 more over 10 pages and requests", len(ids), it.Pages(), requests.Load())
	}
}

// TestSplitArray splits pages and refuses the bodies a dropped connection
// leaves: every such body is refetched.
func TestSplitArray(t *testing.T) {
	tests := []struct {
		body string
		n    int // elements; -1 when the body must be refused
	}{
		{`[]`, 0},
		{` [ {"a":1} , {"b":[1,{"c":"]"}]} ] `, 2},
		{`[{"a":"\"]"},2,"x"]`, 3},
		{`[{"a":1},`, -1},
		{`[{"a":1}`, -1},
		{`[{"a":"x]`, -1},
		{`[{"a":[1,2]]`, -1},
		{`[{"a":1},]`, -1},
		{`[,{"a":1}]`, -1},
		{`[{"a":1}]]`, -1},
		{`{"a":1}`, -1},
		{``, -1},
	}
	for _, tt := range tests {
		items, ok := splitArray([]byte(tt.body))
		switch {
		case tt.n < 0 && ok:
			t.Errorf("splitArray(%s) accepted %d items", tt.body, len(items))
		case tt.n >= 0 && (!ok || len(items) != tt.n):
			t.Errorf("splitArray(%s) = %d items, %v; want %d", tt.body, len(items), ok, tt.n)
		}
	}
}

// FuzzSplitArray checks splitArray against encoding/json: a valid array
// splits into exactly its elements.
func FuzzSplitArray(f *testing.F) {
	f.Add(`[{"a":1},{"b":"]"}]`)
	f.Add(`[1, "x", [2, {"c": null}]]`)
	f.Add(`[{"a":1},`)
	f.Fuzz(func(t *testing.T, body string) {
		var want []json.RawMessage
		if json.Unmarshal([]byte(body), &want) != nil || want == nil {
			return // not an array (null unmarshals to nil)
		}
		got, ok := splitArray([]byte(body))
		if !ok || len(got) != len(want) {
			t.Fatalf("splitArray(%q) = %d items, %v; encoding/json finds %d", body, len(got), ok, len(want))
		}
		for i := range got {
			if !json.Valid(got[i]) {
				t.Fatalf("item %d of %q is %q", i, body, got[i])
			}
		}
	})
}

func TestClosingQuote(t *testing.T) {
	tests := []struct {
		data string
		i    int
		want int
	}{
		{`"abc"`, 1, 4},
		{`""`, 1, 1},
		{`"a\"b"`, 1, 5},
		{`"a\\"b"`, 1, 4},
		{`"a\\\"b"`, 1, 7},
		{`"\\\\"`, 1, 5},
		{`"abc`, 1, -1},
		{`"a\"`, 1, -1},
	}
	for _, tt := range tests {
		if got := closingQuote([]byte(tt.data), tt.i); got != tt.want {
			t.Errorf("closingQuote(%s, %d) = %d, want %d", tt.data, tt.i, got, tt.want)
		}
	}
}

// FuzzClosingQuote checks ClosingQuote against encoding/json: the end of
// a valid JSON string literal is its last byte.
func FuzzClosingQuote(f *testing.F) {
	f.Add("a\\\"b")
	f.Add("\\\\")
	f.Fuzz(func(t *testing.T, s string) {
		lit, err := json.Marshal(s)
		if err != nil {
			return
		}
		if got := closingQuote(lit, 1); got != len(lit)-1 {
			t.Fatalf("closingQuote(%s) = %d, want %d", lit, got, len(lit)-1)
		}
	})
}

// TestTimedOutPageShrinks serves a list that times out (500) on pages of
// more than max items, as Okta does on large pages: the page is asked
// again with half the limit, never below the endpoint's minimum.
func TestTimedOutPageShrinks(t *testing.T) {
	tests := []struct {
		name       string
		limit, min int
		max        int
		status     int
		wantLimits []string
		wantErr    bool
	}{
		{"halved until it answers", 1000, 0, 200, 500, []string{"1000", "500", "250", "125", "125"}, false},
		{"a gateway timeout too", 400, 0, 200, 504, []string{"400", "200", "200"}, false},
		{"not below the minimum", 40, 20, 10, 500, []string{"40", "20", "20", "20"}, true},
		{"a 503 is retried as it was", 400, 0, 200, 503, []string{"400", "400", "400", "400"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var limits []string
			c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
				limit := r.URL.Query().Get("limit")
				mu.Lock()
				limits = append(limits, limit)
				mu.Unlock()
				if n, _ := strconv.Atoi(limit); n > tt.max {
					w.WriteHeader(tt.status)
					fmt.Fprint(w, `{"errorCode":"E0000009","errorSummary":"Internal Server Error"}`)
					return
				}
				if r.URL.Query().Get("after") == "" {
					w.Header().Add("Link", fmt.Sprintf(`</api/v1/groups/g/users?after=1&limit=%s>; rel="next"`, limit))
				}
				fmt.Fprint(w, `[{"id":"1"}]`)
			})
			_, err := collect(t, c.List(context.Background(), ListRequest{Operation: "listGroupUsers", Path: "/api/v1/groups/g/users", Query: map[string][]string{"limit": {strconv.Itoa(tt.limit)}}, Pagination: schema.PaginationLink, MinLimit: tt.min}))
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error %v", err, tt.wantErr)
			}
			if strings.Join(limits, ",") != strings.Join(tt.wantLimits, ",") {
				t.Errorf("limits sent %v, want %v", limits, tt.wantLimits)
			}
		})
	}
}
