package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/oktasql/oktasql/schema"
)

// ErrNoProcedure is a procedure name the catalog lacks.
var ErrNoProcedure = errors.New("no such procedure")

// ListTablesInput is the input of list_tables.
type ListTablesInput struct {
	Filter string `json:"filter,omitempty" jsonschema:"only tables whose name contains this text (case-insensitive), e.g. user or group"`
}

// TableSummary is one table of list_tables.
type TableSummary struct {
	Name     string   `json:"name"`
	Resource string   `json:"resource" jsonschema:"the Okta resource of a row"`
	Keys     []string `json:"keys,omitempty" jsonschema:"columns a WHERE (or a join) must give, else the table is read under every row of its parent"`
	// SingleRow tables hold one object (a setting), not a list.
	SingleRow bool     `json:"single_row,omitempty"`
	Writes    []string `json:"writes,omitempty" jsonschema:"INSERT, UPDATE, DELETE where the API allows them"`
}

// ListTablesOutput is the result of list_tables.
type ListTablesOutput struct {
	Tables []TableSummary `json:"tables"`
}

// DescribeTableInput is the input of describe_table.
type DescribeTableInput struct {
	Table string `json:"table" jsonschema:"table name, as list_tables gives it"`
}

// Operation is one Okta API operation.
type Operation struct {
	ID     string `json:"id" jsonschema:"Okta operationId"`
	Method string `json:"method"`
	Path   string `json:"path"`
}

// ColumnInfo is one column of describe_table.
type ColumnInfo struct {
	Name        string   `json:"name"`
	Type        string   `json:"type" jsonschema:"string, boolean, integer, number, datetime or json"`
	Description string   `json:"description,omitempty"`
	Source      string   `json:"source" jsonschema:"where the value comes from: a JSON path in the item, or {param} for a key from the request"`
	Key         bool     `json:"key,omitempty" jsonschema:"part of the primary key"`
	Hidden      bool     `json:"hidden,omitempty" jsonschema:"left out of SELECT *; name it to read it"`
	ReadOnly    bool     `json:"read_only,omitempty" jsonschema:"not writable by INSERT or UPDATE"`
	Enum        []string `json:"enum,omitempty"`
	// Pushed says which WHERE forms on the column Okta evaluates, and how;
	// any other predicate is checked by oktasql on the rows read.
	Pushed []string `json:"pushed,omitempty"`
}

// KeyInfo is a key column of describe_table.
type KeyInfo struct {
	Column string `json:"column"`
	Param  string `json:"param" jsonschema:"the path or query parameter it fills"`
	// From is the table.column whose values oktasql reads it under when
	// the WHERE gives none (one request per parent row).
	From string `json:"from,omitempty"`
}

// ProcedureSummary is one procedure.
type ProcedureSummary struct {
	Name      string    `json:"name"`
	Table     string    `json:"table,omitempty"`
	Operation Operation `json:"operation"`
}

// TableDescription is the result of describe_table.
type TableDescription struct {
	Name       string    `json:"name"`
	Resource   string    `json:"resource"`
	Read       Operation `json:"read" jsonschema:"the list (or single-object GET) operation that reads the table"`
	SingleRow  bool      `json:"single_row,omitempty"`
	PrimaryKey []string  `json:"primary_key,omitempty"`
	Keys       []KeyInfo `json:"keys,omitempty" jsonschema:"required key columns: give them in WHERE (= or IN) or through a join"`
	// Pushdown notes what Okta does beyond filtering: sort, page size,
	// rows a plain list leaves out.
	Pushdown   []string           `json:"pushdown,omitempty"`
	Columns    []ColumnInfo       `json:"columns"`
	Writes     map[string]string  `json:"writes,omitempty" jsonschema:"SQL statement -> METHOD path of the API call behind it"`
	Procedures []ProcedureSummary `json:"procedures,omitempty"`
}

// ListProceduresInput is the input of list_procedures.
type ListProceduresInput struct {
	Filter string `json:"filter,omitempty" jsonschema:"only procedures whose name or table contains this text (case-insensitive), e.g. user_ or suspend"`
}

// ListProceduresOutput is the result of list_procedures.
type ListProceduresOutput struct {
	Procedures []ProcedureSummary `json:"procedures"`
}

// DescribeProcedureInput is the input of describe_procedure.
type DescribeProcedureInput struct {
	Name string `json:"name" jsonschema:"procedure name, e.g. user_suspend"`
}

// ParamInfo is one argument of a procedure.
type ParamInfo struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	In       string `json:"in" jsonschema:"path, query or body (a JSON document)"`
	Param    string `json:"param" jsonschema:"the API parameter it fills"`
	Required bool   `json:"required,omitempty"`
}

// ProcedureDescription is the result of describe_procedure.
type ProcedureDescription struct {
	Name       string      `json:"name"`
	Table      string      `json:"table,omitempty" jsonschema:"the table of the resource it acts on"`
	Operation  Operation   `json:"operation" jsonschema:"the lifecycle or action call behind it"`
	Parameters []ParamInfo `json:"parameters"`
	Returns    bool        `json:"returns,omitempty" jsonschema:"true when the call answers with a JSON document, returned as a row"`
	Example    string      `json:"example"`
}

// addCatalogTools registers list_tables, describe_table, list_procedures
// and describe_procedure: they read the catalog and never call Okta.
func (s *Server) addCatalogTools() {
	ro := &mcp.ToolAnnotations{ReadOnlyHint: true, OpenWorldHint: ptr(false)}
	mcp.AddTool(s.mcp, &mcp.Tool{Name: "list_tables", Title: "List tables", Annotations: ro,
		Description: "List the tables (Okta list endpoints), optionally those whose name contains filter, with their key columns and writes. Calls no API."},
		s.listTables)
	mcp.AddTool(s.mcp, &mcp.Tool{Name: "describe_table", Title: "Describe a table", Annotations: ro,
		Description: "Describe one table: columns with types and sources, keys, which WHERE forms Okta evaluates and how (the rest oktasql checks), the API calls behind reads, INSERT, UPDATE, DELETE, and its procedures. Calls no API."},
		s.describeTable)
	mcp.AddTool(s.mcp, &mcp.Tool{Name: "list_procedures", Title: "List procedures", Annotations: ro,
		Description: "List the stored procedures (Okta lifecycle and action calls, run with CALL name(...)), optionally those whose name or table contains filter. Calls no API."},
		s.listProcedures)
	mcp.AddTool(s.mcp, &mcp.Tool{Name: "describe_procedure", Title: "Describe a procedure", Annotations: ro,
		Description: "Describe one stored procedure: its parameters in call order and the API call behind it. Calls no API."},
		s.describeProcedure)
}

func (s *Server) listTables(_ context.Context, _ *mcp.CallToolRequest, in ListTablesInput) (*mcp.CallToolResult, *ListTablesOutput, error) {
	out := &ListTablesOutput{Tables: []TableSummary{}}
	filter := strings.ToLower(in.Filter)
	for _, t := range s.cat.Tables {
		if !strings.Contains(t.Name, filter) {
			continue
		}
		sum := TableSummary{Name: t.Name, Resource: t.Resource, SingleRow: t.SingleRow}
		for _, k := range t.Keys {
			sum.Keys = append(sum.Keys, k.Column)
		}
		for stmt := range writes(t) {
			sum.Writes = append(sum.Writes, stmt)
		}
		sort.Strings(sum.Writes)
		out.Tables = append(out.Tables, sum)
	}
	return nil, out, nil
}

// table finds a table or says which names are closest.
func (s *Server) table(name string) (*schema.Table, error) {
	if t := s.cat.Table(strings.ToLower(name)); t != nil {
		return t, nil
	}
	return nil, &UnknownTableError{Table: name, Closest: closest(strings.ToLower(name), tableNames(s.cat)), Err: schema.ErrNoTable}
}

func (s *Server) describeTable(_ context.Context, _ *mcp.CallToolRequest, in DescribeTableInput) (*mcp.CallToolResult, *TableDescription, error) {
	t, err := s.table(in.Table)
	if err != nil {
		return nil, nil, err
	}
	d := &TableDescription{Name: t.Name, Resource: t.Resource, Read: operation(t.List), SingleRow: t.SingleRow, PrimaryKey: t.PrimaryKey,
		Pushdown: pushdownNotes(t), Columns: []ColumnInfo{}}
	for _, k := range t.Keys {
		ki := KeyInfo{Column: k.Column, Param: k.PathParam + k.QueryParam}
		if k.SourceTable != "" {
			ki.From = k.SourceTable + "." + k.SourceColumn
		}
		d.Keys = append(d.Keys, ki)
	}
	pk := map[string]bool{}
	for _, k := range t.PrimaryKey {
		pk[k] = true
	}
	for _, c := range t.Columns {
		ci := ColumnInfo{Name: c.Name, Type: string(c.Type), Description: c.Comment, Source: strings.Join(c.Path, "."),
			Key: pk[c.Name], Hidden: c.Hidden, ReadOnly: c.ReadOnly, Enum: c.Enum, Pushed: pushedForms(t, c)}
		if c.FromCall() {
			ci.Source = "{" + c.PathParam + c.QueryParam + "}"
		}
		d.Columns = append(d.Columns, ci)
	}
	if w := writes(t); len(w) > 0 {
		d.Writes = w
	}
	for _, name := range t.Procedures {
		if p := s.cat.Procedure(name); p != nil {
			d.Procedures = append(d.Procedures, procedureSummary(p))
		}
	}
	return nil, d, nil
}

func (s *Server) listProcedures(_ context.Context, _ *mcp.CallToolRequest, in ListProceduresInput) (*mcp.CallToolResult, *ListProceduresOutput, error) {
	out := &ListProceduresOutput{Procedures: []ProcedureSummary{}}
	filter := strings.ToLower(in.Filter)
	for _, p := range s.cat.Procedures {
		if strings.Contains(p.Name, filter) || strings.Contains(p.Table, filter) {
			out.Procedures = append(out.Procedures, procedureSummary(p))
		}
	}
	return nil, out, nil
}

func (s *Server) describeProcedure(_ context.Context, _ *mcp.CallToolRequest, in DescribeProcedureInput) (*mcp.CallToolResult, *ProcedureDescription, error) {
	p := s.cat.Procedure(strings.ToLower(in.Name))
	if p == nil {
		names := make([]string, len(s.cat.Procedures))
		for i, p := range s.cat.Procedures {
			names[i] = p.Name
		}
		msg := fmt.Errorf("%w %s", ErrNoProcedure, in.Name)
		if c := closest(strings.ToLower(in.Name), names); len(c) > 0 {
			msg = fmt.Errorf("%w; closest procedures: %s", msg, strings.Join(c, ", "))
		}
		return nil, nil, fmt.Errorf("%w; list_procedures finds procedures by name", msg)
	}
	d := &ProcedureDescription{Name: p.Name, Table: p.Table, Operation: operation(&p.Operation), Parameters: []ParamInfo{}, Returns: p.Returns}
	args := make([]string, len(p.Args))
	for i, a := range p.Args {
		d.Parameters = append(d.Parameters, ParamInfo{Name: a.Name, Type: string(a.Type), In: a.In, Param: a.Param, Required: a.Required})
		args[i] = exampleArg(a)
	}
	d.Example = "CALL " + p.Name + "(" + strings.Join(args, ", ") + ")"
	return nil, d, nil
}

// exampleArg is a placeholder value of a procedure argument for an
// example CALL.
func exampleArg(a schema.ProcArg) string {
	switch a.Type {
	case schema.TypeBoolean:
		return "false"
	case schema.TypeInteger, schema.TypeNumber:
		return "0"
	case schema.TypeJSON:
		return "'{}'"
	}
	return "'<" + a.Name + ">'"
}

func operation(o *schema.Operation) Operation {
	return Operation{ID: o.ID, Method: o.Method, Path: o.Path}
}

func procedureSummary(p *schema.Procedure) ProcedureSummary {
	return ProcedureSummary{Name: p.Name, Table: p.Table, Operation: operation(&p.Operation)}
}

// writes maps the SQL writes a table takes to the API call behind each.
func writes(t *schema.Table) map[string]string {
	out := map[string]string{}
	line := func(o *schema.Operation) string { return o.Method + " " + o.Path + " (" + o.ID + ")" }
	if t.Create != nil {
		out["INSERT"] = line(t.Create)
	}
	switch {
	case t.Update != nil:
		out["UPDATE"] = line(t.Update)
	case t.Replace != nil:
		out["UPDATE"] = line(t.Replace) + ", the whole object read first"
	}
	if t.Delete != nil {
		out["DELETE"] = line(t.Delete)
	}
	return out
}

// sqlOps renders Okta filter operators as the SQL forms that become them.
var sqlOps = map[string]string{
	"eq": "=", "ne": "!=", "gt": ">", "ge": ">=", "lt": "<", "le": "<=",
	"sw": "LIKE 'x%'", "co": "LIKE '%x%'", "ew": "LIKE '%x'", "pr": "IS NOT NULL",
}

// pushedForms lists the WHERE (and ORDER BY) forms on column c that go to
// Okta, and the parameter that carries them.
func pushedForms(t *schema.Table, c *schema.Column) []string {
	var out []string
	if c.PathParam != "" {
		out = append(out, "= and IN: path parameter {"+c.PathParam+"}, one request per value")
	}
	if c.QueryParam != "" {
		out = append(out, "= and IN: query parameter "+c.QueryParam+", one request per value")
	}
	if t.Get != nil && t.ItemParam != "" && c.Name == "id" {
		out = append(out, "= and IN: "+t.Get.Method+" "+t.Get.Path+", one request per value")
	}
	p := t.Pushdown
	if p == nil || len(c.Path) == 0 {
		return out
	}
	path := strings.Join(c.Path, ".")
	if g := p.GetBy; g != nil && g.Field == path && t.Get != nil {
		line := "=: " + t.Get.Method + " " + t.Get.Path + " with the value in place of the id"
		if g.Contains != "" {
			line += " (values containing " + g.Contains + ")"
		}
		out = append(out, line)
	}
	for _, g := range []*schema.Grammar{p.Filter, p.Search} {
		if g == nil {
			continue
		}
		ops := g.Fields[path]
		if ops == nil && g.AnyPrefix != "" && len(c.Path) > 1 && strings.HasPrefix(path, g.AnyPrefix) {
			ops = g.AnyOps
		}
		if len(ops) == 0 {
			continue
		}
		forms := make([]string, 0, len(ops))
		for _, op := range ops {
			if f, ok := sqlOps[op]; ok {
				forms = append(forms, f)
			}
		}
		line := strings.Join(forms, ", ") + ": " + g.Param + "=" + path + " <op> <value>"
		if g.CaseInsensitive {
			line += " (Okta matches ignoring case; oktasql re-checks)"
		}
		out = append(out, line)
	}
	if p.Q != nil {
		for _, f := range p.Q.Fields {
			if f == path {
				out = append(out, "LIKE 'x%': q=x (prefix match; oktasql re-checks)")
			}
		}
	}
	for _, b := range p.Params {
		if b.Field == path {
			line := "=: query parameter " + b.Param
			if b.Required {
				line += " (required: Okta refuses the list without it)"
			}
			out = append(out, line)
		}
	}
	if tr := p.TimeRange; tr != nil && tr.Field == path {
		out = append(out, ">, >=, <, <=: query parameters "+tr.Since+" and "+tr.Until)
	}
	if so := p.Sort; so != nil && so.ByParam != "" {
		for _, f := range so.Fields {
			if f == path {
				out = append(out, "ORDER BY: "+so.ByParam+"="+path)
			}
		}
	}
	return out
}

// pushdownNotes says what the list endpoint does beyond per-column
// filters.
func pushdownNotes(t *schema.Table) []string {
	var out []string
	if t.PageLimit.Max > 0 {
		out = append(out, fmt.Sprintf("LIMIT sizes pages (at most %d rows a page) and stops reading when Okta answers the WHERE exactly", t.PageLimit.Max))
	}
	p := t.Pushdown
	if p == nil {
		return append(out, "Okta filters nothing on this table but its keys: oktasql checks every other predicate on the rows read")
	}
	for _, g := range []*schema.Grammar{p.Filter, p.Search} {
		if g == nil {
			continue
		}
		var conn []string
		for _, c := range []struct {
			on   bool
			name string
		}{{g.And, "AND"}, {g.Or, "OR"}, {g.Not, "NOT"}} {
			if c.on {
				conn = append(conn, c.name)
			}
		}
		note := g.Param + " combines predicates with " + strings.Join(conn, ", ")
		if len(conn) == 0 {
			note = g.Param + " takes one predicate"
		}
		if g.MaxTerms > 0 {
			note += fmt.Sprintf(", at most %d terms", g.MaxTerms)
		}
		if g.Required {
			note += "; Okta requires it"
		}
		out = append(out, note)
	}
	if so := p.Sort; so != nil && so.AnyField {
		note := "ORDER BY on one column goes to Okta as " + so.ByParam
		if so.RequiresSearch {
			note += " when a search is sent"
		}
		out = append(out, note)
	}
	if om := p.PlainListOmits; om != nil {
		out = append(out, fmt.Sprintf("a plain list leaves out rows with %s %s; oktasql reads them too", om.Field, strings.Join(om.Values, ", ")))
	}
	return out
}
