package schema

import (
	"strings"
	"testing"
)

// TestRequiredColumns checks what describe lists for a write: the columns
// filling its path (the item's natural key included), its required body
// values' columns, and @variables for its required query parameters; a
// value required only inside an object the write may leave out is not.
func TestRequiredColumns(t *testing.T) {
	c := Default()
	for _, tt := range []struct {
		table, kind, want string
	}{
		{"idp_keys", "delete", "kid"},
		{"role_permissions", "insert", "role_id_or_label,label"},
		{"app_group_push_mappings", "delete", "app_id,id,@deleteTargetGroup"},
		{"app_group_push_mappings", "insert", "app_id,source_group_id"},
		{"email_domains", "insert", "domain,brand_id,display_name,user_name"},
		{"identity_source_users", "update", "identity_source_id,external_id"},
		{"bot_protection_configuration", "update", "level,mode"},
	} {
		t.Run(tt.table+"/"+tt.kind, func(t *testing.T) {
			tb := c.Table(tt.table)
			if tb == nil {
				t.Fatalf("no table %s", tt.table)
			}
			op := map[string]*Operation{"insert": tb.Create, "update": tb.Update, "delete": tb.Delete}[tt.kind]
			if op == nil {
				t.Fatalf("%s has no %s", tt.table, tt.kind)
			}
			if got := strings.Join(tb.RequiredColumns(op), ","); got != tt.want {
				t.Errorf("RequiredColumns = %s, want %s", got, tt.want)
			}
		})
	}
}
