// Command genexamples extracts the 2xx response examples of the GET
// operations of Okta's OpenAPI spec into emulator/examples.json, which
// seeds the emulator's generic store: go generate ./emulator.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/oktasql/oktasql/emulator/internal/examples"
)

func main() {
	spec := flag.String("spec", "../shared/okta/management-openapi.yaml", "Okta management OpenAPI spec")
	out := flag.String("out", "emulator/examples.json", "where to write the examples")
	flag.Parse()
	b, err := os.ReadFile(*spec)
	if err == nil {
		b, err = examples.Extract(b)
	}
	if err == nil {
		err = os.WriteFile(*out, b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genexamples:", err)
		os.Exit(1)
	}
}
