package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/oktasql/oktasql/schema"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "spec.yaml")
	out := filepath.Join(dir, "catalog.json")
	doc := `openapi: 3.0.3
info: {version: v1}
paths:
  /api/v1/users:
    get:
      operationId: listUsers
      responses:
        '200':
          content:
            application/json:
              schema:
                type: array
                items: {type: object, properties: {id: {type: string, description: The id.}}}
`
	if err := os.WriteFile(spec, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("writes the catalog", func(t *testing.T) {
		if err := run(spec, out); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		c, err := schema.Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		if c.Table("users") == nil || c.Table("users").Column("id").Comment != "" {
			t.Errorf("generated catalog: %s", data)
		}
	})
	t.Run("missing spec", func(t *testing.T) {
		if err := run(filepath.Join(dir, "nope.yaml"), out); err == nil {
			t.Error("run accepted a missing spec")
		}
	})
}
