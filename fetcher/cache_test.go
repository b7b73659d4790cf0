package fetcher

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/oktasql/oktasql/schema"
)

// TestCacheAgainstTheEmulator reads through a cached client: a repeated
// read makes no request, and a write makes the reads it may have changed
// go to the org again, so they see the change.
func TestCacheAgainstTheEmulator(t *testing.T) {
	emu := startEmulator(t, 300)
	c := mustNew(t, emu.URL, WithToken("tok"), WithCache(time.Minute))
	ctx := context.Background()
	active := func() []string {
		t.Helper()
		ids, err := collect(t, c.List(ctx, ListRequest{Operation: "listUsers", Path: "/api/v1/users", Query: map[string][]string{"limit": {"100"}, "search": {`status eq "ACTIVE"`}}, Pagination: schema.PaginationLink}))
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	requests := func() int {
		n := len(emu.Org.Requests())
		emu.Org.ResetRequests()
		return n
	}
	first := active()
	pages := requests()
	if pages < 2 {
		t.Fatalf("the read took %d pages; the test needs several", pages)
	}
	if again := active(); strings.Join(again, ",") != strings.Join(first, ",") {
		t.Fatalf("the cached read differs: %d users, then %d", len(first), len(again))
	}
	if n := requests(); n != 0 {
		t.Errorf("the repeated read made %d requests, want 0", n)
	}
	if got := c.Stats().Total.Cached; got != pages {
		t.Errorf("Stats().Total.Cached = %d, want %d", got, pages)
	}

	// A group's members, then a write under another collection that names
	// the group: its member list is read again.
	groups, err := collect(t, c.List(ctx, ListRequest{Operation: "listGroups", Path: "/api/v1/groups", Query: map[string][]string{"limit": {"1"}}, Pagination: schema.PaginationLink, MaxPages: 1}))
	if err != nil || len(groups) != 1 {
		t.Fatalf("groups: %v %v", groups, err)
	}
	members := func() []string {
		t.Helper()
		ids, err := collect(t, c.List(ctx, ListRequest{Operation: "listGroupUsers", Path: "/api/v1/groups/" + groups[0] + "/users", Pagination: schema.PaginationLink}))
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	before := members()
	requests()

	// Suspending a user changes the users collection: the search is made
	// again and no longer returns the user; the group's members are not
	// under it and stay cached.
	if _, err := c.Do(ctx, Request{Operation: "suspendUser", Method: http.MethodPost, Path: "/api/v1/users/" + first[0] + "/lifecycle/suspend"}); err != nil {
		t.Fatal(err)
	}
	requests()
	after := active()
	if n := requests(); n != pages {
		t.Errorf("after the write the read made %d requests, want %d", n, pages)
	}
	if len(after) != len(first)-1 || after[0] == first[0] {
		t.Errorf("after suspending %s the active users are %d (first %s), want %d without it", first[0], len(after), after[0], len(first)-1)
	}
	members()
	if n := requests(); n != 0 {
		t.Errorf("the group's members were read again (%d requests) after a write to another resource", n)
	}

	// Adding a user to the group names the group: its members are read
	// again and include the user.
	if _, err := c.Do(ctx, Request{Operation: "assignUserToGroup", Method: http.MethodPut, Path: "/api/v1/groups/" + groups[0] + "/users/" + first[1]}); err != nil {
		t.Fatal(err)
	}
	requests()
	now := members()
	if requests() == 0 || !slices.Contains(now, first[1]) || len(now) != len(before)+boolInt(!slices.Contains(before, first[1])) {
		t.Errorf("after adding %s the group has %d members (was %d), read from the org: %v", first[1], len(now), len(before), slices.Contains(now, first[1]))
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestCacheExpiryAndBudget checks the time to live and the byte budget.
func TestCacheExpiryAndBudget(t *testing.T) {
	var cl Client
	WithCache(time.Minute)(&cl)
	c := cl.cache
	c.max = 100
	now := time.Now()
	body := []byte(strings.Repeat("x", 25))
	for _, u := range []string{"/a", "/b", "/c", "/d", "/e"} {
		c.put(u, &Response{Status: 200, Header: http.Header{}, Body: body}, now)
	}
	if _, ok := c.get("/a", now); ok {
		t.Error("the oldest entry is still there past the byte budget")
	}
	for _, u := range []string{"/b", "/e"} {
		if r, ok := c.get(u, now); !ok || string(r.Body) != string(body) {
			t.Errorf("%s: cached %v", u, ok)
		}
	}
	if _, ok := c.get("/e", now.Add(time.Minute+time.Millisecond)); ok {
		t.Error("an entry is served past its time to live")
	}
	if _, ok := c.get("/e", now); ok {
		t.Error("an expired entry stays cached")
	}
	c.put("/big", &Response{Status: 200, Header: http.Header{}, Body: make([]byte, 60)}, now)
	if _, ok := c.get("/big", now); ok {
		t.Error("a body over a quarter of the budget is cached")
	}
}
