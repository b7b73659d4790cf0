package planner

import (
	"strings"
	"testing"
	"time"

	"github.com/oktasql/oktasql/schema"
)

func cmp(col string, op Op, vals ...any) Cmp { return Cmp{Column: col, Op: op, Values: vals} }

// TestRender checks, operator by operator and grammar by grammar, the
// expression a conjunct becomes and whether it counts as pushed.
func TestRender(t *testing.T) {
	ms := time.Date(2026, 1, 2, 3, 4, 5, 6_000_000, time.UTC)
	subMs := ms.Add(500 * time.Microsecond)
	many := make([]any, maxInValues+1)
	for i := range many {
		many[i] = "v"
	}
	ciNot := &schema.Grammar{Param: "filter", Fields: allOps(), And: true, Or: true, Not: true, CaseInsensitive: true}
	oneOrSw := &schema.Grammar{Param: "filter", Fields: map[string][]string{"status": {"eq"}, "profile.name": {"sw"}}, MaxTerms: 1}
	tests := []struct {
		name    string
		g       *schema.Grammar
		where   []Expr
		want    string // the expression; "" when nothing is sent
		pushed  int
		inexact bool // no LIMIT sizing
	}{
		// Operators, per capability.
		{"eq", filterEq, []Expr{eq("status", "A")}, `status eq "A"`, 1, false},
		{"eq case-insensitive is folded", searchCI, []Expr{eq("status", "A")}, `status eq "A"`, 1, true},
		{"eq on an enum value is exact", searchCI, []Expr{eq("kind", "X")}, `kind eq "X"`, 1, false},
		{"eq on an enum value with a case twin is folded", searchCI, []Expr{eq("kind", "Zz")}, `kind eq "Zz"`, 1, true},
		{"eq on a value outside the enum is folded", searchCI, []Expr{eq("kind", "x")}, `kind eq "x"`, 1, true},
		{"ne is a superset", filterFull, []Expr{cmp("status", OpNe, "A")}, `status ne "A"`, 0, false},
		{"ne case-insensitive is refused", searchCI, []Expr{cmp("name", OpNe, "A")}, "", 0, false},
		{"ne not in the grammar", filterEq, []Expr{cmp("status", OpNe, "A")}, "", 0, false},
		{"string ranges are refused", filterFull, []Expr{cmp("status", OpGt, "A")}, "", 0, false},
		{"string ranges case-insensitive are refused", searchCI, []Expr{cmp("name", OpLt, "A")}, "", 0, false},
		{"integer range", filterFull, []Expr{cmp("count", OpGt, int64(2))}, `stats.count gt 2`, 1, false},
		{"number range", filterFull, []Expr{cmp("score", OpLe, 2.5)}, `score le 2.5`, 1, false},
		{"datetime range", filterEq, []Expr{cmp("created", OpGe, ms)}, `created ge "2026-01-02T03:04:05.006Z"`, 1, false},
		{"datetime in another zone is UTC", filterEq, []Expr{cmp("created", OpLt, ms.In(time.FixedZone("X", 3600)))}, `created lt "2026-01-02T03:04:05.006Z"`, 1, false},
		{"sub-millisecond lower bound rounds down", filterEq, []Expr{cmp("created", OpGt, subMs)}, `created ge "2026-01-02T03:04:05.006Z"`, 0, true},
		{"sub-millisecond upper bound rounds up", filterEq, []Expr{cmp("created", OpLe, subMs)}, `created lt "2026-01-02T03:04:05.007Z"`, 0, true},
		{"sub-millisecond equality is not sent", filterEq, []Expr{eq("created", subMs)}, "", 0, false},
		{"an upper bound rounding past the year 9999 is not sent", filterEq, []Expr{cmp("created", OpLe, time.Date(9999, 12, 31, 23, 59, 59, 999_999_000, time.UTC))}, "", 0, false},
		{"the last millisecond of 9999 is sent", filterEq, []Expr{cmp("created", OpLe, time.Date(9999, 12, 31, 23, 59, 59, 999_000_000, time.UTC))}, `created le "9999-12-31T23:59:59.999Z"`, 1, false},
		{"a lower bound before the year 1 is not sent", filterEq, []Expr{cmp("created", OpGe, time.Date(0, 6, 1, 0, 0, 0, 0, time.UTC))}, "", 0, false},
		{"prefix", filterFull, []Expr{cmp("name", OpPrefix, "Jo")}, `profile.name sw "Jo"`, 1, false},
		{"contains", filterFull, []Expr{cmp("name", OpContains, "Jo")}, `profile.name co "Jo"`, 1, false},
		{"suffix", filterFull, []Expr{cmp("name", OpSuffix, "Jo")}, `profile.name ew "Jo"`, 1, false},
		{"suffix not in the grammar", searchCI, []Expr{cmp("name", OpSuffix, "Jo")}, "", 0, false},
		{"prefix case-insensitive", searchCI, []Expr{cmp("name", OpPrefix, "Jo")}, `profile.name sw "Jo"`, 1, true},
		{"prefix on a number is refused", filterFull, []Expr{cmp("score", OpPrefix, "2")}, "", 0, false},
		{"prefix of a non-string is refused", filterFull, []Expr{cmp("name", OpPrefix, int64(2))}, "", 0, false},
		{"is not null on a datetime is pr", filterFull, []Expr{cmp("seen", OpNotNull)}, `seen pr`, 1, false},
		{"is not null on a string is refused (pr is false for \"\")", filterFull, []Expr{cmp("note", OpNotNull)}, "", 0, false},
		{"is null on a datetime is not pr", filterFull, []Expr{cmp("seen", OpNull)}, `not (seen pr)`, 1, false},
		{"is null on a string is a superset", filterFull, []Expr{cmp("note", OpNull)}, `not (note pr)`, 0, false},
		{"is null needs not", searchCI, []Expr{cmp("seen", OpNull)}, "", 0, false},
		{"in is an or of eqs", filterEq, []Expr{cmp("status", OpIn, "a", "b")}, `(status eq "a" or status eq "b")`, 1, false},
		{"in of one value needs no or", filterAndOnly, []Expr{cmp("status", OpIn, "a")}, `status eq "a"`, 1, false},
		{"in of two values needs or", filterAndOnly, []Expr{cmp("status", OpIn, "a", "b")}, "", 0, false},
		{"in of too many values", filterEq, []Expr{cmp("status", OpIn, many...)}, "", 0, false},
		{"in with a value of another type", filterEq, []Expr{cmp("status", OpIn, "a", int64(1))}, "", 0, false},
		{"bool eq", filterFull, []Expr{eq("active", true)}, `active eq true`, 1, false},
		{"bool range is refused", filterFull, []Expr{cmp("active", OpGt, false)}, "", 0, false},
		{"string column, number value", filterFull, []Expr{eq("name", int64(2))}, "", 0, false},
		{"integer column, string value", filterFull, []Expr{eq("count", "2")}, "", 0, false},
		{"datetime column, string value", filterFull, []Expr{eq("created", "2026-01-01")}, "", 0, false},
		{"NaN", filterFull, []Expr{eq("score", mathNaN())}, "", 0, false},
		{"invalid UTF-8", filterFull, []Expr{eq("name", "a\xff")}, "", 0, false},
		{"JSON column", filterFull, []Expr{eq("tags", "a")}, "", 0, false},
		{"unknown column", filterFull, []Expr{eq("nosuch", "a")}, "", 0, false},
		{"no value", filterFull, []Expr{Cmp{Column: "status", Op: OpEq}}, "", 0, false},
		{"attribute outside AnyPrefix", searchCI, []Expr{eq("score", 2.5)}, "", 0, false},
		{"attribute under AnyPrefix", &schema.Grammar{Param: "search", AnyPrefix: "profile.", AnyOps: []string{"eq"}}, []Expr{eq("name", "a")}, `profile.name eq "a"`, 1, false},
		{"attribute listed without operators", &schema.Grammar{Param: "filter", Fields: map[string][]string{"status": {}}, AnyOps: everyOp}, []Expr{eq("status", "a")}, "", 0, false},

		// Escaping: no value changes the expression's structure.
		{"quotes", filterEq, []Expr{eq("name", `x" or id pr or "`)}, `profile.name eq "x\" or id pr or \""`, 1, false},
		{"backslash", filterEq, []Expr{eq("name", `a\" b`)}, `profile.name eq "a\\\" b"`, 1, false},
		{"control characters and HTML", filterEq, []Expr{eq("name", "a\n\x01<&>")}, `profile.name eq "a\n\u0001<&>"`, 1, false},

		// Connectives.
		{"and of conjuncts", filterEq, []Expr{eq("status", "A"), eq("name", "n")}, `status eq "A" and profile.name eq "n"`, 2, false},
		{"and-less grammar takes one conjunct", filterOrOnly, []Expr{eq("status", "A"), eq("name", "n")}, `status eq "A"`, 1, false},
		{"or of pushable branches", filterEq, []Expr{Or{eq("status", "A"), eq("name", "n")}}, `(status eq "A" or profile.name eq "n")`, 1, false},
		{"or with an unpushable branch stays local", filterEq, []Expr{Or{eq("status", "A"), eq("note", "n")}}, "", 0, false},
		{"or-less grammar", filterAndOnly, []Expr{Or{eq("status", "A"), eq("name", "n")}}, "", 0, false},
		{"and inside or drops what it cannot send", filterEq, []Expr{Or{And{eq("status", "A"), eq("note", "x")}, eq("status", "B")}}, `(status eq "A" or status eq "B")`, 0, false},
		{"and inside or without and keeps one side", filterOrOnly, []Expr{Or{And{eq("status", "A"), eq("name", "x")}, eq("status", "B")}}, `(status eq "A" or status eq "B")`, 0, false},
		{"nested and of conjuncts is flattened", filterEq, []Expr{And{eq("status", "A"), eq("note", "x")}}, `status eq "A"`, 1, false},
		{"not is a superset", filterFull, []Expr{Not{X: eq("status", "A")}}, `not (status eq "A")`, 0, false},
		{"not needs the grammar's not", filterEq, []Expr{Not{X: eq("status", "A")}}, "", 0, false},
		{"not of an or drops what it cannot send", filterFull, []Expr{Not{X: Or{eq("status", "A"), eq("tags", "x")}}}, `not (status eq "A")`, 0, false},
		{"not of an and needs every part", filterFull, []Expr{Not{X: And{eq("status", "A"), eq("tags", "x")}}}, "", 0, false},
		{"not of a case-insensitive match is refused", ciNot, []Expr{Not{X: eq("status", "A")}}, "", 0, false},
		{"not of a case-insensitive enum match is exact", ciNot, []Expr{Not{X: eq("kind", "X")}}, `not (kind eq "X")`, 0, false},
		{"not of a rounded bound is refused", filterFull, []Expr{Not{X: cmp("created", OpGt, subMs)}}, "", 0, false},
		{"not of not widens again", filterFull, []Expr{Not{X: Not{X: Or{eq("status", "A"), eq("name", "b")}}}}, `not (not ((status eq "A" or profile.name eq "b")))`, 0, false},
		{"not of ne is refused (ne may select absent values)", filterFull, []Expr{Not{X: cmp("status", OpNe, "A")}}, "", 0, false},

		// Term limits: the most selective conjunct goes.
		{"one term: equality before a match", oneOrSw, []Expr{cmp("name", OpPrefix, "x"), eq("status", "A")}, `status eq "A"`, 1, false},
		{"one term: an or of two is too many", filterOne, []Expr{cmp("status", OpIn, "a", "b")}, "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := thingsTable(&schema.Pushdown{Filter: tt.g})
			if tt.g.Param == "search" {
				tb.Pushdown = &schema.Pushdown{Search: tt.g}
			}
			p, err := Build(Query{Table: tb, Where: tt.where, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Calls) != 1 {
				t.Fatalf("calls: %v", p.Explain())
			}
			if got := p.Calls[0].Query.Get(tt.g.Param); got != tt.want {
				t.Errorf("%s =\n  %s\nwant\n  %s", tt.g.Param, got, tt.want)
			}
			if len(p.Pushed) != tt.pushed {
				t.Errorf("pushed %v, want %d conjuncts (residual %v)", p.Pushed, tt.pushed, p.Residual)
			}
			if tt.want != "" {
				if _, _, err := parseExpression(tt.want, tt.g); err != nil {
					t.Errorf("the expression does not parse: %v", err)
				}
			}
			// An exact answer sizes pages for a LIMIT; an inexact one cannot.
			p, err = Build(Query{Table: tb, Where: tt.where, Limit: 3, Now: now, Complete: true})
			if err != nil {
				t.Fatal(err)
			}
			sized := p.Calls[0].MaxRows == 3
			if want := tt.pushed == len(flatten(tt.where)) && !tt.inexact; sized != want {
				t.Errorf("LIMIT 3 sized the pages: %v, want %v (%v)", sized, want, p.Explain())
			}
		})
	}
}

// TestExpressionLength keeps a long conjunction within the URL budget,
// leaving the rest to the engine.
func TestExpressionLength(t *testing.T) {
	long := strings.Repeat("x", 900)
	var where []Expr
	for i := 0; i < 10; i++ {
		where = append(where, eq("name", long))
	}
	p, err := Build(Query{Table: thingsTable(&schema.Pushdown{Filter: filterEq}), Where: where, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	f := p.Calls[0].Query.Get("filter")
	if len(f) > maxExpressionLen || len(p.Pushed) == 0 || len(p.Residual) == 0 {
		t.Errorf("filter of %d bytes, %d pushed, %d residual", len(f), len(p.Pushed), len(p.Residual))
	}
}

// TestChoosesSearchOrFilter checks the choice between the two: the one
// that pushes more conjuncts, then carries more, then search; never both.
func TestChoosesSearchOrFilter(t *testing.T) {
	tb := thingsTable(&schema.Pushdown{Search: searchCI, Filter: filterFull})
	tests := []struct {
		name  string
		where []Expr
		param string
	}{
		{"tie goes to search", []Expr{eq("status", "A")}, "search"},
		{"filter pushes more", []Expr{eq("status", "A"), cmp("name", OpSuffix, "x")}, "filter"},
		{"search pushes more", []Expr{eq("kind", "X"), cmp("name", OpPrefix, "x")}, "search"},
		{"on a tie of pushed, carrying more wins", []Expr{cmp("status", OpNe, "A"), cmp("created", OpGt, now)}, "filter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(Query{Table: tb, Where: tt.where, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			q := p.Calls[0].Query
			if q.Get(tt.param) == "" || (q.Get("search") != "" && q.Get("filter") != "") {
				t.Errorf("query %v, want %s only", q, tt.param)
			}
		})
	}
}
