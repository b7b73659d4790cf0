package mcpserver

import (
	"context"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/oktasql/oktasql/internal/refdocs"
)

// tableURI is the URI of a table's resource.
func tableURI(name string) string { return "oktasql://tables/" + name }

// addResources registers one resource per table: the reference text of
// `oktasql describe TABLE` (columns, operations, procedures), so an agent
// can read the schema without spending tool calls.
func (s *Server) addResources() {
	for _, t := range s.cat.Tables {
		s.mcp.AddResource(&mcp.Resource{
			URI:         tableURI(t.Name),
			Name:        t.Name,
			Title:       "Table " + t.Name,
			Description: "Columns, keys, pushdown and API operations of the table " + t.Name + " (" + t.Resource + ")",
			MIMEType:    "text/plain",
		}, s.readTable)
	}
}

// readTable reads a table's resource.
func (s *Server) readTable(_ context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
	name := strings.TrimPrefix(req.Params.URI, tableURI(""))
	var text strings.Builder
	if err := refdocs.WriteTable(&text, s.cat, name, refdocs.Text); err != nil {
		return nil, mcp.ResourceNotFoundError(req.Params.URI)
	}
	return &mcp.ReadResourceResult{Contents: []*mcp.ResourceContents{{URI: req.Params.URI, MIMEType: "text/plain", Text: text.String()}}}, nil
}
