package openapi

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/oktasql/oktasql/schema"
)

// Load builds the full catalog from an OpenAPI 3.0 document (YAML or
// JSON): a table per list endpoint and per single-object GET, columns from
// the resolved item schemas, every operation mapped to a table operation,
// a procedure or an exclusion, and then the hand-curated layer
// (schema.Curate). Descriptions from the spec are kept as column comments;
// the generator strips them (schema.Catalog.StripComments).
func Load(spec []byte) (*schema.Catalog, error) {
	doc, err := parseDocument(spec)
	if err != nil {
		return nil, err
	}
	b := &builder{doc: doc, res: &resolver{doc: doc}, tablesByPath: map[string]*schema.Table{}, itemOf: map[string]*schema.Table{}, mapped: map[*op]bool{}}
	if err := b.readOperations(); err != nil {
		return nil, err
	}
	b.build()
	schema.Curate(b.cat)
	return b.cat, nil
}

// op is one operation of the spec with its parameters and bodies resolved.
type op struct {
	schema.Operation
	paramDesc map[string]string
	// resp is the shape of the JSON success response (nil when none).
	resp *shape
	// body is the shape of the JSON request body (nil when none).
	body *shape
	// nonJSON names a request or response media type that is not JSON.
	nonJSON string
	// otherHost is true when the operation is served from another host
	// than the org's (a servers override), which oktasql does not call.
	otherHost bool
}

// builder accumulates the catalog.
type builder struct {
	doc *document
	res *resolver
	ops []*op
	cat *schema.Catalog
	// tablesByPath maps a normalized list (or one-row) path to its table,
	// itemOf a normalized item path to the table of its items.
	tablesByPath map[string]*schema.Table
	itemOf       map[string]*schema.Table
	mapped       map[*op]bool
	procNames    map[string]bool
	tableNames   map[string]bool
}

// readOperations reads every operation in path then method order.
func (b *builder) readOperations() error {
	seen := map[string]bool{}
	for _, path := range sortedKeys(b.doc.Paths) {
		item := b.doc.Paths[path]
		if item == nil {
			continue
		}
		ops := item.operations()
		for _, method := range sortedKeys(ops) {
			o, err := b.readOperation(path, method, item, ops[method])
			if err != nil {
				return fmt.Errorf("%s %s: %w", method, path, err)
			}
			if seen[o.ID] {
				return fmt.Errorf("%s %s: %w: operationId %s used twice", method, path, ErrBadSpec, o.ID)
			}
			seen[o.ID] = true
			b.ops = append(b.ops, o)
		}
	}
	return nil
}

// readOperation resolves one operation's parameters, body and response.
func (b *builder) readOperation(path, method string, item *pathItem, raw *operation) (*op, error) {
	if raw.OperationID == "" {
		return nil, fmt.Errorf("%w: operation has no operationId", ErrBadSpec)
	}
	o := &op{Operation: schema.Operation{ID: raw.OperationID, Method: method, Path: path, Deprecated: raw.Deprecated}, paramDesc: map[string]string{}}
	if len(raw.Tags) > 0 {
		o.Tag = raw.Tags[0]
	}
	switch {
	case raw.Lifecycle != nil:
		o.Release = raw.Lifecycle.Lifecycle
	case item.Lifecycle != nil:
		o.Release = item.Lifecycle.Lifecycle
	}
	for _, sec := range raw.Security {
		for _, scope := range sec["oauth2"] {
			if !contains(o.Scopes, scope) {
				o.Scopes = append(o.Scopes, scope)
			}
		}
	}
	// Operation-level parameters override path-level ones of the same name and location.
	params := map[string]schema.Param{}
	var order []string
	for _, list := range [][]*parameter{item.Parameters, raw.Parameters} {
		for _, rp := range list {
			p, err := b.doc.param(rp)
			if err != nil {
				return nil, err
			}
			key := p.In + ":" + p.Name
			if _, ok := params[key]; !ok {
				order = append(order, key)
			}
			sp, err := b.param(p)
			if err != nil {
				return nil, err
			}
			params[key] = sp
			o.paramDesc[p.Name] = p.Description
		}
	}
	for _, name := range schema.PathParams(path) {
		key := "path:" + name
		if _, ok := params[key]; !ok {
			order = append(order, key)
			params[key] = schema.Param{Name: name, In: "path", Type: schema.TypeString, Required: true}
		}
	}
	for _, key := range order {
		if p := params[key]; p.In == "path" || p.In == "query" || p.In == "header" {
			o.Params = append(o.Params, p)
		}
	}
	if len(raw.Servers) > 0 {
		o.otherHost = true
	}
	if err := b.readBody(o, raw); err != nil {
		return nil, err
	}
	return o, b.readResponse(o, raw)
}

// param converts a spec parameter.
func (b *builder) param(p *parameter) (schema.Param, error) {
	sp := schema.Param{Name: p.Name, In: p.In, Required: p.Required || p.In == "path", Type: schema.TypeString}
	if p.Schema != nil {
		sh, err := b.res.resolve(p.Schema, 0, nil)
		if err != nil {
			return sp, err
		}
		sp.Type = columnType(sh)
		sp.Enum = sh.enum
		s := p.Schema
		if s.Ref != "" {
			if _, t, err := b.doc.schemaRef(s.Ref); err == nil {
				s = t
			}
		}
		if s.Default != nil && sendableDefault(sp, fmt.Sprint(s.Default)) {
			sp.Default = fmt.Sprint(s.Default)
		}
		sp.Minimum, sp.Maximum = bound(s.Minimum), bound(s.Maximum)
	}
	return sp, nil
}

// bound is a declared minimum or maximum as an integer (nil when none).
func bound(v *float64) *int {
	if v == nil {
		return nil
	}
	n := int(*v)
	return &n
}

// sendableDefault reports whether def is a value the parameter could be
// sent with (a number, a boolean, an enum member or a single token), not a
// phrase such as "7 days prior to until".
func sendableDefault(p schema.Param, def string) bool {
	switch p.Type {
	case schema.TypeInteger, schema.TypeNumber, schema.TypeBoolean:
		return true
	}
	if len(p.Enum) > 0 {
		return contains(p.Enum, def)
	}
	return !strings.ContainsAny(def, " \t\n")
}

// readBody records the request body's schema, or its non-JSON media type.
func (b *builder) readBody(o *op, raw *operation) error {
	if raw.RequestBody == nil {
		return nil
	}
	body, err := b.doc.requestBody(raw.RequestBody)
	if err != nil {
		return err
	}
	mt, media := jsonMedia(body.Content)
	if mt == "" {
		if len(body.Content) > 0 {
			o.nonJSON = "request " + strings.Join(sortedKeys(body.Content), ",")
		}
		return nil
	}
	o.BodyRequired = body.Required
	o.Body = schemaLabel(media.Schema)
	if mt != "application/json" {
		o.MediaType = mt
	}
	sh, err := b.res.resolve(media.Schema, maxDepth, nil)
	if err != nil {
		return err
	}
	o.body = sh
	o.WriteOnly = writeOnlyPaths(sh, nil)
	o.ReadOnly = readOnlyPaths(sh, nil)
	switch {
	case sh.kind == "array" && sh.items != nil && sh.items.name == "JsonPatchOperation":
		o.BodyKind = schema.BodyJSONPatch
	case sh.kind == "array":
		o.BodyKind = schema.BodyArray
	}
	for _, name := range sortedKeys(sh.props) {
		if !sh.props[name].readOnly {
			o.Properties = append(o.Properties, name)
		}
	}
	o.Required = requiredPaths(sh, nil, maxColumnDepth)
	return nil
}

// readResponse records the success codes and the JSON response's shape.
func (b *builder) readResponse(o *op, raw *operation) error {
	var first *response
	for _, code := range sortedKeys(raw.Responses) {
		n, err := strconv.Atoi(code)
		if err != nil || n < 200 || n > 299 {
			continue
		}
		o.SuccessCodes = append(o.SuccessCodes, n)
		if first == nil {
			r, err := b.doc.response(raw.Responses[code])
			if err != nil {
				return err
			}
			first = r
		}
	}
	if first == nil || len(first.Content) == 0 {
		return nil
	}
	mt, media := jsonMedia(first.Content)
	if mt == "" {
		if o.nonJSON == "" {
			o.nonJSON = "response " + strings.Join(sortedKeys(first.Content), ",")
		}
		return nil
	}
	o.Response = schemaLabel(media.Schema)
	sh, err := b.res.resolve(media.Schema, maxDepth, nil)
	if err != nil {
		return err
	}
	o.resp = sh
	return nil
}

// jsonMedia returns the JSON media type of a content map, if any.
func jsonMedia(content map[string]*mediaType) (string, *mediaType) {
	for _, mt := range sortedKeys(content) {
		if media := content[mt]; media != nil && (mt == "application/json" || strings.HasSuffix(mt, "+json")) {
			return mt, media
		}
	}
	return "", nil
}

// schemaLabel names a body or response schema: its component name, or
// "array"/"object" when inline.
func schemaLabel(s *schemaNode) string {
	switch {
	case s == nil:
		return "object"
	case s.Ref != "":
		return s.Ref[strings.LastIndex(s.Ref, "/")+1:]
	case s.Type == "array" && s.Items != nil && s.Items.Ref != "":
		return "array:" + schemaLabel(s.Items)
	case s.Type == "array":
		return "array"
	}
	return "object"
}

// columnType maps a shape to a column type.
func columnType(sh *shape) schema.ColumnType { return schema.ColumnTypeOf(sh.kind, sh.format) }

// sortCatalog orders tables, procedures and mappings by name.
func sortCatalog(c *schema.Catalog) {
	sort.Slice(c.Tables, func(i, j int) bool { return c.Tables[i].Name < c.Tables[j].Name })
	sort.Slice(c.Procedures, func(i, j int) bool { return c.Procedures[i].Name < c.Procedures[j].Name })
	sort.Slice(c.Mappings, func(i, j int) bool { return c.Mappings[i].OperationID < c.Mappings[j].OperationID })
}
