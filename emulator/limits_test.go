package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

func TestBucketOf(t *testing.T) {
	tests := []struct {
		method, path, want string
	}{
		{"GET", "/api/v1/users", "GET, POST /api/v1/users"},
		{"POST", "/api/v1/users", "GET, POST /api/v1/users"},
		{"GET", "/api/v1/users/00u1", "GET /api/v1/users/{idOrLogin}"},
		{"GET", "/api/v1/users/ada@example.com", "GET /api/v1/users/{idOrLogin}"},
		{"DELETE", "/api/v1/users/00u1", "POST, PUT, DELETE /api/v1/users/{id}"},
		{"PATCH", "/api/v1/users/00u1", "/api/v1"},
		{"GET", "/api/v1/users/00u1/factors", "/api/v1"},
		{"POST", "/api/v1/users/00u1/lifecycle/activate", "/api/v1"},
		{"GET", "/api/v1/apps", "/api/v1/apps*"},
		{"GET", "/api/v1/apps/0oa1", "/api/v1/apps/{id}"},
		{"PUT", "/api/v1/apps/0oa1", "/api/v1/apps/{id}"},
		{"GET", "/api/v1/apps/0oa1/users", "/api/v1/apps*"},
		{"GET", "/api/v1/groups", "/api/v1/groups*"},
		{"GET", "/api/v1/groups/00g1", "/api/v1/groups/{id}"},
		{"GET", "/api/v1/groups/00g1/users", "/api/v1/groups*"},
		{"GET", "/api/v1/groups/rules", "/api/v1/groups*"},
		{"GET", "/api/v1/logs", "/api/v1/logs"},
		{"GET", "/api/v1/devices/guo1/users", "/api/v1/devices"},
		{"GET", "/api/v1/policies", "/api/v1"},
		{"GET", "/oauth2/v1/clients/abc", "/oauth2/v1/clients"},
		{"POST", "/oauth2/v1/token", "/api/v1"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			if got := BucketOf(tt.method, tt.path).Name; got != tt.want {
				t.Errorf("bucket %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRateLimitConfigCheck(t *testing.T) {
	tests := []struct {
		name    string
		cfg     RateLimitConfig
		wantErr bool
		want    RateLimitConfig
	}{
		{"defaults", RateLimitConfig{}, false, RateLimitConfig{Tier: TierWorkforce, Concurrency: 75, TokenShare: 0.5, Window: time.Minute}},
		{"integrator free", RateLimitConfig{Tier: TierIntegratorFree}, false, RateLimitConfig{Tier: TierIntegratorFree, Concurrency: 35, TokenShare: 0.5, Window: time.Minute}},
		{"unknown tier", RateLimitConfig{Tier: "gold"}, true, RateLimitConfig{}},
		{"window under a second", RateLimitConfig{Window: 500 * time.Millisecond}, true, RateLimitConfig{}},
		{"unknown bucket", RateLimitConfig{PerMinute: map[string]int{"/api/v1/users": 5}}, true, RateLimitConfig{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.cfg.check()
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v", err, tt.wantErr)
			}
			if err == nil && (got.Tier != tt.want.Tier || got.Concurrency != tt.want.Concurrency || got.TokenShare != tt.want.TokenShare || got.Window != tt.want.Window) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// limitedOrg serves an org with rate limits on.
func limitedOrg(t *testing.T, limits RateLimitConfig, latency time.Duration) (*Org, *httptest.Server) {
	t.Helper()
	limits.Enabled = true
	org, err := New(Config{Users: 30, Seed: 3, Token: "tok", Now: testNow, RateLimits: limits, Latency: latency}, "")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(org)
	t.Cleanup(srv.Close)
	return org, srv
}

// answer is a response's status, rate-limit headers and error code.
type answer struct {
	status                  int
	limit, remaining, reset int64
	date                    time.Time
	code                    string
}

func call(t *testing.T, srv *httptest.Server, token, path string) answer {
	t.Helper()
	req, _ := http.NewRequest("GET", srv.URL+path, nil)
	req.Header.Set("Authorization", "SSWS "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode}
	num := func(h string) int64 {
		n, err := strconv.ParseInt(resp.Header.Get(h), 10, 64)
		if err != nil {
			t.Fatalf("%s: header %s = %q", path, h, resp.Header.Get(h))
		}
		return n
	}
	a.limit, a.remaining, a.reset = num("X-Rate-Limit-Limit"), num("X-Rate-Limit-Remaining"), num("X-Rate-Limit-Reset")
	a.date, err = http.ParseTime(resp.Header.Get("Date"))
	if err != nil {
		t.Fatalf("%s: Date %q", path, resp.Header.Get("Date"))
	}
	if resp.StatusCode >= 400 {
		var e struct{ ErrorCode string }
		json.Unmarshal(b, &e)
		a.code = e.ErrorCode
	}
	return a
}

// TestBucketLimit: a bucket admits its limit in a window, counting down
// X-Rate-Limit-Remaining, then answers 429 E0000047 with Remaining 0 and
// the window's reset, until the window ends; other buckets are not
// affected.
func TestBucketLimit(t *testing.T) {
	org, srv := limitedOrg(t, RateLimitConfig{PerMinute: map[string]int{"GET, POST /api/v1/users": 3}, TokenShare: 1}, 0)
	var reset int64
	for i := 0; i < 3; i++ {
		a := call(t, srv, "tok", "/api/v1/users?limit=1")
		if a.status != 200 || a.limit != 3 || a.remaining != int64(2-i) {
			t.Fatalf("request %d: %+v, want 200 with limit 3 and remaining %d", i+1, a, 2-i)
		}
		if i > 0 && a.reset != reset {
			t.Errorf("request %d: reset %d, want the window's %d", i+1, a.reset, reset)
		}
		reset = a.reset
		if a.reset <= a.date.Unix() {
			t.Errorf("request %d: reset %d is not after the Date %d", i+1, a.reset, a.date.Unix())
		}
	}
	a := call(t, srv, "tok", "/api/v1/users?limit=1")
	if a.status != 429 || a.code != "E0000047" || a.limit != 3 || a.remaining != 0 || a.reset != reset {
		t.Errorf("over the limit: %+v, want 429 E0000047, limit 3, remaining 0, reset %d", a, reset)
	}
	if a := call(t, srv, "tok", "/api/v1/groups?limit=1"); a.status != 200 || a.limit != 500 {
		t.Errorf("another bucket: %+v, want 200 under the workforce limit 500", a)
	}
	// The window ends (moved into the past rather than waited for).
	org.limits.mu.Lock()
	org.limits.windows["GET, POST /api/v1/users"].start = time.Now().Add(-time.Minute)
	org.limits.mu.Unlock()
	if a := call(t, srv, "tok", "/api/v1/users?limit=1"); a.status != 200 || a.remaining != 2 || a.reset < reset {
		t.Errorf("in the next window: %+v, want 200 with remaining 2 and a reset a minute away", a)
	}
}

// TestTokenShare: one token gets its share of a bucket (429 with its
// ceiling as the limit); another credential is still admitted.
func TestTokenShare(t *testing.T) {
	_, srv := limitedOrg(t, RateLimitConfig{PerMinute: map[string]int{"GET, POST /api/v1/users": 4}}, 0)
	for i := 0; i < 2; i++ {
		if a := call(t, srv, "tok", "/api/v1/users?limit=1"); a.status != 200 || a.limit != 4 || a.remaining != int64(3-i) {
			t.Fatalf("request %d: %+v, want 200 with the bucket's limit 4 and remaining %d", i+1, a, 3-i)
		}
	}
	if a := call(t, srv, "tok", "/api/v1/users?limit=1"); a.status != 429 || a.code != "E0000047" || a.limit != 2 || a.remaining != 0 {
		t.Errorf("over the token's share: %+v, want 429 E0000047 with limit 2 (half of 4) and remaining 0", a)
	}
	// Another token is admitted (and then refused: the org knows one).
	if a := call(t, srv, "other", "/api/v1/users?limit=1"); a.status == 429 || a.remaining != 1 {
		t.Errorf("another credential: %+v, want admitted, remaining 1", a)
	}
}

// TestConcurrencyLimit: a request over the org's cap on requests in flight
// gets the concurrency 429: E0000047 with Limit and Remaining 0.
func TestConcurrencyLimit(t *testing.T) {
	org, srv := limitedOrg(t, RateLimitConfig{Concurrency: 2}, 2*time.Second)
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			call(t, srv, "tok", "/api/v1/groups?limit=1")
		}()
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		org.limits.mu.Lock()
		n := org.limits.inFlight
		org.limits.mu.Unlock()
		if n == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d requests in flight, want 2", n)
		}
	}
	a := call(t, srv, "tok", "/api/v1/users?limit=1")
	if a.status != 429 || a.code != "E0000047" || a.limit != 0 || a.remaining != 0 || a.reset < a.date.Unix() {
		t.Errorf("a third request in flight: %+v, want 429 E0000047 with limit and remaining 0 and a reset", a)
	}
	wg.Wait()
	if a := call(t, srv, "tok", "/api/v1/users?limit=1"); a.status != 200 {
		t.Errorf("once they ended: %+v, want 200", a)
	}
}

// TestRateLimitsOff: with limits off every answer still carries the
// headers, its bucket's limit as what remains.
func TestRateLimitsOff(t *testing.T) {
	srv := testOrg(t)
	for i := 0; i < 3; i++ {
		if a := call(t, srv, "tok", "/api/v1/users/x/factors"); a.limit != 1200 || a.remaining != 1200 {
			t.Errorf("request %d: %+v, want limit and remaining 1200", i+1, a)
		}
	}
}
