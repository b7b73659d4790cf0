package server

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
)

// helpTablesRuleID is the analyzer rule that reads mysql's help tables as
// empty tables.
const helpTablesRuleID analyzer.RuleId = 9010

func init() {
	analyzer.OnceBeforeDefault = append(analyzer.OnceBeforeDefault, analyzer.Rule{Id: helpTablesRuleID, Apply: emptyHelpTables})
}

// helpTables are the tables of mysql's server-side help, which
// go-mysql-server declares but reads as one row of no columns (an error
// for any query; mycli's completion reads help_topic when it starts).
var helpTables = map[string]bool{"help_topic": true, "help_keyword": true, "help_category": true, "help_relation": true}

// emptyHelpTables replaces each read of a mysql help table with an empty
// table of its schema: oktasql has no server-side help.
func emptyHelpTables(_ *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		rt, ok := n.(*plan.ResolvedTable)
		if !ok || rt.Database() == nil || !strings.EqualFold(rt.Database().Name(), "mysql") || !helpTables[strings.ToLower(rt.Name())] {
			return n, transform.SameTree, nil
		}
		return plan.NewEmptyTableWithSchema(rt.Schema()), transform.NewTree, nil
	})
}
