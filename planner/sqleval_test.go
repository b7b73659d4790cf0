package planner

import (
	"fmt"
	"strings"
	"time"
)

// tri is SQL's three-valued truth.
type tri int

const (
	triFalse tri = iota
	triTrue
	triNull
)

// evalSQL evaluates a predicate on a row as MySQL would with a binary
// collation: NULL (an absent value) makes comparisons unknown, LIKE is
// case-sensitive, and AND, OR and NOT follow three-valued logic.
func evalSQL(e Expr, r row) tri {
	switch e := e.(type) {
	case And:
		out := triTrue
		for _, x := range e {
			switch evalSQL(x, r) {
			case triFalse:
				return triFalse
			case triNull:
				out = triNull
			}
		}
		return out
	case Or:
		out := triFalse
		for _, x := range e {
			switch evalSQL(x, r) {
			case triTrue:
				return triTrue
			case triNull:
				out = triNull
			}
		}
		return out
	case Not:
		switch evalSQL(e.X, r) {
		case triTrue:
			return triFalse
		case triFalse:
			return triTrue
		}
		return triNull
	case Cmp:
		return evalCmp(e, r[e.Column])
	}
	panic(fmt.Sprintf("unknown expression %T", e))
}

func evalCmp(c Cmp, v any) tri {
	switch c.Op {
	case OpNull:
		return truth(v == nil)
	case OpNotNull:
		return truth(v != nil)
	}
	if v == nil {
		return triNull
	}
	if c.Op == OpIn {
		for _, x := range c.Values {
			if compareSQL(v, x) == 0 {
				return triTrue
			}
		}
		return triFalse
	}
	if len(c.Values) != 1 {
		return triNull
	}
	x := c.Values[0]
	switch c.Op {
	case OpPrefix, OpContains, OpSuffix:
		s, p := fmt.Sprint(v), fmt.Sprint(x)
		switch c.Op {
		case OpPrefix:
			return truth(strings.HasPrefix(s, p))
		case OpContains:
			return truth(strings.Contains(s, p))
		}
		return truth(strings.HasSuffix(s, p))
	}
	n := compareSQL(v, x)
	switch c.Op {
	case OpEq:
		return truth(n == 0)
	case OpNe:
		return truth(n != 0)
	case OpLt:
		return truth(n < 0)
	case OpLe:
		return truth(n <= 0)
	case OpGt:
		return truth(n > 0)
	case OpGe:
		return truth(n >= 0)
	}
	return triNull
}

func truth(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

// compareSQL orders two values of the same type; values of different
// types compare by their printed forms (an arbitrary but fixed rule: the
// planner must not push such comparisons, so their meaning cannot matter).
func compareSQL(a, b any) int {
	switch a := a.(type) {
	case string:
		if b, ok := b.(string); ok {
			return strings.Compare(a, b)
		}
	case int64:
		switch b := b.(type) {
		case int64:
			return compareFloat(float64(a), float64(b))
		case float64:
			return compareFloat(float64(a), b)
		}
	case float64:
		switch b := b.(type) {
		case int64:
			return compareFloat(a, float64(b))
		case float64:
			return compareFloat(a, b)
		}
	case bool:
		if b, ok := b.(bool); ok {
			switch {
			case a == b:
				return 0
			case b:
				return -1
			}
			return 1
		}
	case time.Time:
		if b, ok := b.(time.Time); ok {
			return a.Compare(b)
		}
	}
	return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
}

// matches reports whether every conjunct is true on r.
func matches(where []Expr, r row) bool {
	for _, e := range where {
		if evalSQL(e, r) != triTrue {
			return false
		}
	}
	return true
}
