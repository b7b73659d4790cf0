package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/oktasql/oktasql/schema"
)

// parentsExist holds a table operation to the objects its path names
// before its own: a child list, a child item or a write under a parent
// that does not exist is Okta's 404 E0000007 ("Resource not found: <id>
// (<Type>)"), never the children of some other parent. It checks the
// parents outermost first, answers the 404 of the first missing one and
// reports whether all of them exist.
func (o *Org) parentsExist(rq *request, rt *opRoute) bool {
	t := rt.table
	if t == nil || rt.kind == schema.KindProcedure {
		return true
	}
	list := strings.Split(strings.Trim(t.List.Path, "/"), "/")
	for _, k := range t.Keys {
		if k.PathParam == "" {
			continue
		}
		pos := slices.Index(list, "{"+k.PathParam+"}")
		if pos < 0 || pos >= len(rq.parts)-1 {
			// the value names the object read itself (a session, a
			// linked object relationship), not a parent
			continue
		}
		if !o.parentExists(rq, t, rq.parts[:pos+1], k) {
			return false
		}
	}
	return true
}

// parentExists reports whether the object at the item path parts, which
// key k of table t names, exists, and answers 404 when it does not. The
// object exists when its own GET answers it (a hand-written resource's,
// or the store's), else when the list of its collection has it, else
// when its value is one of its parameter's enum, or the resource its
// parameter names (paramCollections) has it; an object none of these can
// tell about is taken to exist.
func (o *Org) parentExists(rq *request, t *schema.Table, parts []string, k schema.KeyColumn) bool {
	if route, ok := handGet(parts); ok {
		return o.handAnswers(rq, route, parts)
	}
	id := parts[len(parts)-1]
	for _, rt := range o.genericRoutes() {
		if !rt.match(http.MethodGet, parts) {
			continue
		}
		if rt.kind != schema.KindPointGet {
			return o.inEnum(rq, pathParam(rt.op, k.PathParam), id) // a one-row object, read at that path
		}
		return o.listed(rq, parts[:len(parts)-1], rt.table, id, k)
	}
	for _, rt := range o.genericRoutes() {
		if rt.kind == schema.KindTableRead && !rt.table.SingleRow && rt.match(http.MethodGet, parts[:len(parts)-1]) {
			return o.listed(rq, parts[:len(parts)-1], rt.table, id, k)
		}
	}
	if p := pathParam(t.List, k.PathParam); p != nil && len(p.Enum) > 0 {
		return o.inEnum(rq, p, id)
	}
	if k.PathParam == "roleRef" {
		return o.roleExists(rq, id)
	}
	if coll, ok := paramCollections[k.PathParam]; ok {
		parts := append(strings.Split(strings.Trim(coll, "/"), "/"), id)
		if route, ok := handGet(parts); ok {
			return o.handAnswers(rq, route, parts)
		}
	}
	return true
}

// paramCollections are the hand-written collections whose objects the
// path parameters of these names take where the path does not say (an
// app's schema at /meta/schemas/apps/{appId}, an OAuth client's roles at
// /oauth2/v1/clients/{clientId}: an OIDC app's client id is its app id,
// and an identity source is an app instance).
var paramCollections = map[string]string{
	"appId": "/api/v1/apps", "appInstanceId": "/api/v1/apps", "clientId": "/api/v1/apps", "identitySourceId": "/api/v1/apps",
	"userId": "/api/v1/users", "groupId": "/api/v1/groups",
}

// handGet returns the hand-written GET of the path parts, if there is one.
func handGet(parts []string) (route, bool) {
	for _, route := range routes {
		if route.method == http.MethodGet && route.match(parts) {
			return route, true
		}
	}
	return route{}, false
}

// inEnum reports whether a path value is one of its parameter's enum
// (any value, for a parameter with none), and answers 404 when it is not.
func (o *Org) inEnum(rq *request, p *schema.Param, v string) bool {
	if p == nil || len(p.Enum) == 0 || slices.Contains(p.Enum, v) {
		return true
	}
	rq.notFound(v)
	return false
}

// listed reports whether the collection at coll, the list of table t,
// holds an object that id names: by its id, its item column, the
// column the child's key takes its values from, or its label for a
// parameter that takes one. When it does not, it answers 404.
func (o *Org) listed(rq *request, coll []string, t *schema.Table, id string, k schema.KeyColumn) bool {
	paths := [][]string{{"id"}}
	if c := t.Column(t.ItemColumn); c != nil && len(c.Path) > 0 {
		paths = append(paths, c.Path)
	}
	if k.SourceTable == t.Name {
		if c := t.Column(k.SourceColumn); c != nil && len(c.Path) > 0 {
			paths = append(paths, c.Path)
		}
	}
	if strings.HasSuffix(k.PathParam, "OrLabel") {
		paths = append(paths, []string{"label"})
	}
	for _, obj := range o.collectionAt(coll) {
		for _, p := range paths {
			if v, ok := valueAt(obj, p); ok && fmt.Sprint(v) == id {
				return true
			}
		}
	}
	rq.notFound(id + " (" + t.Resource + ")")
	return false
}

// handAnswers reports whether a hand-written GET answers the object at
// parts; when it does not, its answer (Okta's 404 for that resource) is
// the request's.
func (o *Org) handAnswers(rq *request, route route, parts []string) bool {
	path := "/" + strings.Join(parts, "/")
	rec := &recorder{header: http.Header{}}
	r := rq.r.Clone(rq.r.Context())
	r.Method, r.URL = http.MethodGet, &url.URL{Path: path}
	route.handle(&request{w: rec, r: r, q: url.Values{}, parts: parts, org: o})
	if rec.status == 0 || rec.status == http.StatusOK {
		return true
	}
	rq.w.WriteHeader(rec.status)
	rq.w.Write(rec.body)
	return false
}

// recorder keeps the status and body of an answer made for the emulator
// itself.
type recorder struct {
	header http.Header
	status int
	body   []byte
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.body = append(r.body, b...)
	return len(b), nil
}

// collectionAt returns the objects of the collection at the path parts,
// filling it from its table's first contents the first time it is read
// (an item read before any list finds the object the list would show).
// The collections of tables with semantics exist only under existing
// parents and are never filled here.
func (o *Org) collectionAt(parts []string) []map[string]any {
	path := "/" + strings.Join(parts, "/")
	if list, ok := o.stored(path); ok {
		return list
	}
	for _, rt := range o.genericRoutes() {
		if rt.kind == schema.KindTableRead && !rt.table.SingleRow && rt.match(http.MethodGet, parts) {
			if semanticTables[rt.table.Name] == nil {
				o.seedPath(path, rt.table)
			}
			break
		}
	}
	list, _ := o.stored(path)
	return list
}

// pathParam returns op's path parameter name, or nil.
func pathParam(op *schema.Operation, name string) *schema.Param {
	for i, p := range op.Params {
		if p.In == "path" && p.Name == name {
			return &op.Params[i]
		}
	}
	return nil
}
