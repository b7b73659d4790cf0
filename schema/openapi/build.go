package openapi

import (
	"strings"
	"unicode"

	"github.com/oktasql/oktasql/schema"
)

// insertVerbs start the operationIds of item-level PUTs and POSTs that
// create an association rather than change an item (assignUserToGroup).
var insertVerbs = []string{"assign", "add", "create", "link", "grant"}

// build classifies every operation, in this order: exclusions (non-JSON),
// list endpoints, their item operations, single-object GETs and their
// writes, collection POSTs (insert), then procedures for the rest.
func (b *builder) build() {
	b.cat = &schema.Catalog{Release: b.doc.Info.Version}
	b.procNames = map[string]bool{}
	b.tableNames = map[string]bool{}
	for _, o := range b.ops {
		switch {
		case o.nonJSON != "":
			b.mapOp(o, schema.KindExcluded, "", "non-JSON "+o.nonJSON)
		case o.otherHost:
			b.mapOp(o, schema.KindExcluded, "", "served from another host than the org (servers override)")
		}
	}
	for _, o := range b.unmapped("GET") {
		if items, envelope := listItems(o.resp); items != nil {
			b.addListTable(o, items, envelope)
		}
	}
	for _, t := range b.cat.Tables {
		b.bindKeySources(t)
	}
	for _, t := range append([]*schema.Table{}, b.cat.Tables...) {
		b.addItemOps(t)
	}
	for _, o := range b.unmapped("GET") {
		if o.resp != nil {
			b.addSingleRowTable(o)
		}
	}
	for _, o := range b.unmapped("POST") {
		if t := b.tablesByPath[normalize(o.Path)]; t != nil && !t.SingleRow && t.Create == nil {
			t.Create = b.mapOp(o, schema.KindInsert, t.Name, "")
		}
	}
	for _, t := range b.cat.Tables {
		bindItemColumn(t)
		b.addWriteColumns(t)
		b.addGetColumns(t)
	}
	for _, o := range b.unmapped("") {
		b.addProcedure(o)
	}
	sortCatalog(b.cat)
}

// unmapped returns the operations not yet mapped, of one method or all.
func (b *builder) unmapped(method string) []*op {
	var out []*op
	for _, o := range b.ops {
		if !b.mapped[o] && (method == "" || o.Method == method) {
			out = append(out, o)
		}
	}
	return out
}

// mapOp records o's mapping and returns its catalog operation.
func (b *builder) mapOp(o *op, kind schema.MappingKind, target, reason string) *schema.Operation {
	b.mapped[o] = true
	b.cat.Mappings = append(b.cat.Mappings, schema.Mapping{OperationID: o.ID, Method: o.Method, Path: o.Path, Kind: kind, Target: target, Reason: reason})
	op := o.Operation
	return &op
}

// listItems returns the item shape of a list response: a JSON array, or an
// envelope object whose only property besides _links is an array.
func listItems(resp *shape) (*shape, string) {
	if resp == nil {
		return nil, ""
	}
	if resp.kind == "array" {
		return resp.items, ""
	}
	if resp.kind != "object" {
		return nil, ""
	}
	var arrays []string
	for name, p := range resp.props {
		switch {
		case name == "_links":
		case p.kind == "array":
			arrays = append(arrays, name)
		default:
			return nil, ""
		}
	}
	if len(arrays) != 1 {
		return nil, ""
	}
	return resp.props[arrays[0]].items, arrays[0]
}

// uniqueTableName reserves want, or a variant qualified by the operationId
// when want is taken.
func (b *builder) uniqueTableName(want, path, opID string) string {
	if want == "" {
		want = snake(opID)
	}
	name := want
	if params := schema.PathParams(path); b.tableNames[name] && len(params) > 0 && strings.HasSuffix(path, "}") {
		name = singular(want) + "_by_" + snake(params[len(params)-1])
	}
	if b.tableNames[name] {
		name = want + "_" + snake(opID)
	}
	b.tableNames[name] = true
	return name
}

// addListTable creates the table of a list endpoint.
func (b *builder) addListTable(o *op, items *shape, envelope string) {
	want := schema.CuratedTableName(o.ID)
	if want == "" {
		want = pathName(o.Path)
	}
	t := &schema.Table{Name: b.uniqueTableName(want, o.Path, o.ID), Resource: items.name, Tag: o.Tag, Envelope: envelope, Release: o.Release, Scopes: o.Scopes}
	t.List = b.mapOp(o, schema.KindTableRead, t.Name, "")
	hasAfter := false
	for _, p := range o.Params {
		if p.In == "query" && p.Name == "after" {
			hasAfter = true
		}
		if p.In == "query" && p.Name == "limit" {
			t.PageLimit = pageLimit(p)
		}
	}
	switch {
	case envelope != "" && o.resp.props["_links"] != nil && hasAfter:
		t.Pagination = schema.PaginationBody
	case hasAfter:
		t.Pagination = schema.PaginationLink
	default:
		t.Pagination = schema.PaginationNone
	}
	b.setColumns(t, o, items)
	b.tablesByPath[normalize(o.Path)] = t
	b.cat.Tables = append(b.cat.Tables, t)
}

// pageLimit reads a limit parameter's default and bounds from the spec.
func pageLimit(p schema.Param) schema.Limit {
	var l schema.Limit
	if p.Minimum != nil {
		l.Min = *p.Minimum
	}
	if p.Maximum != nil {
		l.Max = *p.Maximum
	}
	if n, ok := atoi(p.Default); ok && n > 0 {
		l.Default = n
	}
	return l
}

// setColumns gives t its key columns (the list path's parameters) and the
// columns of its item shape, and its primary key.
func (b *builder) setColumns(t *schema.Table, o *op, items *shape) {
	for _, name := range schema.PathParams(o.Path) {
		t.Keys = append(t.Keys, schema.KeyColumn{Column: keyColumnName(o.Path, name), PathParam: name})
	}
	t.Columns = append(buildColumns(t.Keys, items, schema.CuratedColumnPaths(t.Name), o.paramDesc), schema.CuratedExpandColumns(t.Name)...)
	for _, k := range t.Keys {
		t.PrimaryKey = append(t.PrimaryKey, k.Column)
	}
	if c := t.Column("id"); c != nil && len(c.Path) == 1 && c.Path[0] == "id" {
		t.PrimaryKey = append(t.PrimaryKey, "id")
	} else if !t.SingleRow {
		t.PrimaryKey = nil
	}
}

// bindKeySources names, for each key of t, the list table whose rows
// supply its values: the table listed at the path before the parameter.
func (b *builder) bindKeySources(t *schema.Table) {
	for i, k := range t.Keys {
		prefix, _, _ := strings.Cut(t.List.Path, "/{"+k.PathParam+"}")
		src := b.tablesByPath[normalize(prefix)]
		if src == nil {
			continue
		}
		var col string
		switch {
		case src.Column(snake(k.PathParam)) != nil && src.Column(snake(k.PathParam)).PathParam == "":
			col = snake(k.PathParam)
		case src.Column("id") != nil:
			col = "id"
		case strings.HasSuffix(k.PathParam, "Name") && src.Column("name") != nil:
			col = "name"
		case src.Column("value") != nil:
			col = "value"
		default:
			continue
		}
		t.Keys[i].SourceTable, t.Keys[i].SourceColumn = src.Name, col
	}
}

// addItemOps maps the operations on one item of t: GET, PUT, POST, PATCH
// and DELETE on the list path plus one {param} segment.
func (b *builder) addItemOps(t *schema.Table) {
	itemPath := normalize(t.List.Path) + "/{}"
	for _, o := range b.unmapped("") {
		if normalize(o.Path) != itemPath {
			continue
		}
		params := schema.PathParams(o.Path)
		t.ItemParam = params[len(params)-1]
		b.itemOf[itemPath] = t
		switch {
		case o.Method == "GET" && o.resp != nil && t.Get == nil:
			t.Get = b.mapOp(o, schema.KindPointGet, t.Name, "")
		case (o.Method == "PUT" || o.Method == "POST") && hasVerb(o.ID, insertVerbs) && t.Create == nil:
			t.Create = b.mapOp(o, schema.KindInsert, t.Name, "")
		case o.Method == "PUT" && t.Replace == nil:
			t.Replace = b.mapOp(o, schema.KindReplace, t.Name, "")
		case (o.Method == "POST" || o.Method == "PATCH") && t.Update == nil:
			t.Update = b.mapOp(o, schema.KindUpdate, t.Name, "")
		case o.Method == "DELETE" && t.Delete == nil:
			t.Delete = b.mapOp(o, schema.KindDelete, t.Name, "")
		}
	}
}

// addSingleRowTable creates a one-row table over a single-object GET and
// maps the writes on the same path to it.
func (b *builder) addSingleRowTable(o *op) {
	t := &schema.Table{Name: b.uniqueTableName(pathName(o.Path), o.Path, o.ID), Resource: o.resp.name, Tag: o.Tag, SingleRow: true, Pagination: schema.PaginationNone, Release: o.Release, Scopes: o.Scopes}
	t.List = b.mapOp(o, schema.KindTableRead, t.Name, "")
	b.setColumns(t, o, o.resp)
	b.bindKeySources(t)
	b.tablesByPath[normalize(o.Path)] = t
	b.cat.Tables = append(b.cat.Tables, t)
	for _, w := range b.unmapped("") {
		if w.Path != o.Path {
			continue
		}
		switch {
		case w.Method == "PUT" && t.Replace == nil:
			t.Replace = b.mapOp(w, schema.KindReplace, t.Name, "")
		case (w.Method == "PATCH" || w.Method == "POST" && hasVerb(w.ID, []string{"update"})) && t.Update == nil:
			t.Update = b.mapOp(w, schema.KindUpdate, t.Name, "")
		case w.Method == "DELETE" && t.Delete == nil:
			t.Delete = b.mapOp(w, schema.KindDelete, t.Name, "")
		}
	}
}

// addProcedure maps o to a stored procedure named <resource>_<action>.
func (b *builder) addProcedure(o *op) {
	p := &schema.Procedure{Name: b.procedureName(o), Operation: o.Operation, Returns: o.resp != nil, Args: []schema.ProcArg{}}
	if t := b.resourceTable(o.Path); t != nil {
		p.Table = t.Name
		t.Procedures = append(t.Procedures, p.Name)
	}
	for _, prm := range o.Params {
		switch prm.In {
		case "path":
			p.Args = append(p.Args, schema.ProcArg{Name: keyColumnName(o.Path, prm.Name), Param: prm.Name, In: "path", Type: prm.Type, Required: true})
		}
	}
	for _, prm := range o.Params {
		if prm.In == "query" {
			p.Args = append(p.Args, schema.ProcArg{Name: snake(prm.Name), Param: prm.Name, In: "query", Type: prm.Type, Required: prm.Required})
		}
	}
	if o.Body != "" {
		p.Args = append(p.Args, schema.ProcArg{Name: "body", In: "body", Type: schema.TypeJSON, Required: o.BodyRequired})
	}
	b.mapOp(o, schema.KindProcedure, p.Name, "")
	b.cat.Procedures = append(b.cat.Procedures, p)
}

// procedureName derives a unique procedure name, <resource>_<action>. The
// resource is the singular name of the table whose item the path acts on
// (network_zone), else the path's words; for POSTs the action is the rest of
// the path (/users/{id}/lifecycle/suspend -> user_suspend), otherwise the
// operationId's verb (revokeUserSessions -> user_sessions_revoke).
func (b *builder) procedureName(o *op) string {
	last := ""
	if segs := segments(o.Path); len(segs) > 0 {
		last = segs[len(segs)-1]
	}
	base := b.procedureResource(o.Path)
	if base == "" {
		base = snake(o.ID)
	}
	v := verb(o.ID)
	name := base
	switch {
	case o.Method != "POST":
		name = base + "_" + v
	case isParam(last) && !strings.HasSuffix(strings.ToLower(last), "id}"):
		name = base + "_" + snake(strings.Trim(last, "{}"))
	case v == "create" && singular(base) != base:
		name = base + "_create"
	}
	if b.procNames[name] {
		name = base + "_" + snake(o.ID)
	}
	b.procNames[name] = true
	return name
}

// procedureResource returns the words naming what a path acts on: the
// singular table name of the item it starts with, then the remaining
// literal segments; a path with one word takes its host-prefix segment too
// (/webauthn-registration/api/v1/send-pin -> webauthn_registration_send_pin).
func (b *builder) procedureResource(path string) string {
	parts := strings.Split(normalize(path), "/")
	for n := len(parts); n > 1; n-- {
		t := b.itemOf[strings.Join(parts[:n], "/")]
		if t == nil {
			continue
		}
		rest := pathName("/v1/"+strings.Join(parts[n:], "/"), "lifecycle")
		return strings.Trim(singular(t.Name)+"_"+rest, "_")
	}
	name := pathName(path, "lifecycle")
	literals := 0
	for _, seg := range segments(path) {
		if !isParam(seg) {
			literals++
		}
	}
	if first := strings.Split(strings.Trim(path, "/"), "/")[0]; literals == 1 && first != "api" && !strings.HasPrefix(first, ".") {
		name = strings.Trim(snake(first)+"_"+name, "_")
	}
	return name
}

// resourceTable returns the table whose item, list or one-row path is the
// longest prefix of path.
func (b *builder) resourceTable(path string) *schema.Table {
	parts := strings.Split(normalize(path), "/")
	for n := len(parts); n > 1; n-- {
		prefix := strings.Join(parts[:n], "/")
		if t := b.itemOf[prefix]; t != nil {
			return t
		}
		if t := b.tablesByPath[prefix]; t != nil {
			return t
		}
	}
	return nil
}

// verb returns an operationId's leading lower-case word, snake_cased.
func verb(id string) string {
	for i, r := range id {
		if unicode.IsUpper(r) {
			return snake(id[:i])
		}
	}
	return snake(id)
}

// hasVerb reports whether an operationId starts with one of verbs.
func hasVerb(id string, verbs []string) bool {
	return contains(verbs, verb(id))
}
