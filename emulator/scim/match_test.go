package scim

import (
	"encoding/json"
	"testing"
	"time"
)

// object is a test Getter over fixed attribute values.
type object map[string][]any

func (o object) get(attr string) []any { return o[attr] }

func TestMatch(t *testing.T) {
	created := time.Date(2023, 5, 1, 12, 0, 0, 0, time.UTC)
	user := object{
		"id":                  {"00uAbC"},
		"status":              {"ACTIVE"},
		"created":             {created},
		"lastUpdated":         {"2024-03-01T10:00:00.000Z"},
		"profile.login":       {"Ada.Lovelace@Example.com"},
		"profile.firstName":   {"Ada"},
		"profile.lastName":    {"Müller"},
		"profile.nickName":    {`say "hi"\now`},
		"profile.mobilePhone": {nil},
		"profile.title":       {""},
		"profile.level":       {7},
		"profile.score":       {json.Number("2.5")},
		"profile.admin":       {true},
		"profile.tags":        {[]any{"blue", "Green"}},
		"target.id":           {"00g1", "0oa2", "00u3"},
		"profile.empty":       {[]any{}},
	}
	tests := []struct {
		in     string
		ci     bool
		want   bool
		reason string
	}{
		// eq and case rules.
		{`status eq "ACTIVE"`, false, true, "exact"},
		{`status eq "active"`, false, false, "filter is case-sensitive"},
		{`status eq "active"`, true, true, "search ignores value case"},
		{`Status eq "ACTIVE"`, true, false, "attribute names are case-sensitive"},
		{`status EQ "ACTIVE"`, false, true, "operators are case-insensitive"},
		{`profile.login eq "ada.lovelace@example.com"`, true, true, "mixed-case login, search"},
		{`profile.login eq "ada.lovelace@example.com"`, false, false, "mixed-case login, filter"},
		{`profile.lastName eq "müller"`, true, true, "non-ASCII case folding"},
		{`profile.lastName eq "Muller"`, true, false, "diacritics are significant"},
		{`profile.nickName eq "say \"hi\"\\now"`, false, true, "escaped quote and backslash"},
		// ne.
		{`status ne "SUSPENDED"`, false, true, ""},
		{`status ne "ACTIVE"`, false, false, ""},
		{`status ne "active"`, true, false, "ne ignores case in search"},
		{`status ne "active"`, false, true, "ne respects case in filter"},
		{`profile.city ne "Paris"`, false, false, "absent attribute matches no comparison"},
		// ordering on strings.
		{`profile.firstName gt "Ab"`, false, true, ""},
		{`profile.firstName gt "ab"`, false, false, "byte order: 'A' < 'a'"},
		{`profile.firstName gt "ab"`, true, true, "case-insensitive order"},
		{`profile.firstName ge "Ada"`, false, true, ""},
		{`profile.firstName lt "Ada"`, false, false, ""},
		{`profile.firstName le "Ada"`, false, true, ""},
		// dates.
		{`lastUpdated gt "2024-02-29T23:59:59.999Z"`, false, true, "RFC 3339 strings compare as times"},
		{`lastUpdated lt "2024-03-01T10:00:00.001Z"`, false, true, ""},
		{`lastUpdated eq "2024-03-01T10:00:00Z"`, false, true, "same instant, other precision"},
		{`lastUpdated eq "2024-03-01T11:00:00+01:00"`, false, true, "same instant, other zone"},
		{`lastUpdated lt "2024-03-01T10:30:00+01:00"`, false, false, "zone-aware: 09:30Z is earlier"},
		{`created gt "2023-01-01T00:00:00.000Z"`, false, true, "time.Time attribute"},
		{`created eq "2023-05-01T12:00:00.000Z"`, false, true, ""},
		{`created le "2023-05-01T11:59:59.000Z"`, false, false, ""},
		{`created eq "yesterday"`, false, false, "time against a non-date string"},
		{`created gt "2023-05-01"`, false, true, "date-only literal is midnight UTC"},
		{`created lt "2023-05-02"`, false, true, ""},
		{`created eq "2023-05-01T12:00:00"`, false, true, "date-time without zone is UTC"},
		{`lastUpdated gt "2024-03-01"`, false, true, "string date-time against a date"},
		{`lastUpdated lt "2024-03-01"`, false, false, ""},
		{`created sw "2023"`, false, false, "sw applies to strings only"},
		// numbers and bools.
		{`profile.level eq 7`, false, true, "int attribute"},
		{`profile.level gt 6.5`, false, true, ""},
		{`profile.level lt 7`, false, false, ""},
		{`profile.level ge 7`, false, true, ""},
		{`profile.level le 6`, false, false, ""},
		{`profile.level ne 7`, false, false, ""},
		{`profile.score eq 2.5`, false, true, "json.Number attribute"},
		{`profile.level eq "7"`, false, false, "a number does not equal a string"},
		{`profile.admin eq true`, false, true, ""},
		{`profile.admin ne true`, false, false, ""},
		{`profile.admin gt false`, false, false, "bools are not ordered"},
		{`profile.admin eq "true"`, false, false, ""},
		// sw co ew.
		{`profile.login sw "Ada."`, false, true, ""},
		{`profile.login sw "ada."`, false, false, ""},
		{`profile.login sw "ada."`, true, true, ""},
		{`profile.lastName sw "mü"`, true, true, "non-ASCII prefix"},
		{`profile.login co "lovelace"`, true, true, ""},
		{`profile.login co "lovelace"`, false, false, ""},
		{`profile.login co "Lovelace"`, false, true, ""},
		{`profile.login ew "@example.com"`, true, true, ""},
		{`profile.login ew "@example.com"`, false, false, ""},
		{`profile.lastName ew "LLER"`, true, true, "non-ASCII suffix"},
		{`profile.level sw "7"`, false, false, "sw on a number"},
		// pr and null.
		{`profile.login pr`, false, true, ""},
		{`profile.mobilePhone pr`, false, false, "null is not present"},
		{`profile.title pr`, false, false, "empty string is not present"},
		{`profile.city pr`, false, false, "absent"},
		{`profile.empty pr`, false, false, "empty array"},
		{`profile.admin pr`, false, true, ""},
		{`profile.mobilePhone eq null`, false, true, "eq null on null"},
		{`profile.city eq null`, false, true, "eq null on absent"},
		{`profile.login eq null`, false, false, ""},
		{`profile.login ne null`, false, true, ""},
		{`profile.city ne null`, false, false, ""},
		{`profile.login gt null`, false, false, "ordering against null"},
		// arrays: any element.
		{`profile.tags eq "green"`, true, true, "nested array, any element"},
		{`profile.tags eq "green"`, false, false, ""},
		{`target.id eq "0oa2"`, false, true, "multi-valued, any element"},
		{`target.id eq "00g1" and target.id eq "00u3"`, false, true, "all these targets"},
		{`target.id sw "0oa"`, false, true, ""},
		{`target.id ne "00g1"`, false, true, "ne: some element differs"},
		// connectives.
		{`status eq "ACTIVE" and profile.firstName eq "Ada"`, false, true, ""},
		{`status eq "ACTIVE" and profile.firstName eq "Bob"`, false, false, ""},
		{`status eq "X" or profile.firstName eq "Ada"`, false, true, ""},
		{`status eq "X" or profile.firstName eq "Bob"`, false, false, ""},
		{`status eq "X" and profile.firstName eq "Bob" or id eq "00uAbC"`, false, true, "and binds tighter"},
		{`status eq "X" and (profile.firstName eq "Bob" or id eq "00uAbC")`, false, false, "parentheses"},
		{`not (status eq "ACTIVE")`, false, false, ""},
		{`not (profile.city eq "Paris")`, false, true, "not of an absent comparison"},
		{`not (status eq "X") and not (status eq "Y")`, false, true, ""},
	}
	for _, tt := range tests {
		name := tt.in
		if tt.ci {
			name += " (ci)"
		}
		t.Run(name, func(t *testing.T) {
			e, err := Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := Match(e, user.get, tt.ci); got != tt.want {
				t.Errorf("Match(%s, ci=%v) = %v, want %v (%s)", tt.in, tt.ci, got, tt.want, tt.reason)
			}
		})
	}
}

func TestMatchHandBuilt(t *testing.T) {
	o := object{"a": {"x"}}
	tests := []struct {
		name string
		e    Expr
		want bool
	}{
		{"nil matches everything", nil, true},
		{"upper-case op", &Compare{Attr: "a", Op: "EQ", Value: "x"}, true},
		{"upper-case connective", &Logical{Op: "OR", Left: &Compare{Attr: "a", Op: OpEq, Value: "y"}, Right: &Compare{Attr: "a", Op: OpEq, Value: "x"}}, true},
		{"unknown operator", &Compare{Attr: "a", Op: "like", Value: "x"}, false},
		{"int literal", &Compare{Attr: "a", Op: OpEq, Value: 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Match(tt.e, o.get, false); got != tt.want {
				t.Errorf("Match = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMapGetter(t *testing.T) {
	var event map[string]any
	raw := `{"eventType":"user.session.start","actor":{"id":"00u1","detailEntry":null},
		"target":[{"id":"00g1","type":"UserGroup"},{"id":"0oa2","type":"AppInstance"}],
		"debugContext":{"debugData":{"requestUri":"/api/v1/users"}},"version":0}`
	if err := json.Unmarshal([]byte(raw), &event); err != nil {
		t.Fatal(err)
	}
	get := MapGetter(event)
	tests := []struct {
		in   string
		want bool
	}{
		{`eventType eq "user.session.start"`, true},
		{`actor.id eq "00u1"`, true},
		{`actor.detailEntry pr`, false},
		{`actor.missing.deep eq "x"`, false},
		{`eventType.sub eq "x"`, false},
		{`target.id eq "0oa2"`, true},
		{`target.type eq "AppInstance" and target.id eq "00g1"`, true},
		{`debugContext.debugData.requestUri sw "/api/v1"`, true},
		{`version eq 0`, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			e, err := Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := Match(e, get, false); got != tt.want {
				t.Errorf("Match = %v, want %v", got, tt.want)
			}
		})
	}
}
