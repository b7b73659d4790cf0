package emulator

import (
	"io"
	"testing"
)

func TestMainErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"unknown flag", []string{"--nope"}},
		{"bad users", []string{"--users", "many"}},
		{"bad listen address", []string{"--users", "5", "--listen", "256.0.0.1:1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := Main(tc.args, io.Discard, io.Discard); err == nil {
				t.Fatalf("Main(%q) = nil, want an error", tc.args)
			}
		})
	}
}
