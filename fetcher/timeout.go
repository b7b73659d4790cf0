package fetcher

import "time"

// DefaultRequestTimeout is the request timeout oktasql's commands use
// unless told otherwise (--request-timeout).
const DefaultRequestTimeout = 60 * time.Second

// WithRequestTimeout bounds one HTTP request, its body included, so that a
// stalled response fails (and is retried when safe) instead of being
// awaited for ever. 0 means no bound.
func WithRequestTimeout(d time.Duration) Option {
	return func(c *Client) { c.http.SetTimeout(d) }
}
