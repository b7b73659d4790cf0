package openapi

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/oktasql/oktasql/schema"

	"github.com/oktasql/oktasql/internal/spectest"
)

var (
	realOnce sync.Once
	realSpec []byte
	realCat  *schema.Catalog
	realErr  error
)

// realCatalog loads the real spec once per test binary.
func realCatalog(t *testing.T) ([]byte, *schema.Catalog) {
	t.Helper()
	path := spectest.Path(t, "management-openapi.yaml")
	realOnce.Do(func() {
		realSpec, realErr = os.ReadFile(path)
		if realErr == nil {
			realCat, realErr = Load(realSpec)
		}
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realSpec, realCat
}

// tsvColumn returns one column of a TSV inventory, header excluded.
func tsvColumn(t *testing.T, file string, col int) []string {
	t.Helper()
	data, err := os.ReadFile(spectest.Path(t, file))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if i > 0 {
			out = append(out, strings.Split(line, "\t")[col])
		}
	}
	return out
}

// TestCatalogFresh fails when the committed catalog.json differs from
// what the generator makes of the spec.
func TestCatalogFresh(t *testing.T) {
	spec, _ := realCatalog(t)
	want, err := Generate(spec)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, schema.EmbeddedJSON()) {
		t.Fatal("schema/catalog.json is stale: regenerate it with `go generate ./schema`")
	}
}

func TestCoverage(t *testing.T) {
	_, c := realCatalog(t)
	t.Run("every operation mapped once", func(t *testing.T) {
		seen := map[string]int{}
		excluded := 0
		for _, m := range c.Mappings {
			seen[m.OperationID]++
			switch m.Kind {
			case schema.KindExcluded:
				excluded++
				if m.Reason == "" {
					t.Errorf("%s excluded without a reason", m.OperationID)
				}
			case schema.KindTableRead, schema.KindPointGet, schema.KindInsert, schema.KindUpdate, schema.KindReplace, schema.KindDelete:
				if c.Table(m.Target) == nil {
					t.Errorf("%s maps to missing table %q", m.OperationID, m.Target)
				}
			case schema.KindProcedure:
				if c.Procedure(m.Target) == nil {
					t.Errorf("%s maps to missing procedure %q", m.OperationID, m.Target)
				}
			default:
				t.Errorf("%s has kind %q", m.OperationID, m.Kind)
			}
		}
		if len(seen) != 732 || len(c.Mappings) != 732 {
			t.Errorf("%d mappings of %d operations, want 732", len(c.Mappings), len(seen))
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("%s mapped %d times", id, n)
			}
		}
		if excluded*100 >= 3*len(c.Mappings) {
			t.Errorf("%d exclusions, want under 3%% of %d", excluded, len(c.Mappings))
		}
	})
	t.Run("every list endpoint is a table", func(t *testing.T) {
		lists := tsvColumn(t, "list-endpoints.tsv", 1)
		if len(lists) != 136 {
			t.Fatalf("list-endpoints.tsv has %d rows", len(lists))
		}
		for _, id := range lists {
			m := c.Mapping(id)
			if m == nil || m.Kind != schema.KindTableRead || c.Table(m.Target).SingleRow {
				t.Errorf("list endpoint %s is not a list table: %+v", id, m)
			}
		}
	})
	t.Run("every lifecycle op is a procedure", func(t *testing.T) {
		for _, id := range tsvColumn(t, "lifecycle-ops.tsv", 2) {
			if m := c.Mapping(id); m == nil || (m.Kind != schema.KindProcedure && m.Kind != schema.KindExcluded) {
				t.Errorf("lifecycle op %s maps to %+v", id, m)
			}
		}
	})
	t.Run("names unique", func(t *testing.T) {
		names := map[string]bool{}
		for _, tb := range c.Tables {
			if names[tb.Name] {
				t.Errorf("table %s twice", tb.Name)
			}
			names[tb.Name] = true
			if len(tb.Columns) == 0 {
				t.Errorf("table %s has no columns", tb.Name)
			}
			for _, k := range tb.PrimaryKey {
				if tb.Column(k) == nil {
					t.Errorf("%s primary key names missing column %s", tb.Name, k)
				}
			}
			for i, k := range tb.Keys {
				if tb.Columns[i].Name != k.Column || tb.Columns[i].PathParam != k.PathParam {
					t.Errorf("%s key %s is not column %d", tb.Name, k.Column, i)
				}
			}
			cols := map[string]bool{}
			for _, col := range tb.Columns {
				if cols[col.Name] {
					t.Errorf("%s.%s twice", tb.Name, col.Name)
				}
				cols[col.Name] = true
			}
		}
		procs := map[string]bool{}
		for _, p := range c.Procedures {
			if procs[p.Name] {
				t.Errorf("procedure %s twice", p.Name)
			}
			procs[p.Name] = true
			args := map[string]bool{}
			for _, a := range p.Args {
				if args[a.Name] {
					t.Errorf("procedure %s has two arguments %s", p.Name, a.Name)
				}
				args[a.Name] = true
			}
		}
	})
}

func TestCuratedNames(t *testing.T) {
	_, c := realCatalog(t)
	tables := map[string]string{
		"users": "listUsers", "groups": "listGroups", "group_members": "listGroupUsers",
		"user_groups": "listUserGroups", "apps": "listApplications", "app_users": "listApplicationUsers",
		"app_groups": "listApplicationGroupAssignments", "user_factors": "listFactors",
		"system_log": "listLogEvents", "policies": "listPolicies", "policy_rules": "listPolicyRules",
		"authorization_servers": "listAuthorizationServers", "identity_providers": "listIdentityProviders",
		"network_zones": "listNetworkZones", "trusted_origins": "listTrustedOrigins",
		"event_hooks": "listEventHooks", "inline_hooks": "listInlineHooks", "user_types": "listUserTypes",
		"devices": "listDevices", "brands": "listBrands", "domains": "listCustomDomains",
		"group_rules": "listGroupRules", "authenticators": "listAuthenticators", "roles": "listRoles",
		"authorization_server_scopes": "listOAuth2Scopes", "app_grants": "listScopeConsentGrants",
		"org": "getOrgSettings",
	}
	for name, op := range tables {
		t.Run(name, func(t *testing.T) {
			tb := c.Table(name)
			if tb == nil || tb.List.ID != op {
				t.Fatalf("table %s: %+v, want list %s", name, tb, op)
			}
		})
	}
	procs := map[string]string{
		"user_activate": "activateUser", "user_suspend": "suspendUser", "user_reset_password": "resetPassword",
		"app_deactivate": "deactivateApplication", "group_rule_activate": "activateGroupRule",
		"authorization_server_policy_rule_activate": "activateAuthorizationServerPolicyRule",
		"network_zone_activate":                     "activateNetworkZone",
	}
	for name, op := range procs {
		t.Run(name, func(t *testing.T) {
			p := c.Procedure(name)
			if p == nil || p.Operation.ID != op {
				t.Fatalf("procedure %s: %+v, want %s", name, p, op)
			}
		})
	}
	t.Run("reset password args", func(t *testing.T) {
		var got []string
		for _, a := range c.Procedure("user_reset_password").Args {
			got = append(got, a.Name)
		}
		if strings.Join(got, ",") != "user_id,send_email,revoke_sessions" {
			t.Errorf("args = %v", got)
		}
	})
}

func TestCuratedColumns(t *testing.T) {
	_, c := realCatalog(t)
	want := map[string][]string{
		"users":         {"id", "status", "profile", "profile_login", "profile_email", "profile_first_name", "profile_last_name", "profile_department", "profile_title", "profile_manager_id", "credentials", "credentials_provider_type", "credentials_provider_name", "type_id", "links", "created", "last_updated"},
		"groups":        {"profile_name", "profile_description", "type"},
		"group_members": {"group_id", "id", "profile_login"},
		"user_groups":   {"user_id", "id"},
		"apps":          {"name", "label", "sign_on_mode", "status", "credentials_signing_kid"},
		"system_log":    {"event_type", "actor_id", "actor_alternate_id", "actor_display_name", "outcome_result", "target", "client_ip_address", "published", "display_message", "severity", "uuid"},
	}
	for table, cols := range want {
		t.Run(table, func(t *testing.T) {
			tb := c.Table(table)
			for _, col := range cols {
				if tb.Column(col) == nil {
					t.Errorf("%s has no column %s", table, col)
				}
			}
		})
	}
	t.Run("types", func(t *testing.T) {
		users := c.Table("users")
		for col, typ := range map[string]schema.ColumnType{"created": schema.TypeDatetime, "profile": schema.TypeJSON, "profile_login": schema.TypeString} {
			if got := users.Column(col).Type; got != typ {
				t.Errorf("users.%s is %s, want %s", col, got, typ)
			}
		}
		if !users.Column("links").Hidden || users.Pushdown == nil || users.PageLimit.Max != 200 {
			t.Errorf("users: links hidden %v, pushdown %v, limit %+v", users.Column("links").Hidden, users.Pushdown != nil, users.PageLimit)
		}
		if k := c.Table("group_members").Keys[0]; k.SourceTable != "groups" || k.SourceColumn != "id" {
			t.Errorf("group_members key source = %+v", k)
		}
	})
}

// TestPushdownFieldsAreColumns checks that each curated filter/search
// field names a column of its table, so planner and decoder agree.
func TestPushdownFieldsAreColumns(t *testing.T) {
	_, c := realCatalog(t)
	skip := map[string]bool{"user.id": true, "group.id": true, "source.id": true}
	for _, tb := range c.Tables {
		if tb.Pushdown == nil {
			continue
		}
		for _, g := range []*schema.Grammar{tb.Pushdown.Filter, tb.Pushdown.Search} {
			if g == nil {
				continue
			}
			for f := range g.Fields {
				if !skip[f] && tb.ColumnAt(strings.Split(f, ".")...) == nil && !strings.HasPrefix(f, "target.") {
					t.Errorf("%s %s field %s has no column", tb.Name, g.Param, f)
				}
			}
		}
	}
}
