package tables

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/oktasql/oktasql/schema"
)

// sampleUser is a user object in Okta's shape.
const sampleUser = `{"id":"00u1f3x9qrKLM8zzn0g4","status":"ACTIVE","created":"2023-03-01T10:00:00.000Z","activated":null,
"statusChanged":"2023-03-02T10:00:00.000Z","lastLogin":"2026-10-30T08:15:00.000Z","lastUpdated":"2026-10-01T12:00:00.000Z",
"passwordChanged":"2023-03-02T10:00:00.000Z","type":{"id":"oty1f3x9qrKLM8zzn0g4"},
"profile":{"firstName":"Ada","lastName":"Lovelace","mobilePhone":null,"secondEmail":null,"login":"ada.lovelace@example.com",
"email":"ada.lovelace@example.com","department":"Engineering","title":"Staff Engineer","costCenter":"CC-100","employeeType":"Employee",
"tags":["a","b"]},
"credentials":{"password":{},"provider":{"type":"OKTA","name":"OKTA"}},
"_links":{"self":{"href":"https://example.okta.com/api/v1/users/00u1f3x9qrKLM8zzn0g4"}}}`

func sampleColumns() []*schema.Column {
	return []*schema.Column{
		{Name: "id", Type: schema.TypeString, Path: []string{"id"}},
		{Name: "status", Type: schema.TypeString, Path: []string{"status"}},
		{Name: "created", Type: schema.TypeDatetime, Path: []string{"created"}},
		{Name: "activated", Type: schema.TypeDatetime, Path: []string{"activated"}},
		{Name: "profile_login", Type: schema.TypeString, Path: []string{"profile", "login"}},
		{Name: "profile_missing", Type: schema.TypeString, Path: []string{"profile", "nickName"}},
		{Name: "credentials_provider_type", Type: schema.TypeString, Path: []string{"credentials", "provider", "type"}},
		{Name: "profile", Type: schema.TypeJSON, Path: []string{"profile"}},
		{Name: "group_id", Type: schema.TypeString, PathParam: "groupId"},
	}
}

func TestDecode(t *testing.T) {
	d := newDecoder(&schema.Table{Name: "users", Columns: sampleColumns()}, sampleColumns())
	row, err := d.decode(json.RawMessage(sampleUser), map[string]string{"group_id": "00g1"})
	if err != nil {
		t.Fatal(err)
	}
	created := time.Date(2023, 3, 1, 10, 0, 0, 0, time.UTC)
	if row[0] != "00u1f3x9qrKLM8zzn0g4" || row[1] != "ACTIVE" || row[2] != created || row[3] != nil ||
		row[4] != "ada.lovelace@example.com" || row[5] != nil || row[6] != "OKTA" || row[8] != "00g1" {
		t.Errorf("row = %v", row)
	}
	doc, ok := row[7].(types.JSONDocument)
	if !ok {
		t.Fatalf("profile is %T", row[7])
	}
	if m, _ := doc.Val.(map[string]any); m["department"] != "Engineering" {
		t.Errorf("profile = %v", doc.Val)
	}
}

func TestDecodeErrors(t *testing.T) {
	id := &schema.Column{Name: "id", Type: schema.TypeString, Path: []string{"id"}}
	tests := []struct {
		name string
		col  *schema.Column
		item string
		want string
	}{
		{"bad datetime", &schema.Column{Name: "created", Type: schema.TypeDatetime, Path: []string{"created"}}, `{"created":"yesterday"}`,
			`oktasql: table t: decoding an item: column created: value "yesterday" is not a date and time`},
		{"number for datetime", &schema.Column{Name: "created", Type: schema.TypeDatetime, Path: []string{"created"}}, `{"created":1700000000}`,
			`oktasql: table t: decoding an item: column created: value 1700000000 does not fit type datetime`},
		{"number for boolean", &schema.Column{Name: "system", Type: schema.TypeBoolean, Path: []string{"system"}}, `{"system":3}`,
			`oktasql: table t: decoding an item: column system: value 3 does not fit type boolean`},
		{"fraction for integer", &schema.Column{Name: "priority", Type: schema.TypeInteger, Path: []string{"priority"}}, `{"priority":1.5}`,
			`oktasql: table t: decoding an item: column priority: value 1.5 does not fit type integer`},
		{"not JSON", id, `{"id":`, `oktasql: table t: decoding an item: malformed JSON: value expected at end of input`},
		{"an array for an object", id, `[{"id":"1"}]`, `oktasql: table t: an item is an array where the spec declares an object`},
		{"a string for an object", id, `"1"`, `oktasql: table t: an item is a string where the spec declares an object`},
		{"nothing for an object", id, ``, `oktasql: table t: an item is nothing where the spec declares an object`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cols := []*schema.Column{tt.col}
			d := newDecoder(&schema.Table{Name: "t", Columns: cols}, cols)
			if _, err := d.decode(json.RawMessage(tt.item), nil); err == nil || err.Error() != tt.want {
				t.Errorf("decode(%s) error %v, want %s", tt.item, err, tt.want)
			}
		})
	}
}

// TestDecodeScalarItems decodes the items of a table whose items are not
// objects (a list of strings): the whole item is the value.
func TestDecodeScalarItems(t *testing.T) {
	cols := []*schema.Column{{Name: "value", Type: schema.TypeString}}
	d := newDecoder(&schema.Table{Name: "t", Columns: cols}, cols)
	row, err := d.decode(json.RawMessage(`"0oa1"`), nil)
	if err != nil || row[0] != "0oa1" {
		t.Errorf("row %v, error %v", row, err)
	}
}

func BenchmarkDecodeProjected(b *testing.B) {
	cols := sampleColumns()[:5]
	d := newDecoder(&schema.Table{Name: "users", Columns: cols}, cols)
	item := json.RawMessage(sampleUser)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := d.decode(item, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzDecode checks that no input makes the selective decoder panic, and
// that every valid JSON object whose selected members fit their columns
// decodes.
func FuzzDecode(f *testing.F) {
	f.Add(sampleUser)
	f.Add(`{"id":"x","profile":{"login":"a\"b","nested":{"x":[1,2,{"y":"}"}]}}}`)
	f.Add(`{"id":`)
	f.Add(`[1,2]`)
	cols := []*schema.Column{
		{Name: "id", Type: schema.TypeString, Path: []string{"id"}},
		{Name: "profile", Type: schema.TypeJSON, Path: []string{"profile"}},
	}
	d := newDecoder(&schema.Table{Name: "users", Columns: cols}, cols)
	f.Fuzz(func(t *testing.T, item string) {
		_, err := d.decode(json.RawMessage(item), nil)
		var obj map[string]any
		if json.Unmarshal([]byte(item), &obj) != nil || obj == nil {
			return
		}
		if _, isString := obj["id"].(string); (isString || obj["id"] == nil) && err != nil {
			t.Errorf("decode(%q) failed on a valid object: %v", item, err)
		}
	})
}
