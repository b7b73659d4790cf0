package emulator

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/oktasql/oktasql/schema"
)

//go:generate go run ./internal/genexamples -spec ../../shared/okta/management-openapi.yaml -out examples.json

// examplesJSON holds the spec's 2xx response example of every GET, by
// operationId: the generic store starts from them.
//
//go:embed examples.json
var examplesJSON []byte

var (
	examplesOnce sync.Once
	exampleByOp  map[string]json.RawMessage
)

// example returns a fresh copy of an operation's example, decoded.
func example(opID string) any {
	examplesOnce.Do(func() {
		if err := json.Unmarshal(examplesJSON, &exampleByOp); err != nil {
			panic("emulator: the embedded examples.json is corrupt: " + err.Error())
		}
	})
	raw, ok := exampleByOp[opID]
	if !ok {
		return nil
	}
	var v any
	json.Unmarshal(raw, &v)
	return v
}

// exampleVariants returns fresh copies of every named example of an
// operation, in name order (listPolicies has one per policy type).
func exampleVariants(opID string) []any {
	example(opID) // loads the examples
	var names []string
	for name := range exampleByOp {
		if strings.HasPrefix(name, opID+"#") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	out := make([]any, len(names))
	for i, name := range names {
		out[i] = example(name)
	}
	return out
}

// opRoute is one catalog operation the generic store answers.
type opRoute struct {
	method   string
	template []string
	table    *schema.Table
	kind     schema.MappingKind
	op       *schema.Operation
}

var (
	opRoutesOnce sync.Once
	opRoutes     []opRoute
)

// genericRoutes lists the catalog's operations, most specific first.
func (o *Org) genericRoutes() []opRoute {
	opRoutesOnce.Do(func() {
		add := func(op *schema.Operation, t *schema.Table, kind schema.MappingKind) {
			if op != nil {
				opRoutes = append(opRoutes, opRoute{op.Method, strings.Split(strings.Trim(op.Path, "/"), "/"), t, kind, op})
			}
		}
		for _, t := range o.catalog.Tables {
			add(t.List, t, schema.KindTableRead)
			add(t.Get, t, schema.KindPointGet)
			add(t.Create, t, schema.KindInsert)
			add(t.Update, t, schema.KindUpdate)
			add(t.Replace, t, schema.KindReplace)
			add(t.Delete, t, schema.KindDelete)
		}
		for _, p := range o.catalog.Procedures {
			add(&p.Operation, o.catalog.Table(p.Table), schema.KindProcedure)
		}
		// A literal segment beats a parameter: /factors/catalog before
		// /factors/{factorId}.
		sort.SliceStable(opRoutes, func(i, j int) bool { return literals(opRoutes[i].template) > literals(opRoutes[j].template) })
	})
	return opRoutes
}

func literals(template []string) int {
	n := 0
	for _, seg := range template {
		if !strings.HasPrefix(seg, "{") {
			n++
		}
	}
	return n
}

func (rt opRoute) match(method string, parts []string) bool {
	if rt.method != method || len(rt.template) != len(parts) {
		return false
	}
	for i, seg := range rt.template {
		if !strings.HasPrefix(seg, "{") && seg != parts[i] {
			return false
		}
	}
	return true
}

// generic answers every operation without hand-written semantics from a
// store keyed by the collection's path: creates add an object with an
// Okta-shaped id, item operations find it by id, lifecycle calls flip its
// status, and lists return what was created (none at first).
func (o *Org) generic(rq *request) {
	var found *opRoute
	for i, rt := range o.genericRoutes() {
		if rt.match(rq.r.Method, rq.parts) {
			found = &o.genericRoutes()[i]
			break
		}
	}
	if found == nil {
		writeError(rq.w, http.StatusNotFound, "E0000022", "The endpoint does not support the provided HTTP method")
		return
	}
	t := found.table
	if !o.parentsExist(rq, found) {
		return
	}
	if s := semanticTables[tableName(t)]; s != nil {
		o.serveSemantic(rq, found, s)
		return
	}
	switch found.kind {
	case schema.KindTableRead:
		o.genericList(rq, t)
	case schema.KindUpdate, schema.KindReplace, schema.KindDelete:
		if t.SingleRow {
			o.genericSetting(rq, t, found.kind)
			return
		}
		o.genericItem(rq, t, found.kind)
	case schema.KindInsert:
		o.genericCreate(rq, t, found.op)
	case schema.KindPointGet:
		o.genericItem(rq, t, found.kind)
	default:
		o.genericAction(rq)
	}
}

// tableName is t's name ("" for an operation on no table).
func tableName(t *schema.Table) string {
	if t == nil {
		return ""
	}
	return t.Name
}

// collection is the concrete path of the collection an item path is in.
func collection(parts []string) string {
	return "/" + strings.Join(parts[:len(parts)-1], "/")
}

func (o *Org) genericList(rq *request, t *schema.Table) {
	path := rq.r.URL.Path
	o.seedPath(path, t)
	if t.SingleRow {
		if obj := o.single(path); obj != nil {
			rq.json(http.StatusOK, obj)
			return
		}
		rq.json(http.StatusOK, map[string]any{})
		return
	}
	stored, _ := o.stored(path)
	if t.Envelope != "" {
		out := make([]any, len(stored))
		for i, obj := range stored {
			out[i] = obj
		}
		rq.json(http.StatusOK, map[string]any{t.Envelope: out, "_links": map[string]any{"self": map[string]any{"href": rq.base() + rq.r.URL.RequestURI()}}})
		return
	}
	items := rq.list.narrow(rq, mapItems(stored))
	rq.list.order(rq, items)
	rq.page(items)
}

// seedPath fills a collection the first time it is read: with objects of
// the org where the table has a seed of its own (orgSeeds), else with the
// spec's example items (a one-row table with its example object). GETs
// hold only the read lock, so seeding takes the store's own lock.
func (o *Org) seedPath(path string, t *schema.Table) {
	o.storeMu.Lock()
	defer o.storeMu.Unlock()
	if _, seeded := o.store[path]; seeded {
		return
	}
	if seedFn := orgSeeds[t.Name]; seedFn != nil {
		o.store[path] = seedFn(o, pathValues(t.List.Path, path))
		return
	}
	var items []map[string]any
	switch ex := example(t.List.ID).(type) {
	case []any:
		for _, it := range ex {
			if m, ok := it.(map[string]any); ok {
				items = append(items, m)
			}
		}
	case map[string]any:
		if arr, ok := ex[t.Envelope].([]any); ok && t.Envelope != "" {
			for _, it := range arr {
				if m, ok := it.(map[string]any); ok {
					items = append(items, m)
				}
			}
		} else if t.SingleRow {
			items = []map[string]any{ex}
		}
	}
	o.store[path] = items
}

func (o *Org) single(path string) map[string]any {
	if list, _ := o.stored(path); len(list) == 1 {
		return list[0]
	}
	return nil
}

func (o *Org) genericCreate(rq *request, t *schema.Table, op *schema.Operation) {
	obj := map[string]any{}
	for k, v := range rq.body {
		obj[k] = v
	}
	prefix := "0oe"
	if len(t.Name) > 0 {
		prefix = "0" + t.Name[:2]
	}
	now := o.now().Time().Format("2006-01-02T15:04:05.000Z")
	obj["id"] = o.newID(prefix)
	obj["created"], obj["lastUpdated"] = now, now
	if _, ok := obj["status"]; !ok && t.Column("status") != nil {
		obj["status"] = "ACTIVE"
	}
	key := rq.r.URL.Path
	itemPath := []string{"id"}
	if c := t.Column(t.ItemColumn); c != nil && len(c.Path) > 0 && !c.WriteOnly {
		itemPath = c.Path
	}
	if len(schema.PathParams(op.Path)) > len(schema.PathParams(t.List.Path)) {
		// a create on the item's path (PUT /groups/{g}/users/{u}, POST
		// /iam/roles/{r}/permissions/{permissionType}) names the item
		setAt(obj, itemPath, rq.parts[len(rq.parts)-1])
		key = collection(rq.parts)
	} else if _, ok := valueAt(obj, itemPath); !ok {
		setAt(obj, itemPath, obj["id"]) // a natural key Okta assigns (an IdP key's kid)
	}
	o.seedPath(key, t) // a create before any read joins the example items
	o.store[key] = append(o.store[key], obj)
	rq.json(http.StatusOK, obj)
}

// stored returns a collection and whether it exists. GETs hold only the
// read lock while another GET may seed a collection, so it takes the
// store's own lock.
func (o *Org) stored(key string) ([]map[string]any, bool) {
	o.storeMu.Lock()
	defer o.storeMu.Unlock()
	list, ok := o.store[key]
	return list, ok
}

// find returns the stored object an item path names, and its index: the
// object with that id, or with that value of the collection's item
// column (an IdP key's kid, an app feature's name).
func (o *Org) find(parts []string) (string, int) {
	key, id := collection(parts), parts[len(parts)-1]
	list := o.collectionAt(parts[:len(parts)-1])
	for i, obj := range list {
		if obj["id"] == id {
			return key, i
		}
	}
	if path := o.itemPath(parts[:len(parts)-1]); path != nil {
		for i, obj := range list {
			if v, ok := valueAt(obj, path); ok && fmt.Sprint(v) == id {
				return key, i
			}
		}
	}
	return key, -1
}

// itemPath is the JSON path of the item column of the table listed at
// the collection path parts (nil when it is the id or unknown).
func (o *Org) itemPath(parts []string) []string {
	for _, rt := range o.genericRoutes() {
		if rt.kind != schema.KindTableRead || !rt.match(http.MethodGet, parts) || rt.table.ItemColumn == "" {
			continue
		}
		if c := rt.table.Column(rt.table.ItemColumn); c != nil && len(c.Path) > 0 {
			return c.Path
		}
	}
	return nil
}

// valueAt returns the value at path in obj.
func valueAt(obj map[string]any, path []string) (any, bool) {
	var v any = obj
	for _, key := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[key]; !ok {
			return nil, false
		}
	}
	return v, true
}

// setAt sets v at path in obj, making the objects on the way.
func setAt(obj map[string]any, path []string, v any) {
	for _, key := range path[:len(path)-1] {
		next, _ := obj[key].(map[string]any)
		if next == nil {
			next = map[string]any{}
			obj[key] = next
		}
		obj = next
	}
	obj[path[len(path)-1]] = v
}

// genericSetting answers the writes of a one-row table (the org's
// settings, a brand's page): a replace or update changes the one object,
// a delete returns it to its default (the spec's example).
func (o *Org) genericSetting(rq *request, t *schema.Table, kind schema.MappingKind) {
	path := rq.r.URL.Path
	if kind == schema.KindDelete {
		o.storeMu.Lock()
		delete(o.store, path)
		o.storeMu.Unlock()
		rq.noContent()
		return
	}
	o.seedPath(path, t)
	obj := o.single(path)
	if obj == nil {
		obj = map[string]any{}
		o.store[path] = []map[string]any{obj}
	}
	o.change(rq, obj)
	rq.json(http.StatusOK, obj)
}

// change applies a write's body to obj: a JSON Patch's operations, or
// the body's members over obj's.
func (o *Org) change(rq *request, obj map[string]any) {
	for _, p := range rq.patch {
		op, _ := p.(map[string]any)
		path, _ := op["path"].(string)
		keys := strings.Split(strings.TrimPrefix(path, "/"), "/")
		for i, k := range keys {
			keys[i] = strings.NewReplacer("~1", "/", "~0", "~").Replace(k)
		}
		parent := obj
		for _, k := range keys[:len(keys)-1] {
			next, _ := parent[k].(map[string]any)
			if next == nil {
				next = map[string]any{}
				parent[k] = next
			}
			parent = next
		}
		if op["op"] == "remove" {
			delete(parent, keys[len(keys)-1])
		} else {
			parent[keys[len(keys)-1]] = op["value"]
		}
	}
	for k, v := range rq.body {
		if k != "id" {
			obj[k] = v
		}
	}
	obj["lastUpdated"] = o.now().Time().Format("2006-01-02T15:04:05.000Z")
}

func (o *Org) genericItem(rq *request, t *schema.Table, kind schema.MappingKind) {
	key, i, ok := o.findItem(rq, rq.parts)
	if !ok {
		return
	}
	list, _ := o.stored(key)
	obj := list[i]
	switch kind {
	case schema.KindPointGet:
		rq.json(http.StatusOK, obj)
	case schema.KindDelete:
		if obj["status"] == "ACTIVE" && len(t.Procedures) > 0 && hasSuffix(t.Procedures, "_deactivate") {
			writeError(rq.w, http.StatusForbidden, "E0000056", "Delete application forbidden.", "the object must be deactivated before it is deleted")
			return
		}
		o.store[key] = append(o.store[key][:i:i], o.store[key][i+1:]...)
		rq.noContent()
	default:
		o.change(rq, obj)
		rq.json(http.StatusOK, obj)
	}
}

func hasSuffix(names []string, suffix string) bool {
	for _, n := range names {
		if strings.HasSuffix(n, suffix) {
			return true
		}
	}
	return false
}

// genericAction flips the status of the object a lifecycle call names
// (…/{id}/lifecycle/activate or …/{id}/activate) and answers the others
// with an empty object.
func (o *Org) genericAction(rq *request) {
	action := rq.parts[len(rq.parts)-1]
	status := map[string]string{"activate": "ACTIVE", "deactivate": "INACTIVE", "suspend": "SUSPENDED", "unsuspend": "ACTIVE", "enable": "ENABLED", "disable": "DISABLED"}[action]
	if status != "" {
		if key, i := o.find(actionItem(rq.parts)); i >= 0 {
			o.store[key][i]["status"] = status
			rq.json(http.StatusOK, o.store[key][i])
			return
		}
	}
	rq.json(http.StatusOK, map[string]any{})
}

// actionItem is the item path of an action path: …/{id}/lifecycle/activate
// or …/{id}/verify names …/{id}.
func actionItem(parts []string) []string {
	item := parts[:len(parts)-1]
	if item[len(item)-1] == "lifecycle" {
		item = item[:len(item)-1]
	}
	return item
}
