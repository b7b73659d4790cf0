package tables

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// Session variables that steer writes. sql_safe_updates is MySQL's own and
// is on by default in oktasql.
const (
	varSafeUpdates            = "sql_safe_updates"
	varForeignKeyChecks       = "foreign_key_checks"
	varDryRun                 = "oktasql_dry_run"
	varMaxAffectedRows        = "oktasql_max_affected_rows"
	varContinueOnError        = "oktasql_continue_on_error"
	varDeactivateBeforeDelete = "oktasql_deactivate_before_delete"
	varLastID                 = "oktasql_last_id"
	// varPushdown, when 0, reads every table plain: only key columns
	// (path and required parameters) go to Okta, nothing is narrowed,
	// sorted or limited server-side. It is the oracle of the differential
	// tests and a check for users who doubt an answer.
	varPushdown = "oktasql_pushdown"
	// varParallelScan splits full reads of users and groups into that
	// many searches on created, read at once (0 or 1: one read).
	varParallelScan = "oktasql_parallel_scan"
)

// maxParallelScan bounds oktasql_parallel_scan.
const maxParallelScan = 16

func boolVar(name string) *sql.MysqlSystemVariable {
	return &sql.MysqlSystemVariable{
		Name:    name,
		Scope:   sql.GetMysqlScope(sql.SystemVariableScope_Both),
		Dynamic: true,
		Type:    types.NewSystemBoolType(name),
		Default: int8(0),
	}
}

func int8Bool(b bool) int8 {
	if b {
		return 1
	}
	return 0
}

// registerSessionVars adds oktasql's variables and sets defaults: safe
// updates on, dry run and pushdown as configured, at most
// opts.MaxAffectedRows rows per write.
//
// max_allowed_packet, which bounds string results (boundedString), is at
// most MySQL's default of 64 MB.
//
// What the operator configures is a lock or a ceiling, for every session
// and for SET GLOBAL alike: with opts.DryRun, oktasql_dry_run takes only
// 1 (on); oktasql_max_affected_rows takes 1 to opts.MaxAffectedRows, so a
// session may tighten it but never lift it.
func registerSessionVars(opts Options) error {
	dryRun := boolVar(varDryRun)
	if opts.DryRun {
		// Locked on: a session may set it to 1 (as the MCP server does
		// before every write), never to 0.
		dryRun.Type, dryRun.Default = types.NewSystemIntType(varDryRun, 1, 1, false), int64(1)
	}
	sql.SystemVariables.AddSystemVariables([]sql.SystemVariable{
		warningCountVariable(),
		dryRun,
		boolVar(varJSONAsText),
		boolVar(varPushdown),
		boolVar(varContinueOnError),
		boolVar(varDeactivateBeforeDelete),
		&sql.MysqlSystemVariable{
			Name:    varMaxAffectedRows,
			Scope:   sql.GetMysqlScope(sql.SystemVariableScope_Both),
			Dynamic: true,
			Type:    types.NewSystemIntType(varMaxAffectedRows, 1, opts.MaxAffectedRows, false),
			Default: opts.MaxAffectedRows,
		},
		&sql.MysqlSystemVariable{
			Name:    varParallelScan,
			Scope:   sql.GetMysqlScope(sql.SystemVariableScope_Both),
			Dynamic: true,
			Type:    types.NewSystemIntType(varParallelScan, 0, maxParallelScan, false),
			Default: int64(0),
		},
		&sql.MysqlSystemVariable{
			Name:    "max_allowed_packet",
			Scope:   sql.GetMysqlScope(sql.SystemVariableScope_Both),
			Dynamic: true,
			Type:    types.NewSystemUintType("max_allowed_packet", 1024, maxAllowedPacket),
			Default: uint64(maxAllowedPacket),
		},
		&sql.MysqlSystemVariable{
			Name:    varLastID,
			Scope:   sql.GetMysqlScope(sql.SystemVariableScope_Session),
			Dynamic: true,
			Type:    types.NewSystemStringType(varLastID),
			Default: "",
		},
	})
	return sql.SystemVariables.AssignValues(map[string]interface{}{
		varSafeUpdates: int8(1),
		// The declared foreign keys (GetDeclaredForeignKeys) are Okta's
		// own; checking them would cost a call per written row.
		varForeignKeyChecks: int8(0),
		varDryRun:           int64(int8Bool(opts.DryRun)),
		varPushdown:         int8Bool(!opts.NoPushdown),
		varMaxAffectedRows:  opts.MaxAffectedRows,
		varParallelScan:     opts.ParallelScan,
	})
}

// sessionBool reads a boolean session variable; unknown reads as false.
func sessionBool(ctx *sql.Context, name string) bool {
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

// sessionInt reads an integer session variable.
func sessionInt(ctx *sql.Context, name string) int64 {
	return sessionVarInt(ctx.Session, name)
}

// sessionVarInt reads an integer variable of sess, outside a statement
// (a session's variables need no statement context).
func sessionVarInt(sess sql.Session, name string) int64 {
	v, err := sess.GetSessionVariable(nil, name)
	if err != nil {
		return 0
	}
	return toInt64(v)
}

// globalBool reads a boolean global variable; unknown reads as false.
func globalBool(name string) bool {
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
