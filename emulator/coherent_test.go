package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/oktasql/oktasql/schema"
)

// sameObjectExceptions are the tables whose item GET answers another
// shape than their list, as Okta's does.
var sameObjectExceptions = map[string]string{
	"org_contacts":       "the list gives each contact type, the item GET its user",
	"log_stream_schemas": "the item GET takes a log stream type, which the listed schemas hold only at the end of their URL id",
}

// TestItemGetIsTheListedObject holds the item GET of every catalog table
// that has one to the object its list gives, the first request of a fresh
// org included: an org seeded like another answers the GET of each item
// the other lists, before any list, with the same object.
func TestItemGetIsTheListedObject(t *testing.T) {
	lister, fresh := testOrg(t), testOrg(t)
	checked := 0
	for _, tb := range schema.Default().Tables {
		if tb.Get == nil || tb.List.Method != http.MethodGet || tb.SingleRow {
			continue
		}
		t.Run(tb.Name, func(t *testing.T) {
			if reason, ok := sameObjectExceptions[tb.Name]; ok {
				t.Skip(reason)
			}
			values := map[string]string{}
			for _, k := range tb.Keys {
				if k.PathParam == "" {
					t.Skipf("key %s is a query parameter", k.Column)
				}
				if values[k.PathParam] = keyValue(t, lister, k, 0); values[k.PathParam] == "" {
					t.Skipf("no %s to list the items under", k.Column)
				}
			}
			path, err := schema.ExpandPath(tb.List.Path, values)
			if err != nil {
				t.Fatal(err)
			}
			status, _, v := get(t, lister, path+requiredQueries(tb.List)[0])
			if status != http.StatusOK {
				t.Skipf("GET %s: %d", path, status)
			}
			items, _ := v.([]any)
			if m, ok := v.(map[string]any); ok && tb.Envelope != "" {
				items, _ = m[tb.Envelope].([]any)
			}
			col := tb.Column(tb.ItemColumn)
			for _, it := range items {
				obj, _ := it.(map[string]any)
				id, ok := valueAt(obj, col.Path)
				if !ok {
					t.Errorf("an item of %s has no %s: %v", path, tb.ItemColumn, obj)
					continue
				}
				values[tb.ItemParam] = fmt.Sprint(id)
				item, err := schema.ExpandPath(tb.Get.Path, values)
				if err != nil {
					t.Fatal(err)
				}
				status, _, got := get(t, fresh, item)
				if status != http.StatusOK || !jsonEqual(hostless(fresh, got), hostless(lister, obj)) {
					b, _ := json.Marshal(got)
					want, _ := json.Marshal(obj)
					t.Errorf("GET %s on a fresh org: %d %.400s\nthe list has %.400s", item, status, b, want)
				}
				checked++
			}
		})
	}
	if checked < 40 {
		t.Errorf("only %d items were read by their GET", checked)
	}
	t.Logf("%d items read by their GET", checked)
}

// hostless is v's JSON with srv's URL as another server's would be: the
// answers of two servers differ in the links they build.
func hostless(srv *httptest.Server, v any) any {
	b, _ := json.Marshal(v)
	var out any
	json.Unmarshal([]byte(strings.ReplaceAll(string(b), srv.URL, "http://ORG")), &out)
	return out
}

// jsonEqual compares two values by their JSON.
func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
