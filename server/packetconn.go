package server

import (
	"crypto/tls"
	"net"
	"sync"

	"github.com/dolthub/vitess/go/netutil"
)

// packetConn is a logged-in client's connection with its outgoing bytes
// read as MySQL packets. It knows the sequence number of the last packet
// sent, so it can end a result set that has already sent rows with an
// error packet, and then drop the end-of-result packet vitess writes
// after it (see rewriteHandler.fail).
type packetConn struct {
	net.Conn
	// tcp is the socket under TLS, if any, for peerClosed.
	tcp *net.TCPConn

	mu      sync.Mutex
	head    [4]byte // the header being read
	inHead  int     // bytes of head read
	left    int     // body bytes of the current packet still to come
	seq     byte    // sequence number of the last header
	drop    bool    // drop the next packet
	dropped bool    // the current packet is being dropped
}

func newPacketConn(c net.Conn) *packetConn {
	p := &packetConn{Conn: c}
	p.tcp = underlyingTCP(c)
	return p
}

// Write passes b on, except for a packet being dropped.
func (p *packetConn) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.drop && !p.dropped {
		p.walk(b, nil)
		return p.Conn.Write(b)
	}
	var err error
	p.walk(b, func(part []byte) {
		if err == nil {
			_, err = p.Conn.Write(part)
		}
	})
	if err != nil {
		return 0, err
	}
	return len(b), nil
}

// walk follows the packets in b, handing emit (when not nil) the bytes of
// those not dropped.
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
			p.dropped, p.drop = p.drop, false
			if emit != nil && !p.dropped {
				emit(p.head[:])
			}
			continue
		}
		k := min(p.left, len(b))
		if emit != nil && !p.dropped {
			emit(b[:k])
		}
		p.left -= k
		b = b[k:]
	}
	if p.left == 0 && p.inHead == 0 {
		p.dropped = false
	}
}

// fail sends an error packet after the last packet written (which must be
// complete) and drops the next one, the end of the result set the error
// replaces.
func (p *packetConn) fail(code uint16, state, msg string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.drop = true
	_, err := p.Conn.Write(packet(p.seq+1, errPacket(code, state, msg)))
	return err
}

// underlyingTCP returns the TCP socket of c, under TLS and prepareConn if
// need be.
func underlyingTCP(c net.Conn) *net.TCPConn {
	if t, ok := c.(*tls.Conn); ok {
		c = t.NetConn()
	}
	if w, ok := c.(netutil.ConnWithTimeouts); ok {
		c = w.Conn
	}
	if p, ok := c.(*prepareConn); ok {
		c = p.Conn
	}
	tcp, _ := c.(*net.TCPConn)
	return tcp
}
