package fetcher

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/oktasql/oktasql/schema"
)

// TestPathsAreEncodedOnce sends paths whose values hold reserved
// characters and checks them as a real server decodes them: the handler
// sees the value itself, and the path on the wire is the one
// schema.ExpandPath wrote (each value escaped once, never "%2527").
func TestPathsAreEncodedOnce(t *testing.T) {
	expand := func(template string, values map[string]string) string {
		p, err := schema.ExpandPath(template, values)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	login := expand("/api/v1/users/{id}", map[string]string{"id": "o'brien@example.com"})
	members := expand("/api/v1/groups/{groupId}/users", map[string]string{"groupId": "a b/c"})
	member := expand("/api/v1/groups/{groupId}/users/{userId}", map[string]string{"groupId": "a b", "userId": "o'brien@example.com"})

	type seen struct{ method, path, escaped string }
	var mu sync.Mutex
	var got []seen
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, seen{r.Method, r.URL.Path, r.URL.EscapedPath()})
		mu.Unlock()
		if r.Method != http.MethodGet {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if r.URL.Query().Get("after") == "" && r.URL.EscapedPath() == members {
			// Okta's next link carries the path as the request did.
			w.Header().Add("Link", fmt.Sprintf(`<http://%s%s?after=2&limit=2>; rel="next"`, r.Host, members))
		}
		fmt.Fprint(w, `[{"id":"1"}]`)
	})
	ctx := context.Background()
	for _, r := range []Request{
		{Operation: "getUser", Method: http.MethodGet, Path: login},
		{Operation: "assignUserToGroup", Method: http.MethodPut, Path: member},
		{Operation: "unassignUserFromGroup", Method: http.MethodDelete, Path: member},
		{Operation: "updateUser", Method: http.MethodPost, Path: login, Body: map[string]any{}},
	} {
		if _, err := c.Do(ctx, r); err != nil {
			t.Fatalf("%s: %v", r.Operation, err)
		}
	}
	if _, err := collect(t, c.List(ctx, ListRequest{Operation: "listGroupUsers", Path: members, Query: map[string][]string{"limit": {"2"}}, Pagination: schema.PaginationLink})); err != nil {
		t.Fatal(err)
	}
	want := []seen{
		{http.MethodGet, "/api/v1/users/o'brien@example.com", "/api/v1/users/o%27brien@example.com"},
		{http.MethodPut, "/api/v1/groups/a b/users/o'brien@example.com", "/api/v1/groups/a%20b/users/o%27brien@example.com"},
		{http.MethodDelete, "/api/v1/groups/a b/users/o'brien@example.com", "/api/v1/groups/a%20b/users/o%27brien@example.com"},
		{http.MethodPost, "/api/v1/users/o'brien@example.com", "/api/v1/users/o%27brien@example.com"},
		{http.MethodGet, "/api/v1/groups/a b/c/users", "/api/v1/groups/a%20b%2Fc/users"},
		{http.MethodGet, "/api/v1/groups/a b/c/users", "/api/v1/groups/a%20b%2Fc/users"}, // the next page
	}
	if len(got) != len(want) {
		t.Fatalf("requests: %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("request %d: got %+v, want %+v", i+1, got[i], want[i])
		}
	}
}
