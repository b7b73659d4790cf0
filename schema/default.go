package schema

import (
	_ "embed" // catalog.json
	"sync"
)

//go:generate go run ../internal/gencatalog -spec ../../shared/okta/management-openapi.yaml -out catalog.json

// catalogJSON is the catalog generated from Okta's spec by
// internal/gencatalog (regenerate with `go generate ./schema`).
//
//go:embed catalog.json
var catalogJSON []byte

var (
	defaultOnce    sync.Once
	defaultCatalog *Catalog
)

// Default returns the catalog embedded in the binary, decoded once. It
// panics if the embedded file is corrupt, which TestDefault rules out at
// build time.
func Default() *Catalog {
	defaultOnce.Do(func() {
		c, err := Decode(catalogJSON)
		if err != nil {
			panic("schema: embedded catalog.json: " + err.Error())
		}
		defaultCatalog = c
	})
	return defaultCatalog
}

// EmbeddedJSON returns the embedded catalog.json as committed.
func EmbeddedJSON() []byte {
	return append([]byte(nil), catalogJSON...)
}
