// Command oktasql is a SQL engine over the Okta management API: a MySQL
// wire-protocol server, an interactive shell and a one-shot query tool.
// With no Okta org configured it runs against an embedded emulated org.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/spf13/pflag"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	m := NewMain()
	err := m.Run(ctx, os.Args[1:])
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	if err != nil && !errors.Is(err, pflag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "oktasql:", err)
		os.Exit(1)
	}
}

// Main is the program: its streams, environment and what it opened, so
// tests can run the whole command in-process.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Getenv reads the environment (Okta SDK variables).
	Getenv func(string) string
	// Home is the user's home directory (~/.okta/okta.yaml, shell history).
	Home string
	// StdinIsTerminal decides between the shell and reading SQL from stdin.
	StdinIsTerminal bool
	// StderrIsTerminal allows progress lines, which redraw themselves with
	// terminal escape codes, on stderr.
	StderrIsTerminal bool

	closers []func() error
}

// NewMain returns a Main wired to the process.
func NewMain() *Main {
	home, _ := os.UserHomeDir()
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Home: home,
		StdinIsTerminal: isTerminal(os.Stdin), StderrIsTerminal: isTerminal(os.Stderr)}
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Close releases what Run opened (emulated orgs, servers), last first.
func (m *Main) Close() error {
	var errs []error
	for i := len(m.closers) - 1; i >= 0; i-- {
		errs = append(errs, m.closers[i]())
	}
	m.closers = nil
	return errors.Join(errs...)
}

func (m *Main) onClose(f func() error) { m.closers = append(m.closers, f) }

const usage = `oktasql: SQL over the Okta management API

Usage:
  oktasql [flags]                 interactive shell (SQL from stdin when not a terminal)
  oktasql -e "SQL" [flags]        run statements and print the results
  oktasql shell [flags]           interactive shell
  oktasql serve [flags]           MySQL wire-protocol server
  oktasql mcp [flags]             MCP server for AI agents (stdio; --listen for HTTP)
  oktasql emulate [flags]         run the emulated Okta org on its own
  oktasql tables [--exclusions]   list the catalog's tables
  oktasql describe TABLE          a table's reference page: columns, keys, pushdown, writes, procedures
  oktasql docs [--out DIR]        write the reference pages (Markdown) of every table and procedure
  oktasql operations              every API operation and what it maps to

With no Okta org configured (flags, OKTA_CLIENT_* variables or ~/.okta/okta.yaml),
oktasql runs against an embedded emulated org.

Flags:
`

// Run runs the command line args.
func (m *Main) Run(ctx context.Context, args []string) error {
	cmd := ""
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "emulate":
		return emulateMain(ctx, args, m.Stdout, m.Stderr)
	case "tables", "describe", "operations":
		return m.catalogCommand(cmd, args)
	case "docs":
		return m.docsCommand(ctx, args)
	case "", "shell", "serve", "mcp":
	default:
		return fmt.Errorf("unknown command %q (see oktasql --help)", cmd)
	}

	var opts options
	fs := opts.flagSet(cmd)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprint(m.Stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if cmd == "mcp" && !opts.allowWrites {
		opts.readOnly = true
	}
	if opts.rateShare <= 0 || opts.rateShare > 1 {
		return fmt.Errorf("--rate-share %g: want a share over 0 and at most 1", opts.rateShare)
	}
	eng, err := m.openEngine(ctx, &opts)
	if err != nil {
		return err
	}
	switch {
	case cmd == "serve":
		return m.serve(ctx, eng, &opts)
	case cmd == "mcp":
		return m.mcp(ctx, eng, &opts)
	case opts.execute != "":
		return m.runScript(ctx, eng, &opts, opts.execute)
	case cmd == "" && !m.StdinIsTerminal:
		script, err := io.ReadAll(m.Stdin)
		if err != nil {
			return fmt.Errorf("reading SQL from stdin: %w", err)
		}
		return m.runScript(ctx, eng, &opts, string(script))
	}
	return m.shell(ctx, eng, &opts)
}
