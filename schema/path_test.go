package schema

import "testing"

func TestExpandPath(t *testing.T) {
	tests := []struct {
		name     string
		template string
		values   map[string]string
		want     string
		wantErr  bool
	}{
		{"plain", "/api/v1/users", nil, "/api/v1/users", false},
		{"one", "/api/v1/groups/{groupId}/users", map[string]string{"groupId": "00g1"}, "/api/v1/groups/00g1/users", false},
		{"two", "/api/v1/groups/{groupId}/users/{userId}", map[string]string{"groupId": "g", "userId": "u"}, "/api/v1/groups/g/users/u", false},
		{"escaped", "/api/v1/users/{id}", map[string]string{"id": "a/b?c d@x"}, "/api/v1/users/a%2Fb%3Fc%20d@x", false},
		{"missing", "/api/v1/users/{id}", map[string]string{}, "", true},
		{"empty", "/api/v1/users/{id}", map[string]string{"id": ""}, "", true},
		{"unterminated", "/api/v1/users/{id", map[string]string{"id": "x"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ExpandPath(tt.template, tt.values)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ExpandPath(%q) error = %v, want error %v", tt.template, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ExpandPath(%q) = %q, want %q", tt.template, got, tt.want)
			}
		})
	}
}

func TestPathParams(t *testing.T) {
	got := PathParams("/api/v1/authorizationServers/{authServerId}/policies/{policyId}/rules")
	if len(got) != 2 || got[0] != "authServerId" || got[1] != "policyId" {
		t.Errorf("PathParams = %v", got)
	}
}
