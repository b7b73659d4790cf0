package tables_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/server"
	"github.com/oktasql/oktasql/tables"
)

// TestOAuthScopesOfTables reads tables as an OAuth service app granted
// some scopes: with no scopes configured, the token follows the tables
// read and a table whose scope is not granted fails alone, naming it;
// with scopes configured, Okta's 403 is reported with the scope the table
// needs.
func TestOAuthScopesOfTables(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	emu, err := emulator.Start(emulator.Config{Users: 20, Seed: 7, Now: harnessNow, OAuth: &emulator.OAuthConfig{ClientID: "0oaservice", PublicKey: key.Public(),
		Scopes: []string{"okta.users.read", "okta.groups.read", "okta.schemas.read"}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu.Close)
	open := func(scopes ...string) *tables.Org {
		client, err := fetcher.New(emu.URL, fetcher.WithOAuth(fetcher.OAuth{ClientID: "0oaservice", PrivateKey: key, Scopes: scopes}))
		if err != nil {
			t.Fatal(err)
		}
		org := &tables.Org{Name: "okta", Catalog: schema.Default(), API: client, Now: func() time.Time { return harnessNow }}
		if err := org.LoadCustomAttributes(context.Background()); err != nil {
			t.Fatalf("custom attributes: %v", err)
		}
		return org
	}
	tests := []struct {
		name   string
		scopes []string
		query  string
		err    string // "" for success
	}{
		{"default: users", nil, "SELECT count(*) FROM users WHERE status = 'ACTIVE'", ""},
		{"default: groups", nil, "SELECT count(*) FROM groups", ""},
		{"default: apps is not granted", nil, "SELECT count(*) FROM apps", "Okta refused the scopes okta.apps.read (invalid_scope)"},
		{"configured: groups is not requested", []string{"okta.users.read", "okta.schemas.read"}, "SELECT count(*) FROM groups",
			"403 E0000006 You do not have permission to perform the requested action"},
	}
	dbs := map[string]queryer{}
	for _, tt := range tests {
		if key := strings.Join(tt.scopes, " "); dbs[key] == nil {
			dbs[key] = serveOrgs(t, []*tables.Org{open(tt.scopes...)}, server.Options{})
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := query(t, dbs[strings.Join(tt.scopes, " ")], tt.query, false)
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("error %v", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("error %v, want %s", err, tt.err)
			}
			if tt.err != "" && strings.Contains(tt.err, "403") && !strings.Contains(err.Error(), "needs the OAuth scope okta.groups.read") {
				t.Errorf("the 403 does not name okta.groups.read: %v", err)
			}
		})
	}
}
