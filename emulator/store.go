package emulator

import (
	"fmt"
	"maps"
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
		o.semanticList(rq, s)
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

// semanticList answers a list under its endpoint's rules; ordered
// objects come in priority order unless sortBy asks otherwise. A
// collection under an unknown parent is a 404.
func (o *Org) semanticList(rq *request, s *semantics) {
	objs, ok := o.stored(rq.r.URL.Path)
	if !ok {
		rq.notFound(rq.parts[len(rq.parts)-2])
		return
	}
	items := rq.list.narrow(rq, mapItems(objs))
	if !rq.list.order(rq, items) && s.ordered {
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
	rq.page(items)
}

// mapItems returns stored objects as matchable items.
func mapItems(objs []map[string]any) []item {
	items := make([]item, len(objs))
	for i, obj := range objs {
		items[i] = item{obj, scim.MapGetter(obj)}
	}
	return items
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
		// The type takes the values its list's parameter of that name
		// does (a policy's type, on this org's edition).
		list := rt.table.List
		if p := list.QueryParam(s.typed); p != nil {
			if err := o.checkParam(rulesOf(list), *p, v); err != nil {
				err.write(rq)
				return
			}
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
