package tables_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/oktasql/oktasql/emulator"
)

// TestClassicOrgPolicies reads every policy of a Classic org: the calls
// for the Identity Engine policy types, which such an org refuses with
// 400 E0000002, read as no rows with a warning instead of failing.
func TestClassicOrgPolicies(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 50, Edition: emulator.EditionClassic}, func(next http.Handler) http.Handler { return next })
	conn, err := h.serve(false, "okta").Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	types, err := query(t, conn, "SELECT DISTINCT type FROM policies ORDER BY type", true)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(types, ","); got != "IDP_DISCOVERY,MFA_ENROLL,OKTA_SIGN_ON,PASSWORD" {
		t.Errorf("policy types %s, want the four of a Classic org", got)
	}
	warnings, err := query(t, conn, "SHOW WARNINGS", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) == 0 || !strings.Contains(strings.Join(warnings, "\n"), "type=ACCESS_POLICY") {
		t.Errorf("warnings %q, want one naming type=ACCESS_POLICY", warnings)
	}
	if _, err := query(t, conn, "SELECT id FROM policies WHERE type = 'ACCESS_POLICY'", false); err == nil || !strings.Contains(err.Error(), "E0000002") {
		t.Errorf("an explicit Identity Engine type on a Classic org: error %v, want Okta's E0000002", err)
	}
}

// TestAppGroupsLimitMinimum: a LIMIT below the spec's minimum page size
// of app groups (20) asks for 20 (each seeded app has one group).
func TestAppGroupsLimitMinimum(t *testing.T) {
	h := newHarness(t, 100)
	apps, err := query(t, h.db, "SELECT app_id FROM app_groups LIMIT 1", false)
	if err != nil || len(apps) != 1 {
		t.Fatalf("an app with groups: %v %v", apps, err)
	}
	h.requests()
	rows, err := query(t, h.db, "SELECT id FROM app_groups WHERE app_id = '"+apps[0]+"' LIMIT 5", false)
	if err != nil || len(rows) != 1 {
		t.Fatalf("rows %v, error %v; want 1 row", rows, err)
	}
	var calls []string // the first query's fan-out may still be ending
	for _, r := range h.requests() {
		if strings.Contains(r, apps[0]) {
			calls = append(calls, r)
		}
	}
	if len(calls) != 1 || !strings.Contains(calls[0], "limit=20") {
		t.Errorf("requests %v, want one with limit=20", calls)
	}
}
