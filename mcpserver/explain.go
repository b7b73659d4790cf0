package mcpserver

import (
	"context"
	"fmt"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// ExplainInput is the input of the explain tool.
type ExplainInput struct {
	SQL string `json:"sql" jsonschema:"exactly one SQL statement to explain (not itself an EXPLAIN)"`
}

// ExplainOutput is the plan of a statement.
type ExplainOutput struct {
	// Plan is EXPLAIN FORMAT=TREE, one line per element: each table
	// access lists the API calls (METHOD path?query), what oktasql checks
	// itself, and the estimated requests.
	Plan []string `json:"plan"`
}

// explain is the explain tool.
func (s *Server) explain(ctx context.Context, _ *mcp.CallToolRequest, in ExplainInput) (*mcp.CallToolResult, *ExplainOutput, error) {
	st, err := parseStatement(s.eng, in.SQL)
	if err != nil {
		return nil, nil, err
	}
	if !st.explainable {
		return nil, nil, fmt.Errorf("%w: explain takes a SELECT, INSERT, UPDATE, DELETE or CALL, without EXPLAIN (SHOW and DESCRIBE call no API)", ErrStatementNotAllowed)
	}
	sess := s.eng.NewSession(s.opts.Database)
	defer s.eng.EndSession(sess)
	rows, err := s.all(ctx, sess, "EXPLAIN FORMAT=TREE "+st.text)
	if err != nil {
		return nil, nil, s.actionable(st, err, 0)
	}
	out := &ExplainOutput{Plan: []string{}}
	for _, r := range rows {
		out.Plan = append(out.Plan, strings.Split(str(r[0]), "\n")...)
	}
	return nil, out, nil
}
