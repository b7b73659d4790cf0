package server

import (
	"context"
	"errors"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"
)

// MySQL's ER_QUERY_TIMEOUT and ER_QUERY_INTERRUPTED.
const (
	erQueryTimeout     = 3024
	erQueryInterrupted = 1317
)

// toSQLError maps a statement's error to the MySQL error its client gets,
// once, at the server boundary: a statement stopped by its time limit
// (ctx's deadline) is MySQL's 3024, one the memory guard stopped 1041, one a KILL named (killed) or whose
// client went away 1317; go-mysql-server's errors keep their codes; any
// other error is 1105 with its message.
func toSQLError(ctx context.Context, err error, killed bool) *mysql.SQLError {
	var mem *MemoryBudgetError
	switch {
	case errors.As(context.Cause(ctx), &mem):
		return mysql.NewSQLError(erOutOfResources, "HY000", "%s", mem.Error())
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return mysql.NewSQLError(erQueryTimeout, "HY000", "Query execution was interrupted, maximum statement execution time exceeded")
	case killed || errors.Is(ctx.Err(), context.Canceled):
		return mysql.NewSQLError(erQueryInterrupted, "70100", "Query execution was interrupted")
	}
	return sql.CastSQLError(err)
}
