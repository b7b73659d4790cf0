package tables

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"

	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/schema"
)

// sqlType maps a catalog column type to its SQL type.
func sqlType(c *schema.Column) sql.Type {
	if c == nil {
		return types.LongText
	}
	switch c.Type {
	case schema.TypeBoolean:
		return types.Boolean
	case schema.TypeInteger:
		return types.Int64
	case schema.TypeNumber:
		return types.Float64
	case schema.TypeDatetime:
		return types.DatetimeMaxPrecision
	case schema.TypeJSON:
		return types.JSON
	}
	if c.FromCall() || c.Name == "id" {
		return idType
	}
	return types.LongText
}

// idType is the type of ids and key columns: a VARCHAR, so they can be
// indexed and shown as keys by every client.
var idType = types.MustCreateStringWithDefaults(sqltypes.VarChar, 255)

// decoder turns one API item into a row of the given columns. It decodes
// only the members the columns read, skipping the rest of the item.
type decoder struct {
	table string
	// objects says the table's items are JSON objects (a column of the
	// table reads a member): an item of another kind is an error, never
	// a row of NULLs.
	objects bool
	cols    []*schema.Column
	trie    *pathTrie
	whole   []int // columns holding the whole item (an empty path)
}

// newDecoder returns the decoder of cols, columns of the table def.
func newDecoder(def *schema.Table, cols []*schema.Column) decoder {
	d := decoder{table: def.Name, cols: cols, trie: &pathTrie{}}
	for _, c := range def.Columns {
		d.objects = d.objects || len(c.Path) > 0
	}
	for i, c := range cols {
		switch {
		case c.FromCall():
		case len(c.Path) == 0:
			d.whole = append(d.whole, i)
		default:
			node := d.trie
			for _, key := range c.Path {
				node = node.child(key)
			}
			node.columns = append(node.columns, i)
		}
	}
	return d
}

// decode builds the row for item; keys supplies the key columns' values,
// which come from the request path rather than the item.
func (d decoder) decode(item json.RawMessage, keys map[string]string) (sql.Row, error) {
	row := make(sql.Row, len(d.cols))
	for i, c := range d.cols {
		if c.FromCall() {
			if v, ok := keys[c.Name]; ok {
				row[i] = v
			}
		}
	}
	set := func(col int, raw []byte) error {
		v, err := scalar(raw)
		if err != nil {
			return err
		}
		if row[col], err = columnValue(d.cols[col], v); err != nil {
			return fmt.Errorf("column %s: value %s %w", d.cols[col].Name, clip(raw), err)
		}
		return nil
	}
	start := skipSpace(item, 0)
	if d.objects && (start == len(item) || item[start] != '{') {
		return nil, fmt.Errorf("oktasql: table %s: an item is %s where the spec declares an object", d.table, fetcher.JSONKind(item))
	}
	end, err := scanObject(item, start, d.trie, set)
	if err == nil && skipSpace(item, end) != len(item) {
		err = fmt.Errorf("%w: trailing data at offset %d", errJSON, end)
	}
	if err != nil {
		return nil, fmt.Errorf("oktasql: table %s: decoding an item: %w", d.table, err)
	}
	for _, col := range d.whole {
		if err := set(col, item[start:end]); err != nil {
			return nil, fmt.Errorf("oktasql: table %s: %w", d.table, err)
		}
	}
	return row, nil
}

// clip is a raw JSON value shortened for an error message.
func clip(raw []byte) string {
	const most = 80
	if len(raw) <= most {
		return string(raw)
	}
	return string(raw[:most]) + "..."
}

// columnValue converts a decoded JSON value to the column's SQL value.
// A value of another JSON type than the column's is kept as its text for
// string columns and is an error otherwise, never silently dropped; the
// error completes "value <raw JSON> ...".
func columnValue(c *schema.Column, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch c.Type {
	case schema.TypeJSON:
		return types.JSONDocument{Val: v}, nil
	case schema.TypeString:
		switch v := v.(type) {
		case string:
			return v, nil
		case bool:
			return strconv.FormatBool(v), nil
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64), nil
		}
		b, err := json.Marshal(v)
		return string(b), err
	case schema.TypeBoolean:
		if b, ok := v.(bool); ok {
			if b {
				return int8(1), nil
			}
			return int8(0), nil
		}
	case schema.TypeInteger:
		switch v := v.(type) {
		case float64:
			if v == math.Trunc(v) {
				return int64(v), nil
			}
		case string:
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				return n, nil
			}
		}
	case schema.TypeNumber:
		switch v := v.(type) {
		case float64:
			return v, nil
		case string:
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				return f, nil
			}
		}
	case schema.TypeDatetime:
		if s, ok := v.(string); ok {
			t, ok := parseTime(s)
			if !ok {
				return nil, errors.New("is not a date and time")
			}
			return t, nil
		}
	}
	return nil, fmt.Errorf("does not fit type %s", c.Type)
}
