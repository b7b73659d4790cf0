package tables

import (
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
)

// go-mysql-server's recursive CTE iterator never looks at its context: a
// CTE whose rows double each step ran on through KILL QUERY and the
// statement timeout until it had taken gigabytes. oktasql checks the
// context before each of its rows.

// recursiveCtes builds recursive CTEs' iterators so that they stop when
// their statement is cancelled.
type recursiveCtes struct {
	building sync.Map // *plan.RecursiveCte being built by base
}

// build returns n's iterator, cancellable, or nil when base is building n
// (base asks the override builder first, so it comes back here).
func (r *recursiveCtes) build(ctx *sql.Context, base sql.NodeExecBuilder, n *plan.RecursiveCte, row sql.Row) (sql.RowIter, error) {
	if _, busy := r.building.LoadOrStore(n, true); busy {
		return nil, nil
	}
	defer r.building.Delete(n)
	iter, err := base.Build(ctx, n, row)
	if err != nil {
		return nil, err
	}
	return &cancellableIter{RowIter: iter}, nil
}

// cancellableIter ends with its context's error once that is cancelled.
type cancellableIter struct{ sql.RowIter }

// Next implements sql.RowIter.
func (it *cancellableIter) Next(ctx *sql.Context) (sql.Row, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return it.RowIter.Next(ctx)
}
