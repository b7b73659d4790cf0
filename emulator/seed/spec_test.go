package seed

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/oktasql/oktasql/internal/spectest"
)

// specSchemas loads components/schemas of the spec, skipping the test when
// the spec is not beside the repository.
func specSchemas(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile(spectest.Path(t, "management-openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas map[string]any `yaml:"schemas"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Components.Schemas
}

// schemaChecker validates decoded JSON against the spec's schemas, strictly:
// an object property the schema does not declare is an error unless the
// schema admits additional properties or declares none; null needs
// nullable; required properties, types, enums and date-times are checked.
type schemaChecker struct {
	schemas map[string]any
}

// check returns the problems of v against schema at path.
func (c *schemaChecker) check(path string, v any, schema any, dispatched bool) []string {
	s := c.resolve(schema)
	if s == nil {
		return nil
	}
	if d, ok := s["discriminator"].(map[string]any); ok && !dispatched {
		prop, _ := d["propertyName"].(string)
		if m, ok := v.(map[string]any); ok {
			if mapping, ok := d["mapping"].(map[string]any); ok {
				if ref, ok := mapping[fmt.Sprint(m[prop])].(string); ok {
					return c.check(path, v, map[string]any{"$ref": ref}, true)
				}
			}
		}
	}
	for _, key := range []string{"anyOf", "oneOf"} {
		if alts, ok := s[key].([]any); ok {
			var all []string
			for _, alt := range alts {
				probs := c.check(path, v, alt, dispatched)
				if len(probs) == 0 {
					return nil
				}
				all = append(all, probs...)
			}
			return append([]string{path + ": matches no " + key + " alternative"}, all...)
		}
	}
	props, required, additional := c.collect(s, dispatched)
	if v == nil {
		if nullable, _ := c.attr(s, "nullable").(bool); !nullable {
			return []string{path + ": null but not nullable"}
		}
		return nil
	}
	var probs []string
	typ, _ := c.attr(s, "type").(string)
	switch typ {
	case "string":
		str, ok := v.(string)
		if !ok {
			return []string{fmt.Sprintf("%s: %T, want string", path, v)}
		}
		if enum, ok := c.attr(s, "enum").([]any); ok && !slices.Contains(enum, any(str)) {
			probs = append(probs, fmt.Sprintf("%s: %q not in enum %v", path, str, enum))
		}
		if f, _ := c.attr(s, "format").(string); f == "date-time" {
			if _, err := time.Parse(time.RFC3339, str); err != nil {
				probs = append(probs, fmt.Sprintf("%s: %q is not a date-time", path, str))
			}
		}
	case "integer", "number":
		f, ok := v.(float64)
		if !ok || (typ == "integer" && f != float64(int64(f))) {
			probs = append(probs, fmt.Sprintf("%s: %v, want %s", path, v, typ))
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			probs = append(probs, fmt.Sprintf("%s: %T, want boolean", path, v))
		}
	case "array":
		arr, ok := v.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %T, want array", path, v)}
		}
		for i, item := range arr {
			probs = append(probs, c.check(fmt.Sprintf("%s[%d]", path, i), item, c.attr(s, "items"), false)...)
		}
	}
	m, isObj := v.(map[string]any)
	if typ == "object" && !isObj {
		return append(probs, fmt.Sprintf("%s: %T, want object", path, v))
	}
	if !isObj {
		return probs
	}
	for _, r := range required {
		if _, ok := m[r]; !ok {
			probs = append(probs, fmt.Sprintf("%s: required property %q missing", path, r))
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ps, ok := props[k]
		switch {
		case ok:
			probs = append(probs, c.check(path+"."+k, m[k], ps, false)...)
		case !additional && len(props) > 0:
			probs = append(probs, fmt.Sprintf("%s: property %q is not in the spec", path, k))
		}
	}
	return probs
}

// resolve follows $refs.
func (c *schemaChecker) resolve(schema any) map[string]any {
	s, _ := schema.(map[string]any)
	for s != nil {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		s, _ = c.schemas[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any)
	}
	return nil
}

// attr returns a keyword of s or of its allOf members.
func (c *schemaChecker) attr(s map[string]any, key string) any {
	if v, ok := s[key]; ok {
		return v
	}
	if all, ok := s["allOf"].([]any); ok {
		for _, sub := range all {
			if v := c.attr(c.resolve(sub), key); v != nil {
				return v
			}
		}
	}
	return nil
}

// collect merges the properties and required lists of s and its allOf
// members, and says whether additional properties are allowed.
func (c *schemaChecker) collect(s map[string]any, dispatched bool) (map[string]any, []string, bool) {
	props := map[string]any{}
	var required []string
	additional := false
	var walk func(s map[string]any)
	walk = func(s map[string]any) {
		if s == nil {
			return
		}
		if all, ok := s["allOf"].([]any); ok {
			for _, sub := range all {
				walk(c.resolve(sub))
			}
		}
		if p, ok := s["properties"].(map[string]any); ok {
			for k, v := range p {
				props[k] = v
			}
		}
		if r, ok := s["required"].([]any); ok {
			for _, x := range r {
				required = append(required, fmt.Sprint(x))
			}
		}
		switch a := s["additionalProperties"].(type) {
		case bool:
			additional = additional || a
		case map[string]any:
			additional = true
		}
	}
	walk(s)
	return props, required, additional
}

// checkAgainst marshals each object and checks it against the named schema.
func checkAgainst[T any](t *testing.T, c *schemaChecker, schema string, objs []T) {
	t.Helper()
	t.Run(schema, func(t *testing.T) {
		if len(objs) == 0 {
			t.Fatalf("no %s to check", schema)
		}
		for i, o := range objs {
			b, err := json.Marshal(o)
			if err != nil {
				t.Fatal(err)
			}
			var v any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatal(err)
			}
			if probs := c.check(fmt.Sprintf("%s[%d]", schema, i), v, map[string]any{"$ref": "#/components/schemas/" + schema}, false); len(probs) > 0 {
				t.Fatalf("%d problems, first: %s\n%s", len(probs), strings.Join(probs[:min(5, len(probs))], "\n"), b)
			}
		}
	})
}

// TestSpecShapes checks that every generated object marshals to its schema
// in Okta's spec, with no property the spec lacks (profile custom attributes
// aside).
func TestSpecShapes(t *testing.T) {
	c := &schemaChecker{schemas: specSchemas(t)}
	org := Generate(Config{Users: 400, Seed: 3, Now: benchNow})
	var appUsers []*AppUser
	var appGroups []*AppGroup
	for _, app := range org.Apps {
		appUsers = append(appUsers, org.AppUsers[app.ID]...)
		appGroups = append(appGroups, org.AppGroups[app.ID]...)
	}
	var factors []*Factor
	for _, u := range org.Users {
		factors = append(factors, org.Factors[u.ID]...)
	}
	checkAgainst(t, c, "User", org.Users)
	checkAgainst(t, c, "Group", org.Groups)
	checkAgainst(t, c, "Application", org.Apps)
	checkAgainst(t, c, "AppUser", appUsers)
	checkAgainst(t, c, "ApplicationGroupAssignment", appGroups)
	checkAgainst(t, c, "UserFactor", factors)
	checkAgainst(t, c, "UserType", org.UserTypes)
	checkAgainst(t, c, "LogEvent", org.Events)
}

// TestSchemaCheckerCatches makes sure the checker rejects what it must.
func TestSchemaCheckerCatches(t *testing.T) {
	c := &schemaChecker{schemas: specSchemas(t)}
	tests := []struct {
		name   string
		schema string
		json   string
	}{
		{"unknown property", "Group", `{"id":"00g1","bogus":1}`},
		{"wrong type", "Group", `{"id":5}`},
		{"null not nullable", "Group", `{"created":null}`},
		{"bad enum", "Group", `{"type":"NOT_A_TYPE"}`},
		{"bad date-time", "User", `{"created":"yesterday"}`},
		{"required missing", "UserType", `{"name":"x"}`},
		{"discriminated subtype", "Application", `{"signOnMode":"BOOKMARK","label":"x","name":"bookmark","settings":{"app":{}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v any
			if err := json.Unmarshal([]byte(tt.json), &v); err != nil {
				t.Fatal(err)
			}
			if probs := c.check(tt.schema, v, map[string]any{"$ref": "#/components/schemas/" + tt.schema}, false); len(probs) == 0 {
				t.Errorf("%s accepted by %s", tt.json, tt.schema)
			}
		})
	}
}
