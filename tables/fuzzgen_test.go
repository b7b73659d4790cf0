package tables_test

import (
	"context"
	gosql "database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/oktasql/oktasql/schema"
)

// This file holds the differential fuzzer's model of the org (which tables
// it can read, the values their columns hold) and its random query
// generator. Everything is driven by the catalog: a new table with
// pushable columns is covered without a change here.

// fzColumn is one scalar column of a fuzzed table, with the values the
// reference server returned for it.
type fzColumn struct {
	def   *schema.Column
	table *fzTable
	// push: a predicate on the column can go to Okta.
	push bool
	// key: the column is a required key (a path parameter).
	key bool
	// named: the pushdown names the column's field (not only through a
	// prefix such as "profile.").
	named bool
	// jsonExpr, when set, reads the same value through the table's JSON
	// column ("profile->>'$.department'" for profile_department).
	jsonExpr string
	// vals are the distinct non-NULL values seen, in the order first seen.
	vals []string
	// nulls: a NULL was seen.
	nulls bool
}

// fzTable is one catalog table the fuzzer reads.
type fzTable struct {
	def  *schema.Table
	cols []*fzColumn
	// by name
	byName map[string]*fzColumn
	// rows is the number of rows sampled.
	rows int
	// sample holds the sampled rows, cells in cols order.
	sampled [][]string
	// children are the keyed tables whose last key this table supplies.
	children []*fzTable
	// parent supplies the last key (nil for an unkeyed table).
	parent *fzTable
	// cost estimates the requests a full read of the table takes without
	// pushdown (a keyed table fans out over its parents).
	cost int
	// sortable are the columns the endpoint sorts by (sortBy or a fixed
	// order parameter).
	sortable []*fzColumn
	// on are the join conditions child-to-parent as (child column,
	// parent column) pairs; empty when the child cannot be joined.
	on [][2]string
}

// fzModel is the set of fuzzed tables and the reasons others were skipped.
type fzModel struct {
	tables  []*fzTable
	byName  map[string]*fzTable
	skipped map[string]string // table -> reason
	weights []float64
}

// fzSampleRows bounds the rows sampled per table.
const fzSampleRows = 300

// fzMaxVals bounds the distinct values kept per column.
const fzMaxVals = 60

// buildFuzzModel reads every catalog table with pushable columns from the
// reference server (no pushdown) and keeps those it can read, with the
// values of their scalar columns. Keys are sampled from their source
// tables.
func buildFuzzModel(ctx context.Context, ref *gosql.DB, cat *schema.Catalog) *fzModel {
	m := &fzModel{byName: map[string]*fzTable{}, skipped: map[string]string{}}
	for _, def := range cat.Tables {
		pushable := def.PushableColumns()
		if len(pushable) == 0 {
			continue
		}
		if reason := unreadable(def); reason != "" {
			m.skipped[def.Name] = reason
			continue
		}
		t := &fzTable{def: def, byName: map[string]*fzColumn{}}
		push := map[string]bool{}
		for _, p := range pushable {
			push[p] = true
		}
		named := namedFields(def.Pushdown)
		keys := map[string]bool{}
		for _, k := range def.Keys {
			keys[k.Column] = true
		}
		for _, c := range def.Columns {
			if c.Hidden || c.Type == schema.TypeJSON {
				continue
			}
			fc := &fzColumn{def: c, table: t, push: push[c.Name], key: keys[c.Name], named: named[strings.Join(c.Path, ".")], jsonExpr: jsonPathOf(def, c)}
			t.cols = append(t.cols, fc)
			t.byName[c.Name] = fc
		}
		if len(t.cols) == 0 {
			m.skipped[def.Name] = "no scalar column"
			continue
		}
		if srt := pushdownSort(def); srt != nil {
			for _, c := range t.cols {
				if !c.key && len(c.def.Path) > 0 && (srt.AnyField || slices.Contains(srt.Fields, strings.Join(c.def.Path, "."))) {
					t.sortable = append(t.sortable, c)
				}
			}
		}
		if err := t.sample(ctx, ref); err != nil {
			m.skipped[def.Name] = "reading it without pushdown fails: " + shorten(err.Error(), 120)
			continue
		}
		m.tables = append(m.tables, t)
		m.byName[def.Name] = t
	}
	// Keys also take values of their source tables that have no rows
	// here (an empty group), and children learn their parents.
	for _, t := range m.tables {
		for _, k := range t.def.Keys {
			vals, err := columnValues(ctx, ref, fmt.Sprintf("SELECT DISTINCT `%s` FROM `%s` LIMIT %d", k.SourceColumn, k.SourceTable, fzMaxVals/2))
			if err == nil {
				kc := t.byName[k.Column]
				for _, v := range vals {
					kc.add(v)
				}
			}
		}
		if len(t.def.Keys) == 0 {
			continue
		}
		last := t.def.Keys[len(t.def.Keys)-1]
		p := m.byName[last.SourceTable]
		if p == nil {
			continue
		}
		var on [][2]string
		for _, k := range t.def.Keys {
			switch {
			case k == last:
				on = append(on, [2]string{k.Column, k.SourceColumn})
			case p.byName[k.Column] != nil:
				on = append(on, [2]string{k.Column, k.Column})
			default:
				on = nil
			}
			if on == nil {
				break
			}
		}
		if len(on) == len(t.def.Keys) && p.byName[last.SourceColumn] != nil {
			t.parent, t.on = p, on
			p.children = append(p.children, t)
		}
	}
	for _, t := range m.tables {
		m.cost(t, 0)
	}
	// Tables with more to push get more queries; key-only, empty and
	// costly tables fewer.
	for _, t := range m.tables {
		w := 0.5
		for _, c := range t.cols {
			if c.push && !c.key {
				w += 2
			}
		}
		w = min(w, 24)
		if t.rows == 0 {
			w *= 0.3
		}
		w /= 1 + float64(t.cost)/300
		m.weights = append(m.weights, w)
	}
	return m
}

// cost fills in t.cost: 1 for a table with no keys; for a keyed table,
// one request per row of its source table plus reading that table.
func (m *fzModel) cost(t *fzTable, depth int) int {
	if t.cost > 0 || len(t.def.Keys) == 0 || depth > 5 {
		t.cost = max(t.cost, 1)
		return t.cost
	}
	last := t.def.Keys[len(t.def.Keys)-1]
	n, sub := 1, 1
	if src := m.byName[last.SourceTable]; src != nil {
		n, sub = max(src.rows, 1), m.cost(src, depth+1)
	} else if kc := t.byName[last.Column]; kc != nil {
		n = max(len(kc.vals), 1)
	}
	t.cost = n + sub
	return t.cost
}

// fzCheapChild is the cost under which a child may be read once per
// parent row (a correlated subquery, or a join the reference cannot hash).
const fzCheapChild = 60

// unreadable says why a table cannot be read without pushdown, or "".
func unreadable(def *schema.Table) string {
	for _, k := range def.Keys {
		if k.SourceTable == "" {
			return "a key has no source table to take values from: " + k.Column
		}
	}
	if pd := def.Pushdown; pd != nil {
		for _, b := range pd.Params {
			if p := def.List.QueryParam(b.Param); b.Required && (p == nil || len(p.Enum) == 0) {
				return "a required parameter has no enum to fan out over: " + b.Param
			}
		}
	}
	return ""
}

// pushdownSort is def's server-side sort, or nil.
func pushdownSort(def *schema.Table) *schema.Sort {
	if def.Pushdown == nil {
		return nil
	}
	return def.Pushdown.Sort
}

// namedFields are the attribute paths a pushdown names: filter and search
// fields, q fields, bound parameters and the time range.
func namedFields(p *schema.Pushdown) map[string]bool {
	out := map[string]bool{}
	if p == nil {
		return out
	}
	for _, g := range []*schema.Grammar{p.Filter, p.Search} {
		if g != nil {
			for f := range g.Fields {
				out[f] = true
			}
		}
	}
	if p.Q != nil {
		for _, f := range p.Q.Fields {
			out[f] = true
		}
	}
	for _, b := range p.Params {
		out[b.Field] = true
	}
	if p.TimeRange != nil {
		out[p.TimeRange.Field] = true
	}
	return out
}

// jsonPathOf returns the expression reading c through a JSON column of
// def whose path is a proper prefix of c's ("profile->>'$.department'").
func jsonPathOf(def *schema.Table, c *schema.Column) string {
	for _, j := range def.Columns {
		if j.Type != schema.TypeJSON || len(j.Path) == 0 || len(j.Path) >= len(c.Path) || j.Hidden {
			continue
		}
		if slices.Equal(j.Path, c.Path[:len(j.Path)]) {
			return j.Name + "->>'$." + strings.Join(c.Path[len(j.Path):], ".") + "'"
		}
	}
	return ""
}

// sample reads up to fzSampleRows rows of t's scalar columns.
func (t *fzTable) sample(ctx context.Context, ref *gosql.DB) error {
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = "`" + c.def.Name + "`"
	}
	rows, err := fuzzRows(ctx, ref, fmt.Sprintf("SELECT %s FROM `%s` LIMIT %d", strings.Join(names, ", "), t.def.Name, fzSampleRows))
	if err != nil {
		return err
	}
	t.rows, t.sampled = len(rows), rows
	for _, r := range rows {
		for i, v := range r {
			if v == fzNull {
				t.cols[i].nulls = true
				continue
			}
			t.cols[i].add(v)
		}
	}
	return nil
}

func (c *fzColumn) add(v string) {
	if len(c.vals) < fzMaxVals && !slices.Contains(c.vals, v) {
		c.vals = append(c.vals, v)
	}
}

// columnValues returns the first column of q's rows.
func columnValues(ctx context.Context, db *gosql.DB, q string) ([]string, error) {
	rows, err := fuzzRows(ctx, db, q)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range rows {
		if r[0] != fzNull {
			out = append(out, r[0])
		}
	}
	return out, nil
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// pick returns a table at random, by weight.
func (m *fzModel) pick(r *rand.Rand) *fzTable {
	var sum float64
	for _, w := range m.weights {
		sum += w
	}
	x := r.Float64() * sum
	for i, w := range m.weights {
		if x < w {
			return m.tables[i]
		}
		x -= w
	}
	return m.tables[len(m.tables)-1]
}

// fzGen generates one query from one random source.
type fzGen struct {
	r *rand.Rand
	m *fzModel
	// pivots are, per table, the sampled row most values of the query
	// come from, so that conjunctions select rows (SQLancer's pivot row).
	pivots map[*fzTable]map[string]string
}

// pivot returns the pivot row of t as column -> value (NULLs left out).
func (g *fzGen) pivot(t *fzTable) map[string]string {
	if g.pivots == nil {
		g.pivots = map[*fzTable]map[string]string{}
	}
	if p, ok := g.pivots[t]; ok {
		return p
	}
	p := map[string]string{}
	if len(t.sampled) > 0 {
		row := pickOne(g, t.sampled)
		for i, c := range t.cols {
			if row[i] != fzNull {
				p[c.def.Name] = row[i]
			}
		}
	}
	g.pivots[t] = p
	return p
}

func (g *fzGen) chance(p float64) bool { return g.r.Float64() < p }

func (g *fzGen) intn(n int) int { return g.r.IntN(n) }

func pickOne[T any](g *fzGen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// query generates one query: over one table, a keyed table joined to its
// parent, or a table with a subquery on a child.
func (g *fzGen) query() *fzQuery {
	t := g.m.pick(g.r)
	switch {
	case t.parent != nil && g.chance(0.3):
		return g.join(t)
	case len(t.children) > 0 && g.chance(0.25):
		return g.join(pickOne(g, t.children))
	}
	return g.single(t)
}

// pkExprs returns alias-qualified primary key columns of t.
func pkExprs(t *fzTable, alias string) []string {
	var out []string
	for _, k := range t.def.PrimaryKey {
		if t.byName[k] == nil {
			return nil
		}
		out = append(out, alias+"."+k)
	}
	return out
}

// single is a query over one table.
func (g *fzGen) single(t *fzTable) *fzQuery {
	q := &fzQuery{table: t.def.Name, alias: "t", limit: -1, offset: -1, unique: map[string][]string{}}
	pk := pkExprs(t, "t")
	q.unique["t"] = pk
	q.sel = append(q.sel, pk...)
	for n := 1 + g.intn(3); n > 0 || len(q.sel) == 0; n-- {
		q.addSel("t." + g.column(t, false).def.Name)
	}
	var conj []fzExpr
	conj = append(conj, g.keyPreds(t, "t")...)
	if g.chance(0.4) {
		// simple: most wrong answers show in a query with one predicate
		conj = append(conj, g.pred(t, "t", g.column(t, true)))
		q.where = andOf(conj)
		g.order(q, map[string]*fzTable{"t": t})
		return q
	}
	if g.chance(0.85) {
		conj = append(conj, g.tree(t, "t", 2))
	}
	if len(t.children) > 0 && g.chance(0.25) {
		conj = append(conj, g.childSubquery(t, "t"))
	}
	if t.parent != nil && g.chance(0.15) {
		conj = append(conj, g.parentSubquery(t, "t"))
	}
	if g.chance(0.1) {
		conj = append(conj, g.sameTableSubquery(t, "t"))
	}
	q.where = andOf(conj)
	if c := g.cheapChild(t); c != nil && g.chance(0.1) {
		q.sel = append(q.sel, fmt.Sprintf("(SELECT count(*) FROM `%s` s WHERE %s)", c.def.Name, correlate(c, "s", "t")))
	}
	switch x := g.r.Float64(); {
	case x < 0.07:
		q.sel = []string{"count(*)"}
		return q
	case x < 0.14:
		col := "t." + g.column(t, false).def.Name
		q.sel, q.groupBy = []string{col, "count(*)"}, []string{col}
		return q
	}
	g.order(q, map[string]*fzTable{"t": t})
	return q
}

// join is a keyed table joined to its parent, in either order, with
// conditions on both and sometimes extra conditions on the child in ON
// or a second copy of the child joined on its id.
func (g *fzGen) join(c *fzTable) *fzQuery {
	p := c.parent
	q := &fzQuery{limit: -1, offset: -1, unique: map[string][]string{}}
	var on []fzExpr
	for _, kv := range c.on {
		if g.chance(0.5) {
			on = append(on, fzLeaf{"c." + kv[0] + " = p." + kv[1]})
		} else {
			on = append(on, fzLeaf{"p." + kv[1] + " = c." + kv[0]})
		}
	}
	if g.chance(0.35) {
		if id := c.byName["id"]; id != nil && len(id.vals) > 0 && g.chance(0.5) {
			on = append(on, fzLeaf{"c.id = " + sqlQuote(pickOne(g, id.vals))})
		} else {
			on = append(on, g.pred(c, "c", g.column(c, true)))
		}
	}
	parentFirst := g.chance(0.5)
	if parentFirst {
		q.table, q.alias = p.def.Name, "p"
		kind := "JOIN"
		if g.chance(0.2) {
			kind = "LEFT JOIN"
		}
		q.joins = append(q.joins, fzJoin{kind: kind, table: c.def.Name, alias: "c", on: on, keys: len(c.on)})
	} else {
		q.table, q.alias = c.def.Name, "c"
		q.joins = append(q.joins, fzJoin{kind: "JOIN", table: p.def.Name, alias: "p", on: on, keys: len(c.on)})
	}
	if g.chance(0.1) {
		if parentFirst {
			q.hint = "/*+ JOIN_ORDER(c, p) */"
		} else {
			q.hint = "/*+ JOIN_ORDER(p, c) */"
		}
	}
	q.unique["p"], q.unique["c"] = pkExprs(p, "p"), pkExprs(c, "c")
	q.sel = append(append(q.sel, q.unique["p"]...), q.unique["c"]...)
	q.addSel("c." + g.column(c, false).def.Name)
	if g.chance(0.5) {
		q.addSel("p." + g.column(p, false).def.Name)
	}
	// The reference may read the second copy once per row of the first.
	if id := c.byName["id"]; id != nil && c.rows*c.cost <= 20*fzCheapChild && g.chance(0.2) {
		var on2 []fzExpr
		for _, kv := range c.on {
			on2 = append(on2, fzLeaf{"c2." + kv[0] + " = p." + kv[1]})
		}
		on2 = append(on2, fzLeaf{"c2.id = c.id"})
		q.joins = append(q.joins, fzJoin{kind: "JOIN", table: c.def.Name, alias: "c2", on: on2, keys: len(c.on)})
		q.unique["c2"] = pkExprs(c, "c2")
		q.sel = append(q.sel, q.unique["c2"]...)
	}
	var conj []fzExpr
	if last := c.on[len(c.on)-1]; c.cost > fzCheapChild {
		// The reference may read the child once per parent row: keep
		// the parent to a few rows.
		conj = append(conj, fzList{left: "p." + last[1], terms: g.terms(p.byName[last[1]], 1+g.intn(3))})
	}
	if g.chance(0.7) {
		conj = append(conj, g.tree(p, "p", 1))
	}
	if g.chance(0.6) {
		conj = append(conj, g.tree(c, "c", 1))
	}
	if g.chance(0.3) {
		conj = append(conj, g.keyPreds(c, "c")...)
	}
	q.where = andOf(conj)
	if g.chance(0.1) {
		q.sel = []string{"count(*)"}
		return q
	}
	g.order(q, map[string]*fzTable{"p": p, "c": c})
	return q
}

// order adds, sometimes, an ORDER BY (with the primary keys at the end
// most of the time) and a LIMIT and OFFSET; a LIMIT without ORDER BY is
// wrapped in a count, which it determines.
func (g *fzGen) order(q *fzQuery, tabs map[string]*fzTable) {
	aliases := make([]string, 0, len(tabs))
	for a := range tabs {
		aliases = append(aliases, a)
	}
	sort.Strings(aliases)
	if g.chance(0.45) {
		// One column the endpoint can sort by, often alone with a LIMIT
		// (what goes to sortBy), or one or two columns of any kind.
		single := false
		for n := 1 + g.intn(2); n > 0; n-- {
			a := pickOne(g, aliases)
			c := g.column(tabs[a], true)
			if s := tabs[a].sortable; len(s) > 0 && g.chance(0.6) {
				// dates first: what an API sorts by most
				ws := make([]float64, len(s))
				for i, sc := range s {
					ws[i] = 1
					if sc.def.Type == schema.TypeDatetime {
						ws[i] = 4
					}
				}
				c, single = s[g.weighted(ws)], true
				n = 0
			}
			q.addOrder(a+"."+c.def.Name, g.chance(0.4))
		}
		if single && g.chance(0.5) {
			q.limit = pickOne(g, []int{1, 3, 5, 10, 50})
			return
		}
		if g.chance(0.6) {
			desc := g.chance(0.3)
			for _, a := range aliases {
				for _, e := range q.unique[a] {
					q.addOrder(e, desc)
				}
			}
		}
		if g.chance(0.5) {
			q.limit = pickOne(g, []int{0, 1, 2, 3, 5, 10, 25})
			if g.chance(0.3) {
				q.offset = pickOne(g, []int{0, 1, 3, 10})
			}
		}
		return
	}
	if g.chance(0.1) {
		q.limit = pickOne(g, []int{0, 1, 5, 10})
		q.wrap = "SELECT count(*) FROM (%s) x"
	}
}

func (q *fzQuery) addSel(e string) {
	if !slices.Contains(q.sel, e) {
		q.sel = append(q.sel, e)
	}
}

func (q *fzQuery) addOrder(e string, desc bool) {
	for _, o := range q.orderBy {
		if o.expr == e {
			return
		}
	}
	q.addSel(e)
	q.orderBy = append(q.orderBy, fzOrder{expr: e, desc: desc})
}

func andOf(xs []fzExpr) fzExpr {
	switch len(xs) {
	case 0:
		return nil
	case 1:
		return xs[0]
	}
	return fzAnd{xs}
}

// column picks a column of t; pushable ones (not keys) most of the time
// when push is set.
// Columns the pushdown names, and columns with values, weigh more.
func (g *fzGen) column(t *fzTable, push bool) *fzColumn {
	if push && g.chance(0.85) {
		var ps []*fzColumn
		var ws []float64
		for _, c := range t.cols {
			if c.push && !c.key {
				w := 1.0
				if c.named {
					w *= 4
				}
				if len(c.vals) == 0 {
					w *= 0.1
				}
				ps, ws = append(ps, c), append(ws, w)
			}
		}
		if len(ps) > 0 {
			return ps[g.weighted(ws)]
		}
	}
	return pickOne(g, t.cols)
}

// weighted picks an index of ws by weight.
func (g *fzGen) weighted(ws []float64) int {
	var sum float64
	for _, w := range ws {
		sum += w
	}
	x := g.r.Float64() * sum
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	return len(ws) - 1
}

// keyPreds are the conditions on t's key columns: mostly equality with a
// sampled value, sometimes IN, a variant of a value, or nothing (a fan-out).
func (g *fzGen) keyPreds(t *fzTable, alias string) []fzExpr {
	var out []fzExpr
	for _, k := range t.def.Keys {
		c := t.byName[k.Column]
		if c == nil || g.chance(0.08) {
			continue
		}
		e := alias + "." + c.def.Name
		// Mostly a value the key really has: a made-up key reads a path
		// the reference never reads.
		exact := func() string {
			if v, ok := g.pivot(t)[c.def.Name]; ok && g.chance(0.6) {
				return sqlQuote(v)
			}
			if len(c.vals) > 0 && g.chance(0.85) {
				return sqlQuote(pickOne(g, c.vals))
			}
			return g.value(c)
		}
		switch x := g.r.Float64(); {
		case x < 0.65 || len(c.vals) == 0:
			out = append(out, fzLeaf{e + " = " + exact()})
		case x < 0.85:
			terms := []string{exact()}
			for n := g.intn(3); n > 0; n-- {
				terms = append(terms, exact())
			}
			out = append(out, fzList{left: e, terms: terms})
		default:
			out = append(out, g.pred(t, alias, c))
		}
	}
	return out
}

// tree is a random AND/OR/NOT tree of predicates on t's columns.
func (g *fzGen) tree(t *fzTable, alias string, depth int) fzExpr {
	if depth == 0 || g.chance(0.55) {
		return g.pred(t, alias, g.column(t, true))
	}
	n := 2 + g.intn(2)
	xs := make([]fzExpr, n)
	for i := range xs {
		xs[i] = g.tree(t, alias, depth-1)
	}
	switch x := g.r.Float64(); {
	case x < 0.5:
		return fzAnd{xs}
	case x < 0.85:
		return fzOr{xs}
	default:
		return fzNot{xs[0]}
	}
}

// colExpr is the column as written in a predicate: its name, or the same
// value through its JSON column.
func (g *fzGen) colExpr(alias string, c *fzColumn) string {
	if c.jsonExpr != "" && g.chance(0.15) {
		return alias + "." + c.jsonExpr
	}
	return alias + "." + c.def.Name
}

// pred is one predicate on column c of t.
func (g *fzGen) pred(t *fzTable, alias string, c *fzColumn) fzExpr {
	e := g.colExpr(alias, c)
	if g.chance(0.06) {
		if g.chance(0.5) {
			return fzLeaf{e + " IS NULL"}
		}
		return fzLeaf{e + " IS NOT NULL"}
	}
	switch c.def.Type {
	case schema.TypeBoolean:
		return fzLeaf{e + pickOne(g, []string{" = TRUE", " = FALSE", " = 1", " = 0", " <> 1", " = 'true'", " IS TRUE", " IS FALSE"})}
	}
	switch x := g.r.Float64(); {
	case x < 0.30:
		return fzLeaf{e + " = " + g.value(c) + g.collate()}
	case x < 0.38:
		return fzLeaf{e + " <> " + g.value(c) + g.collate()}
	case x < 0.52:
		return fzLeaf{e + " " + pickOne(g, []string{"<", "<=", ">", ">="}) + " " + g.value(c)}
	case x < 0.58:
		return fzLeaf{e + " BETWEEN " + g.value(c) + " AND " + g.value(c)}
	case x < 0.68:
		return fzList{left: e, terms: g.terms(c, 1+g.intn(4))}
	case x < 0.72:
		return fzList{left: e, not: true, terms: g.terms(c, 1+g.intn(3))}
	case x < 0.92:
		not := ""
		if g.chance(0.15) {
			not = "NOT "
		}
		pat, esc := g.likePattern(c)
		coll := ""
		if g.chance(0.3) {
			coll = g.collate()
		}
		return fzLeaf{e + " " + not + "LIKE " + pat + coll + esc}
	default:
		// a number against any column (id = 0), or a string against a number
		return fzLeaf{e + " " + pickOne(g, []string{"=", "<>", ">", "<"}) + " " + pickOne(g, []string{"0", "1", "-1", "0.5", "'0'", "''"})}
	}
}

// terms are n IN-list values of c, sometimes with a NULL.
func (g *fzGen) terms(c *fzColumn, n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, g.value(c))
	}
	if g.chance(0.15) {
		out = append(out, "NULL")
	}
	return out
}

// collate is, sometimes, a COLLATE clause.
func (g *fzGen) collate() string {
	if !g.chance(0.25) {
		return ""
	}
	return " COLLATE " + pickOne(g, []string{"utf8mb4_unicode_ci", "utf8mb4_0900_ai_ci", "utf8mb4_general_ci", "utf8mb4_0900_bin", "utf8mb4_bin"})
}

// base returns a sampled value of c, or a made-up one when none was seen.
func (g *fzGen) base(c *fzColumn) string {
	if v, ok := g.pivot(c.table)[c.def.Name]; ok && g.chance(0.65) {
		return v
	}
	if len(c.vals) > 0 && g.chance(0.92) {
		return pickOne(g, c.vals)
	}
	if len(c.def.Enum) > 0 && g.chance(0.7) {
		return pickOne(g, c.def.Enum)
	}
	switch c.def.Type {
	case schema.TypeDatetime:
		return "2025-06-15 08:30:00"
	case schema.TypeInteger, schema.TypeNumber:
		return strconv.Itoa(g.intn(100))
	}
	return pickOne(g, []string{"x", "00uNOPE", "ACTIVE", "Sales", "a@example.com"})
}

// value is a SQL literal for c: a sampled value or a variant of one.
func (g *fzGen) value(c *fzColumn) string {
	switch c.def.Type {
	case schema.TypeDatetime:
		return g.dateValue(c)
	case schema.TypeInteger, schema.TypeNumber:
		v := g.base(c)
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return sqlQuote(v)
		}
		switch x := g.r.Float64(); {
		case x < 0.6:
			return v
		case x < 0.8:
			return strconv.FormatFloat(f+float64(g.intn(3)-1), 'f', -1, 64)
		default:
			return sqlQuote(v)
		}
	}
	return sqlQuote(g.stringVariant(g.base(c)))
}

// stringVariant is v, or v changed in case, unicode, spacing or length.
func (g *fzGen) stringVariant(v string) string {
	switch x := g.r.Float64(); {
	case x < 0.55:
		return v
	case x < 0.63:
		return strings.ToUpper(v)
	case x < 0.71:
		return strings.ToLower(v)
	case x < 0.76:
		return v + " "
	case x < 0.79:
		return " " + v
	case x < 0.86:
		return unicodeVariant(g, v)
	case x < 0.93:
		rs := []rune(v)
		if len(rs) > 1 {
			return string(rs[:1+g.intn(len(rs)-1)])
		}
		return v
	case x < 0.97:
		return v + "zz"
	default:
		return ""
	}
}

// unicodeVariant replaces one letter of v with a look-alike that some
// collations or case foldings equate with it.
func unicodeVariant(g *fzGen, v string) string {
	subst := map[rune][]string{
		'a': {"á", "à", "ä", "a\u0301"}, 'e': {"é", "è", "e\u0301"}, 'i': {"í", "ı"}, 'o': {"ö", "ó"},
		'u': {"ü", "ú"}, 'n': {"ñ"}, 'c': {"ç"}, 's': {"ß", "ſ"}, 'k': {"\u212a"}, 'K': {"\u212a"},
		'A': {"Á", "Ä"}, 'E': {"É"}, 'I': {"İ"}, 'O': {"Ö"}, 'S': {"ẞ"},
	}
	rs := []rune(v)
	var at []int
	for i, r := range rs {
		if subst[r] != nil {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return v + "é"
	}
	i := pickOne(g, at)
	return string(rs[:i]) + pickOne(g, subst[rs[i]]) + string(rs[i+1:])
}

// dateValue is a datetime literal near a sampled value, or an edge value,
// in one of MySQL's literal forms.
func (g *fzGen) dateValue(c *fzColumn) string {
	if g.chance(0.2) {
		return pickOne(g, []string{
			"'9999-12-31 23:59:59.999999'", "'9999-12-31 23:59:59'", "'9999-12-31'", "'1000-01-01'",
			"'1000-01-01 00:00:00'", "'1970-01-01 00:00:00'", "'2038-01-19 03:14:07'", "'0000-00-00'",
			"'2026-11-01'", "'2026-11-01 12:00:00'", "NOW()", "CURRENT_DATE",
		})
	}
	t, err := time.Parse(fzTimeLayout, g.base(c))
	if err != nil {
		t = harnessNow.AddDate(0, -g.intn(24), 0)
	}
	switch x := g.r.Float64(); {
	case x < 0.5:
	case x < 0.6:
		t = t.Add(time.Second)
	case x < 0.7:
		t = t.Add(-time.Second)
	case x < 0.75:
		t = t.Add(time.Microsecond)
	case x < 0.8:
		t = t.Add(-time.Millisecond)
	case x < 0.9:
		t = t.Truncate(time.Second)
	default:
		t = t.AddDate(0, 0, g.intn(61)-30)
	}
	switch x := g.r.Float64(); {
	case x < 0.35:
		return "'" + t.Format("2006-01-02 15:04:05.999999") + "'"
	case x < 0.5:
		return "'" + t.Format("2006-01-02 15:04:05") + "'"
	case x < 0.62:
		return "'" + t.Format("2006-01-02") + "'"
	case x < 0.7:
		return "'" + t.Format("2006-01-02T15:04:05.000") + "'"
	case x < 0.77:
		return "'" + t.Format("2006-01-02 15:04:05.000000") + "'"
	case x < 0.84:
		return "TIMESTAMP '" + t.Format("2006-01-02 15:04:05.999999") + "'"
	case x < 0.9:
		return "DATE '" + t.Format("2006-01-02") + "'"
	case x < 0.95:
		return "'" + t.Format("2006-01-02 15:04") + "'"
	default:
		return t.Format("20060102150405")
	}
}

// likePattern is a LIKE pattern made from a value of c, with wildcards,
// escaped wildcards and sometimes an ESCAPE clause.
func (g *fzGen) likePattern(c *fzColumn) (pattern, escape string) {
	v := g.base(c)
	if c.def.Type == schema.TypeDatetime {
		v = strings.Replace(v, "T", " ", 1)
	}
	if g.chance(0.3) {
		v = g.stringVariant(v)
	}
	esc := '\\'
	if g.chance(0.2) {
		esc = '|'
		escape = " ESCAPE '|'"
	}
	lit := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if r == '%' || r == '_' || r == esc {
				b.WriteRune(esc)
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	rs := []rune(v)
	n := len(rs)
	cut := func() int {
		if n == 0 {
			return 0
		}
		return g.intn(n + 1)
	}
	var p string
	switch x := g.r.Float64(); {
	case x < 0.3:
		p = lit(string(rs[:cut()])) + "%"
	case x < 0.42:
		p = "%" + lit(string(rs[cut():]))
	case x < 0.55:
		i := cut()
		j := i + g.intn(n-i+1)
		p = "%" + lit(string(rs[i:j])) + "%"
	case x < 0.67:
		if n == 0 {
			p = "_"
			break
		}
		i := g.intn(n)
		p = lit(string(rs[:i])) + "_" + lit(string(rs[i+1:]))
		if g.chance(0.4) {
			p = lit(string(rs[:i])) + "_%"
		}
	case x < 0.75:
		p = lit(v)
	default:
		// a literal wildcard where the value has one, or right after a
		// prefix: only values with that character there match
		i := strings.IndexAny(v, "%_")
		if i < 0 {
			i = len(string(rs[:cut()]))
			v = v[:i] + pickOne(g, []string{"%", "_"}) + v[i:]
		}
		p = lit(v[:i+1]) + pickOne(g, []string{"%", "", "_%"})
	}
	// In a MySQL string literal a backslash must be doubled; "\%" and "\_"
	// also stand for themselves. Write both forms.
	if esc == '\\' && g.chance(0.5) {
		return "'" + strings.ReplaceAll(strings.ReplaceAll(p, "'", "''"), `\\`, `\\\\`) + "'", escape
	}
	return sqlQuote(p), escape
}

// sqlQuote is s as a MySQL string literal.
func sqlQuote(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "?")
	}
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", "''") + "'"
}

// correlate is the condition tying child c (as alias a) to its parent
// (as alias pa).
func correlate(c *fzTable, a, pa string) string {
	var parts []string
	for _, kv := range c.on {
		parts = append(parts, a+"."+kv[0]+" = "+pa+"."+kv[1])
	}
	return strings.Join(parts, " AND ")
}

// childSubquery is an IN, NOT IN, EXISTS or NOT EXISTS subquery over a
// child of t.
func (g *fzGen) childSubquery(t *fzTable, alias string) fzExpr {
	c := pickOne(g, t.children)
	cond := ""
	if g.chance(0.6) {
		cond = " AND " + g.pred(c, "s", g.column(c, true)).sql()
	}
	switch x := g.r.Float64(); {
	case (x < 0.5 || c.cost > fzCheapChild) && len(c.on) == 1:
		kv := c.on[0]
		not := ""
		if g.chance(0.25) {
			not = "NOT "
		}
		where := ""
		if cond != "" {
			where = " WHERE " + cond[len(" AND "):]
		}
		return fzLeaf{fmt.Sprintf("%s.%s %sIN (SELECT s.%s FROM `%s` s%s)", alias, kv[1], not, kv[0], c.def.Name, where)}
	default:
		not := ""
		if g.chance(0.25) {
			not = "NOT "
		}
		return fzLeaf{fmt.Sprintf("%sEXISTS (SELECT 1 FROM `%s` s WHERE %s%s)", not, c.def.Name, correlate(c, "s", alias), cond)}
	}
}

// cheapChild is a child of t cheap enough to read once per row of t, or nil.
func (g *fzGen) cheapChild(t *fzTable) *fzTable {
	var cs []*fzTable
	for _, c := range t.children {
		if c.cost <= fzCheapChild {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return nil
	}
	return pickOne(g, cs)
}

// parentSubquery is key IN (SELECT parent column FROM parent WHERE ...).
func (g *fzGen) parentSubquery(t *fzTable, alias string) fzExpr {
	p := t.parent
	kv := t.on[len(t.on)-1]
	return fzLeaf{fmt.Sprintf("%s.%s IN (SELECT s.%s FROM `%s` s WHERE %s)", alias, kv[0], kv[1], p.def.Name, g.pred(p, "s", g.column(p, true)).sql())}
}

// sameTableSubquery compares a column with a scalar subquery over the
// same table, or tests membership in it.
func (g *fzGen) sameTableSubquery(t *fzTable, alias string) fzExpr {
	c := g.column(t, true)
	var keys []string
	for _, k := range t.def.Keys {
		keys = append(keys, fmt.Sprintf("s.%s = %s.%s", k.Column, alias, k.Column))
	}
	where := g.pred(t, "s", g.column(t, true)).sql()
	if len(keys) > 0 {
		where = strings.Join(keys, " AND ") + " AND " + where
	}
	// The reference may run a scalar subquery once per outer row.
	if t.rows*t.cost <= fzCheapChild && g.chance(0.5) {
		agg := pickOne(g, []string{"max", "min"})
		return fzLeaf{fmt.Sprintf("%s.%s %s (SELECT %s(s.%s) FROM `%s` s WHERE %s)", alias, c.def.Name, pickOne(g, []string{"=", ">=", "<"}), agg, c.def.Name, t.def.Name, where)}
	}
	return fzLeaf{fmt.Sprintf("%s.%s IN (SELECT s.%s FROM `%s` s WHERE %s)", alias, c.def.Name, c.def.Name, t.def.Name, where)}
}
