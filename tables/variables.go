package tables

import "github.com/dolthub/go-mysql-server/sql"

// Session variables that steer reads and writes of Okta's tables; the
// server declares them and sets their defaults. sql_safe_updates is
// MySQL's own and is on by default in oktasql.
const (
	// VarSafeUpdates, when 1, refuses an UPDATE or DELETE that would read
	// a whole table (CheckSafeUpdates).
	VarSafeUpdates = "sql_safe_updates"
	// VarDryRun, when 1, makes writes and procedures report the calls
	// they would make instead of making them (oktasql_dry_run).
	VarDryRun = "oktasql_dry_run"
	// VarMaxAffectedRows is the most rows one write may change.
	VarMaxAffectedRows = "oktasql_max_affected_rows"
	// VarContinueOnError, when 1, lets a write go on with its other rows
	// after a row's call failed.
	VarContinueOnError = "oktasql_continue_on_error"
	// VarDeactivateBeforeDelete, when 1, has a DELETE of an ACTIVE
	// resource that Okta deletes only once inactive deactivate it first.
	VarDeactivateBeforeDelete = "oktasql_deactivate_before_delete"
	// VarLastID is the id of the last object the session's INSERT
	// created.
	VarLastID = "oktasql_last_id"
	// VarPushdown, when 0, reads every table plain: only key columns
	// (path and required parameters) go to Okta, nothing is narrowed,
	// sorted or limited server-side. It is the oracle of the differential
	// tests and a check for users who doubt an answer.
	VarPushdown = "oktasql_pushdown"
	// VarParallelScan splits full reads of users and groups into that
	// many searches on created, read at once (0 or 1: one read).
	VarParallelScan = "oktasql_parallel_scan"
)

// SessionBool reads a boolean session variable; unknown reads as false.
func SessionBool(ctx *sql.Context, name string) bool {
	v, err := ctx.Session.GetSessionVariable(ctx, name)
	if err != nil {
		return false
	}
	switch v := v.(type) {
	case int8:
		return v != 0
	case int64:
		return v != 0
	case bool:
		return v
	}
	return false
}

// SessionInt reads an integer session variable.
func SessionInt(ctx *sql.Context, name string) int64 {
	return SessionVarInt(ctx.Session, name)
}

// SessionVarInt reads an integer variable of sess, outside a statement
// (a session's variables need no statement context).
func SessionVarInt(sess sql.Session, name string) int64 {
	v, err := sess.GetSessionVariable(nil, name)
	if err != nil {
		return 0
	}
	return toInt64(v)
}

// GlobalBool reads a boolean global variable; unknown reads as false.
func GlobalBool(name string) bool {
	_, v, ok := sql.SystemVariables.GetGlobal(name)
	return ok && toInt64(v) != 0
}

// toInt64 converts a system variable's integer or boolean value.
func toInt64(v any) int64 {
	switch v := v.(type) {
	case int64:
		return v
	case int8:
		return int64(v)
	case int32:
		return int64(v)
	case uint64:
		return int64(v)
	case bool:
		if v {
			return 1
		}
	}
	return 0
}
