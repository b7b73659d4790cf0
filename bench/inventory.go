package main

import (
	"fmt"
	"net/url"
	"os"
	"runtime"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/emulator/seed"
	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/schema"
)

// rateShare is the share of each bucket oktasql uses in --inventory.
var rateShare = fetcher.DefaultRateShare

// inventoryQueries are the inventory of issue 17, run at once on
// separate connections, as a program reading the whole org would: each
// bucket then works in parallel with the others.
var inventoryQueries = []struct{ Name, SQL string }{
	{"users", "SELECT id, status, profile_login FROM users"},
	{"groups and their members", "SELECT g.id, g.profile_name, m.id FROM groups g JOIN group_members m ON m.group_id = g.id"},
	{"apps and their users", "SELECT a.id, a.label, au.id FROM apps a JOIN app_users au ON au.app_id = a.id"},
	{"apps and their groups", "SELECT a.id, ag.id FROM apps a JOIN app_groups ag ON ag.app_id = a.id"},
	{"each user's factors", "SELECT user_id, factor_type, status FROM user_factors"},
}

// bucketPlan is a rate-limit bucket's part in the inventory: the fewest
// requests the inventory makes in it and the bucket's limit per window.
type bucketPlan struct {
	Bucket      string
	MinRequests int
	Limit       int
}

// buildInventory counts, per bucket of the tier, the fewest requests that
// read the inventory: each list in pages of the largest size its endpoint
// takes, every user once (the plain list and the DEPROVISIONED ones), and
// one factor list per user.
func buildInventory(o *seed.Org, tier string) []bucketPlan {
	cat := schema.Default()
	size := func(table string) int { return cat.Table(table).PageLimit.Max }
	fewest := map[string]int{}
	add := func(method, path string, n int) { fewest[emulator.BucketOf(method, path).Name] += n }
	deprov := 0
	for _, u := range o.Users {
		if u.Status == "DEPROVISIONED" {
			deprov++
		}
	}
	add("GET", "/api/v1/users", pages(len(o.Users)-deprov, size("users"))+pages(deprov, size("users")))
	add("GET", "/api/v1/users/x/factors", len(o.Users))
	add("GET", "/api/v1/groups", pages(len(o.Groups), size("groups")))
	for _, g := range o.Groups {
		add("GET", "/api/v1/groups/x/users", pages(len(o.Memberships[g.ID]), size("group_members")))
	}
	add("GET", "/api/v1/apps", pages(len(o.Apps), size("apps")))
	for _, a := range o.Apps {
		add("GET", "/api/v1/apps/x/users", pages(len(o.AppUsers[a.ID]), size("app_users")))
		add("GET", "/api/v1/apps/x/groups", pages(len(o.AppGroups[a.ID]), size("app_groups")))
	}
	var plan []bucketPlan
	for _, b := range emulator.Buckets {
		if n := fewest[b.Name]; n > 0 {
			plan = append(plan, bucketPlan{Bucket: b.Name, MinRequests: n, Limit: b.Limit(tier)})
		}
	}
	return plan
}

// requestTally counts oktasql's requests and 429s per bucket from its
// client's debug log (one line per attempt: okta METHOD PATH STATUS ...).
type requestTally struct {
	mu       sync.Mutex
	requests map[string]int
	tooMany  map[string]int
	partial  []byte
}

func (t *requestTally) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.partial = append(t.partial, p...)
	for {
		i := strings.IndexByte(string(t.partial), '\n')
		if i < 0 {
			return len(p), nil
		}
		f := strings.Fields(string(t.partial[:i]))
		t.partial = t.partial[i+1:]
		if len(f) < 4 {
			continue
		}
		path := f[2]
		if u, err := url.Parse(path); err == nil {
			path = u.Path
		}
		b := emulator.BucketOf(f[1], path).Name
		t.requests[b]++
		if f[3] == "429" {
			t.tooMany[b]++
		}
	}
}

// runInventory reads the inventory through oktasql from an org that
// enforces its rate limits, then (with --sdk) the SDK baseline's, and
// prints requests, 429s and wall time against the floor the buckets set.
func runInventory(o org, runSDK bool) error {
	start := time.Now()
	info, stop, err := startChild(o)
	if err != nil {
		return err
	}
	defer stop()
	w := o.Limits.Window
	fmt.Fprintf(os.Stderr, "emulated org of %d users ready in %.1fs at %s (latency %s; %s tier rate limits, windows of %s; separate process)\n",
		o.Users, time.Since(start).Seconds(), info.URL, o.Latency, o.Limits.Tier, w)

	tally := &requestTally{requests: map[string]int{}, tooMany: map[string]int{}}
	client, err := fetcher.New(info.URL, fetcher.WithToken(token), fetcher.WithRateShare(rateShare), fetcher.WithRateWindow(w),
		fetcher.WithMaxRateWait(0), fetcher.WithDebugLog(tally))
	if err != nil {
		return err
	}
	db, stopServer, err := serveOrg(client)
	if err != nil {
		return err
	}
	defer stopServer()
	db.SetMaxOpenConns(len(inventoryQueries))

	type outcome struct {
		rows int
		took time.Duration
		err  error
	}
	outcomes := make([]outcome, len(inventoryQueries))
	var wg sync.WaitGroup
	began := time.Now()
	for i, q := range inventoryQueries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			n, _, err := countRows(db, q.SQL)
			outcomes[i] = outcome{n, time.Since(t0), err}
		}()
	}
	wg.Wait()
	wall := time.Since(began)
	for i, oc := range outcomes {
		if oc.err != nil {
			return fmt.Errorf("%s (%s): %w", inventoryQueries[i].Name, inventoryQueries[i].SQL, oc.err)
		}
	}
	st := client.Stats().Total

	// The floor: no program using share of each bucket reads the
	// inventory in fewer windows than its busiest bucket needs.
	floorWindows, fullWindows := 0.0, 0.0
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "bucket\tlimit/window\toktasql's share\tmin requests\toktasql requests\t429s\tmin windows at the share\t")
	for _, b := range info.Inventory {
		allowance := max(1, int(rateShare*float64(b.Limit)))
		windows := float64(b.MinRequests) / float64(allowance)
		floorWindows = max(floorWindows, windows)
		fullWindows = max(fullWindows, float64(b.MinRequests)/float64(b.Limit))
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%.1f\t\n", b.Bucket, b.Limit, allowance, b.MinRequests, tally.requests[b.Bucket], tally.tooMany[b.Bucket], windows)
	}
	tw.Flush()
	floor := time.Duration(floorWindows * float64(w))
	fmt.Println()
	tw = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "query\trows\twall s\twindows\t")
	for i, q := range inventoryQueries {
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.1f\t\n", q.Name, outcomes[i].rows, outcomes[i].took.Seconds(), outcomes[i].took.Seconds()/w.Seconds())
	}
	tw.Flush()
	fmt.Println()
	tw = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "program\trequests\t429s\twall s\twindows\twall/floor\t")
	fmt.Fprintf(tw, "oktasql (share %.2f)\t%d\t%d\t%.1f\t%.1f\t%.2fx\t\n", rateShare, st.Requests, st.RateLimited, wall.Seconds(), wall.Seconds()/w.Seconds(), wall.Seconds()/floor.Seconds())
	if runSDK {
		// The windows oktasql opened end before the SDK starts, which
		// reads the inventory once, as oktasql did.
		time.Sleep(w + time.Second)
		runs = 1
		res, err := runBaseline(info.URL, info.Params, []string{"inventory"})
		if err != nil {
			return err
		}
		if r, ok := res["inventory"]; ok {
			fmt.Fprintf(tw, "Okta SDK v5 (sequential)\t%d\t%d\t%.1f\t%.1f\t%.2fx\t\n", r.Requests, r.TooMany, r.Seconds, r.Seconds/w.Seconds(), r.Seconds/floor.Seconds())
		}
	}
	fmt.Fprintf(tw, "floor\t\t\t%.1f\t%.1f\t1.00x\t\n", floor.Seconds(), floorWindows)
	tw.Flush()
	scaled := ""
	if w != time.Minute {
		scaled = fmt.Sprintf(" (scaled: Okta's windows are a minute, %.0fx these; in windows the numbers are the same)", time.Minute.Seconds()/w.Seconds())
	}
	fmt.Printf("\nfloor: the busiest bucket's fewest requests / its requests per window at the share (%.2f), in windows of %s%s;\n", rateShare, w, scaled)
	fmt.Printf("a program free to use whole buckets needs %.1f windows. %s tier; a token may use half of a bucket (Okta's default)\n", fullWindows, o.Limits.Tier)
	fmt.Printf("\n%s, %d cores, %s, %s\n", runtime.GOOS+"/"+runtime.GOARCH, runtime.NumCPU(), runtime.Version(), time.Now().UTC().Format("2006-01-02"))
	return nil
}
