package emulator

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// OAuthConfig registers an OAuth service app: its client id and public
// key (for private_key_jwt assertions), whether its tokens are DPoP-bound,
// how long they live (default 1 hour), and the scopes granted to it.
type OAuthConfig struct {
	ClientID    string
	PublicKey   crypto.PublicKey
	RequireDPoP bool
	TokenTTL    time.Duration
	// Scopes are the scopes granted to the app; nil grants every scope.
	// A token request for a scope not granted is refused (400
	// invalid_scope), and a call whose operation needs a scope (the
	// spec's security) that its token lacks is refused (403).
	Scopes []string
}

// oauthServer issues and checks access tokens.
type oauthServer struct {
	cfg OAuthConfig

	mu     sync.Mutex
	tokens map[string]issued // by access token
	jtis   map[string]bool
	nonce  string
	issued int
}

// issued is an access token's expiry and scopes.
type issued struct {
	expires time.Time
	scopes  []string
}

func newOAuthServer(cfg OAuthConfig) *oauthServer {
	if cfg.TokenTTL == 0 {
		cfg.TokenTTL = time.Hour
	}
	return &oauthServer{cfg: cfg, tokens: map[string]issued{}, jtis: map[string]bool{}, nonce: "emulator-nonce-1"}
}

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": desc})
}

// token answers POST /oauth2/v1/token: client_credentials with a
// private_key_jwt assertion, and a DPoP nonce challenge for DPoP apps.
func (s *oauthServer) token(w http.ResponseWriter, r *http.Request, tokenURL string) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" {
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "client_credentials is the only grant")
		return
	}
	claims := jwt.RegisteredClaims{}
	_, err := jwt.ParseWithClaims(r.PostForm.Get("client_assertion"), &claims, func(*jwt.Token) (any, error) { return s.cfg.PublicKey, nil },
		jwt.WithAudience(tokenURL), jwt.WithIssuer(s.cfg.ClientID), jwt.WithSubject(s.cfg.ClientID), jwt.WithExpirationRequired())
	if err != nil {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "The client_assertion is invalid: "+err.Error())
		return
	}
	scopes := strings.Fields(r.PostForm.Get("scope"))
	for _, sc := range scopes {
		if s.cfg.Scopes != nil && !slices.Contains(s.cfg.Scopes, sc) {
			oauthError(w, http.StatusBadRequest, "invalid_scope", "One or more scopes are not configured for the authorization server resource.")
			return
		}
	}
	kind := "Bearer"
	if s.cfg.RequireDPoP {
		proof := r.Header.Get("DPoP")
		if proof == "" {
			oauthError(w, http.StatusBadRequest, "invalid_dpop_proof", "DPoP proof required")
			return
		}
		pc, err := s.checkProof(proof, http.MethodPost, tokenURL, "")
		if err != nil {
			oauthError(w, http.StatusBadRequest, "invalid_dpop_proof", err.Error())
			return
		}
		if pc["nonce"] != s.nonce {
			w.Header().Set("DPoP-Nonce", s.nonce)
			oauthError(w, http.StatusBadRequest, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.")
			return
		}
		kind = "DPoP"
	}
	s.mu.Lock()
	s.issued++
	at := "emu-at-" + strconv.Itoa(s.issued) + "-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	s.tokens[at] = issued{expires: time.Now().Add(s.cfg.TokenTTL), scopes: scopes}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"access_token": at, "token_type": kind, "expires_in": int(s.cfg.TokenTTL / time.Second), "scope": r.PostForm.Get("scope")})
}

// authenticate checks a resource call's Bearer or DPoP token and proof,
// and returns the token's scopes.
func (s *oauthServer) authenticate(r *http.Request, fullURL string) ([]string, error) {
	kind, at, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	s.mu.Lock()
	tok, ok := s.tokens[at]
	s.mu.Unlock()
	if !ok || time.Now().After(tok.expires) {
		return nil, fmt.Errorf("the access token is invalid or expired")
	}
	if !s.cfg.RequireDPoP {
		if kind != "Bearer" {
			return nil, fmt.Errorf("want a Bearer token")
		}
		return tok.scopes, nil
	}
	if kind != "DPoP" {
		return nil, fmt.Errorf("the token is DPoP-bound")
	}
	u := strings.SplitN(fullURL, "?", 2)[0]
	if _, err := s.checkProof(r.Header.Get("DPoP"), r.Method, u, at); err != nil {
		return nil, err
	}
	return tok.scopes, nil
}

// lacking returns the scopes the operation at parts needs (the spec's)
// that granted lacks.
func (o *Org) lacking(method string, parts, granted []string) []string {
	var out []string
	for _, rt := range o.genericRoutes() {
		if rt.match(method, parts) {
			for _, sc := range rt.op.Scopes {
				if !slices.Contains(granted, sc) {
					out = append(out, sc)
				}
			}
			return out
		}
	}
	return nil
}

// expireAll makes every issued token expire (for tests of renewal).
func (s *oauthServer) expireAll() {
	s.mu.Lock()
	for at, tok := range s.tokens {
		tok.expires = time.Now().Add(-time.Second)
		s.tokens[at] = tok
	}
	s.mu.Unlock()
}

// checkProof verifies a DPoP proof: signed by its jwk, typ dpop+jwt, the
// method and URL, a fresh jti, and ath when bound to a token.
func (s *oauthServer) checkProof(proof, method, htu, accessToken string) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	tok, err := jwt.ParseWithClaims(proof, claims, func(t *jwt.Token) (any, error) {
		if t.Header["typ"] != "dpop+jwt" {
			return nil, fmt.Errorf("typ must be dpop+jwt")
		}
		return jwkKey(t.Header["jwk"])
	})
	if err != nil || !tok.Valid {
		return nil, fmt.Errorf("invalid DPoP proof: %v", err)
	}
	if claims["htm"] != method || claims["htu"] != htu {
		return nil, fmt.Errorf("DPoP proof is for %v %v, not %s %s", claims["htm"], claims["htu"], method, htu)
	}
	jti, _ := claims["jti"].(string)
	s.mu.Lock()
	seen := s.jtis[jti]
	s.jtis[jti] = true
	s.mu.Unlock()
	if jti == "" || seen {
		return nil, fmt.Errorf("DPoP proof jti is missing or reused")
	}
	if accessToken != "" {
		sum := sha256.Sum256([]byte(accessToken))
		if claims["ath"] != base64.RawURLEncoding.EncodeToString(sum[:]) {
			return nil, fmt.Errorf("DPoP proof ath does not match the token")
		}
	}
	return claims, nil
}

// jwkKey reads a P-256 public JWK.
func jwkKey(v any) (*ecdsa.PublicKey, error) {
	m, ok := v.(map[string]any)
	if !ok || m["kty"] != "EC" || m["crv"] != "P-256" {
		return nil, fmt.Errorf("jwk must be an EC P-256 key")
	}
	coord := func(name string) ([]byte, error) {
		s, _ := m[name].(string)
		b, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil || len(b) != 32 {
			return nil, fmt.Errorf("jwk %s must be 32 bytes", name)
		}
		return b, nil
	}
	x, err := coord("x")
	if err != nil {
		return nil, err
	}
	y, err := coord("y")
	if err != nil {
		return nil, err
	}
	return ecdsa.ParseUncompressedPublicKey(elliptic.P256(), append(append([]byte{4}, x...), y...))
}
