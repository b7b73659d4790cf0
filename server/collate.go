package server

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// checkCollates fails a statement that applies COLLATE to a value that is
// not a string, or names a collation of another character set, as MySQL
// does before it reads a row. go-mysql-server raises these errors only
// when it evaluates the expression, so the same statement failed or
// answered depending on whether a row reached it: with rows to check it
// failed, with none (Okta's answer narrowed to nothing) it answered.
func checkCollates(ctx *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	var err error
	transform.InspectExpressions(n, func(e sql.Expression) bool {
		sql.Inspect(e, func(e sql.Expression) bool {
			ce, ok := e.(*expression.CollatedExpression)
			if !ok || err != nil || !ce.Child().Resolved() {
				return err == nil
			}
			typ := ce.Child().Type()
			if !types.IsText(typ) {
				err = sql.ErrCollatedExprWrongType.New()
				return false
			}
			coll, _ := ce.CollationCoercibility(ctx)
			if cs := typ.(sql.TypeWithCollation).Collation().CharacterSet(); coll.CharacterSet() != cs {
				err = sql.ErrCollationInvalidForCharSet.New(coll.Name(), cs.Name())
			}
			return err == nil
		})
		return err == nil
	})
	return n, transform.SameTree, err
}
