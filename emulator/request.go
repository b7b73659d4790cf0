package emulator

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/oktasql/oktasql/emulator/scim"
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
	// list is the list call the request makes, once its operation's
	// rules passed (nil for other requests).
	list *listCall
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
func (rq *request) page(items []item) {
	rq.pageScan(len(items), func(i int) (any, bool) { return items[i].v, true })
}

// pageScan answers a list of the candidates 0..n-1 that keep selects:
// after is the index of the next candidate (opaque to clients), and a Link
// rel="next" header points to the next page while a further match exists.
// A page costs the candidates it looks at, not the whole list; its size
// is the list call's (checkList).
func (rq *request) pageScan(n int, keep func(i int) (any, bool)) {
	limit := rq.list.limit
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
	for j := i; j < n && limit > 0 && !rq.list.unpaged; j++ {
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
