package tables

import (
	"context"
	"io"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
)

// maxParallelReads bounds the reads one table access runs at once (point
// GETs of an IN list, children of a fan-out); the fetcher bounds the whole
// process and the org's rate limits.
const maxParallelReads = 8

// rowBuffer is how many rows each parallel read may run ahead.
const rowBuffer = 256

// job is one read: it emits its rows in order.
type job func(ctx *sql.Context, emit func(sql.Row) bool) error

// rowOrErr is one emitted row, or the error that ended a read.
type rowOrErr struct {
	row sql.Row
	err error
}

// orderedReads runs jobs from a source with at most maxParallelReads at
// once and yields their rows in job order, so results stream with flat
// memory (at most maxParallelReads × rowBuffer rows are held).
type orderedReads struct {
	cancel context.CancelFunc
	queue  chan chan rowOrErr
	cur    chan rowOrErr
	wg     sync.WaitGroup
}

// newOrderedReads starts reading: next returns the next job, or nil when
// there is none, or an error that ends the read after the jobs before it.
func newOrderedReads(ctx *sql.Context, next func(ctx *sql.Context) (job, error)) *orderedReads {
	cctx, cancel := context.WithCancel(ctx)
	sctx := ctx.WithContext(cctx)
	r := &orderedReads{cancel: cancel, queue: make(chan chan rowOrErr, maxParallelReads)}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		defer close(r.queue)
		for {
			j, err := next(sctx)
			if err != nil || j == nil {
				if err != nil {
					failed := make(chan rowOrErr, 1)
					failed <- rowOrErr{err: err}
					close(failed)
					select {
					case r.queue <- failed:
					case <-cctx.Done():
					}
				}
				return
			}
			out := make(chan rowOrErr, rowBuffer)
			select {
			case r.queue <- out:
			case <-cctx.Done():
				return
			}
			r.wg.Add(1)
			go func() {
				defer r.wg.Done()
				defer close(out)
				err := j(sctx, func(row sql.Row) bool {
					select {
					case out <- rowOrErr{row: row}:
						return true
					case <-cctx.Done():
						return false
					}
				})
				if err != nil {
					select {
					case out <- rowOrErr{err: err}:
					case <-cctx.Done():
					}
				}
			}()
		}
	}()
	return r
}

// Next returns the next row in job order, io.EOF after the last.
func (r *orderedReads) Next(ctx *sql.Context) (sql.Row, error) {
	for {
		if r.cur == nil {
			select {
			case ch, ok := <-r.queue:
				if !ok {
					return nil, io.EOF
				}
				r.cur = ch
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		select {
		case v, ok := <-r.cur:
			if !ok {
				r.cur = nil
				continue
			}
			return v.row, v.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// Close stops every read and waits for them.
func (r *orderedReads) Close(*sql.Context) error {
	r.cancel()
	r.wg.Wait()
	return nil
}
