package seed

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// normalize turns Getter values into their JSON forms, so that a Get fast
// path and the JSON slow path can be compared.
func normalize(vs []any) []any {
	var out []any
	for _, v := range vs {
		switch v := v.(type) {
		case time.Time:
			out = append(out, NewTime(v).String())
		case json.Number:
			out = append(out, v.String())
		default:
			out = append(out, v)
		}
	}
	return out
}

// getter is an object with a Get method.
type getter interface{ Get(string) []any }

// checkGet compares obj.Get(attr) with the value read from obj's JSON form.
func checkGet(t *testing.T, name string, obj getter, attrs []string) {
	t.Helper()
	for _, attr := range attrs {
		got, want := normalize(obj.Get(attr)), normalize(viaJSON(obj, attr))
		// The JSON form writes an absent nullable value as null.
		if len(want) == 1 && want[0] == nil {
			want = nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s.Get(%q) = %v, JSON has %v", name, attr, got, want)
		}
	}
}

// TestGetMatchesJSON checks every fast path of the Get methods against the
// object's JSON form.
func TestGetMatchesJSON(t *testing.T) {
	org := Generate(Config{Users: 200, Seed: 5, Now: benchNow})
	userAttrs := []string{"id", "status", "created", "activated", "statusChanged", "lastLogin", "lastUpdated",
		"passwordChanged", "transitioningToStatus", "type.id", "credentials.provider.type", "credentials.provider.name",
		"profile.firstName", "profile.lastName", "profile.mobilePhone", "profile.secondEmail", "profile.login",
		"profile.email", "profile.displayName", "profile.title", "profile.department", "profile.organization",
		"profile.costCenter", "profile.employeeNumber", "profile.manager", "profile.managerId", "profile.city",
		"profile.state", "profile.countryCode", "profile.employeeType", "profile.nickName", "_links.self.href"}
	for _, u := range org.Users {
		checkGet(t, "User", u, userAttrs)
	}
	groupAttrs := []string{"id", "type", "created", "lastUpdated", "lastMembershipUpdated", "objectClass",
		"profile.name", "profile.description", "profile.samAccountName", "profile.dn",
		"profile.windowsDomainQualifiedName", "profile.externalId"}
	for _, g := range org.Groups {
		checkGet(t, "Group", g, groupAttrs)
	}
	for _, a := range org.Apps {
		checkGet(t, "App", a, []string{"id", "name", "label", "status", "signOnMode", "created", "lastUpdated"})
		for _, au := range org.AppUsers[a.ID] {
			checkGet(t, "AppUser", au, []string{"id", "scope", "status", "credentials.userName", "profile.email", "profile.firstName", "profile.lastName"})
		}
	}
	for _, fs := range org.Factors {
		for _, f := range fs {
			checkGet(t, "Factor", f, []string{"id", "factorType", "provider", "vendorName", "status", "created", "lastUpdated"})
		}
	}
	eventAttrs := []string{"uuid", "published", "eventType", "legacyEventType", "severity", "displayMessage", "version",
		"outcome.result", "outcome.reason", "actor.id", "actor.type", "actor.alternateId", "actor.displayName",
		"target.id", "target.type", "target.alternateId", "target.displayName", "client.ipAddress",
		"transaction.id", "transaction.type", "debugContext.debugData.requestUri", "debugContext.debugData.url",
		"debugContext.debugData.requestId", "debugContext.debugData.threatSuspected",
		"client.device", "client.zone", "client.userAgent.rawUserAgent", "client.userAgent.os", "client.userAgent.browser",
		"client.geographicalContext.city", "client.geographicalContext.state", "client.geographicalContext.country",
		"client.geographicalContext.postalCode", "authenticationContext.authenticationProvider",
		"authenticationContext.credentialProvider", "authenticationContext.credentialType",
		"authenticationContext.interface", "authenticationContext.externalSessionId",
		"securityContext.asOrg", "securityContext.isp", "securityContext.domain",
		"transaction.detail.requestApiTokenId"}
	withDetail := *org.Events[0]
	withDetail.Transaction.Detail = map[string]any{"requestApiTokenId": "00T1"}
	for _, e := range append(org.Events[:300:300], &withDetail) {
		checkGet(t, "LogEvent", e, eventAttrs)
	}
	if got := withDetail.Get("transaction.detail.requestApiTokenId"); len(got) != 1 || got[0] != "00T1" {
		t.Errorf("transaction.detail.requestApiTokenId = %v", got)
	}
}

func TestGetSlowPaths(t *testing.T) {
	org := Generate(Config{Users: 50, Seed: 5, Now: benchNow})
	u, e, a := org.Users[0], org.Events[0], org.Apps[0]
	tests := []struct {
		name string
		got  []any
		want []any
	}{
		{"user link", u.Get("_links.self.href"), []any{u.Links.Self.Href}},
		{"user absent", u.Get("profile.nickName"), nil},
		{"user deep absent", u.Get("credentials.nothing.here"), nil},
		{"event client city", e.Get("client.geographicalContext.city"), []any{e.Client.GeographicalContext.City}},
		{"app settings", a.Get("settings.emOptInStatus"), []any{"DISABLED"}},
		{"user type", org.UserTypes[0].Get("name"), []any{"user"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
}

func TestProfileExtra(t *testing.T) {
	in := `{"firstName":"Ada","lastName":"Lovelace","mobilePhone":null,"secondEmail":null,"login":"ada@example.com",` +
		`"email":"ada@example.com","employeeType":"Employee","favoriteColor":"blue","skills":["math","poetry"]}`
	var p UserProfile
	if err := json.Unmarshal([]byte(in), &p); err != nil {
		t.Fatal(err)
	}
	if p.FirstName != "Ada" || p.EmployeeType != "Employee" || p.Extra["favoriteColor"] != "blue" {
		t.Fatalf("decoded %+v", p)
	}
	if got := p.Get("skills"); !reflect.DeepEqual(got, []any{"math", "poetry"}) {
		t.Errorf("Get(skills) = %v", got)
	}
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Errorf("round trip\n got %s\nwant %s", out, in)
	}
	tests := []struct {
		name string
		v    any
		ok   bool
		get  []any
	}{
		{"title", "Engineer", true, []any{"Engineer"}},
		{"title", 5, false, []any{"Engineer"}},
		{"title", nil, true, nil},
		{"favoriteColor", nil, true, nil},
		{"shoeSize", 42.0, true, []any{42.0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ok := p.Set(tt.name, tt.v); ok != tt.ok {
				t.Fatalf("Set(%s, %v) = %v", tt.name, tt.v, ok)
			}
			if got := p.Get(tt.name); !reflect.DeepEqual(got, tt.get) {
				t.Errorf("Get(%s) = %v, want %v", tt.name, got, tt.get)
			}
		})
	}
	var g GroupProfile
	if err := json.Unmarshal([]byte(`{"name":"x","description":"d","custom":true}`), &g); err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(g); string(b) != `{"name":"x","description":"d","custom":true}` {
		t.Errorf("group profile round trip %s", b)
	}
}

func TestTimeJSON(t *testing.T) {
	tests := []struct {
		in      string
		want    Time
		out     string
		wantErr bool
	}{
		{`"2024-03-01T10:00:00.000Z"`, NewTime(time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)), `"2024-03-01T10:00:00.000Z"`, false},
		{`"2024-03-01T11:00:00.5+01:00"`, NewTime(time.Date(2024, 3, 1, 10, 0, 0, 5e8, time.UTC)), `"2024-03-01T10:00:00.500Z"`, false},
		{`null`, 0, `null`, false},
		{`"yesterday"`, 0, ``, true},
		{`12`, 0, ``, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got Time
			err := json.Unmarshal([]byte(tt.in), &got)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if b, _ := json.Marshal(got); string(b) != tt.out {
				t.Errorf("marshal %s, want %s", b, tt.out)
			}
		})
	}
}
