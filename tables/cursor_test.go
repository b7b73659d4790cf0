package tables_test

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/server"
)

// cursorClient speaks just enough of the MySQL protocol to read a
// prepared statement through a server-side cursor (COM_STMT_EXECUTE with
// CURSOR_TYPE_READ_ONLY, then COM_STMT_FETCH), as libmysqlclient's
// STMT_ATTR_CURSOR_TYPE and Connector/J's useCursorFetch do; go-sql-driver
// never opens one.
type cursorClient struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
	seq  byte
}

// MySQL client protocol constants of cursorClient.
const (
	capLongPassword  = 0x1
	capConnectWithDB = 0x8
	capProtocol41    = 0x200
	capTransactions  = 0x2000
	capSecureConn    = 0x8000
	capPluginAuth    = 0x80000
	comQuery         = 0x03
	comStmtPrepare   = 0x16
	comStmtExecute   = 0x17
	comStmtFetch     = 0x1c
	cursorReadOnly   = 0x01
	statusLastRow    = 0x80
)

// cursorError is an ERR packet the server sent.
type cursorError struct {
	code uint16
	msg  string
}

func (e *cursorError) Error() string { return fmt.Sprintf("error %d: %s", e.code, e.msg) }

// dialCursor logs in to addr as root (no password) using database db.
func dialCursor(t *testing.T, addr, db string) *cursorClient {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(time.Minute))
	c := &cursorClient{t: t, conn: conn, r: bufio.NewReader(conn)}
	c.read() // the server's greeting; root has no password to scramble
	caps := uint32(capLongPassword | capConnectWithDB | capProtocol41 | capTransactions | capSecureConn | capPluginAuth)
	resp := binary.LittleEndian.AppendUint32(nil, caps)
	resp = binary.LittleEndian.AppendUint32(resp, 1<<24)
	resp = append(resp, 45) // utf8mb4_general_ci
	resp = append(resp, make([]byte, 23)...)
	resp = append(resp, "root\x00\x00"...) // user, empty auth response
	resp = append(resp, db+"\x00mysql_native_password\x00"...)
	c.write(resp)
	if ok := c.read(); ok[0] != 0x00 {
		t.Fatalf("login: %q", ok)
	}
	return c
}

func (c *cursorClient) write(payload []byte) {
	c.t.Helper()
	n := len(payload)
	if _, err := c.conn.Write(append([]byte{byte(n), byte(n >> 8), byte(n >> 16), c.seq}, payload...)); err != nil {
		c.t.Fatal(err)
	}
	c.seq++
}

// command starts a command: its packets count from 0.
func (c *cursorClient) command(payload []byte) {
	c.seq = 0
	c.write(payload)
}

func (c *cursorClient) read() []byte {
	c.t.Helper()
	var head [4]byte
	if _, err := io.ReadFull(c.r, head[:]); err != nil {
		c.t.Fatalf("reading a packet: %v (the server dropped the connection)", err)
	}
	c.seq = head[3] + 1
	payload := make([]byte, int(head[0])|int(head[1])<<8|int(head[2])<<16)
	if _, err := io.ReadFull(c.r, payload); err != nil {
		c.t.Fatalf("reading a packet: %v", err)
	}
	return payload
}

// readErr returns the error an ERR packet carries, nil for another packet.
func readErr(p []byte) *cursorError {
	if len(p) < 9 || p[0] != 0xff {
		return nil
	}
	return &cursorError{code: binary.LittleEndian.Uint16(p[1:]), msg: string(p[9:])}
}

// isEOF reports whether p is an EOF packet.
func isEOF(p []byte) bool { return len(p) > 0 && len(p) < 9 && p[0] == 0xfe }

// skipToEOF reads packets up to an EOF packet and returns it.
func (c *cursorClient) skipToEOF() []byte {
	for {
		if p := c.read(); isEOF(p) {
			return p
		}
	}
}

// prepare prepares query (no parameters) and returns its statement id.
func (c *cursorClient) prepare(query string) uint32 {
	c.t.Helper()
	c.command(append([]byte{comStmtPrepare}, query...))
	p := c.read()
	if e := readErr(p); e != nil {
		c.t.Fatalf("prepare %s: %v", query, e)
	}
	if cols := binary.LittleEndian.Uint16(p[5:]); cols > 0 {
		c.skipToEOF()
	}
	return binary.LittleEndian.Uint32(p[1:])
}

// execute runs a prepared statement with a read-only cursor; an error
// comes back as the statement's.
func (c *cursorClient) execute(stmt uint32) *cursorError {
	req := binary.LittleEndian.AppendUint32([]byte{comStmtExecute}, stmt)
	req = binary.LittleEndian.AppendUint32(append(req, cursorReadOnly), 1)
	c.command(req)
	if e := readErr(c.read()); e != nil {
		return e
	}
	c.skipToEOF() // the column definitions
	return nil
}

// fetch reads up to n rows of the open cursor: how many came, whether
// they were the last, or the error that ended them.
func (c *cursorClient) fetch(stmt uint32, n uint32) (rows int, last bool, err *cursorError) {
	c.command(binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32([]byte{comStmtFetch}, stmt), n))
	for {
		p := c.read()
		if e := readErr(p); e != nil {
			return rows, true, e
		}
		if isEOF(p) {
			return rows, binary.LittleEndian.Uint16(p[3:])&statusLastRow != 0, nil
		}
		rows++
	}
}

// query runs a text query and returns its first row's first value.
func (c *cursorClient) query(q string) string {
	c.t.Helper()
	c.command(append([]byte{comQuery}, q...))
	if e := readErr(c.read()); e != nil {
		c.t.Fatalf("%s: %v", q, e)
	}
	c.skipToEOF()
	row := c.read()
	c.skipToEOF()
	return string(row[1 : 1+int(row[0])])
}

// TestCursorErrorsReachTheClient reads prepared statements through a
// server-side cursor: an error after rows (a later page fails) ends the
// fetch with Okta's message instead of dropping the connection, and an
// error before any row is the statement's own, not vitess's "missing
// result set"; the connection goes on.
func TestCursorErrorsReachTheClient(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 600}, failingPages)
	addr := h.serveWith(server.Options{}, server.ServerConfig{})

	t.Run("after rows", func(t *testing.T) {
		c := dialCursor(t, addr, "okta")
		stmt := c.prepare("SELECT id FROM users")
		if err := c.execute(stmt); err != nil {
			t.Fatal(err)
		}
		total := 0
		var err *cursorError
		for last := false; !last; {
			var n int
			n, last, err = c.fetch(stmt, 50)
			total += n
		}
		if err == nil || !strings.Contains(err.msg, "Internal Server Error (test proxy)") {
			t.Errorf("after %d rows: %v, want Okta's error", total, err)
		}
		if total == 0 || total >= 600 {
			t.Errorf("%d rows before the error, want some but not all", total)
		}
		if got := c.query("SELECT 'still connected'"); got != "still connected" {
			t.Errorf("next query: %q", got)
		}
	})
	t.Run("before rows", func(t *testing.T) {
		c := dialCursor(t, addr, "okta")
		stmt := c.prepare("SELECT JSON_EXTRACT('not json', '$')")
		if err := c.execute(stmt); err == nil || err.code != 3141 {
			t.Errorf("execute: %v, want error 3141 (invalid JSON)", err)
		}
		if got := c.query("SELECT 'still connected'"); got != "still connected" {
			t.Errorf("next query: %q", got)
		}
	})
}
