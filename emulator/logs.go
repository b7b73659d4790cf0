package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/oktasql/oktasql/emulator/scim"
)

// listLogs serves GET /api/v1/logs: since/until (RFC 3339), filter,
// sortOrder and limit (default 100, max 1000). Without until it is a
// polling query and always returns a next link; with until it ends.
func (o *Org) listLogs(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var since, until time.Time
	for _, p := range []struct {
		name string
		t    *time.Time
	}{{"since", &since}, {"until", &until}} {
		if s := q.Get(p.name); s != "" {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				writeError(w, http.StatusBadRequest, "E0000001", "Api validation failed: "+p.name, fmt.Sprintf("%s: %q is not an RFC 3339 time", p.name, s))
				return
			}
			*p.t = t
		}
	}
	limit := 100
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			writeError(w, http.StatusBadRequest, "E0000001", fmt.Sprintf("Api validation failed: limit %q", s))
			return
		}
		limit = min(n, 1000)
	}
	after := -1
	if s := q.Get("after"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			writeError(w, http.StatusBadRequest, "E0000001", fmt.Sprintf("Api validation failed: after %q", s))
			return
		}
		after = n
	}
	var match func(int) bool = func(int) bool { return true }
	if f := q.Get("filter"); f != "" {
		e, ok := parseFilter(w, f)
		if !ok {
			return
		}
		match = func(i int) bool { return scim.Match(e, o.gen.Events[i].Get, false) }
	}
	desc := q.Get("sortOrder") == "DESCENDING"
	events := o.gen.Events
	var items []json.RawMessage
	last := after
	for k := range events {
		i := k
		if desc {
			i = len(events) - 1 - k
		}
		if k <= after || len(items) == limit {
			continue
		}
		t := events[i].Published.Time()
		if (!since.IsZero() && t.Before(since)) || (!until.IsZero() && !t.Before(until)) || !match(i) {
			continue
		}
		b, err := json.Marshal(events[i])
		if err != nil {
			writeError(w, http.StatusInternalServerError, "E0000009", "Internal Server Error", err.Error())
			return
		}
		items = append(items, b)
		last = k
	}
	self := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawQuery: r.URL.RawQuery}
	w.Header().Add("Link", fmt.Sprintf("<%s>; rel=\"self\"", self.String()))
	if until.IsZero() || len(items) == limit {
		q.Set("after", strconv.Itoa(last))
		next := self
		next.RawQuery = q.Encode()
		w.Header().Add("Link", fmt.Sprintf("<%s>; rel=\"next\"", next.String()))
	}
	writeJSONArray(w, items)
}
