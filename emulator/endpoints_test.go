package emulator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
)

// qs encodes query parameters given as name, value pairs.
func qs(pairs ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Add(pairs[i], pairs[i+1])
	}
	return v.Encode()
}

// TestEndpointRulesRefuse: each list call Okta documents as refused (or
// whose acceptance it does not document) is answered with Okta's error.
func TestEndpointRulesRefuse(t *testing.T) {
	srv := testOrg(t)
	app := list(t, srv, "/api/v1/apps?limit=1")[0]["id"].(string)
	authServer := list(t, srv, "/api/v1/authorizationServers")[0]["id"].(string)
	tests := []struct {
		name, path, query string
		code              string
	}{
		{"users: sortBy without search", "/api/v1/users", qs("sortBy", "created"), "E0000001"},
		{"users: a sortOrder that is neither asc nor desc", "/api/v1/users", qs("search", `status eq "ACTIVE"`, "sortBy", "created", "sortOrder", "DESC"), "E0000001"},
		{"users: filter and search", "/api/v1/users", qs("filter", `status eq "ACTIVE"`, "search", `status eq "ACTIVE"`), "E0000033"},
		{"users: filter on a custom attribute", "/api/v1/users", qs("filter", `profile.department eq "Sales"`), "E0000031"},
		{"users: filter ranges on status", "/api/v1/users", qs("filter", `status gt "A"`), "E0000031"},
		{"users: filter with not", "/api/v1/users", qs("filter", `not (status eq "ACTIVE")`), "E0000031"},
		{"users: search ne", "/api/v1/users", qs("search", `status ne "ACTIVE"`), "E0000031"},
		{"users: search co off the four attributes", "/api/v1/users", qs("search", `profile.department co "ale"`), "E0000031"},
		{"users: limit -1", "/api/v1/users", qs("limit", "-1"), "E0000001"},
		{"devices: limit 0 (the spec's minimum is 1)", "/api/v1/devices", qs("limit", "0"), "E0000001"},
		{"users: limit not a number", "/api/v1/users", qs("limit", "ten"), "E0000001"},
		{"groups: sortBy without search", "/api/v1/groups", qs("sortBy", "created", "sortOrder", "desc"), "E0000001"},
		{"groups: limit above the spec's maximum", "/api/v1/groups", qs("limit", "10001"), "E0000001"},
		{"groups: co off name and description", "/api/v1/groups", qs("search", `type co "GROUP"`), "E0000031"},
		{"apps: two filter terms", "/api/v1/apps", qs("filter", `status eq "ACTIVE" and name eq "x"`), "E0000031"},
		{"apps: filter gt", "/api/v1/apps", qs("filter", `status gt "A"`), "E0000031"},
		{"apps: limit above 200", "/api/v1/apps", qs("limit", "201"), "E0000001"},
		{"app groups: limit below the spec's minimum of 20", "/api/v1/apps/" + app + "/groups", qs("limit", "5"), "E0000001"},
		{"app users: limit above 500", "/api/v1/apps/" + app + "/users", qs("limit", "501"), "E0000001"},
		{"realms: sortBy without search", "/api/v1/realms", qs("sortBy", "created", "sortOrder", "desc"), "E0000001"},
		{"yubikey tokens: a sortOrder outside ASC/DESC", "/api/v1/org/factors/yubikey_token/tokens", qs("sortBy", "created", "sortOrder", "desc"), "E0000002"},
		{"yubikey tokens: a sortBy outside its enum", "/api/v1/org/factors/yubikey_token/tokens", qs("sortBy", "serial"), "E0000002"},
		{"yubikey tokens: a range", "/api/v1/org/factors/yubikey_token/tokens", qs("filter", `created gt "2020-01-01T00:00:00.000Z"`), "E0000031"},
		{"principal rate limits: the required filter left out", "/api/v1/principal-rate-limits", "", "E0000001"},
		{"principal rate limits: two terms", "/api/v1/principal-rate-limits", qs("filter", `principalType eq "SSWS_TOKEN" or principalType eq "OAUTH_CLIENT"`), "E0000031"},
		{"principal rate limits: limit above 50", "/api/v1/principal-rate-limits", qs("filter", `principalType eq "SSWS_TOKEN"`, "limit", "51"), "E0000001"},
		{"policies: the required type left out", "/api/v1/policies", "", "E0000001"},
		{"policies: a type outside the enum", "/api/v1/policies", qs("type", "password"), "E0000002"},
		{"logs: more than 10 keywords", "/api/v1/logs", qs("q", "a b c d e f g h i j k"), "E0000001"},
		{"logs: a keyword over 40 characters", "/api/v1/logs", qs("q", strings.Repeat("x", 41)), "E0000001"},
		{"logs: a malformed filter is an invalid SCIM filter", "/api/v1/logs", qs("filter", `eventType eq`), "E0000053"},
		{"users: a malformed filter is invalid search criteria", "/api/v1/users", qs("filter", `status eq`), "E0000031"},
		{"logs: published in the filter", "/api/v1/logs", qs("filter", `published gt "2026-01-01T00:00:00.000Z"`), "E0000031"},
		{"logs: sortOrder outside its enum", "/api/v1/logs", qs("sortOrder", "desc"), "E0000002"},
		{"logs: limit above 1000", "/api/v1/logs", qs("limit", "1001"), "E0000001"},
		{"devices: co off the listed attributes", "/api/v1/devices", qs("search", `profile.platform co "OS"`), "E0000031"},
		{"log streams: two terms", "/api/v1/logStreams", qs("filter", `status eq "ACTIVE" or type eq "aws_eventbridge"`), "E0000031"},
		{"trusted origins: and", "/api/v1/trustedOrigins", qs("filter", `name eq "x" and status eq "ACTIVE"`), "E0000031"},
		{"network zones: a name", "/api/v1/zones", qs("filter", `name eq "x"`), "E0000031"},
		{"scopes: no attribute is documented", "/api/v1/authorizationServers/" + authServer + "/scopes", qs("filter", `name eq "x"`), "E0000031"},
		{"inline hooks: a type outside the enum", "/api/v1/inlineHooks", qs("type", "nope"), "E0000002"},
		{"idps: limit 0", "/api/v1/idps", qs("limit", "0"), "E0000001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, v := get(t, srv, tt.path+"?"+tt.query)
			m, _ := v.(map[string]any)
			if status != 400 || m["errorCode"] != tt.code {
				t.Errorf("GET %s?%s: %d %v, want 400 %s", tt.path, tt.query, status, v, tt.code)
			}
		})
	}
}

// TestEndpointRulesHonour: what a list call may ask, it gets.
func TestEndpointRulesHonour(t *testing.T) {
	srv := testOrg(t)
	app := list(t, srv, "/api/v1/apps?limit=1")[0]["id"].(string)
	sorted := func(by string, desc, fold bool) func(*testing.T, []map[string]any) {
		return func(t *testing.T, objs []map[string]any) {
			if len(objs) < 2 {
				t.Fatalf("%d objects: too few to see an order", len(objs))
			}
			key := func(o map[string]any) string {
				v := mapGet(o, by)
				if fold {
					v = strings.ToLower(v)
				}
				return v + "\x00" + o["id"].(string)
			}
			if !sort.SliceIsSorted(objs, func(i, j int) bool { return (key(objs[i]) < key(objs[j])) != desc }) {
				t.Errorf("not sorted on %s (desc %v)", by, desc)
			}
		}
	}
	tests := []struct {
		name, path, query string
		check             func(*testing.T, []map[string]any)
	}{
		{"groups: search sorted by created, newest first", "/api/v1/groups", qs("search", `type eq "OKTA_GROUP"`, "sortBy", "created", "sortOrder", "desc"), sorted("created", true, false)},
		{"groups: search sorted by name, any case", "/api/v1/groups", qs("search", `type eq "OKTA_GROUP"`, "sortBy", "profile.name"), sorted("profile.name", false, true)},
		{"users: search sorted by last name, any case", "/api/v1/users", qs("search", `status eq "ACTIVE"`, "sortBy", "profile.lastName", "limit", "200"), sorted("profile.lastName", false, true)},
		{"users: a limit above 200 is served at 200", "/api/v1/users", qs("limit", "1000"), size(200)},
		{"users: q returns 10 by default", "/api/v1/users", qs("q", "a"), size(10)},
		{"groups: q is one page", "/api/v1/groups", qs("q", "s", "limit", "1"), size(1)},
		{"principal rate limits: only the type asked", "/api/v1/principal-rate-limits", qs("filter", `principalType eq "SSWS_TOKEN"`), size(0)},
		{"principal rate limits: the other type", "/api/v1/principal-rate-limits", qs("filter", `principalType eq "OAUTH_CLIENT"`), all("principalType", "OAUTH_CLIENT")},
		{"yubikey tokens: sorted by created, DESC", "/api/v1/org/factors/yubikey_token/tokens", qs("sortBy", "created", "sortOrder", "DESC"), sorted("created", true, false)},
		{"yubikey tokens: one eq term", "/api/v1/org/factors/yubikey_token/tokens", qs("filter", `status eq "ACTIVE"`), all("status", "ACTIVE")},
		{"realms: sortBy with search", "/api/v1/realms", qs("search", `created gt "2000-01-01T00:00:00.000Z"`, "sortBy", "created"), size(1)},
		{"app groups: the minimum limit", "/api/v1/apps/" + app + "/groups", qs("limit", "20"), func(*testing.T, []map[string]any) {}},
		{"profile mappings: by source", "/api/v1/mappings", qs("sourceId", "otysbePhQ3yqt4cVv0g3"), size(1)},
		{"profile mappings: another source", "/api/v1/mappings", qs("sourceId", "oty0"), size(0)},
		{"SMS templates: by type", "/api/v1/templates/sms", qs("templateType", "SMS_VERIFY_CODE"), all("type", "SMS_VERIFY_CODE")},
		{"agent pools: by type", "/api/v1/agentPools", qs("poolType", "AD"), all("type", "AD")},
		{"agent pools: another type", "/api/v1/agentPools", qs("poolType", "LDAP"), size(0)},
		{"group push mappings: by status", "/api/v1/apps/" + app + "/group-push/mappings", qs("status", "ACTIVE"), all("status", "ACTIVE")},
		{"group push mappings: updated on or after", "/api/v1/apps/" + app + "/group-push/mappings", qs("lastUpdated", "2100-01-01T00:00:00Z"), size(0)},
		{"Okta service accounts: match in the name", "/privileged-access/api/v1/okta-service-accounts", qs("match", "scim integration"), size(1)},
		{"app service accounts: match ignoring case", "/privileged-access/api/v1/service-accounts", qs("match", "PROD-5"), size(1)},
		{"logs: limit 0 is an empty answer", "/api/v1/logs", qs("limit", "0"), size(0)},
		{"apps: -1 is every app", "/api/v1/apps", qs("limit", "-1"), func(t *testing.T, objs []map[string]any) {
			if len(objs) <= 20 {
				t.Errorf("%d apps", len(objs))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, list(t, srv, tt.path+"?"+tt.query))
		})
	}
	appUsers := list(t, srv, "/api/v1/apps/"+app+"/users")
	prefix := strings.ToUpper(mapGet(appUsers[0], "credentials.userName")[:3])
	matched := list(t, srv, "/api/v1/apps/"+app+"/users?"+qs("q", prefix))
	if len(matched) == 0 || len(matched) == len(appUsers) && len(appUsers) > 1 {
		t.Errorf("app users q=%s: %d of %d", prefix, len(matched), len(appUsers))
	}
	for _, au := range matched {
		if !slices.ContainsFunc([]string{"credentials.userName", "profile.firstName", "profile.lastName", "profile.email"}, func(f string) bool {
			return strings.HasPrefix(strings.ToUpper(mapGet(au, f)), prefix)
		}) {
			t.Errorf("app user %v does not start with %s", au["id"], prefix)
		}
	}
	for _, path := range []string{"/api/v1/users?q=a&limit=1", "/api/v1/groups?q=s&limit=1"} {
		if _, h, _ := get(t, srv, path); strings.Contains(strings.Join(h.Values("Link"), ","), `rel="next"`) {
			t.Errorf("GET %s: a q answer has a next page: %v", path, h.Values("Link"))
		}
	}
}

// mapGet is the string at a dotted path of obj ("" when none).
func mapGet(obj map[string]any, path string) string {
	v := obj
	segs := strings.Split(path, ".")
	for _, s := range segs[:len(segs)-1] {
		v, _ = v[s].(map[string]any)
	}
	s, _ := v[segs[len(segs)-1]].(string)
	return s
}

// TestClassicEdition: a Classic org has no Identity Engine policy types;
// it refuses them as Okta does (E0000002, "Invalid policy type
// specified"), in lists and creates.
func TestClassicEdition(t *testing.T) {
	org, err := New(Config{Users: 50, Seed: 3, Token: "tok", Now: testNow, Edition: EditionClassic}, "")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(org)
	t.Cleanup(srv.Close)
	for _, typ := range oiePolicyTypes {
		status, _, v := get(t, srv, "/api/v1/policies?type="+typ)
		if m, _ := v.(map[string]any); status != 400 || m["errorCode"] != "E0000002" || m["errorSummary"] != "The request was not valid: Invalid policy type specified" {
			t.Errorf("%s: %d %v", typ, status, v)
		}
	}
	if objs := list(t, srv, "/api/v1/policies?type=PASSWORD"); len(objs) == 0 {
		t.Error("no password policy")
	}
	if status, v := send(t, srv, "POST", "/api/v1/policies", `{"name":"x","type":"ACCESS_POLICY"}`); status != 400 || v["errorCode"] != "E0000002" {
		t.Errorf("creating an ACCESS_POLICY: %d %v", status, v)
	}
	if _, err := New(Config{Edition: "enterprise"}, ""); err == nil {
		t.Error("an unknown edition is accepted")
	}
	oie := testOrg(t)
	if objs := list(t, oie, "/api/v1/policies?type=ACCESS_POLICY"); len(objs) == 0 {
		t.Error("an Identity Engine org has no ACCESS_POLICY")
	}
}

// TestNoPlannerGrammar keeps the emulator's readings its own (DESIGN:
// "The emulator can say no"): no file of the package refers to the
// catalog's curated pushdown layer (its types, or a table's Pushdown) or
// its curated page limits.
func TestNoPlannerGrammar(t *testing.T) {
	curatedTypes := map[string]bool{"Pushdown": true, "Grammar": true, "QParam": true, "ParamBinding": true,
		"GetBy": true, "Omission": true, "TimeRange": true, "Sort": true, "Limit": true}
	curatedFields := map[string]bool{"Pushdown": true, "PageLimit": true, "PushableColumns": true}
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range pkgs {
		for _, f := range pkg.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				x, _ := sel.X.(*ast.Ident)
				if curatedFields[sel.Sel.Name] || x != nil && x.Name == "schema" && curatedTypes[sel.Sel.Name] {
					t.Errorf("%s refers to the curated %s", fset.Position(sel.Pos()), sel.Sel.Name)
				}
				return true
			})
		}
	}
}
