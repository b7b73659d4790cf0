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
	d := newDecoder("users", sampleColumns())
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
	tests := []struct {
		name string
		col  *schema.Column
		item string
	}{
		{"bad datetime", &schema.Column{Name: "created", Type: schema.TypeDatetime, Path: []string{"created"}}, `{"created":"yesterday"}`},
		{"number for boolean", &schema.Column{Name: "system", Type: schema.TypeBoolean, Path: []string{"system"}}, `{"system":3}`},
		{"fraction for integer", &schema.Column{Name: "priority", Type: schema.TypeInteger, Path: []string{"priority"}}, `{"priority":1.5}`},
		{"not JSON", &schema.Column{Name: "id", Type: schema.TypeString, Path: []string{"id"}}, `{"id":`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDecoder("t", []*schema.Column{tt.col})
			if _, err := d.decode(json.RawMessage(tt.item), nil); err == nil {
				t.Errorf("decode(%s) did not fail", tt.item)
			}
		})
	}
}

func BenchmarkDecodeProjected(b *testing.B) {
	cols := sampleColumns()[:5]
	d := newDecoder("users", cols)
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
	d := newDecoder("users", []*schema.Column{
		{Name: "id", Type: schema.TypeString, Path: []string{"id"}},
		{Name: "profile", Type: schema.TypeJSON, Path: []string{"profile"}},
	})
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
