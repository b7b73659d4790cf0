package mcpserver

import (
	"errors"
	"fmt"

	"github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/oktasql/oktasql/server"
)

// kind is what a statement does, which decides how the query tool runs it.
type kind int

const (
	// kindRead statements (SELECT, SHOW, DESCRIBE, EXPLAIN) run at once.
	kindRead kind = iota
	// kindWrite statements (INSERT, UPDATE, DELETE, CALL) run only with
	// --allow-writes, after a dry run and a confirmation.
	kindWrite
)

// statement is one SQL statement the query tool was given.
type statement struct {
	// text is the statement as given, without a trailing semicolon.
	text string
	// normal is the statement as the parser prints it back: the same
	// statement spelled differently normalises to the same text, which a
	// confirm token is bound to.
	normal string
	kind   kind
	// explainable is a statement EXPLAIN shows the calls of: a query or
	// a write, not SHOW, DESCRIBE or EXPLAIN itself.
	explainable bool
}

// Errors of parseStatement.
var (
	// ErrNotOneStatement is a query with no statement or several.
	ErrNotOneStatement = errors.New("give exactly one SQL statement")
	// ErrStatementNotAllowed is a statement the MCP server never runs:
	// SET (the session's settings are the server's flags), DDL,
	// transactions, administration.
	ErrStatementNotAllowed = errors.New("statement not allowed over MCP")
)

// parseStatement parses sql, which must hold exactly one statement, and
// classifies it.
func parseStatement(eng *server.Engine, sql string) (*statement, error) {
	stmts, rest := server.SplitStatements(sql)
	if rest != "" {
		stmts = append(stmts, rest)
	}
	if len(stmts) != 1 {
		return nil, fmt.Errorf("%w (got %d)", ErrNotOneStatement, len(stmts))
	}
	text := stmts[0]
	parsed, err := sqlparser.Parse(eng.Rewrite(text))
	if err != nil {
		return nil, fmt.Errorf("syntax: %w", err)
	}
	k, err := classify(parsed)
	if err != nil {
		return nil, err
	}
	st := &statement{text: text, normal: sqlparser.String(parsed), kind: k}
	switch parsed.(type) {
	case *sqlparser.Select, *sqlparser.SetOp, *sqlparser.ParenSelect, *sqlparser.Insert, *sqlparser.Update, *sqlparser.Delete, *sqlparser.Call:
		st.explainable = true
	}
	return st, nil
}

// classify says whether a parsed statement reads or writes, or refuses it.
func classify(s sqlparser.Statement) (kind, error) {
	switch s := s.(type) {
	case *sqlparser.Select:
		if s.Into != nil {
			return 0, fmt.Errorf("%w: SELECT ... INTO", ErrStatementNotAllowed)
		}
		return kindRead, nil
	case *sqlparser.SetOp, *sqlparser.ParenSelect, *sqlparser.Show, *sqlparser.OtherRead:
		return kindRead, nil
	case *sqlparser.Explain:
		if s.Analyze {
			return 0, fmt.Errorf("%w: EXPLAIN ANALYZE runs the statement; use EXPLAIN or the explain tool", ErrStatementNotAllowed)
		}
		return kindRead, nil
	case *sqlparser.Insert, *sqlparser.Update, *sqlparser.Delete, *sqlparser.Call:
		return kindWrite, nil
	case *sqlparser.Set:
		return 0, fmt.Errorf("%w: SET (the session's settings are fixed by the server's flags)", ErrStatementNotAllowed)
	}
	return 0, fmt.Errorf("%w: only SELECT, SHOW, DESCRIBE, EXPLAIN, INSERT, UPDATE, DELETE and CALL", ErrStatementNotAllowed)
}
