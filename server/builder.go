package server

import (
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"

	"github.com/oktasql/oktasql/tables"
)

// execBuilder builds the iterators of oktasql's own plan nodes and leaves
// every other node to go-mysql-server's builder (base). It notes the
// connection a KILL names in killed, so that the server tells the
// statement's client it was interrupted (1317).
type execBuilder struct {
	base   sql.NodeExecBuilder
	killed *sync.Map
	ctes   recursiveCtes
}

// Build returns nil for nodes that are not oktasql's, and refuses those
// that would touch the host's files (fileStatement) or the accounts
// (accountStatement); a traditional EXPLAIN (tables.ExplainRows) and SHOW
// DATABASES (showDatabases) are oktasql's too.
func (b *execBuilder) Build(ctx *sql.Context, n sql.Node, row sql.Row) (sql.RowIter, error) {
	if err := fileStatement(n); err != nil {
		return nil, err
	}
	if err := accountStatement(n); err != nil {
		return nil, err
	}
	if k, ok := n.(*plan.Kill); ok {
		b.killed.Store(k.ConnID, true)
	}
	if cte, ok := n.(*plan.RecursiveCte); ok {
		return b.ctes.build(ctx, b.base, cte, row)
	}
	if err := b.ctes.step(ctx, n); err != nil {
		return nil, err
	}
	switch n := n.(type) {
	case *tables.Prefetch:
		return n.RowIter(ctx, b.base, row)
	case *plan.DescribeQuery:
		if !n.Format.Plan && !n.Format.Analyze {
			return sql.RowsToRowIter(tables.ExplainRows(n.Child)...), nil
		}
	case *plan.ShowDatabases:
		return showDatabases(ctx, n)
	}
	return nil, nil
}
