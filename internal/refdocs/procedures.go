package refdocs

import (
	"fmt"
	"strings"

	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/tables"
)

// procedureGroup names the page of p: the table whose rows it acts on, or
// for a procedure on no table, the first segment of its path after the
// API prefix (webauthn_registration).
func procedureGroup(p *schema.Procedure) string {
	if p.Table != "" {
		return p.Table
	}
	for _, seg := range strings.Split(p.Operation.Path, "/") {
		if seg != "" && seg != "api" && seg != "v1" && !strings.HasPrefix(seg, "{") {
			return schema.SnakeCase(strings.ReplaceAll(seg, "-", "_"))
		}
	}
	return "other"
}

// procedurePage is one group's page: its procedures, the table they act
// on, and their examples.
type procedurePage struct {
	group    string
	table    *schema.Table // nil for procedures on no table
	procs    []*schema.Procedure
	examples map[string]Example // by procedure name
	statuses []statusChange     // the table's probed status changes
}

func (p *procedurePage) write(w writer) {
	w.heading(1, p.group+" procedures")
	if p.table != nil {
		intro := "Lifecycle actions and other calls on rows of " + w.link(p.table.Name, "../tables/"+p.table.Name+".md") + "."
		if c := p.table.Column("status"); c != nil && len(c.Enum) > 0 {
			intro += " Its " + w.mono("status") + " takes the values " + monos(w, c.Enum) + "."
		}
		w.para(intro)
	} else {
		w.para("Calls that act on no table's rows.")
	}
	w.para("Arguments are positional; optional ones (in brackets) may be left out or given as NULL. " +
		"With " + w.mono("SET oktasql_dry_run = 1") + " a CALL reports its call in " + w.mono("oktasql_dry_run") + " instead of making it.")
	for _, pr := range p.procs {
		p.procedure(w, pr)
	}
}

func (p *procedurePage) procedure(w writer, pr *schema.Procedure) {
	w.heading(2, pr.Name)
	w.code("sql", "CALL "+tables.Usage(pr))
	op := &pr.Operation
	items := []string{"Calls " + opLink(w, op)}
	if pr.Returns {
		items = append(items, "Returns the HTTP status and the response body as JSON")
	} else {
		items = append(items, "Returns the HTTP status")
	}
	if op.Release != "" {
		items = append(items, "Release: "+op.Release)
	}
	if len(op.Scopes) > 0 {
		items = append(items, "OAuth scopes: "+w.mono(strings.Join(op.Scopes, " ")))
	}
	for _, s := range p.statuses {
		if !s.refused && makesCall(s, op) {
			items = append(items, fmt.Sprintf("Moves a row from %s to %s: %s calls it", w.mono(s.from), w.mono(s.to), w.mono("UPDATE "+p.group+" SET status = '"+s.to+"'")))
		}
	}
	w.list(items)
	var rows [][]string
	for _, a := range pr.Args {
		to := a.In + " parameter " + w.mono(a.Param)
		if a.In == "body" {
			to = "request body"
			if op.Body != "" && op.Body != "object" {
				to += " (" + w.mono(op.Body) + ")"
			}
		}
		req := "optional"
		if a.Required {
			req = "required"
		}
		rows = append(rows, []string{w.mono(a.Name), string(a.Type), to, req})
	}
	if len(rows) > 0 {
		w.table([]string{"argument", "type", "goes to", ""}, rows)
	}
	if e, ok := p.examples[pr.Name]; ok {
		writeExample(w, e)
	}
}

// makesCall reports whether a status change's dry run calls op.
func makesCall(s statusChange, op *schema.Operation) bool {
	for _, c := range s.example.Result.DryRun {
		method, path, _ := strings.Cut(c, " ")
		path, _, _ = strings.Cut(path, "?")
		if method == op.Method && pathMatches(op.Path, path) {
			return true
		}
	}
	return false
}

// pathMatches reports whether path fills template's parameters.
func pathMatches(template, path string) bool {
	ts, ps := strings.Split(template, "/"), strings.Split(path, "/")
	if len(ts) != len(ps) {
		return false
	}
	for i := range ts {
		if !strings.HasPrefix(ts[i], "{") && ts[i] != ps[i] {
			return false
		}
	}
	return true
}

// callExample is a dry-run CALL of pr on the sampled row of its table
// (placeholders where the table has no row or no column for an argument).
func callExample(pr *schema.Procedure, t *schema.Table, s row) Example {
	args := make([]string, len(pr.Args))
	for i, a := range pr.Args {
		switch {
		case a.In == "body":
			args[i] = "'{}'"
		case a.In == "path":
			args[i] = literal(pathValue(pr, t, s, a))
		case !a.Required:
			args[i] = "NULL"
		case a.Type == schema.TypeBoolean:
			args[i] = "FALSE"
		case a.Type == schema.TypeInteger || a.Type == schema.TypeNumber:
			args[i] = "1"
		default:
			args[i] = "'example'"
		}
	}
	return Example{Title: "Example, in dry run", Setup: []string{setDryRun}, SQL: "CALL " + pr.Name + "(" + strings.Join(args, ", ") + ")"}
}

// pathValue is the sampled value of the column a path argument names: a
// key of the table, or its id for the item parameter (the last one).
func pathValue(pr *schema.Procedure, t *schema.Table, s row, a schema.ProcArg) string {
	if t != nil {
		col := "id"
		if k := t.KeyFor(&pr.Operation, a.Param); k != nil {
			col = k.Column
		}
		if s.has(col) {
			return s[col]
		}
	}
	return "example-" + strings.ReplaceAll(a.Name, "_", "-")
}
