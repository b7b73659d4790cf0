package planner

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/oktasql/oktasql/schema"
)

var now = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

func table(t *testing.T, name string) *schema.Table {
	t.Helper()
	tb := schema.Default().Table(name)
	if tb == nil {
		t.Fatalf("no table %s in the catalog", name)
	}
	return tb
}

func eq(col string, v any) Cmp { return Cmp{Column: col, Op: OpEq, Values: []any{v}} }

func TestBuild(t *testing.T) {
	tests := []struct {
		name     string
		table    string
		where    []Expr
		lines    []string // the calls, as Call.Line renders them
		residual int
		fanOut   string
	}{
		{"users by email is one search", "users", []Expr{eq("profile_email", "a@b.c")},
			[]string{`GET /api/v1/users?limit=200&search=profile.email eq "a@b.c"`}, 0, ""},
		{"AND of two", "users", []Expr{eq("status", "ACTIVE"), eq("profile_department", "Sales")},
			[]string{`GET /api/v1/users?limit=200&search=status eq "ACTIVE" and profile.department eq "Sales"`}, 0, ""},
		{"OR pushes when every branch does", "users", []Expr{Or{eq("profile_department", "Sales"), eq("status", "SUSPENDED")}},
			[]string{`GET /api/v1/users?limit=200&search=(profile.department eq "Sales" or status eq "SUSPENDED")`}, 0, ""},
		{"OR with an unpushable branch stays local", "users", []Expr{Or{eq("profile_department", "Sales"), eq("embedded", "x")}},
			[]string{"GET /api/v1/users?limit=200", `GET /api/v1/users?filter=status eq "DEPROVISIONED"&limit=200`}, 1, ""},
		{"plain scan adds DEPROVISIONED", "users", nil,
			[]string{"GET /api/v1/users?limit=200", `GET /api/v1/users?filter=status eq "DEPROVISIONED"&limit=200`}, 0, ""},
		{"IN is an or of eq", "users", []Expr{Cmp{Column: "status", Op: OpIn, Values: []any{"SUSPENDED", "LOCKED_OUT"}}},
			[]string{`GET /api/v1/users?limit=200&search=(status eq "SUSPENDED" or status eq "LOCKED_OUT")`}, 0, ""},
		{"prefix is sw", "groups", []Expr{Cmp{Column: "profile_name", Op: OpPrefix, Values: []any{"Eng"}}},
			[]string{`GET /api/v1/groups?limit=200&search=profile.name sw "Eng"`}, 0, ""},
		{"case-insensitive ne is not pushed", "users", []Expr{Cmp{Column: "status", Op: OpNe, Values: []any{"ACTIVE"}}},
			[]string{"GET /api/v1/users?limit=200", `GET /api/v1/users?filter=status eq "DEPROVISIONED"&limit=200`}, 1, ""},
		{"dates compare", "users", []Expr{Cmp{Column: "created", Op: OpGt, Values: []any{now}}},
			[]string{`GET /api/v1/users?limit=200&search=created gt "2026-11-01T12:00:00.000Z"`}, 0, ""},
		{"values cannot break out", "users", []Expr{eq("profile_login", `x" or id pr or "`)},
			[]string{`GET /api/v1/users?limit=200&search=profile.login eq "x\" or id pr or \""`}, 0, ""},
		{"ids are point gets", "users", []Expr{Cmp{Column: "id", Op: OpIn, Values: []any{"00u1", "00u2"}}},
			[]string{"GET /api/v1/users/00u1", "GET /api/v1/users/00u2"}, 0, ""},
		{"key is a path parameter", "group_members", []Expr{eq("group_id", "00g1")},
			[]string{"GET /api/v1/groups/00g1/users?limit=1000"}, 0, ""},
		{"key IN is a call per key", "group_members", []Expr{Cmp{Column: "group_id", Op: OpIn, Values: []any{"a", "b"}}},
			[]string{"GET /api/v1/groups/a/users?limit=1000", "GET /api/v1/groups/b/users?limit=1000"}, 0, ""},
		{"no key fans out", "group_members", nil, nil, 0, "groups"},
		{"apps filter takes one term", "apps", []Expr{eq("status", "ACTIVE"), eq("name", "bookmark")},
			[]string{`GET /api/v1/apps?filter=status eq "ACTIVE"&limit=200`}, 1, ""},
		{"log bounds are since/until", "system_log", []Expr{Cmp{Column: "published", Op: OpGe, Values: []any{now.Add(-time.Hour)}}, eq("event_type", "user.session.start")},
			[]string{`GET /api/v1/logs?filter=eventType eq "user.session.start"&limit=1000&since=2026-11-01T11:00:00.000Z&until=2026-11-01T12:00:00.000Z`}, 0, ""},
		{"log scans stop now", "system_log", nil,
			[]string{`GET /api/v1/logs?limit=1000&since=2026-08-03T12:00:00.000Z&until=2026-11-01T12:00:00.000Z`}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(Query{Table: table(t, tt.table), Where: tt.where, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, c := range p.Calls {
				lines = append(lines, c.Line())
			}
			if strings.Join(lines, "\n") != strings.Join(tt.lines, "\n") {
				t.Errorf("calls =\n  %s\nwant\n  %s", strings.Join(lines, "\n  "), strings.Join(tt.lines, "\n  "))
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
		})
	}
}

func TestBuildPoliciesType(t *testing.T) {
	p, err := Build(Query{Table: table(t, "policies"), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Calls) < 5 {
		t.Fatalf("policies with no type: %d calls, want one per policy type", len(p.Calls))
	}
	p, err = Build(Query{Table: table(t, "policies"), Where: []Expr{eq("type", "PASSWORD")}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Calls) != 1 || p.Calls[0].Query.Get("type") != "PASSWORD" {
		t.Errorf("policies of one type: %v", p.Explain())
	}
}

func TestBuildMissingKeyWithoutSource(t *testing.T) {
	var keyed *schema.Table
	for _, tb := range schema.Default().Tables {
		if len(tb.Keys) == 1 && tb.Keys[0].SourceTable == "" {
			keyed = tb
			break
		}
	}
	if keyed == nil {
		t.Skip("the catalog has no key without a source table")
	}
	_, err := Build(Query{Table: keyed, Now: now})
	var pe *PlanError
	if !errors.As(err, &pe) || pe.Column != keyed.Keys[0].Column {
		t.Errorf("error = %v, want a PlanError naming %s", err, keyed.Keys[0].Column)
	}
}

func TestBuildLimitSizesPages(t *testing.T) {
	tests := []struct {
		name  string
		table string
		where []Expr
		limit string
	}{
		{"plain scan", "users", nil, "10"},
		{"exact filter", "apps", []Expr{eq("status", "ACTIVE")}, "10"},
		{"case-insensitive search keeps full pages", "users", []Expr{eq("profile_department", "Sales")}, "200"},
		{"a residual keeps full pages", "apps", []Expr{eq("status", "ACTIVE"), eq("label", "x")}, "200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(Query{Table: table(t, tt.table), Where: tt.where, Limit: 10, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Calls[0].Query.Get("limit"); got != tt.limit {
				t.Errorf("limit = %s, want %s (%v)", got, tt.limit, p.Explain())
			}
		})
	}
}

func TestBuildOrder(t *testing.T) {
	published := Order{Column: "published", Desc: true}
	created := Order{Column: "created"}
	tests := []struct {
		name    string
		table   string
		where   []Expr
		order   Order
		ordered bool
		params  string
	}{
		{"log newest first", "system_log", nil, published, true, "sortOrder=DESCENDING"},
		{"users by date with a search", "users", []Expr{eq("status", "ACTIVE")}, created, true, "sortBy=created"},
		{"users need a search to sort", "users", nil, created, false, ""},
		{"strings sort differently", "users", []Expr{eq("status", "ACTIVE")}, Order{Column: "profile_last_name"}, false, ""},
		{"apps do not sort", "apps", nil, Order{Column: "created"}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(Query{Table: table(t, tt.table), Where: tt.where, OrderBy: []Order{tt.order}, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if p.Ordered != tt.ordered {
				t.Fatalf("Ordered = %v, want %v: %v", p.Ordered, tt.ordered, p.Explain())
			}
			if tt.params != "" && !strings.Contains(p.Calls[0].Query.Encode(), tt.params) {
				t.Errorf("query %s lacks %s", p.Calls[0].Query.Encode(), tt.params)
			}
		})
	}
}
