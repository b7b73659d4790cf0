package openapi

import (
	"slices"
	"testing"

	"github.com/oktasql/oktasql/schema"
)

// TestMergeProps checks how the definitions of one property in allOf parts
// and oneOf variants combine: a definition with no kind only refines the
// typed one, kinds that disagree make JSON, and JSON stays JSON.
func TestMergeProps(t *testing.T) {
	str := func(enum ...string) *shape { return &shape{kind: "string", enum: enum} }
	refine := func(enum ...string) *shape { return &shape{kind: "any", untyped: true, enum: enum} }
	obj := &shape{kind: "object", props: map[string]*shape{"a": str()}}
	tests := []struct {
		name string
		defs []*shape
		kind string
		enum []string
	}{
		{"a refinement keeps the type", []*shape{str(), refine("OKTA")}, "string", []string{"OKTA"}},
		{"a refinement first keeps the later type", []*shape{refine("OKTA"), str("DUO")}, "string", []string{"DUO", "OKTA"}},
		{"variants' enums unite", []*shape{str("OKTA"), str("DUO")}, "string", []string{"OKTA", "DUO"}},
		{"kinds that disagree are JSON", []*shape{str(), obj}, "any", nil},
		{"JSON from a conflict is no refinement", []*shape{str(), obj, str()}, "any", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh := &shape{kind: "object", props: map[string]*shape{}}
			for _, d := range tt.defs {
				mergeProps(sh, &shape{kind: "object", props: map[string]*shape{"p": d}})
			}
			got := sh.props["p"]
			if got.kind != tt.kind || !slices.Equal(sortedCopy(got.enum), sortedCopy(tt.enum)) {
				t.Errorf("kind %s enum %v, want %s %v", got.kind, got.enum, tt.kind, tt.enum)
			}
		})
	}
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// TestEnumeratedStringsAreStrings holds the rule on the generated catalog:
// a property that every definition types as a string (user factors'
// factorType and provider, refined per subtype) is a string column.
func TestEnumeratedStringsAreStrings(t *testing.T) {
	f := schema.Default().Table("user_factors")
	for _, name := range []string{"factor_type", "provider"} {
		if c := f.Column(name); c == nil || c.Type != schema.TypeString || len(c.Enum) == 0 {
			t.Errorf("user_factors.%s = %+v, want an enumerated string", name, c)
		}
	}
}
