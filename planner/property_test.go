package planner

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/oktasql/oktasql/schema"
)

// Value domains of the random rows and predicates: case variants, the
// empty string, a value trying to break out of its quotes, millisecond
// and finer times, and values of the wrong type.
var (
	t0        = time.Date(2026, 10, 30, 12, 0, 0, 0, time.UTC)
	strValues = []any{"a", "A", "ab", "Ab", "aB", "b", "", `x" or id pr or "`, `back\slash`, "é"}
	timeVals  = []any{t0, t0.Add(time.Millisecond), t0.Add(500 * time.Microsecond), t0.Add(2 * time.Millisecond), t0.Add(-time.Hour)}
	intVals   = []any{int64(1), int64(2), int64(3)}
	numVals   = []any{1.5, int64(2), 2.5}
	boolVals  = []any{true, false}
	keyVals   = []any{"k1", "k2"}
	allOpsSQL = []Op{OpEq, OpNe, OpLt, OpLe, OpGt, OpGe, OpIn, OpPrefix, OpContains, OpSuffix, OpNotNull, OpNull}
)

// gen generates random rows of a table and random predicates on it.
type gen struct {
	rnd  *rand.Rand
	t    *schema.Table
	cols []string // predicate columns: the table's, and one it lacks
	// favourite is picked more often: the column most grammars take most
	// operators on.
	favourite string
	// always are the columns every row has: the time range's, and those
	// of required parameters (the API lists no item without them).
	always map[string]bool
	// timeCol is the time range's column, "" when none.
	timeCol string
}

func newGen(rnd *rand.Rand, t *schema.Table, favourite string) *gen {
	g := &gen{rnd: rnd, t: t, favourite: favourite, always: map[string]bool{}}
	for _, c := range t.Columns {
		g.cols = append(g.cols, c.Name)
	}
	g.cols = append(g.cols, "nosuch")
	pd := t.Pushdown
	if pd == nil {
		return g
	}
	var required []string
	for _, pb := range pd.Params {
		if pb.Required {
			required = append(required, pb.Field)
		}
	}
	for _, gr := range []*schema.Grammar{pd.Filter, pd.Search} {
		if gr != nil && gr.Required {
			for f := range gr.Fields {
				required = append(required, f)
			}
		}
	}
	for _, c := range t.Columns {
		path := strings.Join(c.Path, ".")
		if pd.TimeRange != nil && path == pd.TimeRange.Field {
			g.always[c.Name], g.timeCol = true, c.Name
		}
		if contains(required, path) {
			g.always[c.Name] = true
		}
	}
	return g
}

// rowDomain returns the values column c takes in rows: an enum column
// only its enum's values (which the planner may rely on).
func rowDomain(c *schema.Column) []any {
	if c.PathParam != "" {
		return keyVals
	}
	if len(c.Enum) > 0 {
		out := make([]any, len(c.Enum))
		for i, e := range c.Enum {
			out[i] = e
		}
		return out
	}
	switch c.Type {
	case schema.TypeInteger:
		return intVals
	case schema.TypeNumber:
		return numVals
	case schema.TypeBoolean:
		return boolVals
	case schema.TypeDatetime:
		return timeVals
	}
	return strValues
}

// queryDomain returns the values predicates on c compare with: the row
// values and more (case variants of enum values, values no row has).
func queryDomain(c *schema.Column) []any {
	d := rowDomain(c)
	if len(c.Enum) > 0 {
		extra := []any{"W"}
		for _, e := range c.Enum {
			extra = append(extra, strings.ToLower(e))
		}
		d = append(append([]any(nil), d...), extra...)
	}
	return d
}

// value returns a random comparison value for column name, sometimes of
// another type.
func (g *gen) value(name string) any {
	c := g.t.Column(name)
	if c == nil || g.rnd.Intn(8) == 0 {
		c = &schema.Column{Type: []schema.ColumnType{schema.TypeString, schema.TypeInteger, schema.TypeBoolean, schema.TypeDatetime, schema.TypeNumber}[g.rnd.Intn(5)]}
	}
	d := queryDomain(c)
	return d[g.rnd.Intn(len(d))]
}

// expr builds a random predicate tree of at most depth levels.
func (g *gen) expr(depth int) Expr {
	if depth > 0 && g.rnd.Intn(3) == 0 {
		kids := make([]Expr, 2+g.rnd.Intn(2))
		for i := range kids {
			kids[i] = g.expr(depth - 1)
		}
		switch g.rnd.Intn(3) {
		case 0:
			return And(kids)
		case 1:
			return Or(kids)
		}
		return Not{X: kids[0]}
	}
	col := g.cols[g.rnd.Intn(len(g.cols))]
	if g.favourite != "" && g.rnd.Intn(4) == 0 {
		col = g.favourite
	}
	op := allOpsSQL[g.rnd.Intn(len(allOpsSQL))]
	if g.rnd.Intn(2) == 0 {
		op = []Op{OpEq, OpIn}[g.rnd.Intn(2)] // the common, pushable case
	}
	c := Cmp{Column: col, Op: op}
	switch op {
	case OpNull, OpNotNull:
	case OpIn:
		for i := 0; i < 1+g.rnd.Intn(3); i++ {
			c.Values = append(c.Values, g.value(col))
		}
	default:
		c.Values = []any{g.value(col)}
	}
	return c
}

// where builds random conjuncts, with the shapes the planner treats
// specially made likely: bounds on the time range, NOTs, key equalities.
func (g *gen) where() []Expr {
	var where []Expr
	for j := 0; j < 1+g.rnd.Intn(3); j++ {
		where = append(where, g.expr(g.rnd.Intn(4)))
	}
	if g.timeCol != "" && g.rnd.Intn(2) == 0 {
		bound := []Op{OpGt, OpGe, OpLt, OpLe, OpEq}[g.rnd.Intn(5)]
		where = append(where, Cmp{Column: g.timeCol, Op: bound, Values: []any{timeVals[g.rnd.Intn(len(timeVals))]}})
	}
	if g.rnd.Intn(4) == 0 {
		where = append(where, Not{X: g.expr(1)})
	}
	for _, k := range g.t.Keys {
		if g.rnd.Intn(5) > 0 {
			where = append(where, Cmp{Column: k.Column, Op: OpIn, Values: keyVals[:1+g.rnd.Intn(2)]})
		}
	}
	return where
}

// order returns a random ORDER BY, often none.
func (g *gen) order() []Order {
	if g.rnd.Intn(4) > 0 {
		return nil
	}
	return []Order{{Column: g.cols[g.rnd.Intn(len(g.cols))], Desc: g.rnd.Intn(2) == 0}}
}

// rows builds n rows; ids are never empty (the planner relies on it) and
// repeat now and then; other values are absent now and then.
func (g *gen) rows(n int) []row {
	rows := make([]row, n)
	for i := range rows {
		r := row{}
		for _, c := range g.t.Columns {
			if c.Type == schema.TypeJSON || (!g.always[c.Name] && c.PathParam == "" && g.rnd.Intn(5) == 0) {
				continue
			}
			d := rowDomain(c)
			v := d[g.rnd.Intn(len(d))]
			if t, ok := v.(time.Time); ok {
				v = t.Truncate(time.Millisecond) // Okta's precision
			}
			r[c.Name] = v
		}
		if g.t.Column("id") != nil {
			r["id"] = fmt.Sprintf("i%d", i%7)
			if i < 7 && strValues[i] != "" {
				r["id"] = strValues[i]
			}
		}
		rows[i] = r
	}
	return rows
}

// TestPlansNeverLoseRows is the planner's soundness property: on random
// predicate trees and random rows, over every pushdown variant of the
// hand-built tables, the rows the plan's requests return (by a model of
// Okta's semantics) include every row the SQL predicate accepts, each
// from one request only; a call with MaxRows returns only such rows, in
// the query's order (or the LIMIT could come up short); and every request
// obeys the grammar (attributes, operators, connectives, terms, never
// filter and search together).
func TestPlansNeverLoseRows(t *testing.T) {
	variants := thingPushdowns()
	names := make([]string, 0, len(variants))
	for n := range variants {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			checkRandomPlans(t, thingsTable(variants[name]), "name", 700, name == "typed")
		})
	}
}

// TestPlansNeverLoseRowsOnCatalog holds the real catalog's tables to the
// same property.
func TestPlansNeverLoseRowsOnCatalog(t *testing.T) {
	for _, tc := range []struct{ table, favourite string }{
		{"users", "profile_login"}, {"groups", "profile_name"}, {"apps", "status"},
		{"system_log", "event_type"}, {"group_members", "status"}, {"policies", "type"},
		{"principal_rate_limits", "principal_type"},
	} {
		t.Run(tc.table, func(t *testing.T) {
			checkRandomPlans(t, table(t, tc.table), tc.favourite, 300, false)
		})
	}
}

// checkRandomPlans builds n random queries on tb and checks each plan;
// with mayFail, a PlanError is an acceptable answer.
func checkRandomPlans(t *testing.T, tb *schema.Table, favourite string, n int, mayFail bool) {
	g := newGen(rand.New(rand.NewSource(7)), tb, favourite)
	rows := g.rows(60)
	for i := 0; i < n; i++ {
		limit := 0
		if g.rnd.Intn(2) == 0 {
			limit = 1 + g.rnd.Intn(5)
		}
		q := Query{Table: tb, Where: g.where(), Limit: limit, OrderBy: g.order(), Now: t0.Add(time.Hour), Complete: true}
		p, err := Build(q)
		if err != nil {
			if mayFail {
				continue
			}
			t.Fatalf("Build(%s): %v", describe(q.Where), err)
		}
		checkPlan(t, tb, q, p, rows)
	}
}

func describe(where []Expr) string {
	parts := make([]string, len(where))
	for i, e := range where {
		parts[i] = e.String()
	}
	return strings.Join(parts, " AND ")
}

// checkPlan holds a plan to the property described at TestPlansNeverLoseRows.
func checkPlan(t *testing.T, tb *schema.Table, q Query, p *Plan, rows []row) {
	t.Helper()
	// Pushed and Residual partition the flattened conjuncts.
	if len(p.Pushed)+len(p.Residual) != len(flatten(q.Where)) {
		t.Fatalf("%s: pushed %d + residual %d != %d conjuncts", describe(q.Where), len(p.Pushed), len(p.Residual), len(flatten(q.Where)))
	}
	if p.FanOut != nil {
		if len(p.Calls) != 0 || p.FanOut.Key.SourceTable == "" {
			t.Fatalf("%s: fan-out %+v with calls %v", describe(q.Where), p.FanOut, lines(p))
		}
		return // the engine plans each parent's read with its key: checked as such
	}
	got := map[int]bool{}
	for _, c := range p.Calls {
		seen := map[int]bool{}
		returned, err := serverRows(tb, c, rows, narrowest)
		if err != nil {
			t.Fatalf("%s: request %s: %v", describe(q.Where), c.Line(), err)
		}
		if c.MaxRows > 0 && len(q.OrderBy) > 0 && !p.Ordered {
			t.Fatalf("%s: request %s stops after %d rows, but the engine sorts them", describe(q.Where), c.Line(), c.MaxRows)
		}
		if c.MaxRows > 0 {
			wide, _ := serverRows(tb, c, rows, widest)
			for _, r := range wide {
				if !matches(q.Where, r) {
					t.Fatalf("%s: request %s has MaxRows %d but may return %v, which the WHERE rejects", describe(q.Where), c.Line(), c.MaxRows, r)
				}
			}
		}
		for _, r := range returned {
			i := indexOf(rows, r)
			if got[i] && !seen[i] {
				t.Fatalf("%s: row %v comes from two requests (calls must be disjoint):\n  %s", describe(q.Where), r, strings.Join(p.Explain(), "\n  "))
			}
			got[i], seen[i] = true, true
		}
	}
	for i, r := range rows {
		if matches(q.Where, r) && !got[i] {
			t.Fatalf("%s: row %v matches but no request returns it:\n  %s", describe(q.Where), r, strings.Join(p.Explain(), "\n  "))
		}
	}
}

// indexOf finds r in rows by identity of the map.
func indexOf(rows []row, r row) int {
	for i := range rows {
		if fmt.Sprintf("%p", rows[i]) == fmt.Sprintf("%p", r) {
			return i
		}
	}
	return -1
}
