package server

import (
	"bufio"
	"io"
	"net"
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
}

// Read returns the client's bytes with prepared statements rewritten.
func (c *prepareConn) Read(p []byte) (int, error) {
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
