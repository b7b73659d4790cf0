package server

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"

	"github.com/oktasql/oktasql/tables"
)

// perfSchemaName is the database of MySQL's performance_schema tables
// that clients read at start (DBeaver and Workbench read
// session_variables).
const perfSchemaName = "performance_schema"

var (
	_ sql.Database                = (*perfSchema)(nil)
	_ sql.ViewDatabase            = (*perfSchema)(nil)
	_ sql.TriggerDatabase         = (*perfSchema)(nil)
	_ sql.StoredProcedureDatabase = (*perfSchema)(nil)
	_ sql.EventDatabase           = (*perfSchema)(nil)
)

// perfSchema is performance_schema with the variable and status tables:
// the variables come from the session and the server, status is empty.
type perfSchema struct{ tables.DefinitionsRefused }

func newPerfSchema() *perfSchema {
	return &perfSchema{tables.NewDefinitionsRefused(perfSchemaName)}
}

// Name is performance_schema.
func (*perfSchema) Name() string { return perfSchemaName }

// perfTables are the tables of performance_schema, each reading its rows
// from the statement's context.
var perfTables = map[string]func(ctx *sql.Context) map[string]any{
	"session_variables": func(ctx *sql.Context) map[string]any { return ctx.Session.GetAllSessionVariables() },
	"global_variables":  func(*sql.Context) map[string]any { return sql.SystemVariables.GetAllGlobalVariables() },
	"session_status":    func(*sql.Context) map[string]any { return nil },
	"global_status":     func(*sql.Context) map[string]any { return nil },
}

// GetTableInsensitive returns one of perfTables.
func (p *perfSchema) GetTableInsensitive(_ *sql.Context, name string) (sql.Table, bool, error) {
	name = strings.ToLower(name)
	rows, ok := perfTables[name]
	if !ok {
		return nil, false, nil
	}
	return &variablesTable{name: name, rows: rows}, true, nil
}

// GetTableNames lists perfTables.
func (p *perfSchema) GetTableNames(*sql.Context) ([]string, error) {
	names := make([]string, 0, len(perfTables))
	for n := range perfTables {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

// variablesTable is a table of (VARIABLE_NAME, VARIABLE_VALUE) rows.
type variablesTable struct {
	name string
	rows func(ctx *sql.Context) map[string]any
}

// Name is the table's name.
func (t *variablesTable) Name() string { return t.name }

// String is the table's name.
func (t *variablesTable) String() string { return t.name }

// Schema is MySQL's for these tables.
func (t *variablesTable) Schema() sql.Schema {
	return sql.Schema{
		{Name: "VARIABLE_NAME", Type: types.MustCreateStringWithDefaults(sqltypes.VarChar, 64), Source: t.name, DatabaseSource: perfSchemaName},
		{Name: "VARIABLE_VALUE", Type: types.MustCreateStringWithDefaults(sqltypes.VarChar, 1024), Source: t.name, DatabaseSource: perfSchemaName, Nullable: true},
	}
}

// Collation is the server default.
func (t *variablesTable) Collation() sql.CollationID { return sql.Collation_Default }

// Partitions is one partition.
func (t *variablesTable) Partitions(*sql.Context) (sql.PartitionIter, error) {
	return sql.PartitionsToPartitionIter(onePartition{}), nil
}

// PartitionRows returns the variables by name, their values as text.
func (t *variablesTable) PartitionRows(ctx *sql.Context, _ sql.Partition) (sql.RowIter, error) {
	vars := t.rows(ctx)
	names := make([]string, 0, len(vars))
	for n := range vars {
		names = append(names, n)
	}
	sort.Strings(names)
	rows := make([]sql.Row, len(names))
	for i, n := range names {
		var v any
		if vars[n] != nil {
			v = fmt.Sprint(vars[n])
		}
		rows[i] = sql.Row{n, v}
	}
	return sql.RowsToRowIter(rows...), nil
}
