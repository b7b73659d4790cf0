package refdocs

import (
	"strings"
	"time"

	"github.com/oktasql/oktasql/planner"
	"github.com/oktasql/oktasql/schema"
)

// The pushdown sections are not written from the grammar by hand: each
// WHERE form, ORDER BY and LIMIT is planned (planner.Build, no I/O), and
// the page states the request the plan makes, so the page says what the
// planner does today.

// probeNow is the clock of probe plans (System Log's until), fixed so the
// pages are stable.
var probeNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// probeTime is the datetime value of the probes.
var probeTime = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)

// pushed is one WHERE form on a column and the request it makes.
type pushed struct {
	column string
	expr   planner.Cmp
	sql    string // the predicate, as SQL
	sent   string // the requests of its plan
	exact  bool   // the plan counts it pushed; false: Okta narrows it
}

// forms returns the predicates probed on col: the comparisons of its type
// with sample values (the column's enum values when it has some).
func forms(col *schema.Column) []planner.Cmp {
	var one, two any
	switch col.Type {
	case schema.TypeString:
		one, two = "v", "w"
		if len(col.Enum) > 1 {
			one, two = col.Enum[0], col.Enum[1]
		}
	case schema.TypeDatetime:
		one, two = probeTime, probeTime.AddDate(0, 1, 0)
	case schema.TypeInteger:
		one, two = int64(1), int64(2)
	case schema.TypeNumber:
		one, two = 1.5, 2.5
	case schema.TypeBoolean:
		one, two = true, false
	default:
		return nil
	}
	c := func(op planner.Op, vals ...any) planner.Cmp {
		return planner.Cmp{Column: col.Name, Op: op, Values: vals}
	}
	out := []planner.Cmp{c(planner.OpEq, one), c(planner.OpIn, one, two), c(planner.OpNe, one)}
	if col.Type != schema.TypeBoolean {
		out = append(out, c(planner.OpLt, one), c(planner.OpLe, one), c(planner.OpGt, one), c(planner.OpGe, one))
	}
	if col.Type == schema.TypeString {
		out = append(out, c(planner.OpPrefix, one), c(planner.OpContains, one), c(planner.OpSuffix, one))
	}
	return append(out, c(planner.OpNull), c(planner.OpNotNull))
}

// pushdowns plans every form on every pushable column of t and returns
// those that change the request, in column order.
func pushdowns(t *schema.Table) []pushed {
	base := plan(t, planner.Query{})
	var out []pushed
	for _, name := range t.PushableColumns() {
		col := t.Column(name)
		for _, f := range forms(col) {
			p := plan(t, planner.Query{Where: []planner.Expr{f}})
			sent := difference(base, p)
			if sent == "" {
				continue
			}
			exact := false
			for _, e := range p.Pushed {
				exact = exact || e.String() == f.String()
			}
			out = append(out, pushed{column: name, expr: f, sql: f.String(), sent: sent, exact: exact})
		}
	}
	return out
}

// ordering is an ORDER BY the endpoint sorts, and what it sends.
type ordering struct {
	sql, sent string
	with      string // the WHERE it needs (a search), "" when none
}

// orderings plans ORDER BY each column, ascending and descending, alone
// and, for an endpoint that sorts searches only, with the first form that
// uses its search; it returns those the endpoint sorts.
func orderings(t *schema.Table, forms []pushed) []ordering {
	var where []planner.Expr
	with := ""
	if t.Pushdown == nil || t.Pushdown.Sort == nil {
		return nil
	}
	if t.Pushdown.Sort.RequiresSearch {
		g := t.Pushdown.Search
		if g == nil {
			return nil
		}
		for _, f := range forms {
			if f.exact && usesParam(f.sent, g.Param) {
				where, with = []planner.Expr{f.expr}, f.sql
				break
			}
		}
		if where == nil {
			return nil
		}
	}
	base := plan(t, planner.Query{Where: where})
	var out []ordering
	for _, col := range t.Columns {
		for _, desc := range []bool{false, true} {
			p := plan(t, planner.Query{Where: where, OrderBy: []planner.Order{{Column: col.Name, Desc: desc}}})
			if p == nil || !p.Ordered {
				continue
			}
			sql := "ORDER BY " + col.Name
			if desc {
				sql += " DESC"
			}
			out = append(out, ordering{sql: sql, sent: difference(base, p), with: with})
		}
	}
	return out
}

// limiting says what LIMIT n sends, and whether reading stops after n rows.
func limiting(t *schema.Table, n int) (sent string, stops bool) {
	p := plan(t, planner.Query{Limit: n, Complete: true})
	if p == nil {
		return "", false
	}
	for _, c := range planCalls(p) {
		stops = stops || c.MaxRows == n
	}
	return difference(plan(t, planner.Query{}), p), stops
}

// plan builds q on t at the probe clock; nil when the planner refuses it.
func plan(t *schema.Table, q planner.Query) *planner.Plan {
	q.Table, q.Now = t, probeNow
	p, err := planner.Build(q)
	if err != nil {
		return nil
	}
	return p
}

// planCalls returns the calls of p: its own, or its fan-out's template.
func planCalls(p *planner.Plan) []planner.Call {
	if p == nil {
		return nil
	}
	if p.FanOut != nil {
		return []planner.Call{p.FanOut.Template}
	}
	return p.Calls
}

// difference renders p's requests, one per line as EXPLAIN does ("for
// each" a fan-out's parent row), or "" when they are base's.
func difference(base, p *planner.Plan) string {
	if p == nil {
		return ""
	}
	lines := requestLines(p)
	if len(lines) == 0 {
		return "no request (no row can match)"
	}
	if base != nil && strings.Join(lines, "\n") == strings.Join(requestLines(base), "\n") {
		return ""
	}
	return strings.Join(lines, " ; ")
}

// requestLines are the request lines of p's EXPLAIN, without what it
// says of residual predicates, estimates and costs.
func requestLines(p *planner.Plan) []string {
	var out []string
	for _, l := range p.Explain() {
		if strings.HasPrefix(l, "estimated requests") {
			break
		}
		if !strings.HasPrefix(l, "checked by oktasql") {
			out = append(out, l)
		}
	}
	return out
}

// combined plans two pushed equalities on different columns together,
// for each of the filter and search parameters: joined by AND, and by OR
// where the parameter takes or.
func combined(t *schema.Table, forms []pushed) []pushed {
	pd := t.Pushdown
	if pd == nil {
		return nil
	}
	base := plan(t, planner.Query{})
	var out []pushed
	for _, g := range []*schema.Grammar{pd.Filter, pd.Search} {
		if g == nil {
			continue
		}
		var pair []planner.Cmp
		for _, wantString := range []bool{true, false} { // string columns first
			for _, f := range forms {
				if f.expr.Op != planner.OpEq {
					continue
				}
				_, isString := f.expr.Values[0].(string)
				if len(pair) < 2 && isString == wantString && f.exact && t.Key(f.column) == nil &&
					usesParam(f.sent, g.Param) && (len(pair) == 0 || pair[0].Column != f.column) {
					pair = append(pair, f.expr)
				}
			}
		}
		if len(pair) < 2 {
			continue
		}
		and := plan(t, planner.Query{Where: []planner.Expr{pair[0], pair[1]}})
		out = append(out, pushed{sql: pair[0].String() + " AND " + pair[1].String(), sent: difference(base, and),
			exact: len(and.Pushed) == 2})
		if g.Or {
			or := planner.Or{pair[0], pair[1]}
			p := plan(t, planner.Query{Where: []planner.Expr{or}})
			out = append(out, pushed{sql: or.String(), sent: difference(base, p), exact: len(p.Pushed) == 1})
		}
	}
	return out
}

// usesParam reports whether a request line sets query parameter name.
func usesParam(line, name string) bool {
	return strings.Contains(line, "?"+name+"=") || strings.Contains(line, "&"+name+"=")
}
