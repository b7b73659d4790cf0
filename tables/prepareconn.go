package tables

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"time"

	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/netutil"
)

// MySQL client protocol constants the prepare rewriter reads.
const (
	comStmtPrepare  = 0x16     // COM_STMT_PREPARE command byte
	clientSSL       = 0x0800   // CLIENT_SSL capability flag
	maxPacketLength = 0xffffff // a packet of this length continues in the next
)

// prepareListener hands out connections whose COM_STMT_PREPARE packets are
// rewritten before vitess sees them.
//
// vitess parses a statement to prepare itself, before any handler runs, so
// the rewrite that lets `SELECT * FROM groups` parse as a text query
// (rewriteHandler) comes too late for server-side prepared statements
// (mysql2's execute, go-sql-driver's placeholders, ODBC's SQLPrepare). The
// rewrite therefore happens on the wire, on the plaintext protocol; a TLS
// connection is passed through untouched (its packets are encrypted below
// the point vitess decrypts them), and there a reserved name must be quoted.
type prepareListener struct {
	net.Listener
	rewrite func(string) string
}

// Accept wraps the next connection.
func (l prepareListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &prepareConn{Conn: c, r: bufio.NewReader(c), rewrite: l.rewrite, first: true}, nil
}

// prepareConn is a server-side connection that rewrites the query of each
// COM_STMT_PREPARE packet the client sends and passes every other byte
// through as it arrives.
type prepareConn struct {
	net.Conn
	r       *bufio.Reader
	rewrite func(string) string
	first   bool   // the handshake response is still to come
	tls     bool   // the client switched to TLS: pass everything through
	pass    int    // bytes of the current packet still to pass through
	out     []byte // a rewritten packet not yet read

	watchMu   sync.Mutex
	stopWatch func() // set while a statement runs (watchHangUp)
}

// Read returns the client's bytes with prepared statements rewritten. A
// read while a statement runs (the file of a LOAD DATA LOCAL INFILE) ends
// the statement's hang-up watch first.
func (c *prepareConn) Read(p []byte) (int, error) {
	c.endWatch()
	if len(c.out) > 0 {
		n := copy(p, c.out)
		c.out = c.out[n:]
		return n, nil
	}
	if c.tls {
		return c.r.Read(p)
	}
	if c.pass == 0 {
		if err := c.nextPacket(); err != nil {
			return 0, err
		}
		if len(c.out) > 0 {
			return c.Read(p)
		}
	}
	if len(p) > c.pass {
		p = p[:c.pass]
	}
	n, err := c.r.Read(p)
	c.pass -= n
	return n, err
}

// nextPacket looks at the header and first payload byte of the next
// packet and either rewrites the whole packet into c.out or sets c.pass to
// its length.
func (c *prepareConn) nextPacket() error {
	hdr, err := c.r.Peek(4)
	if err != nil {
		return err
	}
	length := int(hdr[0]) | int(hdr[1])<<8 | int(hdr[2])<<16
	seq := hdr[3]
	c.pass = 4 + length
	if length == 0 {
		return nil
	}
	if c.first {
		// The handshake response (or the SSL request that precedes it)
		// starts with the client's capability flags.
		c.first = false
		if head, err := c.r.Peek(6); err == nil && (uint32(head[4])|uint32(head[5])<<8)&clientSSL != 0 {
			c.tls = true
		}
		return nil
	}
	head, err := c.r.Peek(5)
	if err != nil {
		return err
	}
	if seq != 0 || head[4] != comStmtPrepare || length == maxPacketLength {
		return nil
	}
	pkt := make([]byte, 4+length)
	if _, err := io.ReadFull(c.r, pkt); err != nil {
		return err
	}
	c.pass = 0
	query := c.rewrite(string(pkt[5:]))
	if n := 1 + len(query); n < maxPacketLength {
		pkt = append([]byte{byte(n), byte(n >> 8), byte(n >> 16), 0, comStmtPrepare}, query...)
	}
	c.out = pkt
	return nil
}

// watchHangUp cancels a statement when its client closes the connection
// while the statement runs, until endWatch (or the next Read).
//
// go-mysql-server watches for that itself, but only on a bare TCP
// connection, which prepareConn hides. Between commands the client sends
// nothing, so a read that ends in EOF means it is gone; any byte it does
// send early stays buffered for the next command.
func (c *prepareConn) watchHangUp(cancel context.CancelFunc) {
	c.endWatch()
	if c.tls || c.pass > 0 || len(c.out) > 0 {
		return
	}
	var mu sync.Mutex
	stopped := false
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			mu.Lock()
			if stopped {
				mu.Unlock()
				return
			}
			c.Conn.SetReadDeadline(time.Now().Add(time.Second))
			mu.Unlock()
			_, err := c.r.Peek(1)
			if err != nil && errors.Is(err, os.ErrDeadlineExceeded) {
				continue
			}
			if err != nil {
				cancel()
			}
			return
		}
	}()
	c.watchMu.Lock()
	c.stopWatch = func() {
		mu.Lock()
		stopped = true
		c.Conn.SetReadDeadline(time.Now())
		mu.Unlock()
		wg.Wait()
		c.Conn.SetReadDeadline(time.Time{})
	}
	c.watchMu.Unlock()
}

// endWatch stops the hang-up watch, if one runs, and waits for it.
func (c *prepareConn) endWatch() {
	c.watchMu.Lock()
	stop := c.stopWatch
	c.stopWatch = nil
	c.watchMu.Unlock()
	if stop != nil {
		stop()
	}
}

// watching returns ctx, cancelled when the client of c hangs up, and the
// function that stops watching (see watchHangUp).
func watching(ctx context.Context, c *mysql.Conn) (context.Context, func()) {
	conn := c.Conn
	if w, ok := conn.(netutil.ConnWithTimeouts); ok {
		conn = w.Conn
	}
	pc, ok := conn.(*prepareConn)
	if !ok {
		return ctx, func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	pc.watchHangUp(cancel)
	return ctx, func() { pc.endWatch(); cancel() }
}
