package schema

import (
	"bytes"
	"testing"
)

func TestDefault(t *testing.T) {
	c := Default()
	if c != Default() {
		t.Error("Default decodes more than once")
	}
	if c.Release == "" || len(c.Tables) == 0 || len(c.Procedures) == 0 || len(c.Mappings) == 0 {
		t.Fatalf("embedded catalog is empty: release %q, %d tables", c.Release, len(c.Tables))
	}
	for _, tb := range c.Tables {
		for _, col := range tb.Columns {
			if col.Comment != "" {
				t.Fatalf("%s.%s carries a comment from the spec", tb.Name, col.Name)
			}
		}
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	data, err := Encode(Default())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, EmbeddedJSON()) {
		t.Error("Encode(Decode(catalog.json)) differs from catalog.json")
	}
	if _, err := Decode([]byte("{")); err == nil {
		t.Error("Decode accepted truncated JSON")
	}
}

func TestLookups(t *testing.T) {
	c := Default()
	users := c.Table("users")
	tests := []struct {
		name string
		ok   bool
	}{
		{"table users", users != nil},
		{"no table", c.Table("nope") == nil},
		{"procedure", c.Procedure("user_activate") != nil},
		{"no procedure", c.Procedure("nope") == nil},
		{"column", users.Column("profile_login") != nil},
		{"no column", users.Column("nope") == nil},
		{"column at path", users.ColumnAt("profile", "login") == users.Column("profile_login")},
		{"mapping", c.Mapping("listUsers") != nil && c.Mapping("listUsers").Target == "users"},
		{"no mapping", c.Mapping("nope") == nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.ok {
				t.Fail()
			}
		})
	}
}

func TestPushableColumns(t *testing.T) {
	c := Default()
	tests := []struct {
		table string
		want  []string
		not   []string
	}{
		{"users", []string{"id", "status", "profile_login", "profile_department", "type_id", "last_updated"}, []string{"links", "credentials"}},
		{"group_members", []string{"group_id"}, []string{"id"}},
		{"system_log", []string{"event_type", "actor_id", "published", "outcome_result"}, []string{"links"}},
		{"apps", []string{"id", "status", "name", "credentials_signing_kid"}, []string{"sign_on_mode"}},
	}
	for _, tt := range tests {
		t.Run(tt.table, func(t *testing.T) {
			got := map[string]bool{}
			for _, n := range c.Table(tt.table).PushableColumns() {
				got[n] = true
			}
			for _, n := range tt.want {
				if !got[n] {
					t.Errorf("%s not pushable", n)
				}
			}
			for _, n := range tt.not {
				if got[n] {
					t.Errorf("%s pushable", n)
				}
			}
		})
	}
}
