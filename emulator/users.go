package emulator

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// Users list page limits (API-NOTES: default 200, max 200).
const (
	usersDefaultLimit = 200
	usersMaxLimit     = 200
)

// listUsers serves the plain GET /api/v1/users list: DEPROVISIONED users
// omitted, limit clamped to the maximum, after as an opaque index cursor and
// Link self/next headers with absolute URLs built from the request Host.
func (o *Org) listUsers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := usersDefaultLimit
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, "E0000001", fmt.Sprintf("Api validation failed: limit %q", s))
			return
		}
		limit = min(n, usersMaxLimit)
	}
	start := 0
	if s := q.Get("after"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > len(o.users) {
			writeError(w, http.StatusBadRequest, "E0000001", fmt.Sprintf("Api validation failed: after %q", s))
			return
		}
		start = n
	}
	end := min(start+limit, len(o.users))
	self := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawQuery: r.URL.RawQuery}
	w.Header().Add("Link", fmt.Sprintf("<%s>; rel=\"self\"", self.String()))
	if end < len(o.users) {
		q.Set("after", strconv.Itoa(end))
		q.Set("limit", strconv.Itoa(limit))
		next := self
		next.RawQuery = q.Encode()
		w.Header().Add("Link", fmt.Sprintf("<%s>; rel=\"next\"", next.String()))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i, u := range o.users[start:end] {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(u)
	}
	buf.WriteByte(']')
	w.Write(buf.Bytes())
}
