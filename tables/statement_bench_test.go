package tables_test

import (
	"testing"
)

// BenchmarkStatement measures the whole cost of one small statement over
// a MySQL socket: parsing, analysis, the API call to the in-process
// emulator, decoding and the rows on the wire. "select 1" is the engine's
// floor, with no API call.
func BenchmarkStatement(b *testing.B) {
	h := newHarness(b, 200)
	var login string
	if err := h.db.QueryRow("SELECT profile_login FROM users LIMIT 1").Scan(&login); err != nil {
		b.Fatal(err)
	}
	for _, q := range []struct{ name, sql string }{
		{"select_1", "SELECT 1"},
		{"user_by_login", "SELECT * FROM users WHERE profile_login = '" + login + "'"},
		{"first_10_users", "SELECT id, profile_login, status FROM users LIMIT 10"},
	} {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				rows, err := h.db.Query(q.sql)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
				}
				if err := rows.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
