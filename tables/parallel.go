package tables

import (
	"context"
	"io"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
)

// The reads one table access runs at once (point GETs of an IN list,
// children of a fan-out, the lookups of a join) are as many as the org's
// client runs requests at once, fewer when the access may stop early
// (Org.parallelReads); the client's rate governor bounds the whole
// process by the org's rate limits.

// rowBuffer is how many rows each parallel read may run ahead.
const rowBuffer = 256

// job is one read: it emits its rows in order. A join's prefetch also
// gives each read the left row it is for and its lookup's key.
type job struct {
	read func(ctx *sql.Context, emit func(sql.Row) bool) error
	left sql.Row
	key  string
}

// rowOrErr is one emitted row, or the error that ended a read.
type rowOrErr struct {
	row sql.Row
	err error
}

// started is a running job: its rows as they come and how to stop it
// early; or, when err is set, the error that ended the source.
type started struct {
	*job
	rows chan rowOrErr
	stop context.CancelFunc
	err  error
}

// orderedReads runs jobs from a source with at most n at once and hands
// them out in job order, so results stream with flat memory (at most
// n × rowBuffer rows are held). As a
// sql.RowIter it yields every job's rows, one job after another.
type orderedReads struct {
	cancel context.CancelFunc
	queue  chan *started
	cur    *started
	wg     sync.WaitGroup
}

// newOrderedReads starts reading, n jobs at once: next returns the next
// job, or nil when there is none, or an error that ends the read after the
// jobs before it.
func newOrderedReads(ctx *sql.Context, n int, next func(ctx *sql.Context) (*job, error)) *orderedReads {
	cctx, cancel := context.WithCancel(ctx)
	sctx := ctx.WithContext(cctx)
	r := &orderedReads{cancel: cancel, queue: make(chan *started, n)}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		defer close(r.queue)
		for {
			j, err := next(sctx)
			if err != nil || j == nil {
				if err != nil {
					select {
					case r.queue <- &started{err: err}:
					case <-cctx.Done():
					}
				}
				return
			}
			jctx, stop := context.WithCancel(cctx)
			s := &started{job: j, rows: make(chan rowOrErr, rowBuffer), stop: stop}
			select {
			case r.queue <- s:
			case <-cctx.Done():
				stop()
				return
			}
			r.wg.Add(1)
			go func() {
				defer r.wg.Done()
				defer close(s.rows)
				j.run(sctx.WithContext(jctx), s.rows)
			}()
		}
	}()
	return r
}

// nextJob returns the next job in order, io.EOF after the last.
func (r *orderedReads) nextJob(ctx *sql.Context) (*started, error) {
	select {
	case s, ok := <-r.queue:
		if !ok {
			return nil, io.EOF
		}
		return s, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Next returns the next row in job order, io.EOF after the last.
func (r *orderedReads) Next(ctx *sql.Context) (sql.Row, error) {
	for {
		if r.cur == nil {
			s, err := r.nextJob(ctx)
			if err != nil {
				return nil, err
			}
			if s.err != nil {
				return nil, s.err
			}
			r.cur = s
		}
		row, err := r.cur.next(ctx)
		if err == io.EOF {
			r.cur = nil
			continue
		}
		return row, err
	}
}

// next returns the job's next row, io.EOF after its last.
func (s *started) next(ctx *sql.Context) (sql.Row, error) { return receive(ctx, s.rows) }

// run reads the job into out, then its error if it failed; it stops when
// ctx ends.
func (j *job) run(ctx *sql.Context, out chan<- rowOrErr) {
	send := func(v rowOrErr) bool {
		select {
		case out <- v:
			return true
		case <-ctx.Done():
			return false
		}
	}
	if err := j.read(ctx, func(row sql.Row) bool { return send(rowOrErr{row: row}) }); err != nil {
		send(rowOrErr{err: err})
	}
}

// receive returns the next row or error of in, io.EOF once it is closed.
func receive(ctx *sql.Context, in <-chan rowOrErr) (sql.Row, error) {
	select {
	case v, ok := <-in:
		if !ok {
			return nil, io.EOF
		}
		return v.row, v.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Close stops every read and waits for them.
func (r *orderedReads) Close(*sql.Context) error {
	r.cancel()
	r.wg.Wait()
	return nil
}

// mergedReads runs jobs, at most n at once, and yields
// their rows as they come, in no order.
type mergedReads struct {
	cancel context.CancelFunc
	rows   chan rowOrErr
	wg     sync.WaitGroup
}

func newMergedReads(ctx *sql.Context, n int, jobs []*job) *mergedReads {
	cctx, cancel := context.WithCancel(ctx)
	sctx := ctx.WithContext(cctx)
	r := &mergedReads{cancel: cancel, rows: make(chan rowOrErr, rowBuffer)}
	slots := make(chan struct{}, n)
	var running sync.WaitGroup
	for _, j := range jobs {
		running.Add(1)
		go func() {
			defer running.Done()
			select {
			case slots <- struct{}{}:
			case <-cctx.Done():
				return
			}
			defer func() { <-slots }()
			j.run(sctx, r.rows)
		}()
	}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		running.Wait()
		close(r.rows)
	}()
	return r
}

// Next returns the next row, io.EOF after the last; the first error ends
// the read.
func (r *mergedReads) Next(ctx *sql.Context) (sql.Row, error) { return receive(ctx, r.rows) }

// Close stops every read and waits for them.
func (r *mergedReads) Close(*sql.Context) error {
	r.cancel()
	r.wg.Wait()
	return nil
}
