package server

import (
	"bufio"
	"bytes"
	"io"
	"reflect"

	"github.com/dolthub/vitess/go/mysql"
)

// MySQL client protocol constants the prepare rewriter reads.
const (
	comStmtPrepare  = 0x16     // COM_STMT_PREPARE command byte
	maxPacketLength = 0xffffff // a packet of this length continues in the next
)

// prepareReader reads a logged-in client's packets with the query of each
// COM_STMT_PREPARE rewritten, passing every other byte through as it
// arrives.
//
// vitess parses a statement to prepare itself, before any handler runs, so
// the rewrite that lets `SELECT * FROM groups` parse as a text query
// (rewriteHandler) comes too late for server-side prepared statements
// (mysql2's execute, go-sql-driver's placeholders, ODBC's SQLPrepare). The
// rewrite therefore happens on the way in, where vitess reads the
// client's packets (readPrepares), after TLS if the client uses it.
type prepareReader struct {
	r       *bufio.Reader
	rewrite func(string) string
	pass    int    // bytes of the current packet still to pass through
	out     []byte // a rewritten packet not yet read
}

// readPrepares points vitess's reader of the logged-in connection c at a
// prepareReader over it.
//
// vitess reads a connection through a bufio.Reader of its own, in an
// unexported field, which it resets to the TLS connection when the client
// turns TLS on; no wrapper of the socket sees the decrypted packets. The
// field is reached by reflection (vitess is pinned in go.mod, and the
// TLS and plaintext tests of prepared statements naming groups fail if it
// moves). Bytes vitess has already buffered are read first.
func readPrepares(c *mysql.Conn, rewrite func(string) string) {
	f := reflect.ValueOf(c).Elem().FieldByName("bufferedReader")
	if !f.IsValid() || f.Type() != reflect.TypeOf((*bufio.Reader)(nil)) || f.IsNil() {
		return
	}
	vitess := (*bufio.Reader)(f.UnsafePointer())
	var src io.Reader = c.Conn
	if n := vitess.Buffered(); n > 0 {
		early, _ := vitess.Peek(n)
		src = io.MultiReader(bytes.NewReader(bytes.Clone(early)), src)
	}
	vitess.Reset(&prepareReader{r: bufio.NewReader(src), rewrite: rewrite})
}

// Read returns the client's bytes with prepared statements rewritten.
func (c *prepareReader) Read(p []byte) (int, error) {
	if len(c.out) > 0 {
		n := copy(p, c.out)
		c.out = c.out[n:]
		return n, nil
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
func (c *prepareReader) nextPacket() error {
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
