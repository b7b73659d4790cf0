package server

import (
	"strings"

	"github.com/oktasql/oktasql/schema"
)

// Catalog returns the catalog of database db as the engine serves it (the
// org's custom attributes included), nil when there is no such database.
func (e *Engine) Catalog(db string) *schema.Catalog {
	if o, ok := e.orgs[strings.ToLower(db)]; ok {
		return o.Catalog
	}
	return nil
}
