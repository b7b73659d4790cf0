package server

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// clientPacket frames a client packet (see packet).
func clientPacket(seq byte, payload string) []byte { return packet(seq, []byte(payload)) }

func TestPrepareReaderRewritesOnlyPrepares(t *testing.T) {
	prepare := clientPacket(0, "\x16SELECT * FROM groups")
	query := clientPacket(0, "\x03SELECT * FROM groups")
	tests := []struct {
		name    string
		in, out [][]byte
	}{
		{"prepare rewritten", [][]byte{prepare, query},
			[][]byte{clientPacket(0, "\x16SELECT * FROM `groups`"), query}},
		{"continuation packets untouched", [][]byte{clientPacket(0, "\x03x"), clientPacket(1, "\x16SELECT * FROM groups")},
			[][]byte{clientPacket(0, "\x03x"), clientPacket(1, "\x16SELECT * FROM groups")}},
		{"empty packet", [][]byte{clientPacket(0, ""), prepare},
			[][]byte{clientPacket(0, ""), clientPacket(0, "\x16SELECT * FROM `groups`")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pr := &prepareReader{r: bufio.NewReader(iotest.OneByteReader(bytes.NewReader(bytes.Join(tt.in, nil)))), rewrite: func(q string) string {
				return strings.ReplaceAll(q, "groups", "`groups`")
			}}
			got, err := io.ReadAll(iotest.OneByteReader(pr))
			if err != nil {
				t.Fatal(err)
			}
			if want := bytes.Join(tt.out, nil); !bytes.Equal(got, want) {
				t.Errorf("read %q, want %q", got, want)
			}
		})
	}
}
