package server

import (
	"reflect"
	"sync"
	"sync/atomic"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/vitess/go/mysql"

	"github.com/oktasql/oktasql/tables"
)

// go-mysql-server's recursive CTE iterator never looks at its context (a
// CTE whose rows double each step ran on through KILL QUERY and the
// statement timeout until it had taken gigabytes) and stops only after
// 10,001 iterations whatever cte_max_recursion_depth says. oktasql checks
// the context before each of its rows, and counts its iterations: the
// iterator builds the recursive part anew for each, through the override
// builder.

// erCteMaxRecursionDepth is MySQL's ER_CTE_MAX_RECURSION_DEPTH.
const erCteMaxRecursionDepth = 3636

// recursiveCtes builds recursive CTEs' iterators so that they stop when
// their statement is cancelled or at cte_max_recursion_depth.
type recursiveCtes struct {
	building sync.Map // *plan.RecursiveCte being built by base
	steps    sync.Map // recursive part (sql.Node) -> *atomic.Int64 iterations
	counted  atomic.Int64
}

// build returns n's iterator, cancellable, or nil when base is building n
// (base asks the override builder first, so it comes back here).
func (r *recursiveCtes) build(ctx *sql.Context, base sql.NodeExecBuilder, n *plan.RecursiveCte, row sql.Row) (sql.RowIter, error) {
	if _, busy := r.building.LoadOrStore(n, true); busy {
		return nil, nil
	}
	defer r.building.Delete(n)
	rec := n.Right()
	done := r.count(rec)
	iter, err := base.Build(ctx, n, row)
	if err != nil {
		done()
		return nil, err
	}
	return &cancellableIter{RowIter: iter, done: done}, nil
}

// count starts counting the builds of rec, a recursive part, and returns
// the function that stops. Plan nodes are pointers but for a few (a
// slice: SHOW WARNINGS), which cannot be map keys and are never a
// recursive part.
func (r *recursiveCtes) count(rec sql.Node) func() {
	if !reflect.TypeOf(rec).Comparable() {
		return func() {}
	}
	r.steps.Store(rec, &atomic.Int64{})
	r.counted.Add(1)
	return func() {
		r.steps.Delete(rec)
		r.counted.Add(-1)
	}
}

// step counts an iteration when n is the recursive part of a CTE being
// run, and fails past the session's cte_max_recursion_depth.
func (r *recursiveCtes) step(ctx *sql.Context, n sql.Node) error {
	if r.counted.Load() == 0 || !reflect.TypeOf(n).Comparable() {
		return nil
	}
	v, ok := r.steps.Load(n)
	if !ok {
		return nil
	}
	depth := tables.SessionInt(ctx, "cte_max_recursion_depth")
	if i := v.(*atomic.Int64).Add(1); i > depth {
		return mysql.NewSQLError(erCteMaxRecursionDepth, "HY000", "Recursive query aborted after %d iterations. Try increasing @@cte_max_recursion_depth to a larger value.", i)
	}
	return nil
}

// cancellableIter ends with its context's error once that is cancelled.
type cancellableIter struct {
	sql.RowIter
	done func()
}

// Next implements sql.RowIter.
func (it *cancellableIter) Next(ctx *sql.Context) (sql.Row, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return it.RowIter.Next(ctx)
}

// Close implements sql.RowIter.
func (it *cancellableIter) Close(ctx *sql.Context) error {
	it.done()
	return it.RowIter.Close(ctx)
}
