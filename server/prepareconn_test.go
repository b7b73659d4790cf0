package server

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"strings"
	"testing"
	"testing/iotest"
)

// clientPacket frames a client packet (see packet).
func clientPacket(seq byte, payload string) []byte { return packet(seq, []byte(payload)) }

func TestPrepareConnRewritesOnlyPrepares(t *testing.T) {
	handshake := clientPacket(1, "\x0f\xa2\x00\x00"+strings.Repeat("x", 28)) // no CLIENT_SSL
	tlsRequest := clientPacket(1, "\x0f\xaa\x00\x00"+strings.Repeat("x", 28))
	prepare := clientPacket(0, "\x16SELECT * FROM groups")
	query := clientPacket(0, "\x03SELECT * FROM groups")
	tests := []struct {
		name    string
		in, out [][]byte
	}{
		{"prepare rewritten", [][]byte{handshake, prepare, query},
			[][]byte{handshake, clientPacket(0, "\x16SELECT * FROM `groups`"), query}},
		{"TLS passed through", [][]byte{tlsRequest, prepare}, [][]byte{tlsRequest, prepare}},
		{"continuation packets untouched", [][]byte{handshake, clientPacket(0, "\x03x"), clientPacket(1, "\x16SELECT * FROM groups")},
			[][]byte{handshake, clientPacket(0, "\x03x"), clientPacket(1, "\x16SELECT * FROM groups")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, server := net.Pipe()
			defer server.Close()
			go func() {
				for _, p := range tt.in {
					client.Write(p)
				}
				client.Close()
			}()
			pc := &prepareConn{Conn: server, r: bufio.NewReader(server), rewrite: func(q string) string {
				return strings.ReplaceAll(q, "groups", "`groups`")
			}, first: true}
			got, err := io.ReadAll(iotest.OneByteReader(pc))
			if err != nil {
				t.Fatal(err)
			}
			if want := bytes.Join(tt.out, nil); !bytes.Equal(got, want) {
				t.Errorf("read %q, want %q", got, want)
			}
		})
	}
}
