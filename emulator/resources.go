package emulator

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/oktasql/oktasql/emulator/scim"
	"github.com/oktasql/oktasql/emulator/seed"
)

// routes are the resources with hand-written semantics; every other path
// goes to the generic store.
var routes = []route{
	r("GET", "/api/v1/users", (*request).listUsers),
	r("POST", "/api/v1/users", (*request).createUser),
	r("GET", "/api/v1/users/*", (*request).getUser),
	r("POST", "/api/v1/users/*", (*request).updateUser),
	r("PUT", "/api/v1/users/*", (*request).replaceUser),
	r("DELETE", "/api/v1/users/*", (*request).deleteUser),
	r("POST", "/api/v1/users/*/lifecycle/*", (*request).userLifecycle),
	r("GET", "/api/v1/users/*/groups", (*request).listUserGroups),
	r("GET", "/api/v1/users/*/factors", (*request).listFactors),
	r("GET", "/api/v1/users/*/factors/*", (*request).getFactor),
	r("GET", "/api/v1/users/*/appLinks", (*request).listAppLinks),
	r("GET", "/api/v1/users/*/roles", (*request).listUserRoles),
	r("GET", "/api/v1/users/*/roles/*", (*request).getUserRole),
	r("GET", "/api/v1/groups", (*request).listGroups),
	r("POST", "/api/v1/groups", (*request).createGroup),
	r("GET", "/api/v1/groups/*", (*request).getGroup),
	r("PUT", "/api/v1/groups/*", (*request).replaceGroup),
	r("DELETE", "/api/v1/groups/*", (*request).deleteGroup),
	r("GET", "/api/v1/groups/*/users", (*request).listGroupUsers),
	r("GET", "/api/v1/groups/*/apps", (*request).listGroupApps),
	r("PUT", "/api/v1/groups/*/users/*", (*request).addGroupUser),
	r("DELETE", "/api/v1/groups/*/users/*", (*request).removeGroupUser),
	r("GET", "/api/v1/apps", (*request).listApps),
	r("POST", "/api/v1/apps", (*request).createApp),
	r("GET", "/api/v1/apps/*", (*request).getApp),
	r("PUT", "/api/v1/apps/*", (*request).replaceApp),
	r("GET", "/api/v1/apps/*/users", (*request).listAppUsers),
	r("POST", "/api/v1/apps/*/lifecycle/*", (*request).appLifecycle),
	r("DELETE", "/api/v1/apps/*", (*request).deleteApp),
	r("POST", "/api/v1/apps/*/users", (*request).assignAppUser),
	r("GET", "/api/v1/apps/*/users/*", (*request).getAppUser),
	r("DELETE", "/api/v1/apps/*/users/*", (*request).unassignAppUser),
	r("GET", "/api/v1/logs", (*request).listLogs),
	r("GET", "/api/v1/iam/assignees/users", (*request).listRoleAssignees),
	r("GET", "/api/v1/org/contacts", (*request).listOrgContacts),
	r("GET", "/api/v1/org/contacts/*", (*request).getOrgContact),
	r("PUT", "/api/v1/org/contacts/*", (*request).replaceOrgContact),
	r("GET", "/api/v1/meta/schemas/user/default", (*request).userSchema),
	r("GET", "/api/v1/meta/schemas/group/default", (*request).groupSchema),
}

func (o *Org) newID(prefix string) string {
	o.nextID++
	return prefix + "emu" + strconv.FormatInt(int64(o.nextID), 36) + strings.Repeat("0", 14-len(strconv.FormatInt(int64(o.nextID), 36)))
}

func (o *Org) now() seed.Time { return seed.Time(time.Now().UnixMilli()) }

// userItems returns the users as matchable items.
func userItems(users []*seed.User) []item {
	out := make([]item, len(users))
	for i, u := range users {
		out[i] = item{u, u.Get}
	}
	return out
}

// listUsers answers listUsers with Okta's three query modes: filter
// (case-sensitive, includes DEPROVISIONED), search (case-insensitive,
// includes DEPROVISIONED, sortable) and q (prefix, no DEPROVISIONED, no
// paging); the plain list leaves DEPROVISIONED users out.
func (rq *request) listUsers() {
	c, users := rq.list, rq.org.data.Users
	switch {
	case c.search != nil && !c.sorts(rq):
		// Each page looks at the users it needs, not the whole org.
		rq.scanUsers(c.search, c.ep.search.fold)
	case c.search != nil:
		items := filterItems(userItems(users), c.search, c.ep.search.fold)
		c.order(rq, items)
		rq.page(items)
	case c.filter != nil:
		rq.scanUsers(c.filter, c.ep.filter.fold)
	case rq.q.Get("q") != "":
		var live []*seed.User
		for _, u := range users {
			if u.Status != "DEPROVISIONED" {
				live = append(live, u)
			}
		}
		rq.page(c.matchQ(rq, userItems(live)))
	default:
		rq.pageScan(len(users), func(i int) (any, bool) { return users[i], users[i].Status != "DEPROVISIONED" })
	}
}

// scanUsers pages through the users matching e in id order, looking at no
// more users than a page needs.
func (rq *request) scanUsers(e scim.Expr, ci bool) {
	users := rq.org.data.Users
	// An indexed lookup, as Okta's: one user by id or login.
	if c, ok := e.(*scim.Compare); ok && c.Op == scim.OpEq && (c.Attr == "id" || c.Attr == "profile.login") {
		v, _ := c.Value.(string)
		u := rq.org.users[v]
		if c.Attr == "profile.login" {
			u = rq.org.users[strings.ToLower(v)]
		}
		users = nil
		if u != nil && scim.Match(e, u.Get, ci) {
			users = []*seed.User{u}
		}
	}
	rq.pageScan(len(users), func(i int) (any, bool) { return users[i], scim.Match(e, users[i].Get, ci) })
}

func (rq *request) user() *seed.User {
	u := rq.org.users[rq.parts[3]]
	if u == nil {
		u = rq.org.users[strings.ToLower(rq.parts[3])]
	}
	if u == nil {
		rq.notFound(rq.parts[3] + " (User)")
	}
	return u
}

func (rq *request) getUser() {
	if u := rq.user(); u != nil {
		rq.json(http.StatusOK, u)
	}
}

// merge applies a JSON object to v: a partial update merges nested objects,
// a replace swaps them.
func merge(v any, patch map[string]any, replace bool) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var cur map[string]any
	if err := json.Unmarshal(b, &cur); err != nil {
		return err
	}
	for k, pv := range patch {
		if pm, ok := pv.(map[string]any); ok && !replace {
			if cm, ok := cur[k].(map[string]any); ok {
				for kk, vv := range pm {
					cm[kk] = vv
				}
				continue
			}
		}
		cur[k] = pv
	}
	b, err = json.Marshal(cur)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func (rq *request) createUser() {
	o := rq.org
	profile, _ := rq.body["profile"].(map[string]any)
	login, _ := profile["login"].(string)
	if login == "" {
		missing("login").write(rq)
		return
	}
	if o.users[strings.ToLower(login)] != nil {
		writeError(rq.w, http.StatusBadRequest, "E0000001", "Api validation failed: login", "login: An object with this field already exists in the current organization")
		return
	}
	u := &seed.User{ID: o.newID("00u"), Created: o.now(), LastUpdated: o.now(), Status: "ACTIVE"}
	switch rq.q.Get("activate") {
	case "false":
		u.Status = "STAGED"
	default:
		if creds, _ := rq.body["credentials"].(map[string]any); creds["password"] == nil {
			u.Status = "PROVISIONED"
		}
	}
	u.Type.ID = o.data.UserTypes[0].ID
	u.Credentials.Provider = seed.Provider{Type: "OKTA", Name: "OKTA"}
	if !rq.mergeBody(u, false) {
		return
	}
	u.Links = seed.UserLinks(rq.base(), u.ID)
	o.data.Users = append(o.data.Users, u)
	o.users[u.ID], o.users[strings.ToLower(u.Profile.Login)] = u, u
	o.audit("user.lifecycle.create", "Create okta user", userTarget(u))
	rq.json(http.StatusOK, u)
}

func (rq *request) updateUser() { rq.writeUser(false) }

func (rq *request) replaceUser() { rq.writeUser(true) }

func (rq *request) writeUser(replace bool) {
	u := rq.user()
	if u == nil {
		return
	}
	if !rq.mergeBody(u, replace) {
		return
	}
	u.LastUpdated = rq.org.now()
	rq.org.touch(u)
	rq.org.audit("user.account.update_profile", "Update user profile for Okta", userTarget(u))
	rq.json(http.StatusOK, u)
}

// userTransitions are the user lifecycle operations: the statuses each is
// allowed from (none: any but DEPROVISIONED) and the status it leads to.
var userTransitions = map[string]struct {
	from []string
	to   string
}{
	"activate":                           {[]string{"STAGED", "DEPROVISIONED"}, "ACTIVE"},
	"reactivate":                         {[]string{"PROVISIONED", "RECOVERY"}, "PROVISIONED"},
	"deactivate":                         {nil, "DEPROVISIONED"},
	"suspend":                            {[]string{"ACTIVE"}, "SUSPENDED"},
	"unsuspend":                          {[]string{"SUSPENDED"}, "ACTIVE"},
	"unlock":                             {[]string{"LOCKED_OUT"}, "ACTIVE"},
	"reset_password":                     {[]string{"ACTIVE", "PASSWORD_EXPIRED", "RECOVERY", "LOCKED_OUT", "PROVISIONED"}, "RECOVERY"},
	"expire_password":                    {[]string{"ACTIVE"}, "PASSWORD_EXPIRED"},
	"expire_password_with_temp_password": {[]string{"ACTIVE"}, "PASSWORD_EXPIRED"},
	"reset_factors":                      {[]string{"ACTIVE", "PASSWORD_EXPIRED", "RECOVERY", "LOCKED_OUT", "SUSPENDED"}, ""},
}

func (rq *request) userLifecycle() {
	u := rq.user()
	if u == nil {
		return
	}
	action := rq.parts[5]
	tr, ok := userTransitions[action]
	if !ok {
		rq.notFound(rq.r.URL.Path)
		return
	}
	allowed := tr.from == nil && u.Status != "DEPROVISIONED"
	for _, s := range tr.from {
		allowed = allowed || u.Status == s
	}
	if !allowed {
		if action == "activate" && u.Status == "ACTIVE" {
			writeError(rq.w, http.StatusForbidden, "E0000016", "Activation failed because the user is already active")
			return
		}
		writeError(rq.w, http.StatusForbidden, "E0000038", "This operation is not allowed in the user's current status.")
		return
	}
	if tr.to != "" {
		u.Status = tr.to
		u.StatusChanged = rq.org.now()
		u.LastUpdated = u.StatusChanged
		rq.org.touch(u)
	}
	rq.org.audit("user.lifecycle."+action, "User lifecycle: "+action, userTarget(u))
	switch action {
	case "reset_password", "reactivate", "activate":
		if rq.q.Get("sendEmail") == "false" {
			rq.json(http.StatusOK, map[string]string{"resetPasswordUrl": rq.base() + "/reset_password/drp" + u.ID})
			return
		}
	case "reset_factors":
		delete(rq.org.data.Factors, u.ID)
	case "expire_password_with_temp_password":
		rq.json(http.StatusOK, map[string]string{"tempPassword": "Tmp-" + rq.org.newID("")[:12]})
		return
	}
	rq.json(http.StatusOK, map[string]any{})
}

// deleteUser follows Okta's two steps: a DELETE deactivates a user that
// is not DEPROVISIONED, and deletes one that is.
func (rq *request) deleteUser() {
	u := rq.user()
	if u == nil {
		return
	}
	o := rq.org
	if u.Status != "DEPROVISIONED" {
		u.Status, u.StatusChanged = "DEPROVISIONED", o.now()
		o.touch(u)
		o.audit("user.lifecycle.deactivate", "Deactivate Okta user", userTarget(u))
		rq.noContent()
		return
	}
	o.audit("user.lifecycle.delete.completed", "Delete Okta user completed", userTarget(u))
	for i, x := range o.data.Users {
		if x == u {
			o.data.Users = append(o.data.Users[:i:i], o.data.Users[i+1:]...)
			break
		}
	}
	delete(o.users, u.ID)
	delete(o.users, strings.ToLower(u.Profile.Login))
	for gid, members := range o.data.Memberships {
		o.data.Memberships[gid] = without(members, u.ID)
	}
	rq.noContent()
}

func without(list []string, id string) []string {
	out := list[:0:0]
	for _, x := range list {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

func (rq *request) listUserGroups() {
	u := rq.user()
	if u == nil {
		return
	}
	var items []item
	for _, g := range rq.org.data.Groups {
		for _, id := range rq.org.data.Memberships[g.ID] {
			if id == u.ID {
				items = append(items, item{g, g.Get})
				break
			}
		}
	}
	rq.page(items)
}

func (rq *request) listFactors() {
	u := rq.user()
	if u == nil {
		return
	}
	var out []any
	for _, f := range rq.org.data.Factors[u.ID] {
		out = append(out, f)
	}
	if out == nil {
		out = []any{}
	}
	rq.json(http.StatusOK, out)
}

// getFactor answers getFactor: one of the user's enrolled factors, the
// same object the list gives.
func (rq *request) getFactor() {
	u := rq.user()
	if u == nil {
		return
	}
	for _, f := range rq.org.data.Factors[u.ID] {
		if f.ID == rq.parts[5] {
			rq.json(http.StatusOK, f)
			return
		}
	}
	rq.notFound(rq.parts[5])
}

func (rq *request) listAppLinks() {
	u := rq.user()
	if u == nil {
		return
	}
	out := []any{}
	for _, a := range rq.org.data.Apps {
		for _, au := range rq.org.data.AppUsers[a.ID] {
			if au.ID == u.ID {
				out = append(out, map[string]any{
					"id": "00a" + a.ID[3:], "appInstanceId": a.ID, "appName": a.Name, "label": a.Label,
					"appAssignmentId": "0ua" + u.ID[3:], "credentialsSetup": false, "hidden": false, "sortOrder": len(out),
					"linkUrl": rq.base() + "/home/" + a.Name + "/" + a.ID, "logoUrl": rq.base() + "/logo.png",
				})
				break
			}
		}
	}
	rq.json(http.StatusOK, out)
}

// listGroups answers listGroups: filter (case-sensitive), search
// (case-insensitive, sortable), q (a name prefix) and expand=stats.
func (rq *request) listGroups() {
	o := rq.org
	items := make([]item, len(o.data.Groups))
	for i, g := range o.data.Groups {
		items[i] = item{g, g.Get}
	}
	items = rq.list.narrow(rq, items)
	rq.list.order(rq, items)
	if rq.q.Get("expand") == "stats" {
		for i, it := range items {
			g := it.v.(*seed.Group)
			items[i].v = withEmbedded(g, map[string]any{"stats": map[string]any{"usersCount": len(o.data.Memberships[g.ID])}})
		}
	}
	rq.page(items)
}

// withEmbedded returns v's JSON object with an _embedded member.
func withEmbedded(v any, embedded map[string]any) map[string]any {
	b, _ := json.Marshal(v)
	var m map[string]any
	json.Unmarshal(b, &m)
	m["_embedded"] = embedded
	return m
}

func (rq *request) group() *seed.Group {
	g := rq.org.groups[rq.parts[3]]
	if g == nil {
		rq.notFound(rq.parts[3] + " (UserGroup)")
	}
	return g
}

func (rq *request) getGroup() {
	if g := rq.group(); g != nil {
		rq.json(http.StatusOK, g)
	}
}

func (rq *request) createGroup() {
	o := rq.org
	g := &seed.Group{ID: o.newID("00g"), Created: o.now(), LastUpdated: o.now(), LastMembershipUpdated: o.now(), Type: "OKTA_GROUP", ObjectClass: []string{"okta:user_group"}}
	profile, _ := rq.body["profile"].(map[string]any)
	if name, _ := profile["name"].(string); name == "" {
		missing("name").write(rq)
		return
	}
	if err := merge(g, map[string]any{"profile": profile}, false); err != nil {
		writeError(rq.w, http.StatusBadRequest, "E0000003", "The request body was not well-formed.", err.Error())
		return
	}
	g.Links = seed.NewGroupLinks(rq.base(), g.ID, "")
	o.data.Groups = append(o.data.Groups, g)
	o.groups[g.ID] = g
	o.audit("group.lifecycle.create", "Create okta group", groupTarget(g))
	rq.json(http.StatusOK, g)
}

func (rq *request) replaceGroup() {
	g := rq.group()
	if g == nil {
		return
	}
	if g.Type != "OKTA_GROUP" {
		writeError(rq.w, http.StatusBadRequest, "E0000001", "Api validation failed: type", "Only OKTA_GROUP groups can be changed")
		return
	}
	profile, _ := rq.body["profile"].(map[string]any)
	if err := merge(g, map[string]any{"profile": profile}, true); err != nil {
		writeError(rq.w, http.StatusBadRequest, "E0000003", "The request body was not well-formed.", err.Error())
		return
	}
	g.LastUpdated = rq.org.now()
	rq.org.touch(g)
	rq.org.audit("group.profile.update", "Update group profile", groupTarget(g))
	rq.json(http.StatusOK, g)
}

func (rq *request) deleteGroup() {
	g := rq.group()
	if g == nil {
		return
	}
	if g.Type == "BUILT_IN" {
		writeError(rq.w, http.StatusForbidden, "E0000006", "You do not have permission to perform the requested action")
		return
	}
	o := rq.org
	for i, x := range o.data.Groups {
		if x == g {
			o.data.Groups = append(o.data.Groups[:i:i], o.data.Groups[i+1:]...)
			break
		}
	}
	delete(o.groups, g.ID)
	delete(o.data.Memberships, g.ID)
	o.dropGroupAssignments(g.ID)
	o.audit("group.lifecycle.delete", "Delete okta group", groupTarget(g))
	rq.noContent()
}

func (rq *request) listGroupUsers() {
	g := rq.group()
	if g == nil {
		return
	}
	members := rq.org.data.Memberships[g.ID]
	users := rq.org.users
	rq.pageScan(len(members), func(i int) (any, bool) {
		u := users[members[i]]
		return u, u != nil
	})
}

func (rq *request) addGroupUser() {
	g := rq.group()
	if g == nil {
		return
	}
	if g.Type != "OKTA_GROUP" {
		writeError(rq.w, http.StatusBadRequest, "E0000001", "Api validation failed: type", "Membership can only change in OKTA_GROUP groups")
		return
	}
	u := rq.org.users[rq.parts[5]]
	if u == nil {
		rq.notFound(rq.parts[5] + " (User)")
		return
	}
	rq.org.addMember(g, u)
	rq.noContent()
}

func (rq *request) removeGroupUser() {
	g := rq.group()
	if g == nil {
		return
	}
	if u := rq.org.users[rq.parts[5]]; u != nil {
		rq.org.removeMember(g, u)
	}
	rq.noContent()
}

// listApps answers listApplications: a filter term (user.id and group.id
// select the apps assigned to a user or group, the latter as the group's
// apps list does) and q, a prefix of the name or label.
func (rq *request) listApps() {
	o, c := rq.org, rq.list
	items := make([]item, 0, len(o.data.Apps))
	for _, a := range o.data.Apps {
		if a.Status != "DELETED" {
			items = append(items, item{a, a.Get})
		}
	}
	if cmp, ok := c.filter.(*scim.Compare); ok && cmp.Attr == "user.id" {
		id, _ := cmp.Value.(string)
		items = nil
		for _, aid := range o.data.AppsByUser()[id] {
			if a := o.apps[aid]; a != nil {
				items = append(items, item{a, a.Get})
			}
		}
	} else if ok && cmp.Attr == "group.id" {
		id, _ := cmp.Value.(string)
		items = nil
		for _, a := range o.appsOfGroup(id) {
			items = append(items, item{a, a.Get})
		}
	} else if c.filter != nil {
		items = filterItems(items, c.filter, false)
	}
	rq.page(c.matchQ(rq, items))
}

// createApp adds an app (createApplication): ACTIVE unless activate=false;
// a label and a sign-on mode are required.
func (rq *request) createApp() {
	o := rq.org
	for _, f := range []string{"label", "signOnMode"} {
		if v, _ := rq.body[f].(string); v == "" {
			missing(f).write(rq)
			return
		}
	}
	now := o.now()
	a := &seed.App{ID: o.newID("0oa"), Created: now, LastUpdated: now, Status: seed.AppActive}
	if rq.q.Get("activate") == "false" {
		a.Status = seed.AppInactive
	}
	if !rq.mergeBody(a, false) {
		return
	}
	if a.Name == "" {
		a.Name = strings.ToLower(a.SignOnMode)
	}
	appDefaults(a)
	a.Links = seed.NewAppLinks(rq.base(), a.ID, a.Name, "login", a.Status)
	o.data.Apps = append(o.data.Apps, a)
	o.apps[a.ID] = a
	o.audit("application.lifecycle.create", "Add application", appTarget(a))
	rq.json(http.StatusOK, a)
}

// replaceApp replaces an app's members (replaceApplication); its id,
// status, name and links stay.
func (rq *request) replaceApp() {
	a := rq.app()
	if a == nil {
		return
	}
	delete(rq.body, "name")
	if !rq.mergeBody(a, true) {
		return
	}
	appDefaults(a)
	a.LastUpdated = rq.org.now()
	rq.org.touch(a)
	rq.org.audit("application.lifecycle.update", "Update application", appTarget(a))
	rq.json(http.StatusOK, a)
}

// appDefaults fills what Okta returns even when a body leaves it out.
func appDefaults(a *seed.App) {
	if a.Visibility.AppLinks == nil {
		a.Visibility.AppLinks = map[string]bool{}
	}
	if a.Features == nil {
		a.Features = []string{}
	}
	if a.Settings == nil {
		a.Settings = map[string]any{}
	}
}

// mergeBody applies the request body to v, without the members the
// server owns; it answers E0000003 when the body does not fit.
func (rq *request) mergeBody(v any, replace bool) bool {
	for _, k := range readOnly {
		delete(rq.body, k)
	}
	if err := merge(v, rq.body, replace); err != nil {
		writeError(rq.w, http.StatusBadRequest, "E0000003", "The request body was not well-formed.", err.Error())
		return false
	}
	return true
}

func (rq *request) getApp() {
	if a := rq.app(); a != nil {
		rq.json(http.StatusOK, a)
	}
}

// listAppUsers answers listApplicationUsers: the app's assignments, a
// page costing only what it reads unless q (a prefix of the user name,
// first or last name or email) narrows them.
func (rq *request) listAppUsers() {
	a := rq.app()
	if a == nil {
		return
	}
	assigned := rq.org.data.AppUsers[a.ID]
	if rq.q.Get("q") == "" {
		rq.pageScan(len(assigned), func(i int) (any, bool) { return assigned[i], true })
		return
	}
	items := make([]item, len(assigned))
	for i, au := range assigned {
		items[i] = item{au, au.Get}
	}
	rq.page(rq.list.matchQ(rq, items))
}

// listLogs answers the System Log: events between since (default 7 days
// before until) and until (default now), a filter on every attribute but
// published, keyword q, and sortOrder. Without until a read is polling:
// there is always a next link.
func (rq *request) listLogs() {
	o := rq.org
	parse := func(name string, def time.Time) (time.Time, bool) {
		s := rq.q.Get(name)
		if s == "" {
			return def, true
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			writeError(rq.w, http.StatusBadRequest, "E0000030", "Bad request. Invalid date.", name+": "+s)
			return t, false
		}
		return t, true
	}
	until, ok := parse("until", time.Now())
	if !ok {
		return
	}
	since, ok := parse("since", until.Add(-7*24*time.Hour))
	if !ok {
		return
	}
	e := rq.list.filter
	// Events are kept in published order: the bounds are two binary
	// searches, and a page scans only as far as it needs.
	evs := o.data.Events
	lo := sort.Search(len(evs), func(i int) bool { return !evs[i].Published.Time().Before(since) })
	hi := sort.Search(len(evs), func(i int) bool { return !evs[i].Published.Time().Before(until) })
	window := evs[lo:max(lo, hi)]
	desc := rq.q.Get("sortOrder") == "DESCENDING"
	keywords := strings.Fields(strings.ToLower(rq.q.Get("q")))
	rq.pageScan(len(window), func(i int) (any, bool) {
		ev := window[i]
		if desc {
			ev = window[len(window)-1-i]
		}
		if e != nil && !scim.Match(e, ev.Get, false) {
			return nil, false
		}
		if len(keywords) > 0 {
			b, _ := json.Marshal(ev)
			text := strings.ToLower(string(b))
			for _, k := range keywords {
				if !strings.Contains(text, k) {
					return nil, false
				}
			}
		}
		return ev, true
	})
}

func (rq *request) userSchema() {
	custom := map[string]any{}
	for _, a := range seed.CustomUserAttributes {
		p := map[string]any{"title": a.Title, "type": a.Type}
		if len(a.Enum) > 0 {
			p["enum"] = a.Enum
		}
		custom[a.Name] = p
	}
	rq.json(http.StatusOK, map[string]any{
		"id": rq.base() + "/meta/schemas/user/default", "name": "user", "title": "User", "type": "object",
		"definitions": map[string]any{
			"custom": map[string]any{"id": "#custom", "type": "object", "properties": custom, "required": []string{}},
			"base":   map[string]any{"id": "#base", "type": "object", "properties": map[string]any{}, "required": []string{"login"}},
		},
	})
}

func (rq *request) groupSchema() {
	rq.json(http.StatusOK, map[string]any{
		"id": rq.base() + "/meta/schemas/group/default", "name": "group", "title": "Okta group", "type": "object",
		"definitions": map[string]any{
			"custom": map[string]any{"id": "#custom", "type": "object", "properties": map[string]any{}, "required": []string{}},
		},
	})
}

func (rq *request) app() *seed.App {
	a := rq.org.apps[rq.parts[3]]
	if a == nil {
		rq.notFound(rq.parts[3] + " (AppInstance)")
	}
	return a
}

// appLifecycle activates or deactivates an app.
func (rq *request) appLifecycle() {
	a := rq.app()
	if a == nil {
		return
	}
	switch rq.parts[5] {
	case "activate":
		a.Status = "ACTIVE"
	case "deactivate":
		a.Status = "INACTIVE"
	default:
		rq.notFound(rq.r.URL.Path)
		return
	}
	a.LastUpdated = rq.org.now()
	rq.org.touch(a)
	rq.org.audit("application.lifecycle."+rq.parts[5], "Application lifecycle: "+rq.parts[5], appTarget(a))
	rq.json(http.StatusOK, map[string]any{})
}

// deleteApp deletes an INACTIVE app; Okta refuses an active one.
func (rq *request) deleteApp() {
	a := rq.app()
	if a == nil {
		return
	}
	if a.Status == "ACTIVE" {
		writeError(rq.w, http.StatusForbidden, "E0000056", "Delete application forbidden.", "The application must be deactivated before it is deleted")
		return
	}
	o := rq.org
	for i, x := range o.data.Apps {
		if x == a {
			o.data.Apps = append(o.data.Apps[:i:i], o.data.Apps[i+1:]...)
			break
		}
	}
	delete(o.apps, a.ID)
	delete(o.data.AppUsers, a.ID)
	delete(o.store, "/api/v1/apps/"+a.ID+"/groups")
	o.audit("application.lifecycle.delete", "Delete application", appTarget(a))
	rq.noContent()
}

// assignAppUser assigns a user (the body's id) to an app.
func (rq *request) assignAppUser() {
	a := rq.app()
	if a == nil {
		return
	}
	id, _ := rq.body["id"].(string)
	u := rq.org.users[id]
	if u == nil {
		writeError(rq.w, http.StatusBadRequest, "E0000001", "Api validation failed: id", "id: the user does not exist")
		return
	}
	for _, au := range rq.org.data.AppUsers[a.ID] {
		if au.ID == u.ID {
			rq.json(http.StatusOK, au)
			return
		}
	}
	now := rq.org.now()
	au := &seed.AppUser{ID: u.ID, Created: now, LastUpdated: now, Scope: "USER", Status: "PROVISIONED", StatusChanged: now, AppID: a.ID, BaseURL: rq.base()}
	au.Credentials.UserName = u.Profile.Login
	rq.org.data.AppUsers[a.ID] = append(rq.org.data.AppUsers[a.ID], au)
	rq.org.audit("application.user_membership.add", "Add user to application membership", userTarget(u), appTarget(a))
	rq.json(http.StatusOK, au)
}

// getAppUser returns one user's assignment to an app.
func (rq *request) getAppUser() {
	a := rq.app()
	if a == nil {
		return
	}
	for _, au := range rq.org.data.AppUsers[a.ID] {
		if au.ID == rq.parts[5] {
			rq.json(http.StatusOK, au)
			return
		}
	}
	rq.notFound(rq.parts[5] + " (AppUser)")
}

// unassignAppUser removes a user's assignment to an app.
func (rq *request) unassignAppUser() {
	a := rq.app()
	if a == nil {
		return
	}
	list := rq.org.data.AppUsers[a.ID]
	for i, au := range list {
		if au.ID == rq.parts[5] {
			rq.org.data.AppUsers[a.ID] = append(list[:i:i], list[i+1:]...)
			if u := rq.org.users[au.ID]; u != nil {
				rq.org.audit("application.user_membership.remove", "Remove user from application membership", userTarget(u), appTarget(a))
			}
			rq.noContent()
			return
		}
	}
	rq.notFound(rq.parts[5] + " (AppUser)")
}
