package refdocs_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/oktasql/oktasql/internal/refdocs"
	"github.com/oktasql/oktasql/internal/refdocs/exampleorg"
	"github.com/oktasql/oktasql/schema"
)

var update = flag.Bool("update", false, "rewrite docs/ from the catalog")

// docsDir is the committed reference.
var docsDir = filepath.Join("..", "..", "docs")

// TestDocs generates the reference, running every example of every page
// on an emulated org (an example that fails or errs fails the test), and
// fails when the committed docs/ differ: the requests a page states are
// the ones its examples made. -update rewrites docs/.
func TestDocs(t *testing.T) {
	ctx := context.Background()
	org, err := exampleorg.Start(ctx, schema.Default())
	if err != nil {
		t.Fatal(err)
	}
	defer org.Close()
	start := time.Now()
	docs, err := refdocs.Generate(ctx, schema.Default(), org)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d examples run in %v", docs.Examples, time.Since(start).Round(time.Millisecond))
	if *update {
		if err := docs.Write(docsDir); err != nil {
			t.Fatal(err)
		}
		return
	}
	var stale []string
	for name, want := range docs.Files {
		got, err := os.ReadFile(filepath.Join(docsDir, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(got, want) {
			stale = append(stale, name)
		}
	}
	for _, sub := range []string{"tables", "procedures"} {
		files, _ := filepath.Glob(filepath.Join(docsDir, sub, "*.md"))
		for _, f := range files {
			if _, ok := docs.Files[sub+"/"+filepath.Base(f)]; !ok {
				stale = append(stale, sub+"/"+filepath.Base(f)+" (no longer generated)")
			}
		}
	}
	if len(stale) > 0 {
		sort.Strings(stale)
		t.Fatalf("docs/ is stale (%d files: %s); refresh it with `go test ./internal/refdocs -update` or `go run ./cmd/oktasql docs --out docs`",
			len(stale), strings.Join(stale, ", "))
	}
}

// TestDescribe checks the terminal rendering of a table's page (oktasql
// describe) against golden files; -update rewrites them.
func TestDescribe(t *testing.T) {
	for _, name := range []string{"users", "group_members", "system_log", "org"} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := refdocs.WriteTable(&b, schema.Default(), name, refdocs.Text); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "describe_"+name+".txt")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil || !bytes.Equal(b.Bytes(), want) {
				t.Errorf("describe %s differs from %s; run go test ./internal/refdocs -update and review the diff", name, golden)
			}
		})
	}
	t.Run("unknown table", func(t *testing.T) {
		if err := refdocs.WriteTable(&bytes.Buffer{}, schema.Default(), "nope", refdocs.Text); !errors.Is(err, schema.ErrNoTable) {
			t.Errorf("err = %v, want ErrNoTable", err)
		}
	})
}
