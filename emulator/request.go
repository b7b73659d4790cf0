package emulator

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/oktasql/oktasql/emulator/scim"
	"github.com/oktasql/oktasql/schema"
)

// request is one request being answered.
type request struct {
	w    http.ResponseWriter
	r    *http.Request
	q    url.Values
	body map[string]any
	// patch is a JSON array body: the operations of a JSON Patch.
	patch []any
	parts []string
	org   *Org
}

func (rq *request) json(status int, v any) {
	if status != http.StatusOK {
		rq.w.WriteHeader(status)
	}
	json.NewEncoder(rq.w).Encode(v)
}

func (rq *request) noContent() { rq.w.WriteHeader(http.StatusNoContent) }

func (rq *request) notFound(what string) {
	writeError(rq.w, http.StatusNotFound, "E0000007", "Not found: Resource not found: "+what)
}

// route is one hand-written handler, matched on method and path segments
// ("*" matches any one segment).
type route struct {
	method  string
	pattern []string
	handle  func(*request)
}

func (rt route) match(parts []string) bool {
	if len(parts) != len(rt.pattern) {
		return false
	}
	for i, p := range rt.pattern {
		if p == "*" && reserved[parts[i]] || p != "*" && p != parts[i] {
			return false
		}
	}
	return true
}

// reserved are literal path segments that stand where an id could
// (/api/v1/groups/rules, /api/v1/users/{id}/factors/catalog): "*" does not
// match them.
var reserved = map[string]bool{"rules": true, "catalog": true, "questions": true}

func r(method, path string, h func(*request)) route {
	return route{method: method, pattern: strings.Split(strings.Trim(path, "/"), "/"), handle: h}
}

// item is an object that can be matched and written.
type item struct {
	v   any
	get scim.Getter
}

// page answers a list with limit/after pagination over items.
func (rq *request) page(items []item, defaultLimit, maxLimit int) {
	rq.pageScan(len(items), func(i int) (any, bool) { return items[i].v, true }, defaultLimit, maxLimit)
}

// pageScan answers a list of the candidates 0..n-1 that keep selects:
// after is the index of the next candidate (opaque to clients), and a Link
// rel="next" header points to the next page while a further match exists.
// A page costs the candidates it looks at, not the whole list.
func (rq *request) pageScan(n int, keep func(i int) (any, bool), defaultLimit, maxLimit int) {
	limit := defaultLimit
	if s := rq.q.Get("limit"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			writeError(rq.w, http.StatusBadRequest, "E0000001", "Api validation failed: limit", "limit: must be a positive integer")
			return
		}
		limit = v
	}
	if maxLimit > 0 && limit > maxLimit {
		limit = maxLimit
	}
	i := 0
	if s := rq.q.Get("after"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 0 {
			writeError(rq.w, http.StatusBadRequest, "E0000001", "Api validation failed: after", "after: invalid cursor")
			return
		}
		i = v
	}
	out := make([]any, 0, min(limit, 256))
	for ; i < n && len(out) < limit; i++ {
		if v, ok := keep(i); ok {
			out = append(out, v)
		}
	}
	more := false
	for j := i; j < n; j++ {
		if _, ok := keep(j); ok {
			more = true
			break
		}
	}
	if more {
		next := *rq.r.URL
		q := next.Query()
		q.Set("after", strconv.Itoa(i))
		next.RawQuery = q.Encode()
		rq.w.Header().Add("Link", "<"+rq.base()+next.Path+"?"+next.RawQuery+`>; rel="next"`)
	}
	rq.w.Header().Add("Link", "<"+rq.base()+rq.r.URL.RequestURI()+`>; rel="self"`)
	rq.writeArray(out)
}

// writeArray writes a JSON array of objects, each marshalled once and
// cached until it changes.
func (rq *request) writeArray(objs []any) {
	buf := make([]byte, 0, 64+len(objs)*1024)
	buf = append(buf, '[')
	for i, v := range objs {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, rq.org.marshal(v)...)
	}
	buf = append(buf, ']', '\n')
	rq.w.Write(buf)
}

func (rq *request) base() string { return "http://" + rq.r.Host }

// expression parses and validates a filter or search parameter against the
// endpoint's grammar; it writes the error and returns false when invalid.
func (rq *request) expression(param string, g *schema.Grammar) (scim.Expr, bool) {
	s := rq.q.Get(param)
	if s == "" {
		return nil, true
	}
	e, err := scim.Parse(s)
	if err == nil {
		err = scim.Validate(e, g)
	}
	if err != nil {
		var se *scim.Error
		code, summary, cause := "E0000031", "Invalid search criteria.", err.Error()
		if asScim(err, &se) {
			code, summary, cause = se.Code, se.Summary, se.Cause
		}
		writeError(rq.w, http.StatusBadRequest, code, summary, cause)
		return nil, false
	}
	return e, true
}

func asScim(err error, target **scim.Error) bool {
	se, ok := err.(*scim.Error)
	if ok {
		*target = se
	}
	return ok
}

// filterItems keeps the items matching e.
func filterItems(items []item, e scim.Expr, ci bool) []item {
	if e == nil {
		return items
	}
	out := make([]item, 0, len(items))
	for _, it := range items {
		if scim.Match(e, it.get, ci) {
			out = append(out, it)
		}
	}
	return out
}

// grammar returns the pushdown grammar of a catalog table.
func (o *Org) grammar(table string, search bool) *schema.Grammar {
	t := o.catalog.Table(table)
	if t == nil || t.Pushdown == nil {
		return nil
	}
	if search {
		return t.Pushdown.Search
	}
	return t.Pushdown.Filter
}
