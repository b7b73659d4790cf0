package scim

import (
	"reflect"
	"testing"
)

// FuzzParse checks that Parse never panics, that every error is an *Error,
// and that String() of every parsed expression parses back to an equal tree.
// Run with: go test -fuzz=FuzzParse ./emulator/scim
func FuzzParse(f *testing.F) {
	seeds := []string{
		`profile.login eq "a@example.com"`,
		`status eq "ACTIVE" and (lastUpdated gt "2024-01-01T00:00:00.000Z" or id pr)`,
		`not (a eq "1") or b ne 2.5e-3 and c eq true and d eq null`,
		`x eq "esc \" \\ \u00e9 \ud83d\ude00"`,
		`((a sw "x"))`, `a eq`, `"unterminated`, `a eq "1" and`, `a like 1`, `a eq 1 )`,
		`n eq -0`, `n eq 1e308`, "a eq \"\xff\"", `not(not(a pr))`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := Parse(s)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Parse(%q) error %T is not *Error", s, err)
			}
			return
		}
		again, err := Parse(e.String())
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q does not parse: %v", s, e.String(), err)
		}
		if !reflect.DeepEqual(again, e) {
			t.Fatalf("round trip of %q: %q parsed to %q", s, e.String(), again.String())
		}
		Match(e, func(string) []any { return []any{"x", 1.0, true, nil} }, true)
	})
}
