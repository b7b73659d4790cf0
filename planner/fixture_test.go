package planner

import (
	"math"

	"github.com/oktasql/oktasql/schema"
)

// thingColumns are the columns of the hand-built test tables: one of each
// type, a nested attribute, a nullable one and a JSON one.
func thingColumns() []*schema.Column {
	return []*schema.Column{
		{Name: "id", Type: schema.TypeString, Path: []string{"id"}},
		{Name: "name", Type: schema.TypeString, Path: []string{"profile", "name"}},
		{Name: "status", Type: schema.TypeString, Path: []string{"status"}},
		{Name: "kind", Type: schema.TypeString, Path: []string{"kind"}, Enum: []string{"X", "Y", "Zz", "ZZ"}}, // two values differ only by case
		{Name: "count", Type: schema.TypeInteger, Path: []string{"stats", "count"}},
		{Name: "score", Type: schema.TypeNumber, Path: []string{"score"}},
		{Name: "active", Type: schema.TypeBoolean, Path: []string{"active"}},
		{Name: "created", Type: schema.TypeDatetime, Path: []string{"created"}},
		{Name: "seen", Type: schema.TypeDatetime, Path: []string{"seen"}, Nullable: true},
		{Name: "note", Type: schema.TypeString, Path: []string{"note"}, Nullable: true},
		{Name: "tags", Type: schema.TypeJSON, Path: []string{"tags"}},
	}
}

// listOp is a list operation taking the named query parameters.
func listOp(path string, query ...string) *schema.Operation {
	op := &schema.Operation{ID: "list", Method: "GET", Path: path}
	for _, p := range schema.PathParams(path) {
		op.Params = append(op.Params, schema.Param{Name: p, In: "path", Required: true})
	}
	for _, q := range query {
		op.Params = append(op.Params, schema.Param{Name: q, In: "query"})
	}
	return op
}

// thingsTable is a top-level table /api/v1/things with an item GET and
// the given pushdown; its list takes filter, search, q, limit, sortBy,
// sortOrder, since and until.
func thingsTable(pd *schema.Pushdown) *schema.Table {
	return &schema.Table{
		Name:       "things",
		List:       listOp("/api/v1/things", "filter", "search", "q", "limit", "sortBy", "sortOrder", "since", "until", "type"),
		Get:        &schema.Operation{ID: "get", Method: "GET", Path: "/api/v1/things/{thingId}"},
		ItemParam:  "thingId",
		PageLimit:  schema.Limit{Default: 20, Max: 200},
		PrimaryKey: []string{"id"},
		Columns:    thingColumns(),
		Pushdown:   pd,
	}
}

var (
	everyOp    = []string{"eq", "ne", "gt", "ge", "lt", "le", "pr", "sw", "co", "ew"}
	thingAttrs = []string{"id", "profile.name", "status", "kind", "stats.count", "score", "active", "created", "seen", "note"}
)

// allOps grants every operator on every attribute of the things tables.
func allOps() map[string][]string {
	m := map[string][]string{}
	for _, a := range thingAttrs {
		m[a] = everyOp
	}
	return m
}

// Grammars of the test tables, one per capability the planner adapts to.
var (
	// searchCI is like users search: case-insensitive, no not; it also
	// takes ne and string ranges on profile.name, which the planner must
	// not use (case-insensitive, they could drop rows).
	searchCI = &schema.Grammar{Param: "search", Fields: map[string][]string{
		"id": {"eq", "sw", "pr"}, "status": {"eq", "sw", "pr"}, "kind": {"eq", "sw"}, "created": {"eq", "gt", "ge", "lt", "le", "pr"},
		"seen": {"eq", "gt", "ge", "lt", "le", "pr"}, "stats.count": {"eq", "gt", "ge", "lt", "le", "pr"},
		"profile.name": {"eq", "ne", "sw", "co", "gt", "lt", "pr"},
	}, AnyPrefix: "profile.", AnyOps: []string{"eq", "sw"}, And: true, Or: true, CaseInsensitive: true, IncludesOmitted: true}
	// filterFull is like the System Log filter: every operator, and, or, not.
	filterFull = &schema.Grammar{Param: "filter", Fields: allOps(), And: true, Or: true, Not: true}
	// filterEq is like users filter: eq only, case-sensitive, no not.
	filterEq = &schema.Grammar{Param: "filter", Fields: map[string][]string{
		"id": {"eq"}, "status": {"eq"}, "profile.name": {"eq"}, "created": {"eq", "gt", "ge", "lt", "le"},
	}, And: true, Or: true, IncludesOmitted: true}
	// filterOne is like apps filter: one eq term.
	filterOne = &schema.Grammar{Param: "filter", Fields: map[string][]string{
		"id": {"eq"}, "status": {"eq"}, "profile.name": {"eq"}, "active": {"eq"},
	}, MaxTerms: 1}
	// filterAndOnly joins with and only.
	filterAndOnly = &schema.Grammar{Param: "filter", Fields: allOps(), And: true}
	// filterOrOnly joins with or only (like trusted origins).
	filterOrOnly = &schema.Grammar{Param: "filter", Fields: allOps(), Or: true}
)

// thingPushdowns are the test tables' pushdown variants, by name.
func thingPushdowns() map[string]*schema.Pushdown {
	return map[string]*schema.Pushdown{
		"none":        nil,
		"search":      {Search: searchCI},
		"filter-full": {Filter: filterFull},
		"filter-eq":   {Filter: filterEq},
		"filter-one":  {Filter: filterOne, Q: &schema.QParam{Fields: []string{"profile.name", "note"}, Pageable: true}},
		"and-only":    {Filter: filterAndOnly},
		"or-only":     {Filter: filterOrOnly},
		"users-like": {Search: searchCI, Filter: filterEq,
			PlainListOmits: &schema.Omission{Field: "status", Values: []string{"GONE"}},
			Sort:           &schema.Sort{ByParam: "sortBy", OrderParam: "sortOrder", Asc: "asc", Desc: "desc", AnyField: true, RequiresSearch: true, CaseInsensitive: true}},
		"log-like": {Filter: &schema.Grammar{Param: "filter", Fields: func() map[string][]string {
			m := allOps()
			m["created"] = []string{}
			return m
		}(), And: true, Or: true, Not: true},
			TimeRange: &schema.TimeRange{Field: "created", Since: "since", Until: "until"},
			Sort:      &schema.Sort{OrderParam: "sortOrder", Asc: "ASCENDING", Desc: "DESCENDING", Fields: []string{"created"}}},
		"q-only":   {Q: &schema.QParam{Fields: []string{"profile.name"}, Pageable: true}},
		"q-capped": {Q: &schema.QParam{Fields: []string{"profile.name"}, MaxRows: 10}},
		"typed":    {Params: []schema.ParamBinding{{Param: "type", Field: "status", Required: true}}, Filter: filterOne},
	}
}

// membersTable is a keyed table /api/v1/things/{thingId}/members whose key
// thing_id comes from the things table (source "things" when sourced).
func membersTable(sourced bool) *schema.Table {
	key := schema.KeyColumn{Column: "thing_id", PathParam: "thingId"}
	if sourced {
		key.SourceTable, key.SourceColumn = "things", "id"
	}
	cols := append([]*schema.Column{{Name: "thing_id", Type: schema.TypeString, PathParam: "thingId"}}, thingColumns()...)
	return &schema.Table{
		Name:      "thing_members",
		List:      listOp("/api/v1/things/{thingId}/members", "filter", "limit"),
		Get:       &schema.Operation{ID: "getMember", Method: "GET", Path: "/api/v1/things/{thingId}/members/{memberId}"},
		PageLimit: schema.Limit{Max: 1000},
		Keys:      []schema.KeyColumn{key},
		Columns:   cols,
		Pushdown:  &schema.Pushdown{Filter: filterEq},
	}
}

func mathNaN() float64 { return math.NaN() }
