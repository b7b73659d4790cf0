package openapi

import (
	"errors"
	"strings"
	"testing"

	"github.com/oktasql/oktasql/schema"
)

// miniSpec wraps paths and schemas into a minimal OpenAPI document.
func miniSpec(paths, schemas string) []byte {
	return []byte("openapi: 3.0.3\ninfo:\n  version: test\npaths:\n" + paths + "components:\n  schemas:\n" + schemas)
}

// listPath declares GET path returning an array of the named schema.
func listPath(path, id, item string) string {
	return "  " + path + ":\n    get:\n      operationId: " + id + "\n      responses:\n        '200':\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  $ref: '#/components/schemas/" + item + "'\n"
}

func TestLoadShapes(t *testing.T) {
	tests := []struct {
		name    string
		spec    []byte
		table   string
		columns map[string]schema.ColumnType // column -> type it must have
		absent  []string
		check   func(t *testing.T, tb *schema.Table)
	}{
		{
			name: "allOf annotating a reference",
			spec: miniSpec(listPath("/api/v1/things", "listThings", "Thing"), `
    Status:
      type: string
      enum: [ACTIVE, INACTIVE]
    Thing:
      type: object
      properties:
        id: {type: string}
        status:
          allOf:
            - $ref: '#/components/schemas/Status'
            - description: Whether the thing is active.
`),
			table:   "things",
			columns: map[string]schema.ColumnType{"id": schema.TypeString, "status": schema.TypeString},
			check: func(t *testing.T, tb *schema.Table) {
				if c := tb.Column("status"); strings.Join(c.Enum, ",") != "ACTIVE,INACTIVE" {
					t.Errorf("status enum = %v, want the referenced schema's", c.Enum)
				}
			},
		},
		{
			name: "allOf inheritance",
			spec: miniSpec(listPath("/api/v1/things", "listThings", "Child"), `
    Base:
      type: object
      properties:
        id: {type: string}
        created: {type: string, format: date-time}
    Child:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          properties:
            count: {type: integer, description: How many.}
            profile:
              type: object
              properties:
                firstName: {type: string}
                nested: {type: object}
`),
			table:   "things",
			columns: map[string]schema.ColumnType{"id": schema.TypeString, "created": schema.TypeDatetime, "count": schema.TypeInteger, "profile": schema.TypeJSON, "profile_first_name": schema.TypeString},
			absent:  []string{"profile_nested"},
			check: func(t *testing.T, tb *schema.Table) {
				if got := strings.Join(tb.PrimaryKey, ","); got != "id" {
					t.Errorf("primary key = %q, want id", got)
				}
				if c := tb.Column("profile_first_name"); strings.Join(c.Path, ".") != "profile.firstName" {
					t.Errorf("profile_first_name path = %v", c.Path)
				}
				if c := tb.Column("count"); c.Comment != "How many." {
					t.Errorf("count comment = %q, want the spec's description", c.Comment)
				}
			},
		},
		{
			name: "discriminated oneOf is the union of its variants",
			spec: miniSpec(`  /api/v1/apps:
    get:
      operationId: listApps
      responses:
        '200':
          content:
            application/json:
              schema:
                type: array
                items:
                  oneOf:
                    - $ref: '#/components/schemas/BookmarkApp'
                    - $ref: '#/components/schemas/SamlApp'
                  discriminator:
                    propertyName: signOnMode
                    mapping:
                      BOOKMARK: '#/components/schemas/BookmarkApp'
                      SAML_2_0: '#/components/schemas/SamlApp'
`, `
    App:
      type: object
      properties:
        id: {type: string}
        signOnMode: {type: string, enum: [BOOKMARK, SAML_2_0]}
    BookmarkApp:
      allOf:
        - $ref: '#/components/schemas/App'
        - type: object
          properties:
            url: {type: string}
    SamlApp:
      allOf:
        - $ref: '#/components/schemas/App'
        - type: object
          properties:
            audience: {type: string}
`),
			table:   "apps",
			columns: map[string]schema.ColumnType{"id": schema.TypeString, "sign_on_mode": schema.TypeString, "url": schema.TypeString, "audience": schema.TypeString},
			check: func(t *testing.T, tb *schema.Table) {
				if tb.Resource != "App" {
					t.Errorf("resource = %q, want the variants' base App", tb.Resource)
				}
			},
		},
		{
			name: "envelope list response",
			spec: miniSpec(`  /api/v1/iam/roles:
    get:
      operationId: listRoles
      parameters:
        - {name: after, in: query, schema: {type: string}}
      responses:
        '200':
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Roles'
`, `
    Roles:
      type: object
      properties:
        roles:
          type: array
          items: {$ref: '#/components/schemas/Role'}
        _links: {type: object, properties: {next: {type: object}}}
    Role:
      type: object
      properties:
        id: {type: string}
        label: {type: string}
`),
			table:   "roles",
			columns: map[string]schema.ColumnType{"id": schema.TypeString, "label": schema.TypeString},
			check: func(t *testing.T, tb *schema.Table) {
				if tb.Envelope != "roles" || tb.Pagination != schema.PaginationBody {
					t.Errorf("envelope %q pagination %q, want roles, body", tb.Envelope, tb.Pagination)
				}
			},
		},
		{
			name: "path-level parameters merged with operation parameters",
			spec: miniSpec(`  /api/v1/users/{id}/groups:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      - {name: limit, in: query, schema: {type: integer, default: 20}}
    get:
      operationId: listUserGroups
      parameters:
        - {name: limit, in: query, schema: {type: integer, default: 50, maximum: 100}}
        - {name: expand, in: query, schema: {type: string}}
      responses:
        '200':
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '#/components/schemas/Group'}
`, `
    Group:
      type: object
      properties:
        id: {type: string}
`),
			table:   "user_groups",
			columns: map[string]schema.ColumnType{"user_id": schema.TypeString, "id": schema.TypeString},
			check: func(t *testing.T, tb *schema.Table) {
				var names []string
				for _, p := range tb.List.Params {
					names = append(names, p.In+":"+p.Name+"="+p.Default)
				}
				if got := strings.Join(names, ","); got != "path:id=,query:limit=50,query:expand=" {
					t.Errorf("params = %s", got)
				}
				if tb.PageLimit.Max != 100 || tb.Keys[0].Column != "user_id" || tb.Columns[0].Name != "user_id" {
					t.Errorf("page limit %+v keys %+v", tb.PageLimit, tb.Keys)
				}
				if got := strings.Join(tb.PrimaryKey, ","); got != "user_id,id" {
					t.Errorf("primary key = %s", got)
				}
			},
		},
		{
			name: "self-referencing schema",
			spec: miniSpec(listPath("/api/v1/nodes", "listNodes", "Node"), `
    Node:
      type: object
      properties:
        id: {type: string}
        parent: {$ref: '#/components/schemas/Node'}
        children:
          type: array
          items: {$ref: '#/components/schemas/Node'}
`),
			table:   "nodes",
			columns: map[string]schema.ColumnType{"id": schema.TypeString, "parent": schema.TypeJSON, "children": schema.TypeJSON},
			// The repeated reference stops expansion: parent stays JSON.
			absent: []string{"parent_id"},
		},
		{
			name: "refs inside examples are data",
			spec: miniSpec(`  /api/v1/schemas:
    get:
      operationId: listSchemas
      responses:
        '200':
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '#/components/schemas/Doc'}
              example:
                - definitions: {$ref: '#/definitions/base'}
`, `
    Doc:
      type: object
      example: {allOf: [{$ref: '#/definitions/missing'}]}
      properties:
        id: {type: string}
        _links: {type: object}
`),
			table:   "schemas",
			columns: map[string]schema.ColumnType{"id": schema.TypeString, "links": schema.TypeJSON},
			check: func(t *testing.T, tb *schema.Table) {
				if !tb.Column("links").Hidden {
					t.Error("links is not hidden")
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			tb := c.Table(tt.table)
			if tb == nil {
				t.Fatalf("no table %s in %d tables", tt.table, len(c.Tables))
			}
			for name, typ := range tt.columns {
				col := tb.Column(name)
				if col == nil {
					t.Errorf("no column %s", name)
					continue
				}
				if col.Type != typ {
					t.Errorf("column %s type %s, want %s", name, col.Type, typ)
				}
			}
			for _, name := range tt.absent {
				if tb.Column(name) != nil {
					t.Errorf("unexpected column %s", name)
				}
			}
			if tt.check != nil {
				tt.check(t, tb)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		spec string
	}{
		{"not yaml", "{{{"},
		{"swagger 2", "swagger: '2.0'\npaths: {}"},
		{"no paths", "openapi: 3.0.3\npaths: {}"},
		{"dangling ref", string(miniSpec(listPath("/api/v1/x", "listX", "Missing"), "    Other: {type: object}\n"))},
		{"no operationId", "openapi: 3.0.3\npaths:\n  /x:\n    get:\n      responses: {}\n"},
		{"duplicate operationId", "openapi: 3.0.3\npaths:\n  /x:\n    get: {operationId: a}\n  /y:\n    get: {operationId: a}\n"},
		{"external ref", string(miniSpec("  /x:\n    get:\n      operationId: a\n      parameters:\n        - $ref: 'other.yaml#/p'\n", "    A: {type: object}\n"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load([]byte(tt.spec))
			if !errors.Is(err, ErrBadSpec) {
				t.Fatalf("Load error = %v, want ErrBadSpec", err)
			}
		})
	}
}

// FuzzLoad checks that no document makes Load panic.
func FuzzLoad(f *testing.F) {
	f.Add(string(miniSpec(listPath("/api/v1/things", "listThings", "T"), "    T: {type: object, properties: {id: {type: string}}}\n")))
	f.Add("openapi: 3.0.3\npaths:\n  /:\n    get:\n      operationId: a\n      responses: {'200': {content: {application/json: {schema: {type: array}}}}}\n")
	f.Add("openapi: 3.0.0\npaths:\n  /a/{b}/c:\n    post: {operationId: x, requestBody: {content: {text/plain: {}}}}\n")
	f.Fuzz(func(t *testing.T, spec string) {
		c, err := Load([]byte(spec))
		if err == nil && c == nil {
			t.Fatal("nil catalog without error")
		}
	})
}
