package tables

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/schema"
)

var _ sql.ExternalStoredProcedureProvider = (*Provider)(nil)

// procedureSchema is the result of every procedure: the HTTP status and
// the response body, when Okta sends one (a reset link, a cloned policy).
var procedureSchema = sql.Schema{
	{Name: "status", Type: types.Int64, Source: "okta"},
	{Name: "response", Type: types.JSON, Nullable: true, Source: "okta"},
}

// ExternalStoredProcedure returns the procedure named name of the current
// database's catalog. Every procedure takes its arguments variadically and
// checks them against the catalog, so any count resolves here.
func (p *Provider) ExternalStoredProcedure(ctx *sql.Context, name string, _ int) (*sql.ExternalStoredProcedureDetails, error) {
	db := p.currentDB(ctx)
	if db == nil {
		return nil, nil
	}
	proc := db.org.Catalog.Procedure(strings.ToLower(name))
	if proc == nil {
		return nil, nil
	}
	return &sql.ExternalStoredProcedureDetails{
		Name:   proc.Name,
		Schema: procedureSchema,
		Function: func(ctx *sql.Context, args ...string) (sql.RowIter, error) {
			return db.call(ctx, proc, args)
		},
	}, nil
}

// ExternalStoredProcedures lists none. go-mysql-server asks it only for
// SHOW CREATE PROCEDURE, which then shows the procedure as its database's
// stored procedure (GetStoredProcedures), with its parameters, instead of
// an external one's parameterless stand-in.
func (p *Provider) ExternalStoredProcedures(*sql.Context, string) ([]sql.ExternalStoredProcedureDetails, error) {
	return nil, nil
}

func (p *Provider) currentDB(ctx *sql.Context) *Database {
	if db, ok := p.dbs[strings.ToLower(ctx.GetCurrentDatabase())]; ok {
		return db
	}
	if len(p.names) == 1 {
		return p.dbs[p.names[0]]
	}
	return nil
}

// ProcedureArgsError reports a CALL whose arguments do not fit the
// procedure.
type ProcedureArgsError struct {
	Procedure string
	Problem   string
	Usage     string
}

func (e *ProcedureArgsError) Error() string {
	return fmt.Sprintf("CALL %s: %s; usage: CALL %s", e.Procedure, e.Problem, e.Usage)
}

// Usage renders a procedure's signature, optional arguments in brackets,
// with the SQL types SHOW CREATE PROCEDURE shows.
func Usage(p *schema.Procedure) string {
	parts := make([]string, len(p.Args))
	for i, a := range p.Args {
		parts[i] = a.Name + " " + procParamType(a.Type)
		if !a.Required {
			parts[i] = "[" + parts[i] + "]"
		}
	}
	return p.Name + "(" + strings.Join(parts, ", ") + ")"
}

// call runs one procedure: it binds args by position to the operation's
// path parameters, query parameters and body, and makes the call.
func (d *Database) call(ctx *sql.Context, p *schema.Procedure, args []string) (sql.RowIter, error) {
	if d.org.ReadOnly {
		return nil, errReadOnly
	}
	if len(args) > len(p.Args) {
		return nil, &ProcedureArgsError{p.Name, fmt.Sprintf("takes at most %d arguments, got %d", len(p.Args), len(args)), Usage(p)}
	}
	pathValues := map[string]string{}
	query := url.Values{}
	var body any
	for i, a := range p.Args {
		v := ""
		if i < len(args) {
			v = args[i]
		}
		if v == "" {
			if a.Required {
				return nil, &ProcedureArgsError{p.Name, fmt.Sprintf("argument %d (%s) is required", i+1, a.Name), Usage(p)}
			}
			continue
		}
		switch a.In {
		case "path":
			pathValues[a.Param] = v
		case "query":
			qv, err := procQueryValue(a, v)
			if err != nil {
				return nil, &ProcedureArgsError{p.Name, err.Error(), Usage(p)}
			}
			query.Set(a.Param, qv)
		case "body":
			if err := json.Unmarshal([]byte(v), &body); err != nil {
				return nil, &ProcedureArgsError{p.Name, fmt.Sprintf("argument %d (%s) is not JSON: %v", i+1, a.Name, err), Usage(p)}
			}
		}
	}
	path, err := schema.ExpandPath(p.Operation.Path, pathValues)
	if err != nil {
		return nil, &ProcedureArgsError{p.Name, err.Error(), Usage(p)}
	}
	if SessionBool(ctx, VarDryRun) {
		d.org.dryRuns.report(ctx, []plannedCall{{method: p.Operation.Method, path: path, query: query, body: body}})
		return sql.RowsToRowIter(sql.Row{int64(0), nil}), nil
	}
	resp, err := d.org.do(ctx, p.Name, fetcher.Request{
		Operation: p.Operation.ID,
		Method:    p.Operation.Method,
		Path:      path,
		Query:     query,
		Body:      body,
		Scopes:    p.Operation.Scopes,
	})
	if err != nil {
		return nil, err
	}
	var doc any
	if len(strings.TrimSpace(string(resp.Body))) > 0 {
		if err := json.Unmarshal(resp.Body, &doc); err != nil {
			return nil, fmt.Errorf("CALL %s: the response is not JSON: %w", p.Name, err)
		}
	}
	row := sql.Row{int64(resp.Status), nil}
	if doc != nil {
		row[1] = types.JSONDocument{Val: doc}
	}
	return sql.RowsToRowIter(row), nil
}

// procQueryValue converts a CALL argument (always text: TRUE arrives as
// "1") to a query parameter value of the argument's type.
func procQueryValue(a schema.ProcArg, v string) (string, error) {
	switch a.Type {
	case schema.TypeBoolean:
		switch strings.ToLower(v) {
		case "1", "true":
			return "true", nil
		case "0", "false":
			return "false", nil
		}
		return "", fmt.Errorf("argument %s wants a boolean, got %q", a.Name, v)
	case schema.TypeInteger:
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return "", fmt.Errorf("argument %s wants an integer, got %q", a.Name, v)
		}
	}
	return v, nil
}

// GetStoredProcedures lists the org's procedures as stored procedures, so
// SHOW PROCEDURE STATUS and information_schema.ROUTINES show them; CALL
// resolves the external procedure first.
func (d *Database) GetStoredProcedures(*sql.Context) ([]sql.StoredProcedureDetails, error) {
	procs := d.org.Catalog.Procedures
	out := make([]sql.StoredProcedureDetails, len(procs))
	for i, p := range procs {
		params := make([]string, len(p.Args))
		for k, a := range p.Args {
			params[k] = "IN " + a.Name + " " + procParamType(a.Type)
		}
		out[i] = sql.StoredProcedureDetails{
			Name:            p.Name,
			CreateStatement: fmt.Sprintf("CREATE PROCEDURE %s(%s) SELECT '%s %s'", p.Name, strings.Join(params, ", "), p.Operation.Method, p.Operation.Path),
			CreatedAt:       procedureEpoch,
			ModifiedAt:      procedureEpoch,
		}
	}
	return out, nil
}

// procedureEpoch is the creation time shown for procedures: they come with
// the catalog, not from a CREATE PROCEDURE.
var procedureEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func procParamType(t schema.ColumnType) string {
	switch t {
	case schema.TypeBoolean:
		return "BOOLEAN"
	case schema.TypeInteger:
		return "BIGINT"
	case schema.TypeJSON:
		return "JSON"
	}
	return "TEXT"
}
