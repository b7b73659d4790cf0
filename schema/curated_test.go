package schema

import (
	"reflect"
	"strings"
	"testing"
)

// TestCuratedDataMatchesCatalog guards the hand-curated layer against
// drift from the generated part: every name it uses must exist.
func TestCuratedDataMatchesCatalog(t *testing.T) {
	c := Default()
	t.Run("table names", func(t *testing.T) {
		for id, name := range curatedTableNames {
			if m := c.Mapping(id); m == nil || m.Kind != KindTableRead || m.Target != name {
				t.Errorf("list %s should read table %s, maps to %+v", id, name, m)
			}
		}
	})
	t.Run("column paths", func(t *testing.T) {
		for table, paths := range curatedColumnPaths {
			tb := c.Table(table)
			if tb == nil {
				t.Errorf("curated columns for missing table %s", table)
				continue
			}
			for _, p := range paths {
				if tb.ColumnAt(p...) == nil {
					t.Errorf("%s has no column at %s", table, strings.Join(p, "."))
				}
			}
		}
	})
	t.Run("item GET columns", func(t *testing.T) {
		for table, paths := range curatedGetColumns {
			tb := c.Table(table)
			if tb == nil || tb.Get == nil || tb.Column(tb.ItemColumn) == nil {
				t.Errorf("columns from the item GET of %s, which has no item GET and item column", table)
				continue
			}
			for _, p := range paths {
				if col := tb.ColumnAt(p...); col == nil || !col.FromGet || col.WriteOnly {
					t.Errorf("%s: the column at %s should be read from the item GET: %+v", table, strings.Join(p, "."), col)
				}
			}
		}
	})
	t.Run("pushdown and limits", func(t *testing.T) {
		for table := range pushdowns {
			if tb := c.Table(table); tb == nil || !reflect.DeepEqual(tb.Pushdown, pushdowns[table]) {
				t.Errorf("pushdown for %s not applied", table)
			}
		}
		for table, l := range pageLimits {
			if tb := c.Table(table); tb == nil || tb.PageLimit != l {
				t.Errorf("page limit for %s not applied", table)
			}
		}
		for table, k := range primaryKeys {
			if tb := c.Table(table); tb == nil || strings.Join(tb.PrimaryKey, ",") != strings.Join(k, ",") {
				t.Errorf("primary key for %s not applied", table)
			}
		}
	})
	t.Run("pushdown params are query parameters", func(t *testing.T) {
		for table, p := range pushdowns {
			tb := c.Table(table)
			var params []string
			if p.Filter != nil {
				params = append(params, p.Filter.Param)
			}
			if p.Search != nil {
				params = append(params, p.Search.Param)
			}
			if p.Q != nil {
				params = append(params, "q")
			}
			for _, b := range p.Params {
				params = append(params, b.Param)
			}
			if p.TimeRange != nil {
				params = append(params, p.TimeRange.Since, p.TimeRange.Until)
			}
			if p.Sort != nil {
				for _, s := range []string{p.Sort.ByParam, p.Sort.OrderParam} {
					if s != "" {
						params = append(params, s)
					}
				}
			}
			for _, name := range params {
				found := false
				for _, q := range tb.List.Params {
					found = found || (q.In == "query" && q.Name == name)
				}
				if !found {
					t.Errorf("%s: %s takes no query parameter %s", table, tb.List.ID, name)
				}
			}
		}
	})
}
