package seed

import (
	"bytes"
	"encoding/json"
	"testing"
)

// roundTrip marshals v, decodes the JSON into a fresh T, lets fix restore
// the fields JSON does not carry, and checks that the result marshals to the
// same bytes.
func roundTrip[T any](t *testing.T, name string, objs []*T, fix func(orig, decoded *T)) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		for _, o := range objs {
			b, err := json.Marshal(o)
			if err != nil {
				t.Fatal(err)
			}
			var back T
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("decode %s: %v", b, err)
			}
			if fix != nil {
				fix(o, &back)
			}
			b2, err := json.Marshal(&back)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, b2) {
				t.Fatalf("round trip differs:\n%s\n%s", b, b2)
			}
		}
	})
}

// TestJSONRoundTrip checks that every type decodes what it encodes, as the
// emulator decodes request bodies into them.
func TestJSONRoundTrip(t *testing.T) {
	org := Generate(Config{Users: 100, Seed: 11, Now: benchNow})
	var factors []*Factor
	for _, u := range org.Users {
		factors = append(factors, org.Factors[u.ID]...)
	}
	var appUsers []*AppUser
	var appGroups []*AppGroup
	for _, a := range org.Apps {
		appUsers = append(appUsers, org.AppUsers[a.ID]...)
		appGroups = append(appGroups, org.AppGroups[a.ID]...)
	}
	roundTrip(t, "User", org.Users, nil)
	roundTrip(t, "Group", org.Groups, func(o, d *Group) { d.SourceAppID = o.SourceAppID })
	roundTrip(t, "App", org.Apps, nil)
	roundTrip(t, "UserType", org.UserTypes, nil)
	roundTrip(t, "LogEvent", org.Events, nil)
	roundTrip(t, "Factor", factors, func(o, d *Factor) { d.UserID, d.BaseURL = o.UserID, o.BaseURL })
	roundTrip(t, "AppUser", appUsers, func(o, d *AppUser) { d.AppID, d.GroupID, d.BaseURL = o.AppID, o.GroupID, o.BaseURL })
	roundTrip(t, "AppGroup", appGroups, func(o, d *AppGroup) { d.AppID, d.BaseURL = o.AppID, o.BaseURL })
}
