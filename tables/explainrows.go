package tables

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"

	"github.com/oktasql/oktasql/planner"
)

// Access kinds of the type column of a traditional EXPLAIN.
const (
	accessPointGet = "point GET" // GET /items/{id}
	accessSearch   = "search"    // a list narrowed by search, filter or q
	accessScan     = "scan"      // a plain list
	accessFanOut   = "fan-out"   // the table read under every parent row
	accessPerRow   = "per row"   // a join's lookup, one request per outer row
	accessNone     = "none"      // no row can match: no request
)

// ExplainRows renders the traditional EXPLAIN of an analyzed plan, one row
// per table read in plan order, in MySQL's columns: the table (or its
// alias), the access in type, and in Extra the API calls and the
// estimated requests. go-mysql-server's own is one row of NULLs;
// FORMAT=TREE keeps the detail of the whole plan.
func ExplainRows(n sql.Node) []sql.Row {
	var rows []sql.Row
	add := func(name string, t sql.Table) {
		kind, extra := "ALL", ""
		for {
			w, ok := t.(sql.TableWrapper)
			if !ok {
				break
			}
			t = w.Underlying()
		}
		switch t := t.(type) {
		case *Table:
			kind, extra = t.access(nil)
		case keyedTable:
			kind, extra = t.access(nil)
		case *indexedTable:
			where, perRow := t.explainWhere()
			if perRow != "" {
				kind, extra = accessPerRow, perRow
			} else {
				kind, extra = t.access(where)
			}
		}
		rows = append(rows, sql.Row{uint64(1), "SIMPLE", name, nil, kind, nil, nil, nil, nil, nil, nil, extra})
	}
	transform.Inspect(n, func(n sql.Node) bool {
		switch n := n.(type) {
		case *plan.TableAlias:
			if t := tableOf(n.Child); t != nil {
				add(n.Name(), t)
				return false
			}
		case *plan.ResolvedTable:
			if !plan.IsDualTable(n.Table) {
				add(n.Name(), n.Table)
			}
			return false
		case *plan.IndexedTableAccess:
			add(n.Name(), n.Table)
			return false
		}
		return true
	})
	if len(rows) == 0 {
		rows = append(rows, sql.Row{uint64(1), "SIMPLE", nil, nil, nil, nil, nil, nil, nil, nil, nil, "No tables used"})
	}
	return rows
}

// tableOf returns the table a table node reads, nil for other nodes.
func tableOf(n sql.Node) sql.Table {
	switch n := n.(type) {
	case *plan.ResolvedTable:
		return n.Table
	case *plan.IndexedTableAccess:
		return n.Table
	}
	return nil
}

// access classifies the read of the table under where and lists its calls
// and estimated requests.
func (t *Table) access(where []planner.Expr) (kind, extra string) {
	p, err := t.plan(where, planner.Partitions{})
	if err != nil {
		return "ALL", "error: " + err.Error()
	}
	return accessKind(p), strings.Join(p.Explain(), "; ")
}

// accessKind names how a plan reads its table.
func accessKind(p *planner.Plan) string {
	if p.FanOut != nil {
		return accessFanOut
	}
	if len(p.Calls) == 0 {
		return accessNone
	}
	kind := accessPointGet
	for _, c := range p.Calls {
		if c.Kind == planner.CallGet {
			continue
		}
		if c.Query.Has("search") || c.Query.Has("filter") || c.Query.Has("q") {
			kind = accessSearch
		} else if kind != accessSearch {
			kind = accessScan
		}
	}
	return kind
}
