package server

import (
	"bytes"
	"net"
	"slices"
	"testing"
)

// recordConn is a connection that keeps what is written to it.
type recordConn struct {
	net.Conn
	out bytes.Buffer
}

func (c *recordConn) Write(b []byte) (int, error) { return c.out.Write(b) }

// TestPacketConnRules writes results through a packetConn, whole and one
// byte at a time (vitess's buffer splits packets anywhere), and checks
// what reaches the client once an error is armed.
func TestPacketConnRules(t *testing.T) {
	errBody := errPacket(1105, "HY000", "okta: 500")
	row := func(seq byte) []byte { return packet(seq, []byte{0x00, 0x00, 0x01, 'x'}) }
	end := func(seq byte) []byte { return packet(seq, []byte{0xfe, 0, 0, 0x22, 0}) }
	vitessErr := func(seq byte) []byte {
		return packet(seq, errPacket(1105, "HY000", "unknown error: missing result set"))
	}
	tests := []struct {
		name string
		arm  func(p *packetConn)
		in   [][]byte // packets written after arm
		want [][]byte
	}{
		{"marker row becomes the error, the end is dropped",
			func(p *packetConn) { p.errorRow(errBody) },
			[][]byte{row(5), nil, end(7), row(1)},
			[][]byte{row(5), packet(6, errBody), row(1)}},
		{"withdrawn marker",
			func(p *packetConn) { p.errorRow(errBody)() },
			[][]byte{row(5), nil, end(7)},
			[][]byte{row(5), nil, end(7)}},
		{"next error replaced",
			func(p *packetConn) { p.nextError(errBody) },
			[][]byte{vitessErr(1), vitessErr(1)},
			[][]byte{packet(1, errBody), vitessErr(1)}},
		{"next packet not an error: the rule ends",
			func(p *packetConn) { p.nextError(errBody) },
			[][]byte{end(1), vitessErr(1)},
			[][]byte{end(1), vitessErr(1)}},
	}
	for _, tt := range tests {
		for _, split := range []bool{false, true} {
			rc := &recordConn{}
			p := newPacketConn(rc)
			tt.arm(p)
			want := slices.Clone(tt.want)
			for i, pkt := range tt.in {
				if pkt == nil { // the marker row, sequence number 6
					pkt = packet(6, append([]byte{0x00, 0x00, byte(len(p.marker))}, p.marker...))
					if want[i] == nil {
						want[i] = pkt
					}
				}
				if !split {
					p.Write(pkt)
					continue
				}
				for j := range pkt {
					p.Write(pkt[j : j+1])
				}
			}
			if want := bytes.Join(want, nil); !bytes.Equal(rc.out.Bytes(), want) {
				t.Errorf("%s (split %v): wrote\n%q\nwant\n%q", tt.name, split, rc.out.Bytes(), want)
			}
		}
	}
}

// TestPacketConnFail: an error after rows follows the last packet, and
// the end of the result set after it is dropped.
func TestPacketConnFail(t *testing.T) {
	rc := &recordConn{}
	p := newPacketConn(rc)
	row := packet(3, []byte{0x01, 'x'})
	p.Write(row)
	p.fail(errPacket(1105, "HY000", "okta: 500"))
	p.Write(packet(4, []byte{0xfe, 0, 0, 0x22, 0}))
	p.Write(packet(1, []byte{0x01, 'y'}))
	want := bytes.Join([][]byte{row, packet(4, errPacket(1105, "HY000", "okta: 500")), packet(1, []byte{0x01, 'y'})}, nil)
	if !bytes.Equal(rc.out.Bytes(), want) {
		t.Errorf("wrote %q, want %q", rc.out.Bytes(), want)
	}
}
