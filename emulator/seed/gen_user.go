package seed

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// statusWeights gives the share of each status, per mille: mostly ACTIVE,
// DEPROVISIONED about 3%.
var statusWeights = []struct {
	status string
	weight int
}{
	{StatusActive, 850}, {StatusStaged, 20}, {StatusProvisioned, 30}, {StatusSuspended, 20},
	{StatusLockedOut, 15}, {StatusPasswordExpired, 15}, {StatusRecovery, 20}, {StatusDeprovisioned, 30},
}

// Shares of employee types, providers, optional attributes.
var (
	employeeTypeWeights = []int{85, 11, 4} // Employee, Contractor, Intern
	providerWeights     = []int{93, 4, 3}  // OKTA, FEDERATION, ACTIVE_DIRECTORY
	providers           = []Provider{{"OKTA", "OKTA"}, {"FEDERATION", "FEDERATION"}, {"ACTIVE_DIRECTORY", "corp.example.com"}}
)

// orgAge is how long ago the org was created.
const orgAge = 5 * 365 * day

// genUserTypes creates the default and the contractor user types.
func (g *generator) genUserTypes() {
	r := g.rng(streamTypes)
	principal := NewID(r, PrefixPrincipal)
	created := NewTime(g.now.Add(-orgAge))
	mk := func(name, display, desc string, def bool) *UserType {
		id := NewID(r, PrefixUserType)
		schema := g.base + "/api/v1/meta/schemas/user/" + NewID(r, "osc")
		return &UserType{
			ID: id, Name: name, DisplayName: display, Description: desc,
			CreatedBy: principal, LastUpdatedBy: principal, Created: created, LastUpdated: created,
			Default: def,
			Links: UserTypeLinks{
				Self:   Href{Href: g.base + "/api/v1/meta/types/user/" + id},
				Schema: Href{Href: schema},
			},
		}
	}
	g.org.UserTypes = []*UserType{
		mk("user", "User", "Okta user profile template with default permission settings", true),
		mk("contractor", "Contractor", "Contractors and temporary staff", false),
	}
}

// hire is a user's status and creation time, drawn before the rest so that
// users can be numbered in hire order.
type hire struct {
	status  string
	created time.Time
}

// genUsers creates the users, in hire order, with departments, titles and
// managers.
func (g *generator) genUsers() {
	r := g.rng(streamUsers)
	n := g.cfg.Users
	start := g.now.Add(-orgAge)
	statusW := make([]int, len(statusWeights))
	for i, s := range statusWeights {
		statusW[i] = s.weight
	}
	hires := make([]hire, n)
	for i := range hires {
		st := statusWeights[weighted(r, statusW)].status
		var c time.Time
		if st == StatusStaged || st == StatusProvisioned {
			c = g.now.Add(-time.Duration(r.Int64N(int64(60 * day))))
		} else {
			// More hires recently: density grows linearly with time.
			span := g.now.Add(-2 * day).Sub(start)
			c = start.Add(time.Duration(math.Sqrt(r.Float64()) * float64(span)))
		}
		hires[i] = hire{st, c.Truncate(time.Millisecond)}
	}
	slices.SortStableFunc(hires, func(a, b hire) int { return a.created.Compare(b.created) })

	deptW := make([]int, len(departments))
	for i, d := range departments {
		deptW[i] = d.weight
	}
	offW := make([]int, len(offices))
	for i, o := range offices {
		offW[i] = o.weight
	}
	g.users = make([]*User, n)
	g.userDept = make([]uint8, n)
	g.userOff = make([]uint8, n)
	g.deptUsers = make([][]int32, len(departments))
	logins := make(map[string]int, n)
	for i, h := range hires {
		d, o := weighted(r, deptW), weighted(r, offW)
		g.userDept[i], g.userOff[i] = uint8(d), uint8(o)
		g.deptUsers[d] = append(g.deptUsers[d], int32(i))
		u := g.newUser(r, h, logins)
		awkwardUser(i, u)
		u.Profile.Department = departments[d].name
		u.Profile.CostCenter = pick(r, departments[d].costCenter)
		u.Profile.EmployeeNumber = strconv.Itoa(100001 + i)
		off := &offices[o]
		u.Profile.City, u.Profile.State, u.Profile.CountryCode = off.city, off.state, off.country
		if chance(r, 0.85) {
			u.Profile.MobilePhone = NullString(off.phone + strconv.Itoa(1000+r.IntN(9000)))
		}
		g.users[i] = u
	}
	g.assignRoles(r)
}

// newUser creates a user of the given status and creation time, with a
// unique login; the caller fills department-related attributes.
func (g *generator) newUser(r *rand.Rand, h hire, logins map[string]int) *User {
	first, last := pick(r, firstNames), pick(r, lastNames)
	base := foldName(first) + "." + foldName(last)
	if !chance(r, 0.05) { // most logins are lower case; some keep the name's case
		base = strings.ToLower(base)
	}
	key := strings.ToLower(base)
	logins[key]++
	if c := logins[key]; c > 1 {
		base += strconv.Itoa(c)
	}
	login := base + "@example.com"
	id := NewID(r, PrefixUser)
	u := &User{
		ID:     id,
		Status: h.status,
		Profile: UserProfile{
			FirstName: first, LastName: last, Login: login, Email: login,
			DisplayName:  first + " " + last,
			EmployeeType: []string{EmployeeTypeEmployee, EmployeeTypeContractor, EmployeeTypeIntern}[weighted(r, employeeTypeWeights)],
		},
		Links: UserLinks(g.base, id),
	}
	if chance(r, 0.1) {
		u.Profile.SecondEmail = NullString(strings.ToLower(foldName(first)) + "." + strings.ToLower(foldName(last)) + "@gmail.com")
	}
	prov := weighted(r, providerWeights)
	u.Credentials.Provider = providers[prov]
	hasPassword := prov != 1 && h.status != StatusStaged && h.status != StatusProvisioned
	if hasPassword {
		u.Credentials.Password = &PasswordCredential{}
		if chance(r, 0.4) {
			u.Credentials.RecoveryQuestion = &RecoveryQuestion{Question: pick(r, recoveryQuestions)}
		}
	}
	g.setUserTimes(r, u, h, hasPassword)
	return u
}

// setUserTimes fills the timestamps of u consistently with its status:
// created <= activated <= statusChanged, passwordChanged and lastLogin, all
// <= lastUpdated <= now (lastLogin excepted: logins do not update a user).
func (g *generator) setUserTimes(r *rand.Rand, u *User, h hire, hasPassword bool) {
	now, c := g.now, h.created
	minutes := func(lo, hi int) time.Time {
		t := c.Add(time.Duration(lo+r.IntN(hi-lo+1)) * time.Minute)
		if t.After(now) {
			return now
		}
		return t
	}
	recent := func(from time.Time, within time.Duration) time.Time {
		return between(r, later(from, now.Add(-within)), now)
	}
	var activated, changed, login, pw time.Time
	switch h.status {
	case StatusStaged:
	case StatusProvisioned:
		changed = minutes(1, 10)
	case StatusActive:
		activated = minutes(1, 120)
		changed = activated
		if chance(r, 0.08) { // reactivated or unsuspended since
			changed = between(r, activated, now)
		}
		switch p := r.Float64(); {
		case p < 0.8:
			// Recent logins, denser toward now.
			back := time.Duration(r.Float64() * r.Float64() * float64(30*day))
			login = later(activated, now.Add(-back))
		case p < 0.92:
			login = between(r, activated, now.Add(-30*day))
		}
		if hasPassword {
			pw = recent(activated, 180*day)
		}
	case StatusDeprovisioned:
		activated = minutes(1, 120)
		// Deactivated at least a month after activation when possible.
		start := activated.Add(30 * day)
		if start.After(now) {
			start = activated
		}
		changed = between(r, start, now)
		if chance(r, 0.85) {
			login = between(r, activated, changed)
		}
		if hasPassword {
			pw = between(r, activated, changed)
		}
	default: // SUSPENDED, LOCKED_OUT, PASSWORD_EXPIRED, RECOVERY
		activated = minutes(1, 120)
		changed = recent(activated, 60*day)
		if chance(r, 0.9) {
			login = between(r, activated, changed)
		}
		if hasPassword {
			pw = between(r, activated, changed)
		}
	}
	updated := later(c, activated, changed, pw)
	if chance(r, 0.3) { // a profile edit since
		updated = between(r, updated, now)
	}
	u.Created, u.Activated, u.StatusChanged = NewTime(c), NewTime(activated), NewTime(changed)
	u.LastLogin, u.PasswordChanged, u.LastUpdated = NewTime(login), NewTime(pw), NewTime(updated)
}

// assignRoles gives each department a head (no manager), managers
// (reporting to the head) and staff (reporting to a manager), with titles to
// match. Heads and managers are the earliest hires of their department.
func (g *generator) assignRoles(r *rand.Rand) {
	for d, members := range g.deptUsers {
		dept := &departments[d]
		if len(members) == 0 {
			continue
		}
		head := g.users[members[0]]
		head.Profile.Title = dept.head
		head.Profile.EmployeeType = EmployeeTypeEmployee
		nm := (len(members) - 1 + 7) / 8
		managers := members[1 : 1+nm]
		for _, m := range managers {
			u := g.users[m]
			u.Profile.Title = pick(r, dept.manager)
			u.Profile.EmployeeType = EmployeeTypeEmployee
			setManager(u, head)
		}
		for _, s := range members[1+nm:] {
			u := g.users[s]
			if u.Profile.EmployeeType == EmployeeTypeIntern {
				u.Profile.Title = "Intern"
			} else {
				u.Profile.Title = pick(r, dept.staff)
			}
			mgr := head
			if len(managers) > 0 {
				mgr = g.users[pick(r, managers)]
			}
			setManager(u, mgr)
		}
	}
	// Contractors get the contractor user type, everyone else the default.
	for _, u := range g.users {
		u.Type.ID = g.org.UserTypes[0].ID
		if u.Profile.EmployeeType == EmployeeTypeContractor {
			u.Type.ID = g.org.UserTypes[1].ID
		}
	}
}

// setManager points u's manager attributes at m.
func setManager(u, m *User) {
	u.Profile.Manager = m.Profile.DisplayName
	u.Profile.ManagerID = m.ID
}

// foldName turns a name into login characters: diacritics folded to ASCII,
// apostrophes, spaces and dots dropped, case kept.
func foldName(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'):
			b.WriteRune(c)
		case c >= 0x80:
			b.WriteString(asciiFold[c])
		}
	}
	return b.String()
}

// asciiFold maps the non-ASCII letters of the name lists to ASCII.
var asciiFold = map[rune]string{
	'á': "a", 'à': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'Á': "A", 'Å': "A",
	'ç': "c", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'É': "E",
	'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'ı': "i", 'Î': "I",
	'ñ': "n", 'ó': "o", 'ò': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'Ö': "O", 'Ø': "O",
	'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'Ü': "U", 'ý': "y", 'ÿ': "y",
	'ß': "ss", 'æ': "ae", 'ł': "l", 'Ł': "L", 'ś': "s", 'Ś': "S",
}
