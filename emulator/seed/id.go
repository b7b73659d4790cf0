package seed

import "math/rand/v2"

// base62 is the alphabet of Okta ids.
const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// ID prefixes of Okta objects (the first three characters of an id).
const (
	PrefixUser      = "00u"
	PrefixGroup     = "00g"
	PrefixApp       = "0oa"
	PrefixUserType  = "oty"
	PrefixPolicy    = "00p"
	PrefixRule      = "0pr"
	PrefixPrincipal = "spr"
)

// idLen is the number of random characters after the prefix.
const idLen = 17

// NewID returns prefix followed by 17 base62 characters drawn from r, the
// shape of Okta ids ("00u" + 17 = 20 characters).
func NewID(r *rand.Rand, prefix string) string {
	return prefix + randString(r, idLen)
}

// randString returns n base62 characters drawn from r.
func randString(r *rand.Rand, n int) string {
	b := make([]byte, n)
	var bits uint64
	left := 0
	for i := range b {
		if left == 0 {
			bits, left = r.Uint64(), 10 // 10 draws of 6 bits from 64
		}
		// Rejection-free: 6 bits mod 62 is very slightly biased, which
		// does not matter for synthetic ids.
		b[i] = base62[(bits&63)%62]
		bits >>= 6
		left--
	}
	return string(b)
}
