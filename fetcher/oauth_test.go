package fetcher

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/schema"
)

var emuNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

func TestOAuthAgainstTheEmulator(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	p521, _ := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	tests := []struct {
		name string
		key  crypto.Signer
		dpop bool
	}{
		{"RSA bearer", rsaKey, false},
		{"EC with DPoP and a nonce challenge", ecKey, true},
		{"EC P-384 signs ES384", p384, false},
		{"EC P-521 signs ES512", p521, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			emu, err := emulator.Start(emulator.Config{Users: 450, Seed: 2, Now: emuNow, OAuth: &emulator.OAuthConfig{ClientID: "0oaservice", PublicKey: tt.key.Public(), RequireDPoP: tt.dpop}})
			if err != nil {
				t.Fatal(err)
			}
			defer emu.Close()
			c, err := New(emu.URL, WithOAuth(OAuth{ClientID: "0oaservice", Scopes: []string{"okta.users.read"}, PrivateKey: tt.key}))
			if err != nil {
				t.Fatal(err)
			}
			// Three pages: each next-page URL needs its own proof.
			ids, err := collect(t, c.List(context.Background(), ListRequest{Operation: "listUsers", Path: "/api/v1/users", Query: map[string][]string{"limit": {"200"}}, Pagination: schema.PaginationLink}))
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) < 401 {
				t.Errorf("read %d users, want all non-deprovisioned of 450", len(ids))
			}
			emu.Org.ExpireTokens()
			if _, err := c.Do(context.Background(), Request{Operation: "getUser", Method: http.MethodGet, Path: "/api/v1/users/" + ids[0]}); err != nil {
				t.Errorf("after the token expired: %v", err)
			}
			// A proof's htu is the URL as sent, escapes and all.
			if _, err := c.Do(context.Background(), Request{Operation: "getUser", Method: http.MethodGet, Path: "/api/v1/users/o%27nobody@example.com"}); !errors.Is(err, ErrNotFound) {
				t.Errorf("an escaped path: %v, want not found", err)
			}
		})
	}
}

func TestOAuthWrongKeyFails(t *testing.T) {
	good, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	bad, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	emu, err := emulator.Start(emulator.Config{Users: 10, Now: emuNow, OAuth: &emulator.OAuthConfig{ClientID: "0oaservice", PublicKey: good.Public()}})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	c, _ := New(emu.URL, WithOAuth(OAuth{ClientID: "0oaservice", PrivateKey: bad}))
	_, err = c.Do(context.Background(), Request{Operation: "listUsers", Method: http.MethodGet, Path: "/api/v1/users"})
	if !errors.Is(err, ErrOAuth) {
		t.Errorf("error = %v, want ErrOAuth", err)
	}
}

// TestNoSecretLeaks runs requests with a token, a private key and DPoP
// proofs through every log and error path and looks for them in the output.
func TestNoSecretLeaks(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalECPrivateKey(key)
	pemKey := string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}))
	emu, err := emulator.Start(emulator.Config{Users: 20, Token: "ssws-secret-0123456789", Now: emuNow, OAuth: &emulator.OAuthConfig{ClientID: "0oaservice", PublicKey: key.Public(), RequireDPoP: true}})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	var log bytes.Buffer
	var outputs []string
	cfg := Config{OrgURL: emu.URL, AuthorizationMode: "PrivateKey", ClientID: "0oaservice", PrivateKey: pemKey}
	opts, err := cfg.Options()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*Client{
		mustNew(t, emu.URL, append(opts, WithDebugLog(&log))...),
		mustNew(t, emu.URL, WithToken("ssws-secret-0123456789"), WithDebugLog(&log)),
		mustNew(t, emu.URL, WithToken("ssws-wrong-secret-987"), WithDebugLog(&log)),
	} {
		for _, path := range []string{"/api/v1/users?limit=2", "/api/v1/users/nope", "/api/v1/users?search=bad"} {
			_, err := c.Do(context.Background(), Request{Operation: "op", Method: http.MethodGet, Path: strings.Split(path, "?")[0]})
			if err != nil {
				outputs = append(outputs, err.Error())
			}
		}
	}
	outputs = append(outputs, log.String())
	all := strings.Join(outputs, "\n")
	if log.Len() == 0 {
		t.Fatal("the debug log is empty")
	}
	for _, secret := range []string{"ssws-secret-0123456789", "ssws-wrong-secret-987", "PRIVATE KEY", "emu-at-", "eyJ"} {
		if strings.Contains(all, secret) {
			t.Errorf("output contains %q:\n%s", secret, all)
		}
	}
}

func mustNew(t testing.TB, url string, opts ...Option) *Client {
	t.Helper()
	c, err := New(url, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestOAuthTokenEndpoint answers the token request with a 429 and a 503
// before a token: both are retried (the SDKs do), and every assertion
// has a string aud and the algorithm of its key's curve.
func TestOAuthTokenEndpoint(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	var mu sync.Mutex
	var assertions []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/oauth2/v1/token" {
			fmt.Fprint(w, `[]`)
			return
		}
		r.ParseForm()
		mu.Lock()
		assertions = append(assertions, r.PostForm.Get("client_assertion"))
		n := len(assertions)
		mu.Unlock()
		switch n {
		case 1:
			w.Header().Set("X-Rate-Limit-Reset", strconv.FormatInt(time.Now().Unix(), 10))
			w.WriteHeader(http.StatusTooManyRequests)
		case 2:
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			fmt.Fprint(w, `{"access_token":"at","token_type":"Bearer","expires_in":3600}`)
		}
	}))
	defer srv.Close()
	c := mustNew(t, srv.URL, WithOAuth(OAuth{ClientID: "0oaservice", Scopes: []string{"okta.users.read"}, PrivateKey: key}))
	if _, err := c.Do(context.Background(), Request{Operation: "listUsers", Method: http.MethodGet, Path: "/api/v1/users"}); err != nil {
		t.Fatal(err)
	}
	if len(assertions) != 3 {
		t.Fatalf("%d token requests, want 3", len(assertions))
	}
	for _, a := range assertions {
		parts := strings.Split(a, ".")
		if len(parts) != 3 {
			t.Fatalf("assertion %q is not a JWS", a)
		}
		header, _ := base64.RawURLEncoding.DecodeString(parts[0])
		payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
		var h struct{ Alg string }
		var claims struct{ Aud any }
		json.Unmarshal(header, &h)
		json.Unmarshal(payload, &claims)
		if h.Alg != "ES384" || claims.Aud != srv.URL+"/oauth2/v1/token" {
			t.Errorf("alg %s, aud %#v; want ES384 and the token URL as a string", h.Alg, claims.Aud)
		}
	}
}

// TestOAuthScopes runs calls needing scopes an app is and is not granted
// (the emulator refuses a token request for a scope not granted, and a
// call whose token lacks its operation's scope).
func TestOAuthScopes(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	emu, err := emulator.Start(emulator.Config{Users: 10, Now: emuNow, OAuth: &emulator.OAuthConfig{ClientID: "0oaservice", PublicKey: key.Public(),
		Scopes: []string{"okta.users.read", "okta.groups.read"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	list := func(c *Client, op, path, scope string) error {
		_, err := collect(t, c.List(context.Background(), ListRequest{Operation: op, Path: path, Pagination: schema.PaginationLink, Scopes: []string{scope}}))
		return err
	}

	t.Run("default scopes follow the calls", func(t *testing.T) {
		c := mustNew(t, emu.URL, WithOAuth(OAuth{ClientID: "0oaservice", PrivateKey: key}))
		if err := list(c, "listUsers", "/api/v1/users", "okta.users.read"); err != nil {
			t.Errorf("users, with okta.apps.read and okta.logs.read not granted: %v", err)
		}
		if err := list(c, "listGroups", "/api/v1/groups", "okta.groups.read"); err != nil {
			t.Errorf("groups: %v", err)
		}
		err := list(c, "listApplications", "/api/v1/apps", "okta.apps.read")
		if !errors.Is(err, ErrOAuth) || !strings.Contains(err.Error(), "okta.apps.read") {
			t.Errorf("apps, not granted: %v; want a token error naming okta.apps.read", err)
		}
		if err := list(c, "listUsers", "/api/v1/users", "okta.users.read"); err != nil {
			t.Errorf("users after the refused scope: %v", err)
		}
	})

	t.Run("a 403 names the scope the token lacks", func(t *testing.T) {
		c := mustNew(t, emu.URL, WithOAuth(OAuth{ClientID: "0oaservice", Scopes: []string{"okta.users.read"}, PrivateKey: key}))
		err := list(c, "listGroups", "/api/v1/groups", "okta.groups.read")
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Status != http.StatusForbidden || len(apiErr.MissingScopes) != 1 || apiErr.MissingScopes[0] != "okta.groups.read" ||
			!strings.Contains(err.Error(), "needs the OAuth scope okta.groups.read") {
			t.Errorf("error %v; want a 403 naming okta.groups.read", err)
		}
	})
}
