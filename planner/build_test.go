package planner

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/oktasql/oktasql/schema"
)

var now = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// table returns a table of the real catalog.
func table(t *testing.T, name string) *schema.Table {
	t.Helper()
	tb := schema.Default().Table(name)
	if tb == nil {
		t.Fatalf("no table %s in the catalog", name)
	}
	return tb
}

func eq(col string, v any) Cmp { return Cmp{Column: col, Op: OpEq, Values: []any{v}} }

func lines(p *Plan) []string {
	var out []string
	for _, c := range p.Calls {
		out = append(out, c.Line())
	}
	return out
}

// TestBuild plans queries on the real catalog's tables.
func TestBuild(t *testing.T) {
	deprovisioned := `GET /api/v1/users?filter=status eq "DEPROVISIONED"&limit=200`
	tests := []struct {
		name     string
		table    string
		where    []Expr
		lines    []string // the calls, as Call.Line renders them
		residual int
		fanOut   string
	}{
		// users
		{"users by email is one search", "users", []Expr{eq("profile_email", "a@b.c")},
			[]string{`GET /api/v1/users?limit=200&search=profile.email eq "a@b.c"`}, 0, ""},
		{"AND of two", "users", []Expr{eq("status", "ACTIVE"), eq("profile_department", "Sales")},
			[]string{`GET /api/v1/users?limit=200&search=status eq "ACTIVE" and profile.department eq "Sales"`}, 0, ""},
		{"OR pushes when every branch does", "users", []Expr{Or{eq("profile_department", "Sales"), eq("status", "SUSPENDED")}},
			[]string{`GET /api/v1/users?limit=200&search=(profile.department eq "Sales" or status eq "SUSPENDED")`}, 0, ""},
		{"OR with an unpushable branch stays local", "users", []Expr{Or{eq("profile_department", "Sales"), eq("embedded", "x")}},
			[]string{"GET /api/v1/users?limit=200", deprovisioned}, 1, ""},
		{"plain scan adds DEPROVISIONED", "users", nil,
			[]string{"GET /api/v1/users?limit=200", deprovisioned}, 0, ""},
		{"status <> DEPROVISIONED needs no second call", "users", []Expr{Cmp{Column: "status", Op: OpNe, Values: []any{"DEPROVISIONED"}}},
			[]string{"GET /api/v1/users?limit=200"}, 1, ""},
		{"status <> ACTIVE needs the second call", "users", []Expr{Cmp{Column: "status", Op: OpNe, Values: []any{"ACTIVE"}}},
			[]string{"GET /api/v1/users?limit=200", deprovisioned}, 1, ""},
		{"only DEPROVISIONED is one search", "users", []Expr{eq("status", "DEPROVISIONED")},
			[]string{`GET /api/v1/users?limit=200&search=status eq "DEPROVISIONED"`}, 0, ""},
		{"IN is an or of eq", "users", []Expr{Cmp{Column: "status", Op: OpIn, Values: []any{"SUSPENDED", "LOCKED_OUT"}}},
			[]string{`GET /api/v1/users?limit=200&search=(status eq "SUSPENDED" or status eq "LOCKED_OUT")`}, 0, ""},
		{"case-insensitive ne is not pushed", "users", []Expr{Cmp{Column: "profile_login", Op: OpNe, Values: []any{"x"}}},
			[]string{"GET /api/v1/users?limit=200", deprovisioned}, 1, ""},
		{"dates compare", "users", []Expr{Cmp{Column: "created", Op: OpGt, Values: []any{now}}},
			[]string{`GET /api/v1/users?limit=200&search=created gt "2026-11-01T12:00:00.000Z"`}, 0, ""},
		{"BETWEEN arrives as an AND and is flattened", "users", []Expr{And{Cmp{Column: "last_updated", Op: OpGe, Values: []any{now.Add(-time.Hour)}}, Cmp{Column: "last_updated", Op: OpLe, Values: []any{now}}}},
			[]string{`GET /api/v1/users?limit=200&search=lastUpdated ge "2026-11-01T11:00:00.000Z" and lastUpdated le "2026-11-01T12:00:00.000Z"`}, 0, ""},
		{"LIKE prefix on login", "users", []Expr{Cmp{Column: "profile_login", Op: OpPrefix, Values: []any{"jo"}}},
			[]string{`GET /api/v1/users?limit=200&search=profile.login sw "jo"`}, 0, ""},
		{"IS NOT NULL on a string stays local", "users", []Expr{Cmp{Column: "profile_first_name", Op: OpNotNull}},
			[]string{"GET /api/v1/users?limit=200", deprovisioned}, 1, ""},
		{"values cannot break out", "users", []Expr{eq("profile_login", `x" or id pr or "`)},
			[]string{`GET /api/v1/users?limit=200&search=profile.login eq "x\" or id pr or \""`}, 0, ""},
		{"ids are one filter, not a get each (filter, not search: it finds a user created a moment ago)", "users", []Expr{Cmp{Column: "id", Op: OpIn, Values: []any{"00u1", "00u2"}}},
			[]string{`GET /api/v1/users?filter=(id eq "00u1" or id eq "00u2")&limit=200`}, 0, ""},
		{"repeated ids are one get", "users", []Expr{Cmp{Column: "id", Op: OpIn, Values: []any{"00u1", "00u1", ".."}}},
			[]string{"GET /api/v1/users/00u1"}, 0, ""},
		{"an id that names nothing needs no call", "users", []Expr{eq("id", "")}, nil, 0, ""},
		{"logins that differ only in case are one search, not two GETs of one user", "users", []Expr{Cmp{Column: "profile_login", Op: OpIn, Values: []any{"a@example.com", "A@EXAMPLE.COM"}}},
			[]string{`GET /api/v1/users?limit=200&search=(profile.login eq "a@example.com" or profile.login eq "A@EXAMPLE.COM")`}, 0, ""},
		{"a login is a point get", "users", []Expr{eq("profile_login", "o'brien@example.com")},
			[]string{"GET /api/v1/users/o%27brien@example.com"}, 0, ""},
		{"a login with a slash is a search: getUser finds it by id only", "users", []Expr{Cmp{Column: "profile_login", Op: OpIn, Values: []any{"a@example.com", "a/b@example.com"}}},
			[]string{`GET /api/v1/users?limit=200&search=(profile.login eq "a@example.com" or profile.login eq "a/b@example.com")`}, 0, ""},
		{"an id with a slash is one segment", "users", []Expr{eq("id", "a/b?c")},
			[]string{"GET /api/v1/users/a%2Fb%3Fc"}, 0, ""},
		{"an id and more: the get, the rest local", "users", []Expr{eq("id", "00u1"), eq("status", "ACTIVE")},
			[]string{"GET /api/v1/users/00u1"}, 1, ""},
		{"ids beyond the point-get bound are listed", "users", []Expr{Cmp{Column: "id", Op: OpIn, Values: manyIDs(maxPointGets + 1)}},
			[]string{"GET /api/v1/users?limit=200", deprovisioned}, 1, ""},

		// groups
		{"prefix is sw", "groups", []Expr{Cmp{Column: "profile_name", Op: OpPrefix, Values: []any{"Eng"}}},
			[]string{`GET /api/v1/groups?expand=stats&limit=200&search=profile.name sw "Eng"`}, 0, ""},
		{"contains and types", "groups", []Expr{Cmp{Column: "profile_name", Op: OpContains, Values: []any{"Eng"}}, Or{eq("type", "OKTA_GROUP"), eq("type", "APP_GROUP")}},
			[]string{`GET /api/v1/groups?expand=stats&limit=200&search=profile.name co "Eng" and (type eq "OKTA_GROUP" or type eq "APP_GROUP")`}, 0, ""},
		{"groups by id with the expanded columns is a search (the GET takes no expand)", "groups", []Expr{eq("id", "00g1")}, []string{`GET /api/v1/groups?expand=stats&limit=200&search=id eq "00g1"`}, 0, ""},

		// apps
		{"apps filter takes one term", "apps", []Expr{eq("status", "ACTIVE"), eq("name", "bookmark")},
			[]string{`GET /api/v1/apps?filter=status eq "ACTIVE"&limit=200`}, 1, ""},
		{"apps label prefix goes to q", "apps", []Expr{Cmp{Column: "label", Op: OpPrefix, Values: []any{"Sales"}}},
			[]string{"GET /api/v1/apps?limit=200&q=Sales"}, 1, ""},
		{"apps by id", "apps", []Expr{eq("id", "0oa1"), eq("status", "ACTIVE")}, []string{"GET /api/v1/apps/0oa1"}, 1, ""},
		{"apps by a few ids: a get each", "apps", []Expr{Cmp{Column: "id", Op: OpIn, Values: manyIDs(5)}}, []string{"GET /api/v1/apps/00ux", "GET /api/v1/apps/00uxx", "GET /api/v1/apps/00uxxx", "GET /api/v1/apps/00uxxxx", "GET /api/v1/apps/00uxxxxx"}, 0, ""},
		{"apps by more ids than a full read has pages: the read", "apps", []Expr{Cmp{Column: "id", Op: OpIn, Values: manyIDs(6)}}, []string{"GET /api/v1/apps?limit=200"}, 1, ""},

		// group_members
		{"key is a path parameter", "group_members", []Expr{eq("group_id", "00g1")},
			[]string{"GET /api/v1/groups/00g1/users?limit=1000"}, 0, ""},
		{"key IN is a call per key", "group_members", []Expr{Cmp{Column: "group_id", Op: OpIn, Values: []any{"a", "b"}}, eq("id", "00u1")},
			[]string{"GET /api/v1/groups/a/users?limit=1000", "GET /api/v1/groups/b/users?limit=1000"}, 1, ""},
		{"no key fans out", "group_members", nil, nil, 0, "groups"},
		{"an empty key matches nothing", "group_members", []Expr{eq("group_id", "")}, nil, 0, ""},

		// system_log
		{"log bounds are since/until", "system_log", []Expr{Cmp{Column: "published", Op: OpGe, Values: []any{now.Add(-time.Hour)}}, eq("event_type", "user.session.start")},
			[]string{`GET /api/v1/logs?filter=eventType eq "user.session.start"&limit=1000&since=2026-11-01T10:59:59.999Z&until=2026-11-01T12:00:00.000Z`}, 1, ""},
		{"log scans stop now", "system_log", nil,
			[]string{`GET /api/v1/logs?limit=1000&since=2026-08-03T12:00:00.000Z&until=2026-11-01T12:00:00.000Z`}, 0, ""},
		{"log filter has not, ne, co, ew", "system_log", []Expr{Not{X: eq("outcome_result", "SUCCESS")}, Cmp{Column: "severity", Op: OpNe, Values: []any{"DEBUG"}}, Cmp{Column: "display_message", Op: OpContains, Values: []any{"MFA"}}, Cmp{Column: "actor_alternate_id", Op: OpSuffix, Values: []any{"@example.com"}}},
			[]string{`GET /api/v1/logs?filter=displayMessage co "MFA" and actor.alternateId ew "@example.com" and not (outcome.result eq "SUCCESS") and severity ne "DEBUG"&limit=1000&since=2026-08-03T12:00:00.000Z&until=2026-11-01T12:00:00.000Z`}, 2, ""},

		// policies
		{"policies of one type", "policies", []Expr{eq("type", "PASSWORD")}, []string{"GET /api/v1/policies?type=PASSWORD"}, 0, ""},
		{"a type outside the enum matches nothing", "policies", []Expr{eq("type", "password")}, nil, 0, ""},
		{"an IN keeps the types of the enum", "policies", []Expr{Cmp{Column: "type", Op: OpIn, Values: []any{"password", "PASSWORD"}}}, []string{"GET /api/v1/policies?type=PASSWORD"}, 0, ""},
		{"a required filter's value outside the enum matches nothing", "principal_rate_limits", []Expr{eq("principal_type", "nope")}, nil, 0, ""},
		{"policies of two types, one status", "policies", []Expr{Cmp{Column: "type", Op: OpIn, Values: []any{"PASSWORD", "MFA_ENROLL"}}, eq("status", "ACTIVE")},
			[]string{"GET /api/v1/policies?status=ACTIVE&type=PASSWORD", "GET /api/v1/policies?status=ACTIVE&type=MFA_ENROLL"}, 0, ""},
		{"policies by name prefix use q", "policies", []Expr{eq("type", "PASSWORD"), Cmp{Column: "name", Op: OpPrefix, Values: []any{"Default"}}},
			[]string{"GET /api/v1/policies?q=Default&type=PASSWORD"}, 1, ""},
		{"an exact q takes an equality", "brands", []Expr{eq("name", "Okta Default")},
			[]string{"GET /api/v1/brands?limit=200&q=Okta Default"}, 1, ""},
		{"an exact q takes no prefix", "brands", []Expr{Cmp{Column: "name", Op: OpPrefix, Values: []any{"Okta"}}},
			[]string{"GET /api/v1/brands?limit=200"}, 1, ""},

		// principal rate limits: the filter is required
		{"required filter from an IN", "principal_rate_limits", []Expr{Cmp{Column: "principal_type", Op: OpIn, Values: []any{"SSWS_TOKEN", "OAUTH_CLIENT"}}},
			[]string{`GET /api/v1/principal-rate-limits?filter=principalType eq "SSWS_TOKEN"&limit=50`, `GET /api/v1/principal-rate-limits?filter=principalType eq "OAUTH_CLIENT"&limit=50`}, 0, ""},
		{"required filter from the enum", "principal_rate_limits", nil,
			[]string{`GET /api/v1/principal-rate-limits?filter=principalType eq "OAUTH_CLIENT"&limit=50`, `GET /api/v1/principal-rate-limits?filter=principalType eq "SSWS_TOKEN"&limit=50`}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(Query{Table: table(t, tt.table), Where: tt.where, Now: now, TableRows: 1000})
			if err != nil {
				t.Fatal(err)
			}
			got := lines(p)
			if strings.Join(got, "\n") != strings.Join(tt.lines, "\n") {
				t.Errorf("calls =\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.lines, "\n  "))
			}
			if len(p.Residual) != tt.residual {
				t.Errorf("residual = %v, want %d conjuncts", p.Residual, tt.residual)
			}
			switch {
			case tt.fanOut == "" && p.FanOut != nil:
				t.Errorf("unexpected fan-out over %s", p.FanOut.Key.SourceTable)
			case tt.fanOut != "" && (p.FanOut == nil || p.FanOut.Key.SourceTable != tt.fanOut):
				t.Errorf("fan-out = %+v, want over %s", p.FanOut, tt.fanOut)
			}
			for _, c := range p.Calls {
				if c.Query.Get("search") != "" && c.Query.Get("filter") != "" {
					t.Errorf("%s sends search and filter (E0000033)", c.Line())
				}
			}
		})
	}
}

func manyIDs(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = "00u" + strings.Repeat("x", i+1)
	}
	return out
}

// TestBuildPoliciesType answers a policies scan with one call per type the
// spec allows, each marked FromEnum (an org may lack the type), and says
// so; a type the query gives is no such call.
func TestBuildPoliciesType(t *testing.T) {
	tb := table(t, "policies")
	p, err := Build(Query{Table: tb, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var enum []string
	for _, prm := range tb.List.Params {
		if prm.Name == "type" {
			enum = prm.Enum
		}
	}
	if len(enum) < 5 || len(p.Calls) != len(enum) {
		t.Fatalf("policies with no type: %d calls, want one per type of %v", len(p.Calls), enum)
	}
	for i, c := range p.Calls {
		if c.Query.Get("type") != enum[i] || !c.FromEnum {
			t.Errorf("call %d: type %q FromEnum %v, want %q and true", i, c.Query.Get("type"), c.FromEnum, enum[i])
		}
	}
	given, err := Build(Query{Table: tb, Where: []Expr{eq("type", "PASSWORD")}, Now: now})
	if err != nil || given.Calls[0].FromEnum {
		t.Errorf("a given type: %v, FromEnum %v", err, given.Calls[0].FromEnum)
	}
	if p.EstimatedRequests != len(enum) || len(p.Notes) == 0 || !strings.Contains(p.Notes[0], "PASSWORD") {
		t.Errorf("estimate %d, notes %v", p.EstimatedRequests, p.Notes)
	}
}

// TestSystemLogBounds checks since and until for every kind of bound on
// published.
func TestSystemLogBounds(t *testing.T) {
	at := func(d time.Duration) time.Time { return now.Add(d) }
	pub := func(op Op, v time.Time) Cmp { return Cmp{Column: "published", Op: op, Values: []any{v}} }
	fmtT := func(v time.Time) string { return v.UTC().Format("2006-01-02T15:04:05.000Z") }
	day := 24 * time.Hour
	subMs := at(-time.Hour).Add(1500 * time.Microsecond)
	tests := []struct {
		name         string
		where        []Expr
		since, until time.Time
		pushed       int
		note         bool
	}{
		{"no bound: the retention window up to now", nil, at(-90 * day), now, 0, false},
		{">= is since a millisecond before (inclusive or not)", []Expr{pub(OpGe, at(-time.Hour))}, at(-time.Hour - time.Millisecond), now, 0, false},
		{"> is since at the bound", []Expr{pub(OpGt, at(-time.Hour))}, at(-time.Hour), now, 0, false},
		{"< is until, a superset", []Expr{pub(OpLt, at(-time.Hour))}, at(-90 * day), at(-time.Hour + time.Millisecond), 0, false},
		{"<= is until a millisecond later", []Expr{pub(OpLe, at(-time.Hour))}, at(-90 * day), at(-time.Hour + time.Millisecond), 0, false},
		{"= is a window a millisecond wider each way", []Expr{eq("published", at(-time.Hour))}, at(-time.Hour - time.Millisecond), at(-time.Hour + time.Millisecond), 0, false},
		{"between", []Expr{And{pub(OpGe, at(-2*time.Hour)), pub(OpLe, at(-time.Hour))}}, at(-2*time.Hour - time.Millisecond), at(-time.Hour + time.Millisecond), 0, false},
		{"the tighter of two lower bounds", []Expr{pub(OpGe, at(-2*time.Hour)), pub(OpGe, at(-time.Hour))}, at(-time.Hour - time.Millisecond), now, 0, false},
		{"sub-millisecond bounds round outward", []Expr{pub(OpGt, subMs), pub(OpLt, subMs.Add(time.Hour))}, subMs.Truncate(time.Millisecond), subMs.Add(time.Hour).Truncate(time.Millisecond).Add(time.Millisecond), 0, false},
		{"older than 90 days is kept", []Expr{pub(OpGe, at(-100*day))}, at(-100*day - time.Millisecond), now, 0, false},
		{"older than 180 days is clamped", []Expr{pub(OpGe, at(-400*day))}, at(-180 * day), now, 0, true},
		{"an upper bound in the future", []Expr{pub(OpLt, at(day))}, at(-90 * day), at(day + time.Millisecond), 0, false},
		{"an upper bound past the year 9999 is none", []Expr{pub(OpLe, time.Date(9999, 12, 31, 23, 59, 59, 999999000, time.UTC))}, at(-90 * day), now, 0, false},
		{"a lower bound before the year 1 is none", []Expr{pub(OpGe, time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC))}, at(-180 * day), now, 0, true},
		{"an empty range is still a valid one", []Expr{pub(OpGe, at(-time.Hour)), pub(OpLt, at(-2*time.Hour))}, at(-time.Hour - time.Millisecond), at(-time.Hour), 0, false},
		{"a bound inside an OR stays local", []Expr{Or{pub(OpGe, at(-time.Hour)), eq("event_type", "x")}}, at(-90 * day), now, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(Query{Table: table(t, "system_log"), Where: tt.where, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			q := p.Calls[0].Query
			if q.Get("since") != fmtT(tt.since) || q.Get("until") != fmtT(tt.until) {
				t.Errorf("since %s until %s, want %s and %s", q.Get("since"), q.Get("until"), fmtT(tt.since), fmtT(tt.until))
			}
			if strings.Contains(q.Get("filter"), "published") {
				t.Errorf("published in the filter: %s", q.Get("filter"))
			}
			if len(p.Pushed) != tt.pushed {
				t.Errorf("pushed %v, want %d", p.Pushed, tt.pushed)
			}
			if (len(p.Notes) > 0) != tt.note {
				t.Errorf("notes %v, want a clamp note: %v", p.Notes, tt.note)
			}
			if !p.Calls[0].StopOnEmptyPage {
				t.Error("a System Log read must stop at its first empty page")
			}
		})
	}
}

// TestBuildLimit checks page sizes and MaxRows under a LIMIT.
func TestBuildLimit(t *testing.T) {
	desc := []Order{{Column: "published", Desc: true}}
	tests := []struct {
		name    string
		table   string
		where   []Expr
		limit   int
		order   []Order
		pages   []string // the limit sent, per call
		maxRows int
		est     int
	}{
		{"plain scan", "users", nil, 10, nil, []string{"10", "10"}, 10, 2},
		{"an enum value is exact under search", "users", []Expr{eq("status", "ACTIVE")}, 10, nil, []string{"10"}, 10, 1},
		{"case-insensitive search keeps full pages", "users", []Expr{eq("profile_department", "Sales")}, 10, nil, []string{"200"}, 0, 1},
		{"exact filter", "apps", []Expr{eq("status", "ACTIVE")}, 10, nil, []string{"10"}, 10, 1},
		{"a residual keeps full pages", "apps", []Expr{eq("status", "ACTIVE"), eq("label", "x")}, 10, nil, []string{"200"}, 0, 1},
		{"more than a page", "users", []Expr{eq("status", "ACTIVE")}, 450, nil, []string{"200"}, 450, 3},
		{"an unpushed ORDER BY reads everything", "apps", []Expr{eq("status", "ACTIVE")}, 10, []Order{{Column: "created"}}, []string{"200"}, 0, 1},
		{"a pushed ORDER BY keeps the LIMIT", "system_log", []Expr{eq("outcome_result", "FAILURE")}, 10, desc, []string{"10"}, 10, 1},
		{"a match that may ignore case reads full pages", "system_log", []Expr{eq("event_type", "x")}, 10, desc, []string{"1000"}, 0, 1},
		{"a key is exact", "group_members", []Expr{eq("group_id", "00g1")}, 5, nil, []string{"5"}, 5, 1},
		{"never below the spec's minimum limit", "app_groups", []Expr{eq("app_id", "0oa1")}, 5, nil, []string{"20"}, 5, 1},
		{"no limit parameter, still MaxRows", "policies", []Expr{eq("type", "PASSWORD")}, 5, nil, []string{""}, 5, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(Query{Table: table(t, tt.table), Where: tt.where, Limit: tt.limit, OrderBy: tt.order, Now: now, Complete: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Calls) != len(tt.pages) {
				t.Fatalf("calls: %v", p.Explain())
			}
			for i, c := range p.Calls {
				if got := c.Query.Get("limit"); got != tt.pages[i] || c.MaxRows != tt.maxRows {
					t.Errorf("call %d: limit %q MaxRows %d, want %q and %d (%v)", i, got, c.MaxRows, tt.pages[i], tt.maxRows, p.Explain())
				}
				if n, _ := strconv.Atoi(tt.pages[i]); c.PageSize != n {
					t.Errorf("call %d: PageSize %d, want %s", i, c.PageSize, tt.pages[i])
				}
			}
			if p.EstimatedRequests != tt.est {
				t.Errorf("estimate %d, want %d", p.EstimatedRequests, tt.est)
			}
		})
	}
}

// TestBuildLimitIncomplete keeps full pages and never stops a call early
// for a WHERE the engine could not fully translate: the untranslated
// conditions could drop any number of rows, and pages of LIMIT rows would
// multiply the requests (LIKE '_ea%' LIMIT 1 read 5,000 pages of one user).
func TestBuildLimitIncomplete(t *testing.T) {
	p, err := Build(Query{Table: table(t, "apps"), Where: []Expr{eq("status", "ACTIVE")}, Limit: 10, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if c := p.Calls[0]; c.PageSize != 200 || c.MaxRows != 0 {
		t.Errorf("PageSize %d MaxRows %d, want 200 and 0", c.PageSize, c.MaxRows)
	}
}

// TestBuildOrder checks which ORDER BYs the endpoint sorts.
func TestBuildOrder(t *testing.T) {
	published := Order{Column: "published", Desc: true}
	created := Order{Column: "created"}
	tests := []struct {
		name    string
		table   string
		where   []Expr
		order   []Order
		ordered bool
		params  string
	}{
		{"log newest first", "system_log", nil, []Order{published}, true, "sortOrder=DESCENDING"},
		{"log oldest first", "system_log", nil, []Order{{Column: "published"}}, true, "sortOrder=ASCENDING"},
		{"users by date with a search", "users", []Expr{eq("status", "ACTIVE")}, []Order{created}, true, "sortBy=created&sortOrder=asc"},
		{"users by date descending", "users", []Expr{eq("status", "ACTIVE")}, []Order{{Column: "created", Desc: true}}, true, "sortBy=created&sortOrder=desc"},
		{"users need a search to sort", "users", nil, []Order{created}, false, ""},
		{"realms need a search to sort", "realms", nil, []Order{created}, false, ""},
		{"realms sort with a search", "realms", []Expr{Cmp{Column: "created", Op: OpGt, Values: []any{now.AddDate(-1, 0, 0)}}}, []Order{created}, true, "sortBy=created&sortOrder=asc"},
		{"yubikey tokens sort ASC/DESC", "yubikey_tokens", nil, []Order{{Column: "created", Desc: true}}, true, "sortBy=created&sortOrder=DESC"},
		{"strings sort differently", "users", []Expr{eq("status", "ACTIVE")}, []Order{{Column: "profile_last_name"}}, false, ""},
		{"nullable dates may place NULLs differently", "users", []Expr{eq("status", "ACTIVE")}, []Order{{Column: "last_login"}}, false, ""},
		{"two columns", "users", []Expr{eq("status", "ACTIVE")}, []Order{created, {Column: "id"}}, false, ""},
		{"apps do not sort", "apps", nil, []Order{created}, false, ""},
		{"the log sorts only published", "system_log", nil, []Order{{Column: "authentication_context_authentication_step"}}, false, ""},
		{"policies sort names, which collate differently", "policies", []Expr{eq("type", "PASSWORD")}, []Order{{Column: "name"}}, false, ""},
		{"several calls are not one order", "policies", nil, []Order{{Column: "priority"}}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(Query{Table: table(t, tt.table), Where: tt.where, OrderBy: tt.order, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if p.Ordered != tt.ordered {
				t.Fatalf("Ordered = %v, want %v: %v", p.Ordered, tt.ordered, p.Explain())
			}
			q := p.Calls[0].Query
			if tt.params != "" && !strings.Contains(q.Encode(), tt.params) {
				t.Errorf("query %s lacks %s", q.Encode(), tt.params)
			}
			if !tt.ordered && (q.Get("sortBy") != "" || q.Get("sortOrder") != "") {
				t.Errorf("unordered plan sends a sort: %s", q.Encode())
			}
		})
	}
}

// TestKeys checks keyed tables: path parameters, a call per key value,
// point GETs under a key, fan-out, and escaping.
func TestKeys(t *testing.T) {
	members := membersTable(true)
	in := func(col string, v ...any) Cmp { return Cmp{Column: col, Op: OpIn, Values: v} }
	tests := []struct {
		name  string
		where []Expr
		lines []string
		keys  []string // KeyValues["thing_id"] per call
	}{
		{"one key", []Expr{eq("thing_id", "t1")}, []string{"GET /api/v1/things/t1/members?limit=1000"}, []string{"t1"}},
		{"IN on the key", []Expr{in("thing_id", "t1", "t2", "t1")}, []string{"GET /api/v1/things/t1/members?limit=1000", "GET /api/v1/things/t2/members?limit=1000"}, []string{"t1", "t2"}},
		{"escaped key", []Expr{eq("thing_id", "a/../b c")}, []string{"GET /api/v1/things/a%2F..%2Fb%20c/members?limit=1000"}, []string{"a/../b c"}},
		{"dot keys name nothing", []Expr{in("thing_id", ".", "..")}, nil, nil},
		{"point gets under keys", []Expr{in("thing_id", "t1", "t2"), in("id", "m1", "m2")},
			[]string{"GET /api/v1/things/t1/members/m1", "GET /api/v1/things/t1/members/m2", "GET /api/v1/things/t2/members/m1", "GET /api/v1/things/t2/members/m2"},
			[]string{"t1", "t1", "t2", "t2"}},
		{"key with a filter", []Expr{eq("thing_id", "t1"), eq("status", "A")}, []string{`GET /api/v1/things/t1/members?filter=status eq "A"&limit=1000`}, []string{"t1"}},
		{"a non-string key value fans out", []Expr{eq("thing_id", int64(1))}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(Query{Table: members, Where: tt.where, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if got := lines(p); strings.Join(got, "\n") != strings.Join(tt.lines, "\n") {
				t.Errorf("calls =\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.lines, "\n  "))
			}
			for i, c := range p.Calls {
				if i < len(tt.keys) && c.KeyValues["thing_id"] != tt.keys[i] {
					t.Errorf("call %d: KeyValues %v, want thing_id %s", i, c.KeyValues, tt.keys[i])
				}
			}
		})
	}

	t.Run("fan-out", func(t *testing.T) {
		p, err := Build(Query{Table: members, Where: []Expr{eq("status", "A")}, Limit: 3, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if p.FanOut == nil || p.FanOut.Key.SourceTable != "things" || len(p.Calls) != 0 {
			t.Fatalf("plan %+v", p)
		}
		if got := p.FanOut.Template.Query.Get("filter"); got != `status eq "A"` {
			t.Errorf("template filter %q", got)
		}
		ex := strings.Join(p.Explain(), "\n")
		for _, want := range []string{"for each things.id: GET /api/v1/things/{thingId}/members?", "1 + one per things row", "1 + N requests"} {
			if !strings.Contains(ex, want) {
				t.Errorf("EXPLAIN lacks %q:\n%s", want, ex)
			}
		}
	})
}

// TestErrors checks the typed errors, naming what is missing.
func TestErrors(t *testing.T) {
	typedEnum := thingsTable(thingPushdowns()["typed"])
	noEnum := thingsTable(thingPushdowns()["typed"])
	typedEnum.List = listOp("/api/v1/things", "type", "filter", "limit")
	typedEnum.List.Params[0].Enum = []string{"A", "B"}
	noList := thingsTable(nil)
	noList.List = nil
	requiredFilter := thingsTable(&schema.Pushdown{Filter: &schema.Grammar{Param: "filter", Fields: map[string][]string{"profile.name": {"eq"}}, MaxTerms: 1, Required: true}})
	tests := []struct {
		name   string
		q      Query
		column string
		says   string
	}{
		{"no table", Query{}, "", "no table"},
		{"no list", Query{Table: noList}, "", "no list operation"},
		{"a key no table lists", Query{Table: membersTable(false)}, "thing_id", "thing_id = '...'"},
		{"a required parameter", Query{Table: noEnum}, "status", "requires the type parameter"},
		{"a required filter", Query{Table: requiredFilter}, "name", "name = '...'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(tt.q)
			var pe *PlanError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v, want a *PlanError", err)
			}
			if pe.Column != tt.column || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q (column %q), want column %q and %q", err, pe.Column, tt.column, tt.says)
			}
		})
	}

	t.Run("a required parameter with an enum is one call per value", func(t *testing.T) {
		p, err := Build(Query{Table: typedEnum, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if got := lines(p); strings.Join(got, " ") != "GET /api/v1/things?limit=200&type=A GET /api/v1/things?limit=200&type=B" {
			t.Errorf("calls %v", got)
		}
	})
}

// TestExplain checks the EXPLAIN lines.
func TestExplain(t *testing.T) {
	p, err := Build(Query{Table: table(t, "users"), Where: []Expr{Cmp{Column: "profile_first_name", Op: OpNotNull}}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"GET /api/v1/users?limit=200",
		`GET /api/v1/users?filter=status eq "DEPROVISIONED"&limit=200`,
		"checked by oktasql: profile_first_name IS NOT NULL",
		"estimated requests: 2",
		"the plain list leaves out status DEPROVISIONED: a second request adds them",
	}
	if got := p.Explain(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("EXPLAIN =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCallPath checks path expansion and a call's rendering.
func TestCallPath(t *testing.T) {
	op := &schema.Operation{Method: "GET", Path: "/api/v1/groups/{groupId}/users"}
	c := Call{Operation: op, PathParams: map[string]string{"groupId": "a b/c"}, Query: url.Values{"search": {`x eq "1 & 2"`}}}
	if got := c.Path(); got != "/api/v1/groups/a%20b%2Fc/users" {
		t.Errorf("Path() = %s", got)
	}
	if got := c.Line(); got != `GET /api/v1/groups/a%20b%2Fc/users?search=x eq "1 & 2"` {
		t.Errorf("Line() = %s", got)
	}
	c.PathParams = nil
	if got := c.Path(); got != op.Path {
		t.Errorf("Path() without parameters = %s, want the template", got)
	}
}

// TestExprString checks the SQL rendering of predicates, including ones
// missing their values.
func TestExprString(t *testing.T) {
	tests := []struct {
		e    Expr
		want string
	}{
		{eq("a", "it's"), `a = 'it''s'`},
		{eq("a", `back\`), `a = 'back\\'`},
		{eq("a", int64(3)), "a = 3"},
		{eq("a", now), "a = '2026-11-01 12:00:00.000'"},
		{Cmp{Column: "a", Op: OpIn, Values: []any{"x", true}}, "a IN ('x', true)"},
		{Cmp{Column: "a", Op: OpPrefix, Values: []any{"x"}}, "a LIKE 'x%'"},
		{Cmp{Column: "a", Op: OpContains, Values: []any{"x"}}, "a LIKE '%x%'"},
		{Cmp{Column: "a", Op: OpSuffix, Values: []any{"x"}}, "a LIKE '%x'"},
		{Cmp{Column: "a", Op: OpPrefix}, "a LIKE '?%'"},
		{Cmp{Column: "a", Op: OpEq}, "a = ?"},
		{Cmp{Column: "a", Op: OpNull}, "a IS NULL"},
		{Cmp{Column: "a", Op: OpNotNull}, "a IS NOT NULL"},
		{And{eq("a", int64(1)), Or{eq("b", int64(2)), Not{X: eq("c", int64(3))}}}, "(a = 1) AND ((b = 2) OR (NOT (c = 3)))"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.e.String(); got != tt.want {
				t.Errorf("String() = %s, want %s", got, tt.want)
			}
		})
	}
}
