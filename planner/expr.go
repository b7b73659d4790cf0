// Package planner translates SQL predicates on a catalog table into the
// Okta API requests that return a superset of the matching rows: path
// parameters, filter/search expressions, plain query parameters, time
// bounds and page sizes. It does no I/O.
package planner

import (
	"fmt"
	"strings"
	"time"
)

// Op is a comparison operator of a SQL predicate.
type Op string

// Operators.
const (
	OpEq       Op = "="
	OpNe       Op = "<>"
	OpLt       Op = "<"
	OpLe       Op = "<="
	OpGt       Op = ">"
	OpGe       Op = ">="
	OpIn       Op = "in"
	OpPrefix   Op = "prefix"   // LIKE 'x%'
	OpContains Op = "contains" // LIKE '%x%'
	OpSuffix   Op = "suffix"   // LIKE '%x'
	OpNotNull  Op = "not null"
	OpNull     Op = "null"
)

// Expr is a predicate tree over a table's columns.
type Expr interface{ String() string }

// Cmp compares a column with constant values: one for binary operators,
// several for IN, none for the NULL tests. Values are string, int64,
// float64, bool or time.Time.
type Cmp struct {
	Column string
	Op     Op
	Values []any
}

// And is a conjunction.
type And []Expr

// Or is a disjunction.
type Or []Expr

// Not negates X.
type Not struct{ X Expr }

// String renders the comparison as SQL, for EXPLAIN.
func (c Cmp) String() string {
	switch c.Op {
	case OpNull:
		return c.Column + " IS NULL"
	case OpNotNull:
		return c.Column + " IS NOT NULL"
	case OpIn:
		parts := make([]string, len(c.Values))
		for i, v := range c.Values {
			parts[i] = sqlLiteral(v)
		}
		return c.Column + " IN (" + strings.Join(parts, ", ") + ")"
	case OpPrefix:
		return c.Column + " LIKE " + sqlLiteral(c.pattern("", "%"))
	case OpContains:
		return c.Column + " LIKE " + sqlLiteral(c.pattern("%", "%"))
	case OpSuffix:
		return c.Column + " LIKE " + sqlLiteral(c.pattern("%", ""))
	}
	if len(c.Values) == 0 {
		return c.Column + " " + string(c.Op) + " ?"
	}
	return c.Column + " " + string(c.Op) + " " + sqlLiteral(c.Values[0])
}

// pattern renders the LIKE pattern of a match: the value between lead and
// trail.
func (c Cmp) pattern(lead, trail string) string {
	if len(c.Values) == 0 {
		return lead + "?" + trail
	}
	return lead + fmt.Sprint(c.Values[0]) + trail
}

// String renders the conjunction as SQL.
func (a And) String() string { return join(a, " AND ") }

// String renders the disjunction as SQL.
func (o Or) String() string { return join(o, " OR ") }

// String renders the negation as SQL.
func (n Not) String() string { return "NOT (" + str(n.X) + ")" }

func join(es []Expr, sep string) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = "(" + str(e) + ")"
	}
	return strings.Join(parts, sep)
}

// str renders e, or "?" for a missing expression.
func str(e Expr) string {
	if e == nil {
		return "?"
	}
	return e.String()
}

func sqlLiteral(v any) string {
	switch v := v.(type) {
	case string:
		return "'" + strings.NewReplacer(`\`, `\\`, "'", "''").Replace(v) + "'"
	case time.Time:
		return "'" + v.UTC().Format("2006-01-02 15:04:05.000") + "'"
	}
	return fmt.Sprint(v)
}
