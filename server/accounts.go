package server

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/vitess/go/mysql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// MySQL's error codes for a privilege the account lacks.
const (
	erKillDenied           = 1095 // ER_KILL_DENIED_ERROR
	erSpecificAccessDenied = 1227 // ER_SPECIFIC_ACCESS_DENIED_ERROR
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

// errNotAdmin is the error of a SET GLOBAL from an account that is not an
// admin (User.Admin), MySQL's for an account without SUPER.
var errNotAdmin = mysql.NewSQLError(erSpecificAccessDenied, "42000", "Access denied; you need (at least one of) the SUPER or SYSTEM_VARIABLES_ADMIN privilege(s) for this operation")

// adminStatement refuses, to an account that is not an admin, what MySQL
// refuses to one without SUPER: a SET of a global variable, which would
// change every session's, and a KILL of another account's connection.
// admin reports whether the statement's account is an admin.
func adminStatement(ctx *sql.Context, n sql.Node, admin func(*sql.Context) bool) error {
	switch n := n.(type) {
	case *plan.Set:
		for _, e := range n.Exprs {
			sf, ok := e.(*expression.SetField)
			if !ok {
				continue
			}
			if v, ok := sf.LeftChild.(*expression.SystemVar); ok && !v.Scope.IsSessionOnly() && !admin(ctx) {
				return errNotAdmin
			}
		}
	case *plan.Kill:
		user := ctx.Session.Client().User
		for _, p := range ctx.ProcessList.Processes() {
			if p.Connection == n.ConnID && p.User != user && !admin(ctx) {
				return mysql.NewSQLError(erKillDenied, "HY000", "You are not owner of thread %d", n.ConnID)
			}
		}
	}
	return nil
}

// killAuthorization is go-mysql-server's privilege check, except that it
// lets every KILL through to adminStatement: go-mysql-server asks SUPER
// for any KILL, where MySQL lets an account kill its own connections' statements
// (the mariadb client's Ctrl-C does so from a second connection). KILL is
// the only statement of the parser that asks for SUPER.
type killAuthorization struct{ sql.AuthorizationHandler }

// HandleAuth checks auth, but SUPER.
func (h killAuthorization) HandleAuth(ctx *sql.Context, state sql.AuthorizationQueryState, auth ast.AuthInformation) error {
	if auth.AuthType == ast.AuthType_SUPER {
		return nil
	}
	return h.AuthorizationHandler.HandleAuth(ctx, state, auth)
}
