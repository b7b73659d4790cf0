package tables

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/memo"
)

// apiCoster adjusts go-mysql-server's join costs to what joins cost over an
// API. The default coster assumes a table scan is cheap to repeat and
// believes a pushed-down lookup returns one row, so it happily reads a key
// table (group_members) in full, fanning out over its parent, and probes
// the parent per row. Here every join that reads a key table other than
// through a lookup on its key pays the fan-out, and a nested-loop join pays
// for re-reading its right side once per left row.
type apiCoster struct{ memo.Coster }

// Penalties, in the default coster's units (one sequential row read).
const (
	fanOutPenalty = 1e7
	rereadPenalty = 1e4
)

// EstimateCost implements memo.Coster.
func (c apiCoster) EstimateCost(ctx *sql.Context, n memo.RelExpr, s sql.StatsProvider) (float64, error) {
	cost, err := c.Coster.EstimateCost(ctx, n, s)
	if err != nil {
		return cost, err
	}
	jr, ok := n.(memo.JoinRel)
	if !ok {
		return cost, nil
	}
	jp := jr.JoinPrivate()
	if scansKeyTable(jp.Left) {
		cost += fanOutPenalty
	}
	if jp.Op.IsLookup() {
		return cost, nil
	}
	if scansKeyTable(jp.Right) {
		cost += fanOutPenalty
	}
	if !jp.Op.IsHash() && !jp.Op.IsMerge() && readsAPI(jp.Right) {
		cost += float64(jp.Left.RelProps.GetStats().RowCount()) * rereadPenalty
	}
	return cost, nil
}

// scansKeyTable reports whether g reads an oktasql key table without a
// lookup that binds its key.
func scansKeyTable(g *memo.ExprGroup) bool {
	for _, tn := range g.RelProps.TableIdNodes() {
		if t := ourTableNode(tn); t != nil && len(t.def.Keys) > 0 {
			if _, indexed := g.Best.(*memo.IndexScan); !indexed {
				return true
			}
		}
	}
	return false
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
