package schema

import "strings"

// PathColumns returns, for each path parameter of op in order, the column
// whose value fills it: the key at its position, else the item column.
// A parameter no column fills maps to "".
func (t *Table) PathColumns(op *Operation) []string {
	params := PathParams(op.Path)
	out := make([]string, len(params))
	for i, name := range params {
		switch k := t.KeyFor(op, name); {
		case k != nil:
			out[i] = k.Column
		case i == len(params)-1 && t.ItemColumn != "":
			out[i] = t.ItemColumn
		}
	}
	return out
}

// BodyColumn returns the column that holds the body value at path: the
// column at that path, else the nearest column holding an object it is
// in (profile for profile.userName when there is no profile_user_name).
func (t *Table) BodyColumn(path []string) *Column {
	for n := len(path); n > 0; n-- {
		if c := t.ColumnAt(path[:n]...); c != nil && !c.FromCall() && (n == len(path) || c.Type == TypeJSON) {
			return c
		}
	}
	return nil
}

// RequiredColumns lists what a write of t through op needs: the columns
// filling its path, the columns holding its required body values, and
// @name for each required query parameter (a user variable gives it).
// A required body value no column holds is listed by its path.
func (t *Table) RequiredColumns(op *Operation) []string {
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		if name != "" && !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	for _, c := range t.PathColumns(op) {
		add(c)
	}
	for _, path := range op.Required {
		if c := t.BodyColumn(path); c != nil {
			add(c.Name)
		} else {
			add(strings.Join(path, "."))
		}
	}
	for _, p := range op.Params {
		if p.In == "query" && p.Required {
			add("@" + p.Name)
		}
	}
	return out
}

// TakesColumn reports whether op's body takes the value of column c: its
// top-level property is one op declares, or op declares none.
func (op *Operation) TakesColumn(c *Column) bool {
	if len(c.Path) == 0 || c.FromCall() {
		return false
	}
	if len(op.Properties) == 0 {
		return !c.ReadOnly
	}
	for _, p := range op.Properties {
		if p == c.Path[0] {
			return true
		}
	}
	return false
}
