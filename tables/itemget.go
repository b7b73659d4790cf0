package tables

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/oktasql/oktasql/planner"
	"github.com/oktasql/oktasql/schema"
)

// itemGets fills, in the rows of a list call, the columns the list leaves
// out and the item's GET returns (schema.Column.FromGet, org contacts'
// user_id): the planner marks such a list call with the GET
// (planner.Call.ItemGet), and each listed item is read again with it.
type itemGets struct {
	// key reads the item column, the GET's item parameter, from a
	// listed item.
	key decoder
	// cols are the positions in the row of the columns the GET fills;
	// dec decodes them from its answer.
	cols []int
	dec  decoder
}

// newItemGets returns the item reads of rows of cols, columns of def; nil
// when none of cols comes from the item GET.
func newItemGets(def *schema.Table, cols []*schema.Column) *itemGets {
	key := def.Column(def.ItemColumn)
	if key == nil || def.ItemParam == "" {
		return nil
	}
	g := &itemGets{key: newDecoder(def, []*schema.Column{key})}
	var fromGet []*schema.Column
	for i, c := range cols {
		if c.FromGet {
			g.cols = append(g.cols, i)
			fromGet = append(fromGet, c)
		}
	}
	if len(fromGet) == 0 {
		return nil
	}
	g.dec = newDecoder(def, fromGet)
	return g
}

// readItem fills row, decoded from the listed item, with what the item
// GET of call.ItemGet answers for it, and logs the GET. An item the GET
// no longer finds (404) keeps those columns NULL.
func (it *callIter) readItem(ctx *sql.Context, call planner.Call, row sql.Row, listed json.RawMessage) error {
	if it.gets == nil {
		it.gets = newItemGets(it.t.def, it.dec.cols)
		if it.gets == nil {
			it.gets = &itemGets{} // nothing to fill
		}
	}
	g := it.gets
	if len(g.cols) == 0 {
		return nil
	}
	keyRow, err := g.key.decode(listed, call.KeyValues)
	if err != nil {
		return err
	}
	if keyRow[0] == nil {
		return nil
	}
	params := make(map[string]string, len(call.PathParams)+1)
	for k, v := range call.PathParams {
		params[k] = v
	}
	params[it.t.def.ItemParam] = fmt.Sprint(keyRow[0])
	get := planner.Call{Kind: planner.CallGet, Operation: call.ItemGet, PathParams: params, Query: url.Values{}, KeyValues: call.KeyValues}
	start := time.Now()
	item, cached, err := it.t.db.org.get(ctx, get)
	rec := requestRecord{table: it.t.def.Name, method: http.MethodGet, path: get.Path(), pages: 1, took: time.Since(start), err: err}
	if cached {
		rec.cached = 1
	}
	if item != nil {
		rec.rows = 1
	}
	it.t.db.org.requests.record(ctx, rec)
	if err != nil || item == nil {
		return err
	}
	vals, err := g.dec.decode(item, call.KeyValues)
	if err != nil {
		return fmt.Errorf("%w (in the answer to GET %s)", err, get.Path())
	}
	for i, pos := range g.cols {
		row[pos] = vals[i]
	}
	return nil
}
