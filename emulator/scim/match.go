package scim

import (
	"cmp"
	"encoding/json"
	"strings"
	"time"
)

// Getter returns the values of an attribute path ("profile.login", "type.id")
// of one object: several for an array attribute, none when the attribute is
// absent. Values are strings, bools, numbers (any Go integer or float type,
// or json.Number), time.Time, nil, or []any (flattened one level).
type Getter func(attr string) []any

// Match evaluates e against the object behind get. With caseInsensitive,
// string values compare regardless of case (users and groups search, devices
// search); without it they compare byte for byte (users filter).
//
// Semantics:
//   - An array attribute matches when any element matches (SCIM).
//   - An absent attribute, or a null value, matches no comparison except
//     `eq null`; `ne null` matches a present non-null value.
//   - pr matches a value that is non-null and not an empty string or array.
//   - Two strings that both parse as dates or date-times (RFC 3339; a date
//     alone is midnight UTC, a date-time without zone is UTC), or a time.Time
//     and such a string, compare chronologically; other strings
//     lexicographically.
//   - Numbers compare numerically; bools take only eq and ne; sw, co and ew
//     apply to strings only. Values of different types never match.
//   - A nil Expr matches everything.
func Match(e Expr, get Getter, caseInsensitive bool) bool {
	switch e := e.(type) {
	case nil:
		return true
	case *Logical:
		if strings.EqualFold(e.Op, Or) {
			return Match(e.Left, get, caseInsensitive) || Match(e.Right, get, caseInsensitive)
		}
		return Match(e.Left, get, caseInsensitive) && Match(e.Right, get, caseInsensitive)
	case *NotExpr:
		return !Match(e.X, get, caseInsensitive)
	case *Compare:
		return matchCompare(e, get(e.Attr), caseInsensitive)
	default:
		return false
	}
}

// matchCompare evaluates one comparison against an attribute's values.
func matchCompare(c *Compare, values []any, ci bool) bool {
	op := strings.ToLower(c.Op)
	if c.Value == nil && op != OpPr {
		// `eq null` means absent; `ne null` means present.
		present := anyValue(values, func(v any) bool { return v != nil })
		switch op {
		case OpEq:
			return !present
		case OpNe:
			return present
		}
		return false
	}
	return anyValue(values, func(v any) bool {
		if op == OpPr {
			return isPresent(v)
		}
		return compareOne(op, v, c.Value, ci)
	})
}

// anyValue reports whether f holds for any value, flattening nested []any.
func anyValue(values []any, f func(any) bool) bool {
	for _, v := range values {
		if inner, ok := v.([]any); ok {
			if anyValue(inner, f) {
				return true
			}
			continue
		}
		if f(v) {
			return true
		}
	}
	return false
}

// isPresent reports whether v is non-null and non-empty.
func isPresent(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case string:
		return v != ""
	case []any:
		return len(v) > 0
	case map[string]any:
		return len(v) > 0
	case time.Time:
		return !v.IsZero()
	default:
		return true
	}
}

// compareOne applies op to one attribute value and the literal.
func compareOne(op string, v, lit any, ci bool) bool {
	switch op {
	case OpSw, OpCo, OpEw:
		vs, ok := v.(string)
		ls, ok2 := lit.(string)
		return ok && ok2 && matchSubstring(op, vs, ls, ci)
	case OpEq, OpNe, OpGt, OpGe, OpLt, OpLe:
		if _, isBool := lit.(bool); isBool && op != OpEq && op != OpNe {
			return false // bools are not ordered
		}
		c, ok := order(v, lit, ci)
		return ok && ordered(op, c)
	}
	return false
}

// matchSubstring applies sw, co or ew.
func matchSubstring(op, v, lit string, ci bool) bool {
	switch op {
	case OpSw:
		return hasPrefix(v, lit, ci)
	case OpEw:
		return hasSuffix(v, lit, ci)
	default:
		if ci {
			return strings.Contains(strings.ToLower(v), strings.ToLower(lit))
		}
		return strings.Contains(v, lit)
	}
}

// order compares two non-null values: -1, 0 or +1, and false when their
// kinds do not compare. Strings (and time.Time) that parse as dates compare
// chronologically, other strings lexicographically (ignoring case with ci);
// numbers numerically; bools false before true.
func order(a, b any, ci bool) (int, bool) {
	switch a := a.(type) {
	case string:
		switch b := b.(type) {
		case string:
			return compareStrings(a, b, ci), true
		case time.Time:
			t, ok := parseTime(a)
			return t.Compare(b), ok
		}
	case time.Time:
		switch b := b.(type) {
		case time.Time:
			return a.Compare(b), true
		case string:
			t, ok := parseTime(b)
			return a.Compare(t), ok
		}
	case bool:
		if b, ok := b.(bool); ok {
			switch {
			case a == b:
				return 0, true
			case b:
				return -1, true
			default:
				return 1, true
			}
		}
	default:
		fa, ok := toFloat(a)
		fb, ok2 := toFloat(b)
		if ok && ok2 {
			return cmp.Compare(fa, fb), true
		}
	}
	return 0, false
}

// compareStrings orders two strings: chronologically when both are dates,
// else lexicographically, ignoring case with ci.
func compareStrings(a, b string, ci bool) int {
	if a == b || (ci && strings.EqualFold(a, b)) {
		return 0
	}
	if ta, ok := parseTime(a); ok {
		if tb, ok := parseTime(b); ok {
			return ta.Compare(tb)
		}
	}
	if ci {
		a, b = strings.ToLower(a), strings.ToLower(b)
	}
	return strings.Compare(a, b)
}

// ordered maps a three-way comparison result to op's truth value.
func ordered(op string, cmp int) bool {
	switch op {
	case OpEq:
		return cmp == 0
	case OpNe:
		return cmp != 0
	case OpGt:
		return cmp > 0
	case OpGe:
		return cmp >= 0
	case OpLt:
		return cmp < 0
	case OpLe:
		return cmp <= 0
	}
	return false
}

// hasPrefix is strings.HasPrefix, optionally ignoring case.
func hasPrefix(s, prefix string, ci bool) bool {
	if !ci {
		return strings.HasPrefix(s, prefix)
	}
	if isASCII(s) && isASCII(prefix) {
		return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
	}
	return strings.HasPrefix(strings.ToLower(s), strings.ToLower(prefix))
}

// hasSuffix is strings.HasSuffix, optionally ignoring case.
func hasSuffix(s, suffix string, ci bool) bool {
	if !ci {
		return strings.HasSuffix(s, suffix)
	}
	if isASCII(s) && isASCII(suffix) {
		return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
	}
	return strings.HasSuffix(strings.ToLower(s), strings.ToLower(suffix))
}

// isASCII reports whether s has only 7-bit bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// parseTime parses an RFC 3339 date-time ("2024-01-02T03:04:05.000Z"), a
// date-time without zone (taken as UTC) or a date ("2024-01-02", midnight
// UTC); the cheap shape check keeps ordinary strings off the slow path.
func parseTime(s string) (time.Time, bool) {
	if len(s) < len(time.DateOnly) || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	if len(s) == len(time.DateOnly) {
		t, err := time.Parse(time.DateOnly, s)
		return t, err == nil
	}
	if s[10] != 'T' && s[10] != 't' {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	t, err := time.Parse("2006-01-02T15:04:05.999999999", s)
	return t, err == nil
}

// toFloat converts any Go number or json.Number to float64.
func toFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case float32:
		return float64(v), true
	case int:
		return float64(v), true
	case int8:
		return float64(v), true
	case int16:
		return float64(v), true
	case int32:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint:
		return float64(v), true
	case uint8:
		return float64(v), true
	case uint16:
		return float64(v), true
	case uint32:
		return float64(v), true
	case uint64:
		return float64(v), true
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	}
	return 0, false
}
