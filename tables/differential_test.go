package tables_test

import (
	"reflect"
	"testing"
)

// differentialQueries run with pushdown on and off; the answers must be
// identical. They cover each operator, AND/OR/NOT mixes, case rules,
// DEPROVISIONED users, keys, joins, the System Log and aggregates.
var differentialQueries = []string{
	"SELECT id, profile_login, status FROM users",
	"SELECT id FROM users WHERE status = 'ACTIVE'",
	"SELECT id FROM users WHERE status = 'DEPROVISIONED'",
	"SELECT id FROM users WHERE status IN ('SUSPENDED', 'LOCKED_OUT', 'DEPROVISIONED')",
	"SELECT id FROM users WHERE status <> 'ACTIVE'",
	"SELECT id FROM users WHERE NOT (status = 'ACTIVE')",
	"SELECT id FROM users WHERE profile_department = 'Sales' AND status = 'ACTIVE'",
	"SELECT id FROM users WHERE profile_department = 'sales'",
	"SELECT id FROM users WHERE profile_department = 'Sales' OR profile_department = 'Engineering'",
	"SELECT id FROM users WHERE (profile_department = 'Sales' OR status = 'SUSPENDED') AND profile_title IS NOT NULL",
	"SELECT id FROM users WHERE profile_login LIKE 'a%'",
	"SELECT id FROM users WHERE profile_login LIKE 'A%'",
	"SELECT id FROM users WHERE profile_last_name LIKE '%son%'",
	"SELECT id FROM users WHERE profile_email LIKE '%example.com'",
	"SELECT id FROM users WHERE created > '2024-01-01'",
	"SELECT id FROM users WHERE created BETWEEN '2023-01-01' AND '2024-06-30 12:00:00'",
	"SELECT id FROM users WHERE last_updated >= '2025-01-01' AND status = 'ACTIVE'",
	"SELECT id FROM users WHERE profile_first_name IS NULL",
	"SELECT id FROM users WHERE profile_cost_center = 'CC-100'",
	"SELECT id FROM users WHERE profile->>'$.department' = 'Sales'",
	"SELECT status, count(*) FROM users GROUP BY status",
	"SELECT id, profile_name, type FROM groups",
	"SELECT id FROM groups WHERE profile_name LIKE 'Eng%'",
	"SELECT id FROM groups WHERE type = 'BUILT_IN' OR type = 'APP_GROUP'",
	"SELECT g.profile_name, count(*) FROM groups g JOIN group_members m ON m.group_id = g.id WHERE g.profile_name LIKE 'Sales%' GROUP BY g.profile_name",
	"SELECT id, name, status FROM apps",
	"SELECT id FROM apps WHERE status = 'ACTIVE'",
	"SELECT id FROM apps WHERE status = 'INACTIVE' OR name = 'bookmark'",
	"SELECT event_type, count(*) FROM system_log WHERE published >= '2026-10-31 12:00:00' GROUP BY event_type",
	"SELECT uuid FROM system_log WHERE published >= '2026-10-25' AND published < '2026-10-27' AND event_type = 'user.session.start'",
	"SELECT uuid FROM system_log WHERE published >= '2026-10-30' AND outcome_result <> 'SUCCESS'",
	// q "matches values" on these, with no prefix semantics documented.
	"SELECT id FROM authorization_servers WHERE name LIKE 'Sample%'",
	"SELECT id FROM authorization_servers WHERE name = 'Sample Authorization Server'",
	"SELECT id FROM brands WHERE name LIKE 'Okta%'",
	// principalType is a required filter: one call per type, each row once.
	"SELECT id, principal_type FROM principal_rate_limits",
	// The yubikey filter documents attribute names only: one eq term.
	"SELECT id FROM yubikey_tokens WHERE status = 'ACTIVE' AND last_verified > '2020-01-01'",
	"SELECT id FROM yubikey_tokens WHERE created > '2020-01-01'",
}

// orderedQueries must return the same rows in the same order with and
// without pushdown (ORDER BY pushed to the endpoint, or sorted locally).
var orderedQueries = []string{
	"SELECT uuid, published FROM system_log ORDER BY published DESC LIMIT 20",
	"SELECT uuid, published FROM system_log WHERE event_type = 'user.session.start' ORDER BY published LIMIT 20",
	"SELECT id, created FROM users WHERE status = 'ACTIVE' ORDER BY created DESC LIMIT 15",
	"SELECT id, created FROM users ORDER BY created LIMIT 15",
	"SELECT id, created FROM groups WHERE type = 'OKTA_GROUP' ORDER BY created DESC LIMIT 6",
	"SELECT id, last_updated FROM groups WHERE profile_name LIKE 'S%' ORDER BY last_updated LIMIT 4",
	// Realms and yubikey tokens sort as documented: realms only with
	// search, yubikey tokens with sortOrder ASC or DESC.
	"SELECT id, created FROM realms ORDER BY created DESC LIMIT 3",
	"SELECT id, created FROM realms WHERE created > '2000-01-01' ORDER BY created DESC LIMIT 1",
	"SELECT id, created FROM yubikey_tokens ORDER BY created DESC LIMIT 2",
}

func TestDifferentialOrder(t *testing.T) {
	h := newHarness(t, 300)
	for _, q := range orderedQueries {
		t.Run(q, func(t *testing.T) {
			want, err := query(t, h.ref, q, true)
			if err != nil {
				t.Fatalf("without pushdown: %v", err)
			}
			got, err := query(t, h.db, q, true)
			if err != nil {
				t.Fatalf("with pushdown: %v", err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("pushdown changed the answer:\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestDifferentialPushdown(t *testing.T) {
	h := newHarness(t, 300)
	for _, q := range differentialQueries {
		t.Run(q, func(t *testing.T) {
			want, err := query(t, h.ref, q, false)
			if err != nil {
				t.Fatalf("without pushdown: %v", err)
			}
			h.requests()
			got, err := query(t, h.db, q, false)
			if err != nil {
				t.Fatalf("with pushdown: %v", err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("pushdown changed the answer: %d rows with, %d without\nrequests: %v", len(got), len(want), h.requests())
			}
		})
	}
}
