// Package refdocs writes oktasql's reference pages from the catalog: an
// index of the tables by API area, a page per table (columns, keys, what
// each WHERE form sends to Okta, ORDER BY and LIMIT, writes, procedures,
// examples with the requests they make) and a page per procedure group.
// The pushdown sections come from planning each form (planner.Build), and
// the examples are run on an emulated org (see exampleorg), so a page says
// what oktasql does. The same page renders as Markdown (oktasql docs) and
// as terminal text (oktasql describe).
//
// The words are oktasql's: the catalog carries names, types, paths and
// enums, and every operation links to Okta's reference for its meaning.
package refdocs

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/oktasql/oktasql/schema"
)

// Docs is the generated reference: file contents by path relative to the
// docs directory, and how many examples were run.
type Docs struct {
	Files    map[string][]byte
	Examples int
}

// Generate builds every page of catalog c, running each example on r.
// An example that fails fails the generation: every page's examples run.
func Generate(ctx context.Context, c *schema.Catalog, r Runner) (*Docs, error) {
	d := &Docs{Files: map[string][]byte{}}
	custom, err := customColumns(ctx, c, r)
	if err != nil {
		return nil, err
	}
	samples := newSampler(ctx, r, c)
	statuses := map[string][]statusChange{}
	for _, t := range c.Tables {
		p := newTablePage(c, t)
		p.custom = custom[t.Name]
		s := samples.get(t.Name)
		p.examples = tableExamples(c, t, p.pushes, s)
		for i := range p.examples {
			if err := p.examples[i].run(ctx, r); err != nil {
				return nil, fmt.Errorf("table %s: %w", t.Name, err)
			}
		}
		p.statuses = samples.statusChanges(t)
		for i := range p.statuses {
			st := &p.statuses[i]
			st.refused = st.example.run(ctx, r) != nil
		}
		statuses[t.Name] = p.statuses
		d.Examples += len(p.examples) + len(p.statuses)
		d.Files["tables/"+t.Name+".md"] = render(p.write)
	}
	for _, g := range procedureGroups(c) {
		g.examples = map[string]Example{}
		if g.table != nil {
			g.statuses = statuses[g.table.Name]
		}
		for _, pr := range g.procs {
			e := callExample(pr, g.table, samples.get(pr.Table))
			if err := e.run(ctx, r); err != nil {
				return nil, fmt.Errorf("procedure %s: %w", pr.Name, err)
			}
			g.examples[pr.Name] = e
			d.Examples++
		}
		d.Files["procedures/"+g.group+".md"] = render(g.write)
	}
	rules, err := newRulesPage(ctx, c, r, custom)
	if err != nil {
		return nil, err
	}
	d.Examples += len(rules.examples)
	d.Files["rules.md"] = render(rules.write)
	d.Files["README.md"] = render(func(w writer) { writeIndex(w, c) })
	return d, nil
}

// render writes a page as Markdown into a byte slice.
func render(page func(writer)) []byte {
	var b bytes.Buffer
	page(newWriter(&b, Markdown))
	return b.Bytes()
}

// Write writes the files under dir and removes the pages of tables and
// procedure groups the catalog no longer has.
func (d *Docs) Write(dir string) error {
	for _, sub := range []string{"tables", "procedures"} {
		old, err := filepath.Glob(filepath.Join(dir, sub, "*.md"))
		if err != nil {
			return err
		}
		for _, f := range old {
			if _, keep := d.Files[sub+"/"+filepath.Base(f)]; !keep {
				if err := os.Remove(f); err != nil {
					return err
				}
			}
		}
	}
	for name, data := range d.Files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// WriteTable writes the page of table name (without its examples, which
// need an org) in format f: oktasql describe.
func WriteTable(out io.Writer, c *schema.Catalog, name string, f Format) error {
	t := c.Table(name)
	if t == nil {
		return fmt.Errorf("describe %q: %w", name, schema.ErrNoTable)
	}
	w := newWriter(out, f)
	newTablePage(c, t).write(w)
	return w.err()
}

// procedureGroups gathers the procedures into pages, by group name.
func procedureGroups(c *schema.Catalog) []*procedurePage {
	byName := map[string]*procedurePage{}
	var out []*procedurePage
	for _, pr := range c.Procedures {
		name := procedureGroup(pr)
		g := byName[name]
		if g == nil {
			g = &procedurePage{group: name, table: c.Table(pr.Table)}
			byName[name] = g
			out = append(out, g)
		}
		g.procs = append(g.procs, pr)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].group < out[j].group })
	return out
}

// writeIndex writes the index: the tables by API area (the spec tag of
// their list operation), then the procedure groups.
func writeIndex(w writer, c *schema.Catalog) {
	w.heading(1, "oktasql reference")
	w.para(fmt.Sprintf("Generated from the catalog of Okta management API %s by %s; do not edit. "+
		"%d tables and %d procedures. Naming, custom attributes and the conventions of every page: %s.",
		c.Release, w.mono("go run ./cmd/oktasql docs --out docs"), len(c.Tables), len(c.Procedures), w.link("rules", "rules.md")))
	byTag := map[string][]*schema.Table{}
	for _, t := range c.Tables {
		byTag[t.Tag] = append(byTag[t.Tag], t)
	}
	tags := make([]string, 0, len(byTag))
	for tag := range byTag {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	w.heading(2, "Tables")
	for _, tag := range tags {
		w.heading(3, tag)
		var rows [][]string
		for _, t := range byTag[tag] {
			rows = append(rows, []string{w.link(t.Name, "tables/"+t.Name+".md"), description(t)})
		}
		w.table([]string{"table", "description"}, rows)
	}
	w.heading(2, "Procedures")
	var rows [][]string
	for _, g := range procedureGroups(c) {
		names := make([]string, len(g.procs))
		for i, pr := range g.procs {
			names[i] = pr.Name
		}
		rows = append(rows, []string{w.link(g.group, "procedures/"+g.group+".md"), strings.Join(names, ", ")})
	}
	w.table([]string{"group", "procedures"}, rows)
}
