package schema

import "testing"

func TestSnakeCase(t *testing.T) {
	tests := map[string]string{
		"firstName":             "first_name",
		"ipAddress":             "ip_address",
		"_links":                "links",
		"email-servers":         "email_servers",
		"assetlinks.json":       "assetlinks_json",
		"endUserSupportHelpURL": "end_user_support_help_url",
		"OAuth2Scope":           "o_auth2_scope",
		"userIdOrLogin":         "user_id_or_login",
		"already_snake":         "already_snake",
		"HTTPServer":            "http_server",
		"":                      "",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := SnakeCase(in); got != want {
				t.Errorf("SnakeCase(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestKeyFor(t *testing.T) {
	tb := Default().Table("user_linked_objects")
	tests := []struct {
		param string
		want  string
	}{
		{"userIdOrLogin", "user_id_or_login"},
		{"primaryRelationshipName", "relationship_name"},
		{"primaryUserId", ""},
	}
	for _, tt := range tests {
		t.Run(tt.param, func(t *testing.T) {
			got := ""
			if k := tb.KeyFor(tb.Create, tt.param); k != nil {
				got = k.Column
			}
			if got != tt.want {
				t.Errorf("KeyFor(%s) = %q, want %q", tt.param, got, tt.want)
			}
		})
	}
}
