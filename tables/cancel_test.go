package tables_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/oktasql/oktasql/emulator"
)

// TestKillQueryCancelsCalls kills a long fan-out from a second connection:
// the query ends with an error at once and no further request reaches Okta.
func TestKillQueryCancelsCalls(t *testing.T) {
	emu, err := emulator.Start(emulator.Config{Users: 1000, Seed: 7, Token: testToken, Now: harnessNow, Latency: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	h := &harness{t: t, emu: emu, api: emu.URL}
	db := h.serve(false, "okta")
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var id int64
	if err := conn.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&id); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		var n int64
		// ~1,000 calls at 100 ms, half of the org's 75 at once: 3 s
		done <- conn.QueryRowContext(ctx, "SELECT count(*) FROM user_factors").Scan(&n)
	}()
	time.Sleep(500 * time.Millisecond)
	killed := time.Now()
	if _, err := db.ExecContext(ctx, fmt.Sprintf("KILL QUERY %d", id)); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("the killed query succeeded")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the killed query did not end within 5 s")
	}
	if took := time.Since(killed); took > 2*time.Second {
		t.Errorf("the query ended %s after KILL QUERY", took)
	}
	time.Sleep(300 * time.Millisecond) // requests in flight at the kill finish
	before := len(emu.Org.Requests())
	time.Sleep(500 * time.Millisecond)
	if after := len(emu.Org.Requests()); after != before {
		t.Errorf("%d requests reached Okta after the query was killed", after-before)
	}
	if before > 400 {
		t.Errorf("%d requests before the kill: the fan-out was not cut short", before)
	}
}
