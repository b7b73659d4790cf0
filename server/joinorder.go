package server

import (
	"fmt"
	"runtime"
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
)

// keepJoinConditions wraps go-mysql-server's join planning (optimizeJoins)
// so that a planned join applies the conditions the query gave it, each
// where the query put it. Its reordering (v0.20.0) sometimes builds a
// join without a condition that connects its tables (`p LEFT JOIN c …
// JOIN c2 ON c2.id = c.id` became (p JOIN c2) LEFT JOIN c with no c2.id =
// c.id; inner joins of four tables lost an equality or an OR the same
// way), or moves an inner condition into an outer join's ON, where it no
// longer drops rows. checkJoinPlan compares the planned tree with the
// joins it was given. When it finds a fault, the join is planned again
// with the tables in their written order (a JOIN_ORDER hint); conditions
// still lost that filter the whole join (an inner join's or WHERE's, not
// under the nullable side of an outer join nor inside a semi or anti
// join) are applied above the planned join; any other fault fails the
// statement rather than answer with wrong rows.
func keepJoinConditions(optimizeJoins analyzer.RuleFunc) analyzer.RuleFunc {
	optimize := survivePanics(optimizeJoins)
	return func(ctx *sql.Context, a *analyzer.Analyzer, n sql.Node, scope *plan.Scope, sel analyzer.RuleSelector, qFlags *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
		out, same, err := optimize(ctx, a, n, scope, sel, qFlags)
		if err != nil || same {
			return out, same, err
		}
		lost, fault := checkJoinPlan(n, out)
		if fault == nil && len(lost) == 0 {
			return out, same, nil
		}
		if fault != nil || !allLiftable(lost) {
			pinned, err := pinJoinOrder(n)
			if err != nil {
				return nil, transform.SameTree, joinPlanError(lost, fault)
			}
			if out, same, err = optimize(ctx, a, pinned, scope, sel, qFlags); err != nil || same {
				return out, same, err
			}
			lost, fault = checkJoinPlan(n, out)
			if fault != nil || !allLiftable(lost) {
				return nil, transform.SameTree, joinPlanError(lost, fault)
			}
			if len(lost) == 0 {
				return out, transform.NewTree, nil
			}
		}
		out, err = liftConditions(out, lost)
		if err != nil {
			return nil, transform.SameTree, err
		}
		return out, transform.NewTree, nil
	}
}

// survivePanics wraps go-mysql-server's join planning, which v0.20.0
// panics in for a semi join whose left side reads a table under an alias
// with only some of its columns (an IN subquery inside a derived table):
// convertSemiToInnerJoin indexes the alias's projected schema by the
// table's column ids. Planned again with every table reading all its
// columns, the statement keeps its plan; should that panic too, it runs
// with its joins as written, the plan go-mysql-server also falls back to
// for joins it cannot reorder (a semi join then reads its right side once
// per row).
func survivePanics(optimize analyzer.RuleFunc) analyzer.RuleFunc {
	try := func(ctx *sql.Context, a *analyzer.Analyzer, n sql.Node, scope *plan.Scope, sel analyzer.RuleSelector, qFlags *sql.QueryFlags) (out sql.Node, same transform.TreeIdentity, err error, panicked bool) {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(runtime.Error); !ok {
					panic(r)
				}
				panicked = true
			}
		}()
		out, same, err = optimize(ctx, a, n, scope, sel, qFlags)
		return out, same, err, false
	}
	return func(ctx *sql.Context, a *analyzer.Analyzer, n sql.Node, scope *plan.Scope, sel analyzer.RuleSelector, qFlags *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
		out, same, err, panicked := try(ctx, a, n, scope, sel, qFlags)
		if !panicked {
			return out, same, err
		}
		whole, err := allColumns(n)
		if err != nil {
			return nil, transform.SameTree, err
		}
		if out, _, err, panicked = try(ctx, a, whole, scope, sel, qFlags); !panicked {
			return out, transform.NewTree, err
		}
		return n, transform.SameTree, nil
	}
}

// allColumns returns n with each table that reads some of its columns
// reading all of them.
func allColumns(n sql.Node) (sql.Node, error) {
	out, _, err := transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		rt, ok := n.(*plan.ResolvedTable)
		if !ok {
			return n, transform.SameTree, nil
		}
		pt, ok := rt.Table.(sql.ProjectedTable)
		pk, full := rt.Table.(sql.PrimaryKeyTable)
		if !ok || !full || len(pt.Projections()) == 0 {
			return n, transform.SameTree, nil
		}
		var names []string
		for _, c := range pk.PrimaryKeySchema().Schema {
			names = append(names, c.Name)
		}
		whole, err := rt.WithTable(pt.WithProjections(names))
		return whole, transform.NewTree, err
	})
	return out, err
}

// joinPlanError names what the plan got wrong.
func joinPlanError(lost []joinCond, fault error) error {
	if fault == nil {
		exprs := make([]sql.Expression, len(lost))
		for i, c := range lost {
			exprs[i] = c.expr
		}
		fault = fmt.Errorf("it dropped the join condition %s", expression.JoinAnd(exprs...))
	}
	return fmt.Errorf("oktasql: go-mysql-server's join planner got this join wrong (%w); write the join as nested derived tables to fix its order", fault)
}

func allLiftable(lost []joinCond) bool {
	for _, c := range lost {
		if !c.liftable {
			return false
		}
	}
	return true
}

// pinJoinOrder puts a JOIN_ORDER hint naming the tables in their written
// order on every join of n; it fails when some join's tables have no
// names a hint can carry.
func pinJoinOrder(n sql.Node) (sql.Node, error) {
	out, _, err := transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		j, ok := n.(*plan.JoinNode)
		if !ok {
			return n, transform.SameTree, nil
		}
		g := newJoinGraph(j)
		if !g.namesUnique() {
			return nil, transform.SameTree, fmt.Errorf("a join's tables have no names a hint can carry: %q", g.leaves)
		}
		hint := fmt.Sprintf("/*+ JOIN_ORDER(%s) */", strings.Join(g.leaves, ", "))
		if c := j.Comment(); strings.HasPrefix(c, "/*+") {
			// The last JOIN_ORDER wins over the query's own.
			hint = c + " " + hint
		}
		return j.WithComment(hint), transform.NewTree, nil
	})
	return out, err
}

// liftConditions puts a filter of each condition above the outermost join
// of n that reads all its tables.
func liftConditions(n sql.Node, conds []joinCond) (sql.Node, error) {
	placed := make([]bool, len(conds))
	var lift func(n sql.Node) (sql.Node, error)
	lift = func(n sql.Node) (sql.Node, error) {
		if _, ok := n.(sql.OpaqueNode); ok {
			return n, nil
		}
		if j, ok := n.(*plan.JoinNode); ok {
			names := map[string]bool{}
			tableNames(j, names)
			var mine []sql.Expression
			for i, c := range conds {
				if !placed[i] && allIn(qualifiers(c.expr), names) {
					placed[i] = true
					mine = append(mine, c.expr)
				}
			}
			if len(mine) == 0 {
				return n, nil
			}
			return plan.NewFilter(expression.JoinAnd(mine...), j), nil
		}
		children := n.Children()
		if len(children) == 0 {
			return n, nil
		}
		next := make([]sql.Node, len(children))
		for i, c := range children {
			var err error
			if next[i], err = lift(c); err != nil {
				return nil, err
			}
		}
		return n.WithChildren(next...)
	}
	out, err := lift(n)
	if err != nil {
		return nil, err
	}
	for i, ok := range placed {
		if !ok {
			return nil, joinPlanError(conds[i:i+1], nil)
		}
	}
	return out, nil
}

// Where a join condition applies (joinCond.scope).
const (
	innerScope = ""     // an inner join's, or a WHERE's
	semiScope  = "semi" // a semi, anti or full outer join's
)

// joinCond is a condition over two or more tables of a join. Its scope is
// innerScope, semiScope, or the tables of the nullable side of the outer
// join whose ON has it (tableKey). liftable when it filters the rows of
// the whole join.
type joinCond struct {
	expr     sql.Expression
	scope    string
	liftable bool
}

// checkJoinPlan compares the conditions over two or more tables of the
// joins of in with those the planned tree out applies. lost are the ones
// out does not apply where in has them: an inner condition must be an
// inner join's or filter's condition or an inner lookup's key, or (an
// equality of two columns) follow from their equalities; an outer join's
// must be that outer join's: an inner condition that only an outer join's
// ON applies is lost, and so is an equality that only follows through an
// outer join's ON. fault reports an outer join over tables no outer join
// of in has. A condition on one table is the business of
// that table's access path, not of the join's order.
func checkJoinPlan(in, out sql.Node) (lost []joinCond, fault error) {
	var want []joinCond
	outerJoins := map[string]bool{}
	partial := false
	walkJoins(in, func(g *joinGraph) {
		want = append(want, g.conds...)
		for k := range g.outer {
			outerJoins[k] = true
		}
		partial = partial || g.partial
	})
	if len(want) == 0 && len(outerJoins) == 0 {
		return nil, nil
	}
	have := planConds(out)
	var all *condSet // every condition of out, for semi and anti joins
	for _, c := range want {
		var ok bool
		switch {
		case c.scope == semiScope:
			if all == nil {
				all = newCondSet()
				for _, s := range have {
					all.merge(s)
				}
			}
			ok = all.implies(c.expr)
		case c.scope != innerScope && have[c.scope] != nil:
			ok = have[c.scope].implies(c.expr)
		default:
			// An outer join go-mysql-server made inner (its nullable side
			// is null-rejected) has its conditions among the inner ones.
			ok = have[innerScope].implies(c.expr)
		}
		if !ok {
			lost = append(lost, c)
		}
	}
	for scope := range have {
		if scope != innerScope && scope != semiScope && !outerJoins[scope] && !partial {
			return lost, fmt.Errorf("it made an outer join of %s", scope)
		}
	}
	return lost, nil
}

// walkJoins calls f with the graph of each outermost join of n, as
// go-mysql-server's join planning finds them (inOrderReplanJoin).
func walkJoins(n sql.Node, f func(*joinGraph)) {
	if _, ok := n.(sql.OpaqueNode); ok {
		return
	}
	if j, ok := n.(*plan.JoinNode); ok {
		f(newJoinGraph(j))
		return
	}
	for _, c := range n.Children() {
		walkJoins(c, f)
	}
}

// joinGraph is what go-mysql-server's join reordering sees of a join tree
// (memo.joinOrderBuilder.populateSubgraph): its leaves, by name in the
// written order, its conditions over two or more tables, its outer joins
// (by tableKey) and whether it has semi or anti joins.
type joinGraph struct {
	leaves  []string
	conds   []joinCond
	outer   map[string]bool
	partial bool
}

func newJoinGraph(j *plan.JoinNode) *joinGraph {
	g := &joinGraph{outer: map[string]bool{}}
	g.add(j, false, nil)
	return g
}

// add walks n as populateSubgraph does. nullable is true under the
// nullable side of an outer join or the inner side of a semi or anti join;
// rejected holds the tables whose NULL rows a liftable condition above n
// drops: a LEFT JOIN whose right side has one is an inner join (MySQL's
// outer join simplification, which go-mysql-server applies too).
func (g *joinGraph) add(n sql.Node, nullable bool, rejected map[string]bool) {
	switch n := n.(type) {
	case *plan.JoinNode:
		op := n.Op
		scope := innerScope
		var nullSide sql.Node
		switch {
		case op.IsLeftOuter():
			nullSide = n.Right()
		case op.IsRightOuter():
			nullSide = n.Left()
		case op.IsInner(), op.IsCross():
		default:
			scope, g.partial = semiScope, true
		}
		if nullSide != nil {
			names := map[string]bool{}
			tableNames(nullSide, names)
			simplified := false
			for t := range names {
				simplified = simplified || rejected[t]
			}
			g.outer[tableKey(names)] = true
			if !simplified || nullable {
				scope = tableKey(names)
			}
		}
		inner := scope == innerScope
		own := g.addConds(n.Filter, scope, inner && !nullable)
		if inner && !nullable {
			rejected = union(rejected, own)
		}
		g.add(n.Left(), nullable || !inner && nullSide == n.Left(), rejected)
		g.add(n.Right(), nullable || !inner && nullSide != n.Left(), rejected)
	case *plan.Filter:
		g.add(n.Child, nullable, union(rejected, g.addConds(n.Expression, innerScope, !nullable)))
	case *plan.Having:
		g.add(n.Child, nullable, union(rejected, g.addConds(n.Cond, innerScope, !nullable)))
	case *plan.Limit, *plan.Project, *plan.Sort, *plan.Distinct, *plan.Max1Row, *plan.StripRowNode, *plan.CachedResults:
		g.add(n.Children()[0], nullable, rejected)
	case sql.Nameable:
		g.leaves = append(g.leaves, n.Name())
	default:
		g.leaves = append(g.leaves, "")
	}
}

// addConds keeps the conjuncts of e over two or more tables, and returns
// the tables whose NULL rows they drop when they are liftable.
func (g *joinGraph) addConds(e sql.Expression, scope string, liftable bool) map[string]bool {
	rejects := map[string]bool{}
	if e == nil {
		return rejects
	}
	for _, c := range expression.SplitConjunction(e) {
		if len(qualifiers(c)) > 1 {
			g.conds = append(g.conds, joinCond{expr: c, scope: scope, liftable: liftable})
		}
		if !liftable {
			continue
		}
		if cmp, ok := c.(expression.Comparer); ok {
			if _, nullSafe := c.(*expression.NullSafeEquals); !nullSafe {
				for _, side := range []sql.Expression{cmp.Left(), cmp.Right()} {
					if f, ok := side.(*expression.GetField); ok {
						rejects[strings.ToLower(f.Table())] = true
					}
				}
			}
		}
	}
	return rejects
}

// namesUnique reports whether every leaf has a name of its own that a hint
// can carry (go-mysql-server reads hint arguments up to a comma, space or
// parenthesis, in lower case).
func (g *joinGraph) namesUnique() bool {
	seen := map[string]bool{}
	for _, name := range g.leaves {
		key := strings.ToLower(name)
		if key == "" || seen[key] || strings.ContainsAny(key, "(), \t\n*/") {
			return false
		}
		seen[key] = true
	}
	return true
}

// planConds gathers the conditions over two or more tables that a planned
// tree applies, outside subqueries, by scope: an outer join's condition
// and its lookup's keys under the tables of its nullable side, a semi or
// anti join's under semiScope, the rest under innerScope.
func planConds(n sql.Node) map[string]*condSet {
	out := map[string]*condSet{}
	add := func(scope string) *condSet {
		if out[scope] == nil {
			out[scope] = newCondSet()
		}
		return out[scope]
	}
	// walk visits n; lookups is the scope of a lookup read right under
	// its join, alias the name of the table alias just above.
	var walk func(n sql.Node, lookups, alias string)
	walk = func(n sql.Node, lookups, alias string) {
		if _, ok := n.(sql.OpaqueNode); ok {
			return
		}
		switch n := n.(type) {
		case *plan.JoinNode:
			scope := innerScope
			var nullSide sql.Node
			switch op := n.Op; {
			case op.IsLeftOuter():
				nullSide = n.Right()
			case op.IsRightOuter():
				nullSide = n.Left()
			case op.IsInner(), op.IsCross():
			default:
				scope = semiScope
			}
			if nullSide != nil {
				names := map[string]bool{}
				tableNames(nullSide, names)
				scope = tableKey(names)
			}
			add(scope).add(n.Filter)
			walk(n.Left(), scope, "")
			walk(n.Right(), scope, "")
			return
		case *plan.Filter:
			add(innerScope).add(n.Expression)
		case *plan.Having:
			add(innerScope).add(n.Cond)
		case *plan.TableAlias:
			walk(n.Child, lookups, n.Name())
			return
		case *plan.IndexedTableAccess:
			if alias == "" {
				alias = n.Name()
			}
			add(lookups).addKeys(alias, n)
		}
		for _, c := range n.Children() {
			walk(c, lookups, "")
		}
	}
	walk(n, innerScope, "")
	for k, s := range out {
		if s.isEmpty() {
			delete(out, k)
		}
	}
	return out
}

// condSet is a set of conditions over two or more tables, by their text,
// with the classes of columns its equalities make equal.
type condSet struct {
	list []sql.Expression
	text map[string]bool
	same map[string]string // union-find over "table.column"
}

func newCondSet() *condSet {
	return &condSet{text: map[string]bool{}, same: map[string]string{}}
}

func (s *condSet) isEmpty() bool { return s == nil || len(s.list) == 0 }

// add records the conjuncts of e over two or more tables; a merge join's
// (a, b) = (x, y) counts as a = x AND b = y.
func (s *condSet) add(e sql.Expression) {
	if e == nil {
		return
	}
	for _, c := range expression.SplitConjunction(e) {
		for _, c := range splitTupleEquality(c) {
			s.addOne(c)
		}
	}
}

func (s *condSet) addOne(c sql.Expression) {
	if len(qualifiers(c)) < 2 || s.text[c.String()] {
		return
	}
	s.list = append(s.list, c)
	s.text[c.String()] = true
	if l, r, ok := columnEquality(c); ok {
		s.union(l, r)
	}
}

// addKeys records a lookup's keys: each index column equals its key.
func (s *condSet) addKeys(alias string, n *plan.IndexedTableAccess) {
	keys := n.Expressions()
	if len(keys) == 0 {
		return
	}
	cols := n.Index().Expressions()
	for i, k := range keys {
		if i >= len(cols) {
			break
		}
		col := cols[i][strings.LastIndex(cols[i], ".")+1:]
		field := expression.NewGetFieldWithTable(0, 0, nil, "", alias, col, false)
		s.addOne(expression.NewEquals(field, k))
	}
}

func (s *condSet) merge(o *condSet) {
	if o == nil {
		return
	}
	for _, c := range o.list {
		s.addOne(c)
	}
}

// implies reports whether the set applies c.
func (s *condSet) implies(c sql.Expression) bool {
	if s == nil {
		return false
	}
	if s.text[c.String()] {
		return true
	}
	if l, r, ok := columnEquality(c); ok {
		return s.find(l) == s.find(r)
	}
	if eq, ok := c.(*expression.Equals); ok {
		return s.text[expression.NewEquals(eq.Right(), eq.Left()).String()]
	}
	return false
}

func (s *condSet) find(x string) string {
	for {
		p, ok := s.same[x]
		if !ok || p == x {
			return x
		}
		x = p
	}
}

func (s *condSet) union(x, y string) {
	if rx, ry := s.find(x), s.find(y); rx != ry {
		s.same[rx] = ry
	}
}

// splitTupleEquality splits (a, b) = (x, y) into its equalities.
func splitTupleEquality(e sql.Expression) []sql.Expression {
	if eq, ok := e.(*expression.Equals); ok {
		l, lok := eq.Left().(expression.Tuple)
		r, rok := eq.Right().(expression.Tuple)
		if lok && rok && len(l) == len(r) {
			out := make([]sql.Expression, len(l))
			for i := range l {
				out[i] = expression.NewEquals(l[i], r[i])
			}
			return out
		}
	}
	return []sql.Expression{e}
}

// columnEquality reports an equality of two columns, by "table.column".
func columnEquality(e sql.Expression) (string, string, bool) {
	eq, ok := e.(*expression.Equals)
	if !ok {
		return "", "", false
	}
	l, lok := eq.Left().(*expression.GetField)
	r, rok := eq.Right().(*expression.GetField)
	if !lok || !rok {
		return "", "", false
	}
	return columnName(l), columnName(r), true
}

func columnName(f *expression.GetField) string {
	return strings.ToLower(f.Table() + "." + f.Name())
}

// qualifiers lists the tables whose columns e reads, outside subqueries.
func qualifiers(e sql.Expression) []string {
	set := map[string]bool{}
	sql.Inspect(e, func(e sql.Expression) bool {
		if f, ok := e.(*expression.GetField); ok {
			set[strings.ToLower(f.Table())] = true
		}
		return true
	})
	out := make([]string, 0, len(set))
	for q := range set {
		out = append(out, q)
	}
	sort.Strings(out)
	return out
}

// tableNames adds the names of the tables n reads, outside subqueries.
func tableNames(n sql.Node, names map[string]bool) {
	if t, ok := n.(plan.TableIdNode); ok {
		names[strings.ToLower(t.Name())] = true
	}
	if _, ok := n.(sql.OpaqueNode); ok {
		return
	}
	for _, c := range n.Children() {
		tableNames(c, names)
	}
}

// tableKey names a set of tables.
func tableKey(names map[string]bool) string {
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	return "(" + strings.Join(list, ", ") + ")"
}

func allIn(names []string, set map[string]bool) bool {
	for _, n := range names {
		if !set[n] {
			return false
		}
	}
	return true
}

func union(a, b map[string]bool) map[string]bool {
	out := make(map[string]bool, len(a)+len(b))
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
