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
// of app groups (20) asks for 20.
func TestAppGroupsLimitMinimum(t *testing.T) {
	h := newHarness(t, 100)
	apps, err := query(t, h.db, "SELECT app_id FROM app_groups LIMIT 1", false)
	if err != nil || len(apps) != 1 {
		t.Fatalf("an app with groups: %v %v", apps, err)
	}
	groups, err := query(t, h.db, "SELECT id FROM app_groups WHERE app_id = '"+apps[0]+"'", false)
	if err != nil {
		t.Fatal(err)
	}
	h.requests()
	rows, err := query(t, h.db, "SELECT id FROM app_groups WHERE app_id = '"+apps[0]+"' LIMIT 5", false)
	if want := min(5, len(groups)); err != nil || len(rows) != want {
		t.Fatalf("rows %v, error %v; want %d rows", rows, err, want)
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

// sqlString quotes s as a MySQL string literal.
func sqlString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(s) + "'"
}

// TestAwkwardValues finds each seeded user with an awkward login (/ + #
// % & quotes, backslashes, non-ASCII, mixed case) by its login and by its
// display name, and each group with an awkward name by its name and a
// prefix of it: the values must survive quoting, URL encoding and the
// server's comparison.
func TestAwkwardValues(t *testing.T) {
	h := newHarness(t, 300)
	users, err := query(t, h.ref, "SELECT concat_ws('\t', id, profile_login, profile_display_name) FROM users WHERE profile_login <> profile_email", false)
	if err != nil || len(users) < 10 {
		t.Fatalf("awkward users: %d, %v", len(users), err)
	}
	for _, u := range users {
		f := strings.Split(u, "\t")
		for _, q := range []string{
			"SELECT id FROM users WHERE profile_login = " + sqlString(f[1]),
			"SELECT id FROM users WHERE profile_display_name = " + sqlString(f[2]),
		} {
			t.Run(q, func(t *testing.T) {
				if rows, err := query(t, h.db, q, false); err != nil || len(rows) != 1 || rows[0] != f[0] {
					t.Errorf("rows %v, error %v; want %s", rows, err, f[0])
				}
			})
		}
	}
	groups, err := query(t, h.ref, "SELECT concat_ws('\t', id, profile_name) FROM `groups` WHERE type <> 'BUILT_IN'", false)
	if err != nil {
		t.Fatal(err)
	}
	odd := 0
	for _, g := range groups {
		f := strings.Split(g, "\t")
		if !strings.ContainsAny(f[1], `&/#%"\'É+`) {
			continue
		}
		odd++
		prefix := strings.NewReplacer(`\`, "_", `%`, "_", `_`, "_").Replace(f[1][:len(f[1])-2])
		for _, q := range []string{
			"SELECT id FROM `groups` WHERE profile_name = " + sqlString(f[1]),
			"SELECT id FROM `groups` WHERE profile_name LIKE " + sqlString(prefix+"%"),
		} {
			t.Run(q, func(t *testing.T) {
				rows, err := query(t, h.db, q, false)
				want, werr := query(t, h.ref, q, false)
				if err != nil || werr != nil || strings.Join(rows, ",") != strings.Join(want, ",") || !strings.Contains(strings.Join(rows, ","), f[0]) {
					t.Errorf("rows %v (%v), without pushdown %v (%v); want %s among them", rows, err, want, werr, f[0])
				}
			})
		}
	}
	if odd == 0 {
		t.Error("no group has an awkward name")
	}
}

// TestRealmSearchCase: Okta does not say whether realm search ignores
// case; the emulator's does, so a LIMIT must not stop a search whose
// answer holds rows the local check drops.
func TestRealmSearchCase(t *testing.T) {
	h := newHarness(t, 50)
	for _, name := range []string{"CAR CO", "Car Co"} {
		if _, err := h.db.Exec(`INSERT INTO realms (profile) VALUES (?)`, `{"name":"`+name+`"}`); err != nil {
			t.Fatal(err)
		}
	}
	q := "SELECT id FROM realms WHERE profile_name = 'Car Co' LIMIT 2"
	got, err := query(t, h.db, q, false)
	want, werr := query(t, h.ref, q, false)
	if err != nil || werr != nil || len(want) != 2 || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%s: %v (%v), want %v (%v)", q, got, err, want, werr)
	}
}
