// Command bench measures oktasql against the straightforward Okta SDK
// program a user would write instead: it starts the emulated org in a
// child process (so the peak RSS it reports is oktasql's own), runs a fixed
// suite of questions through a real MySQL connection, and prints, per
// question, the rows, the API requests made and the minimum the API
// allows, wall time, time to the first row, rows/s and peak RSS, and with
// --sdk the SDK baseline's time (bench/sdk, a separate module) and the
// ratio.
//
//	go run ./bench --users 50000 --latency 50ms --sdk
//	go run ./bench --users 50000 --events 1000000 --only 10
//	go run ./bench --users 50000 --inventory --rate-window 1s --sdk
package main

import (
	"bufio"
	gosql "database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	_ "github.com/go-sql-driver/mysql"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/emulator/seed"
	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/server"
	"github.com/oktasql/oktasql/tables"
)

const token = "bench-token"

// now is the fixed clock of the benchmark org, so runs are comparable.
var now = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// task is one question of the suite.
type task struct {
	ID, Name, SQL string
	MinRequests   int
	// MinChain is the longest chain of requests of the minimum plan that
	// must be made one after the other (each page's cursor comes from the
	// page before; a lookup needs the page that names it): with latency L
	// per request, no program making the minimum requests answers in less
	// than MinChain x L.
	MinChain int
	SDKTask  string
}

// orgConcurrency is how many requests Okta lets an org have in flight
// (API-NOTES, "Concurrency").
const orgConcurrency = 75

// runs is how many times each question runs; the fastest run is reported.
var runs = 2

// sdkDefaultPages makes the SDK baseline use the API's default page sizes.
var sdkDefaultPages bool

// org describes the emulated org: what the child process serves.
type org struct {
	Users   int
	Latency time.Duration
	Events  int
	// Limits are the org's rate limits (on for --inventory).
	Limits emulator.RateLimitConfig
}

func (o org) config() emulator.Config {
	return emulator.Config{Users: o.Users, Seed: 1, Token: token, Now: now, Latency: o.Latency, Events: o.Events, RateLimits: o.Limits}
}

// childInfo is what the emulator child tells the bench: where the org
// listens, the suite with its inputs picked from the org's data, and the
// fewest requests of the inventory per rate-limit bucket.
type childInfo struct {
	URL       string
	Suite     []task
	Params    baselineParams
	Inventory []bucketPlan
}

func main() {
	var o org
	flag.IntVar(&o.Users, "users", 50000, "users in the emulated org")
	flag.DurationVar(&o.Latency, "latency", 0, "latency the emulator adds to every request")
	flag.IntVar(&o.Events, "events", 0, "System Log events in the org (0: about 5 per user); question 10 streams all of them")
	runSDK := flag.Bool("sdk", false, "also run the Okta SDK baseline (bench/sdk)")
	flag.BoolVar(&sdkDefaultPages, "sdk-default-page-sizes", false, "the SDK baseline leaves limit out of its list calls, as the SDK's README examples do (default: it asks for the largest pages)")
	only := flag.String("only", "", "comma-separated task ids to run (default all but 10)")
	flag.IntVar(&runs, "runs", 2, "run each question this many times (oktasql and the SDK) and report the fastest")
	child := flag.Bool("emulator-child", false, "(internal) serve the emulated org, print its URL and the suite, run until stdin closes")
	inventory := flag.Bool("inventory", false, "instead of the suite, inventory the org under its rate limits (users, groups and members, apps and assignments, each user's factors) and compare with the floor the buckets set")
	flag.StringVar(&o.Limits.Tier, "rate-tier", emulator.TierWorkforce, "--inventory: the published rate limits the org enforces: "+emulator.TierWorkforce+", "+emulator.TierEnterprise+" or "+emulator.TierIntegratorFree)
	flag.DurationVar(&o.Limits.Window, "rate-window", time.Second, "--inventory: the org's rate-limit window, Okta's minute scaled down (the same limits per window); times are also given in windows")
	flag.Float64Var(&rateShare, "rate-share", fetcher.DefaultRateShare, "--inventory: the share of each bucket oktasql uses (its --rate-share)")
	flag.BoolVar(&o.Limits.Enabled, "rate-limits", false, "(internal) the org enforces its rate limits")
	flag.Parse()
	if *inventory {
		o.Limits.Enabled = true
	}
	var err error
	switch {
	case *child:
		err = serveChild(o)
	case *inventory:
		err = runInventory(o, *runSDK)
	default:
		err = run(o, *runSDK, *only)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// serveChild runs the emulated org until the bench closes stdin.
func serveChild(o org) error {
	srv, err := emulator.Listen(o.config(), "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer srv.Close()
	truth := seed.Generate(o.config().SeedConfig(srv.URL))
	suite, params := buildSuite(truth)
	info := childInfo{URL: srv.URL, Suite: suite, Params: params, Inventory: buildInventory(truth, o.Limits.Tier)}
	if err := json.NewEncoder(os.Stdout).Encode(info); err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, os.Stdin)
	return err
}

// startChild starts the emulated org in a child process: its memory and
// CPU time are then not oktasql's.
func startChild(o org) (*childInfo, func(), error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.Command(exe, "--emulator-child", "--users", strconv.Itoa(o.Users), "--latency", o.Latency.String(), "--events", strconv.Itoa(o.Events),
		"--rate-limits="+strconv.FormatBool(o.Limits.Enabled), "--rate-tier", o.Limits.Tier, "--rate-window", o.Limits.Window.String())
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	stop := func() { stdin.Close(); cmd.Wait() }
	var info childInfo
	if err := json.NewDecoder(stdout).Decode(&info); err != nil {
		stop()
		return nil, nil, fmt.Errorf("the emulator child: %w", err)
	}
	return &info, stop, nil
}

func run(o org, runSDK bool, only string) error {
	start := time.Now()
	info, stop, err := startChild(o)
	if err != nil {
		return err
	}
	defer stop()
	fmt.Fprintf(os.Stderr, "emulated org of %d users ready in %.1fs at %s (latency %s, separate process)\n", o.Users, time.Since(start).Seconds(), info.URL, o.Latency)

	client, err := fetcher.New(info.URL, fetcher.WithToken(token))
	if err != nil {
		return err
	}
	db, stopServer, err := serveOrg(client)
	if err != nil {
		return err
	}
	defer stopServer()

	type result struct {
		t        task
		rows     int
		requests int
		took     time.Duration
		firstRow time.Duration
		rss      float64
	}
	var results []result
	for _, t := range info.Suite {
		if only == "" && t.ID == "10" || only != "" && !contains(strings.Split(only, ","), t.ID) {
			continue
		}
		var r result
		for i := 0; i < runs; i++ {
			before := client.Stats().Total.Requests
			began := time.Now()
			rows, first, err := countRows(db, t.SQL)
			took := time.Since(began)
			if err != nil {
				return fmt.Errorf("task %s (%s): %w", t.ID, t.SQL, err)
			}
			if i == 0 || took < r.took {
				r = result{t, rows, client.Stats().Total.Requests - before, took, first.Sub(began), 0}
			}
		}
		r.rss = peakRSSMB()
		results = append(results, r)
	}
	// The SDK runs second, against an emulator already warmed by oktasql.
	var sdk map[string]sdkResult
	if runSDK {
		var tasks []string
		for _, r := range results {
			if r.t.SDKTask != "" {
				tasks = append(tasks, r.t.SDKTask)
			}
		}
		if sdk, err = runBaseline(info.URL, info.Params, tasks); err != nil {
			return err
		}
	}

	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "#\tquestion\trows\trequests\tmin requests\tmin chain\twall ms\tfirst row ms\trows/s\tpeak RSS MB\tSDK requests\tSDK ms\tSDK/oktasql\tlatency floor ms\tSDK/floor\t")
	for _, r := range results {
		sdkReqs, sdkMs, ratio, floorMs, best := "-", "-", "-", "-", "-"
		floor := time.Duration(max(r.t.MinChain, (r.t.MinRequests+orgConcurrency-1)/orgConcurrency)) * o.Latency
		if floor > 0 {
			floorMs = fmt.Sprintf("%.0f", ms(floor))
		}
		if s, ok := sdk[r.t.SDKTask]; ok {
			sdkReqs = strconv.Itoa(s.Requests)
			sdkMs = fmt.Sprintf("%.1f", s.Seconds*1000)
			ratio = fmt.Sprintf("%.1fx", s.Seconds/r.took.Seconds())
			if floor > 0 {
				best = fmt.Sprintf("%.1fx", s.Seconds/floor.Seconds())
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%.1f\t%.1f\t%.0f\t%.0f\t%s\t%s\t%s\t%s\t%s\t\n", r.t.ID, r.t.Name, r.rows, r.requests, r.t.MinRequests, r.t.MinChain,
			ms(r.took), ms(r.firstRow), float64(r.rows)/r.took.Seconds(), r.rss, sdkReqs, sdkMs, ratio, floorMs, best)
	}
	tw.Flush()
	if o.Latency > 0 {
		fmt.Printf("\nlatency floor: %s x the larger of min chain and min requests / %d (Okta's cap on requests in flight per org),\nthe least time a program making the minimum requests needs; SDK/floor is the largest SDK/oktasql ratio it can reach\n", o.Latency, orgConcurrency)
	}
	fmt.Printf("\n%s, %d cores, %s, %s; peak RSS is the bench process's (oktasql, the MySQL driver), not the emulator's\n", runtime.GOOS+"/"+runtime.GOARCH, runtime.NumCPU(), runtime.Version(), time.Now().UTC().Format("2006-01-02"))
	return nil
}

// serveOrg serves the org client reads through oktasql's MySQL server on
// a loopback port and connects to it; stop closes both.
func serveOrg(client *fetcher.Client) (db *gosql.DB, stop func(), err error) {
	eng, err := server.NewEngine([]*tables.Org{{Name: "okta", Catalog: schema.Default(), API: client, Now: func() time.Time { return now }}}, server.Options{})
	if err != nil {
		return nil, nil, err
	}
	srv, err := eng.NewServer(server.ServerConfig{Address: "127.0.0.1:0"})
	if err != nil {
		return nil, nil, err
	}
	go srv.Start()
	db, err = gosql.Open("mysql", fmt.Sprintf("root@tcp(%s)/okta", srv.Listener.Addr()))
	if err != nil {
		srv.Close()
		return nil, nil, err
	}
	return db, func() { db.Close(); srv.Close() }, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.TrimSpace(x) == s {
			return true
		}
	}
	return false
}

// countRows runs q and reads every row; first is when the first row came.
func countRows(db *gosql.DB, q string) (n int, first time.Time, err error) {
	rows, err := db.Query(q)
	if err != nil {
		return 0, first, err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	for i := range vals {
		vals[i] = new(gosql.RawBytes)
	}
	for rows.Next() {
		if n == 0 {
			first = time.Now()
		}
		if err := rows.Scan(vals...); err != nil {
			return n, first, err
		}
		n++
	}
	return n, first, rows.Err()
}

// peakRSSMB is the process's peak resident set size (VmHWM), in MB.
func peakRSSMB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}

func pages(n, size int) int {
	if n == 0 {
		return 1
	}
	return int(math.Ceil(float64(n) / float64(size)))
}

// baselineParams are the inputs of the suite, passed to the SDK baseline.
type baselineParams struct {
	Department, Login, UserID, AppID, EventType string
	Groups                                      []string
	// DecodePages is how many pages of users question 9 reads.
	DecodePages int
}

// buildSuite picks the suite's inputs from the generated org and computes
// the minimum number of requests the API allows for each question.
func buildSuite(o *seed.Org) ([]task, baselineParams) {
	depts := map[string]int{}
	active := map[string]int{}
	deprov := 0
	for _, u := range o.Users {
		depts[u.Profile.Department]++
		if u.Status == "ACTIVE" {
			active[u.Profile.Department]++
		}
		if u.Status == "DEPROVISIONED" {
			deprov++
		}
	}
	dept := "Sales"
	type gs struct {
		id string
		n  int
	}
	var groups []gs
	for id, members := range o.Memberships {
		groups = append(groups, gs{id, len(members)})
	}
	sort.Slice(groups, func(i, j int) bool {
		return groups[i].n > groups[j].n || groups[i].n == groups[j].n && groups[i].id < groups[j].id
	})
	var top []string
	memberPages, memberChain := 0, 0
	for _, g := range groups[:3] {
		top = append(top, g.id)
		memberPages += pages(g.n, 1000)
		memberChain = max(memberChain, pages(g.n, 1000))
	}
	var user *seed.User
	for _, u := range o.Users {
		// A plain login (the seed's awkward ones test encodings, not speed).
		if u.Status == "ACTIVE" && u.Profile.Login == u.Profile.Email {
			user = u
			break
		}
	}
	var app *seed.App
	for _, a := range o.Apps {
		if app == nil || len(o.AppUsers[a.ID]) > len(o.AppUsers[app.ID]) {
			app = a
		}
	}
	since := now.Add(-24 * time.Hour)
	events := 0
	for _, e := range o.Events {
		if e.EventType == "user.session.start" && !e.Published.Time().Before(since) {
			events++
		}
	}
	logDays := now.Add(-time.Duration(seed.DefaultEventDays+1) * 24 * time.Hour)
	p := baselineParams{Department: dept, Login: user.Profile.Login, UserID: user.ID, AppID: app.ID, EventType: "user.session.start", Groups: top,
		DecodePages: pages(len(o.Users)-deprov, 200)}
	quoted := "'" + strings.Join(top, "','") + "'"
	// The plain list of users leaves DEPROVISIONED users out; a second,
	// independent list of them runs beside it.
	scan, scanChain := pages(len(o.Users)-deprov, 200)+pages(deprov, 200), max(pages(len(o.Users)-deprov, 200), pages(deprov, 200))
	deptPages := pages(active[dept], 200)
	appPages := pages(len(o.AppUsers[app.ID]), 500)
	return []task{
		{"1", "active users of one department", fmt.Sprintf("SELECT profile_first_name, profile_last_name, profile_email FROM users WHERE status = 'ACTIVE' AND profile_department = '%s'", dept), deptPages, deptPages, "dept_active"},
		{"2", "users by status (full scan)", "SELECT status, count(*) FROM users GROUP BY status", scan, scanChain, "count_by_status"},
		{"3", "members of the 3 largest groups", "SELECT group_id, profile_login FROM group_members WHERE group_id IN (" + quoted + ")", memberPages, memberChain, "top_groups_members"},
		// The factors of the last page's users wait for that page.
		{"4", "department's active users with no MFA factor", fmt.Sprintf("SELECT u.profile_login FROM users u WHERE u.status = 'ACTIVE' AND u.profile_department = '%s' AND NOT EXISTS (SELECT 1 FROM user_factors f WHERE f.user_id = u.id)", dept), deptPages + active[dept], deptPages + 1, "dept_no_mfa"},
		{"5a", "apps assigned to one user", fmt.Sprintf("SELECT app_name, label FROM user_app_links WHERE user_id = '%s'", user.ID), 1, 1, "user_apps"},
		{"5b", "users assigned to one app", fmt.Sprintf("SELECT id FROM app_users WHERE app_id = '%s'", app.ID), appPages, appPages, "app_users"},
		{"6", "one event type in the last 24 hours", fmt.Sprintf("SELECT uuid, published FROM system_log WHERE event_type = 'user.session.start' AND published >= '%s'", since.Format("2006-01-02 15:04:05")), pages(events, 1000), pages(events, 1000), "log_events"},
		{"7", "first 10 users", "SELECT id, profile_login, status FROM users LIMIT 10", 1, 1, "users_limit10"},
		{"8", "user by login", fmt.Sprintf("SELECT * FROM users WHERE profile_login = '%s'", user.Profile.Login), 1, 1, "login_lookup"},
		{"9", "every user streamed (full scan)", "SELECT id, profile_login, status FROM users", scan, scanChain, "decode"},
		{"10", "every System Log event streamed", fmt.Sprintf("SELECT uuid, published, event_type FROM system_log WHERE published >= '%s'", logDays.Format("2006-01-02 15:04:05")), pages(len(o.Events), 1000), pages(len(o.Events), 1000), ""},
	}, p
}

// sdkResult is what the SDK baseline reports for a task.
type sdkResult struct {
	Task     string  `json:"task"`
	Seconds  float64 `json:"seconds"`
	Requests int     `json:"requests"`
	// TooMany counts the 429 answers the SDK got.
	TooMany int `json:"tooMany"`
}

// runBaseline runs the SDK program of bench/sdk and returns its results by
// task: the suite's tasks given, and "decode" (question 9: reading
// p.DecodePages pages of users) when it is among them.
func runBaseline(orgURL string, p baselineParams, tasks []string) (map[string]sdkResult, error) {
	dir := filepath.Join("bench", "sdk")
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("the SDK baseline lives in %s; run the bench from the repository root", dir)
	}
	res := map[string]sdkResult{}
	var modes [][]string
	if i := slices.Index(tasks, "decode"); i >= 0 {
		tasks = slices.Delete(tasks, i, i+1)
		modes = append(modes, []string{"--decode-pages", strconv.Itoa(p.DecodePages)})
	}
	if len(tasks) > 0 {
		modes = append(modes, []string{"--task", strings.Join(tasks, ",")})
	}
	for _, extra := range modes {
		args := append([]string{"run", ".", "--org-url", orgURL, "--token", token, "--runs", strconv.Itoa(runs),
			"--department", p.Department, "--user-login", p.Login, "--user-id", p.UserID, "--app-id", p.AppID,
			"--event-type", p.EventType, "--groups", strings.Join(p.Groups, ","), "--now", now.Format(time.RFC3339)}, extra...)
		if sdkDefaultPages {
			args = append(args, "--default-page-sizes")
		}
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("SDK baseline: %w", err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			var r sdkResult
			if json.Unmarshal([]byte(line), &r) == nil && r.Task != "" {
				res[r.Task] = r
			}
		}
	}
	return res, nil
}
