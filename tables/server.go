package tables

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"

	"github.com/dolthub/go-mysql-server/server"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"
	querypb "github.com/dolthub/vitess/go/vt/proto/query"
)

// ServerConfig configures the MySQL wire-protocol server.
type ServerConfig struct {
	// Address is host:port; port 0 picks a free one.
	Address string
	TLS     *tls.Config
	// RequireTLS refuses clients that do not use TLS.
	RequireTLS     bool
	MaxConnections uint64
}

// NewServer returns a MySQL server over the engine. Start it with
// (*server.Server).Start; Listener.Addr() gives the address.
func (e *Engine) NewServer(cfg ServerConfig) (*server.Server, error) {
	conf := server.Config{
		Protocol:               "tcp",
		Address:                cfg.Address,
		TLSConfig:              cfg.TLS,
		RequireSecureTransport: cfg.RequireTLS,
		MaxConnections:         cfg.MaxConnections,
	}
	s, err := server.NewServerWithHandler(conf, e.Engine, sql.NewContext, e.sessionBuilder, nil, func(h mysql.Handler) (mysql.Handler, error) {
		return &rewriteHandler{Handler: h, e: e}, nil
	})
	if err != nil {
		return nil, fmt.Errorf("oktasql: starting the MySQL server on %s: %w", cfg.Address, err)
	}
	return s, nil
}

func (e *Engine) sessionBuilder(_ context.Context, c *mysql.Conn, addr string) (sql.Session, error) {
	client := sql.Client{Capabilities: c.Capabilities}
	if u, ok := c.UserData.(sql.MysqlConnectionUser); ok {
		client.User, client.Address = u.User, u.Host
	} else if host, _, err := net.SplitHostPort(c.RemoteAddr().String()); err == nil {
		client.Address = host
	}
	return sql.NewBaseSessionWithClientServer(addr, client, c.ConnectionID), nil
}

// rewriteHandler quotes reserved table names before go-mysql-server parses
// a statement.
type rewriteHandler struct {
	mysql.Handler
	e *Engine
}

// ComQuery rewrites, then runs, a query.
func (h *rewriteHandler) ComQuery(ctx context.Context, c *mysql.Conn, query string, callback mysql.ResultSpoolFn) error {
	return h.Handler.ComQuery(ctx, c, h.e.Rewrite(query), callback)
}

// ComMultiQuery rewrites, then runs, a multi-statement query.
func (h *rewriteHandler) ComMultiQuery(ctx context.Context, c *mysql.Conn, query string, callback mysql.ResultSpoolFn) (string, error) {
	return h.Handler.ComMultiQuery(ctx, c, h.e.Rewrite(query), callback)
}

// ComPrepare rewrites, then prepares, a statement.
func (h *rewriteHandler) ComPrepare(ctx context.Context, c *mysql.Conn, query string, prepare *mysql.PrepareData) ([]*querypb.Field, error) {
	return h.Handler.ComPrepare(ctx, c, h.e.Rewrite(query), prepare)
}
