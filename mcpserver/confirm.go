package mcpserver

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strings"
	"sync"
	"time"
)

// Errors of a confirm token that does not let a write run.
var (
	// ErrConfirmInvalid is a token this server did not issue.
	ErrConfirmInvalid = errors.New("confirm token is not one this server issued; run the statement without confirm for a new dry run")
	// ErrConfirmMismatch is a token issued for another statement.
	ErrConfirmMismatch = errors.New("confirm token was issued for a different statement; run this statement without confirm for its own dry run")
	// ErrConfirmExpired is a token older than its lifetime.
	ErrConfirmExpired = errors.New("confirm token expired; run the statement without confirm for a new dry run")
	// ErrConfirmUsed is a token already spent on a write.
	ErrConfirmUsed = errors.New("confirm token was already used; run the statement without confirm for a new dry run")
)

// confirmer issues and checks confirm tokens. A token binds one statement
// (its normalised text) to a random nonce and an expiry with an HMAC under
// a secret drawn when the server starts, so it is worth nothing to another
// statement, another server or after a restart; the nonce is spent on
// first use.
type confirmer struct {
	secret [32]byte
	ttl    time.Duration
	now    func() time.Time

	mu      sync.Mutex
	pending map[string]time.Time // unspent nonces and their expiry
}

func newConfirmer(ttl time.Duration, now func() time.Time) *confirmer {
	c := &confirmer{ttl: ttl, now: now, pending: map[string]time.Time{}}
	if _, err := rand.Read(c.secret[:]); err != nil {
		panic("mcpserver: no randomness for the confirm secret: " + err.Error())
	}
	return c
}

// issue returns a token for statement and when it expires.
func (c *confirmer) issue(statement string) (string, time.Time) {
	var nonce [16]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		panic("mcpserver: no randomness for a confirm nonce: " + err.Error())
	}
	expires := c.now().Add(c.ttl).Truncate(time.Second)
	var payload [24]byte
	copy(payload[:16], nonce[:])
	binary.BigEndian.PutUint64(payload[16:], uint64(expires.Unix()))
	enc := base64.RawURLEncoding
	token := enc.EncodeToString(payload[:]) + "." + enc.EncodeToString(c.mac(payload[:], statement))

	c.mu.Lock()
	defer c.mu.Unlock()
	for n, exp := range c.pending {
		if c.now().After(exp) {
			delete(c.pending, n)
		}
	}
	c.pending[string(nonce[:])] = expires
	return token, expires
}

// redeem checks token against statement and spends it.
func (c *confirmer) redeem(token, statement string) error {
	enc := base64.RawURLEncoding
	p, m, ok := strings.Cut(token, ".")
	payload, err1 := enc.DecodeString(p)
	sum, err2 := enc.DecodeString(m)
	if !ok || err1 != nil || err2 != nil || len(payload) != 24 {
		return ErrConfirmInvalid
	}
	if !hmac.Equal(sum, c.mac(payload, statement)) {
		return ErrConfirmMismatch
	}
	if c.now().Unix() > int64(binary.BigEndian.Uint64(payload[16:])) {
		return ErrConfirmExpired
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	nonce := string(payload[:16])
	if _, ok := c.pending[nonce]; !ok {
		return ErrConfirmUsed
	}
	delete(c.pending, nonce)
	return nil
}

// mac is the HMAC-SHA256 of a token's payload and the statement.
func (c *confirmer) mac(payload []byte, statement string) []byte {
	h := hmac.New(sha256.New, c.secret[:])
	h.Write(payload)
	h.Write([]byte(statement))
	return h.Sum(nil)
}
