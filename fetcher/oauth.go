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
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// OAuth configures OAuth 2.0 for an Okta service app: client credentials
// with a private_key_jwt client assertion, and DPoP when the app requires
// it (or when the org asks for it, which is detected).
type OAuth struct {
	ClientID   string
	Scopes     []string
	PrivateKey crypto.Signer // *rsa.PrivateKey or *ecdsa.PrivateKey
	KeyID      string
	DPoP       bool
}

// WithOAuth authenticates as an OAuth service app.
func WithOAuth(o OAuth) Option {
	return func(c *Client) { c.oauth = &oauthState{cfg: o} }
}

// oauthState is the access token in use and the DPoP key.
type oauthState struct {
	cfg OAuth

	mu      sync.Mutex
	token   string
	kind    string // Bearer or DPoP
	expires time.Time
	dpopKey *ecdsa.PrivateKey
	nonce   string
}

// ErrOAuth is the cause of every failure to get an access token.
var ErrOAuth = errors.New("okta: OAuth token request failed")

// authorize sets the Authorization header (and a DPoP proof) of a request
// to fullURL, getting or renewing the access token as needed.
func (c *Client) authorize(ctx context.Context, h http.Header, method, fullURL string) error {
	if c.oauth == nil {
		if c.token != "" {
			h.Set("Authorization", "SSWS "+c.token)
		}
		return nil
	}
	tok, kind, err := c.oauth.accessToken(ctx, c)
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

// accessToken returns a cached token valid for another minute, or a new one.
func (s *oauthState) accessToken(ctx context.Context, c *Client) (string, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token != "" && time.Until(s.expires) > time.Minute {
		return s.token, s.kind, nil
	}
	tokenURL := c.orgURL.String() + "/oauth2/v1/token"
	for attempt := 0; attempt < 3; attempt++ {
		assertion, err := s.assertion(tokenURL)
		if err != nil {
			return "", "", err
		}
		form := url.Values{
			"grant_type":            {"client_credentials"},
			"scope":                 {strings.Join(s.cfg.Scopes, " ")},
			"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
			"client_assertion":      {assertion},
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, tokenURL, strings.NewReader(form.Encode()))
		if err != nil {
			return "", "", fmt.Errorf("%w: %v", ErrOAuth, err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "application/json")
		if s.cfg.DPoP {
			proof, err := s.proof(http.MethodPost, tokenURL, "", s.nonce)
			if err != nil {
				return "", "", err
			}
			req.Header.Set("DPoP", proof)
		}
		resp, err := c.http.GetClient().Do(req)
		if err != nil {
			return "", "", fmt.Errorf("%w: %v", ErrOAuth, scrub(err, assertion))
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		if err != nil {
			return "", "", fmt.Errorf("%w: %v", ErrOAuth, err)
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
		case resp.StatusCode == http.StatusBadRequest && tr.Error == "use_dpop_nonce" && s.nonce != resp.Header.Get("DPoP-Nonce"):
			s.cfg.DPoP = true
			s.nonce = resp.Header.Get("DPoP-Nonce")
			continue
		case resp.StatusCode == http.StatusBadRequest && tr.Error == "invalid_dpop_proof" && !s.cfg.DPoP:
			s.cfg.DPoP = true // the app requires DPoP
			continue
		}
		if resp.StatusCode != http.StatusOK || tr.AccessToken == "" {
			return "", "", fmt.Errorf("%w: %d %s %s", ErrOAuth, resp.StatusCode, tr.Error, tr.Description)
		}
		s.token, s.kind = tr.AccessToken, "Bearer"
		if strings.EqualFold(tr.TokenType, "DPoP") {
			s.kind = "DPoP"
		}
		s.expires = time.Now().Add(time.Duration(tr.ExpiresIn) * time.Second)
		return s.token, s.kind, nil
	}
	return "", "", fmt.Errorf("%w: the DPoP nonce was refused", ErrOAuth)
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
	claims := jwt.RegisteredClaims{
		Issuer:    s.cfg.ClientID,
		Subject:   s.cfg.ClientID,
		Audience:  jwt.ClaimStrings{tokenURL},
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(5 * time.Minute)),
		ID:        randomID(),
	}
	var method jwt.SigningMethod
	switch s.cfg.PrivateKey.(type) {
	case *rsa.PrivateKey:
		method = jwt.SigningMethodRS256
	case *ecdsa.PrivateKey:
		method = jwt.SigningMethodES256
	default:
		return "", fmt.Errorf("%w: the private key must be RSA or EC", ErrOAuth)
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
