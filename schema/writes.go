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
	for _, path := range op.AlwaysRequired() {
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

// AlwaysRequired returns the paths of Required that every body must
// have (each object on the way is required too), leaving out an object's
// path when a path inside it is listed.
func (op *Operation) AlwaysRequired() [][]string {
	required := map[string]bool{}
	for _, p := range op.Required {
		required[strings.Join(p, ".")] = true
	}
	var out [][]string
	for _, p := range op.Required {
		always := true
		for n := 1; n < len(p); n++ {
			always = always && required[strings.Join(p[:n], ".")]
		}
		deeper := false
		for _, q := range op.Required {
			deeper = deeper || len(q) > len(p) && strings.HasPrefix(strings.Join(q, "."), strings.Join(p, ".")+".")
		}
		if always && !deeper {
			out = append(out, p)
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
