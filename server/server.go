// Package server is oktasql's MySQL side: the go-mysql-server engine
// over the orgs' databases (package tables), with its analyzer rules,
// session variables, query rewrites, system databases (mysql,
// performance_schema), temporary tables and function overrides, and the
// MySQL wire-protocol server with its limits (connections, handshake
// timeout, login throttling, accounts, TLS, hung-up clients, memory,
// prepared statements) and its mapping of errors to MySQL's codes.
package server

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dolthub/go-mysql-server/server"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
	querypb "github.com/dolthub/vitess/go/vt/proto/query"

	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/tables"
)

// ServerConfig configures the MySQL wire-protocol server.
type ServerConfig struct {
	// Address is host:port; port 0 picks a free one.
	Address string
	TLS     *tls.Config
	// RequireTLS refuses clients that do not use TLS (so does the global
	// require_secure_transport).
	RequireTLS bool
	// MaxConnections is the most clients at once (0: no limit); the next
	// one gets MySQL's error 1040.
	MaxConnections uint64
	// HandshakeTimeout bounds a client's login; 0 means
	// DefaultHandshakeTimeout.
	HandshakeTimeout time.Duration
	// QueryTimeout cancels a statement after this long (0: no limit). A
	// session's max_execution_time may shorten it, never lengthen it.
	QueryTimeout time.Duration
	// MemoryBudget is the heap, in bytes, over which the running
	// statements are stopped (memoryGuard); 0 means DefaultMemoryBudget.
	MemoryBudget uint64
}

// NewServer returns a MySQL server over the engine. Start it with
// (*server.Server).Start; Listener.Addr() gives the address.
func (e *Engine) NewServer(cfg ServerConfig) (*server.Server, error) {
	l, err := net.Listen("tcp", cfg.Address)
	if err != nil {
		return nil, fmt.Errorf("oktasql: starting the MySQL server on %s: %w", cfg.Address, err)
	}
	if cfg.HandshakeTimeout == 0 {
		cfg.HandshakeTimeout = DefaultHandshakeTimeout
	}
	if cfg.MemoryBudget == 0 {
		cfg.MemoryBudget = DefaultMemoryBudget
	}
	open := &atomic.Int64{}
	gate := &gateListener{Listener: l, max: int64(cfg.MaxConnections), timeout: cfg.HandshakeTimeout, open: open}
	conf := server.Config{
		Protocol:  "tcp",
		Address:   cfg.Address,
		Version:   serverVersion,
		Listener:  prepareListener{Listener: gate, rewrite: e.Rewrite},
		TLSConfig: cfg.TLS,
		ProtocolListenerFactory: protocolListener(func() bool {
			return cfg.RequireTLS || tables.GlobalBool("require_secure_transport")
		}),
	}
	s, err := server.NewServerWithHandler(conf, e.Engine, sql.NewContext, e.sessionBuilder, nil, func(h mysql.Handler) (mysql.Handler, error) {
		return &rewriteHandler{Handler: h, e: e, queryTimeout: cfg.QueryTimeout, open: open, memory: &memoryGuard{budget: cfg.MemoryBudget}}, nil
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
// Engine.Rewrite), bounds its time, gives results MySQL's field types
// where they differ (markBooleans), and reports an error found after rows
// went out to the client in the protocol.
type rewriteHandler struct {
	mysql.Handler
	e            *Engine
	queryTimeout time.Duration
	open         *atomic.Int64 // connections the gateListener admitted
	memory       *memoryGuard
}

// ComQuery rewrites, then runs, a query.
func (h *rewriteHandler) ComQuery(ctx context.Context, c *mysql.Conn, query string, callback mysql.ResultSpoolFn) (err error) {
	defer recovered(&err)
	defer lowerCursorFlag(c)
	if err := checkNesting(query); err != nil {
		return err
	}
	ctx, stop := h.statement(ctx, c)
	defer stop()
	var rows bool
	err = h.Handler.ComQuery(ctx, c, h.e.Rewrite(h.e.clients.text(c.ConnectionID, query)), releasing(c, h.e.markingBooleans(callback), &rows))
	return h.fail(ctx, c, err, rows)
}

// ComMultiQuery rewrites, then runs, a multi-statement query (one
// statement per call). After an error the remaining statements do not run.
func (h *rewriteHandler) ComMultiQuery(ctx context.Context, c *mysql.Conn, query string, callback mysql.ResultSpoolFn) (_ string, err error) {
	defer recovered(&err)
	defer lowerCursorFlag(c)
	if err := checkNesting(query); err != nil {
		return "", err
	}
	ctx, stop := h.statement(ctx, c)
	defer stop()
	var rows bool
	rest, err := h.Handler.ComMultiQuery(ctx, c, h.e.Rewrite(h.e.clients.text(c.ConnectionID, query)), releasing(c, h.e.markingBooleans(callback), &rows))
	if err != nil {
		return "", h.fail(ctx, c, err, rows)
	}
	return h.e.clients.back(c.ConnectionID, rest), nil
}

// ComStmtExecute runs a prepared statement within ComQuery's limits. An
// error after rows went out still drops the connection: with a cursor,
// vitess streams the rows from another goroutine, where no packet may be
// added.
func (h *rewriteHandler) ComStmtExecute(ctx context.Context, c *mysql.Conn, prepare *mysql.PrepareData, callback func(*sqltypes.Result) error) (err error) {
	defer recovered(&err)
	ctx, stop := h.statement(ctx, c)
	defer stop()
	h.e.clients.bindVars(c.ConnectionID, prepare.BindVars)
	var rows bool
	err = h.Handler.ComStmtExecute(ctx, c, prepare, func(r *sqltypes.Result) error {
		rows = rows || len(r.Fields) > 0
		h.e.markBooleans(r.Fields)
		return callback(r)
	})
	if err == nil || rows {
		return err
	}
	return h.sqlError(ctx, c, err)
}

// ConnectionClosed forgets what the connection's session kept.
func (h *rewriteHandler) ConnectionClosed(c *mysql.Conn) {
	h.Handler.ConnectionClosed(c)
	h.e.forgetSession(c.ConnectionID)
	h.open.Add(-1)
}

// statement returns the context of one statement: cancelled at the
// query timeout (or the session's shorter max_execution_time), and when
// the client hangs up, which a check of its socket (hangUpCheck) notices,
// and by the memory guard; a wait for Okta's rate limit warns the
// session.
func (h *rewriteHandler) statement(ctx context.Context, c *mysql.Conn) (context.Context, func()) {
	h.e.killed.Delete(c.ConnectionID) // a KILL of an earlier statement
	limit := h.queryTimeout
	if sess, ok := h.e.clients.get(c.ConnectionID); ok {
		if ms := tables.SessionVarInt(sess, "max_execution_time"); ms > 0 {
			if d := time.Duration(ms) * time.Millisecond; limit == 0 || d < limit {
				limit = d
			}
		}
	}
	ctx = fetcher.WithWaitNotice(ctx, rateWaitNotice(func() (sql.Session, bool) {
		return h.e.clients.get(c.ConnectionID)
	}))
	var cancel context.CancelFunc
	if limit > 0 {
		ctx, cancel = context.WithTimeout(ctx, limit)
	} else {
		ctx, cancel = context.WithCancel(ctx)
	}
	ctx, untrack := h.memory.track(ctx)
	end := func() { untrack(); cancel() }
	pc, ok := c.Conn.(*packetConn)
	if !ok || pc.tcp == nil {
		return ctx, end
	}
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(hangUpCheck)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				if peerClosed(pc.tcp) {
					cancel()
					return
				}
			}
		}
	}()
	return ctx, func() { close(done); end() }
}

// sqlError maps the error of the statement running on c (see toSQLError).
func (h *rewriteHandler) sqlError(ctx context.Context, c *mysql.Conn, err error) *mysql.SQLError {
	_, killed := h.e.killed.LoadAndDelete(c.ConnectionID)
	return toSQLError(ctx, err, killed)
}

// fail maps a statement's error to the MySQL error the client gets. Once
// rows went out, vitess can only drop the connection ("2013 Lost
// connection", the reason left in the server's log); the error is sent in
// the protocol instead, after the rows, and the connection lives on.
func (h *rewriteHandler) fail(ctx context.Context, c *mysql.Conn, err error, rows bool) error {
	if err == nil {
		return nil
	}
	se := h.sqlError(ctx, c, err)
	pc, ok := c.Conn.(*packetConn)
	if !rows || !ok {
		return se
	}
	if ferr := c.FlushBuffer(); ferr != nil {
		return ferr
	}
	if ferr := pc.fail(uint16(se.Num), se.State, se.Message); ferr != nil {
		return ferr
	}
	return nil
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
//
// rows is set once a result set's fields are on their way.
func releasing(c *mysql.Conn, callback mysql.ResultSpoolFn, rows *bool) mysql.ResultSpoolFn {
	return func(r *sqltypes.Result, more bool) error {
		if err := callback(r, more); err != nil {
			return err
		}
		if len(r.Fields) > 0 {
			*rows = true
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
func (h *rewriteHandler) ComPrepare(ctx context.Context, c *mysql.Conn, query string, prepare *mysql.PrepareData) (_ []*querypb.Field, err error) {
	defer recovered(&err)
	if err := checkNesting(query); err != nil {
		return nil, err
	}
	prepare.PrepareStmt = h.e.Rewrite(h.e.clients.text(c.ConnectionID, prepare.PrepareStmt))
	fields, err := h.Handler.ComPrepare(ctx, c, h.e.Rewrite(h.e.clients.text(c.ConnectionID, query)), prepare)
	h.e.markBooleans(fields)
	return fields, err
}

// rateWaitNotice returns a wait notice (fetcher.WithWaitNotice) that
// warns the statement's session, found by session, once.
func rateWaitNotice(session func() (sql.Session, bool)) func(string) {
	var once sync.Once
	return func(msg string) {
		once.Do(func() {
			if sess, ok := session(); ok {
				sess.Warn(&sql.Warning{Level: "Warning", Message: msg})
			}
		})
	}
}

// hangUpCheck is how often a running statement looks whether its client
// hung up (a peek at its socket); a hung-up connection holds a slot of
// --max-connections until then.
const hangUpCheck = 250 * time.Millisecond

// recovered turns a panic of the statement (go-mysql-server's join planner
// panics on some plans) into its error, 1105 with the panic's message, so
// the client gets an answer and keeps its connection; vitess would close
// it.
func recovered(err *error) {
	if r := recover(); r != nil {
		*err = mysql.NewSQLError(mysql.ERUnknownError, mysql.SSUnknownSQLState, "oktasql: internal error in the statement: %v", r)
	}
}
