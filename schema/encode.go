package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// encodeDepth is how deep Encode breaks JSON over lines: the catalog,
// its tables and mappings, each table's fields, and one line per column,
// key or parameter. Deeper values stay on their element's line, so the
// file is compact yet a change shows as a small diff.
const encodeDepth = 4

// Encode renders c as deterministic, diff-friendly JSON (the format of the
// committed catalog.json).
func Encode(c *Catalog) ([]byte, error) {
	compact, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("encode catalog: %w", err)
	}
	var out bytes.Buffer
	depth, inString, escaped := 0, false, false
	newline := func(d int) {
		out.WriteByte('\n')
		for i := 0; i < d; i++ {
			out.WriteByte(' ')
		}
	}
	for i, ch := range compact {
		if inString {
			out.WriteByte(ch)
			switch {
			case escaped:
				escaped = false
			case ch == '\\':
				escaped = true
			case ch == '"':
				inString = false
			}
			continue
		}
		switch ch {
		case '"':
			inString = true
			out.WriteByte(ch)
		case '{', '[':
			out.WriteByte(ch)
			depth++
			if depth <= encodeDepth && i+1 < len(compact) && compact[i+1] != '}' && compact[i+1] != ']' {
				newline(depth)
			}
		case '}', ']':
			if depth <= encodeDepth && compact[i-1] != '{' && compact[i-1] != '[' {
				newline(depth - 1)
			}
			depth--
			out.WriteByte(ch)
		case ',':
			out.WriteByte(ch)
			if depth <= encodeDepth {
				newline(depth)
			}
		default:
			out.WriteByte(ch)
		}
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// Decode parses a catalog written by Encode.
func Decode(data []byte) (*Catalog, error) {
	var c Catalog
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("decode catalog: %w", err)
	}
	return &c, nil
}

// StripComments removes the spec's descriptions (column comments), so the
// committed catalog carries no prose from the spec.
func (c *Catalog) StripComments() {
	for _, t := range c.Tables {
		for _, col := range t.Columns {
			col.Comment = ""
		}
	}
}
