package emulator

import (
	"regexp"
	"sort"
	"strings"

	"github.com/oktasql/oktasql/emulator/scim"
	"github.com/oktasql/oktasql/emulator/seed"
)

// elOperators turn the part of Okta's expression language that group
// rules mostly use (user.attr == "value" joined by AND, OR, && and ||,
// with parentheses) into the SCIM grammar scim.Parse reads.
var elOperators = []struct {
	re   *regexp.Regexp
	scim string
}{
	{regexp.MustCompile(`\buser\.`), " profile."},
	{regexp.MustCompile(`==`), " eq "},
	{regexp.MustCompile(`!=`), " ne "},
	{regexp.MustCompile(`&&|\bAND\b`), " and "},
	{regexp.MustCompile(`\|\||\bOR\b`), " or "},
}

// ruleExpression is the SCIM form of a group rule's condition, or nil
// when it uses more of the expression language than that.
func ruleExpression(rule map[string]any) scim.Expr {
	parts := strings.Split(firstString(scim.MapGetter(rule)("conditions.expression.value")), `"`)
	for i := 0; i < len(parts); i += 2 { // outside the string literals
		for _, op := range elOperators {
			parts[i] = op.re.ReplaceAllString(parts[i], op.scim)
		}
	}
	e, err := scim.Parse(strings.Join(parts, `"`))
	if err != nil {
		return nil
	}
	return e
}

// applyGroupRule adds the users an ACTIVE rule's condition matches (except
// those it excludes and DEPROVISIONED ones) to its OKTA_GROUP target
// groups, or with remove takes them out again.
func (o *Org) applyGroupRule(rule map[string]any, remove bool) {
	e := ruleExpression(rule)
	if e == nil {
		return
	}
	get := scim.MapGetter(rule)
	excluded := map[any]bool{}
	for _, id := range get("conditions.people.users.exclude") {
		excluded[id] = true
	}
	for _, gid := range get("actions.assignUserToGroups.groupIds") {
		g := o.groups[gid.(string)]
		if g == nil || g.Type != "OKTA_GROUP" {
			continue
		}
		for _, u := range o.data.Users {
			if u.Status == "DEPROVISIONED" || excluded[u.ID] || !scim.Match(e, u.Get, false) {
				continue
			}
			if remove {
				o.removeMember(g, u)
			} else {
				o.addMember(g, u)
			}
		}
	}
}

// addMember puts u in g, keeping the members sorted, and logs it.
func (o *Org) addMember(g *seed.Group, u *seed.User) {
	members := o.data.Memberships[g.ID]
	i := sort.SearchStrings(members, u.ID)
	if i < len(members) && members[i] == u.ID {
		return
	}
	members = append(members, "")
	copy(members[i+1:], members[i:])
	members[i] = u.ID
	o.data.Memberships[g.ID] = members
	g.LastMembershipUpdated = o.now()
	o.touch(g)
	o.audit("group.user_membership.add", "Add user to group membership", userTarget(u), groupTarget(g))
}

// removeMember takes u out of g, and logs it.
func (o *Org) removeMember(g *seed.Group, u *seed.User) {
	members := o.data.Memberships[g.ID]
	o.data.Memberships[g.ID] = without(members, u.ID)
	if len(members) == len(o.data.Memberships[g.ID]) {
		return
	}
	g.LastMembershipUpdated = o.now()
	o.touch(g)
	o.audit("group.user_membership.remove", "Remove user from group membership", userTarget(u), groupTarget(g))
}
