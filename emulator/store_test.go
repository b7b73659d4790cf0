package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// step is one call of a scenario: its answer's status, error code and
// members, and the name its id is saved under for later paths and bodies
// ("{name}").
type step struct {
	name, method, path, body string
	status                   int
	code                     string
	want                     map[string]any
	save                     string
}

// runSteps plays a scenario against srv; vars fill "{name}" in paths and
// bodies and receive the saved ids.
func runSteps(t *testing.T, srv *httptest.Server, vars map[string]string, steps []step) {
	t.Helper()
	for _, s := range steps {
		pairs := make([]string, 0, 2*len(vars))
		for k, v := range vars {
			pairs = append(pairs, "{"+k+"}", v)
		}
		expand := strings.NewReplacer(pairs...).Replace
		status, v := send(t, srv, s.method, expand(s.path), expand(s.body))
		if status != s.status {
			t.Fatalf("%s: %s %s: status %d, want %d: %v", s.name, s.method, expand(s.path), status, s.status, v)
		}
		if s.code != "" && v["errorCode"] != s.code {
			t.Errorf("%s: errorCode %v, want %s: %v", s.name, v["errorCode"], s.code, v)
		}
		for k, want := range s.want {
			if got := fmt.Sprint(v[k]); got != expand(fmt.Sprint(want)) {
				t.Errorf("%s: %s = %s, want %v", s.name, k, got, want)
			}
		}
		if s.save != "" {
			id, _ := v["id"].(string)
			if id == "" {
				t.Fatalf("%s: no id in %v", s.name, v)
			}
			vars[s.save] = id
		}
	}
}

// list GETs a list that must answer 200 and returns its objects.
func list(t *testing.T, srv *httptest.Server, path string) []map[string]any {
	t.Helper()
	status, _, v := get(t, srv, path)
	if status != 200 {
		t.Fatalf("GET %s: %d %v", path, status, v)
	}
	var out []map[string]any
	for _, x := range v.([]any) {
		out = append(out, x.(map[string]any))
	}
	return out
}

// find returns the first object with member k equal to v.
func find(t *testing.T, objs []map[string]any, k string, v any) map[string]any {
	t.Helper()
	for _, o := range objs {
		if o[k] == v {
			return o
		}
	}
	t.Fatalf("no object with %s = %v", k, v)
	return nil
}

// wantEvents fails unless the System Log has an event of each type
// published since the test began (the seeded history ends at testNow).
func wantEvents(t *testing.T, srv *httptest.Server, since time.Time, types ...string) {
	t.Helper()
	for _, et := range types {
		events := list(t, srv, "/api/v1/logs?limit=1000&since="+since.UTC().Format(timeFormat)+"&filter="+url.QueryEscape(`eventType eq "`+et+`"`))
		if len(events) == 0 {
			t.Errorf("no %s event in the System Log", et)
		}
	}
}

// listCase is a list query and what its answer must be.
type listCase struct {
	name, query string
	status      int
	code        string
	check       func(t *testing.T, objs []map[string]any)
}

// runLists plays list queries on one collection.
func runLists(t *testing.T, srv *httptest.Server, path string, cases []listCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, _, v := get(t, srv, path+"?"+c.query)
			if status != c.status {
				t.Fatalf("status %d, want %d: %v", status, c.status, v)
			}
			if c.code != "" {
				if m, _ := v.(map[string]any); m["errorCode"] != c.code {
					t.Fatalf("errorCode %v, want %s", m["errorCode"], c.code)
				}
				return
			}
			var objs []map[string]any
			for _, x := range v.([]any) {
				objs = append(objs, x.(map[string]any))
			}
			c.check(t, objs)
		})
	}
}

// all checks that every object has member k equal to v, and that there is one.
func all(k string, v any) func(*testing.T, []map[string]any) {
	return func(t *testing.T, objs []map[string]any) {
		if len(objs) == 0 {
			t.Fatal("no objects")
		}
		for _, o := range objs {
			if o[k] != v {
				t.Errorf("%s = %v, want %v (%v)", k, o[k], v, o["id"])
			}
		}
	}
}

// size checks the number of objects.
func size(n int) func(*testing.T, []map[string]any) {
	return func(t *testing.T, objs []map[string]any) {
		if len(objs) != n {
			t.Errorf("%d objects, want %d", len(objs), n)
		}
	}
}

func TestPolicyQueries(t *testing.T) {
	srv := testOrg(t)
	runLists(t, srv, "/api/v1/policies", []listCase{
		{"type is required", "", 400, "E0000001", nil},
		{"an unknown type", "type=NOPE", 400, "E0000002", nil},
		{"by type", "type=PASSWORD", 200, "", all("type", "PASSWORD")},
		{"one default policy per type", "type=OKTA_SIGN_ON", 200, "", func(t *testing.T, objs []map[string]any) {
			n := 0
			for _, p := range objs {
				if p["system"] == true {
					n++
				}
			}
			if n != 1 || len(objs) != 3 {
				t.Errorf("%d policies, %d default", len(objs), n)
			}
		}},
		{"by status", "type=ACCESS_POLICY&status=ACTIVE", 200, "", all("status", "ACTIVE")},
		{"q is a case-insensitive name prefix", "type=MFA_ENROLL&q=default", 200, "", all("name", "Default Policy")},
		{"q without match", "type=MFA_ENROLL&q=zzz", 200, "", size(0)},
		{"expand=rules embeds the rules", "type=PASSWORD&expand=rules", 200, "", func(t *testing.T, objs []map[string]any) {
			for _, p := range objs {
				embedded, _ := p["_embedded"].(map[string]any)
				if rules, _ := embedded["rules"].([]any); len(rules) == 0 {
					t.Errorf("policy %v embeds no rules", p["name"])
				}
			}
		}},
		{"sortBy name", "type=PASSWORD&sortBy=name", 200, "", func(t *testing.T, objs []map[string]any) {
			names := make([]string, len(objs))
			for i, p := range objs {
				names[i] = strings.ToLower(p["name"].(string))
			}
			if !sort.StringsAreSorted(names) {
				t.Errorf("not sorted by name: %v", names)
			}
		}},
	})
	for _, typ := range []string{"OKTA_SIGN_ON", "PASSWORD", "MFA_ENROLL", "ACCESS_POLICY"} {
		for _, p := range list(t, srv, "/api/v1/policies?type="+typ) {
			rules := list(t, srv, "/api/v1/policies/"+p["id"].(string)+"/rules")
			if len(rules) == 0 || rules[len(rules)-1]["system"] != true {
				t.Errorf("%s policy %v: rules %v do not end with the default rule", typ, p["name"], rules)
			}
		}
	}
}

func TestPolicyLifecycle(t *testing.T) {
	srv, start := testOrg(t), time.Now()
	passwords := list(t, srv, "/api/v1/policies?type=PASSWORD")
	def := find(t, passwords, "system", true)["id"].(string)
	defRule := find(t, list(t, srv, "/api/v1/policies/"+def+"/rules"), "system", true)["id"].(string)
	profile := list(t, srv, "/api/v1/policies?type=PROFILE_ENROLLMENT")[0]["id"].(string)
	vars := map[string]string{"default": def, "defaultRule": defRule, "profile": profile}
	runSteps(t, srv, vars, []step{
		{name: "create", method: "POST", path: "/api/v1/policies", body: `{"name":"Temporary","type":"PASSWORD"}`,
			status: 200, want: map[string]any{"status": "ACTIVE", "system": false, "type": "PASSWORD"}, save: "p"},
		{name: "create inactive", method: "POST", path: "/api/v1/policies?activate=false", body: `{"name":"Later","type":"PASSWORD"}`,
			status: 200, want: map[string]any{"status": "INACTIVE"}},
		{name: "create without a name", method: "POST", path: "/api/v1/policies", body: `{"type":"PASSWORD"}`, status: 400, code: "E0000001"},
		{name: "create of an unknown type", method: "POST", path: "/api/v1/policies", body: `{"name":"x","type":"OAUTH_AUTHORIZATION_POLICY"}`, status: 400, code: "E0000002"},
		{name: "deactivate", method: "POST", path: "/api/v1/policies/{p}/lifecycle/deactivate", status: 204},
		{name: "read deactivated", method: "GET", path: "/api/v1/policies/{p}", status: 200, want: map[string]any{"status": "INACTIVE"}},
		{name: "activate", method: "POST", path: "/api/v1/policies/{p}/lifecycle/activate", status: 204},
		{name: "replace keeps type and system", method: "PUT", path: "/api/v1/policies/{p}", body: `{"name":"Renamed","type":"OKTA_SIGN_ON","system":true}`,
			status: 200, want: map[string]any{"name": "Renamed", "type": "PASSWORD", "system": false, "status": "ACTIVE"}},
		{name: "add a rule: it takes the policy's rule type", method: "POST", path: "/api/v1/policies/{p}/rules", body: `{"name":"R1"}`,
			status: 200, want: map[string]any{"type": "PASSWORD", "status": "ACTIVE", "system": false}, save: "r"},
		{name: "a rule of another type", method: "POST", path: "/api/v1/policies/{p}/rules", body: `{"name":"R2","type":"SIGN_ON"}`, status: 400, code: "E0000001"},
		{name: "an inactive rule", method: "POST", path: "/api/v1/policies/{p}/rules?activate=false", body: `{"name":"R3"}`,
			status: 200, want: map[string]any{"status": "INACTIVE"}},
		{name: "no extra rules in profile enrollment", method: "POST", path: "/api/v1/policies/{profile}/rules", body: `{"name":"R4"}`, status: 400, code: "E0000001"},
		{name: "deactivate the rule", method: "POST", path: "/api/v1/policies/{p}/rules/{r}/lifecycle/deactivate", status: 204},
		{name: "read the rule", method: "GET", path: "/api/v1/policies/{p}/rules/{r}", status: 200, want: map[string]any{"status": "INACTIVE"}},
		{name: "replace the rule", method: "PUT", path: "/api/v1/policies/{p}/rules/{r}", body: `{"name":"R1 renamed","type":"SIGN_ON"}`,
			status: 200, want: map[string]any{"name": "R1 renamed", "type": "PASSWORD", "status": "INACTIVE"}},
		{name: "delete the rule", method: "DELETE", path: "/api/v1/policies/{p}/rules/{r}", status: 204},
		{name: "the rule is gone", method: "GET", path: "/api/v1/policies/{p}/rules/{r}", status: 404, code: "E0000007"},
		{name: "the default rule stays", method: "DELETE", path: "/api/v1/policies/{default}/rules/{defaultRule}", status: 400, code: "E0000001"},
		{name: "the default policy stays", method: "DELETE", path: "/api/v1/policies/{default}", status: 400, code: "E0000001"},
		{name: "delete the policy", method: "DELETE", path: "/api/v1/policies/{p}", status: 204},
		{name: "its rules are gone", method: "GET", path: "/api/v1/policies/{p}/rules", status: 404, code: "E0000007"},
		{name: "an unknown policy", method: "POST", path: "/api/v1/policies/00pnope/lifecycle/activate", status: 404, code: "E0000007"},
	})
	wantEvents(t, srv, start, "policy.lifecycle.create", "policy.lifecycle.update", "policy.lifecycle.activate", "policy.lifecycle.deactivate",
		"policy.lifecycle.delete", "policy.rule.add", "policy.rule.update", "policy.rule.deactivate", "policy.rule.delete")
	// A rule's events name the rule and its policy.
	filter := url.QueryEscape(`eventType eq "policy.rule.add" and target.id eq "` + vars["r"] + `" and target.id eq "` + vars["p"] + `"`)
	if events := list(t, srv, "/api/v1/logs?since="+start.UTC().Format(timeFormat)+"&filter="+filter); len(events) != 1 {
		t.Errorf("%d policy.rule.add events name the rule and its policy, want 1", len(events))
	}
}

func TestRulePriorities(t *testing.T) {
	srv := testOrg(t)
	p := find(t, list(t, srv, "/api/v1/policies?type=PASSWORD"), "system", false)["id"].(string)
	rules := "/api/v1/policies/" + p + "/rules"
	before := len(list(t, srv, rules))
	runSteps(t, srv, map[string]string{}, []step{
		{name: "a new rule goes before the default one", method: "POST", path: rules, body: `{"name":"Last"}`,
			status: 200, want: map[string]any{"priority": before}},
		{name: "a rule asking for priority 1", method: "POST", path: rules, body: `{"name":"First","priority":1}`,
			status: 200, want: map[string]any{"priority": 1}},
	})
	got := list(t, srv, rules)
	if len(got) != before+2 || got[0]["name"] != "First" || got[len(got)-2]["name"] != "Last" || got[len(got)-1]["system"] != true {
		t.Fatalf("rules out of order: %v", got)
	}
	for i, r := range got[:len(got)-1] {
		if r["priority"] != float64(i+1) {
			t.Errorf("rule %v has priority %v, want %d", r["name"], r["priority"], i+1)
		}
	}
	if last := got[len(got)-1]["priority"].(float64); last <= float64(len(got)-1) {
		t.Errorf("the default rule's priority %v is not last", last)
	}
}

func TestNetworkZones(t *testing.T) {
	srv, start := testOrg(t), time.Now()
	zones := list(t, srv, "/api/v1/zones")
	active := find(t, zones, "name", "MyIpZone")["id"].(string)
	system := find(t, zones, "name", "LegacyIpZone")["id"].(string)
	runLists(t, srv, "/api/v1/zones", []listCase{
		{"usage", `filter=` + url.QueryEscape(`usage eq "BLOCKLIST"`), 200, "", all("usage", "BLOCKLIST")},
		{"id or id", `filter=` + url.QueryEscape(`id eq "`+active+`" or id eq "`+system+`"`), 200, "", size(2)},
		{"parentheses and and", `filter=` + url.QueryEscape(`(id eq "`+active+`" or id eq "`+system+`") and usage eq "POLICY"`), 200, "", size(2)},
		{"values are case-sensitive", `filter=` + url.QueryEscape(`usage eq "policy"`), 200, "", size(0)},
		{"an unsupported field", `filter=` + url.QueryEscape(`name eq "MyIpZone"`), 400, "E0000031", nil},
		{"an unsupported operator", `filter=` + url.QueryEscape(`usage sw "P"`), 400, "E0000031", nil},
	})
	signOn := find(t, list(t, srv, "/api/v1/policies?type=OKTA_SIGN_ON"), "system", false)["id"].(string)
	runSteps(t, srv, map[string]string{"active": active, "system": system, "signOn": signOn}, []step{
		{name: "an ACTIVE zone is not deleted", method: "DELETE", path: "/api/v1/zones/{active}", status: 400, code: "E0000001"},
		{name: "deactivate answers the zone", method: "POST", path: "/api/v1/zones/{active}/lifecycle/deactivate", status: 200, want: map[string]any{"status": "INACTIVE"}},
		{name: "an INACTIVE zone is deleted", method: "DELETE", path: "/api/v1/zones/{active}", status: 204},
		{name: "gone", method: "GET", path: "/api/v1/zones/{active}", status: 404, code: "E0000007"},
		{name: "a system zone is not deleted", method: "POST", path: "/api/v1/zones/{system}/lifecycle/deactivate", status: 200},
		{name: "even inactive", method: "DELETE", path: "/api/v1/zones/{system}", status: 400, code: "E0000001"},
		{name: "create", method: "POST", path: "/api/v1/zones", body: `{"name":"Office","type":"IP","usage":"POLICY","gateways":[{"type":"CIDR","value":"10.0.0.0/8"}]}`,
			status: 200, want: map[string]any{"status": "ACTIVE", "system": false}, save: "z"},
		{name: "create without a type", method: "POST", path: "/api/v1/zones", body: `{"name":"Office"}`, status: 400, code: "E0000001"},
		{name: "replace", method: "PUT", path: "/api/v1/zones/{z}", body: `{"name":"Office 2","type":"IP","usage":"POLICY"}`, status: 200, want: map[string]any{"name": "Office 2", "status": "ACTIVE"}},
		{name: "activate", method: "POST", path: "/api/v1/zones/{z}/lifecycle/activate", status: 200, want: map[string]any{"status": "ACTIVE"}},
		{name: "a rule uses the zone", method: "POST", path: "/api/v1/policies/{signOn}/rules",
			body: `{"name":"Office only","conditions":{"network":{"connection":"ZONE","include":["{z}"]}}}`, status: 200, save: "r"},
		{name: "deactivate the zone", method: "POST", path: "/api/v1/zones/{z}/lifecycle/deactivate", status: 200},
		{name: "a zone in use is not deleted", method: "DELETE", path: "/api/v1/zones/{z}", status: 400, code: "E0000001"},
		{name: "delete the rule", method: "DELETE", path: "/api/v1/policies/{signOn}/rules/{r}", status: 204},
		{name: "then the zone is deleted", method: "DELETE", path: "/api/v1/zones/{z}", status: 204},
	})
	wantEvents(t, srv, start, "zone.create", "zone.update", "zone.deactivate", "zone.activate", "zone.delete")
}

func TestEventHooks(t *testing.T) {
	srv, start := testOrg(t), time.Now()
	runSteps(t, srv, map[string]string{}, []step{
		{name: "create: ACTIVE", method: "POST", path: "/api/v1/eventHooks",
			body:   `{"name":"Audit","events":{"type":"EVENT_TYPE","items":["user.lifecycle.create"]},"channel":{"type":"HTTP","version":"1.0.0","config":{"uri":"https://example.com/hook"}}}`,
			status: 200, want: map[string]any{"status": "ACTIVE"}, save: "h"},
		{name: "create without a channel", method: "POST", path: "/api/v1/eventHooks", body: `{"name":"x","events":{"type":"EVENT_TYPE","items":["user.lifecycle.create"]}}`, status: 400, code: "E0000001"},
		{name: "verify", method: "POST", path: "/api/v1/eventHooks/{h}/lifecycle/verify", status: 200, want: map[string]any{"verificationStatus": "VERIFIED"}},
		{name: "an ACTIVE hook is not deleted", method: "DELETE", path: "/api/v1/eventHooks/{h}", status: 400, code: "E0000001"},
		{name: "deactivate", method: "POST", path: "/api/v1/eventHooks/{h}/lifecycle/deactivate", status: 200, want: map[string]any{"status": "INACTIVE"}},
		{name: "an INACTIVE hook is deleted", method: "DELETE", path: "/api/v1/eventHooks/{h}", status: 204},
		{name: "gone", method: "GET", path: "/api/v1/eventHooks/{h}", status: 404, code: "E0000007"},
	})
	wantEvents(t, srv, start, "event_hook.created", "event_hook.verified", "event_hook.deactivated", "event_hook.deleted")
}

func TestGroupRules(t *testing.T) {
	srv, start := testOrg(t), time.Now()
	runLists(t, srv, "/api/v1/groups/rules", []listCase{
		{"search is a case-insensitive keyword", "search=ENGINEERING", 200, "", all("name", "Engineering group rule")},
		{"search without match", "search=nothing", 200, "", size(0)},
	})
	runSteps(t, srv, map[string]string{}, []step{
		{name: "create: INACTIVE", method: "POST", path: "/api/v1/groups/rules",
			body:   `{"type":"group_rule","name":"Sales","conditions":{"expression":{"type":"urn:okta:expression:1.0","value":"user.department==\"Sales\""}},"actions":{"assignUserToGroups":{"groupIds":["00g1"]}}}`,
			status: 200, want: map[string]any{"status": "INACTIVE"}, save: "g"},
		{name: "replace while INACTIVE; actions never change", method: "PUT", path: "/api/v1/groups/rules/{g}",
			body:   `{"type":"group_rule","name":"Sales team","conditions":{"expression":{"type":"urn:okta:expression:1.0","value":"true"}},"actions":{"assignUserToGroups":{"groupIds":["00g2"]}}}`,
			status: 200, want: map[string]any{"name": "Sales team", "actions": map[string]any{"assignUserToGroups": map[string]any{"groupIds": []any{"00g1"}}}}},
		{name: "activate", method: "POST", path: "/api/v1/groups/rules/{g}/lifecycle/activate", status: 204},
		{name: "an ACTIVE rule is not replaced", method: "PUT", path: "/api/v1/groups/rules/{g}",
			body: `{"type":"group_rule","name":"x","conditions":{},"actions":{}}`, status: 400, code: "E0000001"},
		{name: "an ACTIVE rule is not deleted", method: "DELETE", path: "/api/v1/groups/rules/{g}", status: 400, code: "E0000001"},
		{name: "deactivate", method: "POST", path: "/api/v1/groups/rules/{g}/lifecycle/deactivate", status: 204},
		{name: "delete answers 202", method: "DELETE", path: "/api/v1/groups/rules/{g}", status: 202},
		{name: "gone", method: "GET", path: "/api/v1/groups/rules/{g}", status: 404, code: "E0000007"},
	})
	wantEvents(t, srv, start, "group.user_membership.rule.created", "group.user_membership.rule.activated", "group.user_membership.rule.deleted")
}

func TestDevices(t *testing.T) {
	srv, start := testOrg(t), time.Now()
	devices := list(t, srv, "/api/v1/devices")
	active := find(t, devices, "status", "ACTIVE")["id"].(string)
	if users := list(t, srv, "/api/v1/devices/"+active+"/users"); len(users) == 0 {
		t.Fatal("the device has no user links to lose")
	}
	runLists(t, srv, "/api/v1/devices", []listCase{
		{"search is case-insensitive", "search=" + url.QueryEscape(`status eq "active"`), 200, "", all("status", "ACTIVE")},
		{"sw on the profile", "search=" + url.QueryEscape(`profile.displayName sw "example device"`), 200, "", size(2)},
		{"an unsupported operator", "search=" + url.QueryEscape(`status ne "ACTIVE"`), 400, "E0000031", nil},
	})
	runSteps(t, srv, map[string]string{"d": active}, []step{
		{name: "unsuspend an ACTIVE device", method: "POST", path: "/api/v1/devices/{d}/lifecycle/unsuspend", status: 400, code: "E0000001"},
		{name: "suspend", method: "POST", path: "/api/v1/devices/{d}/lifecycle/suspend", status: 204},
		{name: "suspend again", method: "POST", path: "/api/v1/devices/{d}/lifecycle/suspend", status: 400, code: "E0000001"},
		{name: "suspended", method: "GET", path: "/api/v1/devices/{d}", status: 200, want: map[string]any{"status": "SUSPENDED"}},
		{name: "a SUSPENDED device is not deleted", method: "DELETE", path: "/api/v1/devices/{d}", status: 400, code: "E0000001"},
		{name: "deactivate", method: "POST", path: "/api/v1/devices/{d}/lifecycle/deactivate", status: 204},
	})
	if users := list(t, srv, "/api/v1/devices/"+active+"/users"); len(users) != 0 {
		t.Errorf("a deactivated device keeps %d user links", len(users))
	}
	runSteps(t, srv, map[string]string{"d": active}, []step{
		{name: "a DEACTIVATED device is deleted", method: "DELETE", path: "/api/v1/devices/{d}", status: 204},
	})
	wantEvents(t, srv, start, "device.lifecycle.suspend", "device.lifecycle.deactivate", "device.lifecycle.delete")
}

func TestTrustedOriginsIdPsAndAuthServers(t *testing.T) {
	srv, start := testOrg(t), time.Now()
	runLists(t, srv, "/api/v1/trustedOrigins", []listCase{
		{"filter on name", "filter=" + url.QueryEscape(`name eq "New trusted origin"`), 200, "", size(1)},
		{"filter or", "filter=" + url.QueryEscape(`name eq "x" or status eq "ACTIVE"`), 200, "", all("status", "ACTIVE")},
		{"filter: no and", "filter=" + url.QueryEscape(`name eq "x" and status eq "ACTIVE"`), 400, "E0000031", nil},
		{"q on the origin", "q=HTTP", 200, "", size(1)},
		{"q without match", "q=ftp", 200, "", size(0)},
	})
	runLists(t, srv, "/api/v1/idps", []listCase{
		{"type", "type=SAML2", 200, "", all("type", "SAML2")},
		{"an unknown type", "type=NOPE", 400, "E0000002", nil},
		{"q is a name prefix", "q=goo", 200, "", all("name", "Google")},
		{"paged", "limit=3", 200, "", size(3)},
	})
	runLists(t, srv, "/api/v1/authorizationServers", []listCase{
		// q "searches ... for matching values": the whole value, any case.
		{"q on the name", "q=" + url.QueryEscape("sample authorization server"), 200, "", size(1)},
		{"q on the audiences", "q=https://api.resource.com", 200, "", size(1)},
		{"q is no prefix match", "q=sample", 200, "", size(0)},
	})
	runSteps(t, srv, map[string]string{}, []step{
		{name: "create an origin", method: "POST", path: "/api/v1/trustedOrigins", body: `{"name":"Portal","origin":"https://portal.example.com","scopes":[{"type":"CORS"}]}`,
			status: 200, want: map[string]any{"status": "ACTIVE"}, save: "o"},
		{name: "deactivate it", method: "POST", path: "/api/v1/trustedOrigins/{o}/lifecycle/deactivate", status: 200, want: map[string]any{"status": "INACTIVE"}},
		{name: "create an auth server: 201", method: "POST", path: "/api/v1/authorizationServers", body: `{"name":"API","audiences":["api://x"]}`,
			status: 201, want: map[string]any{"status": "ACTIVE"}, save: "a"},
		{name: "deactivate it: 204", method: "POST", path: "/api/v1/authorizationServers/{a}/lifecycle/deactivate", status: 204},
		{name: "create an IdP inactive", method: "POST", path: "/api/v1/idps?activate=false", body: `{"name":"Corp SAML","type":"SAML2"}`,
			status: 200, want: map[string]any{"status": "INACTIVE"}, save: "i"},
		{name: "activate it", method: "POST", path: "/api/v1/idps/{i}/lifecycle/activate", status: 200, want: map[string]any{"status": "ACTIVE"}},
		{name: "delete it", method: "DELETE", path: "/api/v1/idps/{i}", status: 204},
	})
	wantEvents(t, srv, start, "trusted_origins.create", "trusted_origins.deactivate", "oauth2.as.created", "oauth2.as.deactivated",
		"system.idp.lifecycle.create", "system.idp.lifecycle.activate", "system.idp.lifecycle.delete")
}

// TestSeededStoreIsDeterministic: the same seed gives the same policies,
// rules and ids.
func TestSeededStoreIsDeterministic(t *testing.T) {
	ids := func() string {
		org, err := New(Config{Users: 50, Seed: 5, Token: "tok", Now: testNow}, "")
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, p := range org.store["/api/v1/policies"] {
			fmt.Fprint(&b, p["id"], p["status"], p["created"], len(org.store["/api/v1/policies/"+p["id"].(string)+"/rules"]), ";")
		}
		return b.String()
	}
	if a, b := ids(), ids(); a != b || a == "" {
		t.Errorf("two orgs of one seed differ:\n%s\n%s", a, b)
	}
}

func TestGroupWritesAudit(t *testing.T) {
	srv, start := testOrg(t), time.Now()
	_, _, users := get(t, srv, "/api/v1/users?limit=1")
	runSteps(t, srv, map[string]string{"u": users.([]any)[0].(map[string]any)["id"].(string)}, []step{
		{name: "create", method: "POST", path: "/api/v1/groups", body: `{"profile":{"name":"Audited"}}`, status: 200, save: "g"},
		{name: "replace", method: "PUT", path: "/api/v1/groups/{g}", body: `{"profile":{"name":"Audited 2"}}`, status: 200},
		{name: "add a member", method: "PUT", path: "/api/v1/groups/{g}/users/{u}", status: 204},
		{name: "remove the member", method: "DELETE", path: "/api/v1/groups/{g}/users/{u}", status: 204},
		{name: "delete", method: "DELETE", path: "/api/v1/groups/{g}", status: 204},
	})
	wantEvents(t, srv, start, "group.lifecycle.create", "group.profile.update", "group.user_membership.add", "group.user_membership.remove", "group.lifecycle.delete")
}

func TestAppCreateAndReplace(t *testing.T) {
	srv, start := testOrg(t), time.Now()
	runSteps(t, srv, map[string]string{}, []step{
		{name: "create", method: "POST", path: "/api/v1/apps", body: `{"label":"Wiki","signOnMode":"BOOKMARK","settings":{"app":{"url":"https://wiki.example.com"}}}`,
			status: 200, want: map[string]any{"status": "ACTIVE", "name": "bookmark", "label": "Wiki"}, save: "a"},
		{name: "create inactive", method: "POST", path: "/api/v1/apps?activate=false", body: `{"label":"Later","signOnMode":"BOOKMARK"}`,
			status: 200, want: map[string]any{"status": "INACTIVE"}},
		{name: "create without a label", method: "POST", path: "/api/v1/apps", body: `{"signOnMode":"BOOKMARK"}`, status: 400, code: "E0000001"},
		{name: "replace keeps id, name and status", method: "PUT", path: "/api/v1/apps/{a}", body: `{"name":"other","label":"Wiki 2","status":"INACTIVE","signOnMode":"BOOKMARK"}`,
			status: 200, want: map[string]any{"id": "{a}", "name": "bookmark", "label": "Wiki 2", "status": "ACTIVE"}},
		{name: "listed", method: "GET", path: "/api/v1/apps/{a}", status: 200, want: map[string]any{"label": "Wiki 2"}},
	})
	wantEvents(t, srv, start, "application.lifecycle.create", "application.lifecycle.update")
}

// TestConcurrentReads reads semantic and generic collections at once
// while the first reads seed the generic ones (run with -race).
func TestConcurrentReads(t *testing.T) {
	srv := testOrg(t)
	paths := []string{"/api/v1/zones", "/api/v1/policies?type=PASSWORD", "/api/v1/eventHooks", "/api/v1/brands",
		"/api/v1/authenticators", "/api/v1/behaviors", "/api/v1/features", "/api/v1/inlineHooks"}
	errs := make(chan error, 4*len(paths))
	var wg sync.WaitGroup
	for range 4 {
		for _, p := range paths {
			wg.Go(func() {
				resp, err := http.DefaultClient.Do(authorized(srv.URL + p))
				if err == nil {
					resp.Body.Close()
					if resp.StatusCode != 200 {
						err = fmt.Errorf("GET %s: %d", p, resp.StatusCode)
					}
				}
				errs <- err
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// authorized is a GET of url with the test token.
func authorized(url string) *http.Request {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "SSWS tok")
	return req
}

// TestSeededStoreIsLocal: objects seeded from the spec's examples link to
// the org itself and have Okta-shaped ids.
func TestSeededStoreIsLocal(t *testing.T) {
	srv := testOrg(t)
	for _, path := range []string{"/api/v1/zones", "/api/v1/eventHooks", "/api/v1/groups/rules", "/api/v1/trustedOrigins",
		"/api/v1/authorizationServers", "/api/v1/idps", "/api/v1/devices", "/api/v1/policies?type=ACCESS_POLICY"} {
		objs := list(t, srv, path)
		if len(objs) == 0 {
			t.Errorf("%s: nothing seeded", path)
		}
		for _, obj := range objs {
			b, _ := json.Marshal(obj)
			if id := obj["id"].(string); len(id) != 20 || strings.Contains(string(b), "yourOktaDomain") {
				t.Errorf("%s: %s is not local: %.200s", path, id, b)
			}
		}
	}
}
