package planner

import (
	"net/url"
	"time"

	"github.com/oktasql/oktasql/schema"
)

// System Log retention (API-NOTES 2.5): events older than 90 days are
// gone, and a since more than 180 days back is an error.
const (
	retention = 90 * 24 * time.Hour
	maxSince  = 180 * 24 * time.Hour
)

// timeRange turns bounds on the time column into since and until, both
// always set so the read is bounded and ends: without a lower bound since
// is the start of the retention window, without an upper one until is now.
func (b *builder) timeRange(tr *schema.TimeRange, q url.Values) {
	var since, until time.Time // zero: no bound yet
	col := b.columnFor(tr.Field)
	for _, e := range b.q.Where {
		c, ok := e.(Cmp)
		if !ok || col == nil || c.Column != col.Name || len(c.Values) != 1 {
			continue
		}
		v, ok := c.Values[0].(time.Time)
		if !ok {
			continue
		}
		// Okta does not say whether since and until are inclusive: each
		// bound is sent a millisecond wide of the SQL bound, a superset
		// whichever way Okta reads it, and the conjunct stays residual.
		lo := v.Truncate(time.Millisecond)
		hi := lo.Add(time.Millisecond)
		switch c.Op {
		case OpGe, OpEq:
			since = later(since, lo.Add(-time.Millisecond))
		case OpGt:
			since = later(since, lo)
		}
		switch c.Op {
		case OpLt, OpLe, OpEq:
			until = earlier(until, hi)
		}
	}
	if since.IsZero() {
		since = b.q.Now.Add(-retention)
	}
	if until.IsZero() || !writable(until) {
		// A bound Okta cannot write ('9999-12-31 23:59:59.999999'
		// rounds to the year 10000) excludes no event: no bound.
		until = b.q.Now
	}
	if floor := b.q.Now.Add(-maxSince); since.Before(floor) {
		since = floor
		b.notes = append(b.notes, "Okta keeps 90 days of events and refuses a since more than 180 days back: since is clamped to "+formatTime(floor))
	}
	if !until.After(since) {
		until = since.Add(time.Millisecond)
	}
	q.Set(tr.Since, formatTime(since))
	q.Set(tr.Until, formatTime(until))
}

// later returns the later of a and b; a zero a is no bound.
func later(a, b time.Time) time.Time {
	if a.IsZero() || b.After(a) {
		return b
	}
	return a
}

// earlier returns the earlier of a and b; a zero a is no bound.
func earlier(a, b time.Time) time.Time {
	if a.IsZero() || b.Before(a) {
		return b
	}
	return a
}
