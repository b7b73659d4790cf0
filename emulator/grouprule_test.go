package emulator

import (
	"net/url"
	"testing"

	"github.com/oktasql/oktasql/emulator/scim"
)

func TestRuleExpression(t *testing.T) {
	tests := []struct {
		el   string
		ok   bool
		user map[string]any
		want bool
	}{
		{`user.department=="Sales"`, true, map[string]any{"department": "Sales"}, true},
		{`user.department == "Sales"`, true, map[string]any{"department": "sales"}, false},
		{`user.department=="Sales" AND user.title!="VP"`, true, map[string]any{"department": "Sales", "title": "VP"}, false},
		{`user.department=="Sales" && user.title!="VP"`, true, map[string]any{"department": "Sales", "title": "Rep"}, true},
		{`(user.city=="Paris" OR user.city=="Lyon") and user.department=="Sales"`, true, map[string]any{"department": "Sales", "city": "Lyon"}, true},
		{`user.department=="R&D || AND"`, true, map[string]any{"department": "R&D || AND"}, true},
		{`isMemberOfAnyGroup("00g1")`, false, nil, false},
		{``, false, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.el, func(t *testing.T) {
			e := ruleExpression(map[string]any{"conditions": map[string]any{"expression": map[string]any{"value": tt.el}}})
			if (e != nil) != tt.ok {
				t.Fatalf("translated: %v, want %v", e != nil, tt.ok)
			}
			if e != nil {
				if got := scim.Match(e, scim.MapGetter(map[string]any{"profile": tt.user}), false); got != tt.want {
					t.Errorf("matches %v: %v, want %v", tt.user, got, tt.want)
				}
			}
		})
	}
}

func TestGroupRuleMemberships(t *testing.T) {
	srv := testOrg(t)
	var sales []string
	for _, u := range list(t, srv, "/api/v1/users?limit=200&search="+url.QueryEscape(`profile.department eq "Sales"`)) {
		if u["status"] != "DEPROVISIONED" && u["profile"].(map[string]any)["department"] == "Sales" {
			sales = append(sales, u["id"].(string))
		}
	}
	if len(sales) < 2 {
		t.Fatalf("%d Sales users in the seeded org", len(sales))
	}
	vars := map[string]string{"excluded": sales[0]}
	runSteps(t, srv, vars, []step{
		{name: "a group", method: "POST", path: "/api/v1/groups", body: `{"profile":{"name":"Sales team"}}`, status: 200, save: "g"},
		{name: "a rule", method: "POST", path: "/api/v1/groups/rules", status: 200, save: "r",
			body: `{"type":"group_rule","name":"Sales","conditions":{"people":{"users":{"exclude":["{excluded}"]}},"expression":{"type":"urn:okta:expression:1.0","value":"user.department==\"Sales\""}},"actions":{"assignUserToGroups":{"groupIds":["{g}"]}}}`},
	})
	if n := len(list(t, srv, "/api/v1/groups/"+vars["g"]+"/users")); n != 0 {
		t.Fatalf("the inactive rule made %d members", n)
	}
	runSteps(t, srv, vars, []step{
		{name: "expand names the groups", method: "GET", path: "/api/v1/groups/rules/{r}?expand=groupIdToGroupNameMap", status: 200,
			want: map[string]any{"_embedded": map[string]any{"groupIdToGroupNameMap": map[string]any{vars["g"]: "Sales team"}}}},
		{name: "not expanded", method: "GET", path: "/api/v1/groups/rules/{r}", status: 200, want: map[string]any{"_embedded": nil}},
		{name: "activate", method: "POST", path: "/api/v1/groups/rules/{r}/lifecycle/activate", status: 204},
	})
	members := list(t, srv, "/api/v1/groups/"+vars["g"]+"/users?limit=1000")
	if len(members) != len(sales)-1 {
		t.Errorf("%d members, want the %d Sales users but the excluded one", len(members), len(sales)-1)
	}
	for _, m := range members {
		if m["id"] == sales[0] || m["profile"].(map[string]any)["department"] != "Sales" {
			t.Errorf("member %v should not be in the group", m["id"])
		}
	}
	runSteps(t, srv, vars, []step{
		{name: "deactivate", method: "POST", path: "/api/v1/groups/rules/{r}/lifecycle/deactivate", status: 204},
		{name: "delete, removing the users", method: "DELETE", path: "/api/v1/groups/rules/{r}?removeUsers=true", status: 202},
	})
	if n := len(list(t, srv, "/api/v1/groups/"+vars["g"]+"/users")); n != 0 {
		t.Errorf("%d members left after removeUsers", n)
	}
}
