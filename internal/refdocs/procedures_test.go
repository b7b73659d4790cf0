package refdocs

import (
	"testing"

	"github.com/oktasql/oktasql/schema"
)

func TestProcedureGroup(t *testing.T) {
	tests := []struct {
		name string
		p    schema.Procedure
		want string
	}{
		{"on a table", schema.Procedure{Table: "users", Operation: schema.Operation{Path: "/api/v1/users/{id}/lifecycle/suspend"}}, "users"},
		{"on no table", schema.Procedure{Operation: schema.Operation{Path: "/webauthn-registration/api/v1/send-pin"}}, "webauthn_registration"},
		{"leading parameter", schema.Procedure{Operation: schema.Operation{Path: "/api/v1/{x}/y"}}, "y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := procedureGroup(&tt.p); got != tt.want {
				t.Errorf("procedureGroup = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPathMatches(t *testing.T) {
	tests := []struct {
		template, path string
		want           bool
	}{
		{"/api/v1/users/{id}/lifecycle/suspend", "/api/v1/users/00u1/lifecycle/suspend", true},
		{"/api/v1/users/{id}/lifecycle/suspend", "/api/v1/users/00u1/lifecycle/unsuspend", false},
		{"/api/v1/users/{id}", "/api/v1/users/00u1/lifecycle", false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := pathMatches(tt.template, tt.path); got != tt.want {
				t.Errorf("pathMatches(%q, %q) = %v", tt.template, tt.path, got)
			}
		})
	}
}
