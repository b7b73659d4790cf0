package planner

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/oktasql/oktasql/schema"
)

// This file is a model of what Okta returns for a plan's calls, written
// from API-NOTES sections 2 and 10, independent of the planner: a parser
// and evaluator of filter/search expressions, and the row set of a call.
// The tests hold the planner's requests against it.

// row is one item, by column name; a missing or nil value is absent.
type row map[string]any

// fexpr is a parsed filter or search expression.
type fexpr interface{}

type fcmp struct {
	attr, op string
	lit      any // string, float64, bool; nil for pr
}

type flogic struct {
	op   string // and, or
	l, r fexpr
}

type fnot struct{ x fexpr }

// fparser parses the planner's expression language, checking it against
// a grammar: attributes and operators allowed, connectives allowed.
type fparser struct {
	s     string
	pos   int
	g     *schema.Grammar
	terms int
	err   error
}

func parseExpression(s string, g *schema.Grammar) (fexpr, int, error) {
	p := &fparser{s: s, g: g}
	e := p.or()
	p.space()
	if p.err == nil && p.pos != len(p.s) {
		p.fail("trailing input %q", p.s[p.pos:])
	}
	return e, p.terms, p.err
}

func (p *fparser) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("at %d of %q: %s", p.pos, p.s, fmt.Sprintf(format, args...))
	}
}

func (p *fparser) space() {
	for p.pos < len(p.s) && p.s[p.pos] == ' ' {
		p.pos++
	}
}

// word reads a run of characters up to a space or parenthesis.
func (p *fparser) word() string {
	p.space()
	start := p.pos
	for p.pos < len(p.s) && !strings.ContainsRune(" ()", rune(p.s[p.pos])) {
		p.pos++
	}
	return p.s[start:p.pos]
}

func (p *fparser) peekWord(w string) bool {
	save := p.pos
	got := p.word()
	p.pos = save
	return got == w
}

func (p *fparser) or() fexpr {
	e := p.and()
	for p.err == nil && p.peekWord("or") {
		if !p.g.Or {
			p.fail("or is not allowed")
		}
		p.word()
		e = flogic{"or", e, p.and()}
	}
	return e
}

func (p *fparser) and() fexpr {
	e := p.unary()
	for p.err == nil && p.peekWord("and") {
		if !p.g.And {
			p.fail("and is not allowed")
		}
		p.word()
		e = flogic{"and", e, p.unary()}
	}
	return e
}

func (p *fparser) expect(c byte) {
	p.space()
	if p.pos >= len(p.s) || p.s[p.pos] != c {
		p.fail("want %q", c)
		return
	}
	p.pos++
}

func (p *fparser) unary() fexpr {
	if p.err != nil {
		return nil
	}
	p.space()
	if p.peekWord("not") {
		if !p.g.Not {
			p.fail("not is not allowed")
		}
		p.word()
		p.expect('(')
		x := p.or()
		p.expect(')')
		return fnot{x}
	}
	if p.pos < len(p.s) && p.s[p.pos] == '(' {
		p.pos++
		x := p.or()
		p.expect(')')
		return x
	}
	attr, op := p.word(), p.word()
	p.terms++
	if !allowed(p.g, attr, op) {
		p.fail("%s %s is not allowed", attr, op)
	}
	if op == "pr" {
		return fcmp{attr, op, nil}
	}
	return fcmp{attr, op, p.literal()}
}

// allowed is the grammar check, written independently of the planner's.
func allowed(g *schema.Grammar, attr, op string) bool {
	if ops, ok := g.Fields[attr]; ok {
		if len(ops) == 0 {
			return false
		}
		for _, o := range ops {
			if o == op {
				return true
			}
		}
	}
	if g.AnyPrefix != "" && !strings.HasPrefix(attr, g.AnyPrefix) {
		return false
	}
	for _, o := range g.AnyOps {
		if o == op {
			return true
		}
	}
	return false
}

func (p *fparser) literal() any {
	p.space()
	if p.pos < len(p.s) && p.s[p.pos] == '"' {
		start := p.pos
		p.pos++
		for p.pos < len(p.s) && p.s[p.pos] != '"' {
			if p.s[p.pos] == '\\' {
				p.pos++
			}
			p.pos++
		}
		p.pos++
		if p.pos > len(p.s) {
			p.fail("unterminated string")
			return nil
		}
		var s string
		if err := json.Unmarshal([]byte(p.s[start:p.pos]), &s); err != nil {
			p.fail("bad string: %v", err)
		}
		return s
	}
	w := p.word()
	switch w {
	case "true":
		return true
	case "false":
		return false
	}
	f, err := strconv.ParseFloat(w, 64)
	if err != nil {
		p.fail("bad literal %q", w)
	}
	return f
}

// attrValue returns the value of attribute attr in r.
func attrValue(t *schema.Table, r row, attr string) any {
	for _, c := range t.Columns {
		if strings.Join(c.Path, ".") == attr {
			return r[c.Name]
		}
	}
	return nil
}

// reading picks between the readings of what the API documents loosely:
// narrowest returns the fewest rows (the test of a superset), widest the
// most (the test of an exact answer).
type reading bool

const (
	narrowest reading = false
	widest    reading = true
)

// evalServer evaluates a parsed expression on a row as Okta does: an
// absent value matches nothing (and pr only a non-empty value), except
// that the widest reading lets ne match it; strings compare
// case-insensitively under ci; datetimes chronologically.
func evalServer(t *schema.Table, e fexpr, r row, ci bool, rd reading) bool {
	switch e := e.(type) {
	case flogic:
		if e.op == "and" {
			return evalServer(t, e.l, r, ci, rd) && evalServer(t, e.r, r, ci, rd)
		}
		return evalServer(t, e.l, r, ci, rd) || evalServer(t, e.r, r, ci, rd)
	case fnot:
		return !evalServer(t, e.x, r, ci, !rd)
	case fcmp:
		v := attrValue(t, r, e.attr)
		if v == nil {
			return e.op == "ne" && rd == widest
		}
		if e.op == "pr" {
			s, isString := v.(string)
			return !isString || s != ""
		}
		return compareServer(e.op, v, e.lit, ci)
	}
	return false
}

func compareServer(op string, v, lit any, ci bool) bool {
	var c int
	switch v := v.(type) {
	case string:
		l, ok := lit.(string)
		if !ok {
			return false
		}
		if ci {
			v, l = strings.ToLower(v), strings.ToLower(l)
		}
		switch op {
		case "sw":
			return strings.HasPrefix(v, l)
		case "co":
			return strings.Contains(v, l)
		case "ew":
			return strings.HasSuffix(v, l)
		}
		c = strings.Compare(v, l)
	case time.Time:
		s, ok := lit.(string)
		lt, err := time.Parse(time.RFC3339Nano, s)
		if !ok || err != nil {
			return false
		}
		c = v.Compare(lt)
	case int64:
		l, ok := lit.(float64)
		if !ok {
			return false
		}
		c = compareFloat(float64(v), l)
	case float64:
		l, ok := lit.(float64)
		if !ok {
			return false
		}
		c = compareFloat(v, l)
	case bool:
		l, ok := lit.(bool)
		if !ok || (op != "eq" && op != "ne") {
			return false
		}
		if v == l {
			c = 0
		} else {
			c = 1
		}
	default:
		return false
	}
	switch op {
	case "eq":
		return c == 0
	case "ne":
		return c != 0
	case "gt":
		return c > 0
	case "ge":
		return c >= 0
	case "lt":
		return c < 0
	case "le":
		return c <= 0
	}
	return false
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// serverRows returns the rows a call returns from the table's items, as
// Okta would in reading rd, or an error when the request breaks an API rule.
func serverRows(t *schema.Table, c Call, rows []row, rd reading) ([]row, error) {
	if c.Kind == CallGet {
		params := schema.PathParams(c.Operation.Path)
		id := c.PathParams[params[len(params)-1]]
		var out []row
		for _, r := range rows {
			if r["id"] == id && keysMatch(c, r) {
				out = append(out, r)
			}
		}
		return out, nil
	}
	pd := t.Pushdown
	if pd == nil {
		pd = &schema.Pushdown{}
	}
	var exprs []struct {
		e  fexpr
		ci bool
	}
	includesOmitted := false
	for _, g := range []*schema.Grammar{pd.Filter, pd.Search} {
		if g == nil || c.Query.Get(g.Param) == "" {
			continue
		}
		e, terms, err := parseExpression(c.Query.Get(g.Param), g)
		if err != nil {
			return nil, err
		}
		if g.MaxTerms > 0 && terms > g.MaxTerms {
			return nil, fmt.Errorf("%s: %d terms, at most %d", g.Param, terms, g.MaxTerms)
		}
		exprs = append(exprs, struct {
			e  fexpr
			ci bool
		}{e, g.CaseInsensitive})
		includesOmitted = includesOmitted || g.IncludesOmitted
	}
	if len(exprs) > 1 {
		return nil, fmt.Errorf("E0000033: search and filter in one request")
	}
	if c.Query.Get("q") != "" && (pd.Q == nil || !pd.Q.Pageable) {
		return nil, fmt.Errorf("q sent where it does not page")
	}
	var out []row
	for _, r := range rows {
		if !keysMatch(c, r) {
			continue
		}
		if om := pd.PlainListOmits; om != nil && !includesOmitted {
			if s, ok := attrValue(t, r, om.Field).(string); ok && contains(om.Values, s) {
				continue
			}
		}
		if len(exprs) == 1 && !evalServer(t, exprs[0].e, r, exprs[0].ci, rd) {
			continue
		}
		if q := c.Query.Get("q"); q != "" && !qMatches(t, pd.Q, q, r) {
			continue
		}
		if tr := pd.TimeRange; tr != nil && !inRange(t, tr, c, r, rd) {
			continue
		}
		if !paramsMatch(t, pd, c, r) {
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

func keysMatch(c Call, r row) bool {
	for k, v := range c.KeyValues {
		if r[k] != v {
			return false
		}
	}
	return true
}

// qMatches: q is a case-insensitive prefix of one of the fields.
func qMatches(t *schema.Table, qp *schema.QParam, q string, r row) bool {
	for _, f := range qp.Fields {
		if s, ok := attrValue(t, r, f).(string); ok && strings.HasPrefix(strings.ToLower(s), strings.ToLower(q)) {
			return true
		}
	}
	return false
}

// inRange: since inclusive, until exclusive in the narrowest reading (the
// emulator's) and inclusive in the widest.
func inRange(t *schema.Table, tr *schema.TimeRange, c Call, r row, rd reading) bool {
	v, ok := attrValue(t, r, tr.Field).(time.Time)
	if !ok {
		return false
	}
	since, err1 := time.Parse(time.RFC3339Nano, c.Query.Get(tr.Since))
	until, err2 := time.Parse(time.RFC3339Nano, c.Query.Get(tr.Until))
	return err1 == nil && err2 == nil && !v.Before(since) && (v.Before(until) || rd == widest && v.Equal(until))
}

func paramsMatch(t *schema.Table, pd *schema.Pushdown, c Call, r row) bool {
	for _, pb := range pd.Params {
		if want := c.Query.Get(pb.Param); want != "" && attrValue(t, r, pb.Field) != want {
			return false
		}
	}
	return true
}
