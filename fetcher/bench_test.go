package fetcher

import (
	"context"
	"runtime"
	"testing"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/schema"
)

// BenchmarkListUsersPage reads 200-user pages from the emulator on
// loopback and reports pages/s, items/s and allocations per item.
func BenchmarkListUsersPage(b *testing.B) {
	c := emulated(b, 20000)
	req := ListRequest{Operation: "listUsers", Path: "/api/v1/users", Query: map[string][]string{"limit": {"200"}, "after": {"4000"}}, Pagination: schema.PaginationLink, MaxPages: 1}
	read := func() int {
		it := c.List(context.Background(), req)
		n := 0
		for it.Next() {
			n++
		}
		if err := it.Err(); err != nil {
			b.Fatal(err)
		}
		return n
	}
	read() // warm the emulator's cache and the connection
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	items := 0
	for i := 0; i < b.N; i++ {
		items += read()
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N)/secs, "pages/s")
	b.ReportMetric(float64(items)/secs, "items/s")
	// Allocations of the whole process (the emulator serves in it too).
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(items), "allocs/item")
}

// BenchmarkSplitArray splits a real page of 200 users.
func BenchmarkSplitArray(b *testing.B) {
	c := emulated(b, 1000)
	resp, err := c.Do(context.Background(), Request{Operation: "listUsers", Method: "GET", Path: "/api/v1/users", Query: map[string][]string{"limit": {"200"}}})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(resp.Body)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if items, ok := splitArray(resp.Body); !ok || len(items) != 200 {
			b.Fatalf("%d items, %v", len(items), ok)
		}
	}
}

// emulated starts an emulated org of users users for the benchmark and
// returns a client of it.
func emulated(b *testing.B, users int) *Client {
	b.Helper()
	return mustNew(b, startEmulator(b, users).URL, WithToken("tok"))
}

// startEmulator starts an emulated org of users users, token "tok", for
// the rest of the test.
func startEmulator(tb testing.TB, users int) *emulator.Server {
	tb.Helper()
	emu, err := emulator.Start(emulator.Config{Users: users, Seed: 5, Token: "tok", Now: emuNow})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(emu.Close)
	return emu
}
