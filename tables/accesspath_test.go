package tables_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/oktasql/oktasql/schema"
)

// TestAccessPathsAgree holds the rule that a column has the same value
// whichever request produced its row: for every catalog table with an
// item GET, rows read by a plain list (pushdown off) are read again by
// their item column with pushdown on (a point GET, or a search where the
// GET cannot fill a column, or the list again) and must be identical,
// column by column. A key no table supplies takes a value of the resource
// it names (sourcelessKeys). It lists the tables it cannot read, and why.
func TestAccessPathsAgree(t *testing.T) {
	h := newHarness(t, 60)
	checked, tables := 0, 0
	var unread []string
	for _, tb := range schema.Default().Tables {
		item := tb.Column(tb.ItemColumn)
		if tb.Get == nil || item == nil || item.WriteOnly {
			continue
		}
		var keys []string
		var given []string // equalities on the keys no table supplies
		for _, k := range tb.Keys {
			keys = append(keys, k.Column)
			if q, ok := sourcelessKeys[k.Column]; ok && k.SourceTable == "" {
				if v, err := query(t, h.ref, q, false); err == nil && len(v) > 0 {
					given = append(given, fmt.Sprintf("%s = '%s'", k.Column, v[0]))
				}
			}
		}
		cols := append(append([]string{}, keys...), item.Name)
		t.Run(tb.Name, func(t *testing.T) {
			q := "SELECT " + strings.Join(cols, ", ") + ", t.* FROM `" + tb.Name + "` t"
			if len(given) > 0 {
				q += " WHERE " + strings.Join(given, " AND ")
			}
			list, err := query(t, h.ref, q+" LIMIT 3", false)
			if err != nil {
				unread = append(unread, fmt.Sprintf("%s: %v", tb.Name, err))
				t.Skipf("no plain read (%v)", err)
			}
			if len(list) == 0 {
				unread = append(unread, tb.Name+": no rows")
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
	slices.Sort(unread)
	t.Logf("tables with no row read by id:\n  %s", strings.Join(unread, "\n  "))
	if tables == 0 {
		t.Fatal("no table was checked")
	}
}

// TestUnknownParentReadsNoRows reads every keyed table under parents that
// do not exist, with pushdown on and off: Okta answers such a child list
// 404, which is no row, never an error, and never the rows of another
// parent; both access paths agree.
func TestUnknownParentReadsNoRows(t *testing.T) {
	h := newHarness(t, 30)
	checked := 0
	for _, tb := range schema.Default().Tables {
		if len(tb.Keys) == 0 || tb.List.Method != http.MethodGet {
			continue
		}
		template := strings.Split(strings.Trim(tb.List.Path, "/"), "/")
		first := tb.Keys[0]
		if first.PathParam == "" || template[len(template)-1] == "{"+first.PathParam+"}" {
			continue // the key names the object read, not a parent
		}
		var where []string
		for _, k := range tb.Keys {
			where = append(where, k.Column+" = '0zzNoSuchParent00000'")
		}
		q := "SELECT * FROM `" + tb.Name + "` WHERE " + strings.Join(where, " AND ")
		t.Run(tb.Name, func(t *testing.T) {
			for _, db := range []queryer{h.db, h.ref} {
				rows, err := query(t, db, q, false)
				if err != nil || len(rows) > 0 {
					t.Errorf("%s: %d rows, error %v; want no row", q, len(rows), err)
				}
			}
		})
		checked++
	}
	if checked < 80 {
		t.Errorf("only %d tables were read under an unknown parent", checked)
	}
}
