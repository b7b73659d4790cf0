package planner

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Partitions asks Build to split a full read into disjoint search calls on
// created, which the engine reads at once: N calls, between From (the
// table's earliest created, read first with the call Plan.Probe gives)
// and Query.Now. The first call has no lower bound and the last no
// upper bound, so their union is the table whatever the bounds.
type Partitions struct {
	N    int
	From time.Time
}

// partitionAttr is the attribute partitions bound: set once, never null.
const partitionAttr = "created"

// partitionable reports whether the calls are one full read of the table
// that search partitions can replace: no LIMIT or ORDER BY to honour, no
// keys, no parameter (a narrower read gains little from more requests),
// and a search grammar that bounds created and returns what the plain
// list leaves out.
func (b *builder) partitionable(calls []Call) bool {
	g := b.pd.Search
	if b.q.Partitions.N < 2 || b.q.Limit > 0 || len(b.q.OrderBy) > 0 || len(b.t.Keys) > 0 || len(calls) == 0 || len(calls) > 2 ||
		g == nil || !g.And || !allows(g, partitionAttr, "ge") || !allows(g, partitionAttr, "lt") {
		return false
	}
	first := calls[0]
	if first.Kind != CallList {
		return false
	}
	for name := range first.Query {
		if name != "limit" {
			return false
		}
	}
	// A second call is the add-back of what the plain list omits.
	return len(calls) == 1 || (b.pd.PlainListOmits != nil && g.IncludesOmitted)
}

// partition splits the full read into Query.Partitions.N search calls on
// created, when it can: the calls run at once (Plan.Parallel). Without a
// From it leaves the calls as they are and sets Plan.Probe, the call
// whose one row gives From.
func (b *builder) partition(p *Plan, calls []Call) []Call {
	if !b.partitionable(calls) {
		return calls
	}
	parts := b.q.Partitions
	if parts.From.IsZero() {
		p.Probe = b.earliestCreated(calls[0])
		return calls
	}
	from, to := parts.From.UTC().Truncate(time.Millisecond), b.q.Now.UTC().Truncate(time.Millisecond)
	step := to.Sub(from) / time.Duration(parts.N)
	if step < time.Millisecond {
		return calls
	}
	g := b.pd.Search
	out := make([]Call, parts.N)
	for i := range out {
		// The first partition has no lower bound, the last no upper one.
		var bounds []string
		if i > 0 {
			bounds = append(bounds, partitionAttr+" ge "+quote(formatTime(from.Add(time.Duration(i)*step))))
		}
		if i < parts.N-1 {
			bounds = append(bounds, partitionAttr+" lt "+quote(formatTime(from.Add(time.Duration(i+1)*step))))
		}
		out[i] = cloneCall(calls[0])
		out[i].Query.Set(g.Param, strings.Join(bounds, " and "))
	}
	p.Parallel = true
	b.notes = append(b.notes, fmt.Sprintf("a full read split into %d searches on %s, read at once (search is eventually consistent: changes of the last second may be missing)", parts.N, partitionAttr))
	return out
}

// earliestCreated is the call that reads the row with the earliest
// created: a search for every row, sorted ascending, one row. nil when the
// endpoint cannot sort on created.
func (b *builder) earliestCreated(list Call) *Call {
	s := b.pd.Sort
	if s == nil || s.ByParam == "" || s.OrderParam == "" || s.Asc == "" || (!s.AnyField && !contains(s.Fields, partitionAttr)) {
		return nil
	}
	c := cloneCall(list)
	c.Query.Set(b.pd.Search.Param, partitionAttr+" gt "+quote(formatTime(time.Unix(0, 0))))
	c.Query.Set(s.ByParam, partitionAttr)
	c.Query.Set(s.OrderParam, s.Asc)
	if b.takesQuery("limit") {
		c.Query.Set("limit", strconv.Itoa(1))
		c.PageSize = 1
	}
	c.MaxRows = 1
	return &c
}
