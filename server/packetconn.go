package server

import (
	"bytes"
	"crypto/rand"
	"crypto/tls"
	"net"
	"slices"
	"sync"

	"github.com/dolthub/vitess/go/netutil"
)

// packetConn is a logged-in client's connection with its outgoing bytes
// read as MySQL packets, so that an error found after a result's rows
// went out can reach the client as an ERR packet after them instead of
// a dropped connection (rewriteHandler.fail, failBinary).
//
// It passes bytes through as they come. While a rule is armed, each packet
// is gathered whole and handed to the rules, which may replace or drop
// it.
type packetConn struct {
	net.Conn
	// tcp is the socket under TLS, if any, for peerClosed.
	tcp *net.TCPConn
	// marker is the value of this connection's marker row (errorRow): 16
	// random bytes, which no result carries.
	marker []byte

	mu      sync.Mutex
	head    [4]byte // the header being read
	inHead  int     // bytes of head read
	left    int     // body bytes of the current packet still to come
	seq     byte    // sequence number of the last header
	holding bool    // the current packet is gathered in held for the rules
	held    []byte
	rules   []*packetRule
}

// packetRule sees each whole packet (header included) written while it is
// armed and returns what to send in its place (nil drops it) and whether
// it is done.
type packetRule struct {
	apply func(pkt []byte) (out []byte, done bool)
}

func newPacketConn(c net.Conn) *packetConn {
	p := &packetConn{Conn: c, marker: make([]byte, 16)}
	rand.Read(p.marker)
	p.tcp = underlyingTCP(c)
	return p
}

// Write passes b on, through the rules while any is armed.
func (p *packetConn) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.rules) == 0 && !p.holding {
		p.walk(b, nil)
		return p.Conn.Write(b)
	}
	var err error
	p.walk(b, func(part []byte) {
		if err == nil && len(part) > 0 {
			_, err = p.Conn.Write(part)
		}
	})
	if err != nil {
		return 0, err
	}
	return len(b), nil
}

// walk follows the packets in b, handing emit (when not nil) the bytes to
// send: those of a packet as they come, or a whole packet after the rules
// when it started while a rule was armed.
func (p *packetConn) walk(b []byte, emit func([]byte)) {
	for len(b) > 0 {
		if p.left == 0 && p.inHead < 4 {
			k := copy(p.head[p.inHead:], b)
			p.inHead += k
			b = b[k:]
			if p.inHead < 4 {
				return
			}
			p.inHead = 0
			p.left = int(p.head[0]) | int(p.head[1])<<8 | int(p.head[2])<<16
			p.seq = p.head[3]
			if emit == nil {
				continue
			}
			if p.holding = len(p.rules) > 0; !p.holding {
				emit(p.head[:])
				continue
			}
			p.held = append(p.held[:0], p.head[:]...)
		} else {
			k := min(p.left, len(b))
			if p.holding {
				p.held = append(p.held, b[:k]...)
			} else if emit != nil {
				emit(b[:k])
			}
			p.left -= k
			b = b[k:]
		}
		if p.holding && p.left == 0 {
			p.holding = false
			emit(p.apply(p.held))
		}
	}
}

// apply runs the packet pkt through the armed rules.
func (p *packetConn) apply(pkt []byte) []byte {
	for i := 0; i < len(p.rules) && pkt != nil; {
		out, done := p.rules[i].apply(pkt)
		pkt = out
		if done {
			p.rules = slices.Delete(p.rules, i, i+1)
		} else {
			i++
		}
	}
	return pkt
}

func (p *packetConn) arm(r *packetRule) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rules = append(p.rules, r)
}

func (p *packetConn) disarm(r *packetRule) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rules = slices.DeleteFunc(p.rules, func(q *packetRule) bool { return q == r })
}

// fail sends the error packet errBody after the last packet written
// (which must be complete) and drops the next one, the end of the result
// set the error replaces.
func (p *packetConn) fail(errBody []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rules = append(p.rules, &packetRule{apply: func([]byte) ([]byte, bool) { return nil, true }})
	_, err := p.Conn.Write(packet(p.seq+1, errBody))
	return err
}

// errorRow arms the replacement of this connection's marker row, a binary
// protocol row of one string column holding p.marker, by the error packet
// errBody, and drops the packet after it, the end of the result set the
// error replaces. disarm withdraws it when the row will not be written.
func (p *packetConn) errorRow(errBody []byte) (disarm func()) {
	row := append([]byte{0x00, 0x00, byte(len(p.marker))}, p.marker...) // header, NULL bitmap, length
	matched := false
	r := &packetRule{apply: func(pkt []byte) ([]byte, bool) {
		switch {
		case matched:
			return nil, true
		case bytes.Equal(pkt[4:], row):
			matched = true
			return packet(pkt[3], errBody), false
		}
		return pkt, false
	}}
	p.arm(r)
	return func() { p.disarm(r) }
}

// nextError arms the replacement of the next packet, when it is an error
// packet, by the error packet errBody.
func (p *packetConn) nextError(errBody []byte) {
	p.arm(&packetRule{apply: func(pkt []byte) ([]byte, bool) {
		if len(pkt) > 4 && pkt[4] == 0xff {
			return packet(pkt[3], errBody), true
		}
		return pkt, true
	}})
}

// underlyingTCP returns the TCP socket of c, under TLS if need be.
func underlyingTCP(c net.Conn) *net.TCPConn {
	if t, ok := c.(*tls.Conn); ok {
		c = t.NetConn()
	}
	if w, ok := c.(netutil.ConnWithTimeouts); ok {
		c = w.Conn
	}
	tcp, _ := c.(*net.TCPConn)
	return tcp
}
