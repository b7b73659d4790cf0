// Package exampleorg runs the reference pages' examples: an emulated org
// (emulator) read by an in-process engine (tables), which reports the
// requests each example makes. The docs command and the docs test share it,
// so the pages state what the test checks.
package exampleorg

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/internal/refdocs"
	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/server"
	"github.com/oktasql/oktasql/tables"
)

// The org is small and fixed, so the pages are the same on every run.
const (
	users    = 60
	seed     = 7
	token    = "docs-token"
	database = "okta"
)

// now is the clock of the org and the engine.
var now = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// Org is an emulated org with an engine over it.
type Org struct {
	emu *emulator.Server
	eng *server.Engine
}

var _ refdocs.Runner = (*Org)(nil)

// Start seeds the emulated org and opens the engine over catalog c.
func Start(ctx context.Context, c *schema.Catalog) (*Org, error) {
	emu, err := emulator.Start(emulator.Config{Users: users, Seed: seed, Token: token, Now: now})
	if err != nil {
		return nil, err
	}
	client, err := fetcher.New(emu.URL, fetcher.WithToken(token))
	if err != nil {
		emu.Close()
		return nil, err
	}
	org := &tables.Org{Name: database, Catalog: c, API: client, Now: func() time.Time { return now }}
	if err := org.LoadCustomAttributes(ctx); err != nil {
		emu.Close()
		return nil, err
	}
	eng, err := server.NewEngine([]*tables.Org{org}, server.Options{})
	if err != nil {
		emu.Close()
		return nil, err
	}
	return &Org{emu: emu, eng: eng}, nil
}

// Close stops the org.
func (o *Org) Close() { o.emu.Close() }

// Run runs stmts in a new session: the rows of the last, the requests all
// of them made (sorted) and the calls a dry run reported.
func (o *Org) Run(ctx context.Context, stmts []string) (refdocs.Result, error) {
	sess := o.eng.NewSession(database)
	o.emu.Org.ResetRequests()
	var res refdocs.Result
	for _, s := range stmts {
		rows, err := o.query(ctx, sess, s)
		if err != nil {
			return res, fmt.Errorf("%s: %w", s, err)
		}
		res.Rows = rows
	}
	for _, r := range o.emu.Org.Requests() {
		res.Requests = append(res.Requests, RequestLine(r.Method, r.Path, r.Query))
	}
	sort.Strings(res.Requests) // calls made at once arrive in any order
	calls, err := o.query(ctx, sess, "SELECT method, path, query, body FROM oktasql_dry_run ORDER BY seq")
	if err != nil {
		return res, err
	}
	for _, c := range calls {
		res.DryRun = append(res.DryRun, o.stable(dryRunLine(c)))
	}
	for _, r := range res.Rows {
		for i := range r {
			r[i] = o.stable(r[i])
		}
	}
	return res, nil
}

// orgURL stands for the emulated org's address, which changes from run
// to run, in values that contain it (an authorization server's issuer).
const orgURL = "https://example.okta.com"

// stable replaces the emulated org's address in s with orgURL.
func (o *Org) stable(s string) string { return strings.ReplaceAll(s, o.emu.URL, orgURL) }

// query runs one statement and returns its rows as text ("NULL" for NULL).
func (o *Org) query(ctx context.Context, sess sql.Session, stmt string) ([][]string, error) {
	sctx := o.eng.Context(ctx, sess)
	_, iter, err := o.eng.Query(sctx, stmt)
	if err != nil {
		return nil, err
	}
	defer iter.Close(sctx)
	var out [][]string
	for {
		row, err := iter.Next(sctx)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = text(v)
		}
		out = append(out, cells)
	}
}

// text renders a value of a row.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		return v.UTC().Format("2006-01-02 15:04:05")
	case sql.JSONWrapper:
		x, err := v.ToInterface()
		if err != nil {
			return fmt.Sprint(v)
		}
		b, err := json.Marshal(x)
		if err != nil {
			return fmt.Sprint(v)
		}
		return string(b)
	}
	return fmt.Sprint(v)
}

// RequestLine renders a request as "GET /path?k=v&k=v", its parameters
// decoded and sorted by name, as the pages and the tests show requests.
func RequestLine(method, path, rawQuery string) string {
	q, _ := url.ParseQuery(rawQuery)
	line := method + " " + path
	if s := decoded(q); s != "" {
		line += "?" + s
	}
	return line
}

// dryRunLine renders a call of oktasql_dry_run like a request line, with
// its body.
func dryRunLine(row []string) string {
	line := row[0] + " " + row[1]
	if row[2] != "NULL" {
		q, _ := url.ParseQuery(row[2])
		line += "?" + decoded(q)
	}
	if row[3] != "NULL" {
		line += " " + row[3]
	}
	return line
}

// decoded renders q as k=v pairs, unescaped, sorted by name.
func decoded(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		for _, v := range q[k] {
			parts = append(parts, k+"="+v)
		}
	}
	return strings.Join(parts, "&")
}
