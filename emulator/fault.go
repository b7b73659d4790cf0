package emulator

import (
	"math/rand/v2"
	"net/http"
	"strings"
)

// FaultKind is the failure a Fault injects.
type FaultKind int

// The kinds of injected faults.
const (
	// Fault429 answers 429 E0000047 (rate limit exceeded).
	Fault429 FaultKind = iota + 1
	// FaultConcurrency429 answers 429 with X-Rate-Limit-Limit and -Remaining 0.
	FaultConcurrency429
	// Fault500 answers 500 E0000009.
	Fault500
	// Fault503 answers 503 E0000010.
	Fault503
	// FaultDrop closes the connection in the middle of the body.
	FaultDrop
	// FaultTruncate answers 200 with a truncated JSON body.
	FaultTruncate
)

// Fault makes matching requests fail.
type Fault struct {
	Kind FaultKind
	// PathPrefix selects the requests the fault applies to ("" for all).
	PathPrefix string
	// Rate is the probability (0..1, from a seeded RNG) that a matching request fails.
	Rate float64
	// Nth fires the fault on the Nth matching request (1-based); 0 ignores it.
	Nth int
	// Count is how many times the fault fires (0 = unlimited).
	Count int

	seen, fired int
}

// InjectFault adds f to the org's faults.
func (o *Org) InjectFault(f Fault) {
	o.mu.Lock()
	o.faults = append(o.faults, &f)
	o.mu.Unlock()
}

// ClearFaults removes every injected fault.
func (o *Org) ClearFaults() {
	o.mu.Lock()
	o.faults = nil
	o.mu.Unlock()
}

// fault returns the kind of the first fault firing on r, or 0.
func (o *Org) fault(r *http.Request) FaultKind {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, f := range o.faults {
		if !strings.HasPrefix(r.URL.Path, f.PathPrefix) || (f.Count > 0 && f.fired >= f.Count) {
			continue
		}
		f.seen++
		fire := (f.Nth == 0 && f.Rate == 0) || (f.Nth > 0 && f.seen == f.Nth) || (f.Rate > 0 && o.rng.Float64() < f.Rate)
		if fire {
			f.fired++
			return f.Kind
		}
	}
	return 0
}

// writeFault answers r with the failure of kind.
func writeFault(w http.ResponseWriter, kind FaultKind) {
	switch kind {
	case Fault429:
		writeError(w, http.StatusTooManyRequests, "E0000047", "API call exceeded rate limit due to too many requests.")
	case FaultConcurrency429:
		w.Header().Set("X-Rate-Limit-Limit", "0")
		w.Header().Set("X-Rate-Limit-Remaining", "0")
		writeError(w, http.StatusTooManyRequests, "E0000047", "API call exceeded rate limit due to too many concurrent requests.")
	case Fault500:
		writeError(w, http.StatusInternalServerError, "E0000009", "Internal Server Error")
	case Fault503:
		writeError(w, http.StatusServiceUnavailable, "E0000010", "Service is temporarily unavailable")
	case FaultTruncate:
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`[{"id":"00u`))
	case FaultDrop:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "1000")
		w.Write([]byte(`[{"id":`))
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
			}
		}
	}
}

// newRNG returns the seeded RNG of fault rates.
func newRNG(seed int64) *rand.Rand { return rand.New(rand.NewPCG(uint64(seed), 0)) }
