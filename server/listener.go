package server

import (
	"net"
	"sync/atomic"
	"time"

	"github.com/dolthub/go-mysql-server/server"
	"github.com/dolthub/vitess/go/mysql"
)

// DefaultHandshakeTimeout bounds the time from a client's connect to the
// end of its login (MySQL's connect_timeout is 10 s).
const DefaultHandshakeTimeout = 10 * time.Second

// MySQL error codes the server boundary sends.
const (
	erTooManyConnections      = 1040 // ER_CON_COUNT_ERROR
	erSecureTransportRequired = 3159 // ER_SECURE_TRANSPORT_REQUIRED
)

// gateListener admits clients: over the connection limit it answers with
// MySQL's error 1040 instead of the handshake (vitess would hold the
// socket, then drop it), and every admitted socket must finish its login
// within the handshake timeout, so sockets that never speak cannot take
// the slots of real clients.
type gateListener struct {
	net.Listener
	max     int64 // 0: no limit
	timeout time.Duration
	open    *atomic.Int64 // admitted connections not yet closed
}

// Accept returns the next admitted connection, refusing those over the
// limit on the way.
func (l *gateListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.max > 0 && l.open.Load() >= l.max {
			go refuse(c, erTooManyConnections, "08004", "Too many connections")
			continue
		}
		l.open.Add(1)
		c.SetDeadline(time.Now().Add(l.timeout))
		return c, nil
	}
}

// refuse writes an error packet in place of the server's greeting, as
// MySQL does for a client it will not serve, and closes c.
func refuse(c net.Conn, code uint16, state, msg string) {
	c.SetWriteDeadline(time.Now().Add(time.Second))
	c.Write(packet(0, errPacket(code, state, msg)))
	c.Close()
}

// errPacket is the body of a MySQL ERR packet (protocol 4.1).
func errPacket(code uint16, state, msg string) []byte {
	b := make([]byte, 0, 9+len(msg))
	b = append(b, 0xff, byte(code), byte(code>>8), '#')
	b = append(b, state...)
	return append(b, msg...)
}

// packet frames body as one MySQL packet with sequence number seq.
func packet(seq byte, body []byte) []byte {
	n := len(body)
	return append([]byte{byte(n), byte(n >> 8), byte(n >> 16), seq}, body...)
}

// authGate wraps the accounts' authentication: a login that succeeds
// lifts the handshake deadline and gets a packetConn (see rewriteHandler.fail);
// without TLS where TLS is required it fails with MySQL's error 3159
// (vitess's own check writes the error and logs the client in anyway); an
// unknown account fails as a wrong password does (1045, not vitess's
// 2012), and failures are throttled per host (loginThrottle).
type authGate struct {
	mysql.AuthServer
	requireTLS func() bool
	throttle   loginThrottle
}

// AuthMethods wraps each method of the account store.
func (g *authGate) AuthMethods() []mysql.AuthMethod {
	ms := g.AuthServer.AuthMethods()
	out := make([]mysql.AuthMethod, len(ms))
	for i, m := range ms {
		out[i] = gatedMethod{AuthMethod: m, gate: g}
	}
	return out
}

// known reports whether some method of the account store takes user.
func (g *authGate) known(c *mysql.Conn, user string) bool {
	for _, m := range g.AuthServer.AuthMethods() {
		if m.HandleUser(c, user) {
			return true
		}
	}
	return false
}

type gatedMethod struct {
	mysql.AuthMethod
	gate *authGate
}

// HandleUser takes the users of the method and unknown users, whose
// credentials then fail like a wrong password.
func (m gatedMethod) HandleUser(c *mysql.Conn, user string) bool {
	return m.AuthMethod.HandleUser(c, user) || !m.gate.known(c, user)
}

// HandleAuthPluginData checks the transport, then the credentials.
func (m gatedMethod) HandleAuthPluginData(c *mysql.Conn, user string, serverData, clientData []byte, addr net.Addr) (mysql.Getter, error) {
	if m.gate.requireTLS() && !c.TLSEnabled() {
		return nil, mysql.NewSQLError(erSecureTransportRequired, "HY000", "Connections using insecure transport are prohibited while --require-tls (require_secure_transport) is on")
	}
	host, _, _ := net.SplitHostPort(addr.String())
	ud, err := m.AuthMethod.HandleAuthPluginData(c, user, serverData, clientData, addr)
	if err != nil {
		time.Sleep(m.gate.throttle.failed(host))
		return nil, err
	}
	m.gate.throttle.succeeded(host)
	c.Conn.SetDeadline(time.Time{})
	c.Conn = newPacketConn(c.Conn)
	return ud, nil
}

// protocolListener builds vitess's listener with the accounts behind
// authGate. Vitess's own transport check is off: authGate does it.
func protocolListener(requireTLS func() bool) server.ProtocolListenerFunc {
	return func(cfg server.Config, lc mysql.ListenerConfig, sel server.ServerEventListener) (server.ProtocolListener, error) {
		lc.AuthServer = &authGate{AuthServer: lc.AuthServer, requireTLS: requireTLS}
		cfg.RequireSecureTransport = false
		return server.MySQLProtocolListenerFactory(cfg, lc, sel)
	}
}
