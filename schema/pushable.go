package schema

import "strings"

// PushableColumns returns, in column order, the columns a predicate on
// which the list endpoint can evaluate server-side: key columns, and the
// columns whose JSON path is a filter or search field (or under their
// AnyPrefix), a q field, a bound parameter's field or the time range's.
func (t *Table) PushableColumns() []string {
	fields := map[string]bool{}
	var prefixes []string
	if p := t.Pushdown; p != nil {
		for _, g := range []*Grammar{p.Filter, p.Search} {
			if g == nil {
				continue
			}
			for f := range g.Fields {
				fields[f] = true
			}
			if g.AnyPrefix != "" {
				prefixes = append(prefixes, g.AnyPrefix)
			}
		}
		if p.Q != nil {
			for _, f := range p.Q.Fields {
				fields[f] = true
			}
		}
		for _, b := range p.Params {
			fields[b.Field] = true
		}
		if p.TimeRange != nil {
			fields[p.TimeRange.Field] = true
		}
	}
	var out []string
	for _, c := range t.Columns {
		path := strings.Join(c.Path, ".")
		ok := c.FromCall() || fields[path]
		for _, pre := range prefixes {
			ok = ok || (len(c.Path) > 1 && strings.HasPrefix(path, pre))
		}
		if ok {
			out = append(out, c.Name)
		}
	}
	return out
}
