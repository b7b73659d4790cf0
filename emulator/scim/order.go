package scim

import (
	"cmp"
	"fmt"
	"time"
)

// CompareValues orders two objects by one attribute, for sortBy: a and b are
// the attribute's values as a Getter returns them, and the result is -1, 0
// or +1. Values compare as Match compares them (dates chronologically,
// numbers numerically, strings lexicographically, ignoring case with ci,
// which is how Okta's search sorts). An absent or null attribute sorts
// first; a multi-valued one by its first value; values of kinds that do not
// compare by kind (bool, number, then string), then by their text.
func CompareValues(a, b []any, ci bool) int {
	va, vb := firstValue(a), firstValue(b)
	switch {
	case va == nil && vb == nil:
		return 0
	case va == nil:
		return -1
	case vb == nil:
		return 1
	}
	if c, ok := order(va, vb, ci); ok {
		return c
	}
	if c := cmp.Compare(kindRank(va), kindRank(vb)); c != 0 {
		return c
	}
	return cmp.Compare(text(va), text(vb))
}

// firstValue returns the first non-null value, flattening nested []any.
func firstValue(values []any) any {
	for _, v := range values {
		if inner, ok := v.([]any); ok {
			if f := firstValue(inner); f != nil {
				return f
			}
			continue
		}
		if v != nil {
			return v
		}
	}
	return nil
}

// kindRank orders the kinds of values that do not compare with each other.
func kindRank(v any) int {
	switch v.(type) {
	case bool:
		return 0
	case string, time.Time:
		return 2
	}
	if _, ok := toFloat(v); ok {
		return 1
	}
	return 3
}

// text renders a value for the last-resort comparison.
func text(v any) string {
	if t, ok := v.(time.Time); ok {
		return t.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}
