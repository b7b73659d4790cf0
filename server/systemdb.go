package server

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/planbuilder"

	"github.com/oktasql/oktasql/tables"
)

// systemDatabase is the mysql database as the provider lists it: its
// tables, with no views, triggers, procedures or events, which
// information_schema asks every listed database for.
type systemDatabase struct {
	sql.Database
	tables.DefinitionsRefused
}

// showDatabases lists the databases once each: go-mysql-server adds mysql
// to the catalog's databases, which already name it (provider.system).
func showDatabases(ctx *sql.Context, n *plan.ShowDatabases) (sql.RowIter, error) {
	seen := map[string]bool{}
	var rows []sql.Row
	for _, db := range n.Catalog.AllDatabases(ctx) {
		if name := db.Name(); !seen[strings.ToLower(name)] {
			seen[strings.ToLower(name)] = true
			rows = append(rows, sql.Row{name})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i][0].(string) < rows[j][0].(string) })
	return sql.RowsToRowIter(rows...), nil
}

// procSelect is mysql.proc, the stored-procedure table of MySQL 5.7 that
// older clients still read (Connector/J 5's getProcedures, DBeaver,
// Workbench), with its column layout, read from
// information_schema.ROUTINES and PARAMETERS: the procedures and what is
// said of them come from where information_schema has them.
const procSelect = `SELECT
  r.ROUTINE_SCHEMA AS db, r.ROUTINE_NAME AS name, r.ROUTINE_TYPE AS type, r.SPECIFIC_NAME AS specific_name,
  'SQL' AS language, REPLACE(r.SQL_DATA_ACCESS, ' ', '_') AS sql_data_access,
  r.IS_DETERMINISTIC AS is_deterministic, r.SECURITY_TYPE AS security_type,
  COALESCE(p.params, '') AS param_list,
  COALESCE(r.DTD_IDENTIFIER, '') AS ` + "`returns`" + `, r.ROUTINE_DEFINITION AS body, r.DEFINER AS definer,
  r.CREATED AS created, r.LAST_ALTERED AS modified, r.SQL_MODE AS sql_mode, r.ROUTINE_COMMENT AS comment,
  r.CHARACTER_SET_CLIENT AS character_set_client, r.COLLATION_CONNECTION AS collation_connection,
  r.DATABASE_COLLATION AS db_collation, r.ROUTINE_DEFINITION AS body_utf8
FROM information_schema.ROUTINES r LEFT JOIN (
  SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME,
    GROUP_CONCAT(CONCAT(PARAMETER_MODE, ' ', PARAMETER_NAME, ' ', DTD_IDENTIFIER) ORDER BY ORDINAL_POSITION SEPARATOR ', ') AS params
  FROM information_schema.PARAMETERS WHERE ORDINAL_POSITION > 0 GROUP BY SPECIFIC_SCHEMA, SPECIFIC_NAME
) p ON p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA AND p.SPECIFIC_NAME = r.SPECIFIC_NAME`

// procTable is mysql.proc: its rows are procSelect's, planned and run
// each time it is read.
//
// go-mysql-server's mysql database holds its own tables only; a session
// finds mysql.proc in its view registry (newSession), where
// go-mysql-server looks for a view in a database that keeps none. The
// view reads this table rather than holding procSelect itself: a view's
// plan is made once, and go-mysql-server gives ROUTINES its procedures
// only while planning a statement that reads it.
type procTable struct {
	a      *analyzer.Analyzer
	schema sql.Schema
}

var _ sql.Table = (*procTable)(nil)

// systemViews returns the views of the mysql database (procTable), built
// in ctx.
func systemViews(ctx *sql.Context, a *analyzer.Analyzer) ([]*sql.View, error) {
	t := &procTable{a: a}
	n, err := t.plan(ctx)
	if err != nil {
		return nil, fmt.Errorf("mysql.proc: %w", err)
	}
	t.schema = n.Schema().Copy()
	for _, c := range t.schema {
		c.Source, c.DatabaseSource = "proc", "mysql"
	}
	view := plan.NewSubqueryAlias("proc", "SELECT * FROM proc", plan.NewResolvedTable(t, a.Catalog.MySQLDb, nil))
	return []*sql.View{view.AsView("CREATE VIEW proc AS SELECT * FROM proc")}, nil
}

// plan plans procSelect.
func (t *procTable) plan(ctx *sql.Context) (sql.Node, error) {
	n, _, err := planbuilder.Parse(ctx, t.a.Catalog, procSelect)
	if err != nil {
		return nil, err
	}
	return t.a.Analyze(ctx, n, nil, nil)
}

func (t *procTable) Name() string               { return "proc" }
func (t *procTable) String() string             { return "proc" }
func (t *procTable) Schema() sql.Schema         { return t.schema }
func (t *procTable) Collation() sql.CollationID { return sql.Collation_Default }
func (t *procTable) Partitions(*sql.Context) (sql.PartitionIter, error) {
	return sql.PartitionsToPartitionIter(procPartition{}), nil
}

// PartitionRows runs procSelect.
func (t *procTable) PartitionRows(ctx *sql.Context, _ sql.Partition) (sql.RowIter, error) {
	n, err := t.plan(ctx)
	if err != nil {
		return nil, err
	}
	return t.a.ExecBuilder.Build(ctx, n, nil)
}

// procPartition is procTable's one partition.
type procPartition struct{}

func (procPartition) Key() []byte { return []byte("proc") }

// newSession returns a session over base with the system views: a
// client's, or an in-process one.
func (e *Engine) newSession(base *sql.BaseSession) *clientSession {
	for _, v := range e.systemViews {
		// A registry refuses only a name it has: this one is new.
		base.GetViewRegistry().Register("mysql", v)
	}
	return newClientSession(base)
}
