package tables

import (
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
)

// Provider serves one database per configured org.
type Provider struct {
	dbs   map[string]*Database
	names []string
	perf  *perfSchema
	// system is the mysql database, listed so information_schema.SCHEMATA
	// names it as SHOW DATABASES does (go-mysql-server serves it itself).
	system sql.Database
}

var (
	_ sql.DatabaseProvider = (*Provider)(nil)
	_ sql.FunctionProvider = (*Provider)(nil)
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

// Function returns oktasql's version of a built-in function, if any.
func (p *Provider) Function(_ *sql.Context, name string) (sql.Function, bool) {
	f, ok := functions[strings.ToLower(name)]
	return f, ok
}

// NewProvider returns a provider for the given orgs.
func NewProvider(orgs ...*Org) *Provider {
	p := &Provider{dbs: map[string]*Database{}, perf: newPerfSchema()}
	for _, o := range orgs {
		key := strings.ToLower(o.Name)
		p.dbs[key] = NewDatabase(o)
		p.names = append(p.names, key)
	}
	sort.Strings(p.names)
	return p
}

// Database returns the org database named name, or performance_schema.
func (p *Provider) Database(_ *sql.Context, name string) (sql.Database, error) {
	if db, ok := p.dbs[strings.ToLower(name)]; ok {
		return db, nil
	}
	if strings.EqualFold(name, perfSchemaName) {
		return p.perf, nil
	}
	return nil, sql.ErrDatabaseNotFound.New(name)
}

// HasDatabase reports whether an org database, or performance_schema, is
// named name.
func (p *Provider) HasDatabase(_ *sql.Context, name string) bool {
	_, ok := p.dbs[strings.ToLower(name)]
	return ok || strings.EqualFold(name, perfSchemaName)
}

// AllDatabases lists the org databases by name, then performance_schema
// and mysql.
func (p *Provider) AllDatabases(*sql.Context) []sql.Database {
	out := make([]sql.Database, len(p.names), len(p.names)+2)
	for i, n := range p.names {
		out[i] = p.dbs[n]
	}
	out = append(out, p.perf)
	if p.system != nil {
		out = append(out, p.system)
	}
	return out
}
