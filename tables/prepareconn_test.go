package tables

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// packet frames a client packet.
func packet(seq byte, payload string) []byte {
	n := len(payload)
	return append([]byte{byte(n), byte(n >> 8), byte(n >> 16), seq}, payload...)
}

func TestPrepareConnRewritesOnlyPrepares(t *testing.T) {
	handshake := packet(1, "\x0f\xa2\x00\x00"+strings.Repeat("x", 28)) // no CLIENT_SSL
	tlsRequest := packet(1, "\x0f\xaa\x00\x00"+strings.Repeat("x", 28))
	prepare := packet(0, "\x16SELECT * FROM groups")
	query := packet(0, "\x03SELECT * FROM groups")
	tests := []struct {
		name    string
		in, out [][]byte
	}{
		{"prepare rewritten", [][]byte{handshake, prepare, query},
			[][]byte{handshake, packet(0, "\x16SELECT * FROM `groups`"), query}},
		{"TLS passed through", [][]byte{tlsRequest, prepare}, [][]byte{tlsRequest, prepare}},
		{"continuation packets untouched", [][]byte{handshake, packet(0, "\x03x"), packet(1, "\x16SELECT * FROM groups")},
			[][]byte{handshake, packet(0, "\x03x"), packet(1, "\x16SELECT * FROM groups")}},
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

func TestPrepareConnWatchesHangUp(t *testing.T) {
	client, server := net.Pipe()
	pc := &prepareConn{Conn: server, r: bufio.NewReader(server), rewrite: func(q string) string { return q }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pc.watchHangUp(cancel)
	client.Close()
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("a hang-up did not cancel the statement")
	}
	pc.endWatch()

	// Stopping a watch over a live connection leaves its bytes readable.
	client, server = net.Pipe()
	defer client.Close()
	pc = &prepareConn{Conn: server, r: bufio.NewReader(server), rewrite: func(q string) string { return q }}
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	pc.watchHangUp(cancel)
	time.Sleep(50 * time.Millisecond)
	pc.endWatch()
	if ctx.Err() != nil {
		t.Fatal("stopping the watch cancelled the statement")
	}
	go client.Write(packet(0, "\x03SELECT 1"))
	buf := make([]byte, 13)
	if _, err := io.ReadFull(pc, buf); err != nil || !bytes.Equal(buf, packet(0, "\x03SELECT 1")) {
		t.Errorf("after the watch: %q, %v", buf, err)
	}

	// A read while the statement runs (LOAD DATA LOCAL INFILE's file)
	// ends the watch instead of racing it.
	pc.watchHangUp(cancel)
	go client.Write(packet(2, "file"))
	buf = make([]byte, 8)
	if _, err := io.ReadFull(pc, buf); err != nil || !bytes.Equal(buf, packet(2, "file")) {
		t.Errorf("during the watch: %q, %v", buf, err)
	}
	pc.endWatch()
	if ctx.Err() != nil {
		t.Fatal("a read during the statement cancelled it")
	}
}
