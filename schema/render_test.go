package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./schema -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test ./schema -update and review the diff.\ngot:\n%s", name, got)
	}
}

func TestRenderGolden(t *testing.T) {
	c := Default()
	tests := []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{"tables.txt", func(b *bytes.Buffer) error { return RenderTables(b, c, FormatText) }},
		{"exclusions.txt", func(b *bytes.Buffer) error { return RenderExclusions(b, c, FormatText) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.render(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

func TestRenderJSON(t *testing.T) {
	c := Default()
	t.Run("operations", func(t *testing.T) {
		var b bytes.Buffer
		if err := RenderOperations(&b, c, FormatJSON); err != nil {
			t.Fatal(err)
		}
		var got []Mapping
		if err := json.Unmarshal(b.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(c.Mappings) || got[0].OperationID == "" {
			t.Errorf("%d operations rendered, want %d", len(got), len(c.Mappings))
		}
	})
	t.Run("tables", func(t *testing.T) {
		var b bytes.Buffer
		if err := RenderTables(&b, c, FormatJSON); err != nil {
			t.Fatal(err)
		}
		var got []tableSummary
		if err := json.Unmarshal(b.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(c.Tables) {
			t.Errorf("%d tables rendered, want %d", len(got), len(c.Tables))
		}
	})
	t.Run("describe", func(t *testing.T) {
		var b bytes.Buffer
		if err := RenderDescribe(&b, c, "users"); err != nil {
			t.Fatal(err)
		}
		var got Table
		if err := json.Unmarshal(b.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if got.Name != "users" || got.Column("profile_login") == nil {
			t.Errorf("describe users json: %s", got.Name)
		}
	})
}

func TestRenderErrors(t *testing.T) {
	c := Default()
	tests := []struct {
		name string
		err  error
		call func() error
	}{
		{"unknown table", ErrNoTable, func() error { return RenderDescribe(&bytes.Buffer{}, c, "nope") }},
		{"tables format", ErrUnknownFormat, func() error { return RenderTables(&bytes.Buffer{}, c, "csv") }},
		{"operations format", ErrUnknownFormat, func() error { return RenderOperations(&bytes.Buffer{}, c, "") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); !errors.Is(err, tt.err) {
				t.Errorf("error = %v, want %v", err, tt.err)
			}
		})
	}
}
