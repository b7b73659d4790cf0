package tables

import (
	"fmt"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/oktasql/oktasql/planner"
)

// An ORDER BY handed to the API (PushOrder) drops the engine's own sort,
// so a server that ignored sortBy, or sorted another way, would give
// wrong rows that look right. orderChecked verifies the order of the rows
// as they come, one comparison per row, and fails the statement at the
// first row out of order: an error instead of a wrong answer.

// ErrOutOfOrder is returned when the API answered a sorted read out of
// the order it was asked for.
var ErrOutOfOrder = fmt.Errorf("oktasql: Okta returned rows out of the requested order")

// orderChecked wraps src, whose rows have t's columns, with the check of
// t.order; src is returned as is when t has no order or its column is not
// read (PushOrder hands the order only to tables that read the column).
func (t *Table) orderChecked(src sql.RowIter) sql.RowIter {
	if len(t.order) != 1 {
		return src
	}
	for i, c := range t.cols {
		if c.Name == t.order[0].Column {
			return &orderCheckIter{src: src, pos: i, typ: sqlType(c), order: t.order[0], table: t.def.Name}
		}
	}
	return src
}

// orderCheckIter yields the rows of src while they are in order.
type orderCheckIter struct {
	src   sql.RowIter
	pos   int
	typ   sql.Type
	order planner.Order
	table string
	prev  any
	n     int
}

// Next returns the next row, or ErrOutOfOrder (wrapped, with the values)
// when it comes before the previous one in the query's order.
func (it *orderCheckIter) Next(ctx *sql.Context) (sql.Row, error) {
	row, err := it.src.Next(ctx)
	if err != nil {
		return nil, err
	}
	v := row[it.pos]
	if it.n > 0 {
		cmp, err := it.typ.Compare(ctx, it.prev, v)
		if err != nil {
			return nil, err
		}
		if (cmp > 0 && !it.order.Desc) || (cmp < 0 && it.order.Desc) {
			dir := "ascending"
			if it.order.Desc {
				dir = "descending"
			}
			return nil, fmt.Errorf("%w: table %s, row %d has %s %v after %v, asked for %s order (SET oktasql_pushdown = 0 sorts in oktasql)", ErrOutOfOrder, it.table, it.n+1, it.order.Column, v, it.prev, dir)
		}
	}
	it.prev = v
	it.n++
	return row, nil
}

// Close stops the read.
func (it *orderCheckIter) Close(ctx *sql.Context) error { return it.src.Close(ctx) }
