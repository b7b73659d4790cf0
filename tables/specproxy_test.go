package tables_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/oktasql/oktasql/internal/spectest"
)

// specServer is the server URL the spec's routes are matched under; the
// proxy rewrites each request onto it before validating.
const specServer = "https://example.okta.com"

var (
	specOnce   sync.Once
	specDoc    *openapi3.T
	specRoutes routers.Router
	specErr    error
)

// oktaSpec loads Okta's OpenAPI document from ../shared, as the emulator's
// conformance test does, and routes requests by it.
func oktaSpec(t testing.TB) routers.Router {
	t.Helper()
	path := spectest.Path(t, "management-openapi.yaml")
	specOnce.Do(func() {
		loader := openapi3.NewLoader()
		loader.IsExternalRefsAllowed = false
		doc, err := loader.LoadFromFile(path)
		if err != nil {
			specErr = err
			return
		}
		doc.Servers = openapi3.Servers{{URL: specServer}}
		specDoc = doc
		specRoutes, specErr = gorillamux.NewRouter(doc)
	})
	if specErr != nil {
		t.Fatalf("loading the spec: %v", specErr)
	}
	return specRoutes
}

// validatingProxy forwards to target and checks every request oktasql
// sends with the OpenAPI validator the emulator's conformance test uses:
// path, query parameters and request body against the spec's request
// schema. A request that does not validate fails t; it is still
// forwarded, so the script goes on. It returns the proxy's URL.
func validatingProxy(t testing.TB, target string) string {
	return checkingProxy(t, target, func(msg string) { t.Error(msg) })
}

// checkingProxy is validatingProxy reporting each request that does not
// validate to invalid instead of failing t.
func checkingProxy(t testing.TB, target string, invalid func(msg string)) string {
	router := oktaSpec(t)
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	forward := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			invalid(fmt.Sprintf("%s %s: reading the body: %v", r.Method, r.URL, err))
		}
		if err := validateRequest(router, r, body); err != nil {
			invalid(fmt.Sprintf("%s %s %s: does not validate against the spec: %v", r.Method, r.URL, body, err))
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func validateRequest(router routers.Router, r *http.Request, body []byte) error {
	req, err := http.NewRequest(r.Method, specServer+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header = r.Header.Clone()
	route, params, err := router.FindRoute(req)
	if err != nil {
		return err
	}
	return openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: route,
		// SkipSettingDefaults: filling in defaults would put the spec's
		// own mistakes in the body (Policy.priority's default is a string).
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true, SkipSettingDefaults: true},
	})
}

// TestValidateRequest checks the validator itself: a body the spec
// allows passes, one it does not (a read-only id, a profile that is not an
// object) fails.
func TestValidateRequest(t *testing.T) {
	router := oktaSpec(t)
	for _, tt := range []struct {
		method, path, body string
		ok                 bool
	}{
		{"POST", "/api/v1/groups", `{"profile": {"name": "a"}}`, true},
		{"POST", "/api/v1/groups", `{"profile": 5}`, false},
		{"PUT", "/api/v1/zones/nzo1", `{"type": "IP", "name": "z", "id": "nzo1"}`, false},
		{"POST", "/api/v1/users/00u1/lifecycle/suspend", ``, true},
	} {
		r, err := http.NewRequest(tt.method, "http://localhost"+tt.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tt.body != "" {
			r.Header.Set("Content-Type", "application/json")
		}
		if err := validateRequest(router, r, []byte(tt.body)); (err == nil) != tt.ok {
			t.Errorf("%s %s %s: error %v, want ok=%v", tt.method, tt.path, tt.body, err, tt.ok)
		}
	}
}
