package planner

import (
	"testing"
	"unicode/utf8"

	"github.com/oktasql/oktasql/schema"
)

// FuzzEscaping renders any value into a filter and parses it back: the
// expression must hold exactly one comparison whose literal is the value,
// so no value can change the expression's structure. Values that are not
// valid UTF-8 must not be sent at all. Run with go test -fuzz=FuzzEscaping.
func FuzzEscaping(f *testing.F) {
	for _, s := range []string{`x" or id pr or "`, `\`, `\"`, `"`, "a\x00b", "\u2028", "é", "a\xff", `) or (id pr`, " and ", ""} {
		f.Add(s)
	}
	tb := thingsTable(&schema.Pushdown{Filter: filterFull})
	f.Fuzz(func(t *testing.T, s string) {
		for _, op := range []Op{OpEq, OpNe, OpPrefix, OpContains, OpSuffix} {
			p, err := Build(Query{Table: tb, Where: []Expr{Cmp{Column: "name", Op: op, Values: []any{s}}}, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			text := p.Calls[0].Query.Get("filter")
			if !utf8.ValidString(s) {
				if text != "" {
					t.Fatalf("invalid UTF-8 %q sent as %s", s, text)
				}
				continue
			}
			e, terms, err := parseExpression(text, filterFull)
			if err != nil {
				t.Fatalf("%q: %v", s, err)
			}
			c, ok := e.(fcmp)
			if !ok || terms != 1 || c.attr != "profile.name" || c.op != sqlOps[op] || c.lit != s {
				t.Fatalf("%q rendered as %s, parsed as %#v", s, text, e)
			}
		}
	})
}

// TestNilExpressions checks that missing expressions neither panic nor
// count as conjuncts.
func TestNilExpressions(t *testing.T) {
	p, err := Build(Query{Table: thingsTable(&schema.Pushdown{Filter: filterFull}), Where: []Expr{nil, Or{eq("status", "a"), nil}, Not{}}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Residual) != 2 || len(p.Pushed) != 0 || p.Calls[0].Query.Get("filter") != "" {
		t.Errorf("plan %v", p.Explain())
	}
	if got := p.Residual[0].String() + " " + p.Residual[1].String(); got != "(status = 'a') OR (?) NOT (?)" {
		t.Errorf("String() = %s", got)
	}
}
