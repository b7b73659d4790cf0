package planner

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/oktasql/oktasql/schema"
)

// Limits that keep a filter or search expression short enough for a URL.
const (
	// maxInValues bounds the values of an IN rendered as an or of eqs.
	maxInValues = 50
	// maxExpressionLen bounds the length of one filter or search expression.
	maxExpressionLen = 4000
)

// polarity says which way a rendering may differ from its SQL predicate.
type polarity bool

const (
	// widen: the rendering selects a superset of the rows where the
	// predicate is true (what a pushed conjunct needs).
	widen polarity = true
	// narrow: the rendering selects a subset of the rows where the
	// predicate is true or NULL (what the operand of a NOT needs).
	narrow polarity = false
)

// precision says how closely a rendering follows its SQL predicate.
type precision int

const (
	// exact: the server selects exactly the rows where the predicate is true.
	exact precision = iota
	// folded: exact but for case, which the server ignores (a superset).
	folded
	// loose: a superset for another reason (a part was dropped, a value
	// was rounded, q matches other fields).
	loose
)

// rendering is a predicate in a filter or search language.
type rendering struct {
	text  string
	terms int // comparisons in text
	prec  precision
}

// candidate is a conjunct the chosen grammar renders.
type candidate struct {
	index int
	r     rendering
}

// expression picks the conjuncts grammar g can express in one filter or
// search expression, joined by "and": greedily, most selective first,
// within g's term, connective and length limits. Every rendering selects a
// superset of its conjunct's rows.
func (b *builder) expression(g *schema.Grammar) []candidate {
	var used []candidate
	terms, length := 0, 0
	for _, i := range b.bySelectivity() {
		r, ok := b.render(b.q.Where[i], g, widen)
		switch {
		case !ok,
			g.MaxTerms > 0 && terms+r.terms > g.MaxTerms,
			len(used) > 0 && !g.And,
			length+len(r.text)+len(" and ") > maxExpressionLen:
			continue
		}
		terms += r.terms
		length += len(r.text) + len(" and ")
		used = append(used, candidate{i, r})
	}
	return used
}

// bySelectivity returns the indexes of the conjuncts not yet pushed, the
// likely most selective first (equality on an id, then other equalities,
// then matches and ranges), so a grammar that takes few terms takes the
// best ones.
func (b *builder) bySelectivity() []int {
	var idx []int
	for i := range b.q.Where {
		if !b.pushed[i] {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(x, y int) bool {
		return selectivity(b.q.Where[idx[x]]) > selectivity(b.q.Where[idx[y]])
	})
	return idx
}

// selectivity ranks a conjunct by how few rows it likely selects.
func selectivity(e Expr) int {
	c, ok := e.(Cmp)
	if !ok {
		return 0
	}
	switch c.Op {
	case OpEq, OpIn:
		if c.Column == "id" || strings.HasSuffix(c.Column, "_id") {
			return 3
		}
		return 2
	case OpPrefix, OpLt, OpLe, OpGt, OpGe, OpContains, OpSuffix:
		return 1
	}
	return 0
}

// render renders e in grammar g so that it selects what pol asks for.
func (b *builder) render(e Expr, g *schema.Grammar, pol polarity) (rendering, bool) {
	switch e := e.(type) {
	case And:
		return b.renderAnd(e, g, pol)
	case Or:
		return b.renderOr(e, g, pol)
	case Not:
		if !g.Not {
			return rendering{}, false
		}
		r, ok := b.render(e.X, g, !pol)
		if !ok {
			return rendering{}, false
		}
		// not also selects the rows where the operand is NULL, which
		// SQL's NOT does not: a superset at best.
		return rendering{"not (" + r.text + ")", r.terms, loose}, true
	case Cmp:
		return b.renderCmp(e, g, pol)
	}
	return rendering{}, false
}

// renderAnd renders a conjunction. Widening may leave out conjuncts (and
// must when g has no "and"); narrowing needs every one.
func (b *builder) renderAnd(es And, g *schema.Grammar, pol polarity) (rendering, bool) {
	var parts []rendering
	dropped := false
	for _, x := range es {
		r, ok := b.render(x, g, pol)
		if ok && (g.And || len(parts) == 0) {
			parts = append(parts, r)
			continue
		}
		if pol == narrow {
			return rendering{}, false
		}
		dropped = true
	}
	return combine(parts, " and ", dropped)
}

// renderOr renders a disjunction. Narrowing may leave out disjuncts;
// widening needs every one.
func (b *builder) renderOr(es Or, g *schema.Grammar, pol polarity) (rendering, bool) {
	var parts []rendering
	dropped := false
	for _, x := range es {
		r, ok := b.render(x, g, pol)
		if ok && (g.Or || len(parts) == 0) {
			parts = append(parts, r)
			continue
		}
		if pol == widen {
			return rendering{}, false
		}
		dropped = true
	}
	return combine(parts, " or ", dropped)
}

// combine joins renderings with sep; the result is loose when a part was
// dropped, and as precise as its least precise part otherwise.
func combine(parts []rendering, sep string, dropped bool) (rendering, bool) {
	if len(parts) == 0 {
		return rendering{}, false
	}
	out := rendering{prec: exact}
	if dropped {
		out.prec = loose
	}
	texts := make([]string, len(parts))
	for i, p := range parts {
		texts[i] = p.text
		out.terms += p.terms
		out.prec = max(out.prec, p.prec)
	}
	if len(parts) == 1 {
		out.text = texts[0]
	} else {
		out.text = "(" + strings.Join(texts, sep) + ")"
	}
	return out, true
}

// sqlOps maps SQL operators to the filter language's.
var sqlOps = map[Op]string{
	OpEq: "eq", OpNe: "ne", OpLt: "lt", OpLe: "le", OpGt: "gt", OpGe: "ge",
	OpPrefix: "sw", OpContains: "co", OpSuffix: "ew",
}

// renderCmp renders one comparison, or reports false when g cannot express
// it in a way pol accepts.
func (b *builder) renderCmp(c Cmp, g *schema.Grammar, pol polarity) (rendering, bool) {
	col := b.t.Column(c.Column)
	if col == nil || col.Type == schema.TypeJSON || len(col.Path) == 0 {
		return rendering{}, false
	}
	attr := strings.Join(col.Path, ".")
	if tr := b.t.Pushdown.TimeRange; tr != nil && attr == tr.Field {
		return rendering{}, false // bounds go to since/until, never into the filter
	}
	var r rendering
	switch c.Op {
	case OpNotNull, OpNull:
		var ok bool
		if r, ok = presence(col, attr, c.Op, g); !ok {
			return rendering{}, false
		}
	case OpIn:
		if len(c.Values) == 0 || len(c.Values) > maxInValues || (len(c.Values) > 1 && !g.Or) {
			return rendering{}, false
		}
		parts := make([]rendering, 0, len(c.Values))
		for _, v := range c.Values {
			p, ok := comparison(col, attr, OpEq, v, g)
			if !ok {
				return rendering{}, false
			}
			parts = append(parts, p)
		}
		r, _ = combine(parts, " or ", false)
	default:
		if len(c.Values) != 1 {
			return rendering{}, false
		}
		var ok bool
		if r, ok = comparison(col, attr, c.Op, c.Values[0], g); !ok {
			return rendering{}, false
		}
	}
	if pol == narrow && r.prec != exact {
		return rendering{}, false
	}
	return r, true
}

// presence renders IS NOT NULL as pr and IS NULL as not pr. pr is false
// for an empty string, which SQL's IS NOT NULL accepts, so on a string
// column only IS NULL goes to the server (selecting "" too: loose).
func presence(col *schema.Column, attr string, op Op, g *schema.Grammar) (rendering, bool) {
	if !allows(g, attr, "pr") {
		return rendering{}, false
	}
	if op == OpNotNull {
		if col.Type == schema.TypeString {
			return rendering{}, false
		}
		return rendering{attr + " pr", 1, exact}, true
	}
	if !g.Not {
		return rendering{}, false
	}
	prec := exact
	if col.Type == schema.TypeString {
		prec = loose
	}
	return rendering{"not (" + attr + " pr)", 1, prec}, true
}

// comparison renders attr op v, when g allows it and the server's
// comparison agrees with SQL's: v has the column's type, strings are valid
// UTF-8 and, under a case-insensitive grammar, only matched (eq, sw, co,
// ew: a superset, exact for an eq on an enum value); string ranges and <>
// are left to the engine there, and string ranges everywhere (Okta's
// string order is not MySQL's binary collation). Datetimes are rounded to
// Okta's milliseconds outward.
func comparison(col *schema.Column, attr string, op Op, v any, g *schema.Grammar) (rendering, bool) {
	fop, ok := sqlOps[op]
	if !ok || !fits(col.Type, op, v) {
		return rendering{}, false
	}
	prec := exact
	var lit string
	switch v := v.(type) {
	case string:
		switch fop {
		case "lt", "le", "gt", "ge":
			return rendering{}, false
		case "ne":
			if g.CaseInsensitive && !caseUnique(col.Enum, v) {
				return rendering{}, false
			}
		default:
			if g.CaseInsensitive && !(fop == "eq" && caseUnique(col.Enum, v)) {
				prec = folded
			}
		}
		lit = quote(v)
	case time.Time:
		var rounded bool
		fop, lit, rounded = timeLiteral(fop, v)
		if fop == "" {
			return rendering{}, false
		}
		if rounded {
			prec = loose
		}
	default:
		lit = scalarLiteral(v)
	}
	if !allows(g, attr, fop) {
		return rendering{}, false
	}
	if fop == "ne" {
		prec = loose // whether ne selects absent values is not documented
	}
	return rendering{attr + " " + fop + " " + lit, 1, prec}, true
}

// caseUnique reports whether v is one of the values enum allows and no
// other differs from it only by case: then a case-insensitive eq selects
// exactly the rows equal to v.
func caseUnique(enum []string, v string) bool {
	if !contains(enum, v) {
		return false
	}
	for _, e := range enum {
		if e != v && strings.EqualFold(e, v) {
			return false
		}
	}
	return true
}

// fits reports whether value v of a comparison with op can be compared by
// the server as SQL compares it with a column of type t.
func fits(t schema.ColumnType, op Op, v any) bool {
	switch op {
	case OpPrefix, OpContains, OpSuffix:
		s, ok := v.(string)
		return ok && t == schema.TypeString && utf8.ValidString(s)
	}
	switch v := v.(type) {
	case string:
		return t == schema.TypeString && utf8.ValidString(v)
	case time.Time:
		return t == schema.TypeDatetime
	case bool:
		return t == schema.TypeBoolean && (op == OpEq || op == OpNe || op == OpIn)
	case int64:
		return t == schema.TypeInteger || t == schema.TypeNumber
	case float64:
		return (t == schema.TypeInteger || t == schema.TypeNumber) && !math.IsNaN(v) && !math.IsInf(v, 0)
	}
	return false
}

// timeLiteral renders a datetime bound at Okta's millisecond precision.
// A value with a finer fraction is rounded outward: lower bounds down (ge),
// upper bounds up (lt); equality and <> cannot be rounded and give "".
// A bound that Okta's format cannot write (a year past 9999, as the
// upper bound of '9999-12-31 23:59:59.9999' rounds to) gives "" too: such
// a bound excludes nothing, so the engine alone applies it.
func timeLiteral(op string, t time.Time) (string, string, bool) {
	t = t.UTC()
	floor := t.Truncate(time.Millisecond)
	rounded := !floor.Equal(t)
	switch {
	case !rounded:
	case op == "gt" || op == "ge":
		op, t = "ge", floor
	case op == "lt" || op == "le":
		op, t = "lt", floor.Add(time.Millisecond)
	default:
		return "", "", false
	}
	if !writable(t) {
		return "", "", false
	}
	return op, `"` + formatTime(t) + `"`, rounded
}

// writable reports whether Okta's timestamp format can write t: a year of
// four digits.
func writable(t time.Time) bool {
	return t.Year() >= 1 && t.Year() <= 9999
}

// allows reports whether g accepts operator op on attribute attr.
func allows(g *schema.Grammar, attr, op string) bool {
	if ops, listed := g.Fields[attr]; listed {
		if len(ops) == 0 {
			return false // an attribute listed with no operators is refused
		}
		if contains(ops, op) {
			return true
		}
	}
	anyAttr := g.AnyPrefix == "" || strings.HasPrefix(attr, g.AnyPrefix)
	return anyAttr && contains(g.AnyOps, op)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// scalarLiteral renders a bool or a number of the filter language.
func scalarLiteral(v any) string {
	switch v := v.(type) {
	case bool:
		return strconv.FormatBool(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

// quote renders s as a JSON string literal (without HTML escaping: & < >
// stay as they are), so no value can change the expression's structure.
func quote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
