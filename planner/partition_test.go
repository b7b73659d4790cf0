package planner

import (
	"strings"
	"testing"
	"time"
)

// TestPartitions splits full reads into searches on created.
func TestPartitions(t *testing.T) {
	from := now.Add(-400 * 24 * time.Hour)
	t.Run("without From the plan asks for the earliest created", func(t *testing.T) {
		p, err := Build(Query{Table: table(t, "users"), Now: now, Partitions: Partitions{N: 4}})
		if err != nil {
			t.Fatal(err)
		}
		if p.Parallel || len(p.Calls) != 2 {
			t.Errorf("calls %q, parallel %v: want the plain read", lines(p), p.Parallel)
		}
		if p.Probe == nil {
			t.Fatal("no probe")
		}
		want := `GET /api/v1/users?limit=1&search=created gt "1970-01-01T00:00:00.000Z"&sortBy=created&sortOrder=asc`
		if got := p.Probe.Line(); got != want || p.Probe.MaxRows != 1 {
			t.Errorf("probe %s (max rows %d), want %s", got, p.Probe.MaxRows, want)
		}
	})
	t.Run("the users read becomes disjoint searches covering everything", func(t *testing.T) {
		p, err := Build(Query{Table: table(t, "users"), Now: now, Partitions: Partitions{N: 4, From: from}})
		if err != nil {
			t.Fatal(err)
		}
		if !p.Parallel || len(p.Calls) != 4 || p.Probe != nil {
			t.Fatalf("calls %q, parallel %v, probe %v", lines(p), p.Parallel, p.Probe)
		}
		var bounds []string
		for i, c := range p.Calls {
			s := c.Query.Get("search")
			terms := strings.Split(s, " and ")
			switch {
			case i == 0 && len(terms) == 1 && strings.HasPrefix(s, "created lt "):
				bounds = append(bounds, strings.TrimPrefix(s, "created lt "))
			case i == 3 && len(terms) == 1 && strings.HasPrefix(s, "created ge "):
				if bounds[len(bounds)-1] != strings.TrimPrefix(s, "created ge ") {
					t.Errorf("call 4 starts at %s, call 3 ends at %s", s, bounds[len(bounds)-1])
				}
			case i > 0 && i < 3 && len(terms) == 2:
				if terms[0] != "created ge "+bounds[len(bounds)-1] || !strings.HasPrefix(terms[1], "created lt ") {
					t.Errorf("call %d: %s does not start where call %d ended (%s)", i+1, s, i, bounds[len(bounds)-1])
				}
				bounds = append(bounds, strings.TrimPrefix(terms[1], "created lt "))
			default:
				t.Errorf("call %d: search %q", i+1, s)
			}
			if c.Query.Get("filter") != "" {
				t.Errorf("call %d keeps a filter: %s", i+1, c.Line())
			}
		}
		if bounds[0] != `"2026-01-05T12:00:00.000Z"` {
			t.Errorf("the first bound is %s, want a quarter of the way from %s", bounds[0], from)
		}
	})
	for _, tt := range []struct {
		name string
		q    Query
	}{
		{"LIMIT", Query{Table: table(t, "users"), Limit: 10}},
		{"ORDER BY", Query{Table: table(t, "users"), OrderBy: []Order{{Column: "created"}}}},
		{"a search", Query{Table: table(t, "users"), Where: []Expr{eq("status", "ACTIVE")}}},
		{"a filter", Query{Table: table(t, "groups"), Where: []Expr{eq("type", "OKTA_GROUP")}}},
		{"no search on created", Query{Table: table(t, "apps")}},
		{"keys", Query{Table: table(t, "group_members"), Where: []Expr{eq("group_id", "00g1")}}},
		{"one partition", Query{Table: table(t, "groups"), Partitions: Partitions{N: 1, From: from}}},
	} {
		t.Run("not split: "+tt.name, func(t *testing.T) {
			q := tt.q
			q.Now = now
			if q.Partitions.N == 0 {
				q.Partitions = Partitions{N: 4, From: from}
			}
			p, err := Build(q)
			if err != nil {
				t.Fatal(err)
			}
			if p.Parallel || p.Probe != nil {
				t.Errorf("split: %q", lines(p))
			}
		})
	}
}

// TestExpand asks for expand=stats only when a column it fills is read.
func TestExpand(t *testing.T) {
	for _, tt := range []struct {
		name    string
		columns []string
		want    string
	}{
		{"users_count read", []string{"id", "users_count"}, "stats"},
		{"every column", nil, "stats"},
		{"no stats column", []string{"id", "profile_name"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(Query{Table: table(t, "groups"), Columns: tt.columns, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Calls[0].Query.Get("expand"); got != tt.want {
				t.Errorf("expand = %q, want %q: %s", got, tt.want, p.Calls[0].Line())
			}
		})
	}
	p, err := Build(Query{Table: table(t, "users"), Columns: []string{"id"}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Calls[0].Query.Get("expand"); got != "" {
		t.Errorf("users read with expand=%s", got)
	}
}

// TestItemGetColumns reads each listed row again with the item GET only
// when a column only the GET returns is read (org contacts' user_id).
func TestItemGetColumns(t *testing.T) {
	for _, tt := range []struct {
		name    string
		columns []string
		want    bool
	}{
		{"user_id read", []string{"contact_type", "user_id"}, true},
		{"every column", nil, true},
		{"user_id not read", []string{"contact_type"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(Query{Table: table(t, "org_contacts"), Columns: tt.columns, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			get := p.Calls[0].ItemGet
			if (get != nil) != tt.want || get != nil && get.ID != "getOrgContactUser" {
				t.Errorf("item GET %v, want one: %v", get, tt.want)
			}
			if explained := strings.Join(p.Explain(), "\n"); strings.Contains(explained, "for each row: GET /api/v1/org/contacts/{contactType}") != tt.want {
				t.Errorf("EXPLAIN:\n%s", explained)
			}
		})
	}
}

// TestQueryParameterKeys sends the required query parameters of a list
// call from the query's equalities.
func TestQueryParameterKeys(t *testing.T) {
	p, err := Build(Query{Table: table(t, "well_known_app_authenticator_configuration"), Where: []Expr{eq("oauth_client_id", "0oa1")}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Calls) != 1 || p.Calls[0].Query.Get("oauthClientId") != "0oa1" || p.Calls[0].KeyValues["oauth_client_id"] != "0oa1" {
		t.Errorf("calls %q, keys %v", lines(p), p.Calls[0].KeyValues)
	}
	if _, err := Build(Query{Table: table(t, "well_known_app_authenticator_configuration"), Now: now}); err == nil || !strings.Contains(err.Error(), "oauth_client_id") {
		t.Errorf("no key: error %v, want one naming oauth_client_id", err)
	}
	p, err = Build(Query{Table: table(t, "ssf_stream_status"), Where: []Expr{eq("stream_id", "s1")}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Calls[0].Query.Get("stream_id"); got != "s1" {
		t.Errorf("stream_id = %q: %q", got, lines(p))
	}
}
