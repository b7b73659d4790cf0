package tables

import (
	"math"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/memo"

	"github.com/oktasql/oktasql/planner"
)

// APICoster prices joins into the API by what they cost there: requests.
// The default coster assumes a table scan is cheap to repeat and believes a
// pushed-down lookup returns one row, so left alone it would read a key
// table (group_members) in full, fanning out over its parent, or re-read an
// API table once per row of another. Here a join that reads an oktasql
// table pays, in requests, for how it reads it: a lookup join one request
// per outer row, a hash join one scan of the inner table, a nested loop one
// scan per outer row, and any join a fan-out when it reads a key table
// without its key.
type APICoster struct{ memo.Coster }

// Cost units (the default coster counts one per row read).
const (
	requestCost   = 1e3 // one API request
	fanOutPenalty = 1e9 // reading a key table without its key
	pageRows      = 200 // rows per page, for turning rows into requests
	filteredShare = 0.1 // the share of a table a filtered read returns
	// lostDistinctPenalty rules out a plan that would return wrong rows.
	lostDistinctPenalty = 1e15
)

// EstimateCost implements memo.Coster.
func (c APICoster) EstimateCost(ctx *sql.Context, n memo.RelExpr, s sql.StatsProvider) (float64, error) {
	cost, err := c.Coster.EstimateCost(ctx, n, s)
	if err != nil {
		return cost, err
	}
	jr, ok := n.(memo.JoinRel)
	if !ok {
		if readsAPI(n.Group()) {
			// A projection or filter over API rows costs CPU, nothing
			// next to a request, whatever go-mysql-server's row estimate
			// of a join below it (which can be astronomical).
			return math.Min(cost, requestCost), nil
		}
		return cost, nil
	}
	jp := jr.JoinPrivate()
	var penalty float64
	leftFansOut := scansKeyTable(ctx, jp.Left)
	if leftFansOut {
		penalty += fanOutPenalty
	}
	if !readsAPI(jp.Right) {
		return cost + penalty, nil
	}
	outer := estimateRows(ctx, jp.Left)
	inner := math.Ceil(estimateRows(ctx, jp.Right) / pageRows)
	switch {
	case jp.Op.IsLookup() && jp.Right.RelProps.Distinct.IsHash():
		// The inner join go-mysql-server makes of a semi join (EXISTS,
		// IN (subquery)) reads a distinct right side; as a lookup join it
		// loses that Distinct and returns a left row once per match. The
		// semi lookup join it came from answers right.
		return cost + penalty + lostDistinctPenalty, nil
	}
	// Requests price a join into the API. go-mysql-server's own estimate
	// only breaks ties: multiplied out from table sizes it can be
	// astronomical (a hash join over two System Log reads, a semi lookup
	// join), which would choose a plan that reads the API once per row.
	var requests float64
	switch {
	case jp.Op.IsLookup():
		requests = outer
	case jp.Op.IsHash() || jp.Op.IsMerge():
		requests = inner
	default:
		requests = outer * inner
	}
	// go-mysql-server costs a table read at nothing: a join pays for
	// reading its left side when that is a table (a join there has its
	// own price), or users JOIN api_tokens would cost what api_tokens
	// JOIN users does.
	if singleTable(jp.Left) != nil && !leftFansOut {
		requests += math.Ceil(outer / pageRows)
	}
	if !jp.Op.IsLookup() && scansKeyTable(ctx, jp.Right) {
		penalty += fanOutPenalty
	}
	return requests*requestCost + math.Min(cost, requestCost) + penalty, nil
}

// estimateRows is the rows a group yields. A read of one oktasql table
// yields the table's estimate (Table.RowCount: its size at its last whole
// read, else a guess), a filtered share of it when filtered; go-mysql-
// server's own estimate takes a pushed-down lookup for one row, which it
// seldom is, and knows no table's size. Other groups keep go-mysql-
// server's estimate, at least a filtered share of the oktasql tables in
// them.
func estimateRows(ctx *sql.Context, g *memo.ExprGroup) float64 {
	if t := singleTable(g); t != nil {
		n, _, _ := t.RowCount(ctx)
		est := float64(n)
		switch g.Best.(type) {
		case *memo.Filter, *memo.IndexScan:
			est *= filteredShare
		}
		return math.Max(est, 1)
	}
	est := float64(g.RelProps.GetStats().RowCount())
	for _, tn := range g.RelProps.TableIdNodes() {
		if t := ourTableNode(tn); t != nil {
			n, _, _ := t.RowCount(ctx)
			est = math.Max(est, float64(n)*filteredShare)
		}
	}
	return math.Max(est, 1)
}

// singleTable returns the oktasql table g reads, when g reads one table
// and nothing else.
func singleTable(g *memo.ExprGroup) *Table {
	if nodes := g.RelProps.TableIdNodes(); len(nodes) == 1 {
		return ourTableNode(nodes[0])
	}
	return nil
}

// scansKeyTable reports whether g reads an oktasql key table without a
// lookup or a filter that binds its key.
func scansKeyTable(ctx *sql.Context, g *memo.ExprGroup) bool {
	for _, tn := range g.RelProps.TableIdNodes() {
		if t := ourTableNode(tn); t != nil && len(t.def.Keys) > 0 {
			if _, indexed := g.Best.(*memo.IndexScan); !indexed && !keysBound(ctx, g.Best, t) {
				return true
			}
		}
	}
	return false
}

// keysBound reports whether e is a filter that gives each key column of t
// its values (group_members WHERE group_id = '00g…'): a read of the listed
// parents, not a fan-out.
func keysBound(ctx *sql.Context, e memo.RelExpr, t *Table) bool {
	f, ok := e.(*memo.Filter)
	if !ok {
		return false
	}
	bound := map[string]bool{}
	for _, c := range keyConjuncts(t.def, conjuncts(ctx, t.def, f.Filters)) {
		bound[c.(planner.Cmp).Column] = true
	}
	return len(bound) == len(t.def.Keys)
}

// readsAPI reports whether g reads any oktasql table.
func readsAPI(g *memo.ExprGroup) bool {
	for _, tn := range g.RelProps.TableIdNodes() {
		if ourTableNode(tn) != nil {
			return true
		}
	}
	return false
}

func ourTableNode(n sql.Node) *Table {
	for n != nil {
		if tn, ok := n.(sql.TableNode); ok {
			return ourTable(tn.UnderlyingTable())
		}
		children := n.Children()
		if len(children) != 1 {
			return nil
		}
		n = children[0]
	}
	return nil
}
