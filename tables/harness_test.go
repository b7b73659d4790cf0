package tables_test

import (
	"context"
	gosql "database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/internal/refdocs/exampleorg"
	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/server"
	"github.com/oktasql/oktasql/tables"
)

// testToken is the API token of the test orgs.
const testToken = "test-token"

// harness is an emulated org served by two oktasql servers over real
// sockets: one with pushdown, one without (the reference).
type harness struct {
	t   testing.TB
	emu *emulator.Server
	api string    // the URL oktasql calls: the emulator's, or a proxy's
	db  *gosql.DB // pushdown on
	ref *gosql.DB // pushdown off
	mu  sync.Mutex
	// orgs are db's and ref's orgs; learned names the tables whose sizes
	// they know before each differential run (fixSizes), sizes caches
	// those sizes.
	orgs    []*tables.Org
	learned []string
	sizes   map[string]int
}

// newHarness starts an emulated org of users users and both servers.
func newHarness(t testing.TB, users int) *harness {
	t.Helper()
	return startHarness(t, users, false)
}

// newSpecHarness is newHarness with every request oktasql sends validated
// against the spec (validatingProxy).
func newSpecHarness(t testing.TB, users int) *harness {
	t.Helper()
	return startHarness(t, users, true)
}

func startHarness(t testing.TB, users int, validate bool) *harness {
	t.Helper()
	emu, err := emulator.Start(emulator.Config{Users: users, Seed: 7, Token: testToken, Now: harnessNow})
	if err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}
	t.Cleanup(emu.Close)
	h := &harness{t: t, emu: emu, api: emu.URL}
	if validate {
		h.api = validatingProxy(t, emu.URL)
	}
	push, ref := h.org("okta", false), h.org("okta", true)
	h.db = serveOrgs(t, []*tables.Org{push}, server.Options{})
	h.ref = serveOrgs(t, []*tables.Org{ref}, server.Options{})
	h.orgs = []*tables.Org{push, ref}
	return h
}

// fixSizes sets what both orgs know of table sizes to the true sizes of
// h.learned's tables and nothing else. go-mysql-server plans joins by
// those sizes (Table.RowCount), which each whole read of a table updates:
// left to accumulate, a query's plan would depend on the queries run
// before it, and no query could be replayed alone.
func (h *harness) fixSizes() {
	sizes := map[string]int{}
	for _, name := range h.learned {
		n, ok := h.sizes[name]
		if !ok {
			if err := h.ref.QueryRow("SELECT count(*) FROM `" + name + "`").Scan(&n); err != nil {
				h.t.Fatalf("the size of %s: %v", name, err)
			}
			if h.sizes == nil {
				h.sizes = map[string]int{}
			}
			h.sizes[name] = n
		}
		sizes[name] = n
	}
	for _, o := range h.orgs {
		o.SetSizes(sizes)
	}
}

// proxiedHarness is a harness over an emulated org of cfg (with the test
// orgs' seed, token and clock) whose requests go through wrap, to count
// them or hold them back. It starts no server: h.serve does.
func proxiedHarness(t testing.TB, cfg emulator.Config, wrap func(http.Handler) http.Handler) *harness {
	t.Helper()
	cfg.Seed, cfg.Token, cfg.Now = 7, testToken, harnessNow
	emu, err := emulator.Start(cfg)
	if err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}
	t.Cleanup(emu.Close)
	srv := httptest.NewServer(wrap(emu.Org))
	t.Cleanup(srv.Close)
	return &harness{t: t, emu: emu, api: srv.URL}
}

// harnessNow is the fixed clock of the test orgs.
var harnessNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// serve starts an oktasql MySQL server over the harness's org and returns
// a client connection pool to it.
func (h *harness) serve(noPushdown bool, dbName string) *gosql.DB {
	h.t.Helper()
	return serveOrgs(h.t, []*tables.Org{h.org(dbName, noPushdown)}, server.Options{})
}

func (h *harness) org(name string, noPushdown bool) *tables.Org {
	h.t.Helper()
	client, err := fetcher.New(h.api, fetcher.WithToken(testToken))
	if err != nil {
		h.t.Fatalf("fetcher: %v", err)
	}
	org := &tables.Org{Name: name, Catalog: schema.Default(), API: client, NoPushdown: noPushdown, Now: func() time.Time { return harnessNow }}
	if err := org.LoadCustomAttributes(context.Background()); err != nil {
		h.t.Fatalf("custom attributes: %v", err)
	}
	h.emu.Org.ResetRequests()
	return org
}

// serveOrgs starts an oktasql server over orgs on a free loopback port.
func serveOrgs(t testing.TB, orgs []*tables.Org, opts server.Options) *gosql.DB {
	t.Helper()
	eng, err := server.NewEngine(orgs, opts)
	if err != nil {
		t.Fatalf("engine: %v", err)
	}
	// The emulated org shares the test's heap, which the server's memory
	// guard would count as its statements': a large org (the fuzzer's
	// 5,000 users) would have every statement stopped.
	srv, err := eng.NewServer(server.ServerConfig{Address: "127.0.0.1:0", MemoryBudget: 1 << 40})
	if err != nil {
		t.Fatalf("server: %v", err)
	}
	go srv.Start()
	t.Cleanup(func() { srv.Close() })
	db, err := gosql.Open("mysql", fmt.Sprintf("root@tcp(%s)/%s?parseTime=true", srv.Listener.Addr(), orgs[0].Name))
	if err != nil {
		t.Fatalf("connecting: %v", err)
	}
	db.SetMaxOpenConns(4)
	t.Cleanup(func() { db.Close() })
	return db
}

// requests returns the emulator's request log since the last call, as
// "GET /path?k=v&k=v" lines with decoded, sorted parameters.
func (h *harness) requests() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, r := range h.emu.Org.Requests() {
		out = append(out, exampleorg.RequestLine(r.Method, r.Path, r.Query))
	}
	h.emu.Org.ResetRequests()
	return out
}

// queryer is a pool (*sql.DB) or one connection (*sql.Conn).
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*gosql.Rows, error)
}

// query runs q on db and returns its rows as text, sorted unless ordered.
func query(t *testing.T, db queryer, q string, ordered bool) ([]string, error) {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		vals := make([]gosql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		cells := make([]string, len(cols))
		for i, v := range vals {
			cells[i] = "NULL"
			if v.Valid {
				cells[i] = v.String
			}
		}
		out = append(out, strings.Join(cells, "|"))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if !ordered {
		sort.Strings(out)
	}
	return out, nil
}
