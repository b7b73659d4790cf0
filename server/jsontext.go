package server

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/oktasql/oktasql/tables"
)

// varJSONAsText, when 1, sends JSON columns as LONGTEXT: MariaDB
// Connector/ODBC 3.1 knows no JSON column type ("ODBC SQL type 0 is not
// yet supported"), as MariaDB itself stores JSON as LONGTEXT. An ODBC DSN
// sets it with INITSTMT=SET oktasql_json_as_text=1.
const varJSONAsText = "oktasql_json_as_text"

// jsonTextRuleID is the rule that applies varJSONAsText.
const jsonTextRuleID analyzer.RuleId = 9012

func init() {
	analyzer.OnceAfterAll = append(analyzer.OnceAfterAll, analyzer.Rule{Id: jsonTextRuleID, Apply: jsonAsText})
}

// jsonAsText puts a projection over a query's result that turns its JSON
// columns into text of the same name, when the session asks for it.
func jsonAsText(ctx *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	if !tables.SessionBool(ctx, varJSONAsText) || types.IsOkResultSchema(n.Schema()) {
		return n, transform.SameTree, nil
	}
	sch := n.Schema()
	exprs := make([]sql.Expression, len(sch))
	changed := false
	for i, c := range sch {
		gf := expression.NewGetFieldWithTable(i, 0, c.Type, c.DatabaseSource, c.Source, c.Name, c.Nullable)
		if !types.IsJSON(c.Type) {
			exprs[i] = gf
			continue
		}
		exprs[i] = expression.NewAlias(c.Name, expression.NewConvert(gf, expression.ConvertToChar))
		changed = true
	}
	if !changed {
		return n, transform.SameTree, nil
	}
	return plan.NewProject(exprs, n), transform.NewTree, nil
}
