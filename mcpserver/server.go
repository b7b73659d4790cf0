// Package mcpserver serves oktasql to AI agents over the Model Context
// Protocol: tools that run SQL on the same engine as `oktasql serve`
// (query, explain) and read the catalog (list_tables, describe_table,
// list_procedures, describe_procedure), one resource per table with its
// reference text, and prompts for common inventory questions.
//
// It is read-only unless built with AllowWrites, and even then a write or
// procedure call first runs as a dry run that returns the calls it would
// make and a confirm token bound to the statement; only a second call with
// that token makes them.
package mcpserver

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/server"
)

// Defaults of Options.
const (
	// DefaultMaxRows caps the rows the query tool returns when the call
	// sets no max_rows.
	DefaultMaxRows = 100
	// MaxMaxRows is the largest max_rows a call may ask for.
	MaxMaxRows = 5000
	// DefaultConfirmTTL is how long a dry run's confirm token stays good.
	DefaultConfirmTTL = 5 * time.Minute
)

// Options configure a Server.
type Options struct {
	// Database is the database statements run in and whose catalog the
	// catalog tools and resources describe.
	Database string
	// AllowWrites lets the query tool run INSERT, UPDATE, DELETE and CALL,
	// each after a dry run and a confirmation.
	AllowWrites bool
	// MaxRows is the default row cap of the query tool (DefaultMaxRows
	// when 0).
	MaxRows int
	// ConfirmTTL is the lifetime of a confirm token (DefaultConfirmTTL
	// when 0).
	ConfirmTTL time.Duration
	// QueryTimeout cancels a statement after this long (0: no limit).
	QueryTimeout time.Duration
	// Version is the server version announced at initialization.
	Version string
	// Now is the clock of confirm tokens (time.Now when nil).
	Now func() time.Time
}

// Server is the MCP server over one oktasql engine.
type Server struct {
	eng     *server.Engine
	cat     *schema.Catalog
	opts    Options
	confirm *confirmer
	mcp     *mcp.Server
}

// ErrNoDatabase is a Database the engine does not serve.
var ErrNoDatabase = errors.New("mcpserver: no such database")

// New builds the MCP server over eng.
func New(eng *server.Engine, opts Options) (*Server, error) {
	cat := eng.Catalog(opts.Database)
	if cat == nil {
		return nil, fmt.Errorf("%w: %q", ErrNoDatabase, opts.Database)
	}
	if opts.MaxRows <= 0 {
		opts.MaxRows = DefaultMaxRows
	}
	if opts.ConfirmTTL <= 0 {
		opts.ConfirmTTL = DefaultConfirmTTL
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{eng: eng, cat: cat, opts: opts, confirm: newConfirmer(opts.ConfirmTTL, opts.Now)}
	s.mcp = mcp.NewServer(&mcp.Implementation{Name: "oktasql", Title: "oktasql: SQL over the Okta management API", Version: opts.Version},
		&mcp.ServerOptions{Instructions: s.instructions()})
	s.addQueryTools()
	s.addCatalogTools()
	s.addResources()
	s.addPrompts()
	return s, nil
}

// MCP returns the protocol server, to run over any transport.
func (s *Server) MCP() *mcp.Server { return s.mcp }

// Run serves one client over t (mcp.StdioTransport for a desktop
// assistant) until it disconnects or ctx ends.
func (s *Server) Run(ctx context.Context, t mcp.Transport) error { return s.mcp.Run(ctx, t) }

// HTTPHandler serves the streamable HTTP transport. With a non-empty
// bearerToken every request must carry "Authorization: Bearer <token>".
func (s *Server) HTTPHandler(bearerToken string) http.Handler {
	var h http.Handler = mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return s.mcp }, nil)
	if bearerToken == "" {
		return h
	}
	verify := func(_ context.Context, token string, _ *http.Request) (*auth.TokenInfo, error) {
		if subtle.ConstantTimeCompare([]byte(token), []byte(bearerToken)) != 1 {
			return nil, auth.ErrInvalidToken
		}
		return &auth.TokenInfo{}, nil
	}
	return auth.RequireBearerToken(verify, &auth.RequireBearerTokenOptions{AllowMissingExpiration: true})(h)
}

// instructions tell the agent how to use the server, at initialization.
func (s *Server) instructions() string {
	text := "oktasql answers SQL over the Okta management API of one org (database " + s.opts.Database + "). " +
		"Every list endpoint is a table; WHERE, ORDER BY and LIMIT travel to Okta where it can take them. " +
		"Find tables with list_tables, read one with describe_table (or its resource) before querying it, " +
		"and use explain to see the API calls a statement would make before running an expensive one. " +
		"The query tool returns rows capped at max_rows and the API requests the statement made."
	if s.opts.AllowWrites {
		return text + " Writes (INSERT, UPDATE, DELETE, CALL) first run as a dry run that returns the calls they would make " +
			"and a confirm token; show the calls to the user, and only with their agreement call query again with the same sql and that confirm token."
	}
	return text + " This server is read-only: writes and procedures are refused."
}
