package main

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/oktasql/oktasql/internal/refdocs"
	"github.com/oktasql/oktasql/internal/refdocs/exampleorg"
	"github.com/oktasql/oktasql/schema"
)

// docsCommand runs `oktasql docs`: it writes the reference pages of the
// embedded catalog, running their examples on an emulated org.
func (m *Main) docsCommand(ctx context.Context, args []string) error {
	fs := pflag.NewFlagSet("oktasql docs", pflag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	out := fs.String("out", "docs", "directory to write the pages into")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	org, err := exampleorg.Start(ctx, schema.Default())
	if err != nil {
		return err
	}
	defer org.Close()
	docs, err := refdocs.Generate(ctx, schema.Default(), org)
	if err != nil {
		return err
	}
	if err := docs.Write(*out); err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "wrote %d pages to %s (%d examples run)\n", len(docs.Files), *out, docs.Examples)
	return nil
}
