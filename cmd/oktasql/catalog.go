package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/internal/refdocs"
	"github.com/oktasql/oktasql/schema"
)

// catalogCommand runs tables, describe and operations: they read the
// catalog only and never call Okta.
func (m *Main) catalogCommand(cmd string, args []string) error {
	var o options
	fs := pflag.NewFlagSet("oktasql "+cmd, pflag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.StringVar(&o.specFile, "spec", "", "build the catalog from this Okta OpenAPI spec")
	format := fs.String("format", "text", "output format: text or json")
	exclusions := false
	if cmd == "tables" {
		fs.BoolVar(&exclusions, "exclusions", false, "list the operations left out of the catalog, with reasons")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	cat, err := o.catalog()
	if err != nil {
		return err
	}
	switch {
	case cmd == "tables" && exclusions:
		return schema.RenderExclusions(m.Stdout, cat, *format)
	case cmd == "tables":
		return schema.RenderTables(m.Stdout, cat, *format)
	case cmd == "operations":
		return schema.RenderOperations(m.Stdout, cat, *format)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("usage: oktasql describe TABLE")
	}
	switch *format {
	case schema.FormatText:
		return refdocs.WriteTable(m.Stdout, cat, fs.Arg(0), refdocs.Text)
	case schema.FormatJSON:
		return schema.RenderDescribe(m.Stdout, cat, fs.Arg(0))
	}
	return fmt.Errorf("%w %q (want text or json)", schema.ErrUnknownFormat, *format)
}

// emulateMain runs `oktasql emulate`: the emulated org on its own.
func emulateMain(_ context.Context, args []string, stdout, stderr io.Writer) error {
	return emulator.Main(args, stdout, stderr)
}
