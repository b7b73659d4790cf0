package tables

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/oktasql/oktasql/schema"
)

// bodyOf builds op's request body from row: JSON columns first, then the
// flattened columns over them, of the columns op takes (write-only ones
// included). only, when non-nil, limits it to those columns (a partial
// update). Key columns never go in.
func (t *Table) bodyOf(row sql.Row, only map[string]bool, op *schema.Operation) (map[string]any, error) {
	return t.buildBody(row, op, func(c *schema.Column) bool { return only == nil || only[c.Name] })
}

// wholeBody builds the body of an operation that takes the whole object:
// the row as read with the change made (new), read-only values and the
// nulls of unset values left out. A flattened column goes in only when it
// changed, so it never undoes a change made through the JSON column above
// it.
func (t *Table) wholeBody(verb string, new sql.Row, changed map[string]bool, op *schema.Operation) (map[string]any, error) {
	body, err := t.buildBody(new, op, func(c *schema.Column) bool { return len(c.Path) == 1 || changed[c.Name] })
	if err != nil {
		return nil, err
	}
	for _, path := range op.ReadOnly {
		if parent := objectAt(body, path[:len(path)-1]); parent != nil {
			delete(parent, path[len(path)-1])
		}
	}
	dropNulls(body)
	if err := t.keepsSecrets(op, body); err != nil {
		return nil, err
	}
	return body, t.checkRequired(verb, op, body)
}

// buildBody sets, in a new object, the value of each non-NULL column of
// row that op takes and include admits; the hidden HAL _links and
// _embedded are Okta's, never sent.
func (t *Table) buildBody(row sql.Row, op *schema.Operation, include func(*schema.Column) bool) (map[string]any, error) {
	body := map[string]any{}
	cols := make([]int, 0, len(t.def.Columns))
	for i, c := range t.def.Columns {
		if i >= len(row) || row[i] == nil || c.Hidden || !include(c) || row[i] == "" && t.inPrimaryKey(c.Name) {
			continue // a key column an INSERT leaves out arrives as '' (it is NOT NULL)
		}
		if !op.TakesColumn(c) && !t.keptReadOnly(row, c) {
			continue
		}
		cols = append(cols, i)
	}
	sort.SliceStable(cols, func(a, b int) bool {
		ca, cb := t.def.Columns[cols[a]], t.def.Columns[cols[b]]
		if (ca.Type == schema.TypeJSON) != (cb.Type == schema.TypeJSON) {
			return ca.Type == schema.TypeJSON
		}
		return len(ca.Path) < len(cb.Path)
	})
	for _, i := range cols {
		c := t.def.Columns[i]
		v, ok := jsonValue(row[i])
		if !ok {
			return nil, fmt.Errorf("%s %s: column %s: value %v (%T) cannot be sent to Okta", op.Method, t.def.Name, c.Name, row[i], row[i])
		}
		setPath(body, c.Path, v)
	}
	return body, nil
}

// inPrimaryKey reports whether column name is in the table's primary key.
func (t *Table) inPrimaryKey(name string) bool {
	for _, k := range t.def.PrimaryKey {
		if k == name {
			return true
		}
	}
	return false
}

// patchBody builds a JSON Patch (RFC 6902) body: one replace of each
// changed column's path, or a remove when it is set to NULL.
func (t *Table) patchBody(new sql.Row, changed map[string]bool, op *schema.Operation) ([]any, error) {
	var ops []any
	for _, name := range sortedKeys(changed) {
		i := t.columnIndex(name)
		c := t.def.Columns[i]
		escaped := make([]string, len(c.Path))
		for k, p := range c.Path {
			escaped[k] = strings.NewReplacer("~", "~0", "/", "~1").Replace(p)
		}
		path := "/" + strings.Join(escaped, "/")
		if new[i] == nil {
			ops = append(ops, map[string]any{"op": "remove", "path": path})
			continue
		}
		v, ok := jsonValue(new[i])
		if !ok {
			return nil, fmt.Errorf("%s %s: column %s: value %v (%T) cannot be sent to Okta", op.Method, t.def.Name, c.Name, new[i], new[i])
		}
		ops = append(ops, map[string]any{"op": "replace", "path": path, "value": v})
	}
	return ops, nil
}

// dropNulls removes the null members of obj and of the objects in it.
func dropNulls(obj map[string]any) {
	for k, v := range obj {
		switch v := v.(type) {
		case nil:
			delete(obj, k)
		case map[string]any:
			dropNulls(v)
		}
	}
}

// checkRequired refuses a body that lacks a value op requires, naming the
// column that gives it: a required path whose object the body has.
func (t *Table) checkRequired(verb string, op *schema.Operation, body map[string]any) error {
	for _, path := range op.Required {
		parent := objectAt(body, path[:len(path)-1])
		if v, ok := parent[path[len(path)-1]]; parent == nil || ok && v != nil {
			continue
		}
		name := strings.Join(path, ".")
		if c := t.def.BodyColumn(path); c != nil {
			name = c.Name
		}
		return &MissingValueError{Statement: verb, Table: t.def.Name, Operation: op.ID, Name: name, Fills: "the required body value " + strings.Join(path, ".")}
	}
	return nil
}

// jsonValue converts an engine value to its JSON form.
func jsonValue(v any) (any, bool) {
	switch v := v.(type) {
	case nil:
		return nil, true
	case string, bool, int64, float64:
		return v, true
	case int8:
		return v != 0, true // BOOLEAN columns
	case int, int16, int32, uint8, uint16, uint32, uint64:
		return v, true
	case float32:
		return float64(v), true
	case []byte:
		return string(v), true
	case time.Time:
		return v.UTC().Format("2006-01-02T15:04:05.000Z"), true
	case sql.JSONWrapper:
		x, err := v.ToInterface()
		return x, err == nil
	}
	return nil, false
}

// objectAt returns the object at path in obj, nil when there is none.
func objectAt(obj map[string]any, path []string) map[string]any {
	for _, key := range path {
		next, ok := obj[key].(map[string]any)
		if !ok {
			return nil
		}
		obj = next
	}
	return obj
}

// setPath sets v at path in obj, creating objects on the way; an object
// value is merged into an object already there.
func setPath(obj map[string]any, path []string, v any) {
	for _, key := range path[:len(path)-1] {
		next, ok := obj[key].(map[string]any)
		if !ok {
			next = map[string]any{}
			obj[key] = next
		}
		obj = next
	}
	last := path[len(path)-1]
	if src, ok := v.(map[string]any); ok {
		if dst, ok := obj[last].(map[string]any); ok {
			mergeInto(dst, src)
			return
		}
	}
	obj[last] = v
}

// mergeInto merges src into dst recursively; src wins.
func mergeInto(dst, src map[string]any) {
	for k, v := range src {
		if sv, ok := v.(map[string]any); ok {
			if dv, ok := dst[k].(map[string]any); ok {
				mergeInto(dv, sv)
				continue
			}
		}
		dst[k] = v
	}
}
