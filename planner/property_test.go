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
	// kind holds only its enum's values; queries also ask for others.
	kindValues  = []any{"X", "Y", "Zz", "ZZ"}
	kindQueries = []any{"X", "x", "Y", "Zz", "zz", "W"}
	allOpsSQL   = []Op{OpEq, OpNe, OpLt, OpLe, OpGt, OpGe, OpIn, OpPrefix, OpContains, OpSuffix, OpNotNull, OpNull}
)

// domain returns the values a column takes.
func domain(col string) []any {
	switch col {
	case "count":
		return intVals
	case "score":
		return numVals
	case "active":
		return boolVals
	case "created", "seen":
		return timeVals
	case "kind":
		return kindValues
	}
	return strValues
}

// queryValue returns a random comparison value for col, sometimes of
// another column's type.
func queryValue(rnd *rand.Rand, col string) any {
	if rnd.Intn(8) == 0 {
		others := []string{"name", "count", "active", "created", "score"}
		col = others[rnd.Intn(len(others))]
	}
	d := domain(col)
	if col == "kind" {
		d = kindQueries
	}
	return d[rnd.Intn(len(d))]
}

var predicateColumns = []string{"id", "name", "status", "kind", "count", "score", "active", "created", "seen", "note", "tags", "nosuch"}

// randomExpr builds a random predicate tree of at most depth levels.
func randomExpr(rnd *rand.Rand, depth int) Expr {
	if depth > 0 && rnd.Intn(3) == 0 {
		n := 2 + rnd.Intn(2)
		kids := make([]Expr, n)
		for i := range kids {
			kids[i] = randomExpr(rnd, depth-1)
		}
		switch rnd.Intn(3) {
		case 0:
			return And(kids)
		case 1:
			return Or(kids)
		}
		return Not{X: kids[0]}
	}
	col := predicateColumns[rnd.Intn(len(predicateColumns))]
	if rnd.Intn(4) == 0 {
		col = "name" // the attribute every grammar variant takes most operators on
	}
	op := allOpsSQL[rnd.Intn(len(allOpsSQL))]
	if rnd.Intn(2) == 0 {
		op = []Op{OpEq, OpIn}[rnd.Intn(2)] // the common, pushable case
	}
	c := Cmp{Column: col, Op: op}
	switch op {
	case OpNull, OpNotNull:
	case OpIn:
		for i := 0; i < 1+rnd.Intn(3); i++ {
			c.Values = append(c.Values, queryValue(rnd, col))
		}
	default:
		c.Values = []any{queryValue(rnd, col)}
	}
	return c
}

// randomRows builds rows with unique ids, each other value absent now
// and then.
func randomRows(rnd *rand.Rand, n int) []row {
	rows := make([]row, n)
	for i := range rows {
		r := row{"id": fmt.Sprintf("i%d", i%7)} // some ids repeat: the GET model must not care
		if i < 7 && strValues[i] != "" {
			r["id"] = strValues[i] // ids are never empty: the planner relies on it
		}
		for _, c := range []string{"name", "status", "kind", "count", "score", "active", "created", "seen", "note"} {
			if rnd.Intn(5) == 0 && c != "created" { // created, like published, is always there
				continue
			}
			d := domain(c)
			v := d[rnd.Intn(len(d))]
			if t, ok := v.(time.Time); ok {
				v = t.Truncate(time.Millisecond) // Okta's precision
			}
			r[c] = v
		}
		if rnd.Intn(4) == 0 {
			r["status"] = "GONE" // the users-like table's omitted status
		}
		rows[i] = r
	}
	return rows
}

// TestPlansNeverLoseRows is the planner's soundness property: on random
// predicate trees and random rows, over every pushdown variant, the rows
// the plan's requests return (by a model of Okta's semantics) include
// every row the SQL predicate accepts; a call with MaxRows returns only
// such rows (or the LIMIT could come up short); and every request obeys
// the grammar (attributes, operators, connectives, terms, never filter
// and search together).
func TestPlansNeverLoseRows(t *testing.T) {
	rnd := rand.New(rand.NewSource(7))
	rows := randomRows(rnd, 60)
	now := t0.Add(time.Hour)
	variants := thingPushdowns()
	names := make([]string, 0, len(variants))
	for n := range variants {
		names = append(names, n)
	}
	sort.Strings(names)
	checked := 0
	for _, name := range names {
		tb := thingsTable(variants[name])
		t.Run(name, func(t *testing.T) {
			for i := 0; i < 700; i++ {
				var where []Expr
				for j := 0; j < 1+rnd.Intn(3); j++ {
					where = append(where, randomExpr(rnd, rnd.Intn(4)))
				}
				if variants[name] != nil && variants[name].TimeRange != nil && rnd.Intn(2) == 0 {
					bound := []Op{OpGt, OpGe, OpLt, OpLe, OpEq}[rnd.Intn(5)]
					where = append(where, Cmp{Column: "created", Op: bound, Values: []any{timeVals[rnd.Intn(len(timeVals))]}})
				}
				if rnd.Intn(4) == 0 {
					where = append(where, Not{X: randomExpr(rnd, 1)})
				}
				limit := 0
				if rnd.Intn(2) == 0 {
					limit = 1 + rnd.Intn(5)
				}
				var order []Order
				if rnd.Intn(4) == 0 {
					order = []Order{{Column: []string{"created", "count", "name", "seen"}[rnd.Intn(4)], Desc: rnd.Intn(2) == 0}}
				}
				q := Query{Table: tb, Where: where, Limit: limit, OrderBy: order, Now: now, Complete: true}
				p, err := Build(q)
				if err != nil {
					if name == "typed" {
						continue // no status value given: an error, tested elsewhere
					}
					t.Fatalf("Build(%s): %v", describe(where), err)
				}
				checkPlan(t, tb, q, p, rows)
				checked++
			}
		})
	}
	t.Logf("%d random plans checked", checked)
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
	if p.FanOut != nil {
		t.Fatalf("%s: unexpected fan-out", describe(q.Where))
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
	// Pushed and Residual partition the flattened conjuncts.
	if len(p.Pushed)+len(p.Residual) != len(flatten(q.Where)) {
		t.Fatalf("%s: pushed %d + residual %d != %d conjuncts", describe(q.Where), len(p.Pushed), len(p.Residual), len(flatten(q.Where)))
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
