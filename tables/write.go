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
	"time"

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

// step is one API call. build, when set, computes the request at run time
// (read-modify-write needs the current object).
type step struct {
	op    *schema.Operation
	path  string
	query url.Values
	body  any
	build func(ctx *sql.Context) (any, error)
	// note is what the step does, for the statement's notes ("deactivated").
	note string
	// created is true for a create: its response's id is the new row's.
	created bool
}

// payload is the step's request body, built now when it depends on the
// current object.
func (s step) payload(ctx *sql.Context) (any, error) {
	if s.build != nil {
		return s.build(ctx)
	}
	return s.body, nil
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
	if max := sessionInt(ctx, varMaxAffectedRows); max > 0 && int64(len(ops)) > max {
		return fmt.Errorf("%s %s would change %d rows, more than oktasql_max_affected_rows (%d); narrow the WHERE clause, or SET oktasql_max_affected_rows = %d to proceed",
			w.verb, w.t.def.Name, len(ops), max, len(ops))
	}
	if sessionBool(ctx, varDryRun) {
		return w.dryRun(ctx, ops)
	}
	keepGoing := sessionBool(ctx, varContinueOnError)
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
		body, err := s.payload(ctx)
		if err != nil {
			return err
		}
		resp, err := w.t.db.org.do(ctx, w.t.def.Name, fetcher.Request{
			Operation:  s.op.ID,
			Method:     s.op.Method,
			Path:       s.path,
			Query:      s.query,
			Body:       body,
			Idempotent: s.op.Method != http.MethodPost,
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
				if err := ctx.Session.SetSessionVariable(ctx, varLastID, id); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// dryRun reports the calls (SHOW WARNINGS, oktasql_dry_run) and makes
// none but the reads that read-modify-write bodies need.
func (w *writer) dryRun(ctx *sql.Context, ops []*writeOp) error {
	var calls []plannedCall
	for _, op := range ops {
		for _, s := range op.steps {
			body, err := s.payload(ctx)
			if err != nil {
				return err
			}
			calls = append(calls, plannedCall{method: s.op.Method, path: s.path, query: s.query, body: body})
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
	op := t.def.Create
	if op == nil {
		return nil, fmt.Errorf("table %s does not support INSERT: the Okta API has no create operation for it", t.def.Name)
	}
	path, err := t.pathFor(op, row)
	if err != nil {
		return nil, err
	}
	body, err := t.bodyOf(row, nil, op)
	if err != nil {
		return nil, err
	}
	var payload any
	if op.Body != "" {
		payload = body
	}
	return &writeOp{row: t.describeRow(row), steps: []step{{op: op, path: path, query: createQuery(ctx, op), body: payload, created: op.Method == http.MethodPost}}}, nil
}

// createQuery binds the create operation's query parameters to user
// variables of the same name: SET @activate = FALSE before INSERT INTO users.
func createQuery(ctx *sql.Context, op *schema.Operation) url.Values {
	q := url.Values{}
	for _, p := range op.Params {
		if p.In != "query" {
			continue
		}
		_, v, err := ctx.GetUserVariable(ctx, p.Name)
		if err != nil || v == nil {
			continue
		}
		if v, ok := jsonValue(v); ok {
			q.Set(p.Name, fmt.Sprint(v))
		}
	}
	return q
}

// planUpdate builds the calls that turn old into new: lifecycle calls for a
// status change, then the partial update, or a read-modify-write replace.
func (t *Table) planUpdate(ctx *sql.Context, old, new sql.Row) (*writeOp, error) {
	changed := map[string]bool{}
	for i, c := range t.def.Columns {
		if !sameValue(old[i], new[i]) {
			if c.FromCall() || c.Name == "id" {
				return nil, fmt.Errorf("UPDATE %s: column %s identifies the row and cannot change", t.def.Name, c.Name)
			}
			changed[c.Name] = true
		}
	}
	if len(changed) == 0 {
		return nil, nil
	}
	w := &writeOp{row: t.describeRow(old)}
	if changed["status"] {
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
	for name := range changed {
		if c := t.def.Column(name); c.ReadOnly {
			return nil, fmt.Errorf("UPDATE %s: column %s is read-only in Okta", t.def.Name, name)
		}
	}
	switch {
	case t.def.Update != nil:
		path, err := t.pathFor(t.def.Update, old)
		if err != nil {
			return nil, err
		}
		body, err := t.bodyOf(new, changed, t.def.Update)
		if err != nil {
			return nil, err
		}
		w.steps = append(w.steps, step{op: t.def.Update, path: path, body: body})
	case t.def.Replace != nil && t.def.Get != nil:
		getPath, err := t.pathFor(t.def.Get, old)
		if err != nil {
			return nil, err
		}
		path, err := t.pathFor(t.def.Replace, old)
		if err != nil {
			return nil, err
		}
		patch, err := t.bodyOf(new, changed, t.def.Replace)
		if err != nil {
			return nil, err
		}
		get := t.def.Get
		w.steps = append(w.steps, step{op: t.def.Replace, path: path, build: func(ctx *sql.Context) (any, error) {
			resp, err := t.db.org.do(ctx, t.def.Name, fetcher.Request{Operation: get.ID, Method: http.MethodGet, Path: getPath, Idempotent: true})
			if err != nil {
				return nil, err
			}
			var current map[string]any
			if err := json.Unmarshal(resp.Body, &current); err != nil {
				return nil, fmt.Errorf("reading %s before replacing it: %w", getPath, err)
			}
			t.dropComputed(current)
			mergeInto(current, patch)
			if err := t.keepsSecrets(current); err != nil {
				return nil, err
			}
			return current, nil
		}})
	default:
		return nil, fmt.Errorf("table %s does not support UPDATE of %s: the Okta API has no update or replace operation for it", t.def.Name, strings.Join(sortedKeys(changed), ", "))
	}
	return w, nil
}

// planDelete builds the delete call of row, with the deactivation Okta
// requires first when the session allows it.
func (t *Table) planDelete(ctx *sql.Context, row sql.Row) (*writeOp, error) {
	op := t.def.Delete
	if op == nil {
		return nil, fmt.Errorf("table %s does not support DELETE: the Okta API has no delete operation for it", t.def.Name)
	}
	path, err := t.pathFor(op, row)
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
		w.steps = append(w.steps, step{op: op, path: path, note: note})
		return w, nil
	}
	if deactivate := t.procedureFor("deactivate"); status == "ACTIVE" && deactivate != nil {
		if !sessionBool(ctx, varDeactivateBeforeDelete) {
			return nil, fmt.Errorf("DELETE FROM %s: %s is ACTIVE and Okta deletes only inactive ones; deactivate it first (UPDATE %s SET status = 'INACTIVE' ...) or SET oktasql_deactivate_before_delete = 1",
				t.def.Name, w.row, t.def.Name)
		}
		dpath, err := t.pathFor(&deactivate.Operation, row)
		if err != nil {
			return nil, err
		}
		w.steps = append(w.steps, step{op: &deactivate.Operation, path: dpath, note: "deactivated"})
	}
	w.steps = append(w.steps, step{op: op, path: path, note: "deleted"})
	return w, nil
}

// dropComputed removes from obj, an item read back to be replaced, what
// Okta computes and the spec marks read-only in requests: the read-only
// columns' values and the HAL _links and _embedded.
func (t *Table) dropComputed(obj map[string]any) {
	delete(obj, "_links")
	delete(obj, "_embedded")
	for _, c := range t.def.Columns {
		if !c.ReadOnly || len(c.Path) == 0 || keptOnReplace[t.def.Name+"."+c.Name] {
			continue
		}
		parent := obj
		for _, key := range c.Path[:len(c.Path)-1] {
			if parent, _ = parent[key].(map[string]any); parent == nil {
				break
			}
		}
		if parent != nil {
			delete(parent, c.Path[len(c.Path)-1])
		}
	}
}

// keptOnReplace are read-only columns a replace still sends. The spec marks
// an app's name read-only for SAML_2_0 and AUTO_LOGIN apps but requires it
// of the others (bookmark, basic auth, OIN apps...); the catalog flags the
// column read-only when any variant does.
var keptOnReplace = map[string]bool{"apps.name": true}

// keepsSecrets refuses a replace body built from a read that lacks a
// write-only value (an event hook's secret): Okta never returns it, so a
// replace without it would drop it. Only values whose object the item has
// count: a hook with no auth scheme has no secret to lose.
func (t *Table) keepsSecrets(body map[string]any) error {
	for _, path := range t.def.Replace.WriteOnly {
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
		path, err := t.pathFor(&p.Operation, old)
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

// pathFor fills op's path from row: the leading parameters from the key
// columns (matched by position), the item's parameter from the id column
// (a create by PUT, as for group members, takes the new member's id).
func (t *Table) pathFor(op *schema.Operation, row sql.Row) (string, error) {
	params := schema.PathParams(op.Path)
	values := map[string]string{}
	for i, name := range params {
		col := "id"
		if k := t.def.KeyFor(op, name); k != nil {
			col = k.Column
		} else if i != len(params)-1 {
			return "", fmt.Errorf("%s %s: no column fills {%s} in %s", op.Method, t.def.Name, name, op.Path)
		}
		values[name] = t.stringValue(row, col)
		if values[name] == "" {
			return "", fmt.Errorf("%s %s: column %s must be set (it fills {%s} in %s)", op.Method, t.def.Name, col, name, op.Path)
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

// bodyOf builds a request body from row: JSON columns first, then the
// flattened columns over them. only, when non-nil, limits it to those
// columns (a partial update). Key and read-only columns never go in.
func (t *Table) bodyOf(row sql.Row, only map[string]bool, op *schema.Operation) (map[string]any, error) {
	body := map[string]any{}
	cols := make([]int, 0, len(t.def.Columns))
	for i, c := range t.def.Columns {
		if i >= len(row) || row[i] == nil || c.FromCall() || len(c.Path) == 0 {
			continue
		}
		if only != nil && !only[c.Name] {
			continue
		}
		if only == nil && c.ReadOnly {
			continue
		}
		cols = append(cols, i)
	}
	sort.SliceStable(cols, func(a, b int) bool {
		ca, cb := t.def.Columns[cols[a]], t.def.Columns[cols[b]]
		if (ca.Type == schema.TypeJSON) != (cb.Type == schema.TypeJSON) {
			return ca.Type == schema.TypeJSON
		}
		return len(ca.Path) < len(cb.Path)
	})
	for _, i := range cols {
		c := t.def.Columns[i]
		v, ok := jsonValue(row[i])
		if !ok {
			return nil, fmt.Errorf("%s %s: column %s: value %v (%T) cannot be sent to Okta", op.Method, t.def.Name, c.Name, row[i], row[i])
		}
		setPath(body, c.Path, v)
	}
	return body, nil
}

// jsonValue converts an engine value to its JSON form.
func jsonValue(v any) (any, bool) {
	switch v := v.(type) {
	case nil:
		return nil, true
	case string, bool, int64, float64:
		return v, true
	case int8:
		return v != 0, true // BOOLEAN columns
	case int, int16, int32, uint8, uint16, uint32, uint64:
		return v, true
	case float32:
		return float64(v), true
	case []byte:
		return string(v), true
	case time.Time:
		return v.UTC().Format("2006-01-02T15:04:05.000Z"), true
	case sql.JSONWrapper:
		x, err := v.ToInterface()
		return x, err == nil
	}
	return nil, false
}

// setPath sets v at path in obj, creating objects on the way; an object
// value is merged into an object already there.
// objectAt returns the object at path in obj, nil when there is none.
func objectAt(obj map[string]any, path []string) map[string]any {
	for _, key := range path {
		next, ok := obj[key].(map[string]any)
		if !ok {
			return nil
		}
		obj = next
	}
	return obj
}

func setPath(obj map[string]any, path []string, v any) {
	for _, key := range path[:len(path)-1] {
		next, ok := obj[key].(map[string]any)
		if !ok {
			next = map[string]any{}
			obj[key] = next
		}
		obj = next
	}
	last := path[len(path)-1]
	if src, ok := v.(map[string]any); ok {
		if dst, ok := obj[last].(map[string]any); ok {
			mergeInto(dst, src)
			return
		}
	}
	obj[last] = v
}

// mergeInto merges src into dst recursively; src wins.
func mergeInto(dst, src map[string]any) {
	for k, v := range src {
		if sv, ok := v.(map[string]any); ok {
			if dv, ok := dst[k].(map[string]any); ok {
				mergeInto(dv, sv)
				continue
			}
		}
		dst[k] = v
	}
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
