package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func startTest(t *testing.T, users int) *Server {
	t.Helper()
	srv, err := Start(Config{Users: users, Seed: 3, Token: "tok", Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url, auth string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body json.RawMessage
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func TestErrors(t *testing.T) {
	srv := startTest(t, 20)
	for _, tc := range []struct {
		name, path, auth string
		status           int
		code             string
	}{
		{"no token", "/api/v1/users", "", 401, "E0000011"},
		{"wrong token", "/api/v1/users", "SSWS nope", 401, "E0000011"},
		{"unknown path", "/api/v1/nothing", "SSWS tok", 404, "E0000007"},
		{"bad limit", "/api/v1/users?limit=x", "SSWS tok", 400, "E0000001"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, srv.URL+tc.path, tc.auth)
			var e apiError
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.status || e.ErrorCode != tc.code {
				t.Fatalf("got %d %s, want %d %s", resp.StatusCode, e.ErrorCode, tc.status, tc.code)
			}
			if id := resp.Header.Get("X-Okta-Request-Id"); id == "" || e.ErrorID != id {
				t.Fatalf("errorId %q, X-Okta-Request-Id %q", e.ErrorID, id)
			}
		})
	}
}

func TestUsersPaging(t *testing.T) {
	srv := startTest(t, 50)
	for _, tc := range []struct {
		name  string
		limit string
	}{{"limit 7", "7"}, {"limit above max clamps", "1000"}} {
		t.Run(tc.name, func(t *testing.T) {
			url := srv.URL + "/api/v1/users?limit=" + tc.limit
			seen := map[string]bool{}
			for url != "" {
				resp, body := get(t, url, "SSWS tok")
				var users []struct{ ID, Status string }
				if err := json.Unmarshal(body, &users); err != nil {
					t.Fatal(err)
				}
				for _, u := range users {
					if u.Status == "DEPROVISIONED" || seen[u.ID] {
						t.Fatalf("user %s status %s seen twice or deprovisioned", u.ID, u.Status)
					}
					seen[u.ID] = true
				}
				url = nextLink(resp.Header.Values("Link"))
			}
			if len(seen) != len(srv.Org.collections["/api/v1/users"].items) {
				t.Fatalf("paged %d users, want %d", len(seen), len(srv.Org.collections["/api/v1/users"].items))
			}
		})
	}
}

func nextLink(links []string) string {
	for _, l := range links {
		if u, ok := strings.CutSuffix(l, `>; rel="next"`); ok {
			return strings.TrimPrefix(u, "<")
		}
	}
	return ""
}

func TestRequestsLog(t *testing.T) {
	srv := startTest(t, 5)
	get(t, srv.URL+"/api/v1/users?limit=2", "SSWS tok")
	got := srv.Org.Requests()
	if len(got) != 1 || got[0].Path != "/api/v1/users" || got[0].Query != "limit=2" || got[0].Status != 200 {
		t.Fatalf("requests %+v", got)
	}
	srv.Org.ResetRequests()
	if n := len(srv.Org.Requests()); n != 0 {
		t.Fatalf("%d requests after reset", n)
	}
}

// BenchmarkUsersPage200 measures serving one page of 200 users through the handler.
func BenchmarkUsersPage200(b *testing.B) {
	org, err := New(Config{Users: 2000, Token: "tok", Now: testNow})
	if err != nil {
		b.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, "http://emu/api/v1/users?limit=200&after=400", nil)
	req.Header.Set("Authorization", "SSWS tok")
	for b.Loop() {
		rec := httptest.NewRecorder()
		org.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
		org.ResetRequests()
	}
}

func TestCollections(t *testing.T) {
	srv := startTest(t, 30)
	for _, path := range []string{"/api/v1/users", "/api/v1/groups", "/api/v1/apps", "/api/v1/meta/types/user"} {
		t.Run(path, func(t *testing.T) {
			resp, body := get(t, srv.URL+path+"?limit=1", "SSWS tok")
			var rows []struct{ ID string }
			if err := json.Unmarshal(body, &rows); err != nil || resp.StatusCode != 200 || len(rows) != 1 {
				t.Fatalf("list: status %d, %d rows, err %v", resp.StatusCode, len(rows), err)
			}
			resp, body = get(t, srv.URL+path+"/"+rows[0].ID, "SSWS tok")
			var one struct{ ID string }
			if err := json.Unmarshal(body, &one); err != nil || resp.StatusCode != 200 || one.ID != rows[0].ID {
				t.Fatalf("item: status %d, id %q, err %v", resp.StatusCode, one.ID, err)
			}
			if path == "/api/v1/users" {
				u := srv.Org.gen.Users[0]
				resp, body = get(t, srv.URL+path+"/"+u.Profile.Login, "SSWS tok")
				if err := json.Unmarshal(body, &one); err != nil || one.ID != u.ID {
					t.Fatalf("by login: status %d, id %q, want %q", resp.StatusCode, one.ID, u.ID)
				}
			}
			if resp, _ := get(t, srv.URL+path+"/missing", "SSWS tok"); resp.StatusCode != 404 {
				t.Fatalf("missing item: status %d", resp.StatusCode)
			}
		})
	}
}

// BenchmarkNew50k measures building an org of 50,000 users (the startup budget is 5 s).
func BenchmarkNew50k(b *testing.B) {
	for b.Loop() {
		if _, err := New(Config{Users: 50000, Token: "tok", Now: testNow}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestUsersQuery(t *testing.T) {
	srv := startTest(t, 300)
	count := func(t *testing.T, query string) (int, int, string) {
		t.Helper()
		url := srv.URL + "/api/v1/users?" + query
		n, status, code := 0, 0, ""
		for url != "" {
			resp, body := get(t, url, "SSWS tok")
			status = resp.StatusCode
			if status != 200 {
				var e apiError
				json.Unmarshal(body, &e)
				return 0, status, e.ErrorCode
			}
			var rows []json.RawMessage
			json.Unmarshal(body, &rows)
			n += len(rows)
			url = nextLink(resp.Header.Values("Link"))
		}
		return n, status, code
	}
	deprov := 0
	for _, u := range srv.Org.gen.Users {
		if u.Status == "DEPROVISIONED" {
			deprov++
		}
	}
	if deprov == 0 {
		t.Fatal("the seeded org has no DEPROVISIONED user")
	}
	for _, tc := range []struct {
		name, query string
		want        int
		status      int
		code        string
	}{
		{"plain list omits DEPROVISIONED", "limit=50", len(srv.Org.gen.Users) - deprov, 200, ""},
		{"filter includes DEPROVISIONED", `filter=status+eq+"DEPROVISIONED"`, deprov, 200, ""},
		{"filter is case-sensitive", `filter=status+eq+"deprovisioned"`, 0, 200, ""},
		{"search is case-insensitive", `search=status+eq+"deprovisioned"`, deprov, 200, ""},
		{"search and filter", `search=status+eq+"ACTIVE"&filter=status+eq+"ACTIVE"`, 0, 400, "E0000033"},
		{"bad syntax", `search=status+eq`, 0, 400, "E0000031"},
		{"q without paging, default limit 10", "q=", 10, 200, ""},
		{"q limit", "q=&limit=3", 3, 200, ""},
		{"q returns everything in one response", "q=&limit=1000", len(srv.Org.gen.Users) - deprov, 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, status, code := count(t, tc.query)
			if n != tc.want || status != tc.status || code != tc.code {
				t.Fatalf("got %d rows, %d %s; want %d rows, %d %s", n, status, code, tc.want, tc.status, tc.code)
			}
		})
	}
}

func TestAppsAndGroupsFilter(t *testing.T) {
	srv := startTest(t, 100)
	gen := srv.Org.gen
	var userID, groupID string
	for _, aus := range gen.AppUsers {
		if len(aus) > 0 {
			userID = aus[0].ID
			break
		}
	}
	for _, ags := range gen.AppGroups {
		if len(ags) > 0 {
			groupID = ags[0].ID
			break
		}
	}
	for _, tc := range []struct {
		name, path string
		want       int
	}{
		{"apps of a user", `/api/v1/apps?limit=200&filter=user.id+eq+"` + userID + `"`, len(gen.AppsByUser()[userID])},
		{"apps of a group", `/api/v1/apps?limit=200&filter=group.id+eq+"` + groupID + `"`, len(gen.AppsByGroup()[groupID])},
		{"groups by id", `/api/v1/groups?filter=id+eq+"` + groupID + `"`, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, srv.URL+tc.path, "SSWS tok")
			var rows []json.RawMessage
			if err := json.Unmarshal(body, &rows); err != nil || resp.StatusCode != 200 || len(rows) != tc.want || tc.want == 0 {
				t.Fatalf("status %d, %d rows, want %d (err %v)", resp.StatusCode, len(rows), tc.want, err)
			}
		})
	}
}

func TestSubLists(t *testing.T) {
	srv := startTest(t, 100)
	gen := srv.Org.gen
	var groupID, appID, userID string
	for id, members := range gen.Memberships {
		if len(members) > 0 {
			groupID = id
			break
		}
	}
	for id, aus := range gen.AppUsers {
		if len(aus) > 0 && len(gen.AppGroups[id]) > 0 {
			appID = id
			break
		}
	}
	for id, fs := range gen.Factors {
		if len(fs) > 0 {
			userID = id
			break
		}
	}
	for _, tc := range []struct {
		name, path string
		status     int
		want       int
	}{
		{"group members", "/api/v1/groups/" + groupID + "/users?limit=200", 200, min(len(gen.Memberships[groupID]), 200)},
		{"app users", "/api/v1/apps/" + appID + "/users?limit=200", 200, min(len(gen.AppUsers[appID]), 200)},
		{"app groups", "/api/v1/apps/" + appID + "/groups?limit=200", 200, min(len(gen.AppGroups[appID]), 200)},
		{"factors", "/api/v1/users/" + userID + "/factors", 200, len(gen.Factors[userID])},
		{"unknown parent", "/api/v1/groups/nope/users", 404, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, srv.URL+tc.path, "SSWS tok")
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			var rows []json.RawMessage
			if tc.status == 200 && (json.Unmarshal(body, &rows) != nil || len(rows) != tc.want || tc.want == 0) {
				t.Fatalf("%d rows, want %d", len(rows), tc.want)
			}
		})
	}
}
