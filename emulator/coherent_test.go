package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/oktasql/oktasql/schema"
)

// readAll GETs every page of a list (an array, or the objects of an
// envelope's member), following the Link or body next links.
func readAll(t *testing.T, srv *httptest.Server, path, envelope string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for path != "" {
		status, h, v := get(t, srv, path)
		if status != http.StatusOK {
			t.Fatalf("GET %s: status %d: %v", path, status, v)
		}
		items, _ := v.([]any)
		next := ""
		if envelope != "" {
			m, _ := v.(map[string]any)
			items, _ = m[envelope].([]any)
			next, _ = valueOf(m, "_links", "next", "href").(string)
		}
		for _, link := range h.Values("Link") {
			if strings.HasSuffix(link, `rel="next"`) {
				next = strings.TrimSuffix(strings.TrimPrefix(link, "<"), `>; rel="next"`)
			}
		}
		for _, it := range items {
			out = append(out, it.(map[string]any))
		}
		path = strings.TrimPrefix(next, srv.URL)
	}
	return out
}

// valueOf is the value at a path of nested objects (nil when none).
func valueOf(obj map[string]any, path ...string) any {
	v, _ := valueAt(obj, path)
	return v
}

// ids are the ids of objs, sorted.
func ids(objs []map[string]any) []string {
	var out []string
	for _, obj := range objs {
		out = append(out, obj["id"].(string))
	}
	slices.Sort(out)
	return out
}

// TestGroupAppsAgreeWithAppGroups holds the two sides of a group's
// assignment to an app together: the apps of every group
// (/groups/{id}/apps), those whose groups (/apps/{id}/groups) name it,
// and the apps the apps filter group.id finds; also once a write has
// changed them.
func TestGroupAppsAgreeWithAppGroups(t *testing.T) {
	srv := testOrg(t)
	check := func() {
		t.Helper()
		byGroup := map[string][]string{}
		for _, app := range readAll(t, srv, "/api/v1/apps?limit=200", "") {
			for _, ag := range readAll(t, srv, "/api/v1/apps/"+app["id"].(string)+"/groups?limit=200", "") {
				byGroup[ag["id"].(string)] = append(byGroup[ag["id"].(string)], app["id"].(string))
			}
		}
		assigned := 0
		for _, g := range readAll(t, srv, "/api/v1/groups?limit=200", "") {
			gid := g["id"].(string)
			want := byGroup[gid]
			slices.Sort(want)
			got := ids(readAll(t, srv, "/api/v1/groups/"+gid+"/apps?limit=20", ""))
			if !slices.Equal(got, want) {
				t.Errorf("group %s: its apps are %v; the apps whose groups name it are %v", gid, got, want)
			}
			filtered := ids(readAll(t, srv, "/api/v1/apps?limit=200&filter="+url.QueryEscape(`group.id eq "`+gid+`"`), ""))
			if !slices.Equal(filtered, want) {
				t.Errorf("group %s: the apps filter group.id finds %v; the apps whose groups name it are %v", gid, filtered, want)
			}
			assigned += len(want)
		}
		if assigned == 0 {
			t.Fatal("no app has a group")
		}
	}
	check()
	// A new assignment and a deleted group show on both sides.
	o := testOrgOf(t, srv)
	app, group := o.data.Apps[0].ID, o.data.Groups[len(o.data.Groups)-1].ID
	if status, v := send(t, srv, "PUT", "/api/v1/apps/"+app+"/groups/"+group, `{"priority":0}`); status != http.StatusOK {
		t.Fatalf("assigning a group: %d %v", status, v)
	}
	if status, v := send(t, srv, "DELETE", "/api/v1/groups/"+o.data.Groups[1].ID, ""); status != http.StatusNoContent {
		t.Fatalf("deleting a group: %d %v", status, v)
	}
	check()
}

// TestRolesAgree holds role assignments to the org: each user's roles are
// the user's own (assignee: the user) and those of the user's groups (the
// group's own assignment); the users with a role are exactly those the
// role assignees list names; group targets are groups of the org.
func TestRolesAgree(t *testing.T) {
	srv := testOrg(t)
	assignees := map[string]bool{}
	for _, u := range readAll(t, srv, "/api/v1/iam/assignees/users?limit=2", "value") {
		assignees[u["id"].(string)] = true
	}
	if len(assignees) == 0 {
		t.Fatal("no user holds a role")
	}
	groupRoles := map[string][]map[string]any{} // by group id
	for _, g := range readAll(t, srv, "/api/v1/groups?limit=200", "") {
		gid := g["id"].(string)
		for _, role := range readAll(t, srv, "/api/v1/groups/"+gid+"/roles", "") {
			if href, _ := valueOf(role, "_links", "assignee", "href").(string); !strings.HasSuffix(href, "/api/v1/groups/"+gid) || role["assignmentType"] != "GROUP" {
				t.Errorf("group %s holds role %s assigned to %s (%v)", gid, role["id"], href, role["assignmentType"])
			}
			groupRoles[gid] = append(groupRoles[gid], role)
		}
	}
	if len(groupRoles) == 0 {
		t.Fatal("no group holds a role")
	}
	targets := 0
	for _, u := range readAll(t, srv, "/api/v1/users?limit=200", "") {
		uid := u["id"].(string)
		roles := readAll(t, srv, "/api/v1/users/"+uid+"/roles", "")
		if (len(roles) > 0) != assignees[uid] {
			t.Errorf("user %s holds %d roles; listed among the role assignees: %v", uid, len(roles), assignees[uid])
		}
		var want []string // the roles of the user's groups
		for _, g := range readAll(t, srv, "/api/v1/users/"+uid+"/groups?limit=200", "") {
			want = append(want, ids(groupRoles[g["id"].(string)])...)
		}
		var inherited []string
		for _, role := range roles {
			href, _ := valueOf(role, "_links", "assignee", "href").(string)
			switch role["assignmentType"] {
			case "USER":
				if !strings.HasSuffix(href, "/api/v1/users/"+uid) {
					t.Errorf("user %s holds role %s assigned to %s", uid, role["id"], href)
				}
			case "GROUP":
				inherited = append(inherited, role["id"].(string))
			default:
				t.Errorf("user %s: role %s has assignmentType %v", uid, role["id"], role["assignmentType"])
			}
			status, _, got := get(t, srv, "/api/v1/users/"+uid+"/roles/"+role["id"].(string))
			if b, _ := json.Marshal(got); status != http.StatusOK || !jsonEqual(got, role) {
				t.Errorf("user %s: GET of role %s: %d %s", uid, role["id"], status, b)
			}
			for _, g := range readAll(t, srv, "/api/v1/users/"+uid+"/roles/"+role["id"].(string)+"/targets/groups", "") {
				targets++
				if status, _, _ := get(t, srv, "/api/v1/groups/"+g["id"].(string)); status != http.StatusOK {
					t.Errorf("user %s: role %s targets group %s, which the org does not have", uid, role["id"], g["id"])
				}
			}
		}
		slices.Sort(want)
		slices.Sort(inherited)
		if !slices.Equal(inherited, want) {
			t.Errorf("user %s: roles held through groups %v, want the groups' %v", uid, inherited, want)
		}
	}
	if targets == 0 {
		t.Error("no role has a group target")
	}
}

// TestAPITokensBelongToUsers holds every API token to a user of the org.
func TestAPITokensBelongToUsers(t *testing.T) {
	srv := testOrg(t)
	tokens := readAll(t, srv, "/api/v1/api-tokens", "")
	if len(tokens) == 0 {
		t.Fatal("no API token")
	}
	for _, tok := range tokens {
		uid, _ := tok["userId"].(string)
		if status, _, _ := get(t, srv, "/api/v1/users/"+uid); status != http.StatusOK {
			t.Errorf("token %s belongs to %q, not a user of the org (%d)", tok["id"], uid, status)
		}
		if href, _ := valueOf(tok, "_links", "user", "href").(string); !strings.HasSuffix(href, "/api/v1/users/"+uid) {
			t.Errorf("token %s links to user %s, not %s", tok["id"], href, uid)
		}
	}
}

// TestOrgContactsAreUsers holds the org's contacts to its users: each
// contact type's user (its item GET; the list does not name it) is a user
// of the org, and a replace changes it.
func TestOrgContactsAreUsers(t *testing.T) {
	srv := testOrg(t)
	contacts := readAll(t, srv, "/api/v1/org/contacts", "")
	if len(contacts) != 2 {
		t.Fatalf("%d contact types, want 2", len(contacts))
	}
	for _, c := range contacts {
		typ := c["contactType"].(string)
		if _, ok := c["userId"]; ok {
			t.Errorf("the list names the %s contact's user; Okta's does not", typ)
		}
		status, _, v := get(t, srv, "/api/v1/org/contacts/"+typ)
		obj, _ := v.(map[string]any)
		uid, _ := obj["userId"].(string)
		if status != http.StatusOK || uid == "" {
			t.Fatalf("GET the %s contact: %d %v", typ, status, v)
		}
		if status, _, _ := get(t, srv, "/api/v1/users/"+uid); status != http.StatusOK {
			t.Errorf("the %s contact is %s, not a user of the org", typ, uid)
		}
	}
	uid := testOrgOf(t, srv).data.Users[5].ID
	runSteps(t, srv, map[string]string{"u": uid}, []step{
		{name: "replace", method: "PUT", path: "/api/v1/org/contacts/BILLING", body: `{"userId":"{u}"}`, status: 200, want: map[string]any{"userId": "{u}"}},
		{name: "read back", method: "GET", path: "/api/v1/org/contacts/BILLING", status: 200, want: map[string]any{"userId": "{u}"}},
		{name: "unknown user", method: "PUT", path: "/api/v1/org/contacts/BILLING", body: `{"userId":"00unobody"}`, status: 400, code: "E0000001"},
		{name: "unknown type", method: "GET", path: "/api/v1/org/contacts/SALES", status: 404, code: "E0000007"},
	})
}

// sameObjectExceptions are the tables whose item GET answers another
// shape than their list, as Okta's does.
var sameObjectExceptions = map[string]string{
	"org_contacts":       "the list gives each contact type, the item GET its user",
	"log_stream_schemas": "the item GET takes a log stream type, which the listed schemas hold only at the end of their URL id",
}

// TestItemGetIsTheListedObject holds the item GET of every catalog table
// that has one to the object its list gives, the first request of a fresh
// org included: an org seeded like another answers the GET of each item
// the other lists, before any list, with the same object.
func TestItemGetIsTheListedObject(t *testing.T) {
	lister, fresh := testOrg(t), testOrg(t)
	checked := 0
	for _, tb := range schema.Default().Tables {
		if tb.Get == nil || tb.List.Method != http.MethodGet || tb.SingleRow {
			continue
		}
		t.Run(tb.Name, func(t *testing.T) {
			if reason, ok := sameObjectExceptions[tb.Name]; ok {
				t.Skip(reason)
			}
			values := map[string]string{}
			for _, k := range tb.Keys {
				if k.PathParam == "" {
					t.Skipf("key %s is a query parameter", k.Column)
				}
				if values[k.PathParam] = keyValue(t, lister, k, 0); values[k.PathParam] == "" {
					t.Skipf("no %s to list the items under", k.Column)
				}
			}
			path, err := schema.ExpandPath(tb.List.Path, values)
			if err != nil {
				t.Fatal(err)
			}
			status, _, v := get(t, lister, path+requiredQueries(tb.List)[0])
			if status != http.StatusOK {
				t.Skipf("GET %s: %d", path, status)
			}
			items, _ := v.([]any)
			if m, ok := v.(map[string]any); ok && tb.Envelope != "" {
				items, _ = m[tb.Envelope].([]any)
			}
			col := tb.Column(tb.ItemColumn)
			for _, it := range items {
				obj, _ := it.(map[string]any)
				id, ok := valueAt(obj, col.Path)
				if !ok {
					t.Errorf("an item of %s has no %s: %v", path, tb.ItemColumn, obj)
					continue
				}
				values[tb.ItemParam] = fmt.Sprint(id)
				item, err := schema.ExpandPath(tb.Get.Path, values)
				if err != nil {
					t.Fatal(err)
				}
				status, _, got := get(t, fresh, item)
				if status != http.StatusOK || !jsonEqual(hostless(fresh, got), hostless(lister, obj)) {
					b, _ := json.Marshal(got)
					want, _ := json.Marshal(obj)
					t.Errorf("GET %s on a fresh org: %d %.400s\nthe list has %.400s", item, status, b, want)
				}
				checked++
			}
		})
	}
	if checked < 40 {
		t.Errorf("only %d items were read by their GET", checked)
	}
	t.Logf("%d items read by their GET", checked)
}

// hostless is v's JSON with srv's URL as another server's would be: the
// answers of two servers differ in the links they build.
func hostless(srv *httptest.Server, v any) any {
	b, _ := json.Marshal(v)
	var out any
	json.Unmarshal([]byte(strings.ReplaceAll(string(b), srv.URL, "http://ORG")), &out)
	return out
}

// jsonEqual compares two values by their JSON.
func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// testOrgOf is the org a test server serves.
func testOrgOf(t *testing.T, srv *httptest.Server) *Org {
	t.Helper()
	o, ok := srv.Config.Handler.(*Org)
	if !ok {
		t.Fatalf("the server serves a %T", srv.Config.Handler)
	}
	return o
}
