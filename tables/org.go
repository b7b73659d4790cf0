package tables

import (
	"sync"
	"time"

	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/schema"
)

// Org is one Okta org that oktasql exposes as a database.
type Org struct {
	// Name is the database name ("okta" by default).
	Name    string
	Catalog *schema.Catalog
	API     *fetcher.Client
	// Now is the clock for time bounds (System Log until); nil is time.Now.
	Now func() time.Time
	// NoPushdown turns off predicate pushdown and key lookups: every read
	// is a full scan (key tables fan out over their parents). The answers
	// must not change; the differential tests compare both modes.
	NoPushdown bool
	// ReadOnly refuses every write and every procedure call.
	ReadOnly bool

	requests requestLog
	dryRuns  dryRunLog
	// sizes are the rows of the last whole read of each table without
	// keys, by table name: the estimate that prices reads of it after.
	sizes sync.Map
}

// limitedReads bounds the reads at once of a table access that may stop
// early (a LIMIT, a join's lookups under one): each read started beyond
// what the answer needs is wasted requests.
const limitedReads = 16

// parallelReads is how many reads one table access runs at once: as many
// as the org's client sends requests at once when every read will be read
// to its end, else at most limitedReads.
func (o *Org) parallelReads(toEnd bool) int {
	n := limitedReads
	if o.API != nil {
		n = o.API.MaxInFlight()
		if !toEnd {
			n = min(n, limitedReads)
		}
	}
	return n
}

func (o *Org) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// ForgetSession drops what o keeps for session id: the request log and
// the dry-run calls of its last statements (the server calls it when a
// connection closes or a session ends).
func (o *Org) ForgetSession(id uint32) {
	o.requests.forget(id)
	o.dryRuns.forget(id)
}
