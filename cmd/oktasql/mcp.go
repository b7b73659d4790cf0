package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/spf13/pflag"

	"github.com/oktasql/oktasql/mcpserver"
	"github.com/oktasql/oktasql/server"
)

// mcpFlags adds the flags of oktasql mcp.
func (o *options) mcpFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.listen, "listen", "", "serve the streamable HTTP transport at http://ADDR/mcp instead of stdio (loopback unless --bearer-token)")
	fs.StringVar(&o.bearerToken, "bearer-token", "", "HTTP clients must send Authorization: Bearer TOKEN (env OKTASQL_MCP_TOKEN); required beyond loopback")
	fs.BoolVar(&o.allowWrites, "allow-writes", false, "let agents run INSERT, UPDATE, DELETE and CALL, each after a dry run and a confirmation")
}

// mcp runs the MCP server over stdio, or over HTTP with --listen, until
// the client disconnects or ctx ends.
func (m *Main) mcp(ctx context.Context, eng *server.Engine, o *options) error {
	srv, err := mcpserver.New(eng, mcpserver.Options{Database: o.database, AllowWrites: o.allowWrites, QueryTimeout: o.queryTimeout, Version: version})
	if err != nil {
		return err
	}
	if o.listen == "" {
		return srv.Run(ctx, &mcp.IOTransport{Reader: io.NopCloser(m.Stdin), Writer: nopWriteCloser{m.Stdout}})
	}
	token := o.bearerToken
	if token == "" {
		token = m.Getenv("OKTASQL_MCP_TOKEN")
	}
	if err := checkMCPExposure(o.listen, token); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/mcp", srv.HTTPHandler(token))
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(m.Stderr, "oktasql: serving MCP on http://%s/mcp (database %q)\n", ln.Addr(), o.database)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case <-ctx.Done():
		return hs.Close()
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	}
}

// checkMCPExposure refuses to serve MCP beyond loopback without a bearer
// token, as serve refuses accounts without passwords.
func checkMCPExposure(listen, token string) error {
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return fmt.Errorf("--listen %q: %w", listen, err)
	}
	if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() || token != "" {
		return nil
	}
	return fmt.Errorf("--listen %s is beyond loopback: set a bearer token (--bearer-token or OKTASQL_MCP_TOKEN)", listen)
}

// nopWriteCloser is a writer the transport may close without closing it.
type nopWriteCloser struct{ io.Writer }

// Close does nothing: stdout stays Main's.
func (nopWriteCloser) Close() error { return nil }
