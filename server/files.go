package server

import (
	"fmt"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/mysql"
)

// A server that holds an org's credentials never reads or writes the
// host's files through SQL: MySQL's secure_file_priv = NULL. LOAD_FILE is
// NULL with a warning; SELECT ... INTO OUTFILE or DUMPFILE and LOAD DATA
// INFILE (the server's file; LOCAL reads the client's) fail with MySQL's
// error 1290.

// erOptionPreventsStatement is MySQL's ER_OPTION_PREVENTS_STATEMENT.
const erOptionPreventsStatement = 1290

// errNoFileAccess is the error of a statement that would touch the host's
// files.
var errNoFileAccess = mysql.NewSQLError(erOptionPreventsStatement, "HY000", "The MySQL server is running with the --secure-file-priv option so it cannot execute this statement (oktasql never reads or writes the host's files)")

// fileStatement returns errNoFileAccess for a node that reads or writes a
// file of the host.
func fileStatement(n sql.Node) error {
	switch n := n.(type) {
	case *plan.Into:
		if n.Outfile != "" || n.Dumpfile != "" {
			return errNoFileAccess
		}
	case *plan.LoadData:
		if !n.Local {
			return errNoFileAccess
		}
	}
	return nil
}

// loadFile is LOAD_FILE(name) as MySQL runs it with secure_file_priv =
// NULL: always NULL, with a warning saying why.
type loadFile struct{ name sql.Expression }

var _ sql.FunctionExpression = (*loadFile)(nil)

func newLoadFile(name sql.Expression) sql.Expression { return &loadFile{name: name} }

// FunctionName implements sql.FunctionExpression.
func (*loadFile) FunctionName() string { return "load_file" }

// Description implements sql.FunctionExpression.
func (*loadFile) Description() string {
	return "returns NULL: oktasql never reads the host's files"
}

// Resolved implements sql.Expression.
func (l *loadFile) Resolved() bool { return l.name.Resolved() }

// String implements sql.Expression.
func (l *loadFile) String() string { return fmt.Sprintf("LOAD_FILE(%s)", l.name) }

// Type implements sql.Expression.
func (*loadFile) Type() sql.Type { return types.LongBlob }

// IsNullable implements sql.Expression.
func (*loadFile) IsNullable() bool { return true }

// Eval implements sql.Expression.
func (*loadFile) Eval(ctx *sql.Context, _ sql.Row) (any, error) {
	ctx.Warn(erOptionPreventsStatement, "LOAD_FILE is NULL: oktasql never reads the host's files (secure_file_priv)")
	return nil, nil
}

// Children implements sql.Expression.
func (l *loadFile) Children() []sql.Expression { return []sql.Expression{l.name} }

// WithChildren implements sql.Expression.
func (l *loadFile) WithChildren(children ...sql.Expression) (sql.Expression, error) {
	if len(children) != 1 {
		return nil, sql.ErrInvalidChildrenNumber.New(l, len(children), 1)
	}
	return &loadFile{name: children[0]}, nil
}
