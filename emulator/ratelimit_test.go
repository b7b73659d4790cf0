package emulator

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestBucketOf(t *testing.T) {
	for _, tc := range []struct{ method, path, want string }{
		{"GET", "/api/v1/users", "GET,POST /api/v1/users"},
		{"GET", "/api/v1/users/00u1", "GET /api/v1/users/{idOrLogin}"},
		{"DELETE", "/api/v1/users/00u1", "POST,PUT,DELETE /api/v1/users/{id}"},
		{"GET", "/api/v1/users/00u1/groups", "/api/v1*"},
		{"GET", "/api/v1/apps/0oa1/users", "/api/v1/apps*"},
		{"GET", "/api/v1/apps/0oa1", "/api/v1/apps/{id}"},
		{"GET", "/api/v1/groups", "/api/v1/groups"},
		{"GET", "/api/v1/logs", "/api/v1/logs"},
		{"GET", "/oauth2/v1/keys", "/api/v1*"},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			if got := bucketOf(tc.method, tc.path); got != tc.want {
				t.Fatalf("bucketOf = %q, want %q", got, tc.want)
			}
			if _, ok := Buckets[tc.want]; !ok {
				t.Fatalf("bucket %q has no default limit", tc.want)
			}
		})
	}
}

func TestRateLimits(t *testing.T) {
	for _, tc := range []struct {
		name      string
		enabled   bool
		status    []int
		remaining []string
	}{
		{"enabled", true, []int{200, 200, 429}, []string{"1", "0", "0"}},
		{"disabled sends headers only", false, []int{200, 200, 200}, []string{"1", "0", "0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, err := Start(Config{Users: 5, Token: "tok", Now: testNow, RateLimits: RateLimitConfig{
				Enabled: tc.enabled, PerMinute: map[string]int{"GET,POST /api/v1/users": 2},
			}})
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			for i := range tc.status {
				resp, _ := get(t, srv.URL+"/api/v1/users", "SSWS tok")
				h := resp.Header
				if resp.StatusCode != tc.status[i] || h.Get("X-Rate-Limit-Limit") != "2" ||
					h.Get("X-Rate-Limit-Remaining") != tc.remaining[i] || h.Get("X-Rate-Limit-Reset") == "" || h.Get("Date") == "" {
					t.Fatalf("request %d: status %d, headers %v", i+1, resp.StatusCode, h)
				}
			}
		})
	}
}

func TestConcurrencyLimit(t *testing.T) {
	l := newLimiter(RateLimitConfig{Enabled: true, Concurrency: 1})
	req, _ := http.NewRequest(http.MethodGet, "http://emu/api/v1/users", nil)
	first := httptest.NewRecorder()
	if !l.acquire(first, req, testNow) {
		t.Fatal("first request refused")
	}
	second := httptest.NewRecorder()
	if l.acquire(second, req, testNow) || second.Code != 429 || second.Header().Get("X-Rate-Limit-Limit") != "0" {
		t.Fatalf("second request in flight: code %d, headers %v", second.Code, second.Header())
	}
	l.release()
	if !l.acquire(httptest.NewRecorder(), req, testNow) {
		t.Fatal("request after release refused")
	}
}
