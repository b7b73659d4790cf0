package emulator

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/oktasql/oktasql/schema"
)

// unknownID names no object of any emulated org.
const unknownID = "0zzNoSuchParent00000"

// keyValue returns a value of key k that names an existing parent: the
// value of the key's source column in the first row of its source table
// (read under the source table's own keys, found the same way), or ""
// when no row or no source table gives one.
func keyValue(t *testing.T, srv *httptest.Server, k schema.KeyColumn, depth int) string {
	t.Helper()
	src := schema.Default().Table(k.SourceTable)
	if src == nil || depth > 4 || src.List.Method != http.MethodGet {
		return ""
	}
	values := map[string]string{}
	for _, sk := range src.Keys {
		if sk.PathParam == "" {
			return ""
		}
		if values[sk.PathParam] = keyValue(t, srv, sk, depth+1); values[sk.PathParam] == "" {
			return ""
		}
	}
	path, err := schema.ExpandPath(src.List.Path, values)
	if err != nil {
		t.Fatal(err)
	}
	status, _, v := get(t, srv, path+requiredQueries(src.List)[0])
	if status != http.StatusOK {
		return ""
	}
	var items []any
	switch v := v.(type) {
	case []any:
		items = v
	case map[string]any:
		items, _ = v[src.Envelope].([]any)
		if src.SingleRow {
			items = []any{v}
		}
	}
	col := src.Column(k.SourceColumn)
	if len(items) == 0 || col == nil || len(col.Path) == 0 {
		return ""
	}
	obj, _ := items[0].(map[string]any)
	val, ok := valueAt(obj, col.Path)
	if s, isString := val.(string); ok && isString {
		return s
	}
	return ""
}

// TestUnknownParents holds every child endpoint of the catalog to Okta's
// answer under a parent that does not exist: 404 E0000007, not the rows
// of some other parent (nor the spec's example rows). Each key of a list
// path that names a parent is made unknown in turn, the keys before it
// naming existing parents.
func TestUnknownParents(t *testing.T) {
	srv := testOrg(t)
	checked := 0
	for _, tb := range schema.Default().Tables {
		if tb.List.Method != http.MethodGet || len(tb.Keys) == 0 {
			continue
		}
		template := strings.Split(strings.Trim(tb.List.Path, "/"), "/")
		t.Run(tb.Name, func(t *testing.T) {
			values := map[string]string{}
			for _, k := range tb.Keys {
				values[k.PathParam] = "x"
			}
			for _, k := range tb.Keys {
				if k.PathParam == "" {
					continue
				}
				if template[len(template)-1] == "{"+k.PathParam+"}" {
					break // the object read itself, not a parent
				}
				values[k.PathParam] = unknownID
				path, err := schema.ExpandPath(tb.List.Path, values)
				if err != nil {
					t.Fatal(err)
				}
				path += requiredQueries(tb.List)[0]
				status, _, v := get(t, srv, path)
				body, _ := v.(map[string]any)
				if status != http.StatusNotFound || body["errorCode"] != "E0000007" {
					t.Errorf("GET %s: status %d, want 404 E0000007: %.200v", path, status, v)
				}
				checked++
				if values[k.PathParam] = keyValue(t, srv, k, 0); values[k.PathParam] == "" {
					t.Logf("no existing %s to read the next keys under", k.Column)
					break
				}
			}
		})
	}
	if checked < 80 {
		t.Errorf("only %d unknown parents were checked", checked)
	}
	t.Logf("%d unknown parents checked", checked)
}
