package tables

import (
	"context"
	"fmt"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// serverVersion is the MySQL version oktasql reports, the same in the
// handshake, VERSION() and @@version: drivers pick their dialect from the
// handshake and tools show the others, so they must agree.
const serverVersion = "8.0.31-oktasql"

// helpTablesRuleID is the analyzer rule that reads mysql's help tables as
// empty tables.
const helpTablesRuleID analyzer.RuleId = 9010

func init() {
	analyzer.OnceBeforeDefault = append(analyzer.OnceBeforeDefault, analyzer.Rule{Id: helpTablesRuleID, Apply: emptyHelpTables})
}

// helpTables are the tables of mysql's server-side help, which
// go-mysql-server declares but reads as one row of no columns (an error
// for any query; mycli's completion reads help_topic when it starts).
var helpTables = map[string]bool{"help_topic": true, "help_keyword": true, "help_category": true, "help_relation": true}

// emptyHelpTables replaces each read of a mysql help table with an empty
// table of its schema: oktasql has no server-side help.
func emptyHelpTables(_ *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		rt, ok := n.(*plan.ResolvedTable)
		if !ok || rt.Database() == nil || !strings.EqualFold(rt.Database().Name(), "mysql") || !helpTables[strings.ToLower(rt.Name())] {
			return n, transform.SameTree, nil
		}
		return plan.NewEmptyTableWithSchema(rt.Schema()), transform.NewTree, nil
	})
}

// varWarningCount is MySQL's @@warning_count: the number of warnings of
// the session's previous statement.
const varWarningCount = "warning_count"

// warningCountVar is @@warning_count, read from the session's count of
// its previous statement's warnings (see clientSession).
type warningCountVar struct{ *sql.MysqlSystemVariable }

// GetSessionScope returns the scope that reads the session's count.
func (v warningCountVar) GetSessionScope() sql.SystemVariableScope {
	return warningCountScope{sql.GetMysqlScope(sql.SystemVariableScope_Session)}
}

// warningCountScope reads @@warning_count from a clientSession.
type warningCountScope struct{ *sql.MysqlScope }

// GetValue returns the previous statement's warning count.
func (warningCountScope) GetValue(ctx *sql.Context, _ string, _ sql.CollationID) (any, error) {
	if s, ok := ctx.Session.(*clientSession); ok {
		return uint64(s.previousWarnings), nil
	}
	return uint64(0), nil
}

// IsSessionOnly reports that @@warning_count belongs to the session.
func (warningCountScope) IsSessionOnly() bool { return true }

// warningCountVariable declares @@warning_count.
func warningCountVariable() sql.SystemVariable {
	return warningCountVar{&sql.MysqlSystemVariable{
		Name:  varWarningCount,
		Scope: sql.GetMysqlScope(sql.SystemVariableScope_Session),
		Type:  types.NewSystemUintType(varWarningCount, 0, 65535),
	}}
}

// clientSession is a session that remembers the warning count of its
// previous statement: go-mysql-server clears the warnings before a
// statement runs, so SELECT @@warning_count would always see its own 0.
type clientSession struct {
	*sql.BaseSession
	previousWarnings uint16
	// temp are the session's temporary tables.
	temp tempTables
}

// newClientSession wraps a base session.
func newClientSession(s *sql.BaseSession) *clientSession { return &clientSession{BaseSession: s} }

// ClearWarnings keeps the count of the statement that ends, then clears.
func (s *clientSession) ClearWarnings() {
	s.previousWarnings = s.WarningCount()
	s.BaseSession.ClearWarnings()
}

// applyHandshakeCharset gives a new session the character set its client
// named in the handshake, as SET NAMES would: a latin1 client's reads
// arrive in latin1 and its literals are read as latin1 (the literals'
// character set is collation_connection's). UTF-8 clients (the usual
// case) keep the server's defaults, collation included.
func applyHandshakeCharset(sess sql.Session, collation uint8) error {
	cs := sql.CollationID(collation).CharacterSet()
	switch cs {
	case sql.CharacterSet_Unspecified, sql.CharacterSet_utf8mb4, sql.CharacterSet_utf8mb3:
		return nil
	}
	ctx := sql.NewContext(context.Background(), sql.WithSession(sess))
	for v, value := range map[string]string{
		"character_set_client":     cs.Name(),
		"character_set_connection": cs.Name(),
		"character_set_results":    cs.Name(),
		"collation_connection":     cs.DefaultCollation().Name(),
	} {
		if err := sess.SetSessionVariable(ctx, v, value); err != nil {
			return fmt.Errorf("oktasql: the client's character set %s: %w", cs.Name(), err)
		}
	}
	return nil
}
