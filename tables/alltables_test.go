package tables_test

import (
	"strings"
	"testing"

	"github.com/oktasql/oktasql/schema"
)

// TestEveryTableSelects reads every catalog table from the emulated org:
// tables that need a key fan out over their parent table, or get a key
// value when no table lists it.
func TestEveryTableSelects(t *testing.T) {
	h := newHarness(t, 60)
	for _, tb := range schema.Default().Tables {
		t.Run(tb.Name, func(t *testing.T) {
			q := "SELECT * FROM `" + tb.Name + "`"
			var where []string
			for _, k := range tb.Keys {
				if k.SourceTable == "" {
					where = append(where, k.Column+" = 'oktasql-test-key'")
				}
			}
			// A required query parameter with no list of values to try
			// (ssf_stream_status: stream_id) needs one too.
			if pd := tb.Pushdown; pd != nil {
				for _, b := range pd.Params {
					if p := tb.List.QueryParam(b.Param); b.Required && (p == nil || len(p.Enum) == 0) {
						where = append(where, tb.ColumnAt(strings.Split(b.Field, ".")...).Name+" = 'oktasql-test-key'")
					}
				}
			}
			for i, w := range where {
				if i == 0 {
					q += " WHERE " + w
				} else {
					q += " AND " + w
				}
			}
			if _, err := query(t, h.db, q+" LIMIT 20", false); err != nil {
				t.Errorf("%s: %v", q, err)
			}
		})
	}
}
