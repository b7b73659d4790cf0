package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// collection is a pre-marshaled list resource served with Okta paging.
type collection struct {
	// defaultLimit and maxLimit are the endpoint's page limits.
	defaultLimit, maxLimit int
	// items are the rows of the plain list, in list order.
	items []json.RawMessage
	// byID indexes every row, listed or not, by its id.
	byID map[string]json.RawMessage
	// alias maps another key of a row (a user's login) to its id.
	alias map[string]string
}

// newCollection marshals rows; listed reports whether a row is in the plain list.
func newCollection[T any](defaultLimit, maxLimit int, rows []T, id func(T) string, listed func(T) bool) (*collection, error) {
	c := &collection{defaultLimit: defaultLimit, maxLimit: maxLimit, byID: make(map[string]json.RawMessage, len(rows))}
	for _, row := range rows {
		b, err := json.Marshal(row)
		if err != nil {
			return nil, fmt.Errorf("emulator: marshal %s: %w", id(row), err)
		}
		c.byID[id(row)] = b
		if listed(row) {
			c.items = append(c.items, b)
		}
	}
	return c, nil
}

// get serves one row by id, or 404 E0000007.
func (c *collection) get(w http.ResponseWriter, r *http.Request, id string) {
	b, ok := c.byID[id]
	if !ok {
		b, ok = c.byID[c.alias[id]]
	}
	if !ok {
		writeError(w, http.StatusNotFound, "E0000007", "Not found: Resource not found: "+id)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

// list serves a page: limit clamped to the maximum, after as an opaque index
// cursor and Link self/next headers with absolute URLs built from the request Host.
func (c *collection) list(w http.ResponseWriter, r *http.Request) {
	c.page(w, r, c.items)
}

// page serves a page of items (the plain list or a filtered subset).
func (c *collection) page(w http.ResponseWriter, r *http.Request, items []json.RawMessage) {
	q := r.URL.Query()
	limit := c.defaultLimit
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, "E0000001", fmt.Sprintf("Api validation failed: limit %q", s))
			return
		}
		limit = min(n, c.maxLimit)
	}
	start := 0
	if s := q.Get("after"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > len(items) {
			writeError(w, http.StatusBadRequest, "E0000001", fmt.Sprintf("Api validation failed: after %q", s))
			return
		}
		start = n
	}
	end := min(start+limit, len(items))
	self := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawQuery: r.URL.RawQuery}
	w.Header().Add("Link", fmt.Sprintf("<%s>; rel=\"self\"", self.String()))
	if end < len(items) {
		q.Set("after", strconv.Itoa(end))
		q.Set("limit", strconv.Itoa(limit))
		next := self
		next.RawQuery = q.Encode()
		w.Header().Add("Link", fmt.Sprintf("<%s>; rel=\"next\"", next.String()))
	}
	writeJSONArray(w, items[start:end])
}

// writeJSONArray writes items as one JSON array.
func writeJSONArray(w http.ResponseWriter, items []json.RawMessage) {
	w.Header().Set("Content-Type", "application/json")
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i, b := range items {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(b)
	}
	buf.WriteByte(']')
	w.Write(buf.Bytes())
}
