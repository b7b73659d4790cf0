package seed

import (
	"runtime"
	"testing"
	"time"
)

// benchNow fixes the clock of generated orgs in tests.
var benchNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// BenchmarkGenerate50k generates a 50,000-user org (the acceptance target is
// well under 2 s) and reports the Go heap it keeps per user.
func BenchmarkGenerate50k(b *testing.B) {
	const users = 50_000
	for b.Loop() {
		Generate(Config{Users: users, Seed: 1, Now: benchNow})
	}
	b.StopTimer()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	org := Generate(Config{Users: users, Seed: 1, Now: benchNow})
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/users, "heapB/user")
	b.ReportMetric(float64(len(org.Events)), "events")
	runtime.KeepAlive(org)
}
