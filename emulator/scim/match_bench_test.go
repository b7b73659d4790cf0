package scim_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/oktasql/oktasql/emulator/scim"
	"github.com/oktasql/oktasql/emulator/seed"
)

// BenchmarkMatch50k evaluates typical users filter and search expressions
// against every user of a 50,000-user org; one op is one full scan.
func BenchmarkMatch50k(b *testing.B) {
	org := seed.Generate(seed.Config{Users: 50_000, Seed: 1, Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), EventsPerUser: -1})
	tests := []struct {
		name string
		expr string
		ci   bool
	}{
		{"filter eq", `status eq "ACTIVE"`, false},
		{"filter login or", `profile.login eq "james.smith@example.com" or profile.login eq "mary.jones@example.com"`, false},
		{"filter date range", `lastUpdated gt "2026-01-01T00:00:00.000Z" and lastUpdated lt "2026-03-01T00:00:00.000Z"`, false},
		{"search dept and status", `profile.department eq "engineering" and status eq "active"`, true},
		{"search sw", `profile.lastName sw "mc"`, true},
		{"search co", `profile.email co "smith"`, true},
		{"search complex", `(profile.department eq "Sales" or profile.department eq "Marketing") and not (status eq "DEPROVISIONED") and profile.employeeType pr`, true},
	}
	for _, tt := range tests {
		e, err := scim.Parse(tt.expr)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tt.name, func(b *testing.B) {
			matched := 0
			for b.Loop() {
				matched = 0
				for _, u := range org.Users {
					if scim.Match(e, u.Get, tt.ci) {
						matched++
					}
				}
			}
			b.ReportMetric(float64(matched), "matches")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(org.Users)), "ns/user")
		})
	}
}

// TestMatchSeededUsers checks Match over a generated org against counts
// computed directly from the users' fields.
func TestMatchSeededUsers(t *testing.T) {
	org := seed.Generate(seed.Config{Users: 2000, Seed: 2, Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), EventsPerUser: -1})
	cutoff := seed.NewTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	tests := []struct {
		expr string
		ci   bool
		want func(u *seed.User) bool
	}{
		{`status eq "ACTIVE"`, false, func(u *seed.User) bool { return u.Status == seed.StatusActive }},
		{`status eq "active"`, false, func(*seed.User) bool { return false }},
		{`status eq "active"`, true, func(u *seed.User) bool { return u.Status == seed.StatusActive }},
		{`lastUpdated gt "2026-01-01T00:00:00.000Z"`, false, func(u *seed.User) bool { return u.LastUpdated > cutoff }},
		{`activated pr`, false, func(u *seed.User) bool { return !u.Activated.IsZero() }},
		{`profile.managerId pr and profile.department eq "IT"`, false, func(u *seed.User) bool { return u.Profile.ManagerID != "" && u.Profile.Department == "IT" }},
		{`type.id eq "` + org.UserTypes[1].ID + `"`, false, func(u *seed.User) bool { return u.Profile.EmployeeType == seed.EmployeeTypeContractor }},
		{`profile.mobilePhone pr`, false, func(u *seed.User) bool { return u.Profile.MobilePhone != "" }},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			e, err := scim.Parse(tt.expr)
			if err != nil {
				t.Fatal(err)
			}
			got, want := 0, 0
			for _, u := range org.Users {
				m := scim.Match(e, u.Get, tt.ci)
				if m {
					got++
				}
				if m != tt.want(u) {
					t.Fatalf("user %s: Match = %v", u.ID, m)
				}
				if tt.want(u) {
					want++
				}
			}
			if got != want {
				t.Errorf("%d matches, want %d", got, want)
			}
		})
	}
}

// TestMatchGetterAgreesWithJSON evaluates expressions on seeded users and
// events twice, through their Get methods (times as time.Time) and through
// MapGetter over their JSON (times as strings), and expects the same answers.
func TestMatchGetterAgreesWithJSON(t *testing.T) {
	org := seed.Generate(seed.Config{Users: 300, Seed: 4, Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
	userExprs := []string{
		`lastUpdated gt "2026-01-01T00:00:00.000Z"`,
		`created le "2024-06-01"`,
		`activated pr and not (lastLogin pr)`,
		`passwordChanged lt "2026-05-01T12:00:00+02:00" or statusChanged eq null`,
		`profile.login sw "j" and profile.department eq "engineering"`,
		`profile.mobilePhone pr or profile.secondEmail pr`,
		`type.id pr and credentials.provider.type eq "OKTA"`,
		`profile.employeeNumber ge "100150"`,
	}
	eventExprs := []string{
		`published gt "2026-05-20T00:00:00.000Z"`,
		`target.type eq "AppInstance" and outcome.result eq "SUCCESS"`,
		`client.geographicalContext.country co "united" or client.userAgent.browser eq "SAFARI"`,
		`actor.alternateId ew "@example.com" and not (severity eq "WARN")`,
	}
	check := func(t *testing.T, exprs []string, objs []any, get func(any) scim.Getter) {
		for _, s := range exprs {
			e, err := scim.Parse(s)
			if err != nil {
				t.Fatal(err)
			}
			matched := 0
			for _, o := range objs {
				b, err := json.Marshal(o)
				if err != nil {
					t.Fatal(err)
				}
				var m map[string]any
				if err := json.Unmarshal(b, &m); err != nil {
					t.Fatal(err)
				}
				for _, ci := range []bool{false, true} {
					fast, slow := scim.Match(e, get(o), ci), scim.Match(e, scim.MapGetter(m), ci)
					if fast != slow {
						t.Fatalf("%s (ci=%v) on %s: Get says %v, JSON says %v", s, ci, b, fast, slow)
					}
					if fast && ci {
						matched++
					}
				}
			}
			if matched == 0 || matched == len(objs) {
				t.Errorf("%s matches %d of %d: not a discriminating test", s, matched, len(objs))
			}
		}
	}
	users := make([]any, len(org.Users))
	for i, u := range org.Users {
		users[i] = u
	}
	events := make([]any, len(org.Events))
	for i, e := range org.Events {
		events[i] = e
	}
	check(t, userExprs, users, func(o any) scim.Getter { return o.(*seed.User).Get })
	check(t, eventExprs, events, func(o any) scim.Getter { return o.(*seed.LogEvent).Get })
}
