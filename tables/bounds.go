package tables

import (
	"fmt"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/oktasql/oktasql/schema"
)

// bounds are the ranges of an index lookup that a table's rows must fall
// in. go-mysql-server trusts an index: in a lookup join it drops the join
// conditions the lookup's key covers, so the table itself must return
// exactly the rows inside the ranges. The planner pushes what the API can
// take of them (a path key, a point GET); bounds drop every other row.
type bounds struct {
	columns []string
	ranges  sql.MySQLRangeCollection
}

// newBounds copies ranges: in lookup joins go-mysql-server reuses them
// from one probe to the next.
func newBounds(columns []string, ranges sql.MySQLRangeCollection) *bounds {
	cp := make(sql.MySQLRangeCollection, len(ranges))
	for i, r := range ranges {
		cp[i] = append(sql.MySQLRange(nil), r...)
	}
	return &bounds{columns: columns, ranges: cp}
}

// contains reports whether the values (of b.columns, in order) fall in one
// of the ranges.
func (b *bounds) contains(values []any) (bool, error) {
	for _, r := range b.ranges {
		in := true
		for i := 0; in && i < len(r) && i < len(values); i++ {
			ok, err := rangeContains(r[i], values[i])
			if err != nil {
				return false, err
			}
			in = ok
		}
		if in {
			return true, nil
		}
	}
	return false, nil
}

// rangeContains reports whether v lies between the range's bounds.
func rangeContains(r sql.MySQLRangeColumnExpr, v any) (bool, error) {
	var below, above sql.MySQLRangeCut = sql.Below{Key: v}, sql.Above{Key: v}
	if v == nil {
		below, above = sql.BelowNull{}, sql.AboveNull{}
	}
	lo, err := r.LowerBound.Compare(below, r.Typ)
	if err != nil || lo > 0 {
		return false, err
	}
	hi, err := above.Compare(r.UpperBound, r.Typ)
	return hi <= 0, err
}

// boundedRows reads a partition with bounds: rows are decoded with the
// bound columns the projection leaves out, checked, and trimmed back to
// the table's columns.
func (t *Table) boundedRows(p *partition) sql.RowIter {
	cols := append([]*schema.Column(nil), t.cols...)
	pos := make([]int, len(p.bounds.columns))
	for i, name := range p.bounds.columns {
		pos[i] = -1
		for k, c := range cols {
			if c.Name == name {
				pos[i] = k
			}
		}
		if pos[i] < 0 {
			pos[i] = len(cols)
			cols = append(cols, t.def.Column(name))
		}
	}
	return &boundedIter{
		src:   &rowIter{t: t, where: p.where, dec: newDecoder(t.def, cols)},
		b:     p.bounds,
		pos:   pos,
		width: len(t.cols),
	}
}

// boundedIter yields the rows of src that fall in b.
type boundedIter struct {
	src   sql.RowIter
	b     *bounds
	pos   []int // the bound columns' positions in src's rows
	width int   // the table's columns: the rest is cut off
}

// Next returns the next row inside the bounds.
func (it *boundedIter) Next(ctx *sql.Context) (sql.Row, error) {
	values := make([]any, len(it.pos))
	for {
		row, err := it.src.Next(ctx)
		if err != nil {
			return nil, err
		}
		for i, p := range it.pos {
			values[i] = row[p]
		}
		in, err := it.b.contains(values)
		if err != nil {
			return nil, fmt.Errorf("oktasql: checking a lookup's key: %w", err)
		}
		if in {
			return row[:it.width], nil
		}
	}
}

// Close stops the read.
func (it *boundedIter) Close(ctx *sql.Context) error { return it.src.Close(ctx) }
