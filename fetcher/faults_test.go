package fetcher

import (
	"context"
	"strings"
	"testing"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/schema"
)

// TestFaultsAgainstTheEmulator reads every user of an emulated org while
// it misbehaves: each run ends with every user, or with an error, never
// with fewer users and no error.
func TestFaultsAgainstTheEmulator(t *testing.T) {
	emu := startEmulator(t, 700)
	list := func(c *Client) ([]string, error) {
		return collect(t, c.List(context.Background(), ListRequest{Operation: "listUsers", Path: "/api/v1/users", Query: map[string][]string{"limit": {"100"}}, Pagination: schema.PaginationLink}))
	}
	clean, err := list(mustNew(t, emu.URL, WithToken("tok")))
	if err != nil || len(clean) < 600 {
		t.Fatalf("clean read: %d users, %v", len(clean), err)
	}
	tests := []struct {
		name    string
		fault   emulator.Fault
		retries int
		wantErr bool
	}{
		{"429 with reset", emulator.Fault{Kind: emulator.Fault429, Nth: 2, Count: 1}, 4, false},
		{"concurrency 429", emulator.Fault{Kind: emulator.FaultConcurrency429, Nth: 3, Count: 2}, 4, false},
		{"500 storm", emulator.Fault{Kind: emulator.Fault500, Rate: 0.3}, 8, false},
		{"503 storm", emulator.Fault{Kind: emulator.Fault503, Rate: 0.3}, 8, false},
		{"dropped connection mid-body", emulator.Fault{Kind: emulator.FaultDrop, Nth: 2, Count: 2}, 4, false},
		{"truncated JSON body", emulator.Fault{Kind: emulator.FaultTruncate, Nth: 4, Count: 1}, 4, false},
		{"500 forever", emulator.Fault{Kind: emulator.Fault500, Nth: 0, Rate: 1}, 2, true},
		{"truncated forever", emulator.Fault{Kind: emulator.FaultTruncate, Rate: 1}, 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			emu.Org.ClearFaults()
			emu.Org.InjectFault(tt.fault)
			defer emu.Org.ClearFaults()
			c := mustNew(t, emu.URL, WithToken("tok"), WithMaxRetries(tt.retries))
			got, err := list(c)
			switch {
			case tt.wantErr && err == nil:
				t.Errorf("no error, %d users", len(got))
			case !tt.wantErr && err != nil:
				t.Errorf("error after retries: %v", err)
			case err == nil && len(got) != len(clean):
				t.Errorf("read %d users without an error, want %d", len(got), len(clean))
			}
			if tt.wantErr && err != nil && !strings.Contains(err.Error(), "listUsers") {
				t.Errorf("the error does not name the operation: %v", err)
			}
			if st := c.Stats(); !tt.wantErr && st.Total.Retries == 0 {
				t.Errorf("no retry counted: %+v", st.Total)
			}
		})
	}
}
