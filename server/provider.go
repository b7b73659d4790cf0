package server

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/oktasql/oktasql/tables"
)

// provider is the engine's database provider: the orgs' databases and
// their procedures (tables.Provider), performance_schema and the mysql
// database, and oktasql's versions of built-in functions.
type provider struct {
	*tables.Provider
	perf *perfSchema
	// system is the mysql database, listed so information_schema.SCHEMATA
	// names it as SHOW DATABASES does (go-mysql-server serves it itself).
	system sql.Database
}

var (
	_ sql.DatabaseProvider                = (*provider)(nil)
	_ sql.FunctionProvider                = (*provider)(nil)
	_ sql.ExternalStoredProcedureProvider = (*provider)(nil)
)

// functions replace go-mysql-server's built-in functions of the same
// name (the catalog asks the provider first).
var functions = map[string]sql.Function{
	"load_file":      sql.Function1{Name: "load_file", Fn: newLoadFile},
	"regexp_like":    regexpFunction(reLike),
	"regexp_instr":   regexpFunction(reInstr),
	"regexp_substr":  regexpFunction(reSubstr),
	"regexp_replace": regexpFunction(reReplace),
}

func init() {
	for _, f := range boundedFunctions {
		functions[f.Name] = f
	}
	functions[assignFunction] = assign
}

// newProvider returns the engine's provider for the given orgs.
func newProvider(orgs ...*tables.Org) *provider {
	return &provider{Provider: tables.NewProvider(orgs...), perf: newPerfSchema()}
}

// Function returns oktasql's version of a built-in function, if any.
func (p *provider) Function(_ *sql.Context, name string) (sql.Function, bool) {
	f, ok := functions[strings.ToLower(name)]
	return f, ok
}

// Database returns the org database named name, or performance_schema.
func (p *provider) Database(ctx *sql.Context, name string) (sql.Database, error) {
	if p.Provider.HasDatabase(ctx, name) {
		return p.Provider.Database(ctx, name)
	}
	if strings.EqualFold(name, perfSchemaName) {
		return p.perf, nil
	}
	return nil, sql.ErrDatabaseNotFound.New(name)
}

// HasDatabase reports whether an org database, or performance_schema, is
// named name.
func (p *provider) HasDatabase(ctx *sql.Context, name string) bool {
	return p.Provider.HasDatabase(ctx, name) || strings.EqualFold(name, perfSchemaName)
}

// AllDatabases lists the org databases by name, then performance_schema
// and mysql.
func (p *provider) AllDatabases(ctx *sql.Context) []sql.Database {
	out := append(p.Provider.AllDatabases(ctx), p.perf)
	if p.system != nil {
		out = append(out, p.system)
	}
	return out
}
