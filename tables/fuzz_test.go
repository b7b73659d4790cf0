package tables_test

import (
	"bufio"
	"context"
	gosql "database/sql"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/oktasql/oktasql/internal/refdocs/exampleorg"
	"github.com/oktasql/oktasql/schema"
)

var (
	fuzzSeed     = flag.Int64("fuzz.seed", 1, "differential fuzzer seed (0: random)")
	fuzzQueries  = flag.Int("fuzz.queries", 400, "differential fuzzer: queries to run without -fuzz.duration")
	fuzzDuration = flag.Duration("fuzz.duration", 0, "differential fuzzer: run this long")
	fuzzUsers    = flag.Int("fuzz.users", 300, "differential fuzzer: users in the emulated org")
	fuzzOnly     = flag.Int("fuzz.query", -1, "differential fuzzer: run only this query number")
	fuzzSave     = flag.Bool("fuzz.save", false, "differential fuzzer: write new mismatches to testdata/fuzz")
	fuzzVerbose  = flag.Bool("fuzz.v", false, "differential fuzzer: log every query")
)

// fuzzSuiteCap bounds the fixed-budget run's wall time on a slow machine
// (it stops early, it never fails for time).
const fuzzSuiteCap = 40 * time.Second

// fuzzCaseDir holds the regression cases (relative to the tables package).
const fuzzCaseDir = "../testdata/fuzz"

// fzNull is how a NULL cell is written.
const fzNull = "NULL"

// fzTimeLayout formats datetime cells (and parses sampled ones).
const fzTimeLayout = "2006-01-02 15:04:05.999999"

// fzSlow is the time above which a query is logged as slow.
const fzSlow = 2 * time.Second

// fzQueryTimeout bounds one query without pushdown: a reference answer
// that takes longer (a fan-out read once per outer row) makes the query
// inconclusive.
var fzQueryTimeout = 10 * time.Second

// fzPushTimeout bounds the same query with pushdown: when the reference
// answered and pushdown did not within it, that is a mismatch of its own
// class ("timeout"), reported without minimizing (each check would take
// the whole timeout).
var fzPushTimeout = 10 * time.Second

// fzMinimizeChecks bounds the queries run to minimize one mismatch.
var fzMinimizeChecks = 80

// TestFuzzPushdown is a seeded differential fuzzer of the promise that an
// answer with pushdown equals the answer without it. It samples real values
// from the reference server (pushdown off), generates random queries over
// every catalog table with pushable columns (keyed tables get sampled key
// values, or are joined to their parents), runs each with pushdown on and
// off, and compares the answers as multisets (in order where the ORDER BY
// orders fully; only the sort keys where a LIMIT cuts through ties). An
// error on one side only, or errors of different kinds, is a mismatch too.
// A mismatch is minimized (conjuncts, terms and clauses dropped while it
// still mismatches) and printed with the seed, the query number and the
// requests made.
//
// In `go test ./...` it runs a fixed seed and a small budget against a
// 300-user org. Flags make longer runs:
//
//	go test ./tables -run TestFuzzPushdown -count=1 -v -timeout 0 -fuzz.duration=30m -fuzz.seed=0 -fuzz.users=5000
//
//	-fuzz.seed=N       the seed (default 1; 0 picks a random seed and prints it)
//	-fuzz.queries=N    queries to run when no duration is given (default 400)
//	-fuzz.duration=D   run for D instead, however many queries that is
//	-fuzz.users=N      users in the emulated org (default 300)
//	-fuzz.query=N      run only query number N of the seed (reproduce one)
//	-fuzz.save         write each new minimized mismatch to testdata/fuzz/
//	-fuzz.v            log every query
//
// With -fuzz.duration a query may take a minute without pushdown (longer
// makes it inconclusive) and 30 s with pushdown (longer is a mismatch of
// class "timeout", reported unminimized); the fixed-budget run allows 10 s
// each. A run prints the tables it fuzzed and skipped (with the reasons),
// queries per second, queries per table, and each distinct minimized
// mismatch.
//
// Every mismatch found is kept as a case under testdata/fuzz/*.sql, which
// TestFuzzRegressions replays. Cases listed in testdata/fuzz/known-open.txt
// are known open bugs: the fixed-seed run and the replay log them instead
// of failing, and fail when one passes so the list is emptied as fixes land.
// Nothing else silences a mismatch.
func TestFuzzPushdown(t *testing.T) {
	seed := *fuzzSeed
	if seed == 0 {
		seed = time.Now().UnixNano()
	}
	t.Logf("fuzz seed %d (rerun with -fuzz.seed=%d -fuzz.users=%d)", seed, seed, *fuzzUsers)
	h := newHarness(t, *fuzzUsers)
	ctx := context.Background()
	start := time.Now()
	m := buildFuzzModel(ctx, h.ref, schema.Default())
	t.Logf("model: %d tables fuzzed, %d skipped, built in %v", len(m.tables), len(m.skipped), time.Since(start).Round(time.Millisecond))
	logModel(t, m)
	if len(m.tables) == 0 {
		t.Fatal("no table to fuzz")
	}
	known := loadKnownOpen(t)

	deadline := time.Now().Add(fuzzSuiteCap)
	budget := *fuzzQueries
	if *fuzzDuration > 0 {
		deadline, budget = time.Now().Add(*fuzzDuration), -1
		fzQueryTimeout, fzPushTimeout, fzMinimizeChecks = time.Minute, 30*time.Second, 400
	}
	f := &fuzzer{h: h, seed: seed, users: *fuzzUsers, found: map[string]*fzMismatch{}}
	start = time.Now()
	n := 0
	first := 0
	if *fuzzOnly >= 0 {
		first, budget = *fuzzOnly, *fuzzOnly+1
	}
	for i := first; budget < 0 || i < budget; i++ {
		if time.Now().After(deadline) {
			if *fuzzDuration == 0 {
				t.Logf("stopped after %d of %d queries: the %v cap", i, budget, fuzzSuiteCap)
			}
			break
		}
		g := &fzGen{r: rand.New(rand.NewPCG(uint64(seed), uint64(i))), m: m}
		q := g.query()
		n++
		f.run(t, i, q)
	}
	elapsed := time.Since(start)
	t.Logf("%d queries in %v: %.1f queries/s (each run twice); %d errored on both sides alike; %d inconclusive (reference too slow); %d mismatches, %d distinct after minimizing",
		n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), f.bothErr, f.slow, f.mismatches, len(f.found))
	logCoverage(t, f.hits, f.spent)
	if len(f.bothErrs) > 0 {
		var errs []string
		for e, n := range f.bothErrs {
			errs = append(errs, fmt.Sprintf("%dx %s", n, e))
		}
		sort.Strings(errs)
		t.Logf("errors on both sides (the same error number; not mismatches):\n  %s", strings.Join(errs, "\n  "))
	}
	keys := make([]string, 0, len(f.found))
	for k := range f.found {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		mm := f.found[k]
		report := mm.report(seed)
		if name, ok := known[mm.q.sql()]; ok {
			t.Logf("known open (%s in known-open.txt):\n%s", name, report)
			continue
		}
		if *fuzzSave {
			path, err := mm.save(seed)
			if err != nil {
				t.Errorf("saving the case: %v", err)
			}
			report += "\nsaved as " + path
		}
		t.Errorf("pushdown changed the answer:\n%s", report)
	}
}

// fuzzer runs generated queries against a harness and keeps the
// minimized mismatches.
type fuzzer struct {
	h          *harness
	seed       int64
	users      int
	found      map[string]*fzMismatch // by minimized SQL
	mismatches int
	bothErr    int
	bothErrs   map[string]int // error text -> count
	slow       int
	spent      map[string]time.Duration // running time per first table
	hits       map[string]int           // queries per table
}

// fzMismatch is one minimized mismatch.
type fzMismatch struct {
	index    int    // the query number
	original string // the query as generated
	q        *fzQuery
	cmp      comparison
	diff     string
	requests []string // with pushdown
	refReqs  []string // without pushdown
	users    int
	learned  []string // the tables whose sizes the orgs knew
	count    int      // how many generated queries minimized to it
	// unminimized: a timeout, kept as generated (requests not replayed).
	unminimized bool
}

func (f *fuzzer) run(t *testing.T, i int, q *fzQuery) {
	if f.hits == nil {
		f.hits = map[string]int{}
	}
	f.hits[q.table]++
	for _, j := range q.joins {
		if j.table != q.table {
			f.hits[j.table]++
		}
	}
	sqlText := q.sql()
	f.h.learned = f.learned(i, sqlText)
	if *fuzzVerbose {
		t.Logf("#%d %s (sizes known: %s)", i, sqlText, strings.Join(f.h.learned, ", "))
	}
	began := time.Now()
	res := diffAnswers(f.h, sqlText, q.comparison())
	d := time.Since(began)
	if d > fzSlow {
		t.Logf("#%d took %v: %s", i, d.Round(time.Millisecond), sqlText)
	}
	if f.spent == nil {
		f.spent = map[string]time.Duration{}
	}
	f.spent[q.table] += d
	if res.slow {
		f.slow++
		t.Logf("#%d inconclusive: the reference took over %v: %s", i, fzQueryTimeout, sqlText)
	}
	if res.bothErr {
		f.bothErr++
		if f.bothErrs == nil {
			f.bothErrs = map[string]int{}
		}
		f.bothErrs[shorten(res.refErr.Error(), 100)]++
		if *fuzzVerbose {
			t.Logf("#%d both sides fail: %v", i, res.refErr)
		}
	}
	if res.class == "" {
		return
	}
	f.mismatches++
	if res.class == "timeout" {
		// Not minimized: each check would wait out the timeout. One
		// report per table.
		key := "timeout: " + q.table
		if mm := f.found[key]; mm != nil {
			mm.count++
			return
		}
		mm := &fzMismatch{index: i, original: sqlText, q: q, cmp: q.comparison(), diff: res.detail, users: f.users, learned: f.h.learned, count: 1, unminimized: true}
		f.found[key] = mm
		return
	}
	spent := d
	began = time.Now()
	min := minimize(f.h, q, res.class, spent)
	if d := time.Since(began); d > fzSlow {
		t.Logf("#%d took %v to minimize: %s", i, d.Round(time.Millisecond), sqlText)
	}
	key := min.sql()
	if mm := f.found[key]; mm != nil {
		mm.count++
		return
	}
	final := diffAnswers(f.h, key, min.comparison())
	mm := &fzMismatch{index: i, original: sqlText, q: min, cmp: min.comparison(), diff: final.detail, users: f.users, learned: f.h.learned, count: 1}
	mm.requests, mm.refReqs = requestsOf(f.h, key)
	f.found[key] = mm
}

// learned picks, for query i, the tables of its text whose sizes the orgs
// know when it runs: each table without keys (whose size a whole read
// teaches, see harness.fixSizes) with even odds, from a stream of its own
// so that the queries of a seed stay the same. The plans the fuzzer tries
// thus include those of an org that has read its tables, and query i
// replays alone with the plan it had.
func (f *fuzzer) learned(i int, sqlText string) []string {
	r := rand.New(rand.NewPCG(uint64(f.seed)^0x5e12e5, uint64(i)))
	var out []string
	seen := map[string]bool{}
	for _, m := range backquoted.FindAllStringSubmatch(sqlText, -1) {
		def := schema.Default().Table(m[1])
		if seen[m[1]] || def == nil || len(def.Keys) > 0 {
			continue
		}
		seen[m[1]] = true
		if r.IntN(2) == 0 {
			out = append(out, m[1])
		}
	}
	return out
}

// backquoted matches a quoted name in a generated query.
var backquoted = regexp.MustCompile("`([a-z0-9_]+)`")

// fzResult is the outcome of running one query both ways.
type fzResult struct {
	class   string // "" when the answers agree; else "rows", "error", "errors", "timeout", "panic"
	detail  string
	bothErr bool
	refErr  error
	// slow: the reference took too long to answer; nothing is known.
	slow bool
}

// diffAnswers runs q with pushdown off, then on, and compares the answers.
func diffAnswers(h *harness, q string, cmp comparison) fzResult {
	return diffAnswersWithin(h, q, cmp, fzQueryTimeout, fzPushTimeout)
}

// diffAnswersWithin is diffAnswers with the reference's and pushdown's
// timeouts.
func diffAnswersWithin(h *harness, q string, cmp comparison, refTimeout, pushTimeout time.Duration) fzResult {
	h.fixSizes()
	want, refErr := fuzzRowsWithin(refTimeout, h.ref, q)
	if errors.Is(refErr, context.DeadlineExceeded) {
		return fzResult{slow: true}
	}
	// The goroutines' stacks shortly before the timeout show where a
	// query that does not answer waits.
	stacks := make(chan []byte, 1)
	dump := time.AfterFunc(pushTimeout*9/10, func() {
		buf := make([]byte, 16<<20)
		stacks <- buf[:runtime.Stack(buf, true)]
	})
	got, err := fuzzRowsWithin(pushTimeout, h.db, q)
	dump.Stop()
	switch {
	case isPanic(err) || isPanic(refErr):
		// A panic is a defect on either side, even when both fail alike.
		return fzResult{class: "panic", detail: fmt.Sprintf("with pushdown: %v\nwithout pushdown: %v", err, refErr)}
	case errors.Is(err, context.DeadlineExceeded) && !errors.Is(refErr, context.DeadlineExceeded):
		detail := fmt.Sprintf("with pushdown: no answer within %v\nwithout pushdown: %d rows, error %v", pushTimeout, len(want), refErr)
		if f, ferr := os.CreateTemp("", "oktasql-fuzz-timeout-*.txt"); ferr == nil {
			f.Write(<-stacks)
			f.Close()
			detail += "\ngoroutines at " + (pushTimeout * 9 / 10).String() + ": " + f.Name()
		}
		return fzResult{class: "timeout", detail: detail}
	case refErr != nil && err != nil:
		if errKind(refErr) == errKind(err) {
			return fzResult{bothErr: true, refErr: refErr}
		}
		return fzResult{class: "errors", detail: fmt.Sprintf("with pushdown: %v\nwithout pushdown: %v", err, refErr)}
	case err != nil:
		return fzResult{class: "error", detail: fmt.Sprintf("with pushdown: %v\nwithout pushdown: %d rows", err, len(want))}
	case refErr != nil:
		return fzResult{class: "error", detail: fmt.Sprintf("with pushdown: %d rows\nwithout pushdown: %v", len(got), refErr)}
	}
	if d := compareRows(cmp, got, want); d != "" {
		return fzResult{class: "rows", detail: d}
	}
	return fzResult{}
}

// isPanic reports whether err is the server's report of a panic in a
// statement.
func isPanic(err error) bool {
	return err != nil && strings.Contains(err.Error(), "internal error in the statement")
}

// errKind is what two errors must share to count as the same failure:
// the MySQL error number, or the context's error.
func errKind(err error) string {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		return strconv.Itoa(int(me.Number))
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "timeout"
	}
	return "other"
}

// compareRows says how got (with pushdown) differs from want, or "".
func compareRows(cmp comparison, got, want [][]string) string {
	join := func(rows [][]string) []string {
		out := make([]string, len(rows))
		for i, r := range rows {
			out[i] = strings.Join(r, "|")
		}
		return out
	}
	g, w := join(got), join(want)
	if cmp.ordered {
		if !slices.Equal(g, w) {
			return fmt.Sprintf("rows differ in content or order (%d with pushdown, %d without)\n%s", len(g), len(w), orderDiff(g, w))
		}
		return ""
	}
	if len(cmp.keys) > 0 {
		proj := func(rows [][]string) []string {
			out := make([]string, len(rows))
			for i, r := range rows {
				var ks []string
				for _, k := range cmp.keys {
					ks = append(ks, r[k])
				}
				out[i] = strings.Join(ks, "|")
			}
			return out
		}
		if pg, pw := proj(got), proj(want); !slices.Equal(pg, pw) {
			return fmt.Sprintf("sort keys (columns %v) differ in content or order (%d rows with pushdown, %d without)\n%s", cmp.keys, len(pg), len(pw), orderDiff(pg, pw))
		}
	}
	if cmp.multiset {
		sg, sw := slices.Clone(g), slices.Clone(w)
		sort.Strings(sg)
		sort.Strings(sw)
		if !slices.Equal(sg, sw) {
			onlyG, onlyW := multisetDiff(sg, sw)
			return fmt.Sprintf("rows differ (%d with pushdown, %d without)\nonly with pushdown: %s\nonly without pushdown: %s", len(g), len(w), sample(onlyG), sample(onlyW))
		}
	}
	return ""
}

// orderDiff shows the first position where two sequences differ.
func orderDiff(g, w []string) string {
	for i := 0; i < max(len(g), len(w)); i++ {
		var a, b string = "(none)", "(none)"
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("first difference at row %d: %q with pushdown, %q without", i+1, a, b)
		}
	}
	return ""
}

// multisetDiff returns the rows of sorted a missing from sorted b and the
// other way round.
func multisetDiff(a, b []string) (onlyA, onlyB []string) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			onlyA = append(onlyA, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			onlyB = append(onlyB, b[j])
			j++
		default:
			i++
			j++
		}
	}
	return onlyA, onlyB
}

func sample(rows []string) string {
	if len(rows) == 0 {
		return "(none)"
	}
	const n = 5
	out := fmt.Sprintf("%q", rows[:min(n, len(rows))])
	if len(rows) > n {
		out += fmt.Sprintf(" and %d more", len(rows)-n)
	}
	return out
}

// fuzzRows runs q on db and returns its cells as text: NULL as fzNull,
// datetimes in fzTimeLayout.
func fuzzRows(ctx context.Context, db *gosql.DB, q string) ([][]string, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, fzQueryTimeout)
		defer cancel()
	}
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		cells := make([]string, len(cols))
		for i, v := range vals {
			switch v := v.(type) {
			case nil:
				cells[i] = fzNull
			case []byte:
				cells[i] = string(v)
			case time.Time:
				cells[i] = v.UTC().Format(fzTimeLayout)
			default:
				cells[i] = fmt.Sprint(v)
			}
		}
		out = append(out, cells)
	}
	return out, rows.Err()
}

// fuzzRowsWithin is fuzzRows bounded by d.
func fuzzRowsWithin(d time.Duration, db *gosql.DB, q string) ([][]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return fuzzRows(ctx, db, q)
}

// requestsOf runs q with pushdown, then without, and returns the requests
// each made, as "GET /path?k=v -> status" lines.
func requestsOf(h *harness, q string) (with, without []string) {
	return requestsWith(h, h.db, q), requestsWith(h, h.ref, q)
}

// requestsWith runs q on db and returns the requests it made.
func requestsWith(h *harness, db *gosql.DB, q string) []string {
	capture := func(db *gosql.DB) []string {
		h.fixSizes()
		h.emu.Org.ResetRequests()
		fuzzRows(context.Background(), db, q)
		var out []string
		for _, r := range h.emu.Org.Requests() {
			out = append(out, fmt.Sprintf("%s -> %d", exampleorg.RequestLine(r.Method, r.Path, r.Query), r.Status))
		}
		h.emu.Org.ResetRequests()
		return out
	}
	return capture(db)
}

// minimize shrinks q while it still mismatches in the same way: dropping
// WHERE terms, IN terms, ON conditions, joins, select items, ORDER BY
// terms, LIMIT and OFFSET, hints and wrappers.
//
// It is bounded by a number of checks, not by time, so that a seed gives
// the same minimized queries on any machine.
//
// Each check may take 4 times as long as the original query (at least
// 1 s): a smaller query that reads much more is not worth waiting for.
func minimize(h *harness, q *fzQuery, class string, took time.Duration) *fzQuery {
	limit := max(time.Second, 4*took)
	checks := 0
	for progress := true; progress && checks < fzMinimizeChecks; {
		progress = false
		for _, c := range shrinkQuery(q) {
			if checks >= fzMinimizeChecks {
				return q
			}
			checks++
			if res := diffAnswersWithin(h, c.sql(), c.comparison(), min(limit, fzQueryTimeout), min(limit, fzPushTimeout)); res.class == class {
				q, progress = c, true
				break
			}
		}
	}
	return q
}

// shrinkQuery lists the queries one step smaller than q, biggest cuts first.
func shrinkQuery(q *fzQuery) []*fzQuery {
	var out []*fzQuery
	with := func(f func(c *fzQuery)) {
		c := q.clone()
		f(c)
		out = append(out, c)
	}
	if q.wrap != "" {
		with(func(c *fzQuery) { c.wrap = "" })
	}
	if q.hint != "" {
		with(func(c *fzQuery) { c.hint = "" })
	}
	if q.where != nil {
		with(func(c *fzQuery) { c.where = nil })
		for _, e := range shrinkExpr(q.where) {
			with(func(c *fzQuery) { c.where = e })
		}
	}
	for i := len(q.joins) - 1; i >= 0; i-- {
		with(func(c *fzQuery) {
			c.joins = slices.Delete(c.joins, i, i+1)
			delete(c.unique, q.joins[i].alias)
		})
		for k := range q.joins[i].on {
			if k < q.joins[i].keys {
				continue
			}
			with(func(c *fzQuery) { c.joins[i].on = slices.Delete(c.joins[i].on, k, k+1) })
			for _, e := range shrinkExpr(q.joins[i].on[k]) {
				with(func(c *fzQuery) { c.joins[i].on[k] = e })
			}
		}
		if q.joins[i].kind != "JOIN" {
			with(func(c *fzQuery) { c.joins[i].kind = "JOIN" })
		}
	}
	if q.limit >= 0 {
		with(func(c *fzQuery) { c.limit, c.offset = -1, -1 })
	}
	if q.offset >= 0 {
		with(func(c *fzQuery) { c.offset = -1 })
	}
	for i := range q.orderBy {
		with(func(c *fzQuery) { c.orderBy = slices.Delete(c.orderBy, i, i+1) })
	}
	for i, s := range q.sel {
		if strings.HasPrefix(s, "(SELECT ") {
			with(func(c *fzQuery) { c.sel[i] = "1" })
		}
		if len(q.sel) == 1 || slices.ContainsFunc(q.orderBy, func(o fzOrder) bool { return o.expr == s }) {
			continue
		}
		with(func(c *fzQuery) { c.sel = slices.Delete(c.sel, i, i+1) })
	}
	return out
}

// shrinkExpr lists the expressions one step smaller than e.
func shrinkExpr(e fzExpr) []fzExpr {
	var out []fzExpr
	rebuild := func(xs []fzExpr, like fzExpr) fzExpr {
		if len(xs) == 1 {
			return xs[0]
		}
		if _, ok := like.(fzOr); ok {
			return fzOr{xs}
		}
		return fzAnd{xs}
	}
	switch e := e.(type) {
	case fzAnd, fzOr:
		var xs []fzExpr
		if a, ok := e.(fzAnd); ok {
			xs = a.xs
		} else {
			xs = e.(fzOr).xs
		}
		for i := range xs {
			out = append(out, rebuild(slices.Delete(slices.Clone(xs), i, i+1), e))
		}
		for i := range xs {
			for _, s := range shrinkExpr(xs[i]) {
				ys := slices.Clone(xs)
				ys[i] = s
				out = append(out, rebuild(ys, e))
			}
		}
	case fzNot:
		out = append(out, e.x)
		for _, s := range shrinkExpr(e.x) {
			out = append(out, fzNot{s})
		}
	case fzLeaf:
		// COLLATE and ESCAPE clauses, and NOT before LIKE, can go
		for _, c := range fzLeafCuts {
			if loc := c.re.FindStringIndex(e.s); loc != nil {
				out = append(out, fzLeaf{e.s[:loc[0]] + c.repl + e.s[loc[1]:]})
			}
		}
	case fzList:
		for i := range e.terms {
			if len(e.terms) > 1 {
				out = append(out, fzList{left: e.left, not: e.not, terms: slices.Delete(slices.Clone(e.terms), i, i+1)})
			}
		}
	}
	return out
}

// fzLeafCuts are the parts of a predicate's text the minimizer tries
// to drop.
var fzLeafCuts = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(` COLLATE \w+`), ""},
	{regexp.MustCompile(` ESCAPE '.'$`), ""},
	{regexp.MustCompile(` NOT LIKE `), " LIKE "},
}

// report is the mismatch as printed: the minimized query, how to rerun
// it, the difference and the requests.
func (mm *fzMismatch) report(seed int64) string {
	var b strings.Builder
	if mm.unminimized {
		fmt.Fprintf(&b, "  query (a timeout: not minimized, requests not replayed): %s\n", mm.q.sql())
	} else {
		fmt.Fprintf(&b, "  minimized: %s\n", mm.q.sql())
	}
	fmt.Fprintf(&b, "  compare:   %s\n", mm.cmp)
	fmt.Fprintf(&b, "  learned:   %s (the tables whose sizes the orgs knew)\n", strings.Join(mm.learned, ", "))
	fmt.Fprintf(&b, "  found by:  seed %d, query #%d (-fuzz.seed=%d -fuzz.users=%d -fuzz.query=%d); %d generated queries minimized to it\n", seed, mm.index, seed, mm.users, mm.index, mm.count)
	fmt.Fprintf(&b, "  original:  %s\n", mm.original)
	for _, l := range strings.Split(mm.diff, "\n") {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	fmt.Fprintf(&b, "  requests with pushdown (%d):\n", len(mm.requests))
	for i, r := range mm.requests {
		if i == 12 {
			fmt.Fprintf(&b, "    ... %d more\n", len(mm.requests)-i)
			break
		}
		fmt.Fprintf(&b, "    %s\n", r)
	}
	fmt.Fprintf(&b, "  requests without pushdown: %d", len(mm.refReqs))
	return b.String()
}

// String is the comparison as a case file directive.
func (c comparison) String() string {
	switch {
	case c.ordered:
		return "ordered"
	case len(c.keys) > 0:
		ks := make([]string, len(c.keys))
		for i, k := range c.keys {
			ks[i] = strconv.Itoa(k + 1)
		}
		out := "keys " + strings.Join(ks, ",")
		if c.multiset {
			out += " multiset"
		}
		return out
	}
	return "multiset"
}

// parseComparison reads a compare directive back.
func parseComparison(s string) (comparison, error) {
	var c comparison
	f := strings.Fields(s)
	for i := 0; i < len(f); i++ {
		switch f[i] {
		case "ordered":
			c.ordered, c.multiset = true, true
		case "multiset":
			c.multiset = true
		case "keys":
			if i+1 == len(f) {
				return c, fmt.Errorf("keys needs column numbers")
			}
			i++
			for _, k := range strings.Split(f[i], ",") {
				n, err := strconv.Atoi(k)
				if err != nil || n < 1 {
					return c, fmt.Errorf("bad column number %q", k)
				}
				c.keys = append(c.keys, n-1)
			}
		default:
			return c, fmt.Errorf("unknown comparison %q", f[i])
		}
	}
	return c, nil
}

// save writes mm as a new case file and returns its path.
func (mm *fzMismatch) save(seed int64) (string, error) {
	hash := fnv.New32a()
	hash.Write([]byte(mm.q.sql()))
	path := filepath.Join(fuzzCaseDir, fmt.Sprintf("%s-%08x.sql", strings.ReplaceAll(mm.q.table, "_", "-"), hash.Sum32()))
	text := fmt.Sprintf("-- found by TestFuzzPushdown on %s: seed %d, query #%d\n-- users: %d\n-- compare: %s\n-- learned: %s\n%s;\n",
		time.Now().UTC().Format("2006-01-02"), seed, mm.index, mm.users, mm.cmp, strings.Join(mm.learned, ", "), mm.q.sql())
	return path, os.WriteFile(path, []byte(text), 0o644)
}

func logModel(t *testing.T, m *fzModel) {
	var b strings.Builder
	for _, ft := range m.tables {
		var push []string
		for _, c := range ft.cols {
			if c.push {
				push = append(push, c.def.Name)
			}
		}
		rel := ""
		if ft.parent != nil {
			rel = " (joins " + ft.parent.def.Name + ")"
		}
		fmt.Fprintf(&b, "  %s: %d rows sampled%s, pushable %v\n", ft.def.Name, ft.rows, rel, push)
	}
	names := make([]string, 0, len(m.skipped))
	for n := range m.skipped {
		names = append(names, n)
	}
	sort.Strings(names)
	reasons := map[string]int{}
	for _, n := range names {
		fmt.Fprintf(&b, "  skipped %s: %s\n", n, m.skipped[n])
		reasons[strings.SplitN(m.skipped[n], ":", 2)[0]]++
	}
	var counts []string
	for r, n := range reasons {
		counts = append(counts, fmt.Sprintf("%d: %s", n, r))
	}
	sort.Strings(counts)
	t.Logf("fuzzed tables:\n%sskipped, by reason:\n  %s", b.String(), strings.Join(counts, "\n  "))
}

func logCoverage(t *testing.T, hits map[string]int, spent map[string]time.Duration) {
	names := make([]string, 0, len(hits))
	for n := range hits {
		names = append(names, n)
	}
	sort.Strings(names)
	var parts []string
	for _, n := range names {
		parts = append(parts, fmt.Sprintf("%s:%d", n, hits[n]))
	}
	t.Logf("queries per table: %s", strings.Join(parts, " "))
	sort.Slice(names, func(i, j int) bool { return spent[names[i]] > spent[names[j]] })
	parts = nil
	for _, n := range names[:min(8, len(names))] {
		parts = append(parts, fmt.Sprintf("%s:%v", n, spent[n].Round(time.Millisecond)))
	}
	t.Logf("most time (by first table): %s", strings.Join(parts, " "))
}

// fzCase is one statement of a regression case file.
type fzCase struct {
	file  string
	line  int
	sql   string
	users int
	cmp   comparison
	// timeout bounds the answer with pushdown (fzPushTimeout if 0).
	timeout time.Duration
	// learned names the tables whose sizes the orgs know.
	learned []string
}

// loadFuzzCases reads every testdata/fuzz/*.sql file: statements one per
// line (a trailing ; is dropped), "--" comments, and the directives
// "-- users: N" (the org size, default 300) and "-- compare: ordered |
// multiset | keys 1,2 [multiset]" (default multiset), "-- timeout: 5s"
// (how long the answer with pushdown may take) and "-- learned: apps,
// users" (the tables whose sizes the orgs know, default none; see
// harness.fixSizes), which apply to the statements after them in the file.
func loadFuzzCases(t *testing.T) []fzCase {
	files, err := filepath.Glob(filepath.Join(fuzzCaseDir, "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	var out []fzCase
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		users, cmp, timeout := 300, comparison{multiset: true}, time.Duration(0)
		var learned []string
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimSpace(sc.Text())
			switch {
			case line == "":
			case strings.HasPrefix(line, "-- users:"):
				users, err = strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "-- users:")))
				if err != nil {
					t.Fatalf("%s:%d: %v", path, n, err)
				}
			case strings.HasPrefix(line, "-- compare:"):
				cmp, err = parseComparison(strings.TrimPrefix(line, "-- compare:"))
				if err != nil {
					t.Fatalf("%s:%d: %v", path, n, err)
				}
			case strings.HasPrefix(line, "-- timeout:"):
				timeout, err = time.ParseDuration(strings.TrimSpace(strings.TrimPrefix(line, "-- timeout:")))
				if err != nil {
					t.Fatalf("%s:%d: %v", path, n, err)
				}
			case strings.HasPrefix(line, "-- learned:"):
				learned = nil
				for _, name := range strings.Split(strings.TrimPrefix(line, "-- learned:"), ",") {
					if name = strings.TrimSpace(name); name != "" {
						learned = append(learned, name)
					}
				}
			case strings.HasPrefix(line, "--"):
			default:
				out = append(out, fzCase{file: filepath.Base(path), line: n, sql: strings.TrimSuffix(line, ";"), users: users, cmp: cmp, timeout: timeout, learned: learned})
			}
		}
	}
	return out
}

// loadKnownOpen reads testdata/fuzz/known-open.txt: one case file name a
// line, then the reason; # starts a comment. It returns, for each
// statement of those files, the file's name.
func loadKnownOpen(t *testing.T) map[string]string {
	files := knownOpenFiles(t)
	out := map[string]string{}
	for _, c := range loadFuzzCases(t) {
		if _, ok := files[c.file]; ok {
			out[c.sql] = c.file
		}
	}
	return out
}

// knownOpenFiles maps each case file named in known-open.txt to its reason.
func knownOpenFiles(t *testing.T) map[string]string {
	data, err := os.ReadFile(filepath.Join(fuzzCaseDir, "known-open.txt"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, _ := strings.Cut(line, " ")
		if _, err := os.Stat(filepath.Join(fuzzCaseDir, name)); err != nil {
			t.Errorf("known-open.txt names %s: %v", name, err)
		}
		out[name] = strings.TrimSpace(reason)
	}
	return out
}

// TestFuzzRegressions replays every case under testdata/fuzz with pushdown
// on and off. A case named in known-open.txt is logged while it still
// mismatches and fails once it passes (take it off the list).
func TestFuzzRegressions(t *testing.T) {
	cases := loadFuzzCases(t)
	known := knownOpenFiles(t)
	harnesses := map[int]*harness{}
	for _, c := range cases {
		if harnesses[c.users] == nil {
			harnesses[c.users] = newHarness(t, c.users)
		}
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s:%d", c.file, c.line), func(t *testing.T) {
			h := harnesses[c.users]
			h.learned = c.learned
			timeout := fzPushTimeout
			if c.timeout > 0 {
				timeout = c.timeout
			}
			res := diffAnswersWithin(h, c.sql, c.cmp, fzQueryTimeout, timeout)
			if res.slow {
				t.Fatalf("without pushdown the answer took over %v: the case cannot be checked", fzQueryTimeout)
			}
			reason, open := known[c.file]
			switch {
			case res.class != "" && open:
				var reqs string
				if res.class != "timeout" {
					with := requestsWith(h, h.db, c.sql)
					reqs = "\nrequests with pushdown:\n  " + strings.Join(with[:min(8, len(with))], "\n  ")
				}
				t.Logf("known open (%s): %s\n%s%s", reason, c.sql, res.detail, reqs)
			case res.class == "timeout":
				t.Errorf("pushdown changed the answer of %s\n%s", c.sql, res.detail)
			case res.class != "":
				with := requestsWith(h, h.db, c.sql)
				t.Errorf("pushdown changed the answer of %s\n%s\nrequests with pushdown: %s", c.sql, res.detail, strings.Join(with, "\n  "))
			case open:
				t.Errorf("%s passes now: take it off testdata/fuzz/known-open.txt", c.file)
			}
		})
	}
}
