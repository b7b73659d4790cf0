package emulator

import (
	"math/rand/v2"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/oktasql/oktasql/emulator/seed"
)

// roleTypes are the standard role types (the spec's RoleType); a path's
// {roleRef} is one of them or a custom role's id.
var roleTypes = []string{
	"ACCESS_CERTIFICATIONS_ADMIN", "ACCESS_REQUESTS_ADMIN", "API_ACCESS_MANAGEMENT_ADMIN", "APP_ADMIN", "CUSTOM",
	"GROUP_MEMBERSHIP_ADMIN", "HELP_DESK_ADMIN", "ORG_ADMIN", "READ_ONLY_ADMIN", "REPORT_ADMIN", "SUPER_ADMIN",
	"USER_ADMIN", "WORKFLOWS_ADMIN",
}

// roleLabels are the names Okta shows for the standard roles the org
// assigns.
var roleLabels = map[string]string{
	"SUPER_ADMIN": "Super Administrator", "ORG_ADMIN": "Organization Administrator",
	"APP_ADMIN": "Application Administrator", "USER_ADMIN": "Group Administrator",
	"HELP_DESK_ADMIN": "Help Desk Administrator", "READ_ONLY_ADMIN": "Read-only Administrator",
	"REPORT_ADMIN": "Report Administrator", "GROUP_MEMBERSHIP_ADMIN": "Group Membership Administrator",
	"API_ACCESS_MANAGEMENT_ADMIN": "API Access Management Administrator",
}

// adminRoles are the roles of the org's administrators (seed.Org.Admins),
// one each in turn: the first one, whose API token the emulator takes, is
// the super administrator.
var adminRoles = []string{"SUPER_ADMIN", "ORG_ADMIN", "APP_ADMIN", "USER_ADMIN", "HELP_DESK_ADMIN", "READ_ONLY_ADMIN", "REPORT_ADMIN"}

// groupScoped are the role types an assignment may limit to some groups
// (its group targets).
var groupScoped = []string{"USER_ADMIN", "HELP_DESK_ADMIN", "GROUP_MEMBERSHIP_ADMIN"}

// seedRoles assigns admin roles, from a random source of their own: one
// standard role to each administrator (and the second one also a custom
// role over a resource set, both from the spec's examples of those), and
// Help Desk Administrator to the IT department's group. Group-scoped
// assignments are limited to a department group or two. Assignments are
// stored where their assignee's roles are listed.
func (o *Org) seedRoles() {
	r := rand.New(rand.NewPCG(uint64(o.cfg.Seed), 13))
	o.roleTargets = map[string][]string{}
	var departments []string // the department groups, by name
	byName := map[string]*seed.Group{}
	for _, g := range o.data.Groups {
		if g.Type == "OKTA_GROUP" {
			byName[g.Profile.Name] = g
		}
	}
	for _, name := range []string{"Engineering", "Sales", "Customer Support", "Finance", "Marketing"} {
		if g := byName[name]; g != nil {
			departments = append(departments, g.ID)
		}
	}
	stamp := func() string {
		return o.cfg.Now.Add(-time.Duration(1+r.IntN(365*24)) * time.Hour).UTC().Format(timeFormat)
	}
	assign := func(collection, assignee, assignmentType, typ string) map[string]any {
		created := stamp()
		a := map[string]any{
			"id": seed.NewID(r, "ra1"), "type": typ, "label": roleLabels[typ], "status": "ACTIVE",
			"created": created, "lastUpdated": created, "assignmentType": assignmentType,
			"_links": map[string]any{"assignee": map[string]any{"href": o.baseURL + assignee}},
		}
		if slices.Contains(groupScoped, typ) && len(departments) > 0 {
			n := 1 + r.IntN(min(2, len(departments)))
			start := r.IntN(len(departments))
			for i := range n {
				o.roleTargets[a["id"].(string)] = append(o.roleTargets[a["id"].(string)], departments[(start+i)%len(departments)])
			}
		}
		o.store[collection] = append(o.store[collection], a)
		return a
	}
	for i, uid := range o.data.Admins {
		path := "/api/v1/users/" + uid
		assign(path+"/roles", path, "USER", adminRoles[i%len(adminRoles)])
		if i == 1 {
			o.assignCustomRole(assign(path+"/roles", path, "USER", "CUSTOM"))
		}
	}
	if g := byName["IT"]; g != nil {
		path := "/api/v1/groups/" + g.ID
		assign(path+"/roles", path, "GROUP", "HELP_DESK_ADMIN")
	}
}

// assignCustomRole makes assignment one of the first custom role (of the
// roles the org lists) over the first resource set.
func (o *Org) assignCustomRole(a map[string]any) {
	role, set := firstOf(example(o.catalog.Table("roles").List.ID), "roles"), firstOf(example(o.catalog.Table("iam_resource_sets").List.ID), "resource-sets")
	a["role"], a["resource-set"], a["label"] = role["id"], set["id"], role["label"]
	links := a["_links"].(map[string]any)
	links["role"] = map[string]any{"href": o.baseURL + "/api/v1/iam/roles/" + toString(role["id"])}
	links["resource-set"] = map[string]any{"href": o.baseURL + "/api/v1/iam/resource-sets/" + toString(set["id"])}
	links["permissions"] = map[string]any{"href": o.baseURL + "/api/v1/iam/roles/" + toString(role["id"]) + "/permissions"}
}

// firstOf is the first item of an envelope example ({} when none).
func firstOf(example any, envelope string) map[string]any {
	m, _ := example.(map[string]any)
	items, _ := m[envelope].([]any)
	if len(items) == 0 {
		return map[string]any{}
	}
	first, _ := items[0].(map[string]any)
	return first
}

// toString is v as a string ("" when it is not one).
func toString(v any) string {
	s, _ := v.(string)
	return s
}

// userRoles are the roles a user holds: those assigned to the user, then
// those of the groups the user is a member of (assignmentType GROUP, the
// group's own assignment object).
func (o *Org) userRoles(uid string) []map[string]any {
	out := slices.Clone(o.collectionAt([]string{"api", "v1", "users", uid, "roles"}))
	for _, g := range o.data.Groups {
		roles, _ := o.stored("/api/v1/groups/" + g.ID + "/roles")
		if len(roles) == 0 {
			continue
		}
		members := o.data.Memberships[g.ID]
		if i := sort.SearchStrings(members, uid); i < len(members) && members[i] == uid {
			out = append(out, roles...)
		}
	}
	return out
}

// listUserRoles answers listAssignedRolesForUser.
func (rq *request) listUserRoles() {
	u := rq.user()
	if u == nil {
		return
	}
	roles := rq.org.userRoles(u.ID)
	out := make([]any, len(roles))
	for i, a := range roles {
		out[i] = a
	}
	rq.json(http.StatusOK, out)
}

// getUserRole answers getUserAssignedRole: one of the user's roles, the
// object the list has.
func (rq *request) getUserRole() {
	u := rq.user()
	if u == nil {
		return
	}
	for _, a := range rq.org.userRoles(u.ID) {
		if a["id"] == rq.parts[5] {
			rq.json(http.StatusOK, a)
			return
		}
	}
	rq.notFound(rq.parts[5] + " (RoleAssignment)")
}

// listRoleAssignees answers listUsersWithRoleAssignments: the users who
// hold a role, themselves or through a group, in id order, paged in the
// body's _links.next.
func (rq *request) listRoleAssignees() {
	o := rq.org
	holders := map[string]bool{}
	for _, g := range o.data.Groups {
		if roles, _ := o.stored("/api/v1/groups/" + g.ID + "/roles"); len(roles) > 0 {
			for _, uid := range o.data.Memberships[g.ID] {
				holders[uid] = true
			}
		}
	}
	var ids []string
	for _, u := range o.data.Users {
		if roles, _ := o.stored("/api/v1/users/" + u.ID + "/roles"); holders[u.ID] || len(roles) > 0 {
			ids = append(ids, u.ID)
		}
	}
	after := 0
	if s := rq.q.Get("after"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			writeError(rq.w, http.StatusBadRequest, "E0000001", "Api validation failed: after", "after: invalid cursor")
			return
		}
		after = min(n, len(ids))
	}
	end := min(after+rq.list.limit, len(ids))
	value := make([]any, 0, end-after)
	for _, id := range ids[after:end] {
		user := o.baseURL + "/api/v1/users/" + id
		value = append(value, map[string]any{
			"id": id, "orn": o.orn("users", id),
			"_links": map[string]any{"self": map[string]any{"href": user}, "roles": map[string]any{"href": user + "/roles"}},
		})
	}
	links := map[string]any{"self": map[string]any{"href": rq.base() + rq.r.URL.RequestURI()}}
	if end < len(ids) {
		next := *rq.r.URL
		q := next.Query()
		q.Set("after", strconv.Itoa(end))
		next.RawQuery = q.Encode()
		links["next"] = map[string]any{"href": rq.base() + next.Path + "?" + next.RawQuery}
	}
	rq.json(http.StatusOK, map[string]any{"value": value, "_links": links})
}

// orn is the Okta resource name of an object of the org.
func (o *Org) orn(kind, id string) string {
	orgID, _ := example(o.catalog.Table("org").List.ID).(map[string]any)["id"].(string)
	return "orn:okta:directory:" + orgID + ":" + kind + ":" + id
}

// roleExists reports whether a {roleRef} names a standard role type or a
// custom role of the org (by id or label), and answers 404 when not.
func (o *Org) roleExists(rq *request, ref string) bool {
	if slices.Contains(roleTypes, ref) {
		return true
	}
	for _, role := range o.collectionAt([]string{"api", "v1", "iam", "roles"}) {
		if role["id"] == ref || role["label"] == ref {
			return true
		}
	}
	rq.notFound(ref + " (Role)")
	return false
}

// roleTargetGroups is the first contents of an assignment's group
// targets: the groups seedRoles limited it to.
func roleTargetGroups(o *Org, params map[string]string) []map[string]any {
	var out []map[string]any
	for _, id := range o.roleTargets[params["roleAssignmentId"]] {
		if g := o.groups[id]; g != nil {
			out = append(out, objectOf(g))
		}
	}
	return out
}
