package tables

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"

	"github.com/oktasql/oktasql/planner"
)

// PrefetchJoins is the analyzer rule that reads ahead for lookup joins.
//
// A lookup join reads its right side once per left row, each read after
// the last: against Okta, one round trip after another (the N+1 of "users
// with no MFA factor"). PrefetchJoins puts a Prefetch node over the left
// side of every lookup join into an oktasql table. It reads the left rows
// ahead and starts the right side's reads for them, several at once
// (orderedReads, so memory stays bounded), and the table takes each read
// when the join asks for that row's lookup. The join itself is unchanged:
// it sees the same rows in the same order, and a lookup the node did not
// start (or started for another key) is read directly.
func PrefetchJoins(_ *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	// Without a LIMIT every lookup is read: they may all run at once.
	toEnd := !transform.InspectUp(n, func(n sql.Node) bool {
		switch n.(type) {
		case *plan.Limit, *plan.TopN:
			return true
		}
		return false
	})
	return transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		j, ok := n.(*plan.JoinNode)
		if !ok || !j.Op.IsLookup() {
			return n, transform.SameTree, nil
		}
		if _, done := j.Left().(*Prefetch); done {
			return n, transform.SameTree, nil
		}
		access := indexedAccess(j.Right())
		if access == nil || len(access.Expressions()) == 0 {
			return n, transform.SameTree, nil
		}
		var table *Table
		slot := &prefetchSlot{}
		right, ok := rewriteAccess(j.Right(), func(a tableAccess) *Table {
			table = a.table
			cp := *a.table
			cp.prefetched = slot
			return &cp
		})
		if !ok {
			return n, transform.SameTree, nil
		}
		left := &Prefetch{UnaryNode: plan.UnaryNode{Child: j.Left()}, index: access.Index(), keys: access.Expressions(), nullMask: access.NullMask(), table: table, slot: slot, toEnd: toEnd}
		next, err := j.WithChildren(left, right)
		if err != nil {
			return nil, transform.SameTree, err
		}
		return next, transform.NewTree, nil
	})
}

// indexedAccess finds the index access to an oktasql table under n,
// through the nodes rewriteAccess passes.
func indexedAccess(n sql.Node) *plan.IndexedTableAccess {
	switch n := n.(type) {
	case *plan.Project, *plan.Filter, *plan.TableAlias:
		return indexedAccess(n.Children()[0])
	case *plan.IndexedTableAccess:
		if _, ok := n.Table.(*indexedTable); ok {
			return n
		}
	}
	return nil
}

// Prefetch is the node over a lookup join's left side. It builds each left
// row's lookup as the join's index access does: the same index, key
// expressions and null handling.
type Prefetch struct {
	plan.UnaryNode
	index    sql.Index
	keys     []sql.Expression
	nullMask []bool
	table    *Table        // the right side's table, read directly
	slot     *prefetchSlot // where the right side's table takes reads
	toEnd    bool          // no LIMIT may stop the join early
}

var (
	_ sql.Node         = (*Prefetch)(nil)
	_ sql.Expressioner = (*Prefetch)(nil)
)

// Expressions are the lookup's key expressions: go-mysql-server assigns
// their field indexes anew when it finishes a query (a join inside a
// derived table is planned before the query around it), as it does the
// join's own.
func (p *Prefetch) Expressions() []sql.Expression { return p.keys }

// WithExpressions replaces the key expressions.
func (p *Prefetch) WithExpressions(exprs ...sql.Expression) (sql.Node, error) {
	if len(exprs) != len(p.keys) {
		return nil, sql.ErrInvalidChildrenNumber.New(p, len(exprs), len(p.keys))
	}
	cp := *p
	cp.keys = exprs
	return &cp, nil
}

// String shows the node in plans.
func (p *Prefetch) String() string {
	tp := sql.NewTreePrinter()
	_ = tp.WriteNode("Prefetch(lookups of %s, %d at once)", p.table.def.Name, p.table.db.org.parallelReads(p.toEnd))
	_ = tp.WriteChildren(p.Child.String())
	return tp.String()
}

// WithChildren replaces the left side.
func (p *Prefetch) WithChildren(children ...sql.Node) (sql.Node, error) {
	if len(children) != 1 {
		return nil, sql.ErrInvalidChildrenNumber.New(p, len(children), 1)
	}
	cp := *p
	cp.Child = children[0]
	return &cp, nil
}

// IsReadOnly is the left side's.
func (p *Prefetch) IsReadOnly() bool { return p.Child.IsReadOnly() }

// RowIter reads the left side ahead: for each row, it starts the right
// side's read of that row's lookup, and yields the row once the read has
// started, offering the read to the table.
func (p *Prefetch) RowIter(ctx *sql.Context, b sql.NodeExecBuilder, parent sql.Row) (sql.RowIter, error) {
	left, err := b.Build(ctx, p.Child, parent)
	if err != nil {
		return nil, err
	}
	// A lookup builder keeps its key and range between probes: this read
	// has one of its own, or it and the join would overwrite each other's.
	lb := plan.NewLookupBuilder(p.index, p.keys, p.nullMask)
	reads := newOrderedReads(ctx, p.table.db.org.parallelReads(p.toEnd), func(ctx *sql.Context) (*job, error) {
		row, err := left.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		key, err := lb.GetKey(ctx, parent.Append(row))
		if err != nil {
			return nil, err
		}
		lookup, err := lb.GetLookup(ctx, key)
		if err != nil {
			return nil, err
		}
		part, err := p.table.lookupPartition(lookup)
		if err != nil {
			return nil, err
		}
		return &job{left: row, key: part.key(), read: func(ctx *sql.Context, emit func(sql.Row) bool) error {
			iter, err := p.table.rows(ctx, part)
			if err != nil {
				return err
			}
			return drain(ctx, iter, emit)
		}}, nil
	})
	return &prefetchIter{reads: reads, slot: p.slot, left: left}, nil
}

// prefetchIter yields the left rows, each once its lookup's read started.
type prefetchIter struct {
	reads *orderedReads
	slot  *prefetchSlot
	left  sql.RowIter
}

// Next returns the next left row and offers its read to the right side.
func (it *prefetchIter) Next(ctx *sql.Context) (sql.Row, error) {
	s, err := it.reads.nextJob(ctx)
	if err != nil {
		return nil, err
	}
	if s.err != nil {
		return nil, s.err
	}
	it.slot.offer(s)
	return s.left, nil
}

// Close stops the reads, then the left side.
func (it *prefetchIter) Close(ctx *sql.Context) error {
	it.slot.offer(nil)
	err := it.reads.Close(ctx)
	if err2 := it.left.Close(ctx); err == nil {
		err = err2
	}
	return err
}

// prefetchSlot holds the read started for the left row the join has just
// been given, until the right side's table takes it.
type prefetchSlot struct {
	mu   sync.Mutex
	read *started
}

// offer puts s in the slot; a read still there was not wanted and stops.
func (s *prefetchSlot) offer(r *started) {
	s.mu.Lock()
	old := s.read
	s.read = r
	s.mu.Unlock()
	if old != nil {
		old.stop()
	}
}

// take returns the read in the slot if it is for key, and empties the slot.
func (s *prefetchSlot) take(key string) *started {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.read
	if r == nil || r.key != key {
		return nil
	}
	s.read = nil
	return r
}

// startedIter yields the rows of a read started ahead.
type startedIter struct{ s *started }

// Next returns the read's next row.
func (it startedIter) Next(ctx *sql.Context) (sql.Row, error) { return it.s.next(ctx) }

// Close stops the read (a semi join stops at the first match).
func (it startedIter) Close(*sql.Context) error {
	it.s.stop()
	return nil
}

// key identifies the rows of a partition, to match a prefetched read to
// the lookup the join makes.
func (p *partition) key() string {
	if p.empty {
		return "empty"
	}
	if p.bounds != nil {
		return planner.And(p.where).String() + " within " + fmt.Sprint(p.bounds.ranges)
	}
	return planner.And(p.where).String()
}
