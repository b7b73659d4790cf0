package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Errors of the render functions.
var (
	// ErrUnknownFormat is returned for a format other than "text" or "json".
	ErrUnknownFormat = errors.New("unknown format")
	// ErrNoTable is returned by RenderDescribe for a table not in the catalog.
	ErrNoTable = errors.New("no such table")
)

// Output formats of the render functions.
const (
	FormatText = "text"
	FormatJSON = "json"
)

// tableSummary is one line of RenderTables.
type tableSummary struct {
	Name      string   `json:"name"`
	Keys      []string `json:"keys"`
	Pushable  []string `json:"pushable"`
	SingleRow bool     `json:"singleRow,omitempty"`
	Operation string   `json:"operation"`
	Path      string   `json:"path"`
}

// RenderTables writes every table with its key and pushable columns
// (oktasql tables).
func RenderTables(w io.Writer, c *Catalog, format string) error {
	rows := make([]tableSummary, 0, len(c.Tables))
	for _, t := range c.Tables {
		s := tableSummary{Name: t.Name, Keys: []string{}, Pushable: t.PushableColumns(), SingleRow: t.SingleRow, Operation: t.List.ID, Path: t.List.Path}
		for _, k := range t.Keys {
			s.Keys = append(s.Keys, k.Column)
		}
		rows = append(rows, s)
	}
	return render(w, format, rows, []string{"TABLE", "KEYS", "PUSHABLE", "ROWS", "OPERATION"}, func(emit func(...string)) {
		for _, r := range rows {
			kind := "list"
			if r.SingleRow {
				kind = "one"
			}
			emit(r.Name, join(r.Keys), join(abbreviate(without(r.Pushable, r.Keys), maxListed)), kind, r.Operation)
		}
	})
}

// RenderExclusions writes the operations left out of the catalog and why
// (oktasql tables --exclusions).
func RenderExclusions(w io.Writer, c *Catalog, format string) error {
	var rows []Mapping
	for _, m := range c.Mappings {
		if m.Kind == KindExcluded {
			rows = append(rows, m)
		}
	}
	return render(w, format, rows, []string{"OPERATION", "METHOD", "PATH", "REASON"}, func(emit func(...string)) {
		for _, m := range rows {
			emit(m.OperationID, m.Method, m.Path, m.Reason)
		}
	})
}

// RenderOperations writes every operationId with what it maps to
// (oktasql operations).
func RenderOperations(w io.Writer, c *Catalog, format string) error {
	return render(w, format, c.Mappings, []string{"OPERATION", "METHOD", "PATH", "KIND", "TARGET"}, func(emit func(...string)) {
		for _, m := range c.Mappings {
			target := m.Target
			if m.Kind == KindExcluded {
				target = m.Reason
			}
			emit(m.OperationID, m.Method, m.Path, string(m.Kind), target)
		}
	})
}

// RenderDescribe writes one table's catalog entry as JSON (oktasql
// describe --format json; the text page is internal/refdocs's).
func RenderDescribe(w io.Writer, c *Catalog, table string) error {
	t := c.Table(table)
	if t == nil {
		return fmt.Errorf("describe %q: %w", table, ErrNoTable)
	}
	return writeJSON(w, t)
}

// render writes rows as JSON, or as an aligned text table whose lines the
// text callback emits.
func render(w io.Writer, format string, rows any, header []string, text func(emit func(...string))) error {
	switch format {
	case FormatJSON:
		return writeJSON(w, rows)
	case FormatText:
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(header, "\t"))
		text(func(cells ...string) { fmt.Fprintln(tw, strings.Join(cells, "\t")) })
		return tw.Flush()
	}
	return fmt.Errorf("%w %q (want text or json)", ErrUnknownFormat, format)
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// maxListed bounds the pushable columns RenderTables lists per text line.
const maxListed = 6

// without returns names minus those in drop.
func without(names, drop []string) []string {
	var out []string
	for _, n := range names {
		keep := true
		for _, d := range drop {
			keep = keep && n != d
		}
		if keep {
			out = append(out, n)
		}
	}
	return out
}

// abbreviate keeps the first max names and counts the rest.
func abbreviate(names []string, max int) []string {
	if len(names) <= max {
		return names
	}
	return append(names[:max:max], fmt.Sprintf("(+%d more)", len(names)-max))
}

// join lists names separated by commas, "-" when there are none.
func join(names []string) string {
	if len(names) == 0 {
		return "-"
	}
	return strings.Join(names, ",")
}
