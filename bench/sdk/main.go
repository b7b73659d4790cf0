// Command sdk is the baseline of oktasql's benchmark: each question of the
// suite answered the straightforward way with the Okta Go SDK (v5), as a
// user following the SDK's README would write it. It prints one JSON line
// per task: {"task", "rows", "seconds", "requests", "tooMany"} (429 answers).
//
// It is a separate module so the SDK never enters oktasql's go.mod.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/okta/okta-sdk-golang/v5/okta"
)

// params are the inputs of the suite.
type params struct {
	department, login, userID, appID, eventType string
	groups                                      []string
	now                                         time.Time
}

// counting counts the HTTP requests the SDK makes, and the 429 answers.
type counting struct {
	next    http.RoundTripper
	n       atomic.Int64
	tooMany atomic.Int64
}

func (c *counting) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	resp, err := c.next.RoundTrip(r)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		c.tooMany.Add(1)
	}
	return resp, err
}

func main() {
	orgURL := flag.String("org-url", "", "org URL")
	token := flag.String("token", "", "SSWS API token")
	task := flag.String("task", "all", "comma-separated tasks to run, or all")
	var p params
	var groups, now string
	flag.StringVar(&p.department, "department", "Sales", "department of tasks 1 and 4")
	flag.StringVar(&p.login, "user-login", "", "login of task 8")
	flag.StringVar(&p.userID, "user-id", "", "user of task 5a")
	flag.StringVar(&p.appID, "app-id", "", "app of task 5b")
	flag.StringVar(&p.eventType, "event-type", "user.session.start", "event type of task 6")
	flag.StringVar(&groups, "groups", "", "comma-separated groups of task 3 (default: the 3 largest)")
	flag.StringVar(&now, "now", "", "the org's clock, RFC 3339 (default: now)")
	flag.IntVar(&runs, "runs", 1, "run each task this many times and report the fastest")
	decodePages := flag.Int("decode-pages", 0, "instead of the suite, read this many pages of 200 users and report pages/s")
	defaultPages := flag.Bool("default-page-sizes", false, "leave limit out of list calls, as the SDK's README examples do (default: ask for the largest page each endpoint allows)")
	flag.Parse()
	largestPages = !*defaultPages
	p.now = time.Now()
	if now != "" {
		t, err := time.Parse(time.RFC3339, now)
		if err != nil {
			fail(err)
		}
		p.now = t
	}
	if groups != "" {
		p.groups = strings.Split(groups, ",")
	}
	rt := &counting{next: http.DefaultTransport}
	// The SDK retries a 429 after X-Rate-Limit-Reset - Date + 1 s, at most
	// MaxRetries times and waiting at most MaxBackoff seconds; both are 0
	// unless set (no retry), so they are set as the SDK's README shows.
	cfg, err := okta.NewConfiguration(
		okta.WithOrgUrl(*orgURL), okta.WithToken(*token), okta.WithAuthorizationMode("SSWS"),
		okta.WithCache(false), okta.WithTestingDisableHttpsCheck(true), okta.WithHttpClientPtr(&http.Client{Transport: rt}),
		okta.WithRateLimitMaxRetries(3), okta.WithRateLimitMaxBackOff(30))
	if err != nil {
		fail(err)
	}
	// The SDK keeps only the host name of the org URL; the emulator
	// listens on a port.
	if u, err := url.Parse(*orgURL); err == nil {
		cfg.Host = u.Host
	}
	client := okta.NewAPIClient(cfg)
	ctx := context.Background()
	if *decodePages > 0 {
		report("decode", rt, func() (int, error) { return decode(ctx, client, *decodePages) })
		return
	}
	tasks := []struct {
		name string
		run  func() (int, error)
	}{
		{"dept_active", func() (int, error) { return deptActive(ctx, client, p) }},
		{"count_by_status", func() (int, error) { return countByStatus(ctx, client) }},
		{"top_groups_members", func() (int, error) { return topGroupsMembers(ctx, client, p) }},
		{"dept_no_mfa", func() (int, error) { return deptNoMFA(ctx, client, p) }},
		{"user_apps", func() (int, error) { return userApps(ctx, client, p) }},
		{"app_users", func() (int, error) { return appUsers(ctx, client, p) }},
		{"log_events", func() (int, error) { return logEvents(ctx, client, p) }},
		{"users_limit10", func() (int, error) { return usersLimit10(ctx, client) }},
		{"login_lookup", func() (int, error) { return loginLookup(ctx, client, p) }},
		{"inventory", func() (int, error) { return inventory(ctx, client) }},
	}
	for _, t := range tasks {
		if *task == "all" && t.name != "inventory" || slices.Contains(strings.Split(*task, ","), t.name) {
			report(t.name, rt, t.run)
		}
	}
}

// runs is how many times each task runs; the fastest is reported.
var runs = 1

// largestPages says whether list calls ask for the largest page each
// endpoint allows, or leave limit out and get the API's default page size.
var largestPages = true

// pageOf asks r for pages of n items, unless the run keeps the API's
// default page sizes.
// rest appends the items of the pages after resp's to items.
func rest[T any](items []T, resp *okta.APIResponse) ([]T, error) {
	for resp.HasNextPage() {
		var next []T
		var err error
		if resp, err = resp.Next(&next); err != nil {
			return nil, err
		}
		items = append(items, next...)
	}
	return items, nil
}

// countRest adds to rows the items of the pages after resp's.
func countRest[T any](rows int, resp *okta.APIResponse) (int, error) {
	more, err := rest([]T(nil), resp)
	return rows + len(more), err
}

func pageOf[R interface{ Limit(int32) R }](r R, n int32) R {
	if !largestPages {
		return r
	}
	return r.Limit(n)
}

func report(name string, rt *counting, run func() (int, error)) {
	var rows int
	var requests, tooMany int64
	best := time.Duration(math.MaxInt64)
	for i := 0; i < runs; i++ {
		before, limited := rt.n.Load(), rt.tooMany.Load()
		start := time.Now()
		n, err := run()
		if err != nil {
			fail(fmt.Errorf("%s: %w", name, err))
		}
		best = min(best, time.Since(start))
		rows, requests, tooMany = n, rt.n.Load()-before, rt.tooMany.Load()-limited
	}
	b, _ := json.Marshal(map[string]any{"task": name, "rows": rows, "seconds": best.Seconds(), "requests": requests, "tooMany": tooMany})
	fmt.Println(string(b))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "sdk:", err)
	os.Exit(1)
}

// allUsers pages through a user list request, as the SDK README shows.
func allUsers(req okta.ApiListUsersRequest) ([]okta.User, error) {
	users, resp, err := req.Execute()
	if err != nil {
		return nil, err
	}
	if users, err = rest(users, resp); err != nil {
		return nil, err
	}
	return users, nil
}

func deptActive(ctx context.Context, c *okta.APIClient, p params) (int, error) {
	users, err := allUsers(pageOf(c.UserAPI.ListUsers(ctx).Search(fmt.Sprintf(`profile.department eq "%s" and status eq "ACTIVE"`, p.department)), 200))
	return len(users), err
}

func countByStatus(ctx context.Context, c *okta.APIClient) (int, error) {
	users, err := allUsers(pageOf(c.UserAPI.ListUsers(ctx), 200))
	if err != nil {
		return 0, err
	}
	deprovisioned, err := allUsers(pageOf(c.UserAPI.ListUsers(ctx).Filter(`status eq "DEPROVISIONED"`), 200))
	if err != nil {
		return 0, err
	}
	counts := map[string]int{}
	for _, u := range append(users, deprovisioned...) {
		counts[u.GetStatus()]++
	}
	return len(counts), nil
}

func topGroupsMembers(ctx context.Context, c *okta.APIClient, p params) (int, error) {
	ids := p.groups
	if len(ids) == 0 {
		groups, resp, err := pageOf(c.GroupAPI.ListGroups(ctx).Expand("stats"), 200).Execute()
		if err != nil {
			return 0, err
		}
		if groups, err = rest(groups, resp); err != nil {
			return 0, err
		}
		sort.Slice(groups, func(i, j int) bool { return usersCount(groups[i]) > usersCount(groups[j]) })
		for _, g := range groups[:min(3, len(groups))] {
			ids = append(ids, g.GetId())
		}
	}
	rows := 0
	for _, id := range ids {
		members, resp, err := pageOf(c.GroupAPI.ListGroupUsers(ctx, id), 1000).Execute()
		if err != nil {
			return 0, err
		}
		rows += len(members)
		if rows, err = countRest[okta.GroupMember](rows, resp); err != nil {
			return 0, err
		}
	}
	return rows, nil
}

func usersCount(g okta.Group) float64 {
	stats := g.Embedded["stats"]
	n, _ := stats["usersCount"].(float64)
	return n
}

func deptNoMFA(ctx context.Context, c *okta.APIClient, p params) (int, error) {
	users, err := allUsers(pageOf(c.UserAPI.ListUsers(ctx).Search(fmt.Sprintf(`profile.department eq "%s" and status eq "ACTIVE"`, p.department)), 200))
	if err != nil {
		return 0, err
	}
	rows := 0
	for _, u := range users {
		factors, _, err := c.UserFactorAPI.ListFactors(ctx, u.GetId()).Execute()
		if err != nil {
			return 0, err
		}
		if len(factors) == 0 {
			rows++
		}
	}
	return rows, nil
}

func userApps(ctx context.Context, c *okta.APIClient, p params) (int, error) {
	links, _, err := c.UserAPI.ListAppLinks(ctx, p.userID).Execute()
	return len(links), err
}

func appUsers(ctx context.Context, c *okta.APIClient, p params) (int, error) {
	users, resp, err := pageOf(c.ApplicationUsersAPI.ListApplicationUsers(ctx, p.appID), 500).Execute()
	if err != nil {
		return 0, err
	}
	rows := len(users)
	if rows, err = countRest[okta.AppUser](rows, resp); err != nil {
		return 0, err
	}
	return rows, nil
}

func logEvents(ctx context.Context, c *okta.APIClient, p params) (int, error) {
	events, resp, err := pageOf(c.SystemLogAPI.ListLogEvents(ctx).Since(p.now.Add(-24*time.Hour)).Until(p.now).
		Filter(fmt.Sprintf(`eventType eq "%s"`, p.eventType)), 1000).Execute()
	if err != nil {
		return 0, err
	}
	rows := len(events)
	for resp.HasNextPage() {
		var next []okta.LogEvent
		if resp, err = resp.Next(&next); err != nil {
			return 0, err
		}
		if len(next) == 0 {
			break
		}
		rows += len(next)
	}
	return rows, nil
}

func usersLimit10(ctx context.Context, c *okta.APIClient) (int, error) {
	users, _, err := c.UserAPI.ListUsers(ctx).Limit(10).Execute()
	return len(users), err
}

func loginLookup(ctx context.Context, c *okta.APIClient, p params) (int, error) {
	_, _, err := c.UserAPI.GetUser(ctx, p.login).Execute()
	if err != nil {
		return 0, err
	}
	return 1, nil
}

// decode reads pages of 200 users, to compare decoding rates.
func decode(ctx context.Context, c *okta.APIClient, pages int) (int, error) {
	users, resp, err := c.UserAPI.ListUsers(ctx).Limit(200).Execute()
	if err != nil {
		return 0, err
	}
	rows := len(users)
	for i := 1; i < pages && resp.HasNextPage(); i++ {
		var next []okta.User
		if resp, err = resp.Next(&next); err != nil {
			return 0, err
		}
		rows += len(next)
	}
	return rows, nil
}

// inventory reads the whole org the way the SDK's README pages through a
// list, one call after another: every user (the plain list leaves
// DEPROVISIONED users out, so they are listed too) and each user's
// factors, every group and its members, every app and its user and group
// assignments. It returns the rows read.
func inventory(ctx context.Context, c *okta.APIClient) (int, error) {
	users, err := allUsers(pageOf(c.UserAPI.ListUsers(ctx), 200))
	if err != nil {
		return 0, err
	}
	deprovisioned, err := allUsers(pageOf(c.UserAPI.ListUsers(ctx).Filter(`status eq "DEPROVISIONED"`), 200))
	if err != nil {
		return 0, err
	}
	users = append(users, deprovisioned...)
	rows := len(users)
	for _, u := range users {
		factors, _, err := c.UserFactorAPI.ListFactors(ctx, u.GetId()).Execute()
		if err != nil {
			return 0, fmt.Errorf("factors of %s: %w", u.GetId(), err)
		}
		rows += len(factors)
	}
	groups, resp, err := pageOf(c.GroupAPI.ListGroups(ctx), 200).Execute()
	if err != nil {
		return 0, err
	}
	if groups, err = rest(groups, resp); err != nil {
		return 0, err
	}
	rows += len(groups)
	for _, g := range groups {
		members, resp, err := pageOf(c.GroupAPI.ListGroupUsers(ctx, g.GetId()), 1000).Execute()
		if err != nil {
			return 0, fmt.Errorf("members of %s: %w", g.GetId(), err)
		}
		rows += len(members)
		if rows, err = countRest[okta.GroupMember](rows, resp); err != nil {
			return 0, err
		}
	}
	apps, resp, err := pageOf(c.ApplicationAPI.ListApplications(ctx), 200).Execute()
	if err != nil {
		return 0, err
	}
	if apps, err = rest(apps, resp); err != nil {
		return 0, err
	}
	rows += len(apps)
	for _, a := range apps {
		app, ok := a.GetActualInstance().(interface{ GetId() string })
		if !ok {
			return 0, fmt.Errorf("an app of no known type: %v", a)
		}
		assigned, resp, err := pageOf(c.ApplicationUsersAPI.ListApplicationUsers(ctx, app.GetId()), 500).Execute()
		if err != nil {
			return 0, fmt.Errorf("users of %s: %w", app.GetId(), err)
		}
		rows += len(assigned)
		if rows, err = countRest[okta.AppUser](rows, resp); err != nil {
			return 0, err
		}
		groups, resp, err := pageOf(c.ApplicationGroupsAPI.ListApplicationGroupAssignments(ctx, app.GetId()), 200).Execute()
		if err != nil {
			return 0, fmt.Errorf("groups of %s: %w", app.GetId(), err)
		}
		rows += len(groups)
		if rows, err = countRest[okta.ApplicationGroupAssignment](rows, resp); err != nil {
			return 0, err
		}
	}
	return rows, nil
}
