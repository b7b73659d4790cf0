package seed

import (
	"bytes"
	"encoding/json"

	"github.com/oktasql/oktasql/emulator/scim"
)

// stringValue returns s as a Getter result: nothing when empty.
func stringValue(s string) []any {
	if s == "" {
		return nil
	}
	return []any{s}
}

// extraValue returns an Extra attribute as a Getter result.
func extraValue(extra map[string]any, name string) []any {
	v, ok := extra[name]
	if !ok || v == nil {
		return nil
	}
	if arr, ok := v.([]any); ok {
		return arr
	}
	return []any{v}
}

// viaJSON evaluates an attribute path on v's JSON form; the slow path of the
// Get methods for attributes they do not know directly.
func viaJSON(v any, attr string) []any {
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	if d.Decode(&m) != nil {
		return nil
	}
	return scim.MapGetter(m)(attr)
}

// appendExtra appends extra's entries, in key order, to the JSON object b;
// keys for which known is true are skipped.
func appendExtra(b []byte, extra map[string]any, known func(string) bool) ([]byte, error) {
	out := b[:len(b)-1] // drop '}'
	empty := len(b) == 2
	for _, k := range sortedKeys(extra) {
		if known(k) {
			continue
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		vb, err := json.Marshal(extra[k])
		if err != nil {
			return nil, err
		}
		if !empty {
			out = append(out, ',')
		}
		empty = false
		out = append(append(append(out, kb...), ':'), vb...)
	}
	return append(out, '}'), nil
}

// unknownKeys decodes the JSON object b and returns its entries for which
// known is false (nil when none).
func unknownKeys(b []byte, known func(string) bool) (map[string]any, error) {
	var all map[string]any
	if err := json.Unmarshal(b, &all); err != nil {
		return nil, err
	}
	var extra map[string]any
	for k, v := range all {
		if known(k) {
			continue
		}
		if extra == nil {
			extra = map[string]any{}
		}
		extra[k] = v
	}
	return extra, nil
}
