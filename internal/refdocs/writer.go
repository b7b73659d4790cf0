package refdocs

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Format is the output format of a page.
type Format int

// Formats: Markdown for the committed pages, Text for the terminal
// (oktasql describe).
const (
	Markdown Format = iota
	Text
)

// writer writes one page's blocks in a format. Pages are written once,
// against this interface, so Markdown and terminal text say the same.
type writer interface {
	heading(level int, text string)
	para(text string)
	list(items []string)
	table(header []string, rows [][]string)
	code(lang, text string)
	// mono and link format inline text.
	mono(s string) string
	link(text, url string) string
	err() error
}

// newWriter returns the writer of format f over w.
func newWriter(w io.Writer, f Format) writer {
	if f == Text {
		return &textWriter{sticky: sticky{w: w}}
	}
	return &markdownWriter{sticky: sticky{w: w}}
}

// sticky keeps the first write error, so a page's blocks need no checks,
// and separates blocks by a blank line.
type sticky struct {
	w       io.Writer
	e       error
	started bool
}

// block separates a block from the previous one.
func (s *sticky) block() {
	if s.started {
		s.printf("\n")
	}
	s.started = true
}

func (s *sticky) printf(format string, args ...any) {
	if s.e == nil {
		_, s.e = fmt.Fprintf(s.w, format, args...)
	}
}

func (s *sticky) err() error { return s.e }

// markdownWriter writes GitHub-flavoured Markdown.
type markdownWriter struct{ sticky }

func (m *markdownWriter) heading(level int, text string) {
	m.block()
	m.printf("%s %s\n", strings.Repeat("#", level), text)
}

func (m *markdownWriter) para(text string) {
	m.block()
	m.printf("%s\n", text)
}

func (m *markdownWriter) list(items []string) {
	m.block()
	for _, it := range items {
		m.printf("- %s\n", it)
	}
}

func (m *markdownWriter) table(header []string, rows [][]string) {
	m.block()
	m.printf("| %s |\n", strings.Join(header, " | "))
	m.printf("|%s\n", strings.Repeat("---|", len(header)))
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = strings.ReplaceAll(c, "|", `\|`)
		}
		m.printf("| %s |\n", strings.Join(cells, " | "))
	}
}

func (m *markdownWriter) code(lang, text string) {
	m.block()
	m.printf("```%s\n%s\n```\n", lang, strings.TrimRight(text, "\n"))
}

func (m *markdownWriter) mono(s string) string {
	if strings.Contains(s, "`") {
		return "`` " + s + " ``"
	}
	return "`" + s + "`"
}

func (m *markdownWriter) link(text, url string) string { return "[" + text + "](" + url + ")" }

// textWriter writes plain text for a terminal: underlined headings,
// aligned tables, indented code.
type textWriter struct{ sticky }

func (t *textWriter) heading(level int, text string) {
	t.block()
	t.printf("%s\n", text)
	if level <= 2 {
		t.printf("%s\n", strings.Repeat("=-"[level-1:level], len(text)))
	}
}

func (t *textWriter) para(text string) {
	t.block()
	t.printf("%s\n", text)
}

func (t *textWriter) list(items []string) {
	t.block()
	for _, it := range items {
		t.printf("  - %s\n", it)
	}
}

func (t *textWriter) table(header []string, rows [][]string) {
	t.block()
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(header, "\t")))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	tw.Flush()
	t.printf("%s", b.String())
}

func (t *textWriter) code(_, text string) {
	t.block()
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		t.printf("    %s\n", line)
	}
}

func (t *textWriter) mono(s string) string { return s }

// link keeps the text only: a terminal page names operations, and the
// Markdown pages carry the addresses.
func (t *textWriter) link(text, _ string) string { return text }
