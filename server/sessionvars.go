package server

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/oktasql/oktasql/tables"
)

// foreign_key_checks is MySQL's; oktasql turns it off (see
// registerSessionVars). Its other variables are named in the tables
// package (tables.VarDryRun...).
const varForeignKeyChecks = "foreign_key_checks"

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
	dryRun := boolVar(tables.VarDryRun)
	if opts.DryRun {
		// Locked on: a session may set it to 1 (as the MCP server does
		// before every write), never to 0.
		dryRun.Type, dryRun.Default = types.NewSystemIntType(tables.VarDryRun, 1, 1, false), int64(1)
	}
	sql.SystemVariables.AddSystemVariables([]sql.SystemVariable{
		warningCountVariable(),
		dryRun,
		boolVar(varJSONAsText),
		boolVar(tables.VarPushdown),
		boolVar(tables.VarContinueOnError),
		boolVar(tables.VarDeactivateBeforeDelete),
		&sql.MysqlSystemVariable{
			Name:    tables.VarMaxAffectedRows,
			Scope:   sql.GetMysqlScope(sql.SystemVariableScope_Both),
			Dynamic: true,
			Type:    types.NewSystemIntType(tables.VarMaxAffectedRows, 1, opts.MaxAffectedRows, false),
			Default: opts.MaxAffectedRows,
		},
		&sql.MysqlSystemVariable{
			Name:    tables.VarParallelScan,
			Scope:   sql.GetMysqlScope(sql.SystemVariableScope_Both),
			Dynamic: true,
			Type:    types.NewSystemIntType(tables.VarParallelScan, 0, maxParallelScan, false),
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
			Name:    tables.VarLastID,
			Scope:   sql.GetMysqlScope(sql.SystemVariableScope_Session),
			Dynamic: true,
			Type:    types.NewSystemStringType(tables.VarLastID),
			Default: "",
		},
	})
	return sql.SystemVariables.AssignValues(map[string]interface{}{
		tables.VarSafeUpdates: int8(1),
		// The declared foreign keys (tables' GetDeclaredForeignKeys) are
		// Okta's own; checking them would cost a call per written row.
		varForeignKeyChecks:       int8(0),
		tables.VarDryRun:          int64(int8Bool(opts.DryRun)),
		tables.VarPushdown:        int8Bool(!opts.NoPushdown),
		tables.VarMaxAffectedRows: opts.MaxAffectedRows,
		tables.VarParallelScan:    opts.ParallelScan,
	})
}
