package server

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/vitess/go/mysql"
)

// errAccountsFixed is the error of a statement that would change the
// accounts: they are the operator's (--user), so a client cannot add one
// without a password, or grant itself more, on a server that requires
// passwords.
var errAccountsFixed = mysql.NewSQLError(erOptionPreventsStatement, "HY000", "The MySQL server is running with fixed accounts so it cannot execute this statement (oktasql's accounts are set with --user when it starts)")

// accountStatement returns errAccountsFixed for a node that changes
// accounts, roles or privileges.
func accountStatement(n sql.Node) error {
	switch n.(type) {
	case *plan.CreateUser, *plan.AlterUser, *plan.DropUser, *plan.RenameUser,
		*plan.CreateRole, *plan.DropRole,
		*plan.Grant, *plan.GrantRole, *plan.GrantProxy,
		*plan.Revoke, *plan.RevokeAll, *plan.RevokeRole, *plan.RevokeProxy:
		return errAccountsFixed
	}
	return nil
}
