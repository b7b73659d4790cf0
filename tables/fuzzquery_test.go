package tables_test

import (
	"strconv"
	"strings"
)

// This file holds the differential fuzzer's query model: a small AST the
// generator builds, the minimizer shrinks and both render to SQL.

// fzExpr is a boolean expression of a WHERE or ON clause.
type fzExpr interface {
	sql() string
}

// fzLeaf is one predicate, kept as text ("t.status = 'ACTIVE'").
type fzLeaf struct{ s string }

// fzList is a predicate over a list of terms: IN / NOT IN.
type fzList struct {
	left  string // "t.status"
	not   bool
	terms []string
}

// fzAnd and fzOr join their terms.
type fzAnd struct{ xs []fzExpr }
type fzOr struct{ xs []fzExpr }

// fzNot negates its term.
type fzNot struct{ x fzExpr }

func (e fzLeaf) sql() string { return e.s }

func (e fzList) sql() string {
	op := " IN ("
	if e.not {
		op = " NOT IN ("
	}
	return e.left + op + strings.Join(e.terms, ", ") + ")"
}

func (e fzAnd) sql() string { return joinExprs(e.xs, " AND ") }
func (e fzOr) sql() string  { return joinExprs(e.xs, " OR ") }
func (e fzNot) sql() string { return "NOT (" + e.x.sql() + ")" }

func joinExprs(xs []fzExpr, sep string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = x.sql()
		if _, leaf := x.(fzLeaf); !leaf {
			if _, list := x.(fzList); !list {
				parts[i] = "(" + parts[i] + ")"
			}
		}
	}
	return strings.Join(parts, sep)
}

// fzJoin is a joined table: "JOIN `t` alias ON on".
type fzJoin struct {
	kind  string // "JOIN", "LEFT JOIN", "STRAIGHT_JOIN"
	table string
	alias string
	on    []fzExpr // conjuncts
	// keys is the number of leading conjuncts of on that join the keys:
	// the minimizer keeps them (without them a join is a cross product
	// whose reads take minutes).
	keys int
}

// fzOrder is one ORDER BY term; expr is also a select item, so the sort
// keys can be compared in order.
type fzOrder struct {
	expr string
	desc bool
}

// fzQuery is one generated SELECT.
type fzQuery struct {
	hint    string // an optimizer hint comment after SELECT
	sel     []string
	table   string // the first table of FROM
	alias   string
	joins   []fzJoin
	where   fzExpr // nil: none
	groupBy []string
	orderBy []fzOrder
	limit   int // -1: none
	offset  int // -1: none
	// unique lists, per table alias of FROM, the select expressions that
	// identify a row of it (its primary key): an ORDER BY covering one
	// set per alias orders fully. Empty for a table with no primary key.
	unique map[string][]string
	// wrap, when set, is a format with one %s the query goes in
	// ("SELECT count(*) FROM (%s) x").
	wrap string
}

func (q *fzQuery) sql() string {
	var b strings.Builder
	b.WriteString("SELECT ")
	if q.hint != "" {
		b.WriteString(q.hint + " ")
	}
	b.WriteString(strings.Join(q.sel, ", "))
	b.WriteString(" FROM `" + q.table + "` " + q.alias)
	for _, j := range q.joins {
		b.WriteString(" " + j.kind + " `" + j.table + "` " + j.alias)
		if len(j.on) > 0 {
			b.WriteString(" ON " + joinExprs(j.on, " AND "))
		}
	}
	if q.where != nil {
		b.WriteString(" WHERE " + q.where.sql())
	}
	if len(q.groupBy) > 0 {
		b.WriteString(" GROUP BY " + strings.Join(q.groupBy, ", "))
	}
	if len(q.orderBy) > 0 {
		parts := make([]string, len(q.orderBy))
		for i, o := range q.orderBy {
			parts[i] = o.expr
			if o.desc {
				parts[i] += " DESC"
			}
		}
		b.WriteString(" ORDER BY " + strings.Join(parts, ", "))
	}
	if q.limit >= 0 {
		b.WriteString(" LIMIT " + strconv.Itoa(q.limit))
		if q.offset >= 0 {
			b.WriteString(" OFFSET " + strconv.Itoa(q.offset))
		}
	}
	if q.wrap != "" {
		return strings.Replace(q.wrap, "%s", b.String(), 1)
	}
	return b.String()
}

// clone copies q deeply enough for the minimizer to change any part.
func (q *fzQuery) clone() *fzQuery {
	c := *q
	c.sel = append([]string(nil), q.sel...)
	c.joins = make([]fzJoin, len(q.joins))
	for i, j := range q.joins {
		j.on = append([]fzExpr(nil), j.on...)
		c.joins[i] = j
	}
	c.groupBy = append([]string(nil), q.groupBy...)
	c.orderBy = append([]fzOrder(nil), q.orderBy...)
	c.unique = make(map[string][]string, len(q.unique))
	for a, u := range q.unique {
		c.unique[a] = u
	}
	return &c
}

// comparison says how the two answers of q must agree.
type comparison struct {
	// ordered: the rows must come in the same order.
	ordered bool
	// keys, when set, are the positions of the sort keys: their values must
	// come in the same order even where the rest of a row may differ (a
	// partial ORDER BY ties rows).
	keys []int
	// multiset: the rows must be the same multiset (false when a LIMIT or
	// OFFSET cuts through tied rows and only the sort keys are determined).
	multiset bool
}

// comparison derives, from q's ORDER BY, LIMIT and unique sets, what its
// answer determines.
func (q *fzQuery) comparison() comparison {
	if q.wrap != "" || len(q.orderBy) == 0 {
		return comparison{multiset: true}
	}
	ordered := map[string]bool{}
	var keys []int
	for _, o := range q.orderBy {
		ordered[o.expr] = true
		for i, s := range q.sel {
			if s == o.expr {
				keys = append(keys, i)
				break
			}
		}
	}
	total := len(q.unique) > 0 && len(keys) == len(q.orderBy)
	for _, set := range q.unique {
		covered := len(set) > 0
		for _, e := range set {
			covered = covered && ordered[e]
		}
		total = total && covered
	}
	if total {
		return comparison{ordered: true, multiset: true}
	}
	cut := q.limit >= 0
	return comparison{keys: keys, multiset: !cut}
}
