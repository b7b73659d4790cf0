package server

import (
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"

	"github.com/oktasql/oktasql/tables"
)

// systemDatabase is the mysql database as the provider lists it: its
// tables, with no views, triggers, procedures or events, which
// information_schema asks every listed database for.
type systemDatabase struct {
	sql.Database
	tables.DefinitionsRefused
}

// showDatabases lists the databases once each: go-mysql-server adds mysql
// to the catalog's databases, which already name it (provider.system).
func showDatabases(ctx *sql.Context, n *plan.ShowDatabases) (sql.RowIter, error) {
	seen := map[string]bool{}
	var rows []sql.Row
	for _, db := range n.Catalog.AllDatabases(ctx) {
		if name := db.Name(); !seen[strings.ToLower(name)] {
			seen[strings.ToLower(name)] = true
			rows = append(rows, sql.Row{name})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i][0].(string) < rows[j][0].(string) })
	return sql.RowsToRowIter(rows...), nil
}
