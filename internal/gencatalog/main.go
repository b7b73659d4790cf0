// Command gencatalog regenerates schema/catalog.json from Okta's OpenAPI
// spec: go generate ./schema (or go run ./internal/gencatalog from the
// repository root with the defaults).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/oktasql/oktasql/schema/openapi"
)

func main() {
	spec := flag.String("spec", "../shared/okta/management-openapi.yaml", "OpenAPI spec to read")
	out := flag.String("out", "schema/catalog.json", "catalog file to write")
	flag.Parse()
	if err := run(*spec, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gencatalog:", err)
		os.Exit(1)
	}
}

// run reads the spec at specPath and writes the generated catalog to out.
func run(specPath, out string) error {
	spec, err := os.ReadFile(specPath)
	if err != nil {
		return err
	}
	data, err := openapi.Generate(spec)
	if err != nil {
		return fmt.Errorf("%s: %w", specPath, err)
	}
	return os.WriteFile(out, data, 0o644)
}
