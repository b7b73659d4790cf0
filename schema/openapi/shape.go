package openapi

import (
	"fmt"
	"sort"
)

// shape is a schema with $ref, allOf, oneOf and anyOf resolved: an object
// with its (merged) properties, an array with its items, or a scalar.
type shape struct {
	kind     string // object, array, string, boolean, integer, number, any
	format   string
	props    map[string]*shape
	items    *shape
	enum     []string
	readOnly bool
	// writeOnly values are sent, never returned (an event hook's secret).
	writeOnly bool
	nullable  bool
	desc      string
	// name is the component schema name when the shape came from a $ref,
	// or the shared allOf base of a discriminated oneOf.
	name string
	// required names the properties an object must have: its own, those
	// of every allOf part, and those all its oneOf/anyOf variants share.
	required []string
	// untyped is set when the schema declares no kind and no structure
	// (only an enum, an example, a description): it refines another
	// definition of the same property rather than standing on its own.
	untyped bool
}

// maxDepth bounds how deep properties are resolved. Columns use three
// levels at most, so deeper structure stays a JSON value; the bound also
// ends self-referencing schemas.
const maxDepth = 4

// maxSteps bounds the schema nodes one Load may resolve. Okta's spec
// takes about 73,000; the bound stops a document whose references
// fan out exponentially (a DAG of allOf parts, YAML alias chains) from
// hanging the loader.
const maxSteps = 2_000_000

// resolver turns schema nodes into shapes.
type resolver struct {
	doc   *document
	steps int
}

// resolve returns the shape of s, expanding properties depth levels deep.
// stack holds the $refs being expanded, so a schema that refers to itself
// stops at the repeated reference instead of recursing forever.
func (r *resolver) resolve(s *schemaNode, depth int, stack []string) (*shape, error) {
	r.steps++
	if r.steps > maxSteps {
		return nil, fmt.Errorf("%w: schemas too complex (over %d resolution steps)", ErrBadSpec, maxSteps)
	}
	if s == nil {
		return &shape{kind: "any"}, nil
	}
	if s.Ref != "" {
		name, target, err := r.doc.schemaRef(s.Ref)
		if err != nil {
			return nil, err
		}
		for _, seen := range stack {
			if seen == name {
				return &shape{kind: kindOf(target), name: name}, nil
			}
		}
		sh, err := r.resolve(target, depth, append(stack, name))
		if err != nil {
			return nil, err
		}
		sh.name = name
		return sh, nil
	}
	if inner := annotated(s); inner != nil {
		sh, err := r.resolve(inner, depth, stack)
		if err != nil {
			return nil, err
		}
		sh.readOnly = sh.readOnly || s.ReadOnly
		sh.writeOnly = sh.writeOnly || s.WriteOnly
		sh.nullable = sh.nullable || s.Nullable
		if s.Description != "" {
			sh.desc = s.Description
		}
		return sh, nil
	}
	sh := &shape{
		kind:      kindOf(s),
		format:    s.Format,
		readOnly:  s.ReadOnly,
		writeOnly: s.WriteOnly,
		nullable:  s.Nullable,
		desc:      s.Description,
		required:  s.requiredNames(),
	}
	sh.untyped = sh.kind == "any"
	for _, e := range s.Enum {
		if e != nil {
			sh.enum = append(sh.enum, fmt.Sprint(e))
		}
	}
	switch {
	case sh.kind == "array":
		items, err := r.resolve(s.Items, depth, stack)
		if err != nil {
			return nil, err
		}
		sh.items = items
	case sh.kind == "object" && depth > 0:
		if err := r.mergeObject(sh, s, depth, stack); err != nil {
			return nil, err
		}
	}
	return sh, nil
}

// mergeObject fills sh with the properties of s, its allOf parts (all
// apply) and its oneOf/anyOf variants (union: any may apply).
func (r *resolver) mergeObject(sh *shape, s *schemaNode, depth int, stack []string) error {
	sh.props = map[string]*shape{}
	names := sortedKeys(s.Properties)
	for _, name := range names {
		p, err := r.resolve(s.Properties[name], depth-1, stack)
		if err != nil {
			return err
		}
		if s.Properties[name] != nil && s.Properties[name].Ref != "" && p.desc == "" {
			p.desc = s.Properties[name].Description
		}
		sh.props[name] = p
	}
	for _, part := range s.AllOf {
		p, err := r.resolve(part, depth, stack)
		if err != nil {
			return err
		}
		mergeProps(sh, p)
		sh.required = unionStrings(sh.required, p.required)
		if sh.desc == "" {
			sh.desc = p.desc
		}
	}
	variantBase := ""
	var shared []string
	for i, v := range append(append([]*schemaNode{}, s.OneOf...), s.AnyOf...) {
		p, err := r.resolve(v, depth, stack)
		if err != nil {
			return err
		}
		if p.kind != "object" {
			continue
		}
		mergeProps(sh, loose(p))
		if i == 0 {
			variantBase = p.name
			shared = p.required
		} else {
			shared = intersectStrings(shared, p.required)
		}
	}
	sh.required = unionStrings(sh.required, shared)
	if len(s.OneOf)+len(s.AnyOf) > 0 {
		sh.name = commonBase(r.doc, append(append([]*schemaNode{}, s.OneOf...), s.AnyOf...), variantBase)
	}
	return nil
}

// commonBase names a oneOf by the schema all its variants extend through
// allOf (Application, Policy), or by its first variant.
func commonBase(doc *document, variants []*schemaNode, first string) string {
	base := ""
	for i, v := range variants {
		if v == nil || v.Ref == "" {
			return first
		}
		_, target, err := doc.schemaRef(v.Ref)
		if err != nil || len(target.AllOf) == 0 || target.AllOf[0].Ref == "" {
			return first
		}
		name, _, err := doc.schemaRef(target.AllOf[0].Ref)
		if err != nil || (i > 0 && name != base) {
			return first
		}
		base = name
	}
	return base
}

// mergeProps adds p's properties to sh; the first definition of a property
// wins, and properties whose kinds disagree become untyped JSON. A
// definition that declares no kind (`provider: {enum: [OKTA]}`, `factorType:
// {example: push}` in a subtype's allOf) only refines the other: the typed
// one stays, with the enums of both.
func mergeProps(sh, p *shape) {
	for name, prop := range p.props {
		have, ok := sh.props[name]
		if !ok {
			sh.props[name] = prop
			continue
		}
		if refinement(have) && !refinement(prop) {
			have, prop = prop, have
		}
		if refinement(prop) && have.kind != prop.kind {
			merged := *have
			merged.enum = unionStrings(have.enum, prop.enum)
			sh.props[name] = &merged
			continue
		}
		if have.kind != prop.kind {
			merged := *have
			merged.kind, merged.props, merged.items, merged.enum, merged.untyped = "any", nil, nil, nil, false
			sh.props[name] = &merged
			continue
		}
		if have.kind == "object" && prop.kind == "object" && have.props != nil && prop.props != nil {
			merged := *have
			merged.props = map[string]*shape{}
			for k, v := range have.props {
				merged.props[k] = v
			}
			mergeProps(&merged, prop)
			sh.props[name] = &merged
		}
		if len(have.enum) > 0 && len(prop.enum) > 0 {
			merged := *sh.props[name]
			merged.enum = unionStrings(have.enum, prop.enum)
			sh.props[name] = &merged
		}
	}
}

// loose returns a copy of sh that requires nothing at any depth: what a
// oneOf variant's objects require holds for that variant only (a SAML
// app's settings.app.authURL), not for the union of the variants.
func loose(sh *shape) *shape {
	c := *sh
	c.required = nil
	if sh.props != nil {
		c.props = make(map[string]*shape, len(sh.props))
		for k, v := range sh.props {
			c.props[k] = loose(v)
		}
	}
	if sh.items != nil {
		c.items = loose(sh.items)
	}
	return &c
}

// refinement reports whether sh only refines another definition (see
// shape.untyped).
func refinement(sh *shape) bool { return sh.untyped }

// writeOnlyPaths lists the paths of the write-only values under sh.
func writeOnlyPaths(sh *shape, prefix []string) [][]string {
	if sh == nil {
		return nil
	}
	if sh.writeOnly {
		return [][]string{append([]string(nil), prefix...)}
	}
	var out [][]string
	for _, name := range sortedKeys(sh.props) {
		out = append(out, writeOnlyPaths(sh.props[name], append(prefix, name))...)
	}
	return out
}

// requiredPaths lists the paths of the values a body of shape sh must
// have: its required properties that are not read-only and, inside each
// object property (levels deep at most), the ones that object requires
// whenever it is sent.
func requiredPaths(sh *shape, prefix []string, levels int) [][]string {
	if levels == 0 || sh == nil {
		return nil
	}
	var out [][]string
	for _, name := range sh.required {
		if p := sh.props[name]; p != nil && !p.readOnly {
			out = append(out, append(append([]string(nil), prefix...), name))
		}
	}
	for _, name := range sortedKeys(sh.props) {
		if p := sh.props[name]; p.kind == "object" && !p.readOnly {
			out = append(out, requiredPaths(p, append(append([]string(nil), prefix...), name), levels-1)...)
		}
	}
	return out
}

// intersectStrings returns the elements of a that are also in b.
func intersectStrings(a, b []string) []string {
	var out []string
	for _, s := range a {
		if contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

// readOnlyPaths lists the paths of the values under sh that a request
// must not carry (marked read-only), below its top level.
func readOnlyPaths(sh *shape, prefix []string) [][]string {
	if sh == nil {
		return nil
	}
	if sh.readOnly && len(prefix) > 1 {
		return [][]string{append([]string(nil), prefix...)}
	}
	var out [][]string
	for _, name := range sortedKeys(sh.props) {
		out = append(out, readOnlyPaths(sh.props[name], append(prefix, name))...)
	}
	return out
}

// unionStrings returns a then the elements of b not in a.
func unionStrings(a, b []string) []string {
	out := append([]string{}, a...)
	for _, s := range b {
		found := false
		for _, x := range a {
			found = found || x == s
		}
		if !found {
			out = append(out, s)
		}
	}
	return out
}

// kindOf returns the JSON kind a schema node declares, inferring object
// for composed or property-bearing schemas.
// annotated returns the one schema that s only annotates: Okta writes
// `allOf: [{$ref: LifecycleStatus}, {description: ...}]` to describe a
// reference, and the property is then that schema (a string enum), not an
// object. It returns nil for every other schema.
func annotated(s *schemaNode) *schemaNode {
	if s.Type != "" || len(s.Properties) > 0 || len(s.OneOf) > 0 || len(s.AnyOf) > 0 || s.Items != nil || s.AdditionalProperties != nil {
		return nil
	}
	var typed []*schemaNode
	for _, part := range s.AllOf {
		if part != nil && (part.Ref != "" || part.Type != "" || len(part.Properties) > 0 || len(part.AllOf) > 0 || len(part.OneOf) > 0 || len(part.AnyOf) > 0 || part.Items != nil) {
			typed = append(typed, part)
		}
	}
	if len(typed) != 1 {
		return nil
	}
	return typed[0]
}

func kindOf(s *schemaNode) string {
	switch s.Type {
	case "object", "array", "string", "boolean", "integer", "number":
		return s.Type
	}
	if s.Items != nil {
		return "array"
	}
	if len(s.Properties) > 0 || len(s.AllOf) > 0 || len(s.OneOf) > 0 || len(s.AnyOf) > 0 || s.AdditionalProperties != nil {
		return "object"
	}
	return "any"
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
