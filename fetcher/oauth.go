package fetcher

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// OAuth configures OAuth 2.0 for an Okta service app: client credentials
// with a private_key_jwt client assertion, and DPoP when the app requires
// it (or when the org asks for it, which is detected).
//
// Scopes, when set, are requested as they are: a call needing another
// scope is refused by Okta (403), and the error names the scope. When
// Scopes is empty, the scopes follow the calls: the first token asks for
// DefaultScopes and the scopes of the call that needs it; a call needing a
// scope the token lacks gets a new token with the scopes held plus its
// own. Okta refuses a token request (invalid_scope) when one scope is not
// granted to the app, so a refused request is made again with only the
// scopes of the call at hand: a scope the app lacks fails the calls that
// need it, never the others.
type OAuth struct {
	ClientID   string
	Scopes     []string
	PrivateKey crypto.Signer // *rsa.PrivateKey or *ecdsa.PrivateKey
	KeyID      string
	DPoP       bool
}

// DefaultScopes are asked for with the first token when no scopes are
// configured: the reads of the common tables.
var DefaultScopes = []string{"okta.users.read", "okta.groups.read", "okta.apps.read", "okta.logs.read"}

// WithOAuth authenticates as an OAuth service app.
func WithOAuth(o OAuth) Option {
	return func(c *Client) { c.oauth = &oauthState{cfg: o} }
}

// oauthState is the access token in use and the DPoP key.
type oauthState struct {
	cfg OAuth

	mu      sync.Mutex
	token   string
	kind    string   // Bearer or DPoP
	scopes  []string // of the token (or of the last one, once it expired)
	expires time.Time
	dpopKey *ecdsa.PrivateKey
	nonce   string
}

// ErrOAuth is the cause of every failure to get an access token.
var ErrOAuth = errors.New("okta: OAuth token request failed")

// authorize sets the Authorization header (and a DPoP proof) of a request
// to fullURL, getting or renewing the access token as needed; scopes are
// the OAuth scopes the request needs.
func (c *Client) authorize(ctx context.Context, h http.Header, method, fullURL string, scopes []string) error {
	if c.oauth == nil {
		if c.token != "" {
			h.Set("Authorization", "SSWS "+c.token)
		}
		return nil
	}
	tok, kind, err := c.oauth.accessToken(ctx, c, scopes)
	if err != nil {
		return err
	}
	h.Set("Authorization", kind+" "+tok)
	if kind == "DPoP" {
		proof, err := c.oauth.proof(method, fullURL, tok, "")
		if err != nil {
			return err
		}
		h.Set("DPoP", proof)
	}
	return nil
}

// expire forgets the access token after the API refused it.
func (s *oauthState) expire() {
	s.mu.Lock()
	s.token = ""
	s.mu.Unlock()
}

// accessToken returns a cached token valid for another minute that has
// the scopes need, or a new one (see OAuth for the scopes asked for).
func (s *oauthState) accessToken(ctx context.Context, c *Client, need []string) (string, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	adaptive := len(s.cfg.Scopes) == 0
	if s.token != "" && time.Until(s.expires) > time.Minute && (!adaptive || missing(s.scopes, need) == nil) {
		return s.token, s.kind, nil
	}
	want := s.cfg.Scopes
	if adaptive {
		want = s.scopes
		if want == nil {
			want = DefaultScopes
		}
		want = union(want, need)
	}
	err := s.requestToken(ctx, c, want)
	var refused *scopeError
	if adaptive && errors.As(err, &refused) && len(need) > 0 && len(missing(need, want)) > 0 {
		err = s.requestToken(ctx, c, need)
	}
	if err != nil {
		return "", "", err
	}
	return s.token, s.kind, nil
}

// scopeError is a token request refused for its scopes (invalid_scope):
// one of them is not granted to the app.
type scopeError struct{ scopes []string }

func (e *scopeError) Error() string {
	return fmt.Sprintf("%v: Okta refused the scopes %s (invalid_scope): the app is not granted one of them; grant it in Okta, or configure the scopes the app has", ErrOAuth, strings.Join(e.scopes, " "))
}

// Unwrap makes errors.Is(err, ErrOAuth) true.
func (e *scopeError) Unwrap() error { return ErrOAuth }

// requestToken gets a token for scopes at the token endpoint: it answers
// a DPoP challenge, and retries a 429 after the reset and a 5xx or a
// transport error with backoff, as the Okta SDKs do.
func (s *oauthState) requestToken(ctx context.Context, c *Client, scopes []string) error {
	tokenURL := c.orgURL.String() + "/oauth2/v1/token"
	challenges, retries := 0, 0
	for {
		resp, body, err := s.postToken(ctx, c, tokenURL, scopes)
		if err != nil {
			if ctx.Err() == nil && retries < c.maxRetries {
				backoff(ctx, retries)
				retries++
				continue
			}
			return err
		}
		var tr struct {
			AccessToken string `json:"access_token"`
			TokenType   string `json:"token_type"`
			ExpiresIn   int    `json:"expires_in"`
			Error       string `json:"error"`
			Description string `json:"error_description"`
		}
		json.Unmarshal(body, &tr)
		switch {
		case resp.StatusCode == http.StatusBadRequest && tr.Error == "use_dpop_nonce" && s.nonce != resp.Header.Get("DPoP-Nonce") && challenges < 2:
			s.cfg.DPoP = true
			s.nonce = resp.Header.Get("DPoP-Nonce")
			challenges++
			continue
		case resp.StatusCode == http.StatusBadRequest && tr.Error == "invalid_dpop_proof" && !s.cfg.DPoP:
			s.cfg.DPoP = true // the app requires DPoP
			challenges++
			continue
		case resp.StatusCode == http.StatusBadRequest && tr.Error == "use_dpop_nonce":
			return fmt.Errorf("%w: the DPoP nonce was refused", ErrOAuth)
		case resp.StatusCode == http.StatusBadRequest && tr.Error == "invalid_scope":
			return &scopeError{scopes: scopes}
		case (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500) && retries < c.maxRetries:
			if resp.StatusCode == http.StatusTooManyRequests {
				wait(ctx, resetDelay(resp.Header))
			} else {
				backoff(ctx, retries)
			}
			if ctx.Err() != nil {
				return fmt.Errorf("%w: %v", ErrOAuth, ctx.Err())
			}
			retries++
			continue
		}
		if resp.StatusCode != http.StatusOK || tr.AccessToken == "" {
			return fmt.Errorf("%w: %d %s %s", ErrOAuth, resp.StatusCode, tr.Error, tr.Description)
		}
		s.token, s.kind, s.scopes = tr.AccessToken, "Bearer", scopes
		if strings.EqualFold(tr.TokenType, "DPoP") {
			s.kind = "DPoP"
		}
		s.expires = time.Now().Add(time.Duration(tr.ExpiresIn) * time.Second)
		return nil
	}
}

// postToken makes one token request for scopes with a new client
// assertion (and DPoP proof), and reads the answer.
func (s *oauthState) postToken(ctx context.Context, c *Client, tokenURL string, scopes []string) (*http.Response, []byte, error) {
	assertion, err := s.assertion(tokenURL)
	if err != nil {
		return nil, nil, err
	}
	form := url.Values{
		"grant_type":            {"client_credentials"},
		"scope":                 {strings.Join(scopes, " ")},
		"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
		"client_assertion":      {assertion},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrOAuth, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if s.cfg.DPoP {
		proof, err := s.proof(http.MethodPost, tokenURL, "", s.nonce)
		if err != nil {
			return nil, nil, err
		}
		req.Header.Set("DPoP", proof)
	}
	resp, err := c.http.GetClient().Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrOAuth, scrub(err, assertion))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrOAuth, err)
	}
	return resp, body, nil
}

// missing returns the scopes of need that held lacks.
func missing(held, need []string) []string {
	var out []string
	for _, n := range need {
		if !slices.Contains(held, n) {
			out = append(out, n)
		}
	}
	return out
}

// union is a followed by the scopes of b it lacks.
func union(a, b []string) []string {
	return append(slices.Clip(a), missing(a, b)...)
}

// missingScopes returns the scopes of need the access token in use lacks,
// for the error of a 403.
func (s *oauthState) missingScopes(need []string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return missing(s.scopes, need)
}

// scrub removes a secret from an error's text.
func scrub(err error, secret string) error {
	if secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), secret, "[redacted]"))
}

// assertion signs the private_key_jwt client assertion.
func (s *oauthState) assertion(tokenURL string) (string, error) {
	now := time.Now()
	// aud is a string, as in Okta's examples and SDKs (golang-jwt's
	// RegisteredClaims would write a one-element array).
	claims := jwt.MapClaims{
		"iss": s.cfg.ClientID,
		"sub": s.cfg.ClientID,
		"aud": tokenURL,
		"iat": now.Unix(),
		"exp": now.Add(5 * time.Minute).Unix(),
		"jti": randomID(),
	}
	method, err := signingMethod(s.cfg.PrivateKey)
	if err != nil {
		return "", err
	}
	t := jwt.NewWithClaims(method, claims)
	if s.cfg.KeyID != "" {
		t.Header["kid"] = s.cfg.KeyID
	}
	signed, err := t.SignedString(s.cfg.PrivateKey)
	if err != nil {
		return "", fmt.Errorf("%w: signing the client assertion: %v", ErrOAuth, err)
	}
	return signed, nil
}

// signingMethod is the JWS algorithm of a client assertion signed with
// key: RS256 for RSA, and for EC the one of its curve (ES256, ES384,
// ES512), which Okta all accepts.
func signingMethod(key crypto.Signer) (jwt.SigningMethod, error) {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		return jwt.SigningMethodRS256, nil
	case *ecdsa.PrivateKey:
		switch k.Curve {
		case elliptic.P256():
			return jwt.SigningMethodES256, nil
		case elliptic.P384():
			return jwt.SigningMethodES384, nil
		case elliptic.P521():
			return jwt.SigningMethodES512, nil
		}
		return nil, fmt.Errorf("%w: the EC key's curve %s is not P-256, P-384 or P-521", ErrOAuth, k.Curve.Params().Name)
	}
	return nil, fmt.Errorf("%w: the private key must be RSA or EC", ErrOAuth)
}

// proof builds a DPoP proof (RFC 9449) for method and the URL without its
// query; ath binds it to an access token, nonce answers a challenge.
func (s *oauthState) proof(method, fullURL, accessToken, nonce string) (string, error) {
	if s.dpopKey == nil {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return "", fmt.Errorf("%w: DPoP key: %v", ErrOAuth, err)
		}
		s.dpopKey = k
	}
	u, err := url.Parse(fullURL)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrOAuth, err)
	}
	u.RawQuery, u.Fragment = "", ""
	claims := jwt.MapClaims{"htm": method, "htu": u.String(), "iat": time.Now().Unix(), "jti": randomID()}
	if accessToken != "" {
		sum := sha256.Sum256([]byte(accessToken))
		claims["ath"] = base64.RawURLEncoding.EncodeToString(sum[:])
	}
	if nonce != "" {
		claims["nonce"] = nonce
	}
	jwk, err := ecJWK(&s.dpopKey.PublicKey)
	if err != nil {
		return "", err
	}
	t := jwt.NewWithClaims(jwt.SigningMethodES256, claims)
	t.Header["typ"] = "dpop+jwt"
	t.Header["jwk"] = jwk
	return t.SignedString(s.dpopKey)
}

// ecJWK is the public JWK of a P-256 key.
func ecJWK(k *ecdsa.PublicKey) (map[string]string, error) {
	b, err := k.Bytes() // 0x04 || X || Y
	if err != nil || len(b) != 65 {
		return nil, fmt.Errorf("%w: DPoP key: %v", ErrOAuth, err)
	}
	enc := base64.RawURLEncoding.EncodeToString
	return map[string]string{"kty": "EC", "crv": "P-256", "x": enc(b[1:33]), "y": enc(b[33:])}, nil
}

func randomID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// ParsePrivateKey reads an RSA or EC private key in PEM (PKCS #1, PKCS #8
// or SEC 1).
func ParsePrivateKey(pemData []byte) (crypto.Signer, error) {
	block, _ := pem.Decode(pemData)
	if block == nil {
		return nil, errors.New("okta: the private key is not PEM")
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	if k, err := x509.ParseECPrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, errors.New("okta: the private key is neither RSA nor EC in PKCS #1, PKCS #8 or SEC 1")
	}
	signer, ok := k.(crypto.Signer)
	if !ok {
		return nil, errors.New("okta: unsupported private key type")
	}
	return signer, nil
}
