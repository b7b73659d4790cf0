package emulator

import (
	"fmt"
	"maps"
	"math"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/oktasql/oktasql/emulator/scim"
	"github.com/oktasql/oktasql/emulator/seed"
	"github.com/oktasql/oktasql/schema"
)

// timeFormat is the layout of Okta's timestamps.
const timeFormat = "2006-01-02T15:04:05.000Z"

// serveSemantic answers an operation on a table with semantics: the
// generic store's objects under Okta's rules for that resource.
func (o *Org) serveSemantic(rq *request, rt *opRoute, s *semantics) {
	switch rt.kind {
	case schema.KindTableRead:
		o.semanticList(rq, rt.table, s)
	case schema.KindInsert:
		o.semanticCreate(rq, rt, s)
	case schema.KindPointGet:
		if obj := o.storedItem(rq, rq.parts); obj != nil {
			rq.json(http.StatusOK, o.expand(rq, s, rq.r.URL.Path, obj))
		}
	case schema.KindReplace, schema.KindUpdate:
		o.semanticReplace(rq, rt, s)
	case schema.KindDelete:
		o.semanticDelete(rq, rt, s)
	default:
		o.semanticAction(rq, rt, s)
	}
}

// expand returns obj with what the request's expand parameter embeds, as
// a copy: the stored object stays as it is.
func (o *Org) expand(rq *request, s *semantics, item string, obj map[string]any) map[string]any {
	f := s.expansions[rq.q.Get("expand")]
	if f == nil {
		return obj
	}
	out := maps.Clone(obj)
	embedded, _ := obj["_embedded"].(map[string]any)
	embedded = maps.Clone(embedded)
	if embedded == nil {
		embedded = map[string]any{}
	}
	embedded[rq.q.Get("expand")] = f(o, item, obj)
	out["_embedded"] = embedded
	return out
}

// respond answers a write with the operation's success status, and with
// the object when the operation returns one.
func (rq *request) respond(op *schema.Operation, obj map[string]any) {
	code := http.StatusOK
	if len(op.SuccessCodes) > 0 {
		code = op.SuccessCodes[0]
	}
	if op.Response == "" || code == http.StatusNoContent {
		rq.w.WriteHeader(code)
		return
	}
	rq.json(code, obj)
}

// storedItem returns the stored object an item path names, or answers 404.
func (o *Org) storedItem(rq *request, parts []string) map[string]any {
	key, i, ok := o.findItem(rq, parts)
	if !ok {
		return nil
	}
	list, _ := o.stored(key)
	return list[i]
}

// findItem finds the object an item path names: its collection and its
// index there. When there is none it answers 404 and reports false.
func (o *Org) findItem(rq *request, parts []string) (string, int, bool) {
	key, i := o.find(parts)
	if i < 0 {
		rq.notFound(parts[len(parts)-1])
		return "", 0, false
	}
	return key, i, true
}

// semanticList answers a list with the table's query parameters and page
// limits. A collection under an unknown parent is a 404.
func (o *Org) semanticList(rq *request, t *schema.Table, s *semantics) {
	objs, ok := o.stored(rq.r.URL.Path)
	if !ok {
		rq.notFound(rq.parts[len(rq.parts)-2])
		return
	}
	items, ok := rq.query(t, objs)
	if !ok {
		return
	}
	if s.ordered && (t.Pushdown == nil || t.Pushdown.Sort == nil || rq.q.Get(t.Pushdown.Sort.ByParam) == "") {
		sort.SliceStable(items, func(i, j int) bool {
			a, b := items[i].v.(map[string]any), items[j].v.(map[string]any)
			if ta, tb := fmt.Sprint(a["type"]), fmt.Sprint(b["type"]); ta != tb {
				return ta < tb
			}
			return priority(a) < priority(b)
		})
	}
	if s.expansions[rq.q.Get("expand")] != nil {
		for i, it := range items {
			obj := it.v.(map[string]any)
			items[i].v = o.expand(rq, s, rq.r.URL.Path+"/"+fmt.Sprint(obj["id"]), obj)
		}
	}
	def := t.PageLimit.Default
	if def == 0 { // no default: everything in one page
		def = math.MaxInt32
	}
	rq.page(items, def, t.PageLimit.Max)
}

// query narrows objects by the list parameters the table's pushdown
// declares, evaluated as Okta does: parameters bound to an attribute
// (required ones missing give E0000001, values outside the enum E0000002),
// filter and search expressions (E0000033 together), a keyword search,
// q as a case-insensitive prefix on its fields, and sortBy.
func (rq *request) query(t *schema.Table, objs []map[string]any) ([]item, bool) {
	items := make([]item, len(objs))
	for i, obj := range objs {
		items[i] = item{obj, scim.MapGetter(obj)}
	}
	p := t.Pushdown
	if p == nil {
		return items, true
	}
	for _, b := range p.Params {
		v := rq.q.Get(b.Param)
		if v == "" {
			if b.Required {
				missing(b.Param).write(rq)
				return nil, false
			}
			continue
		}
		if err := checkEnum(t.List, b.Param, v); err != nil {
			err.write(rq)
			return nil, false
		}
		items = filterItems(items, &scim.Compare{Attr: b.Field, Op: scim.OpEq, Value: v}, false)
	}
	if p.Filter != nil && p.Search != nil && rq.q.Get(p.Filter.Param) != "" && rq.q.Get(p.Search.Param) != "" {
		errSearchAndFilter.write(rq)
		return nil, false
	}
	for _, g := range []*schema.Grammar{p.Filter, p.Search} {
		switch {
		case g == nil || rq.q.Get(g.Param) == "":
		case g.Keyword:
			items = keepMatching(items, fieldNames(g.Fields), rq.q.Get(g.Param), strings.Contains)
		default:
			e, ok := rq.expression(g.Param, g)
			if !ok {
				return nil, false
			}
			items = filterItems(items, e, g.CaseInsensitive)
		}
	}
	if q := rq.q.Get("q"); p.Q != nil && q != "" {
		items = keepMatching(items, p.Q.Fields, q, strings.HasPrefix)
	}
	if s := p.Sort; s != nil && s.ByParam != "" {
		if by := rq.q.Get(s.ByParam); by != "" && (s.AnyField || slices.Contains(s.Fields, by)) {
			sortItems(items, by, s.OrderParam != "" && rq.q.Get(s.OrderParam) == s.Desc)
		}
	}
	return items, true
}

// checkEnum refuses a value outside the enum of the list's parameter
// name, as Okta refuses an unknown policy type (E0000002).
func checkEnum(list *schema.Operation, name, v string) *apiError {
	if p := list.QueryParam(name); p != nil && len(p.Enum) > 0 && !slices.Contains(p.Enum, v) {
		return &apiError{http.StatusBadRequest, "E0000002", "The request was not valid: Invalid " + name + " specified", nil}
	}
	return nil
}

func fieldNames(fields map[string][]string) []string {
	out := make([]string, 0, len(fields))
	for f := range fields {
		out = append(out, f)
	}
	return out
}

// keepMatching keeps the items where one of the fields has a string value
// that matches v by match (HasPrefix, Contains), ignoring case.
func keepMatching(items []item, fields []string, v string, match func(s, v string) bool) []item {
	v = strings.ToLower(v)
	var out []item
	for _, it := range items {
		if slices.ContainsFunc(fields, func(f string) bool {
			return slices.ContainsFunc(it.get(f), func(x any) bool {
				s, ok := x.(string)
				return ok && match(strings.ToLower(s), v)
			})
		}) {
			out = append(out, it)
		}
	}
	return out
}

// sortItems orders items on an attribute (ignoring case, ties by id).
func sortItems(items []item, by string, desc bool) {
	sort.SliceStable(items, func(i, j int) bool {
		c := scim.CompareValues(items[i].get(by), items[j].get(by), true)
		if c == 0 {
			c = scim.CompareValues(items[i].get("id"), items[j].get("id"), false)
		}
		return (c < 0) != desc
	})
}

// dropPath removes the member at a dotted path of obj, if there is one.
func dropPath(obj map[string]any, path string) {
	segs := strings.Split(path, ".")
	for _, seg := range segs[:len(segs)-1] {
		obj, _ = obj[seg].(map[string]any)
	}
	delete(obj, segs[len(segs)-1])
}

// fromBody is the object a create or replace body describes: its
// required members present (E0000001 otherwise), its write-only ones left
// out.
func (s *semantics) fromBody(rq *request) (map[string]any, *apiError) {
	for _, f := range s.required {
		if v, ok := rq.body[f]; !ok || v == nil || v == "" {
			return nil, missing(f)
		}
	}
	obj := make(map[string]any, len(rq.body))
	for k, v := range rq.body {
		obj[k] = v
	}
	for _, p := range s.writeOnly {
		dropPath(obj, p)
	}
	return obj, nil
}

// readOnly are the members the server sets, never the body.
var readOnly = []string{"id", "status", "created", "lastUpdated", "_links", "_embedded"}

// semanticCreate adds an object to its collection: the required members
// present, the parent's check passed, the status the resource starts in.
func (o *Org) semanticCreate(rq *request, rt *opRoute, s *semantics) {
	path := rq.r.URL.Path
	if _, ok := o.store[path]; !ok {
		rq.notFound(rq.parts[len(rq.parts)-2])
		return
	}
	obj, err := s.fromBody(rq)
	if err != nil {
		err.write(rq)
		return
	}
	if v, ok := obj[s.typed].(string); ok {
		if err := checkEnum(rt.table.List, s.typed, v); err != nil {
			err.write(rq)
			return
		}
	}
	for _, k := range readOnly {
		delete(obj, k)
	}
	if s.protected != "" {
		obj[s.protected] = false
	}
	if s.check != nil {
		parent := o.storedItem(rq, rq.parts[:len(rq.parts)-1])
		if parent == nil {
			return
		}
		if err := s.check(parent, obj); err != nil {
			err.write(rq)
			return
		}
	}
	id := o.newID(s.prefix)
	now := o.now().Time().Format(timeFormat)
	obj["id"], obj["created"], obj["lastUpdated"] = id, now, now
	if s.created != "" {
		obj["status"] = s.created
		if s.activateParam && rq.q.Get("activate") == "false" {
			obj["status"] = "INACTIVE"
		}
	}
	obj["_links"] = map[string]any{"self": map[string]any{"href": rq.base() + path + "/" + id}}
	if s.ordered {
		place(o.store[path], obj)
	}
	o.store[path] = append(o.store[path], obj)
	for _, c := range s.children {
		o.store[path+"/"+id+c] = []map[string]any{}
	}
	o.auditObject(s, "create", slices.Concat(rq.parts, []string{id}), obj)
	rq.respond(rt.op, obj)
}

// priority is an ordered object's priority (0 when it has none).
func priority(obj map[string]any) int {
	switch p := obj["priority"].(type) {
	case int:
		return p
	case float64:
		return int(p)
	}
	return 0
}

// place gives a new object its priority among the others of its type: the
// one it asks for, or the last before the system one; those it displaces
// move down one, and the system one stays last.
func place(list []map[string]any, obj map[string]any) {
	var others, system []map[string]any
	for _, x := range list {
		switch {
		case x["type"] != obj["type"]:
		case x["system"] == true:
			system = append(system, x)
		default:
			others = append(others, x)
		}
	}
	p := priority(obj)
	if p < 1 || p > len(others) {
		p = len(others) + 1
	}
	for _, x := range others {
		if priority(x) >= p {
			x["priority"] = priority(x) + 1
		}
	}
	obj["priority"] = p
	for _, x := range system {
		x["priority"] = max(priority(x), len(others)+2)
	}
}

// semanticReplace replaces an object (a full replace: members left out
// are gone), keeping what the server owns and what cannot change.
func (o *Org) semanticReplace(rq *request, rt *opRoute, s *semantics) {
	key, i, ok := o.findItem(rq, rq.parts)
	if !ok {
		return
	}
	cur := o.store[key][i]
	if s.replaceNeeds != "" && cur["status"] != s.replaceNeeds {
		s.refuseReplace(cur).write(rq)
		return
	}
	next, err := s.fromBody(rq)
	if err != nil {
		err.write(rq)
		return
	}
	for _, k := range s.owned() {
		if v, ok := cur[k]; ok {
			next[k] = v
		} else {
			delete(next, k)
		}
	}
	next["lastUpdated"] = o.now().Time().Format(timeFormat)
	o.store[key][i] = next
	o.auditObject(s, "update", rq.parts, next)
	rq.respond(rt.op, next)
}

// owned are the members a replace keeps from the stored object: the
// server's, the protected flag and those that cannot change.
func (s *semantics) owned() []string {
	out := append(slices.Clone(readOnly), s.kept...)
	if s.protected != "" {
		out = append(out, s.protected)
	}
	return out
}

// semanticDelete removes an object and its child collections, unless it
// is protected or not yet in the status a delete needs.
func (o *Org) semanticDelete(rq *request, rt *opRoute, s *semantics) {
	key, i, ok := o.findItem(rq, rq.parts)
	if !ok {
		return
	}
	obj := o.store[key][i]
	if s.protected != "" && obj[s.protected] == true {
		s.protectedError.write(rq)
		return
	}
	if s.deleteNeeds != "" && obj["status"] != s.deleteNeeds {
		s.refuseDelete(obj).write(rq)
		return
	}
	if s.inUse != nil {
		if err := s.inUse(o, obj); err != nil {
			err.write(rq)
			return
		}
	}
	if f := s.effects["delete"]; f != nil {
		f(o, rq, obj)
	}
	o.store[key] = append(o.store[key][:i:i], o.store[key][i+1:]...)
	for _, c := range s.children {
		delete(o.store, key+"/"+obj["id"].(string)+c)
	}
	o.auditObject(s, "delete", rq.parts, obj)
	rq.respond(rt.op, nil)
}

// semanticAction runs a lifecycle action allowed from the object's
// status; actions without semantics (clone, simulate) stay generic.
func (o *Org) semanticAction(rq *request, rt *opRoute, s *semantics) {
	action := rq.parts[len(rq.parts)-1]
	tr, ok := s.transitions[action]
	if !ok {
		o.genericAction(rq)
		return
	}
	obj := o.storedItem(rq, actionItem(rq.parts))
	if obj == nil {
		return
	}
	if status, _ := obj["status"].(string); len(tr.from) > 0 && !slices.Contains(tr.from, status) {
		validation("status", "Cannot "+action+" an object whose status is "+status+".").write(rq)
		return
	}
	if tr.to != "" {
		obj["status"] = tr.to
	}
	if tr.set != "" {
		obj[tr.set] = tr.value
	}
	obj["lastUpdated"] = o.now().Time().Format(timeFormat)
	if f := s.effects[action]; f != nil {
		f(o, rq, obj)
	}
	o.auditObject(s, action, actionItem(rq.parts), obj)
	rq.respond(rt.op, obj)
}

// auditObject writes the System Log event of a write to the object at
// the item path, when the resource has one for the operation; the object
// of a nested resource (a rule) is logged with its parent (the policy).
func (o *Org) auditObject(s *semantics, op string, item []string, obj map[string]any) {
	eventType := s.events[op]
	if eventType == "" {
		return
	}
	targets := []*seed.LogTarget{logTarget(s.target, obj)}
	if s.parent != "" {
		if key, i := o.find(item[:len(item)-2]); i >= 0 {
			targets = append(targets, logTarget(s.parent, o.store[key][i]))
		}
	}
	o.audit(eventType, strings.ToUpper(op[:1])+op[1:]+" "+s.noun, targets...)
}

// logTarget is a stored object as a System Log target of a type.
func logTarget(typ string, obj map[string]any) *seed.LogTarget {
	id, _ := obj["id"].(string)
	name := displayName(obj)
	return &seed.LogTarget{ID: id, Type: typ, AlternateID: name, DisplayName: name}
}

// displayName is an object's name (a device's profile.displayName).
func displayName(obj map[string]any) string {
	get := scim.MapGetter(obj)
	if s := firstString(append(get("name"), get("profile.displayName")...)); s != "" {
		return s
	}
	return "unknown"
}

// firstString is the first non-empty string of values ("" when none).
func firstString(values []any) string {
	for _, v := range values {
		if s, ok := v.(string); ok && s != "" {
			return s
		}
	}
	return ""
}
