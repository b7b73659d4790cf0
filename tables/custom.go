package tables

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"

	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/schema"
)

// customSchemas are the profile schemas whose custom attributes become
// typed columns: the table, and the operation and path that describe it.
var customSchemas = []struct{ table, operation, path string }{
	{"users", "getUserSchema", "/api/v1/meta/schemas/user/default"},
	{"groups", "getGroupSchema", "/api/v1/meta/schemas/group/default"},
}

// LoadCustomAttributes reads the org's user and group profile schemas once
// and adds a typed column for each custom attribute (costCenter becomes
// profile_cost_center), so they can be selected and pushed down like the
// base attributes. It is called when an org is opened, never during a
// query, so introspection stays free of API calls.
func (o *Org) LoadCustomAttributes(ctx context.Context) error {
	cat := *o.Catalog
	cat.Tables = append([]*schema.Table(nil), o.Catalog.Tables...)
	for _, cs := range customSchemas {
		i := tableIndex(&cat, cs.table)
		if i < 0 {
			continue
		}
		var scopes []string
		if op := cat.Operation(cs.operation); op != nil {
			scopes = op.Scopes
		}
		resp, err := o.API.Do(ctx, fetcher.Request{Operation: cs.operation, Method: http.MethodGet, Path: cs.path, Idempotent: true, Scopes: scopes})
		if err != nil {
			return fmt.Errorf("reading the custom attributes of %s: %w", cs.table, err)
		}
		cols, err := customColumns(cat.Tables[i], resp.Body)
		if err != nil {
			return fmt.Errorf("reading the custom attributes of %s: %w", cs.table, err)
		}
		if len(cols) == 0 {
			continue
		}
		t := *cat.Tables[i]
		t.Columns = append(append([]*schema.Column(nil), t.Columns...), cols...)
		cat.Tables[i] = &t
	}
	o.Catalog = &cat
	return nil
}

func tableIndex(c *schema.Catalog, name string) int {
	for i, t := range c.Tables {
		if t.Name == name {
			return i
		}
	}
	return -1
}

// customColumns returns the columns of the custom properties in a profile
// schema document that the table does not have yet.
func customColumns(t *schema.Table, doc []byte) ([]*schema.Column, error) {
	var s struct {
		Definitions struct {
			Custom struct {
				Properties map[string]struct {
					Type   string `json:"type"`
					Format string `json:"format"`
				} `json:"properties"`
			} `json:"custom"`
		} `json:"definitions"`
	}
	if err := json.Unmarshal(doc, &s); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(s.Definitions.Custom.Properties))
	for name := range s.Definitions.Custom.Properties {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []*schema.Column
	for _, name := range names {
		prop := s.Definitions.Custom.Properties[name]
		path := []string{"profile", name}
		if columnByPath(t, path) != nil {
			continue
		}
		col := &schema.Column{Name: "profile_" + schema.SnakeCase(name), Type: schema.ColumnTypeOf(prop.Type, prop.Format), Path: path, Nullable: true}
		if t.Column(col.Name) != nil {
			continue
		}
		out = append(out, col)
	}
	return out, nil
}
