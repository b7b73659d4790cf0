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
}

// Function returns oktasql's version of a built-in function, if any.
func (p *Provider) Function(_ *sql.Context, name string) (sql.Function, bool) {
	f, ok := functions[strings.ToLower(name)]
	return f, ok
}

// NewProvider returns a provider for the given orgs.
func NewProvider(orgs ...*Org) *Provider {
	p := &Provider{dbs: map[string]*Database{}}
	for _, o := range orgs {
		key := strings.ToLower(o.Name)
		p.dbs[key] = NewDatabase(o)
		p.names = append(p.names, key)
	}
	sort.Strings(p.names)
	return p
}

// Database returns the org database named name.
func (p *Provider) Database(_ *sql.Context, name string) (sql.Database, error) {
	if db, ok := p.dbs[strings.ToLower(name)]; ok {
		return db, nil
	}
	return nil, sql.ErrDatabaseNotFound.New(name)
}

// HasDatabase reports whether an org database is named name.
func (p *Provider) HasDatabase(_ *sql.Context, name string) bool {
	_, ok := p.dbs[strings.ToLower(name)]
	return ok
}

// AllDatabases lists the org databases by name.
func (p *Provider) AllDatabases(*sql.Context) []sql.Database {
	out := make([]sql.Database, len(p.names))
	for i, n := range p.names {
		out[i] = p.dbs[n]
	}
	return out
}
