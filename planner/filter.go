package planner

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/oktasql/oktasql/schema"
)

// expression renders the conjuncts grammar g can express as one filter or
// search expression, and returns the indexes of the conjuncts it holds.
// Every rendered part selects a superset of what its SQL conjunct selects.
func (b *builder) expression(g *schema.Grammar) (string, []int) {
	var parts []string
	var used []int
	terms := 0
	for i, e := range b.q.Where {
		if b.pushed[i] {
			continue
		}
		s, n, ok := b.render(e, g)
		if !ok || (g.MaxTerms > 0 && terms+n > g.MaxTerms) || (len(parts) > 0 && !g.And) {
			continue
		}
		terms += n
		parts = append(parts, s)
		used = append(used, i)
	}
	return strings.Join(parts, " and "), used
}

// render renders e in grammar g with its number of comparisons.
func (b *builder) render(e Expr, g *schema.Grammar) (string, int, bool) {
	switch e := e.(type) {
	case And:
		if !g.And {
			return "", 0, false
		}
		return b.renderAll(e, " and ", g)
	case Or:
		if !g.Or {
			return "", 0, false
		}
		return b.renderAll(e, " or ", g)
	case Not:
		if !g.Not || g.CaseInsensitive {
			return "", 0, false
		}
		s, n, ok := b.render(e.X, g)
		if !ok {
			return "", 0, false
		}
		return "not (" + s + ")", n, true
	case Cmp:
		return b.renderCmp(e, g)
	}
	return "", 0, false
}

func (b *builder) renderAll(es []Expr, sep string, g *schema.Grammar) (string, int, bool) {
	parts := make([]string, 0, len(es))
	n := 0
	for _, x := range es {
		s, k, ok := b.render(x, g)
		if !ok {
			return "", 0, false
		}
		parts = append(parts, s)
		n += k
	}
	return "(" + strings.Join(parts, sep) + ")", n, true
}

// sqlOps maps SQL operators to the filter language's.
var sqlOps = map[Op]string{
	OpEq: "eq", OpNe: "ne", OpLt: "lt", OpLe: "le", OpGt: "gt", OpGe: "ge",
	OpPrefix: "sw", OpContains: "co", OpSuffix: "ew",
}

func (b *builder) renderCmp(c Cmp, g *schema.Grammar) (string, int, bool) {
	col := b.t.Column(c.Column)
	if col == nil || col.Type == schema.TypeJSON || len(col.Path) == 0 {
		return "", 0, false
	}
	attr := strings.Join(col.Path, ".")
	if tr := b.t.Pushdown.TimeRange; tr != nil && attr == tr.Field {
		return "", 0, false // bounds go to since/until, never into the filter
	}
	switch c.Op {
	case OpNotNull:
		if !allows(g, attr, "pr") {
			return "", 0, false
		}
		return attr + " pr", 1, true
	case OpIn:
		if !g.Or || !allows(g, attr, "eq") || len(c.Values) == 0 {
			return "", 0, false
		}
		parts := make([]string, 0, len(c.Values))
		for _, v := range c.Values {
			lit, ok := literal(v)
			if !ok {
				return "", 0, false
			}
			parts = append(parts, attr+" eq "+lit)
		}
		if len(parts) == 1 {
			return parts[0], 1, true
		}
		return "(" + strings.Join(parts, " or ") + ")", len(parts), true
	}
	op, ok := sqlOps[c.Op]
	if !ok || len(c.Values) != 1 || !allows(g, attr, op) {
		return "", 0, false
	}
	if g.CaseInsensitive && col.Type == schema.TypeString {
		// A case-insensitive ne or range can drop rows SQL's binary
		// comparison keeps; eq and the string matches only widen.
		switch op {
		case "ne", "lt", "le", "gt", "ge":
			return "", 0, false
		}
	}
	lit, ok := literal(c.Values[0])
	if !ok {
		return "", 0, false
	}
	return attr + " " + op + " " + lit, 1, true
}

// allows reports whether g accepts operator op on attribute attr.
func allows(g *schema.Grammar, attr, op string) bool {
	if ops, listed := g.Fields[attr]; listed {
		if len(ops) == 0 {
			return false // an attribute listed with no operators is refused
		}
		for _, o := range ops {
			if o == op {
				return true
			}
		}
	}
	if g.AnyPrefix == "" && len(g.AnyOps) > 0 || g.AnyPrefix != "" && strings.HasPrefix(attr, g.AnyPrefix) {
		for _, o := range g.AnyOps {
			if o == op {
				return true
			}
		}
	}
	return false
}

// literal renders a value of the filter language. Strings are JSON string
// literals, so no value can change the expression's structure.
func literal(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return quote(v), true
	case time.Time:
		return `"` + formatTime(v) + `"`, true
	case bool:
		return strconv.FormatBool(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	}
	return "", false
}

// quote renders s as a JSON string literal (without HTML escaping: & < >
// stay as they are).
func quote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
