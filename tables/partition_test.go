package tables_test

import (
	"context"
	"sort"
	"strings"
	"testing"
)

// TestParallelScanIsTheWholeTable reads users and groups in full, split
// into searches on created (oktasql_parallel_scan), and checks that the
// rows are exactly those of the plain read: none missing, none twice.
func TestParallelScanIsTheWholeTable(t *testing.T) {
	h := newHarness(t, 600)
	ctx := context.Background()
	for _, tt := range []struct{ table, q string }{
		{"users", "SELECT id, status FROM users"},
		{"groups", "SELECT id, type FROM groups"},
	} {
		t.Run(tt.table, func(t *testing.T) {
			want, err := query(t, h.ref, tt.q, false)
			if err != nil {
				t.Fatal(err)
			}
			conn, err := h.db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := conn.ExecContext(ctx, "SET oktasql_parallel_scan = 4"); err != nil {
				t.Fatal(err)
			}
			h.requests()
			rows, err := conn.QueryContext(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for rows.Next() {
				var id, v string
				if err := rows.Scan(&id, &v); err != nil {
					t.Fatal(err)
				}
				got = append(got, id+"|"+v)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			sort.Strings(got)
			sort.Strings(want)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("the partitions read %d rows, the plain read %d", len(got), len(want))
			}
			reqs := h.requests()
			if len(reqs) < 5 || !strings.Contains(reqs[0], "sortBy=created") {
				t.Fatalf("requests %q: want the earliest created, then the partitions", reqs)
			}
			starts := map[string]int{}
			for _, r := range reqs[1:] {
				if strings.Contains(r, "after=") {
					continue
				}
				switch {
				case strings.Contains(r, "created ge") && strings.Contains(r, "created lt"):
					starts["middle"]++
				case strings.Contains(r, "created lt"):
					starts["first"]++
				case strings.Contains(r, "created ge"):
					starts["last"]++
				default:
					t.Errorf("a partition request without bounds: %s", r)
				}
			}
			if starts["first"] != 1 || starts["middle"] != 2 || starts["last"] != 1 {
				t.Errorf("partitions started: %v, want first 1, middle 2, last 1", starts)
			}
		})
	}
}
