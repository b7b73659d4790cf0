package tables

import (
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	jsonfn "github.com/dolthub/go-mysql-server/sql/expression/function/json"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/shopspring/decimal"

	"github.com/oktasql/oktasql/planner"
	"github.com/oktasql/oktasql/schema"
)

// toPlanner converts one go-mysql-server filter expression on table def
// into the planner's predicate tree. The result may be wider than e (an AND
// whose one side cannot be expressed keeps the other), never narrower. It
// reports false when nothing of e can be expressed (a function of a column,
// a comparison between two columns, a subquery): such a conjunct is simply
// left to the engine, which re-checks every conjunct anyway.
func toPlanner(ctx *sql.Context, def *schema.Table, e sql.Expression) (planner.Expr, bool) {
	return convert(ctx, def, e, true)
}

// convert does the work of toPlanner; widen is false under a NOT, where
// widening the operand would narrow the result.
func convert(ctx *sql.Context, def *schema.Table, e sql.Expression, widen bool) (planner.Expr, bool) {
	switch e := e.(type) {
	case *expression.And:
		if p, ok := likeRange(ctx, def, e.LeftChild, e.RightChild); ok {
			return p, true
		}
		l, ok1 := convert(ctx, def, e.LeftChild, widen)
		r, ok2 := convert(ctx, def, e.RightChild, widen)
		switch {
		case ok1 && ok2:
			return planner.And{l, r}, true
		case ok1 && widen:
			return l, true // dropping a conjunct only widens the result
		case ok2 && widen:
			return r, true
		}
		return nil, false
	case *expression.Or:
		l, ok1 := convert(ctx, def, e.LeftChild, widen)
		r, ok2 := convert(ctx, def, e.RightChild, widen)
		if !ok1 || !ok2 {
			return nil, false
		}
		return planner.Or{l, r}, true
	case *expression.Not:
		switch c := e.Child.(type) {
		case *expression.IsNull:
			return unary(def, c.Child, planner.OpNotNull)
		case *expression.Equals:
			return binary(ctx, def, c.Left(), c.Right(), planner.OpNe)
		}
		x, ok := convert(ctx, def, e.Child, false)
		if !ok {
			return nil, false
		}
		return planner.Not{X: x}, true
	case *expression.IsNull:
		return unary(def, e.Child, planner.OpNull)
	case *expression.Equals:
		return binary(ctx, def, e.Left(), e.Right(), planner.OpEq)
	case *expression.NullSafeEquals:
		return binary(ctx, def, e.Left(), e.Right(), planner.OpEq)
	case *expression.GreaterThan:
		return binary(ctx, def, e.Left(), e.Right(), planner.OpGt)
	case *expression.GreaterThanOrEqual:
		return binary(ctx, def, e.Left(), e.Right(), planner.OpGe)
	case *expression.LessThan:
		return binary(ctx, def, e.Left(), e.Right(), planner.OpLt)
	case *expression.LessThanOrEqual:
		return binary(ctx, def, e.Left(), e.Right(), planner.OpLe)
	case *expression.Between:
		lo, ok1 := binary(ctx, def, e.Val, e.Lower, planner.OpGe)
		hi, ok2 := binary(ctx, def, e.Val, e.Upper, planner.OpLe)
		if !ok1 || !ok2 {
			return nil, false
		}
		return planner.And{lo, hi}, true
	case *expression.InTuple:
		return in(ctx, def, e.Left(), e.Right())
	case *expression.HashInTuple:
		return in(ctx, def, e.Left(), e.Right())
	case *expression.Like:
		return like(ctx, def, e)
	}
	return nil, false
}

func unary(def *schema.Table, operand sql.Expression, op planner.Op) (planner.Expr, bool) {
	col := columnOf(def, operand)
	if col == nil {
		return nil, false
	}
	return planner.Cmp{Column: col.Name, Op: op}, true
}

// flipped gives the operator with its operands swapped (5 < x is x > 5).
var flipped = map[planner.Op]planner.Op{
	planner.OpEq: planner.OpEq, planner.OpNe: planner.OpNe,
	planner.OpLt: planner.OpGt, planner.OpGt: planner.OpLt,
	planner.OpLe: planner.OpGe, planner.OpGe: planner.OpLe,
}

func binary(ctx *sql.Context, def *schema.Table, left, right sql.Expression, op planner.Op) (planner.Expr, bool) {
	col := columnOf(def, left)
	other := right
	if col == nil {
		col, other, op = columnOf(def, right), left, flipped[op]
	}
	if col == nil {
		return nil, false
	}
	v, ok := constant(ctx, other)
	if !ok || v == nil || !ownCollation(ctx, col, left, right) {
		return nil, false
	}
	v, ok = asColumnValue(col, v)
	if !ok {
		return nil, false
	}
	return planner.Cmp{Column: col.Name, Op: op, Values: []any{v}}, true
}

func in(ctx *sql.Context, def *schema.Table, left, right sql.Expression) (planner.Expr, bool) {
	col := columnOf(def, left)
	tuple, ok := right.(expression.Tuple)
	if col == nil || !ok {
		return nil, false
	}
	values := make([]any, 0, len(tuple))
	for _, el := range tuple {
		v, ok := constant(ctx, el)
		if !ok || !ownCollation(ctx, col, left, el) {
			return nil, false
		}
		if v == nil {
			continue // x IN (NULL, ...) never matches on NULL
		}
		if v, ok = asColumnValue(col, v); !ok {
			return nil, false
		}
		values = append(values, v)
	}
	if len(values) == 0 {
		return nil, false
	}
	return planner.Cmp{Column: col.Name, Op: planner.OpIn, Values: values}, true
}

// like maps LIKE patterns whose only wildcards are a leading and/or a
// trailing % to prefix, suffix, contains or equality.
func like(ctx *sql.Context, def *schema.Table, e *expression.Like) (planner.Expr, bool) {
	col := columnOf(def, e.Left())
	if col == nil || col.Type != schema.TypeString {
		return nil, false
	}
	if e.Escape != nil || !ownCollation(ctx, col, e.Left(), e.Right()) {
		return nil, false
	}
	v, ok := constant(ctx, e.Right())
	pattern, isString := v.(string)
	if !ok || !isString {
		return nil, false
	}
	lead := strings.HasPrefix(pattern, "%")
	trail := len(pattern) > 1 && strings.HasSuffix(pattern, "%")
	core := strings.TrimSuffix(strings.TrimPrefix(pattern, "%"), "%")
	if core == "" || strings.ContainsAny(core, `%_\`) {
		return nil, false
	}
	op := planner.OpEq
	switch {
	case lead && trail:
		op = planner.OpContains
	case lead:
		op = planner.OpSuffix
	case trail:
		op = planner.OpPrefix
	}
	return planner.Cmp{Column: col.Name, Op: op, Values: []any{core}}, true
}

// conjuncts converts a table's filter conjuncts, pairing the two halves of
// a rewritten LIKE 'abc%' (see likeRange) back into one prefix match.
func conjuncts(ctx *sql.Context, def *schema.Table, exprs []sql.Expression) []planner.Expr {
	var out []planner.Expr
	used := make([]bool, len(exprs))
	for i := range exprs {
		for j := range exprs {
			if i == j || used[i] || used[j] {
				continue
			}
			if p, ok := likeRange(ctx, def, exprs[i], exprs[j]); ok {
				out = append(out, p)
				used[i], used[j] = true, true
			}
		}
	}
	for i, e := range exprs {
		if used[i] {
			continue
		}
		if p, ok := toPlanner(ctx, def, e); ok {
			out = append(out, p)
		}
	}
	return out
}

// likeRange recognises the range go-mysql-server rewrites LIKE 'abc%'
// into, col >= 'abc' AND col <= 'abc\xff', as a prefix match.
func likeRange(ctx *sql.Context, def *schema.Table, left, right sql.Expression) (planner.Expr, bool) {
	lo, ok1 := left.(*expression.GreaterThanOrEqual)
	hi, ok2 := right.(*expression.LessThanOrEqual)
	if !ok1 || !ok2 {
		return nil, false
	}
	col := columnOf(def, lo.Left())
	if col == nil || col.Type != schema.TypeString || columnOf(def, hi.Left()) != col ||
		!ownCollation(ctx, col, lo.Left(), lo.Right()) || !ownCollation(ctx, col, hi.Left(), hi.Right()) {
		return nil, false
	}
	a, ok1 := constant(ctx, lo.Right())
	b, ok2 := constant(ctx, hi.Right())
	low, ok3 := a.(string)
	high, ok4 := b.(string)
	if !ok1 || !ok2 || !ok3 || !ok4 || low == "" || (high != low+"\xff" && high != low+"\u00ff") {
		return nil, false
	}
	return planner.Cmp{Column: col.Name, Op: planner.OpPrefix, Values: []any{low}}, true
}

// ownCollation reports whether the engine compares the operands a and b
// of a comparison on col under col's own collation, the one Okta's
// comparisons are held against. An explicit COLLATE (MySQL's coercibility
// rules let it win) may ask for another: a case-insensitive collation
// selects rows a pushed eq would not return, so the comparison stays local.
func ownCollation(ctx *sql.Context, col *schema.Column, a, b sql.Expression) bool {
	typ, ok := sqlType(col).(sql.TypeWithCollation)
	if !ok {
		return true
	}
	ca, ka := sql.GetCoercibility(ctx, a)
	cb, kb := sql.GetCoercibility(ctx, b)
	c, _ := sql.ResolveCoercibility(ca, ka, cb, kb)
	return c == typ.Collation()
}

// columnOf returns the table column e reads: a plain column reference, or
// col->>'$.a.b' on a JSON column when a flattened column has that path.
func columnOf(def *schema.Table, e sql.Expression) *schema.Column {
	switch e := e.(type) {
	case *expression.GetField:
		return def.Column(strings.ToLower(e.Name()))
	case *jsonfn.JSONUnquote:
		extract, ok := e.Child.(*jsonfn.JSONExtract)
		if !ok || len(extract.Paths) != 1 {
			return nil
		}
		base := columnOf(def, extract.JSON)
		lit, ok := extract.Paths[0].(*expression.Literal)
		if base == nil || base.Type != schema.TypeJSON || !ok {
			return nil
		}
		p, ok := lit.Value().(string)
		if !ok {
			return nil
		}
		// ->> gives text: it reads as the flattened column only where that
		// is text too ('false' = 0 holds for the text, not the boolean).
		c := columnByPath(def, append(append([]string{}, base.Path...), jsonPathKeys(p)...))
		if c == nil || c.Type != schema.TypeString {
			return nil
		}
		return c
	}
	return nil
}

// jsonPathKeys splits a simple MySQL JSON path ($.a.b) into keys; paths
// with array steps or wildcards give nil.
func jsonPathKeys(p string) []string {
	if !strings.HasPrefix(p, "$.") || strings.ContainsAny(p, "[]*\"") {
		return nil
	}
	return strings.Split(p[2:], ".")
}

func columnByPath(def *schema.Table, path []string) *schema.Column {
	if len(path) == 0 {
		return nil
	}
	for _, c := range def.Columns {
		if c.Type != schema.TypeJSON && equalPath(c.Path, path) {
			return c
		}
	}
	return nil
}

func equalPath(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// constant evaluates e when it reads no row: literals, NOW() - INTERVAL 1
// DAY, user variables. Subqueries and bind variables are left alone.
func constant(ctx *sql.Context, e sql.Expression) (any, bool) {
	pure := !transform.InspectExpr(e, func(x sql.Expression) bool {
		switch x.(type) {
		case *expression.GetField, *plan.Subquery, *expression.BindVar, *expression.ProcedureParam:
			return true
		}
		return false
	})
	if !pure {
		return nil, false
	}
	v, err := e.Eval(ctx, nil)
	if err != nil {
		return nil, false
	}
	if v == nil {
		return nil, true
	}
	return literalValue(v)
}

// literalValue normalises an engine value to the planner's value types:
// string, int64, float64, bool or time.Time.
func literalValue(v any) (any, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	case bool:
		return v, true
	case int8:
		return int64(v), true
	case int16:
		return int64(v), true
	case int32:
		return int64(v), true
	case int64:
		return v, true
	case int:
		return int64(v), true
	case uint8:
		return int64(v), true
	case uint16:
		return int64(v), true
	case uint32:
		return int64(v), true
	case uint64:
		return int64(v), true
	case float32:
		return float64(v), true
	case float64:
		return v, true
	case decimal.Decimal:
		f, _ := v.Float64()
		return f, true
	case time.Time:
		return v.UTC(), true
	}
	return nil, false
}

// asColumnValue adapts a constant to the column's type the way MySQL would
// compare them, or reports false when the comparison cannot be pushed.
func asColumnValue(col *schema.Column, v any) (any, bool) {
	switch col.Type {
	case schema.TypeString:
		s, ok := v.(string)
		return s, ok
	case schema.TypeBoolean:
		switch v := v.(type) {
		case bool:
			return v, true
		case int64:
			if v == 0 || v == 1 {
				return v == 1, true
			}
		}
		return nil, false
	case schema.TypeInteger, schema.TypeNumber:
		switch v.(type) {
		case int64, float64:
			return v, true
		}
		return nil, false
	case schema.TypeDatetime:
		switch v := v.(type) {
		case time.Time:
			return v, true
		case string:
			t, ok := parseTime(v)
			return t, ok
		}
		return nil, false
	}
	return nil, false
}

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
}

func parseTime(s string) (time.Time, bool) {
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
