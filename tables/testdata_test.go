package tables_test

import (
	"context"
	gosql "database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/oktasql/oktasql/server"
	"github.com/oktasql/oktasql/tables"
)

// The scripts of ../testdata/scripts: the end-to-end behaviour of oktasql
// as SQL, expected rows and expected Okta requests, in plain files that
// someone who knows SQL but not Go can extend. testdata/README.md
// describes the format; parseScript reads it and TestTestdata runs it.

var (
	update = flag.Bool("update", false, "rewrite the rows and requests of the testdata scripts' cases that say update:")
	// runSkipped runs the cases marked skip: too, to see which pass now.
	runSkipped = flag.Bool("skipped", false, "run the testdata scripts' cases marked skip: as well")
)

// scriptDir holds the script files, relative to the package directory.
const scriptDir = "../testdata/scripts"

// scriptFile is one parsed script: its lines, kept for -update, and its
// blocks in order.
type scriptFile struct {
	path  string
	lines []string
	// stopOnFailure skips the rest of an org's cases after one fails:
	// they build on each other (on failure: stop).
	stopOnFailure bool
	blocks        []*scriptBlock
}

// scriptOrg is the emulated org a block of cases runs against.
type scriptOrg struct {
	users int
	// specChecked validates every request against Okta's spec.
	specChecked bool
	// readOnly serves the org with writes refused (--read-only).
	readOnly bool
}

// span is a range of a file's lines, [start, end) and 0-based, for
// -update to replace.
type span struct{ start, end int }

// scriptBlock is a paragraph of a script: an org switch, lets run in
// place, or a case (a query and what it must give).
type scriptBlock struct {
	line int // 1-based line of the block's first line
	end  int // 0-based index just past the block's last line
	// org, when set, starts a fresh org and connection here.
	org *scriptOrg
	// name and skip of a case; skip is the reason it does not run.
	name, skip string
	setup      []scriptStmt
	query      scriptStmt
	// lets set variables after the query (or in place, without one).
	lets []scriptLet

	// rows is the exact answer (cells joined by |), when haveRows.
	rows     []string
	haveRows bool
	// count, when >= 0, is the number of rows.
	count int
	// sameAsRef compares the answer with the server without pushdown.
	sameAsRef bool
	// anyOrder compares rows as sets (sorted).
	anyOrder bool
	// errs are substrings of the expected error.
	errs []string
	// requests, when >= 0, is the number of requests (at most, if
	// atMost); wantRequests match the requests in order, or anywhere
	// when requestsAnyOrder.
	requests         int
	atMost           bool
	wantRequests     []string
	requestsAnyOrder bool
	// writes, when >= 0, is the number of non-GET requests, which
	// wantWrites match in order; without a writes: line there are none.
	writes     int
	wantWrites []string
	// updateRows and updateRequests opt in to -update.
	updateRows, updateRequests bool
	// Lines for messages and -update.
	rowsLine, requestsLine, writesLine, errLine int
	rowsSpan, requestsSpan                      span
}

// scriptStmt is a statement and the line it starts on.
type scriptStmt struct {
	sql  string
	line int
}

// scriptLet sets a variable to the first value a query gives.
type scriptLet struct {
	name string
	scriptStmt
}

// parseScript parses a script file's text.
func parseScript(path, text string) (*scriptFile, error) {
	f := &scriptFile{path: path, lines: strings.Split(strings.TrimSuffix(text, "\n"), "\n")}
	var b *scriptBlock
	var notes []string
	// cont receives the indented lines under the current directive.
	var cont func(line string, i int) error
	endBlock := func(i int) error {
		if b == nil {
			return nil
		}
		b.end = i
		if b.query.sql == "" && (len(b.setup) > 0 || b.haveRows || b.count >= 0 || b.sameAsRef || len(b.errs) > 0 || b.requests >= 0 || b.writes >= 0 || b.skip != "") {
			return fmt.Errorf("%s:%d: a case without query:", path, b.line)
		}
		if b.org != nil && (b.query.sql != "" || len(b.lets) > 0) {
			return fmt.Errorf("%s:%d: org: stands in a paragraph of its own", path, b.line)
		}
		if b.query.sql != "" && b.name == "" {
			b.name, _, _ = strings.Cut(b.query.sql, "\n")
		}
		f.blocks = append(f.blocks, b)
		b, notes, cont = nil, nil, nil
		return nil
	}
	for i, line := range f.lines {
		n := i + 1
		switch {
		case strings.TrimSpace(line) == "":
			if err := endBlock(i); err != nil {
				return nil, err
			}
			notes = nil
			continue
		case strings.HasPrefix(line, "#"):
			if b == nil {
				notes = append(notes, strings.TrimSpace(strings.TrimPrefix(line, "#")))
			}
			continue
		case line[0] == ' ' || line[0] == '\t':
			if cont == nil {
				return nil, fmt.Errorf("%s:%d: an indented line belongs under query:, setup:, rows:, requests: or writes:", path, n)
			}
			if err := cont(strings.TrimLeft(line, " \t"), i); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", path, n, err)
			}
			continue
		}
		if b == nil {
			b = &scriptBlock{line: n, count: -1, requests: -1, writes: -1}
			if len(notes) > 0 {
				b.name = notes[0]
			}
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want a directive (query:, rows:, ...), got %q", path, n, line)
		}
		value = strings.TrimSpace(value)
		cont = nil
		var err error
		switch key {
		case "org":
			b.org, err = parseOrg(value)
		case "on failure":
			if value != "stop" {
				err = fmt.Errorf("on failure: says stop")
			}
			f.stopOnFailure = true
		case "skip":
			b.skip = value
		case "setup", "query":
			st := &b.query
			if key == "setup" {
				b.setup = append(b.setup, scriptStmt{})
				st = &b.setup[len(b.setup)-1]
			} else if b.query.sql != "" {
				err = fmt.Errorf("a second query: in one case")
			}
			*st = scriptStmt{sql: value, line: n}
			cont = func(l string, _ int) error {
				st.sql = strings.TrimPrefix(st.sql+"\n"+l, "\n")
				return nil
			}
		case "let":
			name, sql, ok := strings.Cut(value, "=")
			if !ok {
				err = fmt.Errorf("let: wants name = query")
			}
			b.lets = append(b.lets, scriptLet{strings.TrimSpace(name), scriptStmt{strings.TrimSpace(sql), n}})
		case "rows", "rows in any order":
			b.anyOrder = key != "rows"
			b.rowsLine, b.rowsSpan = n, span{i, i + 1}
			switch {
			case value == "same as without pushdown":
				b.sameAsRef = true
			case value == "":
				b.haveRows = true
				cont = func(l string, i int) error {
					b.rows = append(b.rows, l)
					b.rowsSpan.end = i + 1
					return nil
				}
			default:
				if b.count, err = strconv.Atoi(value); err != nil {
					err = fmt.Errorf("%s: wants a count, nothing (the rows follow) or same as without pushdown", key)
				}
			}
		case "error":
			b.errs, b.errLine = append(b.errs, value), n
		case "requests", "requests in any order":
			b.requestsAnyOrder = key != "requests"
			b.requestsLine, b.requestsSpan = n, span{i, i + 1}
			v, atMost := strings.CutPrefix(value, "at most ")
			b.atMost = atMost
			if b.requests, err = strconv.Atoi(v); err != nil {
				err = fmt.Errorf("%s: wants a count or at most a count", key)
			}
			cont = func(l string, i int) error {
				b.wantRequests = append(b.wantRequests, l)
				b.requestsSpan.end = i + 1
				return nil
			}
		case "writes":
			b.writesLine = n
			if b.writes, err = strconv.Atoi(value); err != nil {
				err = fmt.Errorf("writes: wants a count")
			}
			cont = func(l string, _ int) error {
				b.wantWrites = append(b.wantWrites, l)
				return nil
			}
		case "update":
			for _, w := range strings.Split(value, ",") {
				switch strings.TrimSpace(w) {
				case "rows":
					b.updateRows = true
				case "requests":
					b.updateRequests = true
				default:
					err = fmt.Errorf("update: names rows, requests or both")
				}
			}
		default:
			err = fmt.Errorf("unknown directive %q", key)
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
	}
	if err := endBlock(len(f.lines)); err != nil {
		return nil, err
	}
	return f, nil
}

// orgPattern is an org: line's value.
var orgPattern = regexp.MustCompile(`^(\d+) users((?:, (?:spec-checked|read-only))*)$`)

// parseOrg reads "300 users", "80 users, spec-checked", "30 users,
// spec-checked, read-only".
func parseOrg(s string) (*scriptOrg, error) {
	m := orgPattern.FindStringSubmatch(s)
	if m == nil {
		return nil, fmt.Errorf("org: wants N users[, spec-checked][, read-only], got %q", s)
	}
	users, _ := strconv.Atoi(m[1])
	return &scriptOrg{users: users, specChecked: strings.Contains(m[2], "spec-checked"), readOnly: strings.Contains(m[2], "read-only")}, nil
}

// defaultOrg is the org of the cases before any org: line.
var defaultOrg = scriptOrg{users: 300}

// scriptSession is the connection a file's cases run on, one to the
// server without pushdown for comparisons, and the variables set by let:.
type scriptSession struct {
	h        *harness
	db, ref  *gosql.Conn
	vars     map[string]string
	replacer *strings.Replacer
}

// newScriptSession starts org and opens one connection to each server.
func newScriptSession(t *testing.T, org scriptOrg) *scriptSession {
	t.Helper()
	h := startHarness(t, org.users, org.specChecked)
	db := h.db
	if org.readOnly {
		o := h.org("okta", false)
		o.ReadOnly = true
		db = serveOrgs(t, []*tables.Org{o}, server.Options{ReadOnly: true})
	}
	s := &scriptSession{h: h, vars: map[string]string{}, replacer: strings.NewReplacer()}
	for _, c := range []struct {
		pool *gosql.DB
		conn **gosql.Conn
	}{{db, &s.db}, {h.ref, &s.ref}} {
		conn, err := c.pool.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		*c.conn = conn
	}
	return s
}

// set sets a variable: {name} in later statements, rows, errors and
// requests stands for value.
func (s *scriptSession) set(name, value string) {
	s.vars[name] = value
	var pairs []string
	for k, v := range s.vars {
		pairs = append(pairs, "{"+k+"}", v)
	}
	s.replacer = strings.NewReplacer(pairs...)
}

// expand replaces the variables in each of lines.
func (s *scriptSession) expand(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = s.replacer.Replace(l)
	}
	return out
}

// let runs a let: on the pushdown connection; a query that gives no row,
// NULL or an empty string fails.
func (s *scriptSession) let(t *testing.T, path string, l scriptLet) {
	t.Helper()
	var v gosql.NullString
	q := s.replacer.Replace(l.sql)
	if err := s.db.QueryRowContext(context.Background(), q).Scan(&v); err != nil || v.String == "" {
		t.Fatalf("%s:%d: let %s = %s: no value (%v)", path, l.line, l.name, q, err)
	}
	s.set(l.name, v.String)
}

// isSet reports whether q is a SET statement, which runs on the
// connection without pushdown too so both sessions stay alike.
func isSet(q string) bool {
	fields := strings.Fields(q)
	return len(fields) > 0 && strings.EqualFold(fields[0], "SET")
}

// requestMatches reports whether a request line is matched by want. A
// want that begins with a method is the whole line ("POST /api/v1/zones")
// or, when it has a "?", the start of it ("GET /api/v1/users?after=",
// "GET /api/v1/groups/00gX/users?" with any parameters); any other want
// may appear anywhere in it.
func requestMatches(req, want string) bool {
	method, _, _ := strings.Cut(want, " ")
	switch method {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD":
		if strings.Contains(want, "?") {
			return strings.HasPrefix(req, want)
		}
		return req == want
	}
	return strings.Contains(req, want)
}

// scriptEdit replaces a span of a file's lines under -update.
type scriptEdit struct {
	at    span
	lines []string
}

// runCase runs one case on s and checks what it gave; edits collects the
// rewrites of -update.
func (s *scriptSession) runCase(t *testing.T, f *scriptFile, b *scriptBlock, edits *[]scriptEdit) {
	t.Helper()
	ctx := context.Background()
	for _, st := range b.setup {
		q := s.replacer.Replace(st.sql)
		if _, err := query(t, s.db, q, true); err != nil {
			t.Fatalf("%s:%d: setup %s: %v", f.path, st.line, q, err)
		}
		if isSet(q) {
			if _, err := s.ref.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s:%d: setup %s without pushdown: %v", f.path, st.line, q, err)
			}
		}
	}
	q := s.replacer.Replace(b.query.sql)
	at := fmt.Sprintf("%s:%d", f.path, b.query.line)
	s.h.requests()
	rows, err := query(t, s.db, q, true)
	reqs := s.h.requests()
	if err == nil && isSet(q) {
		if _, err := s.ref.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %s without pushdown: %v", at, q, err)
		}
	}
	if b.anyOrder {
		sort.Strings(rows)
	}
	switch {
	case len(b.errs) > 0:
		for _, want := range s.expand(b.errs) {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s:%d: %s\nerror = %v, want one containing %q", f.path, b.errLine, q, err, want)
			}
		}
	case err != nil:
		t.Fatalf("%s: %s\nfailed: %v", at, q, err)
	case b.sameAsRef:
		want, err := query(t, s.ref, q, !b.anyOrder)
		s.h.requests()
		if err != nil {
			t.Fatalf("%s: %s\nfailed without pushdown: %v", at, q, err)
		}
		if !slices.Equal(rows, want) {
			onlyWith, onlyWithout := rowDiff(rows, want)
			t.Errorf("%s:%d: %s\npushdown changed the answer: %d rows with, %d without\nonly with:    %q\nonly without: %q\nrequests: %q", f.path, b.rowsLine, q, len(rows), len(want), onlyWith, onlyWithout, reqs)
		}
	case b.updateRows && *update:
		head := "rows:"
		if b.anyOrder {
			head = "rows in any order:"
		}
		lines := []string{head}
		for _, r := range rows {
			lines = append(lines, "  "+r)
		}
		if len(rows) == 0 {
			lines = []string{head + " 0"}
		}
		*edits = append(*edits, scriptEdit{spanOr(b.rowsSpan, b.end), lines})
	case b.haveRows:
		if want := s.expand(b.rows); !slices.Equal(rows, want) {
			t.Errorf("%s:%d: %s\nrows = %q\nwant   %q", f.path, b.rowsLine, q, rows, want)
		}
	case b.count >= 0 && len(rows) != b.count:
		t.Errorf("%s:%d: %s\ngot %d rows, want %d: %q", f.path, b.rowsLine, q, len(rows), b.count, rows)
	}
	s.checkRequests(t, f, b, q, reqs, edits)
	for _, l := range b.lets {
		s.let(t, f.path, l)
	}
}

// checkRequests checks the requests a case's query made: their number,
// the lines given under requests:, and the writes among them.
func (s *scriptSession) checkRequests(t *testing.T, f *scriptFile, b *scriptBlock, q string, reqs []string, edits *[]scriptEdit) {
	t.Helper()
	if b.updateRequests && *update {
		head := "requests: "
		lines := slices.Clone(reqs)
		if b.requestsAnyOrder {
			head = "requests in any order: "
			sort.Strings(lines)
		}
		for i, l := range lines {
			lines[i] = "  " + l
		}
		*edits = append(*edits, scriptEdit{spanOr(b.requestsSpan, b.end), append([]string{head + strconv.Itoa(len(reqs))}, lines...)})
	} else if b.requests >= 0 {
		at := fmt.Sprintf("%s:%d: %s\n", f.path, b.requestsLine, q)
		switch {
		case b.atMost && len(reqs) > b.requests:
			t.Errorf("%smade %d requests, want at most %d: %q", at, len(reqs), b.requests, reqs)
		case !b.atMost && len(reqs) != b.requests:
			t.Errorf("%smade %d requests, want %d: %q", at, len(reqs), b.requests, reqs)
		}
		for i, w := range s.expand(b.wantRequests) {
			switch {
			case b.requestsAnyOrder:
				if !slices.ContainsFunc(reqs, func(r string) bool { return requestMatches(r, w) }) {
					t.Errorf("%sno request matches %q: %q", at, w, reqs)
				}
			case i < len(reqs) && !requestMatches(reqs[i], w):
				t.Errorf("%srequest %d = %q, want it to match %q", at, i+1, reqs[i], w)
			}
		}
	}
	var writes []string
	for _, r := range reqs {
		if !strings.HasPrefix(r, "GET ") {
			writes = append(writes, r)
		}
	}
	want := s.expand(b.wantWrites)
	ok := len(writes) == max(b.writes, 0)
	for i := 0; ok && i < len(writes) && i < len(want); i++ {
		ok = requestMatches(writes[i], want[i])
	}
	if !ok {
		t.Errorf("%s:%d: %s\nwrites = %q\nwant %d: %q", f.path, max(b.writesLine, b.query.line), q, writes, max(b.writes, 0), want)
	}
}

// rowDiff returns the first rows (at most 10) only a has and only b has;
// when both have the same rows in another order it returns them whole.
func rowDiff(a, b []string) (onlyA, onlyB []string) {
	count := map[string]int{}
	for _, r := range b {
		count[r]++
	}
	for _, r := range a {
		if count[r] > 0 {
			count[r]--
		} else if len(onlyA) < 10 {
			onlyA = append(onlyA, r)
		}
	}
	for _, r := range b {
		if count[r] > 0 && len(onlyB) < 10 {
			count[r]--
			onlyB = append(onlyB, r)
		}
	}
	if len(onlyA) == 0 && len(onlyB) == 0 {
		return a, b
	}
	return onlyA, onlyB
}

// spanOr is sp, or an empty span at index end when sp is unset: where
// -update adds a block the case did not have.
func spanOr(sp span, end int) span {
	if sp == (span{}) {
		return span{end, end}
	}
	return sp
}

// TestTestdata runs every script of testdata/scripts: a subtest per file
// and one per case.
func TestTestdata(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(scriptDir, "*.test"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no scripts in %s: %v", scriptDir, err)
	}
	var skipped []string
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			text, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parseScript(filepath.ToSlash(filepath.Join("testdata", "scripts", filepath.Base(path))), string(text))
			if err != nil {
				t.Fatal(err)
			}
			skipped = append(skipped, runScript(t, f, path)...)
		})
	}
	if len(skipped) > 0 {
		t.Logf("%d cases skipped (run them with -skipped):\n%s", len(skipped), strings.Join(skipped, "\n"))
	}
}

// runScript runs the blocks of f in order and returns the cases it
// skipped as "file:line: reason". Under -update it rewrites path.
func runScript(t *testing.T, f *scriptFile, path string) []string {
	var s *scriptSession
	var skipped []string
	var edits []scriptEdit
	failed := false
	for _, b := range f.blocks {
		switch {
		case b.org != nil:
			s, failed = newScriptSession(t, *b.org), false
			continue
		case s == nil:
			s = newScriptSession(t, defaultOrg)
		}
		if b.query.sql == "" {
			for _, l := range b.lets {
				s.let(t, f.path, l)
			}
			continue
		}
		if b.skip != "" {
			skipped = append(skipped, fmt.Sprintf("%s:%d: %s", f.path, b.line, b.skip))
		}
		ok := t.Run(b.name, func(t *testing.T) {
			switch {
			case b.skip != "" && !*runSkipped:
				t.Skipf("%s:%d: %s", f.path, b.line, b.skip)
			case failed && f.stopOnFailure:
				t.Skip("an earlier case on this org failed")
			}
			s.runCase(t, f, b, &edits)
		})
		failed = failed || !ok
	}
	if len(edits) > 0 {
		sort.SliceStable(edits, func(i, j int) bool { return edits[i].at.start < edits[j].at.start })
		lines := f.lines
		for i := len(edits) - 1; i >= 0; i-- {
			e := edits[i]
			lines = slices.Concat(lines[:e.at.start], e.lines, lines[e.at.end:])
		}
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return skipped
}

// TestParseScriptErrors checks that a malformed script is refused with
// the file and line of the fault.
func TestParseScriptErrors(t *testing.T) {
	for _, tt := range []struct{ text, err string }{
		{"query: SELECT 1\nrows: many\n", "x.test:2: rows: wants a count"},
		{"query: SELECT 1\nexpect: 1\n", `x.test:2: unknown directive "expect"`},
		{"# name\n  SELECT 1\n", "x.test:2: an indented line belongs under"},
		{"\nrows: 1\n", "x.test:2: a case without query:"},
		{"org: 10 users\nquery: SELECT 1\n", "x.test:1: org: stands in a paragraph of its own"},
		{"org: ten users\n", "x.test:1: org: wants N users"},
		{"query: SELECT 1\nquery: SELECT 2\n", "x.test:2: a second query: in one case"},
		{"query: SELECT 1\nSELECT 2\n", "x.test:2: want a directive"},
		{"query: SELECT 1\nrequests: some\n", "x.test:2: requests: wants a count"},
		{"query: SELECT 1\nupdate: everything\n", "x.test:2: update: names rows, requests or both"},
	} {
		if _, err := parseScript("x.test", tt.text); err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%q: error = %v, want one containing %q", tt.text, err, tt.err)
		}
	}
}
