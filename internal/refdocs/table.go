package refdocs

import (
	"fmt"
	"strings"

	"github.com/oktasql/oktasql/planner"
	"github.com/oktasql/oktasql/schema"
)

// referenceBase is the address of Okta's management API reference.
const referenceBase = "https://developer.okta.com/docs/api/openapi/okta-management/management/tag/"

// reference is the address of op's entry in Okta's API reference.
func reference(op *schema.Operation) string {
	return referenceBase + op.Tag + "/#tag/" + op.Tag + "/operation/" + op.ID
}

// tablePage is what a table's page shows, gathered once for both formats.
type tablePage struct {
	c        *schema.Catalog
	t        *schema.Table
	pushes   []pushed
	examples []Example // nil: not run (the terminal page)
	statuses []statusChange
	custom   []string // columns the emulated org's profile schema adds
}

// newTablePage plans t's pushdown probes.
func newTablePage(c *schema.Catalog, t *schema.Table) *tablePage {
	return &tablePage{c: c, t: t, pushes: pushdowns(t)}
}

// description is t's one-line description: the curated one, or a plain
// line made from its names.
func description(t *schema.Table) string {
	if d := schema.TableDescription(t.Name); d != "" {
		return d
	}
	what := "item"
	if t.Resource != "" {
		what = t.Resource
	}
	if t.SingleRow {
		return fmt.Sprintf("One row: the %s that %s %s returns.", what, t.List.Method, t.List.Path)
	}
	return fmt.Sprintf("Rows of %s %s: one per %s.", t.List.Method, t.List.Path, what)
}

// write writes the page.
func (p *tablePage) write(w writer) {
	t := p.t
	w.heading(1, t.Name)
	w.para(description(t))
	p.facts(w)
	p.keys(w)
	p.columns(w)
	p.where(w)
	p.orderLimit(w)
	p.writes(w)
	p.procedures(w)
	p.exampleSection(w)
}

// opLink renders an operation as its call, linked to Okta's reference.
func opLink(w writer, op *schema.Operation) string {
	return w.mono(op.Method+" "+op.Path) + " (" + w.link(op.ID, reference(op)) + ")"
}

func (p *tablePage) facts(w writer) {
	t := p.t
	rows := "one per item"
	if t.SingleRow {
		rows = "one: the object itself"
	}
	facts := []string{
		"API area: " + w.link(t.Tag, referenceBase+t.Tag+"/"),
		"Read by: " + opLink(w, t.List) + "; rows: " + rows,
	}
	if t.Get != nil {
		facts = append(facts, "One row by id: "+opLink(w, t.Get))
	}
	if t.Resource != "" {
		facts = append(facts, "Item schema: "+w.mono(t.Resource))
	}
	if t.Envelope != "" {
		facts = append(facts, "Items in the response's "+w.mono(t.Envelope)+" property")
	}
	if t.Pagination != schema.PaginationNone {
		pages := "Pages: " + string(t.Pagination) + " pagination"
		if l := t.PageLimit; l.Max > 0 || l.Default > 0 {
			pages += fmt.Sprintf("; page size (%s) default %s, min %s, max %s", w.mono("limit"), num(l.Default), num(l.Min), num(l.Max))
		}
		facts = append(facts, pages)
	}
	if len(t.Scopes) > 0 {
		facts = append(facts, "OAuth scopes: "+w.mono(strings.Join(t.Scopes, " ")))
	}
	if t.Release != "" {
		facts = append(facts, "Release: "+t.Release)
	}
	w.list(facts)
}

// num renders a page bound, "-" when unknown.
func num(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}

func (p *tablePage) keys(w writer) {
	t := p.t
	w.heading(2, "Keys and required columns")
	if len(t.PrimaryKey) > 0 {
		w.para("Primary key: " + monos(w, t.PrimaryKey) + ".")
	}
	if len(t.Keys) == 0 {
		w.para("No key: a plain " + w.mono("SELECT") + " reads the whole table.")
	} else {
		var rows [][]string
		for _, k := range t.Keys {
			bound := "path parameter " + w.mono("{"+k.PathParam+"}")
			if k.QueryParam != "" {
				bound = "query parameter " + w.mono(k.QueryParam)
			}
			when := "required in WHERE (no table lists its values)"
			if k.SourceTable != "" {
				when = "from WHERE, else read per row of " + w.link(k.SourceTable, k.SourceTable+".md") + " (" + w.mono(k.SourceTable+"."+k.SourceColumn) + ")"
			}
			rows = append(rows, []string{w.mono(k.Column), bound, when})
		}
		w.table([]string{"key column", "sent as", "value"}, rows)
	}
	var req []string
	if pd := t.Pushdown; pd != nil {
		for _, b := range pd.Params {
			if b.Required {
				req = append(req, w.mono(b.Param)+" (WHERE "+w.mono(columnAt(t, b.Field)+" = ...")+")")
			}
		}
		for _, g := range []*schema.Grammar{pd.Filter, pd.Search} {
			if g != nil && g.Required {
				req = append(req, w.mono(g.Param))
			}
		}
	}
	if len(req) == 0 {
		return
	}
	s := "Required by Okta: " + strings.Join(req, ", ") + "."
	switch base := plan(t, planner.Query{}); {
	case base == nil:
		s += " A query whose WHERE gives none is refused."
	case len(base.Calls) > 1:
		s += fmt.Sprintf(" Without it in WHERE, oktasql reads once per allowed value (%d requests).", len(base.Calls))
	}
	w.para(s)
}

// columnAt names the column of attribute path attr ("profile.login").
func columnAt(t *schema.Table, attr string) string {
	if c := t.ColumnAt(strings.Split(attr, ".")...); c != nil {
		return c.Name
	}
	return attr
}

// monos renders names as inline code, comma-separated.
func monos(w writer, names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = w.mono(n)
	}
	return strings.Join(out, ", ")
}

func (p *tablePage) columns(w writer) {
	t := p.t
	w.heading(2, "Columns")
	var rows [][]string
	for _, c := range t.Columns {
		path := strings.Join(c.Path, ".")
		switch {
		case c.PathParam != "":
			path = "{" + c.PathParam + "}"
		case c.QueryParam != "":
			path = "?" + c.QueryParam
		}
		rows = append(rows, []string{w.mono(c.Name), string(c.Type), w.mono(path), strings.Join(c.Enum, ", "), strings.Join(p.flags(w, c), "; ")})
	}
	w.table([]string{"column", "type", "JSON path", "values", "notes"}, rows)
	if len(p.custom) > 0 {
		w.para("Each custom attribute of the org's profile schema adds a typed column when oktasql opens the org (" + w.link("rules", "../rules.md#custom-profile-attributes") +
			"); the emulated org of the examples adds " + monos(w, p.custom) + ".")
	}
}

// flags lists what is special about a column.
func (p *tablePage) flags(w writer, c *schema.Column) []string {
	var out []string
	if p.t.Key(c.Name) != nil {
		out = append(out, "key")
	}
	if c.ReadOnly {
		out = append(out, "read-only")
	}
	if wo := p.writeOnly(c); len(wo) > 0 {
		out = append(out, "write-only inside: "+monos(w, wo))
	}
	if c.Hidden {
		out = append(out, "not in SELECT *")
	}
	if c.Nullable {
		out = append(out, "nullable")
	}
	if c.Expand != "" {
		out = append(out, "read with "+w.mono("expand="+c.Expand))
	}
	if c.FromGet && p.t.Get != nil {
		out = append(out, "not in the list: read with one "+w.mono(p.t.Get.Method+" "+p.t.Get.Path)+" per row")
	}
	return out
}

// writeOnly lists the write-only values of the table's writes that sit in
// or under column c.
func (p *tablePage) writeOnly(c *schema.Column) []string {
	if len(c.Path) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, op := range []*schema.Operation{p.t.Create, p.t.Replace, p.t.Update} {
		if op == nil {
			continue
		}
		for _, path := range op.WriteOnly {
			s := strings.Join(path, ".")
			if len(path) >= len(c.Path) && strings.Join(path[:len(c.Path)], ".") == strings.Join(c.Path, ".") && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}

func (p *tablePage) where(w writer) {
	t := p.t
	w.heading(2, "WHERE: what goes to Okta")
	if len(p.pushes) == 0 {
		w.para("No predicate goes to Okta" + keysOnly(t) + ": oktasql reads the rows and evaluates the WHERE itself.")
		return
	}
	w.para("Each form below was planned on its own; the requests are the plan's, as EXPLAIN shows them. " +
		w.mono("pushed") + ": the request expresses the predicate (where Okta ignores case, only up to case). " +
		w.mono("narrowed") + ": Okta returns a superset (rounding, a looser form) and oktasql keeps the rows that match. " +
		"oktasql checks every predicate on the rows it reads, so the answer is SQL's either way. " +
		"Conjuncts combine into one request where the parameter allows; any other predicate is evaluated by oktasql alone.")
	var rows [][]string
	last := ""
	for _, f := range p.pushes {
		col := w.mono(f.column)
		if f.column == last {
			col = ""
		}
		last = f.column
		rows = append(rows, []string{col, w.mono(f.sql), w.mono(f.sent), how(f)})
	}
	w.table([]string{"column", "WHERE", "requests", "how"}, rows)
	if both := combined(t, p.pushes); len(both) > 0 {
		w.para("Forms combined:")
		var rows [][]string
		for _, f := range both {
			rows = append(rows, []string{w.mono(f.sql), w.mono(f.sent), how(f)})
		}
		w.table([]string{"WHERE", "requests", "how"}, rows)
	}
	if notes := grammarNotes(w, t.Pushdown); len(notes) > 0 {
		w.list(notes)
	}
}

// how says whether the plan counts a form pushed.
func how(f pushed) string {
	if f.exact {
		return "pushed"
	}
	return "narrowed"
}

// keysOnly qualifies "no predicate" for a keyed table.
func keysOnly(t *schema.Table) string {
	if len(t.Keys) > 0 {
		return " but the keys"
	}
	return ""
}

// grammarNotes states the rules of t's parameters that a form-by-form
// table cannot show: connectives, term bounds, case, rows left out.
func grammarNotes(w writer, pd *schema.Pushdown) []string {
	if pd == nil {
		return nil
	}
	var out []string
	for _, g := range []*schema.Grammar{pd.Filter, pd.Search} {
		if g == nil {
			continue
		}
		var parts []string
		var conn []string
		for _, c := range []struct {
			on   bool
			word string
		}{{g.And, "and"}, {g.Or, "or"}, {g.Not, "not"}} {
			if c.on {
				conn = append(conn, w.mono(c.word))
			}
		}
		if len(conn) > 0 {
			parts = append(parts, "terms combine with "+strings.Join(conn, ", ")+" (AND, OR and NOT of pushable forms travel together)")
		} else {
			parts = append(parts, "one term per request (other conjuncts are checked by oktasql)")
		}
		if g.MaxTerms > 0 {
			parts = append(parts, fmt.Sprintf("at most %d term(s)", g.MaxTerms))
		}
		if g.CaseInsensitive {
			parts = append(parts, "Okta matches strings regardless of case, so oktasql re-checks them")
		}
		if g.Keyword {
			parts = append(parts, "a plain keyword, not an expression")
		}
		if g.IncludesOmitted && pd.PlainListOmits != nil {
			parts = append(parts, "its results include the rows a plain list leaves out")
		}
		out = append(out, w.mono(g.Param)+": "+strings.Join(parts, "; ")+".")
	}
	if q := pd.Q; q != nil {
		s := w.mono("q") + ": matches " + monos(w, q.Fields)
		if q.Keywords {
			s += " by keywords, all of which must match"
		} else if q.Exact {
			s += " on equality only"
		} else {
			s += " by prefix"
		}
		if !q.Pageable {
			s += fmt.Sprintf("; one page only (at most %d rows), so oktasql uses it only when that cannot cut the answer short", q.MaxRows)
		}
		out = append(out, s+".")
	}
	if tr := pd.TimeRange; tr != nil {
		out = append(out, fmt.Sprintf("Bounds on %s go to %s (lower) and %s (upper), never into a filter.", w.mono(tr.Field), w.mono(tr.Since), w.mono(tr.Until)))
	}
	if om := pd.PlainListOmits; om != nil {
		out = append(out, fmt.Sprintf("A list with no filter or search leaves out rows whose %s is %s: oktasql asks for them too when the WHERE may select them.",
			w.mono(om.Field), strings.Join(om.Values, ", ")))
	}
	if gb := pd.GetBy; gb != nil {
		out = append(out, fmt.Sprintf("The item GET also takes %s in place of the id, for values containing %s and none of %s.",
			w.mono(gb.Field), w.mono(gb.Contains), w.mono(gb.Excludes)))
	}
	return out
}

func (p *tablePage) orderLimit(w writer) {
	t := p.t
	w.heading(2, "ORDER BY and LIMIT")
	if base := plan(t, planner.Query{}); base != nil {
		w.para("A read with no WHERE sends:")
		w.code("", strings.Join(requestLines(base), "\n"))
	}
	if t.Pagination == schema.PaginationNone {
		w.para("One response holds every row: LIMIT and ORDER BY are applied by oktasql.")
		return
	}
	if sent, stops := limiting(t, 10); sent != "" {
		s := w.mono("LIMIT 10") + " reads " + w.mono(sent)
		if stops {
			s += " and reading stops after 10 rows when every predicate went to Okta exactly"
		}
		w.para(s + ".")
	} else {
		w.para(w.mono("LIMIT") + " does not change the request; oktasql stops reading pages once it has the rows.")
	}
	ords := orderings(t, p.pushes)
	if len(ords) == 0 {
		w.para("Okta sorts no column the way SQL does: oktasql sorts the rows for ORDER BY.")
		return
	}
	var rows [][]string
	for _, o := range ords {
		with := ""
		if o.with != "" {
			with = "with a search, e.g. " + w.mono(o.with)
		}
		rows = append(rows, []string{w.mono(o.sql), w.mono(o.sent), with})
	}
	w.table([]string{"ORDER BY", "requests", "when"}, rows)
	w.para("Any other ORDER BY is sorted by oktasql.")
}

func (p *tablePage) writes(w writer) {
	t := p.t
	w.heading(2, "INSERT, UPDATE, DELETE")
	if t.Create == nil && t.Update == nil && t.Replace == nil && t.Delete == nil {
		w.para("Okta has no create, update or delete operation for these rows: the table is read-only" + lifecycleHint(t) + ".")
		return
	}
	var items []string
	if op := t.Create; op != nil {
		s := w.mono("INSERT") + " calls " + opLink(w, op) + " once per row" + body(w, op) +
			": the row's writable columns make the body, JSON columns first and the flattened columns over them."
		if qs := queryParams(op); len(qs) > 0 {
			s += " Its query parameters come from user variables of the same name (" + w.mono("SET @"+qs[0]+" = ...") + "): " + monos(w, qs) + "."
		}
		items = append(items, s+requires(w, t, op))
	}
	switch {
	case t.Update != nil:
		items = append(items, w.mono("UPDATE")+" calls "+opLink(w, t.Update)+" per row with the changed columns"+body(w, t.Update)+
			"; when the operation requires values the change lacks, it sends the whole row as the statement read it, read-only values left out."+requires(w, t, t.Update))
	case t.Replace != nil:
		s := w.mono("UPDATE") + " sends the whole object, as the statement read it with the changed columns set and its read-only values and " +
			w.mono("_links") + "/" + w.mono("_embedded") + " left out, to " + opLink(w, t.Replace) + " (read-modify-write, no second read)." + requires(w, t, t.Replace)
		if len(t.Replace.WriteOnly) > 0 {
			var wo []string
			for _, path := range t.Replace.WriteOnly {
				wo = append(wo, strings.Join(path, "."))
			}
			s += " Okta never returns the write-only values " + monos(w, wo) + ": an UPDATE that would drop one that is set is refused unless it gives it."
		}
		items = append(items, s)
	default:
		items = append(items, w.mono("UPDATE")+" of columns other than the status: Okta has no update operation.")
	}
	if t.Column("status") != nil && len(t.Procedures) > 0 {
		items = append(items, w.mono("UPDATE ... SET status = ...")+" calls the lifecycle procedure that makes the change, before any other change of the row.")
	}
	if op := t.Delete; op != nil {
		s := w.mono("DELETE") + " calls " + opLink(w, op) + " per row." + requires(w, t, op)
		if p.hasProcedure("deactivate") {
			s += " The table has a deactivate procedure: where Okta deletes only inactive rows, " + w.mono("SET oktasql_deactivate_before_delete = 1") +
				" lets oktasql call it first (the dry-run example shows the calls)."
		}
		items = append(items, s)
	}
	items = append(items, "Writes without WHERE are refused unless "+w.mono("sql_safe_updates")+" is off; "+w.mono("SET oktasql_dry_run = 1")+
		" lists the calls in "+w.mono("oktasql_dry_run")+" instead of making them (reads that a read-modify-write needs are still made).")
	w.list(items)
	var rows [][]string
	refused := 0
	for _, s := range p.statuses {
		if s.refused {
			refused++
			continue
		}
		rows = append(rows, []string{w.mono(s.from), w.mono(s.to), w.mono(strings.Join(s.example.Result.DryRun, " ; "))})
	}
	if len(rows) > 0 {
		w.para("Status changes, each run in dry run on a row of the emulated org in the first status:")
		w.table([]string{"status from", "to", "calls"}, rows)
	}
	if refused > 0 {
		w.para(fmt.Sprintf("The other %d changes between the statuses the emulated org's rows have are refused: no lifecycle operation makes them.", refused))
	}
}

// requires names what a write through op needs (schema.Table.
// RequiredColumns): columns, and @variables for required query
// parameters.
func requires(w writer, t *schema.Table, op *schema.Operation) string {
	if cols := t.RequiredColumns(op); len(cols) > 0 {
		return " Requires " + monos(w, cols) + "."
	}
	return ""
}

// lifecycleHint points a read-only table with procedures at them.
func lifecycleHint(t *schema.Table) string {
	if len(t.Procedures) > 0 {
		return "; its procedures act on its rows"
	}
	return ""
}

// body names op's request body schema.
func body(w writer, op *schema.Operation) string {
	switch op.Body {
	case "":
		return " (no body)"
	case "object":
		return " (body: a JSON object the spec defines inline)"
	}
	return " (body: " + w.mono(op.Body) + ")"
}

// queryParams names op's query parameters.
func queryParams(op *schema.Operation) []string {
	var out []string
	for _, q := range op.Params {
		if q.In == "query" {
			out = append(out, q.Name)
		}
	}
	return out
}

// hasProcedure reports whether the table has a procedure for action.
func (p *tablePage) hasProcedure(action string) bool {
	for _, n := range p.t.Procedures {
		if strings.HasSuffix(n, "_"+action) {
			return true
		}
	}
	return false
}

func (p *tablePage) procedures(w writer) {
	t := p.t
	if len(t.Procedures) == 0 {
		return
	}
	w.heading(2, "Procedures on its rows")
	var items []string
	for _, name := range t.Procedures {
		pr := p.c.Procedure(name)
		if pr == nil {
			continue
		}
		items = append(items, w.link(name, "../procedures/"+procedureGroup(pr)+".md#"+name)+": "+opLink(w, &pr.Operation))
	}
	w.list(items)
}

func (p *tablePage) exampleSection(w writer) {
	w.heading(2, "Examples")
	if p.examples == nil {
		w.para("The examples, with the requests each makes, are in docs/tables/" + p.t.Name + ".md.")
		return
	}
	for _, e := range p.examples {
		writeExample(w, e)
	}
}

// maxShown bounds the request lines an example lists.
const maxShown = 12

// writeExample writes one example and the requests it made.
func writeExample(w writer, e Example) {
	w.heading(3, e.Title)
	w.code("sql", strings.Join(append(append([]string(nil), e.Setup...), e.SQL), ";\n")+";")
	reqs := e.Result.Requests
	switch {
	case len(reqs) == 0:
		w.para("Requests to Okta: none.")
	default:
		w.para(fmt.Sprintf("Requests to Okta (%d):", len(reqs)))
		w.code("", strings.Join(shown(reqs), "\n"))
	}
	if len(e.Result.DryRun) > 0 {
		w.para("Calls the dry run reports instead of making them:")
		w.code("", strings.Join(shown(e.Result.DryRun), "\n"))
	}
}

// shown keeps the first maxShown lines and counts the rest.
func shown(lines []string) []string {
	if len(lines) <= maxShown {
		return lines
	}
	return append(lines[:maxShown:maxShown], fmt.Sprintf("... and %d more", len(lines)-maxShown))
}
