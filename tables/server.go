package tables

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"

	"github.com/dolthub/go-mysql-server/server"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
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
	l, err := net.Listen("tcp", cfg.Address)
	if err != nil {
		return nil, fmt.Errorf("oktasql: starting the MySQL server on %s: %w", cfg.Address, err)
	}
	conf := server.Config{
		Protocol:               "tcp",
		Address:                cfg.Address,
		Version:                serverVersion,
		Listener:               prepareListener{Listener: l, rewrite: e.Rewrite},
		TLSConfig:              cfg.TLS,
		RequireSecureTransport: cfg.RequireTLS,
		MaxConnections:         cfg.MaxConnections,
	}
	s, err := server.NewServerWithHandler(conf, e.Engine, sql.NewContext, e.sessionBuilder, nil, func(h mysql.Handler) (mysql.Handler, error) {
		return &rewriteHandler{Handler: h, e: e}, nil
	})
	if err != nil {
		l.Close()
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
	sess := newClientSession(sql.NewBaseSessionWithClientServer(addr, client, c.ConnectionID))
	if err := applyHandshakeCharset(sess, c.CharacterSet); err != nil {
		return nil, err
	}
	e.clients.add(c.ConnectionID, sess)
	return sess, nil
}

// rewriteHandler prepares each statement for go-mysql-server (in UTF-8,
// Engine.Rewrite), gives results MySQL's field types where they differ
// (markBooleans) and cancels a statement whose client hangs up.
type rewriteHandler struct {
	mysql.Handler
	e *Engine
}

// ComQuery rewrites, then runs, a query.
func (h *rewriteHandler) ComQuery(ctx context.Context, c *mysql.Conn, query string, callback mysql.ResultSpoolFn) error {
	defer lowerCursorFlag(c)
	ctx, stop := watching(ctx, c)
	defer stop()
	return h.Handler.ComQuery(ctx, c, h.e.Rewrite(h.e.clients.text(c.ConnectionID, query)), releasing(c, h.e.markingBooleans(callback)))
}

// ComMultiQuery rewrites, then runs, a multi-statement query (one
// statement per call).
func (h *rewriteHandler) ComMultiQuery(ctx context.Context, c *mysql.Conn, query string, callback mysql.ResultSpoolFn) (string, error) {
	defer lowerCursorFlag(c)
	ctx, stop := watching(ctx, c)
	defer stop()
	rest, err := h.Handler.ComMultiQuery(ctx, c, h.e.Rewrite(h.e.clients.text(c.ConnectionID, query)), releasing(c, h.e.markingBooleans(callback)))
	return h.e.clients.back(c.ConnectionID, rest), err
}

// releasing keeps a long result's memory flat and its rows moving.
//
// go-mysql-server v0.20.0 encodes every value of a result into one buffer
// and frees it after each batch of rows only while the connection's status
// says a server-side cursor exists (its condition is the inverse of its
// comment's), so a million-row result holds every value until the
// statement ends. A text protocol query never has a cursor: once the first
// batch (and with it the fields and their status) is on the wire, the flag
// is raised for the handler to see, and lowered again before the
// statement's end packet carries the status to the client.
//
// Each batch (128 rows) is flushed to the socket, where vitess would keep
// it until 16 KB of rows gathered: a slow result (a join making a request
// per row) shows its first rows as soon as they are found.
func releasing(c *mysql.Conn, callback mysql.ResultSpoolFn) mysql.ResultSpoolFn {
	return func(r *sqltypes.Result, more bool) error {
		if err := callback(r, more); err != nil {
			return err
		}
		if len(r.Fields) > 0 {
			c.StatusFlags |= uint16(mysql.ServerCursorExists)
		}
		return c.FlushBuffer()
	}
}

// lowerCursorFlag clears the flag releasing raised.
func lowerCursorFlag(c *mysql.Conn) { c.StatusFlags &^= uint16(mysql.ServerCursorExists) }

// ComPrepare rewrites, then prepares, a statement; its executions run the
// rewritten text too. (On a plaintext connection prepareConn has already
// rewritten it, so that vitess could parse it.)
func (h *rewriteHandler) ComPrepare(ctx context.Context, c *mysql.Conn, query string, prepare *mysql.PrepareData) ([]*querypb.Field, error) {
	prepare.PrepareStmt = h.e.Rewrite(h.e.clients.text(c.ConnectionID, prepare.PrepareStmt))
	fields, err := h.Handler.ComPrepare(ctx, c, h.e.Rewrite(h.e.clients.text(c.ConnectionID, query)), prepare)
	h.e.markBooleans(fields)
	return fields, err
}

// ComStmtExecute runs a prepared statement, cancelled if the client hangs
// up meanwhile.
func (h *rewriteHandler) ComStmtExecute(ctx context.Context, c *mysql.Conn, prepare *mysql.PrepareData, callback func(*sqltypes.Result) error) error {
	ctx, stop := watching(ctx, c)
	defer stop()
	h.e.clients.bindVars(c.ConnectionID, prepare.BindVars)
	return h.Handler.ComStmtExecute(ctx, c, prepare, func(r *sqltypes.Result) error {
		h.e.markBooleans(r.Fields)
		return callback(r)
	})
}
