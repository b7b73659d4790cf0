// Package openapi builds oktasql's catalog from an Okta OpenAPI 3.0 document.
// The generator (internal/gencatalog) and the run-time --spec flag both go
// through Load, so a newer spec yields new tables without a new release.
package openapi

import (
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// ErrBadSpec reports a document that cannot be read as an OpenAPI 3 spec.
var ErrBadSpec = errors.New("openapi: bad spec")

// document is the subset of an OpenAPI 3.0 document the catalog needs.
// Example values are not decoded at all, so $ref strings inside examples
// (payload data in Okta's spec) are never taken for references.
type document struct {
	OpenAPI    string                   `yaml:"openapi"`
	Info       struct{ Version string } `yaml:"info"`
	Paths      map[string]*pathItem     `yaml:"paths"`
	Components struct {
		Schemas       map[string]*schemaNode  `yaml:"schemas"`
		Parameters    map[string]*parameter   `yaml:"parameters"`
		Responses     map[string]*response    `yaml:"responses"`
		RequestBodies map[string]*requestBody `yaml:"requestBodies"`
	} `yaml:"components"`
}

// lifecycle is Okta's x-okta-lifecycle extension.
type lifecycle struct {
	Lifecycle string `yaml:"lifecycle"`
}

// pathItem is one entry of paths.
type pathItem struct {
	Parameters []*parameter `yaml:"parameters"`
	Lifecycle  *lifecycle   `yaml:"x-okta-lifecycle"`
	Get        *operation   `yaml:"get"`
	Put        *operation   `yaml:"put"`
	Post       *operation   `yaml:"post"`
	Delete     *operation   `yaml:"delete"`
	Patch      *operation   `yaml:"patch"`
}

// operations returns the item's operations keyed by upper-case method.
func (p *pathItem) operations() map[string]*operation {
	ops := map[string]*operation{}
	for m, op := range map[string]*operation{"GET": p.Get, "PUT": p.Put, "POST": p.Post, "DELETE": p.Delete, "PATCH": p.Patch} {
		if op != nil {
			ops[m] = op
		}
	}
	return ops
}

// operation is one HTTP operation.
type operation struct {
	OperationID string                `yaml:"operationId"`
	Tags        []string              `yaml:"tags"`
	Parameters  []*parameter          `yaml:"parameters"`
	RequestBody *requestBody          `yaml:"requestBody"`
	Responses   map[string]*response  `yaml:"responses"`
	Security    []map[string][]string `yaml:"security"`
	Deprecated  bool                  `yaml:"deprecated"`
	Lifecycle   *lifecycle            `yaml:"x-okta-lifecycle"`
	// Servers, when set, moves the operation to another host.
	Servers []any `yaml:"servers"`
}

// parameter is a path, query or header parameter (or a $ref to one).
type parameter struct {
	Ref         string      `yaml:"$ref"`
	Name        string      `yaml:"name"`
	In          string      `yaml:"in"`
	Required    bool        `yaml:"required"`
	Description string      `yaml:"description"`
	Schema      *schemaNode `yaml:"schema"`
}

// mediaType is one content entry.
type mediaType struct {
	Schema *schemaNode `yaml:"schema"`
}

// requestBody is an operation's body (or a $ref to one).
type requestBody struct {
	Ref      string                `yaml:"$ref"`
	Required bool                  `yaml:"required"`
	Content  map[string]*mediaType `yaml:"content"`
}

// response is one response (or a $ref to one).
type response struct {
	Ref     string                `yaml:"$ref"`
	Content map[string]*mediaType `yaml:"content"`
}

// discriminator names the property selecting a oneOf variant.
type discriminator struct {
	PropertyName string            `yaml:"propertyName"`
	Mapping      map[string]string `yaml:"mapping"`
}

// schemaNode is a JSON schema object as written in the spec (or a $ref).
type schemaNode struct {
	Ref                  string                 `yaml:"$ref"`
	Type                 string                 `yaml:"type"`
	Format               string                 `yaml:"format"`
	Description          string                 `yaml:"description"`
	Properties           map[string]*schemaNode `yaml:"properties"`
	Items                *schemaNode            `yaml:"items"`
	AllOf                []*schemaNode          `yaml:"allOf"`
	OneOf                []*schemaNode          `yaml:"oneOf"`
	AnyOf                []*schemaNode          `yaml:"anyOf"`
	Discriminator        *discriminator         `yaml:"discriminator"`
	Enum                 []any                  `yaml:"enum"`
	Default              any                    `yaml:"default"`
	Maximum              *float64               `yaml:"maximum"`
	Minimum              *float64               `yaml:"minimum"`
	ReadOnly             bool                   `yaml:"readOnly"`
	WriteOnly            bool                   `yaml:"writeOnly"`
	Nullable             bool                   `yaml:"nullable"`
	AdditionalProperties any                    `yaml:"additionalProperties"`
	// Required lists the properties an object must have. It is decoded
	// loosely: a stray `required: true` in a schema means nothing.
	Required any `yaml:"required"`
}

// requiredNames returns the names s.Required lists.
func (s *schemaNode) requiredNames() []string {
	list, _ := s.Required.([]any)
	var out []string
	for _, v := range list {
		if name, ok := v.(string); ok {
			out = append(out, name)
		}
	}
	return out
}

// parseDocument decodes spec bytes (YAML or JSON) and checks the version.
func parseDocument(spec []byte) (*document, error) {
	var doc document
	if err := yaml.Unmarshal(spec, &doc); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadSpec, err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		return nil, fmt.Errorf("%w: openapi version %q, want 3.x", ErrBadSpec, doc.OpenAPI)
	}
	if len(doc.Paths) == 0 {
		return nil, fmt.Errorf("%w: no paths", ErrBadSpec)
	}
	return &doc, nil
}

// refName returns the last segment of a local reference, or an error when
// the reference does not point under prefix.
func refName(ref, prefix string) (string, error) {
	name, ok := strings.CutPrefix(ref, prefix)
	if !ok || name == "" || strings.Contains(name, "/") {
		return "", fmt.Errorf("%w: unsupported reference %q", ErrBadSpec, ref)
	}
	return name, nil
}

// schemaRef returns the schema a reference names.
func (d *document) schemaRef(ref string) (string, *schemaNode, error) {
	name, err := refName(ref, "#/components/schemas/")
	if err != nil {
		return "", nil, err
	}
	s, ok := d.Components.Schemas[name]
	if !ok || s == nil {
		return "", nil, fmt.Errorf("%w: reference %q names no schema", ErrBadSpec, ref)
	}
	return name, s, nil
}

// param resolves a parameter reference.
func (d *document) param(p *parameter) (*parameter, error) {
	if p == nil {
		return nil, fmt.Errorf("%w: empty parameter", ErrBadSpec)
	}
	if p.Ref == "" {
		return p, nil
	}
	name, err := refName(p.Ref, "#/components/parameters/")
	if err != nil {
		return nil, err
	}
	r, ok := d.Components.Parameters[name]
	if !ok || r == nil {
		return nil, fmt.Errorf("%w: reference %q names no parameter", ErrBadSpec, p.Ref)
	}
	return r, nil
}

// response resolves a response reference.
func (d *document) response(r *response) (*response, error) {
	if r == nil {
		return &response{}, nil
	}
	if r.Ref == "" {
		return r, nil
	}
	name, err := refName(r.Ref, "#/components/responses/")
	if err != nil {
		return nil, err
	}
	x, ok := d.Components.Responses[name]
	if !ok || x == nil {
		return nil, fmt.Errorf("%w: reference %q names no response", ErrBadSpec, r.Ref)
	}
	return x, nil
}

// requestBody resolves a request body reference.
func (d *document) requestBody(b *requestBody) (*requestBody, error) {
	if b.Ref == "" {
		return b, nil
	}
	name, err := refName(b.Ref, "#/components/requestBodies/")
	if err != nil {
		return nil, err
	}
	x, ok := d.Components.RequestBodies[name]
	if !ok || x == nil {
		return nil, fmt.Errorf("%w: reference %q names no request body", ErrBadSpec, b.Ref)
	}
	return x, nil
}
