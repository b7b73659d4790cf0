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
	"encoding/pem"
	"errors"
	"net/http"
	"strings"
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
	tests := []struct {
		name string
		key  crypto.Signer
		dpop bool
	}{
		{"RSA bearer", rsaKey, false},
		{"EC with DPoP and a nonce challenge", ecKey, true},
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
