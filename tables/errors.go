package tables

import (
	"context"
	"errors"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"
)

// erQueryTimeout is MySQL's ER_QUERY_TIMEOUT.
const erQueryTimeout = 3024

// toSQLError maps a statement's error to the MySQL error its client gets,
// once, at the server boundary: a statement stopped by its time limit
// (ctx's deadline) is MySQL's 3024; go-mysql-server's errors keep their
// codes; any other error is 1105 with its message.
func toSQLError(ctx context.Context, err error) *mysql.SQLError {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return mysql.NewSQLError(erQueryTimeout, "HY000", "Query execution was interrupted, maximum statement execution time exceeded")
	}
	return sql.CastSQLError(err)
}
