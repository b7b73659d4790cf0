package openapi

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/oktasql/oktasql/schema"
)

// hiddenProps are item properties kept out of SELECT *.
var hiddenProps = map[string]bool{"_links": true, "_embedded": true}

// buildColumns returns a table's columns: the key columns, then for each
// item property (id first, then by name) a typed scalar column or a JSON
// column, followed for objects by one flattened column per scalar
// sub-property (profile_login), then the curated deeper paths under that
// property (credentials_provider_type). A non-object item is one column,
// "value", holding the whole item; so is an object that declares no
// properties. Names are deduplicated with _2, _3...
func buildColumns(keys []schema.KeyColumn, item *shape, curated [][]string, paramDesc map[string]string) []*schema.Column {
	var cols []*schema.Column
	used := map[string]bool{}
	add := func(c *schema.Column) {
		name := c.Name
		for i := 2; used[name]; i++ {
			name = c.Name + "_" + strconv.Itoa(i)
		}
		c.Name = name
		used[name] = true
		cols = append(cols, c)
	}
	for _, k := range keys {
		add(&schema.Column{Name: k.Column, Type: schema.TypeString, PathParam: k.PathParam, Comment: paramDesc[k.PathParam]})
	}
	if item == nil || item.kind != "object" || len(item.props) == 0 {
		c := &schema.Column{Name: "value", Type: schema.TypeJSON}
		if item != nil {
			c.Type = columnType(item)
			c.Enum = item.enum
		}
		add(c)
		return cols
	}
	// id first, then by name, with the hidden _links and _embedded last.
	var names, hidden []string
	for _, n := range sortedKeys(item.props) {
		switch {
		case n == "id":
			names = append([]string{n}, names...)
		case hiddenProps[n]:
			hidden = append(hidden, n)
		default:
			names = append(names, n)
		}
	}
	names = append(names, hidden...)
	for _, n := range names {
		p := item.props[n]
		add(column([]string{n}, p, hiddenProps[n]))
		if p.kind != "object" || hiddenProps[n] {
			continue
		}
		for _, sub := range sortedKeys(p.props) {
			if sp := p.props[sub]; isScalar(sp) {
				add(column([]string{n, sub}, sp, false))
			}
		}
		for _, path := range curated {
			if len(path) > 2 && path[0] == n {
				if sp := lookup(item, path); sp != nil {
					add(column(path, sp, false))
				}
			}
		}
	}
	return cols
}

// column makes the column for the value at path.
func column(path []string, sh *shape, hidden bool) *schema.Column {
	words := make([]string, len(path))
	for i, p := range path {
		words[i] = snake(p)
	}
	c := &schema.Column{Name: strings.Join(words, "_"), Type: columnType(sh), Path: path, Hidden: hidden, ReadOnly: sh.readOnly, Nullable: sh.nullable, Comment: sh.desc}
	if isScalar(sh) {
		c.Enum = sh.enum
	}
	return c
}

// lookup follows path through nested object shapes.
func lookup(sh *shape, path []string) *shape {
	for _, p := range path {
		if sh == nil || sh.kind != "object" {
			return nil
		}
		sh = sh.props[p]
	}
	return sh
}

// isScalar reports whether a shape is a string, boolean or number.
func isScalar(sh *shape) bool {
	switch sh.kind {
	case "string", "boolean", "integer", "number":
		return true
	}
	return false
}

// atoi parses a decimal integer default such as "200" or "-1".
func atoi(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		var f float64
		if _, ferr := fmt.Sscan(s, &f); ferr != nil {
			return 0, false
		}
		return int(f), true
	}
	return n, true
}
