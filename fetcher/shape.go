package fetcher

import (
	"bytes"
	"errors"
	"fmt"
)

// ShapeError is an answer that is valid JSON but not of the shape the
// spec declares for it: an object where a page is an array, or the
// reverse. Asking again would get the same answer, so it is never retried.
type ShapeError struct {
	Operation, Method, Path string
	// Want and Got describe the declared and the received value ("an
	// array", "an object").
	Want, Got string
}

func (e *ShapeError) Error() string {
	return fmt.Sprintf("okta: %s %s %s: the answer is %s where the spec declares %s", e.Operation, e.Method, e.Path, e.Got, e.Want)
}

// Faults of a page that a new request may not repeat: load asks again,
// then fails with them.
var (
	errEmptyPage     = errors.New("the page is empty (a 200 with no JSON value)")
	errTruncatedPage = errors.New("the page is not valid JSON (truncated body?)")
)

// JSONKind names the kind of JSON value raw holds ("an object", "an
// array", "a string", "a number", "a boolean", "null"), or "nothing" when
// it is empty, for errors about shapes. It looks at the first byte only.
func JSONKind(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
