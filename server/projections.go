package server

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
)

// dropShadowedProjections removes a projection whose every result the
// projection right above it computes again. go-mysql-server plans `SELECT
// u.id, (SELECT count(*) FROM user_factors f WHERE f.user_id = u.id) c
// FROM users u WHERE …` as two projections, each evaluating the subquery
// for every row: the inner one (all of u's columns and c) for the WHERE
// and ORDER BY it may serve, the outer one for the answer. When the outer
// projection reads nothing the inner one adds (no alias of it), the inner
// one is only work: here one Okta request per user and row, and, since
// only the outer copy is indexed by the outer row, a read of every user's
// factors for each row (4,008 requests for 2 users).
func dropShadowedProjections(_ *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		outer, ok := n.(*plan.Project)
		if !ok {
			return n, transform.SameTree, nil
		}
		inner, ok := outer.Child.(*plan.Project)
		if !ok {
			return shareSubqueries(outer)
		}
		if !passesChildThrough(inner) {
			return n, transform.SameTree, nil
		}
		added := map[string]bool{}
		for _, e := range inner.Projections[len(inner.Child.Schema()):] {
			a, ok := e.(*expression.Alias)
			if !ok {
				return n, transform.SameTree, nil
			}
			added[strings.ToLower(a.Name())] = true
		}
		if readsAny(outer.Projections, added) {
			return n, transform.SameTree, nil
		}
		next, err := outer.WithChildren(inner.Child)
		if err != nil {
			return nil, transform.SameTree, err
		}
		return next, transform.NewTree, nil
	})
}

// passesChildThrough reports whether p's projections begin with its
// child's columns, in order, so that removing p leaves every column of
// the child where it was.
func passesChildThrough(p *plan.Project) bool {
	sch := p.Child.Schema()
	if len(p.Projections) < len(sch) {
		return false
	}
	for i, c := range sch {
		f, ok := p.Projections[i].(*expression.GetField)
		if !ok || !strings.EqualFold(f.Name(), c.Name) {
			return false
		}
	}
	return true
}

// readsAny reports whether exprs, subqueries included, read a column
// without a table named in names.
func readsAny(exprs []sql.Expression, names map[string]bool) bool {
	found := false
	var inspect func(e sql.Expression) bool
	inspect = func(e sql.Expression) bool {
		switch e := e.(type) {
		case *expression.GetField:
			if e.Table() == "" && names[strings.ToLower(e.Name())] {
				found = true
			}
		case *plan.Subquery:
			transform.InspectExpressions(e.Query, func(e sql.Expression) bool {
				sql.Inspect(e, inspect)
				return !found
			})
		}
		return !found
	}
	for _, e := range exprs {
		sql.Inspect(e, inspect)
	}
	return found
}

// shareSubqueries makes a projection read the subqueries that a projection
// below it (under a sort, HAVING or filter) computes under the same alias,
// instead of computing them again: `SELECT u.id, (SELECT count(*) FROM
// user_factors f WHERE f.user_id = u.id) c FROM users u WHERE … ORDER BY
// c` evaluated the subquery in both, and the lower copy, which the outer
// row does not index, read every user's factors for each row. The lower
// projection takes the upper one's copy (the outer row indexes it; both
// see the table's columns at the same places), the upper reads its column.
func shareSubqueries(outer *plan.Project) (sql.Node, transform.TreeIdentity, error) {
	var between []sql.Node
	n := outer.Child
	for {
		switch c := n.(type) {
		case *plan.Sort, *plan.Having, *plan.Filter:
			between = append(between, c)
			n = c.Children()[0]
			continue
		}
		break
	}
	inner, ok := n.(*plan.Project)
	if !ok || len(between) == 0 || !passesChildThrough(inner) {
		return outer, transform.SameTree, nil
	}
	outerExprs := append([]sql.Expression(nil), outer.Projections...)
	innerExprs := append([]sql.Expression(nil), inner.Projections...)
	shared := false
	for i, e := range outerExprs {
		a1, ok := e.(*expression.Alias)
		if !ok {
			continue
		}
		sq1, ok := a1.Child.(*plan.Subquery)
		if !ok || sq1.QueryString == "" {
			continue
		}
		for j := len(inner.Child.Schema()); j < len(innerExprs); j++ {
			a2, ok := innerExprs[j].(*expression.Alias)
			if !ok || !strings.EqualFold(a1.Name(), a2.Name()) {
				continue
			}
			// The same subquery, by its text: the copies' plans differ.
			if sq2, ok := a2.Child.(*plan.Subquery); !ok || sq2.QueryString != sq1.QueryString {
				continue
			}
			innerExprs[j] = expression.NewAlias(a2.Name(), a1.Child).WithId(a2.Id()).(*expression.Alias)
			field := expression.NewGetFieldWithTable(j, 0, a2.Type(), "", "", a2.Name(), true).WithId(a2.Id()).(*expression.GetField)
			outerExprs[i] = expression.NewAlias(a1.Name(), field).WithId(a1.Id()).(*expression.Alias)
			shared = true
			break
		}
	}
	if !shared {
		return outer, transform.SameTree, nil
	}
	next, err := inner.WithExpressions(innerExprs...)
	if err != nil {
		return nil, transform.SameTree, err
	}
	for k := len(between) - 1; k >= 0; k-- {
		if next, err = between[k].WithChildren(next); err != nil {
			return nil, transform.SameTree, err
		}
	}
	p, err := outer.WithChildren(next)
	if err != nil {
		return nil, transform.SameTree, err
	}
	p, err = p.(*plan.Project).WithExpressions(outerExprs...)
	if err != nil {
		return nil, transform.SameTree, err
	}
	return p, transform.NewTree, nil
}
