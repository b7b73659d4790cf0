package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/peterh/liner"

	"github.com/oktasql/oktasql/server"
)

// runScript runs the statements of script in one session and prints each
// result set; it stops at the first error.
func (m *Main) runScript(ctx context.Context, eng *server.Engine, o *options, script string) error {
	if _, err := newResultWriter(o.format, io.Discard); err != nil {
		return err
	}
	stmts, rest := server.SplitStatements(script)
	if rest != "" {
		stmts = append(stmts, rest)
	}
	sess := eng.NewSession(o.database)
	for _, stmt := range stmts {
		if _, err := m.execute(ctx, eng, sess, o, stmt); err != nil {
			return err
		}
	}
	return nil
}

// execute runs one statement and prints its result; it returns the number
// of rows printed.
func (m *Main) execute(ctx context.Context, eng *server.Engine, sess sql.Session, o *options, stmt string) (int, error) {
	if o.queryTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.queryTimeout)
		defer cancel()
	}
	sctx := eng.Context(ctx, sess)
	sch, iter, err := eng.Query(sctx, stmt)
	if err != nil {
		return 0, err
	}
	if types.IsOkResultSchema(sch) {
		return 0, m.reportOK(sctx, iter)
	}
	out, err := newResultWriter(o.format, m.Stdout)
	if err != nil {
		iter.Close(sctx)
		return 0, err
	}
	cols := make([]string, len(sch))
	for i, c := range sch {
		cols[i] = c.Name
	}
	out.header(cols)
	var n int64
	if m.showsProgress(o) {
		stop := m.showProgress(eng, &n)
		defer stop()
	}
	for {
		row, err := iter.Next(sctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			iter.Close(sctx)
			out.done()
			return int(atomic.LoadInt64(&n)), err
		}
		cells := make([]cell, len(sch))
		for i, c := range sch {
			if cells[i], err = cellOf(sctx, c.Type, row[i]); err != nil {
				iter.Close(sctx)
				return int(atomic.LoadInt64(&n)), fmt.Errorf("column %s: %w", c.Name, err)
			}
		}
		out.row(cells)
		atomic.AddInt64(&n, 1)
	}
	rows := int(atomic.LoadInt64(&n))
	if err := iter.Close(sctx); err != nil {
		return rows, err
	}
	return rows, out.done()
}

// reportOK drains the OK result of a statement that returns no rows (a
// write, SET) and reports it on stderr with its notes (dry-run calls,
// created ids), as the mysql client does; stdout keeps result sets only.
func (m *Main) reportOK(ctx *sql.Context, iter sql.RowIter) error {
	var affected uint64
	for {
		row, err := iter.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			iter.Close(ctx)
			return err
		}
		if types.IsOkResult(row) {
			affected += row[0].(types.OkResult).RowsAffected
		}
	}
	if err := iter.Close(ctx); err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "Query OK, %d rows affected\n", affected)
	for _, w := range ctx.Session.Warnings() {
		fmt.Fprintf(m.Stderr, "%s: %s\n", w.Level, w.Message)
	}
	return nil
}

// showsProgress reports whether a statement shows its progress: asked
// for, in table format, on a terminal (never into a file or pipe).
func (m *Main) showsProgress(o *options) bool {
	return o.progress && o.format == "table" && m.StderrIsTerminal
}

// showProgress prints the rows read, the requests made and the rate-limit
// waits so far on stderr while a statement runs for more than a second;
// the returned func stops and clears it.
func (m *Main) showProgress(eng *server.Engine, rows *int64) func() {
	done := make(chan struct{})
	finished := make(chan struct{})
	start := time.Now()
	requests0, limited0 := eng.APIStats()
	go func() {
		defer close(finished)
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		shown := false
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(m.Stderr, "\r\033[K")
				}
				return
			case <-tick.C:
				if time.Since(start) < time.Second {
					continue
				}
				shown = true
				requests, limited := eng.APIStats()
				fmt.Fprintf(m.Stderr, "\r\033[K%d rows, %d requests, %d rate-limit waits (%.0f s)",
					atomic.LoadInt64(rows), requests-requests0, limited-limited0, time.Since(start).Seconds())
			}
		}
	}()
	return func() { close(done); <-finished }
}

// shell is the interactive REPL: history, multi-line statements ended by
// a semicolon, completion of table and column names, timing.
func (m *Main) shell(ctx context.Context, eng *server.Engine, o *options) error {
	line := liner.NewLiner()
	defer line.Close()
	line.SetCtrlCAborts(true)
	line.SetMultiLineMode(true)
	line.SetWordCompleter(completer(eng, o.database))
	history := filepath.Join(m.Home, ".oktasql_history")
	if f, err := os.Open(history); err == nil {
		line.ReadHistory(f)
		f.Close()
	}
	defer func() {
		if f, err := os.Create(history); err == nil {
			line.WriteHistory(f)
			f.Close()
		}
	}()

	fmt.Fprintf(m.Stdout, "oktasql %s: SQL over the Okta management API. End statements with ';', exit with quit or Ctrl-D.\n", version)
	sess := eng.NewSession(o.database)
	var buf strings.Builder
	for {
		prompt := "oktasql> "
		if buf.Len() > 0 {
			prompt = "      -> "
		}
		text, err := line.Prompt(prompt)
		if errors.Is(err, liner.ErrPromptAborted) {
			buf.Reset()
			continue
		}
		if err != nil { // io.EOF: Ctrl-D
			fmt.Fprintln(m.Stdout)
			return nil
		}
		if buf.Len() == 0 && isQuit(text) {
			return nil
		}
		buf.WriteString(text)
		buf.WriteString("\n")
		stmts, rest := server.SplitStatements(buf.String())
		if len(stmts) == 0 {
			if rest == "" {
				buf.Reset()
			}
			continue
		}
		line.AppendHistory(strings.TrimSpace(buf.String()))
		buf.Reset()
		buf.WriteString(rest)
		for _, stmt := range stmts {
			start := time.Now()
			n, err := m.execute(ctx, eng, sess, o, stmt)
			if err != nil {
				fmt.Fprintf(m.Stdout, "ERROR: %v\n", err)
				continue
			}
			fmt.Fprintf(m.Stdout, "%d %s (%.2f sec)\n\n", n, plural(n, "row", "rows"), time.Since(start).Seconds())
		}
	}
}

func isQuit(s string) bool {
	switch strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), ";")) {
	case "quit", "exit", `\q`:
		return true
	}
	return false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// completer completes table names, column names of every table and SQL
// keywords, case-insensitively.
func completer(eng *server.Engine, db string) liner.WordCompleter {
	seen := map[string]bool{}
	var words []string
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	for _, kw := range []string{"SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "LIKE", "IN", "IS", "NULL", "ORDER", "BY", "GROUP", "LIMIT", "JOIN", "LEFT", "ON", "COUNT", "DISTINCT", "INSERT", "INTO", "VALUES", "UPDATE", "SET", "DELETE", "CALL", "DESCRIBE", "SHOW", "TABLES", "EXPLAIN"} {
		add(kw)
	}
	for _, t := range eng.Tables(db) {
		add(t.Name)
		for _, c := range t.Columns {
			add(c.Name)
		}
	}
	sort.Strings(words)
	return func(line string, pos int) (string, []string, string) {
		start := strings.LastIndexAny(line[:pos], " \t\n(),.=<>'`") + 1
		prefix := strings.ToLower(line[start:pos])
		if prefix == "" {
			return line[:pos], nil, line[pos:]
		}
		var out []string
		for _, w := range words {
			if strings.HasPrefix(strings.ToLower(w), prefix) {
				out = append(out, w)
			}
		}
		return line[:start], out, line[pos:]
	}
}
