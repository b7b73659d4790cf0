package scim

import (
	"net/url"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/oktasql/oktasql/internal/spectest"
)

// specExamples returns every filter and search expression the spec gives as
// a parameter example or in a parameter description, URL-decoded.
func specExamples(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(spectest.Path(t, "management-openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths      map[string]map[string]any `yaml:"paths"`
		Components map[string]map[string]any `yaml:"components"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	resolve := func(v any) map[string]any {
		m, _ := v.(map[string]any)
		for m != nil {
			ref, ok := m["$ref"].(string)
			if !ok {
				break
			}
			parts := strings.Split(ref, "/") // #/components/<kind>/<name>
			m, _ = doc.Components[parts[2]][parts[3]].(map[string]any)
		}
		return m
	}
	inText := regexp.MustCompile("`(?:filter|search)=([^`]+)`")
	found := map[string]bool{}
	add := func(s string) {
		if dec, err := url.QueryUnescape(s); err == nil {
			s = dec
		}
		found[s] = true
	}
	for _, item := range doc.Paths {
		var params []any
		for key, v := range item {
			if key == "parameters" {
				params = append(params, v.([]any)...)
			} else if op, ok := v.(map[string]any); ok {
				if ps, ok := op["parameters"].([]any); ok {
					params = append(params, ps...)
				}
			}
		}
		for _, raw := range params {
			p := resolve(raw)
			if name := p["name"]; p["in"] != "query" || (name != "filter" && name != "search") {
				continue
			}
			if ex, ok := p["example"].(string); ok {
				add(ex)
			}
			if exs, ok := p["examples"].(map[string]any); ok {
				for _, ex := range exs {
					if v, ok := resolve(ex)["value"].(string); ok {
						add(v)
					}
				}
			}
			desc, _ := p["description"].(string)
			for _, m := range inText.FindAllStringSubmatch(desc, -1) {
				add(m[1])
			}
		}
	}
	out := make([]string, 0, len(found))
	for s := range found {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// TestSpecExamplesParse parses every filter and search example of Okta's
// spec and checks that String round-trips it.
func TestSpecExamplesParse(t *testing.T) {
	examples := specExamples(t)
	if len(examples) < 20 {
		t.Fatalf("only %d examples found in the spec", len(examples))
	}
	for _, ex := range examples {
		t.Run(ex, func(t *testing.T) {
			e, err := Parse(ex)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			again, err := Parse(e.String())
			if err != nil || !reflect.DeepEqual(again, e) {
				t.Errorf("round trip of %q: %v", e.String(), err)
			}
		})
	}
}
