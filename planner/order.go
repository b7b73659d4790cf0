package planner

import (
	"strconv"
	"strings"

	"github.com/oktasql/oktasql/schema"
)

// order asks the endpoint for the query's single-column ORDER BY when it
// sorts exactly as SQL does: on a non-null date or number (string
// collations differ, and so may the place of NULLs), in one call (two
// calls' rows would only be ordered within each), with the search it
// requires. It reports whether it did.
func (b *builder) order(calls []Call) bool {
	s := b.pd.Sort
	if len(b.q.OrderBy) != 1 || s == nil || len(calls) != 1 || calls[0].Kind != CallList {
		return false
	}
	o := b.q.OrderBy[0]
	col := b.t.Column(o.Column)
	if col == nil || len(col.Path) == 0 || col.Nullable {
		return false
	}
	switch col.Type {
	case schema.TypeDatetime, schema.TypeInteger, schema.TypeNumber:
	default:
		return false
	}
	attr := strings.Join(col.Path, ".")
	if !s.AnyField && !contains(s.Fields, attr) {
		return false
	}
	if s.RequiresSearch && (b.pd.Search == nil || calls[0].Query.Get(b.pd.Search.Param) == "") {
		return false
	}
	dir := s.Asc
	if o.Desc {
		dir = s.Desc
	}
	if dir == "" {
		return false
	}
	q := calls[0].Query
	if s.ByParam != "" {
		q.Set(s.ByParam, attr)
	}
	if s.OrderParam != "" {
		q.Set(s.OrderParam, dir)
	}
	return true
}

// sizeForLimit asks for pages of LIMIT rows (never fewer than the spec's
// minimum limit: 20 on app groups), and stops each call after LIMIT rows,
// when the server's answer is exactly the query's (the query is Complete,
// every conjunct pushed, nothing matched approximately) and in the query's
// order, so the first LIMIT rows are the answer. Otherwise the engine may
// drop rows, and pages of LIMIT rows would multiply the requests.
func (b *builder) sizeForLimit(calls []Call, ordered bool) {
	if b.q.Limit <= 0 || !b.q.Complete || b.inexact || (len(b.q.OrderBy) > 0 && !ordered) {
		return
	}
	for _, pushed := range b.pushed {
		if !pushed {
			return
		}
	}
	b.limitRows = b.q.Limit
	for i := range calls {
		calls[i].MaxRows = b.q.Limit
		size := max(b.q.Limit, b.t.PageLimit.Min)
		if calls[i].PageSize > size {
			calls[i].PageSize = size
			calls[i].Query.Set("limit", strconv.Itoa(size))
		}
	}
}
