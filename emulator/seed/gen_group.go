package seed

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// Object classes of groups.
var (
	objectClassOkta = []string{"okta:user_group"}
	objectClassAD   = []string{"okta:windows_security_principal"}
)

// Name parts of the extra groups.
var (
	groupTemplates = []string{
		"Project %s", "%s Team", "%s Admins", "%s Approvers", "%s Beta Testers",
		"dl-%s", "%s On-call", "%s Working Group", "%s Champions", "%s Readers",
	}
	groupWords = []string{
		"Falcon", "Phoenix", "Atlas", "Orion", "Nimbus", "Aurora", "Zephyr", "Titan", "Nova", "Apollo",
		"Platform", "Payments", "Checkout", "Search", "Mobile", "Billing", "Growth", "Identity", "Infra", "Data",
		"AWS Prod", "GitHub", "Salesforce", "Workday", "Jira", "Snowflake", "Tableau", "Kubernetes", "VPN", "Okta",
		"EMEA", "APAC", "NA West", "NA East", "LATAM", "Enterprise", "SMB", "Partners", "Security", "Compliance",
		"Hackathon", "Wellness", "Mentors", "New Hires", "Interns", "Managers", "Leadership", "Board", "Audit", "Release",
	}
)

// genGroups creates Everyone, one group per department and about Users/20
// more groups with Zipf-skewed sizes, some of them imported from Active
// Directory (APP_GROUP).
func (g *generator) genGroups() {
	r := g.rng(streamGroups)
	n := len(g.users)
	orgStart := g.now.Add(-orgAge)

	all := make([]int32, n)
	for i := range all {
		all[i] = int32(i)
	}
	everyone := g.newGroup(r, GroupBuiltIn, "Everyone", "All users in your organization", orgStart)
	g.addGroup(everyone, all)

	g.deptGroup = make([]int, len(departments))
	for d, dept := range departments {
		grp := g.newGroup(r, GroupOkta, dept.name, "Everyone in the "+dept.name+" department", orgStart.Add(time.Duration(d+1)*time.Hour))
		g.deptGroup[d] = len(g.groups)
		g.addGroup(grp, g.deptUsers[d])
	}

	extra := max(n/20, 5)
	used := map[string]int{}
	for k := 1; k <= extra; k++ {
		template, word := pick(r, groupTemplates), pick(r, groupWords)
		name := awkwardGroupName(k, fmt.Sprintf(template, word), word)
		used[name]++
		if c := used[name]; c > 1 {
			name = fmt.Sprintf("%s %d", name, c)
		}
		typ := GroupOkta
		if chance(r, 0.12) {
			typ = GroupApp
		}
		created := between(r, orgStart, g.now.Add(-day))
		grp := g.newGroup(r, typ, name, "", created)
		// Zipf: the k-th group has about 0.3*n/k^1.1 members.
		size := min(n, max(1, int(math.Round(0.3*float64(n)/math.Pow(float64(k), 1.1)))))
		g.addGroup(grp, g.sample(r, size))
	}
}

// newGroup creates a group of the given type; APP_GROUPs get Active
// Directory profile attributes and the AD app as source.
func (g *generator) newGroup(r *rand.Rand, typ, name, desc string, created time.Time) *Group {
	id := NewID(r, PrefixGroup)
	if desc == "" {
		desc = name + " members"
	}
	grp := &Group{
		ID: id, Type: typ, ObjectClass: objectClassOkta,
		Created:     NewTime(created),
		LastUpdated: NewTime(between(r, created, g.now)),
		Profile:     GroupProfile{Name: name, Description: desc},
	}
	grp.LastMembershipUpdated = NewTime(between(r, later(created, g.now.Add(-90*day)), g.now))
	if typ == GroupApp {
		grp.ObjectClass = objectClassAD
		grp.SourceAppID = g.adAppID(r)
		p := &grp.Profile
		p.SamAccountName = name
		p.Dn = "CN=" + name + ",OU=Groups,DC=corp,DC=example,DC=com"
		p.WindowsDomainQualifiedName = `CORP\` + name
		p.ExternalID = randString(r, 22) + "=="
	}
	grp.Links = NewGroupLinks(g.base, id, grp.SourceAppID)
	return grp
}

// adAppID returns the id of the Active Directory app that APP_GROUPs come
// from, choosing it on first use (genApps creates the app with this id).
func (g *generator) adAppID(r *rand.Rand) string {
	if g.adApp == nil {
		g.adApp = &App{ID: NewID(r, PrefixApp)}
	}
	return g.adApp.ID
}

// addGroup records a group and its members; the group's membership was last
// updated no earlier than its newest member's creation.
func (g *generator) addGroup(grp *Group, members []int32) {
	for _, m := range members {
		if c := g.users[m].Created; c > grp.LastMembershipUpdated {
			grp.LastMembershipUpdated = c
		}
	}
	g.groups = append(g.groups, grp)
	g.groupMembers = append(g.groupMembers, members)
}

// sample returns size distinct random user indexes.
func (g *generator) sample(r *rand.Rand, size int) []int32 {
	n := len(g.users)
	out := make([]int32, 0, size)
	if size*3 > n {
		// Dense: one pass with a running acceptance probability (selection sampling).
		for i := 0; i < n && len(out) < size; i++ {
			if r.IntN(n-i) < size-len(out) {
				out = append(out, int32(i))
			}
		}
		return out
	}
	s := g.nextStamp()
	for len(out) < size {
		i := r.IntN(n)
		if g.stamp[i] != s {
			g.stamp[i] = s
			out = append(out, int32(i))
		}
	}
	return out
}
