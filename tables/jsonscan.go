package tables

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// pathTrie says which members of a JSON object a decoder needs: a member
// with a column is decoded into that column; a member with children is
// descended into; every other member is skipped without being decoded.
type pathTrie struct {
	children map[string]*pathTrie
	columns  []int // indexes of the row's columns read from this member
}

func (t *pathTrie) child(key string) *pathTrie {
	if t.children == nil {
		t.children = map[string]*pathTrie{}
	}
	c := t.children[key]
	if c == nil {
		c = &pathTrie{}
		t.children[key] = c
	}
	return c
}

// member returns the child for a quoted member name, without allocating
// for names that need no unescaping.
func (t *pathTrie) member(tok []byte) (*pathTrie, error) {
	if len(t.children) == 0 {
		return nil, nil
	}
	inner := tok[1 : len(tok)-1]
	for _, c := range inner {
		if c == '\\' {
			key, err := unquote(tok)
			if err != nil {
				return nil, err
			}
			return t.children[key], nil
		}
	}
	return t.children[string(inner)], nil
}

// errJSON reports malformed JSON at an offset.
var errJSON = errors.New("malformed JSON")

// scanObject walks the object starting at data[i] (after white space) and
// calls set for every member the trie selects, with the member's raw
// value. It returns the index just past the object.
func scanObject(data []byte, i int, t *pathTrie, set func(col int, raw []byte) error) (int, error) {
	i = skipSpace(data, i)
	if i >= len(data) || data[i] != '{' {
		return skipValue(data, i)
	}
	i++
	for {
		i = skipSpace(data, i)
		if i < len(data) && data[i] == '}' {
			return i + 1, nil
		}
		if i >= len(data) || data[i] != '"' {
			return 0, fmt.Errorf("%w at offset %d: want a member name", errJSON, i)
		}
		keyStart := i
		end, err := skipString(data, i)
		if err != nil {
			return 0, err
		}
		sub, err := t.member(data[keyStart:end])
		if err != nil {
			return 0, err
		}
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return 0, fmt.Errorf("%w at offset %d: want ':'", errJSON, i)
		}
		i = skipSpace(data, i+1)
		valStart := i
		switch {
		case sub == nil:
			i, err = skipValue(data, i)
		case len(sub.children) > 0 && i < len(data) && data[i] == '{':
			i, err = scanObject(data, i, sub, set)
		default:
			i, err = skipValue(data, i)
		}
		if err != nil {
			return 0, err
		}
		if sub != nil {
			for _, col := range sub.columns {
				if err := set(col, data[valStart:i]); err != nil {
					return 0, err
				}
			}
		}
		i = skipSpace(data, i)
		if i < len(data) && data[i] == ',' {
			i++
			continue
		}
		if i < len(data) && data[i] == '}' {
			return i + 1, nil
		}
		return 0, fmt.Errorf("%w at offset %d: want ',' or '}'", errJSON, i)
	}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the index just past the string starting at data[i].
func skipString(data []byte, i int) (int, error) {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1, nil
		}
	}
	return 0, fmt.Errorf("%w: unterminated string at offset %d", errJSON, i)
}

// skipValue returns the index just past the value starting at data[i].
func skipValue(data []byte, i int) (int, error) {
	if i >= len(data) {
		return 0, fmt.Errorf("%w: value expected at end of input", errJSON)
	}
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end, err := skipString(data, j)
				if err != nil {
					return 0, err
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, fmt.Errorf("%w: unterminated object or array at offset %d", errJSON, i)
	}
	j := i
	for j < len(data) {
		switch data[j] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			if j == i {
				return 0, fmt.Errorf("%w at offset %d", errJSON, i)
			}
			return j, nil
		}
		j++
	}
	if j == i {
		return 0, fmt.Errorf("%w at offset %d", errJSON, i)
	}
	return j, nil
}

// unquote decodes a JSON string token, quotes included.
func unquote(tok []byte) (string, error) {
	inner := tok[1 : len(tok)-1]
	plain := true
	for _, c := range inner {
		if c == '\\' || c < 0x20 {
			plain = false
			break
		}
	}
	if plain && utf8.Valid(inner) {
		return string(inner), nil
	}
	var s string
	if err := json.Unmarshal(tok, &s); err != nil {
		return "", fmt.Errorf("%w: %v", errJSON, err)
	}
	return s, nil
}

// scalar decodes a raw JSON scalar: string, float64, bool or nil. Objects
// and arrays are decoded in full.
func scalar(raw []byte) (any, error) {
	switch raw[0] {
	case '"':
		return unquote(raw)
	case 'n':
		if string(raw) == "null" {
			return nil, nil
		}
	case 't':
		if string(raw) == "true" {
			return true, nil
		}
	case 'f':
		if string(raw) == "false" {
			return false, nil
		}
	case '{', '[':
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, fmt.Errorf("%w: %v", errJSON, err)
		}
		return v, nil
	default:
		f, err := strconv.ParseFloat(string(raw), 64)
		if err != nil {
			return nil, fmt.Errorf("%w: number %q", errJSON, raw)
		}
		return f, nil
	}
	return nil, fmt.Errorf("%w: %q", errJSON, raw)
}
