package tables

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/planner"
	"github.com/oktasql/oktasql/schema"
)

// partition is one read of a table: the conjuncts to push (nil for a full
// read), or nothing at all for an empty lookup range.
type partition struct {
	where []planner.Expr
	empty bool
	// bounds, for a lookup by index ranges, are the ranges every row
	// must fall in.
	bounds *bounds
}

// Key identifies the partition; there is only ever one per read.
func (p *partition) Key() []byte { return []byte("okta") }

// partitionIter yields one partition.
type partitionIter struct {
	p    *partition
	done bool
}

func newPartitionIter(p *partition) *partitionIter { return &partitionIter{p: p} }

// Next returns the partition once, then io.EOF.
func (it *partitionIter) Next(*sql.Context) (sql.Partition, error) {
	if it.done {
		return nil, io.EOF
	}
	it.done = true
	return it.p, nil
}

// Close does nothing.
func (it *partitionIter) Close(*sql.Context) error { return nil }

// rows starts a read of the partition. Planning errors surface from the
// first Next, never from here, so `SELECT * FROM t LIMIT 0` (a client's
// metadata probe) makes no call and never fails.
func (t *Table) rows(_ *sql.Context, p *partition) (sql.RowIter, error) {
	if p.empty {
		return sql.RowsToRowIter(), nil
	}
	if t.prefetched != nil {
		if s := t.prefetched.take(p.key()); s != nil {
			return startedIter{s}, nil
		}
	}
	if p.bounds != nil {
		return t.boundedRows(p), nil
	}
	return t.orderChecked(&rowIter{t: t, where: p.where, dec: t.dec}), nil
}

// rowIter streams the rows of a plan. List calls run one after another,
// each paged lazily so a LIMIT stops paging; point GETs and the children of
// a fan-out over the parent table run concurrently, in order.
type rowIter struct {
	t     *Table
	where []planner.Expr
	dec   decoder

	started bool
	src     sql.RowIter
	// whole is set when the read is the whole table (no key, nothing
	// pushed, no LIMIT): its row count at the end is the table's size.
	whole bool
	rows  int
}

// Next returns the next row, io.EOF at the end, or the first error: a page
// that failed after the fetcher's retries fails the whole read.
func (it *rowIter) Next(ctx *sql.Context) (sql.Row, error) {
	if !it.started {
		it.started = true
		plan, err := it.t.partitionedPlan(ctx, it.where)
		if err != nil {
			return nil, err
		}
		it.whole = len(it.t.def.Keys) == 0 && len(plan.Pushed) == 0 && plan.FanOut == nil && it.t.limit == 0
		switch {
		case plan.Parallel || (len(plan.Calls) > 1 && it.t.readsToEnd() && !allGets(plan.Calls)):
			// Disjoint reads that will all be read to the end (no
			// LIMIT) run at once, each paging as fast as it can.
			it.src = it.mergedCalls(ctx, plan.Calls)
		case plan.FanOut != nil:
			it.src, err = it.fanOut(ctx, plan)
			if err != nil {
				return nil, err
			}
		case allGets(plan.Calls):
			it.src = it.parallelCalls(ctx, plan.Calls)
		default:
			it.src = &callIter{t: it.t, dec: it.dec, calls: plan.Calls}
		}
	}
	row, err := it.src.Next(ctx)
	switch {
	case err == nil:
		it.rows++
	case errors.Is(err, io.EOF) && it.whole:
		it.t.db.org.sizes.Store(it.t.def.Name, it.rows)
	}
	return row, err
}

// Close stops the read.
func (it *rowIter) Close(ctx *sql.Context) error {
	if it.src != nil {
		return it.src.Close(ctx)
	}
	return nil
}

func allGets(calls []planner.Call) bool {
	for _, c := range calls {
		if c.Kind != planner.CallGet {
			return false
		}
	}
	return len(calls) > 1
}

// partitionedPlan plans the read; a full read of a table that search can
// split on created is split into oktasql_parallel_scan partitions, once a
// first request has found the earliest created. If that request fails or
// finds nothing, the read is not split.
func (t *Table) partitionedPlan(ctx *sql.Context, where []planner.Expr) (*planner.Plan, error) {
	parts := planner.Partitions{}
	if !t.plain {
		parts.N = int(SessionInt(ctx, VarParallelScan))
	}
	plan, err := t.plan(where, parts)
	if err != nil || plan.Probe == nil {
		return plan, err
	}
	created := t.def.Column("created")
	if created == nil {
		return plan, nil
	}
	probe := &callIter{t: t, dec: newDecoder(t.def, []*schema.Column{created}), calls: []planner.Call{*plan.Probe}}
	row, err := probe.Next(ctx)
	probe.Close(ctx)
	if err != nil {
		return plan, nil
	}
	if parts.From, _ = row[0].(time.Time); parts.From.IsZero() {
		return plan, nil
	}
	return t.plan(where, parts)
}

// mergedCalls runs every call concurrently (bounded) and yields rows as
// they come: the calls' rows are disjoint and their order is not the
// query's.
func (it *rowIter) mergedCalls(ctx *sql.Context, calls []planner.Call) sql.RowIter {
	jobs := make([]*job, len(calls))
	for i, call := range calls {
		jobs[i] = it.callJob(call)
	}
	return newMergedReads(ctx, it.t.db.org.parallelReads(it.t.readsToEnd()), jobs)
}

// callJob reads one call.
func (it *rowIter) callJob(call planner.Call) *job {
	return &job{read: func(ctx *sql.Context, emit func(sql.Row) bool) error {
		return drain(ctx, &callIter{t: it.t, dec: it.dec, calls: []planner.Call{call}}, emit)
	}}
}

// parallelCalls runs every call concurrently (bounded) and yields in order.
func (it *rowIter) parallelCalls(ctx *sql.Context, calls []planner.Call) sql.RowIter {
	i := 0
	return newOrderedReads(ctx, it.t.db.org.parallelReads(it.t.readsToEnd()), func(*sql.Context) (*job, error) {
		if i >= len(calls) {
			return nil, nil
		}
		i++
		return it.callJob(calls[i-1]), nil
	})
}

// fanOut reads the table that supplies the missing key and, for each of
// its rows, the child rows under that key (planned with the key's value
// added to the conjuncts), several parents at a time.
func (it *rowIter) fanOut(ctx *sql.Context, plan *planner.Plan) (sql.RowIter, error) {
	key := plan.FanOut.Key
	parent := it.t.db.table(key.SourceTable)
	if parent == nil {
		return nil, fmt.Errorf("oktasql: table %s needs %s: its source table %q is not in the catalog", it.t.def.Name, key.Column, key.SourceTable)
	}
	col := parent.def.Column(key.SourceColumn)
	if col == nil {
		return nil, fmt.Errorf("oktasql: table %s needs %s: table %s has no column %q", it.t.def.Name, key.Column, key.SourceTable, key.SourceColumn)
	}
	keys := parent.project([]string{col.Name})
	parents := &rowIter{t: keys, where: parentKeys(it.where, parent.def), dec: keys.dec}
	return &closing{RowIter: newOrderedReads(ctx, it.t.db.org.parallelReads(it.t.readsToEnd()), func(ctx *sql.Context) (*job, error) {
		for {
			prow, err := parents.Next(ctx)
			if errors.Is(err, io.EOF) {
				return nil, nil
			}
			if err != nil {
				return nil, err
			}
			v, ok := prow[0].(string)
			if !ok || v == "" {
				continue
			}
			where := append(append([]planner.Expr{}, it.where...), planner.Cmp{Column: key.Column, Op: planner.OpEq, Values: []any{v}})
			child := &rowIter{t: it.t, where: where, dec: it.dec}
			return &job{read: func(ctx *sql.Context, emit func(sql.Row) bool) error {
				return drain(ctx, child, emit)
			}}, nil
		}
	}), also: parents}, nil
}

// parentKeys returns the conjuncts that bind the parent table's own keys
// (client_roles needs client_id, which a query on its child table gives).
func parentKeys(where []planner.Expr, parent *schema.Table) []planner.Expr {
	var out []planner.Expr
	for _, e := range where {
		c, ok := e.(planner.Cmp)
		if !ok {
			continue
		}
		for _, k := range parent.Keys {
			if k.Column == c.Column {
				out = append(out, c)
			}
		}
	}
	return out
}

// closing closes another iterator after its own.
type closing struct {
	sql.RowIter
	also sql.RowIter
}

// Close closes both iterators.
func (c *closing) Close(ctx *sql.Context) error {
	err := c.RowIter.Close(ctx)
	if err2 := c.also.Close(ctx); err == nil {
		err = err2
	}
	return err
}

// drain emits every row of iter, then closes it.
func drain(ctx *sql.Context, iter sql.RowIter, emit func(sql.Row) bool) error {
	defer iter.Close(ctx)
	for {
		row, err := iter.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if !emit(row) {
			return nil
		}
	}
}

// callIter runs calls one after another; list calls are paged lazily.
type callIter struct {
	t     *Table
	dec   decoder
	calls []planner.Call
	next  int

	items   *fetcher.Items    // the list call being read
	keys    map[string]string // key column values of the current call
	maxRows int               // rows the current call may still yield; -1: no bound
	current requestRecord     // the log entry of the list call being read
	started time.Time
	gets    *itemGets // the item reads of list calls with an item GET
}

// Next returns the next row of the calls.
func (it *callIter) Next(ctx *sql.Context) (sql.Row, error) {
	for {
		if it.items != nil {
			if it.maxRows != 0 && it.items.Next() {
				it.maxRows--
				it.current.rows++
				item := it.items.Item()
				row, err := it.decode(item)
				if call := it.calls[it.next-1]; err == nil && call.ItemGet != nil {
					err = it.readItem(ctx, call, row, item)
				}
				return row, err
			}
			err, read := it.items.Err(), it.items.Pages()
			it.finish(ctx, err)
			if errors.Is(err, fetcher.ErrNotFound) && len(it.keys) > 0 {
				if read == 0 {
					err = nil // the parent does not exist: it has no children
				} else {
					err = fmt.Errorf("oktasql: %s: page %d answered 404 after %d rows; the list is incomplete: %w", it.t.def.Name, read+1, it.current.rows, err)
				}
			}
			if call := it.calls[it.next-1]; unknownValue(err, call) {
				ctx.Warn(0, "%s: this org does not have %s; no rows for it", it.t.def.Name, call.Query.Encode())
				err = nil
			}
			if err != nil {
				return nil, err
			}
		}
		if it.next >= len(it.calls) {
			return nil, io.EOF
		}
		call := it.calls[it.next]
		it.next++
		it.keys = call.KeyValues
		it.maxRows = -1
		if call.MaxRows > 0 {
			it.maxRows = call.MaxRows
		}
		it.current = requestRecord{table: it.t.def.Name, method: http.MethodGet, path: call.Path(), query: call.Query.Encode()}
		it.started = time.Now()
		if call.Kind == planner.CallGet || it.t.def.SingleRow {
			item, cached, err := it.t.db.org.get(ctx, call)
			it.current.pages, it.current.took, it.current.err = 1, time.Since(it.started), err
			if cached {
				it.current.cached = 1
			}
			if item != nil {
				it.current.rows = 1
			}
			it.t.db.org.requests.record(ctx, it.current)
			if err != nil {
				return nil, err
			}
			if item != nil {
				return it.decode(item)
			}
			continue
		}
		// Fetch each page while the one before is decoded.
		it.items = it.t.db.org.list(ctx, it.t.def, call, it.t.readsToEnd())
	}
}

// decode turns an item of the current call into a row; an error names
// the call.
func (it *callIter) decode(item json.RawMessage) (sql.Row, error) {
	row, err := it.dec.decode(item, it.keys)
	if err != nil {
		return nil, fmt.Errorf("%w (in the answer to GET %s)", err, it.current.path)
	}
	return row, nil
}

// finish closes the list call being read and logs it.
func (it *callIter) finish(ctx *sql.Context, err error) {
	it.items.Close()
	it.current.pages, it.current.cached, it.current.took, it.current.err = it.items.Pages(), it.items.Cached(), time.Since(it.started), err
	if q := it.items.FirstQuery(); q != "" {
		it.current.query = q // as sent: a page that timed out is asked again with a smaller limit
	}
	it.items = nil
	if it.current.pages > 0 || err != nil {
		it.t.db.org.requests.record(ctx, it.current)
	}
}

// unknownValue reports whether err is Okta's 400 E0000002 ("Invalid ...
// specified") to a call made for one value of an enum the query did not
// narrow: the org lacks the value (a Classic org and ACCESS_POLICY,
// okta/terraform-provider-okta#1202), so it has no rows of it.
func unknownValue(err error, call planner.Call) bool {
	var ae *fetcher.APIError
	return call.FromEnum && errors.As(err, &ae) && ae.Status == http.StatusBadRequest && ae.Code == "E0000002"
}

// Close releases the page being read.
func (it *callIter) Close(ctx *sql.Context) error {
	if it.items != nil {
		it.finish(ctx, nil)
	}
	return nil
}

// do makes one call for table (a write, a procedure, a read-modify-write's
// read) and logs it in oktasql_requests, as reads log theirs.
func (o *Org) do(ctx *sql.Context, table string, r fetcher.Request) (*fetcher.Response, error) {
	start := time.Now()
	resp, err := o.API.Do(ctx, r)
	rec := requestRecord{table: table, method: r.Method, path: r.Path, query: r.Query.Encode(), pages: 1, took: time.Since(start), err: err}
	if resp != nil && resp.Cached {
		rec.cached = 1
	}
	o.requests.record(ctx, rec)
	return resp, err
}

// get runs a point GET; a 404 means no row. cached says the answer came
// from the response cache.
func (o *Org) get(ctx *sql.Context, call planner.Call) (item json.RawMessage, cached bool, err error) {
	resp, err := o.API.Do(ctx, fetcher.Request{
		Operation:  call.Operation.ID,
		Method:     http.MethodGet,
		Path:       call.Path(),
		Query:      call.Query,
		Idempotent: true,
		Scopes:     call.Operation.Scopes,
	})
	if errors.Is(err, fetcher.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return resp.Body, resp.Cached, nil
}

// list starts a lazily paged list call.
func (o *Org) list(ctx *sql.Context, def *schema.Table, call planner.Call, readahead bool) *fetcher.Items {
	return o.API.List(ctx, fetcher.ListRequest{
		Operation:       call.Operation.ID,
		Path:            call.Path(),
		Query:           call.Query,
		Envelope:        def.Envelope,
		Pagination:      def.Pagination,
		StopOnEmptyPage: call.StopOnEmptyPage,
		MinLimit:        def.PageLimit.Min,
		Scopes:          call.Operation.Scopes,
		Readahead:       readahead,
	})
}
