package openapi

import "testing"

func TestNaming(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"singular ies", singular("policies"), "policy"},
		{"singular s", singular("group_rules"), "group_rule"},
		{"singular ss", singular("access"), "access"},
		{"singular status", singular("status"), "status"},
		{"path name", pathName("/api/v1/authorizationServers/{a}/policies/{p}/rules"), "authorization_server_policy_rules"},
		{"path name skip", pathName("/api/v1/users/{id}/lifecycle/reset_password", "lifecycle"), "user_reset_password"},
		{"path name prefix", pathName("/integrations/api/v1/api-services"), "api_services"},
		{"path name well-known", pathName("/.well-known/assetlinks.json"), "well_known_assetlinks_json"},
		{"key id", keyColumnName("/api/v1/users/{id}/groups", "id"), "user_id"},
		{"key named", keyColumnName("/api/v1/groups/{groupId}/users", "groupId"), "group_id"},
		{"normalize", normalize("/api/v1/users/{userId}/x"), "/api/v1/users/{}/x"},
		{"verb", verb("revokeUserSessions"), "revoke"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}
