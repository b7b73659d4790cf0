package tables

import (
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
)

// Provider serves one database per configured org, and their procedures.
type Provider struct {
	dbs   map[string]*Database
	names []string
}

var _ sql.DatabaseProvider = (*Provider)(nil)

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
