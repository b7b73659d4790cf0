package tables_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/oktasql/oktasql/schema"
)

// TestAccessPathsAgree holds the rule that a column has the same value
// whichever request produced its row: for every catalog table with an
// item GET, rows read by a plain list (pushdown off) are read again by id
// with pushdown on (a point GET, or a search where the GET cannot fill a
// column) and must be identical, column by column.
func TestAccessPathsAgree(t *testing.T) {
	h := newHarness(t, 60)
	checked, tables := 0, 0
	for _, tb := range schema.Default().Tables {
		if tb.Get == nil || tb.Column("id") == nil {
			continue
		}
		var keys []string
		for _, k := range tb.Keys {
			keys = append(keys, k.Column)
		}
		cols := append(append([]string{}, keys...), "id")
		t.Run(tb.Name, func(t *testing.T) {
			list, err := query(t, h.ref, "SELECT "+strings.Join(cols, ", ")+", t.* FROM `"+tb.Name+"` t LIMIT 3", false)
			if err != nil {
				t.Skipf("no plain read (%v)", err)
			}
			tables++
			for _, row := range list {
				vals := strings.SplitN(row, "|", len(cols)+1)
				if slices.Contains(vals[:len(cols)], "NULL") {
					continue // no key to read it by
				}
				var where []string
				for i, c := range cols {
					where = append(where, fmt.Sprintf("%s = '%s'", c, strings.ReplaceAll(vals[i], "'", "''")))
				}
				q := "SELECT " + strings.Join(cols, ", ") + ", t.* FROM `" + tb.Name + "` t WHERE " + strings.Join(where, " AND ")
				got, err := query(t, h.db, q, false)
				if err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				if len(got) != 1 || got[0] != row {
					t.Errorf("%s\n got %q\nwant %q (from the list)", q, got, row)
				}
				checked++
			}
		})
	}
	t.Logf("%d rows of %d tables read by list and by id", checked, tables)
	if tables == 0 {
		t.Fatal("no table was checked")
	}
}
