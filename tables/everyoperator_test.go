package tables_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/oktasql/oktasql/schema"
)

// TestEveryPushedOperator sends, for every table and every column the
// catalog says can be pushed, each SQL comparison of the column's type
// with a value of a real row (=, IN, <>, ranges, LIKE prefix, infix and
// suffix, IS [NOT] NULL), with pushdown on: the emulated org, which holds
// the requests to its own reading of Okta's rules, must accept each, and
// the rows must be those of the same query with pushdown off.
func TestEveryPushedOperator(t *testing.T) {
	h := newHarness(t, 60)
	queries, tables := 0, 0
	for _, tb := range schema.Default().Tables {
		pushable := tb.PushableColumns()
		if len(pushable) == 0 {
			continue
		}
		t.Run(tb.Name, func(t *testing.T) {
			var keys []string
			for _, k := range tb.Keys {
				keys = append(keys, k.Column)
			}
			cols := append(append([]string{}, keys...), pushable...)
			sample, err := query(t, h.ref, "SELECT "+strings.Join(quoted(cols), ", ")+" FROM `"+tb.Name+"` LIMIT 1", false)
			if err != nil || len(sample) == 0 {
				t.Skipf("no row to take values from (%v)", err)
			}
			tables++
			vals := strings.Split(sample[0], "|")
			var where []string
			for i, k := range keys {
				where = append(where, fmt.Sprintf("`%s` = %s", k, sqlString(vals[i])))
			}
			for i, name := range pushable {
				v := vals[len(keys)+i]
				for _, pred := range predicates(tb.Column(name), v) {
					q := "SELECT * FROM `" + tb.Name + "` WHERE " + strings.Join(append(slices.Clone(where), pred), " AND ")
					want, werr := query(t, h.ref, q, false)
					got, err := query(t, h.db, q, false)
					queries++
					switch {
					case err != nil && werr == nil:
						t.Errorf("%s: %v with pushdown, %d rows without", q, err, len(want))
					case werr != nil:
						continue // the comparison itself is not valid SQL on this value
					case !sameRows(got, want):
						t.Errorf("%s: %d rows with pushdown, %d without", q, len(got), len(want))
					}
				}
			}
		})
	}
	t.Logf("%d queries over %d tables", queries, tables)
	if tables == 0 {
		t.Fatal("no table was checked")
	}
}

// predicates are the comparisons of col with v, a value of a real row
// ("NULL" for none), as SQL.
func predicates(col *schema.Column, v string) []string {
	c := "`" + col.Name + "`"
	out := []string{c + " IS NULL", c + " IS NOT NULL"}
	if v == "NULL" {
		return out
	}
	lit := sqlString(v)
	out = append(out, c+" = "+lit, c+" IN ("+lit+", 'oktasql-none')", c+" <> "+lit)
	if col.Type != schema.TypeBoolean {
		out = append(out, c+" < "+lit, c+" <= "+lit, c+" > "+lit, c+" >= "+lit)
	}
	if col.Type == schema.TypeString && len(v) > 1 {
		r := []rune(v)
		head, mid, tail := string(r[:(len(r)+1)/2]), string(r[len(r)/3:len(r)-len(r)/3]), string(r[len(r)/2:])
		for _, p := range []string{head + "%", "%" + mid + "%", "%" + tail} {
			out = append(out, c+" LIKE "+sqlString(strings.NewReplacer(`\`, `\\`, "_", `\_`).Replace(p)))
		}
	}
	return out
}

// sameRows compares two answers as multisets.
func sameRows(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
