package tables

import (
	"fmt"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"

	"github.com/oktasql/oktasql/planner"
	"github.com/oktasql/oktasql/schema"
)

// GetIndexes returns the declared indexes (only the key columns' when the
// table is read plain).
func (t *Table) GetIndexes(*sql.Context) ([]sql.Index, error) {
	return t.indexes, nil
}

// PreciseMatch is false: Okta's matching differs from SQL's in case and
// array semantics, so the engine re-checks every predicate on every row.
func (t *Table) PreciseMatch() bool { return false }

// SkipIndexCosting lets key ranges still go through go-mysql-server's own
// index costing when no conjunct could be pushed.
func (t *Table) SkipIndexCosting() bool { return false }

// LookupForExpressions receives every conjunct of the table's filter and
// keeps those the planner can turn into Okta request parameters. The
// returned lookup carries them on a copy of the first index; the residual
// filter is the whole filter, since the engine re-checks anyway. A key
// column equal to a column of the outer query (a correlated subquery's
// s.user_id = t.user_id) takes no lookup here: go-mysql-server then looks
// the table up by that key for each outer row (applyIndexesFromOuterScope,
// which skips a table that has an index access already), where a lookup
// here would read the table for every parent, once per outer row.
func (t *Table) LookupForExpressions(ctx *sql.Context, exprs ...sql.Expression) (sql.IndexLookup, *sql.FuncDepSet, sql.Expression, bool, error) {
	if t.keyFromOuterRow(exprs) {
		return sql.IndexLookup{}, nil, nil, false, nil
	}
	pushed := conjuncts(ctx, t.def, exprs)
	if t.plain {
		pushed = keyConjuncts(t.def, pushed)
	}
	if len(t.indexes) == 0 {
		return sql.IndexLookup{}, nil, nil, false, nil
	}
	if len(pushed) == 0 {
		if !t.rangeDiffers(ctx, exprs) {
			return sql.IndexLookup{}, nil, nil, false, nil
		}
		// An index range would look the value up as the column's own
		// string, where MySQL compares otherwise: a full read, with the
		// engine comparing, keeps MySQL's answer.
		pushed = []planner.Expr{}
	}
	idx := t.indexes[0].(*index).withPushed(pushed)
	return sql.IndexLookup{Index: idx, Ranges: idx.allRanges()}, nil, expression.JoinAnd(exprs...), true, nil
}

// keyFromOuterRow reports whether a conjunct equates a key column of t
// with a column of another table: in a table's own filter, that is the
// outer query's row.
func (t *Table) keyFromOuterRow(exprs []sql.Expression) bool {
	for _, e := range exprs {
		eq, ok := e.(*expression.Equals)
		if !ok {
			continue
		}
		l, lok := eq.Left().(*expression.GetField)
		r, rok := eq.Right().(*expression.GetField)
		if !lok || !rok || strings.EqualFold(l.Table(), r.Table()) {
			continue
		}
		if t.def.Key(strings.ToLower(l.Name())) != nil || t.def.Key(strings.ToLower(r.Name())) != nil {
			return true
		}
	}
	return false
}

// rangeDiffers reports whether a conjunct compares an indexed string column
// in a way an index range on it would not: with a constant that is not a
// string (MySQL compares 'abc' = 0 as numbers), or under another collation
// than the column's (id = 'x' COLLATE utf8mb4_unicode_ci ignores case).
func (t *Table) rangeDiffers(ctx *sql.Context, exprs []sql.Expression) bool {
	indexed := map[string]bool{}
	for _, idx := range t.indexes {
		for _, c := range idx.(*index).columns {
			indexed[c] = true
		}
	}
	for _, e := range exprs {
		var operands []sql.Expression
		switch e := e.(type) {
		case *expression.Equals, *expression.NullSafeEquals, *expression.GreaterThan, *expression.GreaterThanOrEqual,
			*expression.LessThan, *expression.LessThanOrEqual, *expression.InTuple, *expression.HashInTuple:
			operands = e.Children()
		case *expression.Between:
			operands = []sql.Expression{e.Val, e.Lower, e.Upper}
		default:
			continue
		}
		var col *schema.Column
		for _, o := range operands {
			if c := columnOf(t.def, o); c != nil && c.Type == schema.TypeString && indexed[c.Name] {
				col = c
			}
		}
		if col == nil {
			continue
		}
		for _, o := range operands {
			if !ownCollation(ctx, col, operands[0], o) {
				return true
			}
			for _, v := range constants(ctx, o) {
				if _, isString := v.(string); !isString && v != nil {
					return true
				}
			}
		}
	}
	return false
}

// constants returns the values of e, a constant or a tuple of constants;
// none for anything else.
func constants(ctx *sql.Context, e sql.Expression) []any {
	if tuple, ok := e.(expression.Tuple); ok {
		var out []any
		for _, el := range tuple {
			out = append(out, constants(ctx, el)...)
		}
		return out
	}
	if v, ok := constant(ctx, e); ok {
		return []any{v}
	}
	return nil
}

// keyConjuncts keeps the equalities (= and IN) on key columns: all a plain
// read sends.
func keyConjuncts(def *schema.Table, where []planner.Expr) []planner.Expr {
	var out []planner.Expr
	for _, e := range where {
		c, ok := e.(planner.Cmp)
		if ok && (c.Op == planner.OpEq || c.Op == planner.OpIn) && def.Key(c.Column) != nil {
			out = append(out, c)
		}
	}
	return out
}

// IndexedAccess returns the table constrained to lookup.
func (t *Table) IndexedAccess(_ *sql.Context, lookup sql.IndexLookup) sql.IndexedTable {
	return &indexedTable{Table: t, lookup: lookup}
}

// indexedTable is a Table read through an index lookup.
type indexedTable struct {
	*Table
	lookup sql.IndexLookup
}

var _ sql.IndexedTable = (*indexedTable)(nil)

// LookupPartitions turns the lookup into a partition whose conjuncts the
// planner will push: the ones LookupForExpressions kept, or equality on the
// key columns from point ranges (lookup joins, WHERE id IN (...)).
func (it *indexedTable) LookupPartitions(_ *sql.Context, lookup sql.IndexLookup) (sql.PartitionIter, error) {
	p, err := it.lookupPartition(lookup)
	if err != nil {
		return nil, err
	}
	return newPartitionIter(p), nil
}

// lookupPartition is the partition LookupPartitions returns.
func (t *Table) lookupPartition(lookup sql.IndexLookup) (*partition, error) {
	if lookup.IsEmptyRange {
		return &partition{empty: true}, nil
	}
	idx, ok := lookup.Index.(*index)
	if !ok {
		return nil, fmt.Errorf("oktasql: table %s got a lookup on a foreign index %s", t.def.Name, lookup.Index.ID())
	}
	if idx.pushed != nil {
		return &partition{where: idx.pushed}, nil
	}
	ranges, ok := lookup.Ranges.(sql.MySQLRangeCollection)
	if !ok {
		return nil, fmt.Errorf("oktasql: table %s got a lookup with ranges of type %T", t.def.Name, lookup.Ranges)
	}
	return &partition{where: pointConjuncts(idx.columns, ranges), bounds: newBounds(idx.columns, ranges)}, nil
}

// pointConjuncts returns, for each index column on which every range is a
// single value, an IN over those values. Values are copied: in lookup joins
// the ranges are reused between probes.
func pointConjuncts(columns []string, ranges sql.MySQLRangeCollection) []planner.Expr {
	var out []planner.Expr
	for i, col := range columns {
		values := make([]any, 0, len(ranges))
		for _, r := range ranges {
			if i >= len(r) {
				values = nil
				break
			}
			v, ok := pointValue(r[i])
			if !ok {
				values = nil
				break
			}
			values = append(values, v)
		}
		if len(values) == 0 {
			continue
		}
		op := planner.OpIn
		if len(values) == 1 {
			op = planner.OpEq
		}
		out = append(out, planner.Cmp{Column: col, Op: op, Values: values})
	}
	return out
}

func pointValue(r sql.MySQLRangeColumnExpr) (any, bool) {
	lo, ok1 := r.LowerBound.(sql.Below)
	hi, ok2 := r.UpperBound.(sql.Above)
	if !ok1 || !ok2 || lo.Key == nil || hi.Key == nil {
		return nil, false
	}
	a, ok := literalValue(lo.Key)
	if !ok {
		return nil, false
	}
	b, ok := literalValue(hi.Key)
	if !ok || fmt.Sprint(a) != fmt.Sprint(b) || a == "" {
		return nil, false
	}
	return a, true
}
