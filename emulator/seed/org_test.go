package seed

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestGenerateDeterministic(t *testing.T) {
	cfg := Config{Users: 600, Seed: 42, Now: benchNow}
	marshal := func(c Config) []byte {
		b, err := json.Marshal(Generate(c))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b := marshal(cfg), marshal(cfg)
	if !bytes.Equal(a, b) {
		t.Fatal("the same Config gave different orgs")
	}
	other := cfg
	other.Seed = 43
	if bytes.Equal(a, marshal(other)) {
		t.Fatal("different seeds gave the same org")
	}
}

func TestConfigDefaults(t *testing.T) {
	before := time.Now().Add(-time.Second)
	org := Generate(Config{Seed: 1, EventsPerUser: -1})
	c := org.Config
	if c.Users != DefaultUsers || len(org.Users) != DefaultUsers {
		t.Errorf("users %d/%d, want %d", c.Users, len(org.Users), DefaultUsers)
	}
	if c.Now.Before(before) || c.Now.After(time.Now()) {
		t.Errorf("default Now %v is not the current time", c.Now)
	}
	if c.BaseURL != DefaultBaseURL || c.MaxEvents != DefaultMaxEvents || c.EventDays != DefaultEventDays {
		t.Errorf("defaults not filled: %+v", c)
	}
	if len(org.Events) != 0 {
		t.Errorf("EventsPerUser < 0 gave %d events", len(org.Events))
	}
	if !strings.HasPrefix(org.Users[0].Links.Self.Href, DefaultBaseURL+"/api/v1/users/") {
		t.Errorf("self link %q", org.Users[0].Links.Self.Href)
	}
}

func TestEventVolume(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want int
	}{
		{"default five per user", Config{Users: 300}, 1500},
		{"configured rate", Config{Users: 300, EventsPerUser: 2}, 600},
		{"capped", Config{Users: 300, MaxEvents: 100}, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Now, tt.cfg.Seed = benchNow, 7
			if got := len(Generate(tt.cfg).Events); got != tt.want {
				t.Errorf("%d events, want %d", got, tt.want)
			}
		})
	}
}

// idPattern is the shape of an Okta id: a 3-character prefix and 17 base62
// characters.
var idPattern = regexp.MustCompile(`^[0-9a-z]{3}[0-9A-Za-z]{17}$`)

// TestOrgInvariants checks a 5,000-user org for consistency and realism.
func TestOrgInvariants(t *testing.T) {
	const n = 5000
	org := Generate(Config{Users: n, Seed: 9, Now: benchNow})
	now := NewTime(benchNow)
	users := map[string]*User{}
	for _, u := range org.Users {
		users[u.ID] = u
	}
	groups := map[string]*Group{}
	for _, g := range org.Groups {
		groups[g.ID] = g
	}
	apps := map[string]*App{}
	for _, a := range org.Apps {
		apps[a.ID] = a
	}

	t.Run("ids", func(t *testing.T) {
		seen := map[string]bool{}
		check := func(prefix, id string) {
			if !idPattern.MatchString(id) || !strings.HasPrefix(id, prefix) {
				t.Errorf("id %q is not Okta-shaped with prefix %s", id, prefix)
			}
			if seen[id] {
				t.Errorf("duplicate id %s", id)
			}
			seen[id] = true
		}
		for _, u := range org.Users {
			check(PrefixUser, u.ID)
		}
		for _, g := range org.Groups {
			check(PrefixGroup, g.ID)
		}
		for _, a := range org.Apps {
			check(PrefixApp, a.ID)
		}
		for _, ut := range org.UserTypes {
			check(PrefixUserType, ut.ID)
		}
		for _, fs := range org.Factors {
			for _, f := range fs {
				check(f.ID[:3], f.ID)
			}
		}
		uuids := map[string]bool{}
		uuidShape := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
		for _, e := range org.Events {
			if !uuidShape.MatchString(e.UUID) {
				t.Errorf("event uuid %q", e.UUID)
			}
			if uuids[e.UUID] {
				t.Errorf("duplicate event uuid %s", e.UUID)
			}
			uuids[e.UUID] = true
		}
	})

	t.Run("sorted by id", func(t *testing.T) {
		if !slices.IsSortedFunc(org.Users, func(a, b *User) int { return strings.Compare(a.ID, b.ID) }) {
			t.Error("users not sorted by id")
		}
		if !slices.IsSortedFunc(org.Groups, func(a, b *Group) int { return strings.Compare(a.ID, b.ID) }) {
			t.Error("groups not sorted by id")
		}
		if !slices.IsSortedFunc(org.Apps, func(a, b *App) int { return strings.Compare(a.ID, b.ID) }) {
			t.Error("apps not sorted by id")
		}
	})

	t.Run("counts", func(t *testing.T) {
		if len(org.Users) != n {
			t.Errorf("%d users", len(org.Users))
		}
		if want := 1 + len(departments) + n/20; len(org.Groups) != want {
			t.Errorf("%d groups, want %d", len(org.Groups), want)
		}
		if len(org.Apps) < 30 {
			t.Errorf("%d apps, want 30+", len(org.Apps))
		}
		if len(org.UserTypes) != 2 || !org.UserTypes[0].Default || org.UserTypes[1].Name != "contractor" {
			t.Errorf("user types %+v", org.UserTypes)
		}
		if len(org.Events) != 5*n {
			t.Errorf("%d events, want %d", len(org.Events), 5*n)
		}
	})

	t.Run("logins", func(t *testing.T) {
		login := regexp.MustCompile(`^[A-Za-z-]+\.[A-Za-z-]+[0-9]*@example\.com$`)
		seen := map[string]bool{}
		mixed := 0
		odd := 0
		for _, u := range org.Users {
			p := u.Profile
			key := strings.ToLower(p.Login)
			if seen[key] {
				t.Errorf("duplicate login %q (ignoring case)", p.Login)
			}
			seen[key] = true
			if p.Login != p.Email {
				// An awkward login (awkward.go); the email stays plain.
				odd++
				if !login.MatchString(p.Email) || p.DisplayName == p.FirstName+" "+p.LastName {
					t.Errorf("awkward user: login %q, email %q, displayName %q", p.Login, p.Email, p.DisplayName)
				}
				continue
			}
			if !login.MatchString(p.Login) {
				t.Errorf("login %q", p.Login)
			}
			if key != p.Login {
				mixed++
			}
			if p.DisplayName != p.FirstName+" "+p.LastName {
				t.Errorf("displayName %q", p.DisplayName)
			}
		}
		if mixed == 0 {
			t.Error("no login keeps upper case letters")
		}
		if odd != len(org.Users)/awkwardEvery || odd < len(awkwardLogins) {
			t.Errorf("%d awkward logins, want every %dth user's", odd, awkwardEvery)
		}
	})

	t.Run("managers", func(t *testing.T) {
		heads := map[string]int{}
		for _, u := range org.Users {
			p := u.Profile
			if p.ManagerID == "" {
				heads[p.Department]++
				continue
			}
			m, ok := users[p.ManagerID]
			switch {
			case !ok:
				t.Errorf("%s: managerId %s is not a user", u.ID, p.ManagerID)
			case m.Profile.Department != p.Department:
				t.Errorf("%s in %s reports to %s in %s", u.ID, p.Department, m.ID, m.Profile.Department)
			case m.Profile.DisplayName != p.Manager:
				t.Errorf("%s: manager %q, manager's displayName %q", u.ID, p.Manager, m.Profile.DisplayName)
			case m.ID == u.ID:
				t.Errorf("%s manages themself", u.ID)
			}
		}
		if len(heads) != len(departments) {
			t.Errorf("heads per department %v", heads)
		}
		for d, c := range heads {
			if c != 1 {
				t.Errorf("%s has %d users without a manager", d, c)
			}
		}
	})

	t.Run("departments", func(t *testing.T) {
		size := map[string]int{}
		for _, u := range org.Users {
			size[u.Profile.Department]++
			if u.Profile.Title == "" || u.Profile.CostCenter == "" || u.Profile.EmployeeNumber == "" {
				t.Errorf("%s lacks title, costCenter or employeeNumber", u.ID)
			}
		}
		if len(size) != len(departments) {
			t.Errorf("%d departments used", len(size))
		}
		for d, c := range size {
			if d != "Engineering" && c >= size["Engineering"] {
				t.Errorf("%s (%d) is not smaller than Engineering (%d)", d, c, size["Engineering"])
			}
		}
	})

	t.Run("statuses", func(t *testing.T) {
		count := map[string]int{}
		for _, u := range org.Users {
			count[u.Status]++
		}
		for _, s := range statusWeights {
			if count[s.status] == 0 {
				t.Errorf("no %s user", s.status)
			}
		}
		share := func(s string) float64 { return float64(count[s]) / n }
		if a := share(StatusActive); a < 0.8 || a > 0.9 {
			t.Errorf("ACTIVE share %.3f", a)
		}
		if d := share(StatusDeprovisioned); d < 0.02 || d > 0.04 {
			t.Errorf("DEPROVISIONED share %.3f", d)
		}
	})

	t.Run("employee types", func(t *testing.T) {
		count := map[string]int{}
		for _, u := range org.Users {
			count[u.Profile.EmployeeType]++
			wantType := org.UserTypes[0].ID
			if u.Profile.EmployeeType == EmployeeTypeContractor {
				wantType = org.UserTypes[1].ID
			}
			if u.Type.ID != wantType {
				t.Errorf("%s (%s) has type %s", u.ID, u.Profile.EmployeeType, u.Type.ID)
			}
		}
		if len(count) != 3 || count[EmployeeTypeEmployee] < count[EmployeeTypeContractor] || count[EmployeeTypeIntern] == 0 {
			t.Errorf("employee types %v", count)
		}
		schema := CustomUserAttributes[0]
		for et := range count {
			if schema.Name != "employeeType" || !slices.Contains(schema.Enum, et) {
				t.Errorf("employee type %q not in the custom attribute %+v", et, schema)
			}
		}
	})

	t.Run("timestamps", func(t *testing.T) {
		oldest := NewTime(benchNow.Add(-orgAge))
		for _, u := range org.Users {
			if u.Created < oldest || u.Created > u.LastUpdated || u.LastUpdated > now {
				t.Errorf("%s: created %v lastUpdated %v", u.ID, u.Created, u.LastUpdated)
			}
			for name, ts := range map[string]Time{"activated": u.Activated, "statusChanged": u.StatusChanged, "passwordChanged": u.PasswordChanged} {
				if !ts.IsZero() && (ts < u.Created || ts > u.LastUpdated) {
					t.Errorf("%s: %s %v outside [created, lastUpdated]", u.ID, name, ts)
				}
			}
			if !u.LastLogin.IsZero() && (u.LastLogin < u.Created || u.LastLogin > now) {
				t.Errorf("%s: lastLogin %v", u.ID, u.LastLogin)
			}
			neverActive := u.Status == StatusStaged || u.Status == StatusProvisioned
			if neverActive != u.Activated.IsZero() {
				t.Errorf("%s: %s with activated %v", u.ID, u.Status, u.Activated)
			}
			if neverActive && (u.Credentials.Password != nil || !u.LastLogin.IsZero()) {
				t.Errorf("%s: %s user with a password or a login", u.ID, u.Status)
			}
		}
		for _, g := range org.Groups {
			if g.Created > g.LastUpdated || g.LastUpdated > now || g.LastMembershipUpdated < g.Created {
				t.Errorf("group %s timestamps", g.ID)
			}
		}
	})

	t.Run("groups", func(t *testing.T) {
		types := map[string]int{}
		var extraSizes []int
		for _, g := range org.Groups {
			types[g.Type]++
			members := org.Memberships[g.ID]
			if !slices.IsSorted(members) || len(slices.Compact(slices.Clone(members))) != len(members) {
				t.Errorf("group %s: members not sorted and unique", g.ID)
			}
			for _, m := range members {
				if users[m] == nil {
					t.Errorf("group %s: member %s is not a user", g.ID, m)
				} else if users[m].Created > g.LastMembershipUpdated {
					t.Errorf("group %s: member %s created after lastMembershipUpdated", g.ID, m)
				}
			}
			switch {
			case g.Type == GroupBuiltIn:
				if g.Profile.Name != "Everyone" || len(members) != n {
					t.Errorf("BUILT_IN %q has %d members", g.Profile.Name, len(members))
				}
			case slices.ContainsFunc(departments, func(d department) bool { return d.name == g.Profile.Name }):
				var want []string
				for _, u := range org.Users {
					if u.Profile.Department == g.Profile.Name {
						want = append(want, u.ID)
					}
				}
				if !slices.Equal(members, want) {
					t.Errorf("department group %s: %d members, %d users in the department", g.Profile.Name, len(members), len(want))
				}
			default:
				extraSizes = append(extraSizes, len(members))
			}
			if g.Type == GroupApp && (apps[g.SourceAppID] == nil || g.Links.Source == nil || g.ObjectClass[0] != "okta:windows_security_principal") {
				t.Errorf("APP_GROUP %s: source %q", g.ID, g.SourceAppID)
			}
		}
		if types[GroupBuiltIn] != 1 || types[GroupOkta] == 0 || types[GroupApp] == 0 {
			t.Errorf("group types %v", types)
		}
		slices.Sort(extraSizes)
		largest, median := extraSizes[len(extraSizes)-1], extraSizes[len(extraSizes)/2]
		if largest < 20*median {
			t.Errorf("group sizes not skewed: largest %d, median %d", largest, median)
		}
		byUser := org.GroupsByUser()
		if len(byUser) != n {
			t.Errorf("GroupsByUser has %d users", len(byUser))
		}
	})

	t.Run("apps", func(t *testing.T) {
		modes := map[string]int{}
		inactive := 0
		for _, a := range org.Apps {
			modes[a.SignOnMode]++
			if a.Status == AppInactive {
				inactive++
			}
		}
		if len(modes) < 5 || inactive == 0 || inactive > 5 {
			t.Errorf("sign-on modes %v, %d inactive", modes, inactive)
		}
		for appID, aus := range org.AppUsers {
			if apps[appID] == nil {
				t.Errorf("app users of unknown app %s", appID)
			}
			assigned := map[string]bool{}
			for _, ag := range org.AppGroups[appID] {
				assigned[ag.ID] = true
			}
			for i, au := range aus {
				u := users[au.ID]
				switch {
				case u == nil:
					t.Errorf("app %s: user %s unknown", appID, au.ID)
				case u.Status == StatusDeprovisioned:
					t.Errorf("app %s: DEPROVISIONED user %s assigned", appID, au.ID)
				case i > 0 && aus[i-1].ID >= au.ID:
					t.Errorf("app %s: users not sorted and unique at %s", appID, au.ID)
				case au.Scope == ScopeGroup && (!assigned[au.GroupID] || !slices.Contains(org.Memberships[au.GroupID], au.ID)):
					t.Errorf("app %s: user %s granted by group %s that is not assigned or lacks them", appID, au.ID, au.GroupID)
				case au.Created < u.Created:
					t.Errorf("app %s: user %s assigned before being created", appID, au.ID)
				}
			}
		}
		byUser := org.AppsByUser()
		for appID, aus := range org.AppUsers {
			for _, au := range aus {
				if !slices.Contains(byUser[au.ID], appID) {
					t.Errorf("AppsByUser lacks app %s of user %s", appID, au.ID)
				}
			}
		}
		for uid, appIDs := range byUser {
			if !slices.IsSorted(appIDs) || users[uid] == nil {
				t.Errorf("AppsByUser[%s] = %v", uid, appIDs)
			}
		}
		byGroup := org.AppsByGroup()
		for appID, ags := range org.AppGroups {
			for _, ag := range ags {
				if groups[ag.ID] == nil || ag.AppID != appID || !slices.Contains(byGroup[ag.ID], appID) {
					t.Errorf("app %s: group assignment %s", appID, ag.ID)
				}
			}
		}
		if len(byGroup) == 0 {
			t.Error("no group is assigned to an app")
		}
	})

	t.Run("factors", func(t *testing.T) {
		with, several := 0, 0
		for uid, fs := range org.Factors {
			u := users[uid]
			if u == nil || u.Activated.IsZero() {
				t.Errorf("factors of %s, who never activated", uid)
				continue
			}
			with++
			if len(fs) > 1 {
				several++
			}
			types := map[string]bool{}
			for _, f := range fs {
				if types[f.FactorType] {
					t.Errorf("%s enrolled %s twice", uid, f.FactorType)
				}
				types[f.FactorType] = true
				if f.UserID != uid || f.Created < u.Activated || f.LastUpdated < f.Created {
					t.Errorf("factor %s of %s", f.ID, uid)
				}
			}
		}
		if share := float64(with) / n; share < 0.6 || share > 0.8 {
			t.Errorf("%.2f of users have factors, want about 0.7", share)
		}
		if several == 0 {
			t.Error("no user has several factors")
		}
	})

	t.Run("events", func(t *testing.T) {
		from := NewTime(benchNow.Add(-DefaultEventDays * day))
		kinds := map[string]int{}
		for i, e := range org.Events {
			kinds[e.EventType]++
			if i > 0 && org.Events[i-1].Published > e.Published {
				t.Fatalf("events not ordered by published at %d", i)
			}
			if e.Published < from || e.Published > now {
				t.Errorf("event %s published %v outside the window", e.UUID, e.Published)
			}
			if users[e.Actor.ID] == nil {
				t.Errorf("event %s: actor %s is not a user", e.UUID, e.Actor.ID)
			}
			for _, tg := range e.Target {
				known := users[tg.ID] != nil || groups[tg.ID] != nil || apps[tg.ID] != nil || tg.Type == "PolicyEntity" || tg.Type == "PolicyRule"
				if !known {
					t.Errorf("event %s: target %s %s unknown", e.UUID, tg.Type, tg.ID)
				}
				if tg.Type == "AppInstance" && e.Published < apps[tg.ID].Created {
					t.Errorf("event %s about app %s before it existed", e.UUID, tg.ID)
				}
			}
		}
		for _, k := range []string{"user.session.start", "user.authentication.sso", "user.lifecycle.create", "group.user_membership.add", "application.user_membership.add", "policy.evaluate_sign_on", "user.authentication.auth_via_mfa"} {
			if kinds[k] == 0 {
				t.Errorf("no %s event", k)
			}
		}
		created := map[string]bool{}
		for _, e := range org.Events {
			if e.EventType == "user.lifecycle.create" {
				created[e.Target[0].ID] = true
			}
		}
		for _, u := range org.Users {
			if (u.Created >= from) != created[u.ID] {
				t.Errorf("user %s created %v: create event %v", u.ID, u.Created, created[u.ID])
			}
		}
	})
}

func TestGenerateSmall(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 20} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			org := Generate(Config{Users: n, Seed: int64(n), Now: benchNow})
			everyone := slices.IndexFunc(org.Groups, func(g *Group) bool { return g.Type == GroupBuiltIn })
			if len(org.Users) != n || everyone < 0 || len(org.Memberships[org.Groups[everyone].ID]) != n {
				t.Fatalf("%d users, Everyone at %d", len(org.Users), everyone)
			}
			if _, err := json.Marshal(org); err != nil {
				t.Fatal(err)
			}
		})
	}
}
