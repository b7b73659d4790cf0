package schema

import "testing"

// TestTableDescriptions checks every curated description names a table of
// the catalog and is one line.
func TestTableDescriptions(t *testing.T) {
	c := Default()
	for name, d := range tableDescriptions {
		if c.Table(name) == nil {
			t.Errorf("description of %s: no such table", name)
		}
		if d == "" || len(d) > 200 {
			t.Errorf("description of %s: want one line, got %q", name, d)
		}
	}
}
