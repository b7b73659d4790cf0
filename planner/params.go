package planner

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/oktasql/oktasql/schema"
)

// queryParams builds the list call's query: time bounds, plain parameters
// bound to equalities, then the one filter or search expression that
// pushes the most conjuncts (never both: E0000033), or else q.
func (b *builder) queryParams() url.Values {
	q := url.Values{}
	if tr := b.pd.TimeRange; tr != nil {
		b.timeRange(tr, q)
	}
	for _, pb := range b.pd.Params {
		col := b.columnFor(pb.Field)
		if col == nil || !b.takesQuery(pb.Param) {
			continue
		}
		if i, vals := b.findEquality(col.Name); len(vals) == 1 {
			b.pushed[i] = true
			q.Set(pb.Param, vals[0])
		}
	}
	g, used := b.bestExpression()
	if g != nil {
		var parts []string
		for _, c := range used {
			parts = append(parts, c.r.text)
			if c.r.prec != exact {
				b.inexact = true
			}
			if c.r.prec != loose {
				b.pushed[c.index] = true
			}
		}
		q.Set(g.Param, strings.Join(parts, " and "))
		return q
	}
	b.prefixQ(q)
	return q
}

// bestExpression picks the grammar whose expression pushes the most
// conjuncts (then carries the most), search before filter on a tie (as
// the API recommends; it also sorts and matches more attributes), unless
// the plan must be consistent (builder.consistent). A required grammar is the only one considered.
func (b *builder) bestExpression() (*schema.Grammar, []candidate) {
	grammars := []*schema.Grammar{b.pd.Search, b.pd.Filter}
	if b.consistent {
		grammars = []*schema.Grammar{b.pd.Filter, b.pd.Search}
	}
	for _, g := range grammars {
		if g != nil && g.Required {
			grammars = []*schema.Grammar{g}
		}
	}
	var best *schema.Grammar
	var bestUsed []candidate
	bestScore := [2]int{}
	for _, g := range grammars {
		if g == nil || g.Keyword || !b.takesQuery(g.Param) {
			continue
		}
		used := b.expression(g)
		if len(used) == 0 {
			continue
		}
		score := [2]int{0, len(used)}
		for _, c := range used {
			if c.r.prec != loose {
				score[0]++
			}
		}
		if best == nil || score[0] > bestScore[0] || score[0] == bestScore[0] && score[1] > bestScore[1] {
			best, bestUsed, bestScore = g, used, score
		}
	}
	return best, bestUsed
}

// prefixQ sends q, a prefix match on the fields of Pushdown.Q, for a
// prefix (unless q is Exact) or equality conjunct on one of them, when q
// pages (an unpaged q would cap the rows). q matches its other fields too
// and may ignore case, so the conjunct stays residual.
func (b *builder) prefixQ(q url.Values) {
	qp := b.pd.Q
	if qp == nil || !qp.Pageable || qp.Keywords || !b.takesQuery("q") {
		return
	}
	for _, i := range b.bySelectivity() {
		c, ok := b.q.Where[i].(Cmp)
		if !ok || (c.Op != OpPrefix || qp.Exact) && c.Op != OpEq || len(c.Values) != 1 {
			continue
		}
		s, ok := c.Values[0].(string)
		col := b.t.Column(c.Column)
		if !ok || s == "" || !utf8.ValidString(s) || col == nil || col.Type != schema.TypeString || !contains(qp.Fields, strings.Join(col.Path, ".")) {
			continue
		}
		q.Set("q", s)
		match := "a prefix of "
		if qp.Exact {
			match = "values of "
		}
		b.notes = append(b.notes, "q matches "+match+strings.Join(qp.Fields, " or ")+": "+c.String()+" is re-checked")
		return
	}
}

// requiredParams expands the calls over a required parameter with no value
// in the query: one call per value of an IN, or else per allowed value.
func (b *builder) requiredParams(calls []Call) ([]Call, error) {
	for _, pb := range b.pd.Params {
		if !pb.Required || len(calls) == 0 || calls[0].Query.Get(pb.Param) != "" {
			continue
		}
		col := b.columnFor(pb.Field)
		var values []string
		if col != nil {
			values = b.equality(col.Name)
		}
		fromEnum := values == nil
		if fromEnum {
			values = b.paramEnum(pb.Param)
			if values == nil {
				column := pb.Field
				if col != nil {
					column = col.Name
				}
				return nil, &PlanError{Table: b.t.Name, Column: column, Problem: "the API requires the " + pb.Param + " parameter: give " + column + " = '...'"}
			}
			b.notes = append(b.notes, fmt.Sprintf("no %s given: one request per value (%s)", pb.Param, strings.Join(values, ", ")))
		}
		calls = expand(calls, values, func(c *Call, v string) { c.Query.Set(pb.Param, v); c.FromEnum = fromEnum })
	}
	return calls, nil
}

// paramEnum returns the allowed values of the list operation's query
// parameter name, nil when it declares none.
func (b *builder) paramEnum(name string) []string {
	if p := b.t.List.QueryParam(name); p != nil {
		return p.Enum
	}
	return nil
}

// outsideEnums drops from equalities (= and IN) on a column the API takes
// only enumerated values for (a query parameter with an enum, or the one
// attribute of a required expression) the values outside the enum: Okta
// refuses them (400 E0000002) where SQL simply matches no row. It returns
// the column when no value is left: then no row can match.
func (b *builder) outsideEnums() (string, bool) {
	enums := map[string][]string{}
	for _, pb := range b.pd.Params {
		if col := b.columnFor(pb.Field); col != nil && b.paramEnum(pb.Param) != nil {
			enums[col.Name] = b.paramEnum(pb.Param)
		}
	}
	for _, g := range []*schema.Grammar{b.pd.Filter, b.pd.Search} {
		if g == nil || !g.Required || len(g.Fields) != 1 {
			continue
		}
		for attr := range g.Fields {
			if col := b.columnFor(attr); col != nil && col.Enum != nil {
				enums[col.Name] = col.Enum
			}
		}
	}
	for i, e := range b.q.Where {
		c, ok := e.(Cmp)
		enum := enums[c.Column]
		if !ok || enum == nil || (c.Op != OpEq && c.Op != OpIn) {
			continue
		}
		var keep []any
		for _, v := range c.Values {
			if s, ok := v.(string); ok && contains(enum, s) {
				keep = append(keep, v)
			}
		}
		if len(keep) == 0 {
			b.pushed[i] = true // the plan answers it: with no row
			return c.Column, true
		}
		c.Values = keep
		b.q.Where[i] = c
	}
	return "", false
}

// requiredExpression gives a required filter (principal rate limits:
// principalType) that no conjunct filled one call per value: the values
// of an equality on its one attribute, or else the column's enum.
func (b *builder) requiredExpression(calls []Call) ([]Call, error) {
	for _, g := range []*schema.Grammar{b.pd.Filter, b.pd.Search} {
		if g == nil || !g.Required || len(calls) == 0 || calls[0].Query.Get(g.Param) != "" {
			continue
		}
		var attr string
		for f := range g.Fields {
			attr = f
		}
		col := b.columnFor(attr)
		if len(g.Fields) != 1 || col == nil {
			return nil, &PlanError{Table: b.t.Name, Problem: "the API requires a " + g.Param + " expression that no condition gives"}
		}
		values := b.equality(col.Name)
		if values == nil {
			values = col.Enum
			if values == nil {
				return nil, &PlanError{Table: b.t.Name, Column: col.Name, Problem: "the API requires a " + g.Param + " on it: give " + col.Name + " = '...'"}
			}
			b.notes = append(b.notes, fmt.Sprintf("no %s given: one request per value (%s)", col.Name, strings.Join(values, ", ")))
		}
		calls = expand(calls, values, func(c *Call, v string) { c.Query.Set(g.Param, attr+" eq "+quote(v)) })
	}
	return calls, nil
}

// expand returns one copy of every call per value, set by set.
func expand(calls []Call, values []string, set func(*Call, string)) []Call {
	out := make([]Call, 0, len(calls)*len(values))
	for _, c := range calls {
		for _, v := range values {
			nc := cloneCall(c)
			set(&nc, v)
			out = append(out, nc)
		}
	}
	return out
}

// addOmitted adds back the rows a plain list leaves out (users: status
// DEPROVISIONED) when the query could match them and the calls carry no
// expression that includes them: one more call per call, whose rows the
// others lack.
func (b *builder) addOmitted(calls []Call) []Call {
	om := b.pd.PlainListOmits
	f := b.pd.Filter
	if om == nil || len(om.Values) == 0 || f == nil || len(calls) == 0 || !b.mayMatch(om) {
		return calls
	}
	for _, g := range []*schema.Grammar{b.pd.Search, f} {
		if g != nil && g.IncludesOmitted && calls[0].Query.Get(g.Param) != "" {
			return calls
		}
	}
	var terms []string
	for _, v := range om.Values {
		terms = append(terms, om.Field+" eq "+quote(v))
	}
	out := append([]Call(nil), calls...)
	for _, c := range calls {
		extra := cloneCall(c)
		for _, g := range []*schema.Grammar{b.pd.Search, f} {
			if g != nil {
				extra.Query.Del(g.Param)
			}
		}
		extra.Query.Del("q")
		extra.Query.Set(f.Param, strings.Join(terms, " or "))
		out = append(out, extra)
	}
	b.notes = append(b.notes, "the plain list leaves out "+om.Field+" "+strings.Join(om.Values, ", ")+": a second request adds them")
	return out
}

// mayMatch reports whether rows with an omitted value can satisfy the
// conjuncts (status = 'ACTIVE' or status <> 'DEPROVISIONED' rule them out).
func (b *builder) mayMatch(om *schema.Omission) bool {
	col := b.columnFor(om.Field)
	if col == nil {
		return true
	}
	for _, e := range b.q.Where {
		c, ok := e.(Cmp)
		if !ok || c.Column != col.Name {
			continue
		}
		switch c.Op {
		case OpEq, OpIn:
			if !anyOf(c.Values, om.Values) {
				return false
			}
		case OpNe:
			if len(om.Values) == 1 && anyOf(c.Values, om.Values) {
				return false
			}
		}
	}
	return true
}

// anyOf reports whether one of values is one of the strings.
func anyOf(values []any, strs []string) bool {
	for _, v := range values {
		if s, ok := v.(string); ok && contains(strs, s) {
			return true
		}
	}
	return false
}
