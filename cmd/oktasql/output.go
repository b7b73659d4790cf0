package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/olekukonko/tablewriter"
)

// resultWriter prints one result set in one of the output formats. The
// table format holds the rows to align them; the others stream.
type resultWriter interface {
	header(cols []string)
	row(cells []cell)
	// done finishes the result set.
	done() error
}

// cell is one value as a MySQL client would show it.
type cell struct {
	text   string
	null   bool
	isJSON bool // text is a JSON document
	number bool
}

func newResultWriter(format string, w io.Writer) (resultWriter, error) {
	switch format {
	case "table":
		return &tableWriter{w: w}, nil
	case "csv":
		return &csvWriter{w: csv.NewWriter(w)}, nil
	case "tsv":
		cw := csv.NewWriter(w)
		cw.Comma = '\t'
		return &csvWriter{w: cw}, nil
	case "json":
		return &jsonWriter{w: w}, nil
	}
	return nil, fmt.Errorf("--format %q: want table, csv, tsv or json", format)
}

// cellOf renders v of type typ the way the MySQL protocol would.
func cellOf(ctx *sql.Context, typ sql.Type, v any) (cell, error) {
	if v == nil {
		return cell{null: true}, nil
	}
	val, err := typ.SQL(ctx, nil, v)
	if err != nil {
		return cell{}, err
	}
	if val.IsNull() {
		return cell{null: true}, nil
	}
	return cell{text: val.ToString(), isJSON: types.IsJSON(typ), number: types.IsNumber(typ)}, nil
}

type tableWriter struct {
	w    io.Writer
	cols []string
	rows [][]string
}

func (t *tableWriter) header(cols []string) { t.cols = cols }

func (t *tableWriter) row(cells []cell) {
	r := make([]string, len(cells))
	for i, c := range cells {
		if c.null {
			r[i] = "NULL"
		} else {
			r[i] = c.text
		}
	}
	t.rows = append(t.rows, r)
}

func (t *tableWriter) done() error {
	if len(t.cols) == 0 {
		return nil
	}
	tw := tablewriter.NewWriter(t.w)
	tw.SetHeader(t.cols)
	tw.SetAutoFormatHeaders(false)
	tw.SetAutoWrapText(false)
	tw.SetAlignment(tablewriter.ALIGN_LEFT)
	tw.AppendBulk(t.rows)
	tw.Render()
	return nil
}

type csvWriter struct{ w *csv.Writer }

func (c *csvWriter) header(cols []string) { c.w.Write(cols) }

func (c *csvWriter) row(cells []cell) {
	r := make([]string, len(cells))
	for i, v := range cells {
		r[i] = v.text
	}
	c.w.Write(r)
}

func (c *csvWriter) done() error { c.w.Flush(); return c.w.Error() }

// jsonWriter prints a JSON array of objects, one per line, as rows come.
type jsonWriter struct {
	w    io.Writer
	cols []string
	n    int
	err  error
}

func (j *jsonWriter) header(cols []string) { j.cols = cols }

func (j *jsonWriter) row(cells []cell) {
	var b strings.Builder
	if j.n == 0 {
		b.WriteString("[\n")
	} else {
		b.WriteString(",\n")
	}
	j.n++
	b.WriteString("  {")
	for i, c := range cells {
		if i > 0 {
			b.WriteString(", ")
		}
		name, _ := json.Marshal(j.cols[i])
		b.Write(name)
		b.WriteString(": ")
		switch {
		case c.null:
			b.WriteString("null")
		case c.isJSON, c.number:
			b.WriteString(c.text)
		default:
			s, _ := json.Marshal(c.text)
			b.Write(s)
		}
	}
	b.WriteString("}")
	if _, err := io.WriteString(j.w, b.String()); err != nil && j.err == nil {
		j.err = err
	}
}

func (j *jsonWriter) done() error {
	end := "\n]\n"
	if j.n == 0 {
		end = "[]\n"
	}
	if _, err := io.WriteString(j.w, end); err != nil && j.err == nil {
		j.err = err
	}
	return j.err
}
