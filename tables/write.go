package tables

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/schema"
)

var (
	_ sql.InsertableTable = (*Table)(nil)
	_ sql.UpdatableTable  = (*Table)(nil)
	_ sql.DeletableTable  = (*Table)(nil)
)

// Inserter returns the writer of an INSERT: one create call per row.
func (t *Table) Inserter(*sql.Context) sql.RowInserter { return &writer{t: t, verb: "INSERT INTO"} }

// Updater returns the writer of an UPDATE.
func (t *Table) Updater(*sql.Context) sql.RowUpdater { return &writer{t: t, verb: "UPDATE"} }

// Deleter returns the writer of a DELETE.
func (t *Table) Deleter(*sql.Context) sql.RowDeleter { return &writer{t: t, verb: "DELETE FROM"} }

// writer buffers a statement's row changes as planned API calls and makes
// them in StatementComplete, once every row is known: so the row guard
// (oktasql_max_affected_rows) and dry run act before any call is made.
// Okta has no transactions: calls already made are not undone when a later
// one fails; the error says which rows were applied and which were not.
type writer struct {
	t    *Table
	verb string
	ops  []*writeOp
	err  error // a planning error, reported at StatementComplete
}

// writeOp is the change of one row: a description for messages and the
// steps that make it.
type writeOp struct {
	row   string
	steps []step
}

// step is one API call.
type step struct {
	op    *schema.Operation
	path  string
	query url.Values
	body  any
	// note is what the step does, for the statement's notes ("deactivated").
	note string
	// created is true for a create: its response's id is the new row's.
	created bool
}

// StatementBegin starts a statement.
func (w *writer) StatementBegin(*sql.Context) { w.ops, w.err = nil, nil }

// DiscardChanges drops the buffered calls: nothing was sent yet.
func (w *writer) DiscardChanges(*sql.Context, error) error { w.ops = nil; return nil }

// Close does nothing; the calls were made in StatementComplete.
func (w *writer) Close(*sql.Context) error { return nil }

// Insert plans the create call of one row.
func (w *writer) Insert(ctx *sql.Context, row sql.Row) error {
	op, err := w.t.planInsert(ctx, row)
	return w.add(op, err)
}

// Update plans the calls that turn old into new.
func (w *writer) Update(ctx *sql.Context, old, new sql.Row) error {
	op, err := w.t.planUpdate(ctx, old, new)
	return w.add(op, err)
}

// Delete plans the delete call of one row.
func (w *writer) Delete(ctx *sql.Context, row sql.Row) error {
	op, err := w.t.planDelete(ctx, row)
	return w.add(op, err)
}

func (w *writer) add(op *writeOp, err error) error {
	if err != nil {
		return err
	}
	if op != nil {
		w.ops = append(w.ops, op)
	}
	return nil
}

// StatementComplete checks the guards, then makes the calls in order.
func (w *writer) StatementComplete(ctx *sql.Context) error {
	ops := w.ops
	w.ops = nil
	if max := SessionInt(ctx, VarMaxAffectedRows); max > 0 && int64(len(ops)) > max {
		return &TooManyRowsError{Statement: w.verb, Table: w.t.def.Name, Rows: int64(len(ops)), Max: max}
	}
	if SessionBool(ctx, VarDryRun) {
		return w.dryRun(ctx, ops)
	}
	keepGoing := SessionBool(ctx, VarContinueOnError)
	var applied, unknown []string
	var failures []string
	var firstErr error
	for i, op := range ops {
		if err := w.apply(ctx, op); err != nil {
			if firstErr == nil {
				firstErr = err
			}
			if outcomeUnknown(err) {
				unknown = append(unknown, op.row)
			}
			failures = append(failures, fmt.Sprintf("%s: %v", op.row, err))
			if !keepGoing {
				var rest []string
				for _, o := range ops[i+1:] {
					rest = append(rest, o.row)
				}
				return &PartialWriteError{Statement: w.verb + " " + w.t.def.Name, Applied: applied, Unknown: unknown, Failed: failures, NotApplied: rest, Err: firstErr}
			}
			continue
		}
		applied = append(applied, op.row)
	}
	if len(failures) > 0 {
		return &PartialWriteError{Statement: w.verb + " " + w.t.def.Name, Applied: applied, Unknown: unknown, Failed: failures, Err: firstErr}
	}
	return nil
}

// apply makes the calls of one row.
func (w *writer) apply(ctx *sql.Context, op *writeOp) error {
	for _, s := range op.steps {
		body := s.body
		if s.op.MediaType != "" && body != nil {
			body = fetcher.MediaBody{Type: s.op.MediaType, Value: body}
		}
		resp, err := w.t.db.org.do(ctx, w.t.def.Name, fetcher.Request{
			Operation:  s.op.ID,
			Method:     s.op.Method,
			Path:       s.path,
			Query:      s.query,
			Body:       body,
			Idempotent: s.op.Method != http.MethodPost,
			Scopes:     s.op.Scopes,
		})
		if err != nil {
			return err
		}
		if s.note != "" {
			ctx.Warn(0, "%s %s", op.row, s.note)
		}
		if s.created {
			if id := responseID(resp.Body); id != "" {
				ctx.Warn(0, "created %s id %s", w.t.def.Name, id)
				if err := ctx.Session.SetSessionVariable(ctx, VarLastID, id); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// dryRun reports the calls (SHOW WARNINGS, oktasql_dry_run) and makes
// none.
func (w *writer) dryRun(ctx *sql.Context, ops []*writeOp) error {
	var calls []plannedCall
	for _, op := range ops {
		for _, s := range op.steps {
			calls = append(calls, plannedCall{method: s.op.Method, path: s.path, query: s.query, body: s.body})
		}
	}
	w.t.db.org.dryRuns.report(ctx, calls)
	return nil
}

func responseID(body []byte) string {
	var obj struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(body, &obj) != nil {
		return ""
	}
	return obj.ID
}

// TooManyRowsError refuses a write that would change more rows than
// oktasql_max_affected_rows.
type TooManyRowsError struct {
	Statement, Table string
	Rows, Max        int64
}

func (e *TooManyRowsError) Error() string {
	return fmt.Sprintf("%s %s would change %d rows, more than oktasql_max_affected_rows (%d); narrow the WHERE clause, or SET oktasql_max_affected_rows = %d to proceed",
		e.Statement, e.Table, e.Rows, e.Max, e.Rows)
}

// PartialWriteError reports a multi-row write that failed midway.
type PartialWriteError struct {
	Statement string
	Applied   []string
	// Unknown are the failed rows whose call may have been applied: it was
	// sent but its answer was lost (a dropped connection, a timeout), so
	// Okta may have made the change.
	Unknown    []string
	Failed     []string
	NotApplied []string
	Err        error
}

func (e *PartialWriteError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s failed (Okta has no transactions; applied changes stay): %d applied", e.Statement, len(e.Applied))
	if len(e.Applied) > 0 {
		fmt.Fprintf(&b, " [%s]", strings.Join(e.Applied, ", "))
	}
	if len(e.Unknown) > 0 {
		fmt.Fprintf(&b, ", outcome unknown for %d [%s]: the call was sent but its answer was lost, so Okta may have applied it; look the rows up (SELECT from the table, or system_log) before running it again",
			len(e.Unknown), strings.Join(e.Unknown, ", "))
	}
	fmt.Fprintf(&b, "; failed: %s", strings.Join(e.Failed, "; "))
	if len(e.NotApplied) > 0 {
		fmt.Fprintf(&b, "; not attempted: [%s]", strings.Join(e.NotApplied, ", "))
	}
	return b.String()
}

func (e *PartialWriteError) Unwrap() error { return e.Err }

// outcomeUnknown reports a failed call Okta did not answer: only an
// answer (an *fetcher.APIError) says the change was not made.
func outcomeUnknown(err error) bool {
	var apiErr *fetcher.APIError
	return !errors.As(err, &apiErr)
}

// planInsert builds the create call of row.
func (t *Table) planInsert(ctx *sql.Context, row sql.Row) (*writeOp, error) {
	const verb = "INSERT INTO"
	op := t.def.Create
	if op == nil {
		return nil, fmt.Errorf("table %s does not support INSERT: the Okta API has no create operation for it", t.def.Name)
	}
	path, err := t.pathFor(verb, op, row)
	if err != nil {
		return nil, err
	}
	query, err := t.queryFor(ctx, verb, op, row)
	if err != nil {
		return nil, err
	}
	var payload any
	if op.Body != "" {
		body, err := t.bodyOf(row, nil, op)
		if err != nil {
			return nil, err
		}
		if err := t.checkRequired(verb, op, body); err != nil {
			return nil, err
		}
		payload = body
	}
	return &writeOp{row: t.describeRow(row), steps: []step{{op: op, path: path, query: query, body: payload, created: op.Method == http.MethodPost}}}, nil
}

// queryFor binds op's query parameters to user variables of the same name
// (SET @activate = FALSE before INSERT INTO users, SET @deleteTargetGroup
// = TRUE before DELETE FROM app_group_push_mappings); a required one may
// also come from the row's column of that name, and one that neither
// gives is an error.
func (t *Table) queryFor(ctx *sql.Context, verb string, op *schema.Operation, row sql.Row) (url.Values, error) {
	q := url.Values{}
	for _, p := range op.Params {
		if p.In != "query" {
			continue
		}
		if _, v, err := ctx.GetUserVariable(ctx, p.Name); err == nil && v != nil {
			if v, ok := jsonValue(v); ok {
				q.Set(p.Name, fmt.Sprint(v))
				continue
			}
		}
		if !p.Required {
			continue
		}
		if v := t.stringValue(row, schema.SnakeCase(p.Name)); v != "" {
			q.Set(p.Name, v)
			continue
		}
		return nil, &MissingValueError{Statement: verb, Table: t.def.Name, Operation: op.ID, Name: "@" + p.Name, Fills: "the query parameter " + p.Name}
	}
	return q, nil
}

// MissingValueError refuses a write that lacks a value its operation
// requires: a column filling a path parameter or a required body value,
// or a user variable giving a required query parameter.
type MissingValueError struct {
	Statement, Table, Operation string
	// Name is the column, or @variable, that must give the value.
	Name string
	// Fills says what the value is for ("{kid} in /api/v1/idps/...").
	Fills string
}

func (e *MissingValueError) Error() string {
	if strings.HasPrefix(e.Name, "@") {
		return fmt.Sprintf("%s %s: %s requires %s: SET %s = ... before the statement", e.Statement, e.Table, e.Operation, e.Fills, e.Name)
	}
	return fmt.Sprintf("%s %s: column %s must be set (it fills %s of %s)", e.Statement, e.Table, e.Name, e.Fills, e.Operation)
}

// planUpdate builds the calls that turn old into new: lifecycle calls for a
// status change, then the partial update, or a replace of the whole object
// as read with the change made.
func (t *Table) planUpdate(ctx *sql.Context, old, new sql.Row) (*writeOp, error) {
	const verb = "UPDATE"
	changed := map[string]bool{}
	for i, c := range t.def.Columns {
		if !sameValue(old[i], new[i]) {
			if c.FromCall() || t.identifies(c.Name) {
				return nil, fmt.Errorf("UPDATE %s: column %s identifies the row and cannot change", t.def.Name, c.Name)
			}
			changed[c.Name] = true
		}
	}
	if len(changed) == 0 {
		return nil, nil
	}
	w := &writeOp{row: t.describeRow(old)}
	if changed["status"] && !t.statusIsData() {
		delete(changed, "status")
		steps, err := t.statusSteps(old, new)
		if err != nil {
			return nil, err
		}
		w.steps = append(w.steps, steps...)
	}
	if len(changed) == 0 {
		return w, nil
	}
	op, err := t.updateOperation(changed)
	if err != nil {
		return nil, err
	}
	path, err := t.pathFor(verb, op, old)
	if err != nil {
		return nil, err
	}
	query, err := t.queryFor(ctx, verb, op, old)
	if err != nil {
		return nil, err
	}
	var body any
	switch {
	case op.BodyKind == schema.BodyJSONPatch:
		body, err = t.patchBody(new, changed, op)
	case op == t.def.Replace:
		body, err = t.wholeBody(verb, new, changed, op)
	default:
		// A partial update carries the change alone, unless the operation
		// requires values the change lacks: then the whole object.
		var partial map[string]any
		if partial, err = t.bodyOf(new, changed, op); err == nil {
			body = partial
			if t.checkRequired(verb, op, partial) != nil {
				body, err = t.wholeBody(verb, new, changed, op)
			}
		}
	}
	if err != nil {
		return nil, err
	}
	w.steps = append(w.steps, step{op: op, path: path, query: query, body: body})
	return w, nil
}

// identifies reports whether column name names the row in the API's
// paths: the id, or the item column.
func (t *Table) identifies(name string) bool {
	return name == "id" || name == t.def.ItemColumn
}

// updateOperation picks the operation that makes the change: the partial
// update when it takes every changed column, else the replace.
func (t *Table) updateOperation(changed map[string]bool) (*schema.Operation, error) {
	for name := range changed {
		if c := t.def.Column(name); c.ReadOnly {
			return nil, fmt.Errorf("UPDATE %s: column %s is read-only in Okta", t.def.Name, name)
		}
	}
	var refused string
	for _, op := range []*schema.Operation{t.def.Update, t.def.Replace} {
		if op == nil {
			continue
		}
		refused = ""
		for _, name := range sortedKeys(changed) {
			if c := t.def.Column(name); !op.TakesColumn(c) {
				refused = name
				break
			}
		}
		if refused == "" {
			return op, nil
		}
	}
	if refused != "" {
		return nil, fmt.Errorf("UPDATE %s: column %s cannot be changed: no update or replace operation of the Okta API takes it", t.def.Name, refused)
	}
	return nil, fmt.Errorf("table %s does not support UPDATE of %s: the Okta API has no update or replace operation for it", t.def.Name, strings.Join(sortedKeys(changed), ", "))
}

// planDelete builds the delete call of row, with the deactivation Okta
// requires first when the session allows it.
func (t *Table) planDelete(ctx *sql.Context, row sql.Row) (*writeOp, error) {
	const verb = "DELETE FROM"
	op := t.def.Delete
	if op == nil {
		return nil, fmt.Errorf("table %s does not support DELETE: the Okta API has no delete operation for it", t.def.Name)
	}
	path, err := t.pathFor(verb, op, row)
	if err != nil {
		return nil, err
	}
	query, err := t.queryFor(ctx, verb, op, row)
	if err != nil {
		return nil, err
	}
	w := &writeOp{row: t.describeRow(row)}
	status := t.stringValue(row, "status")
	if t.def.Name == "users" {
		note := "deleted"
		if status != "DEPROVISIONED" {
			note = "deactivated (a second DELETE deletes it)"
		}
		w.steps = append(w.steps, step{op: op, path: path, query: query, note: note})
		return w, nil
	}
	if deactivate := t.procedureFor("deactivate"); status == "ACTIVE" && deactivate != nil {
		if !SessionBool(ctx, VarDeactivateBeforeDelete) {
			return nil, fmt.Errorf("DELETE FROM %s: %s is ACTIVE and Okta deletes only inactive ones; deactivate it first (UPDATE %s SET status = 'INACTIVE' ...) or SET oktasql_deactivate_before_delete = 1",
				t.def.Name, w.row, t.def.Name)
		}
		dpath, err := t.pathFor(verb, &deactivate.Operation, row)
		if err != nil {
			return nil, err
		}
		w.steps = append(w.steps, step{op: &deactivate.Operation, path: dpath, note: "deactivated"})
	}
	w.steps = append(w.steps, step{op: op, path: path, query: query, note: "deleted"})
	return w, nil
}

// keptReadOnly reports whether row's read-only column c still goes in a
// body. The spec marks an app's name read-only for SAML_2_0 and
// AUTO_LOGIN apps but requires it of the others (bookmark, basic auth,
// OIN apps...); the catalog flags the column read-only when any variant
// does.
func (t *Table) keptReadOnly(row sql.Row, c *schema.Column) bool {
	if t.def.Name != "apps" || c.Name != "name" {
		return false
	}
	mode := t.stringValue(row, "sign_on_mode")
	return mode != "SAML_2_0" && mode != "AUTO_LOGIN"
}

// keepsSecrets refuses a whole-object body built from a read that lacks a
// write-only value (an event hook's secret): Okta never returns it, so a
// replace without it would drop it. Only values whose object the item has
// count: a hook with no auth scheme has no secret to lose.
func (t *Table) keepsSecrets(op *schema.Operation, body map[string]any) error {
	for _, path := range op.WriteOnly {
		obj := objectAt(body, path[:len(path)-1])
		if obj == nil {
			continue
		}
		if _, has := obj[path[len(path)-1]]; !has {
			col := path[0]
			if c := t.def.ColumnAt(path[0]); c != nil {
				col = c.Name
			}
			return fmt.Errorf("UPDATE %s: %s is a secret Okta never returns, and replacing the object without it would drop it: give it in the same UPDATE (SET %s = JSON_SET(%s, '$.%s', '...'))",
				t.def.Name, strings.Join(path, "."), col, col, strings.Join(path[1:], "."))
		}
	}
	return nil
}

// statusActions says which lifecycle action moves a row from one status to
// another, tried in order: the first the table has wins.
func statusActions(from, to string) []string {
	switch to {
	case "ACTIVE":
		switch from {
		case "SUSPENDED":
			return []string{"unsuspend"}
		case "LOCKED_OUT":
			return []string{"unlock"}
		case "PROVISIONED", "RECOVERY":
			return []string{"reactivate", "activate"}
		}
		return []string{"activate"}
	case "INACTIVE", "DEPROVISIONED", "DEACTIVATED", "DISABLED":
		return []string{"deactivate", "disable"}
	case "SUSPENDED":
		return []string{"suspend"}
	case "PASSWORD_EXPIRED":
		return []string{"expire_password"}
	case "RECOVERY":
		return []string{"reset_password"}
	case "ENABLED":
		return []string{"enable", "activate"}
	}
	return nil
}

func (t *Table) statusSteps(old, new sql.Row) ([]step, error) {
	from, to := t.stringValue(old, "status"), t.stringValue(new, "status")
	for _, action := range statusActions(from, to) {
		p := t.procedureFor(action)
		if p == nil {
			continue
		}
		path, err := t.pathFor("UPDATE", &p.Operation, old)
		if err != nil {
			return nil, err
		}
		q := url.Values{}
		for _, a := range p.Args {
			if a.In == "query" && a.Required {
				q.Set(a.Param, "false") // sendEmail and similar: never mail users implicitly
			}
		}
		return []step{{op: &p.Operation, path: path, query: q, note: strings.ToLower(to) + " via " + p.Name}}, nil
	}
	return nil, fmt.Errorf("UPDATE %s: no Okta lifecycle operation moves %s from status %s to %s", t.def.Name, t.describeRow(old), from, to)
}

// statusIsData reports whether a change of the table's status is an
// ordinary property the update or replace sends (a group push mapping's
// PATCH {"status": "INACTIVE"}): the table has no lifecycle procedure.
func (t *Table) statusIsData() bool {
	for _, action := range []string{"activate", "deactivate", "suspend", "unsuspend", "enable", "disable"} {
		if t.procedureFor(action) != nil {
			return false
		}
	}
	c := t.def.Column("status")
	for _, op := range []*schema.Operation{t.def.Update, t.def.Replace} {
		if op != nil && c != nil && len(op.Properties) > 0 && op.TakesColumn(c) {
			return true
		}
	}
	return false
}

// procedureFor finds the table's procedure for action (<resource>_<action>).
func (t *Table) procedureFor(action string) *schema.Procedure {
	for _, name := range t.def.Procedures {
		if strings.HasSuffix(name, "_"+action) {
			if p := t.db.org.Catalog.Procedure(name); p != nil {
				return p
			}
		}
	}
	return nil
}

// pathFor fills op's path from row: each parameter from the column the
// catalog binds to it (the keys, then the item column: id, kid, name...).
func (t *Table) pathFor(verb string, op *schema.Operation, row sql.Row) (string, error) {
	params := schema.PathParams(op.Path)
	values := map[string]string{}
	for i, col := range t.def.PathColumns(op) {
		if col == "" {
			return "", fmt.Errorf("%s %s: no column fills {%s} in %s", verb, t.def.Name, params[i], op.Path)
		}
		values[params[i]] = t.stringValue(row, col)
		if values[params[i]] == "" {
			return "", &MissingValueError{Statement: verb, Table: t.def.Name, Operation: op.ID, Name: col, Fills: "{" + params[i] + "} in " + op.Path}
		}
	}
	return schema.ExpandPath(op.Path, values)
}

// stringValue returns the text of column name in row ("" when absent).
func (t *Table) stringValue(row sql.Row, name string) string {
	i := t.columnIndex(name)
	if i < 0 || i >= len(row) || row[i] == nil {
		return ""
	}
	if s, ok := row[i].(string); ok {
		return s
	}
	return fmt.Sprint(row[i])
}

func (t *Table) columnIndex(name string) int {
	for i, c := range t.def.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// describeRow names a row for messages: its id, and its login or name.
func (t *Table) describeRow(row sql.Row) string {
	d := t.def.Name
	if id := t.stringValue(row, "id"); id != "" {
		d += " " + id
	}
	for _, c := range []string{"profile_login", "profile_name", "label", "name"} {
		if v := t.stringValue(row, c); v != "" {
			return d + " (" + v + ")"
		}
	}
	return d
}

func sameValue(a, b any) bool {
	ja, ok1 := jsonValue(a)
	jb, ok2 := jsonValue(b)
	if ok1 && ok2 {
		x, _ := json.Marshal(ja)
		y, _ := json.Marshal(jb)
		return string(x) == string(y)
	}
	return reflect.DeepEqual(a, b)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// errReadOnly is returned for writes in read-only mode.
var errReadOnly = errors.New("oktasql is read-only (--read-only): writes and lifecycle procedures are refused")
