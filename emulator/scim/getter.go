package scim

import "strings"

// MapGetter returns a Getter over a decoded JSON object (as encoding/json
// decodes into map[string]any): a dotted path walks nested objects, and an
// array on the way fans out over its elements, so "target.id" of a System Log
// event yields the id of every target.
func MapGetter(obj map[string]any) Getter {
	return func(attr string) []any {
		return lookup([]any{obj}, attr)
	}
}

// lookup follows the dotted path from each of the given values.
func lookup(values []any, path string) []any {
	seg, rest, more := strings.Cut(path, ".")
	var out []any
	for _, v := range values {
		m, ok := v.(map[string]any)
		if !ok {
			continue
		}
		child, ok := m[seg]
		if !ok {
			continue
		}
		if arr, ok := child.([]any); ok {
			out = append(out, arr...)
		} else {
			out = append(out, child)
		}
	}
	if !more {
		return out
	}
	return lookup(out, rest)
}
