package fetcher

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

// RateLimitError is a 429 that outlasted the retries; Reset is when the
// bucket frees up.
type RateLimitError struct {
	*APIError
	Reset time.Time
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("%s (rate limit resets at %s)", e.APIError.Error(), e.Reset.UTC().Format(time.RFC3339))
}

// Unwrap gives the API error.
func (e *RateLimitError) Unwrap() error { return e.APIError }

// OpStats counts one operation's requests.
type OpStats struct {
	Operation   string
	Requests    int
	Retries     int
	RateLimited int
	// Cached counts answers from the response cache (not in Requests).
	Cached  int
	Bytes   int64
	Latency time.Duration
}

// Stats is a snapshot of a client's counters, per operation and in total.
type Stats struct {
	Operations []OpStats
	Total      OpStats
}

// statsTable collects counters; safe for concurrent use.
type statsTable struct {
	mu  sync.Mutex
	ops map[string]*OpStats
}

func (s *statsTable) op(name string) *OpStats {
	if s.ops == nil {
		s.ops = map[string]*OpStats{}
	}
	o := s.ops[name]
	if o == nil {
		o = &OpStats{Operation: name}
		s.ops[name] = o
	}
	return o
}

func (s *statsTable) add(op string, retry bool, bytes int, took time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.op(op)
	o.Requests++
	if retry {
		o.Retries++
	}
	o.Bytes += int64(bytes)
	o.Latency += took
}

// refetched counts a page read again because its body was broken.
func (s *statsTable) refetched(op string) {
	s.mu.Lock()
	s.op(op).Retries++
	s.mu.Unlock()
}

func (s *statsTable) cacheHit(op string) {
	s.mu.Lock()
	s.op(op).Cached++
	s.mu.Unlock()
}

func (s *statsTable) rateLimited(op string) {
	s.mu.Lock()
	s.op(op).RateLimited++
	s.mu.Unlock()
}

// Stats returns a snapshot of the client's counters.
func (c *Client) Stats() Stats {
	c.stats.mu.Lock()
	defer c.stats.mu.Unlock()
	var st Stats
	for _, o := range c.stats.ops {
		st.Operations = append(st.Operations, *o)
		st.Total.Requests += o.Requests
		st.Total.Retries += o.Retries
		st.Total.RateLimited += o.RateLimited
		st.Total.Cached += o.Cached
		st.Total.Bytes += o.Bytes
		st.Total.Latency += o.Latency
	}
	sort.Slice(st.Operations, func(i, j int) bool { return st.Operations[i].Operation < st.Operations[j].Operation })
	return st
}
