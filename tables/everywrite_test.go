package tables_test

import (
	"context"
	gosql "database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/schema"
)

// unreachableWrites are the writes of the catalog TestEveryWrite does not
// expect to run against the emulated org, each with the reason: a spec
// no body can satisfy, an org that requires more than the spec says, or
// an emulator whose data cannot serve the write.
var unreachableWrites = map[string]string{
	// The spec admits no body.
	"INSERT app_jwks":          "the spec's oneOf of a JWK is ambiguous: an RSA key matches both the signing and the encryption variant",
	"UPDATE profile_mappings":  "the spec's ProfileMappingRequest requires expression and pushStatus at its top level, where it declares neither",
	"CALL inline_hook_execute": "the spec's oneOf of the body is ambiguous: any payload matches several variants",
	"CALL app_oauth2_callback": "the validator's router takes /apps/{appName}/{appId}/oauth2/callback for another route (method not allowed)",
	// The org requires what the spec does not mark required.
	"INSERT app_users":          "the org requires the id of an existing user not yet assigned",
	"UPDATE org_contacts":       "the org requires the id of one of its users",
	"INSERT group_rules":        "the org requires conditions and actions",
	"INSERT identity_providers": "the org requires a type and its protocol",
	"INSERT policy_rules":       "the org requires a rule type matching its policy's type",
	"DELETE policy_rules":       "with no rule created, the policy's only rule is its default one, which cannot be deleted",
	// oktasql or the emulator cannot serve it.
	"UPDATE identity_providers":                             "the seeded IdP lacks properties.inquiryTemplateId, which the spec requires with properties: refused before any call, naming the column",
	"UPDATE app_users":                                      "the emulator lists a seeded app user its item operations cannot find",
	"UPDATE meta_schema_group_default":                      "the emulated group schema does not keep a description",
	"UPDATE okta_service_accounts":                          "the emulator mints Okta-style ids where the spec wants UUIDs",
	"DELETE okta_service_accounts":                          "the emulator mints Okta-style ids where the spec wants UUIDs",
	"DELETE app_interclient_allowed_apps":                   "the emulator's generic store keeps objects where this list returns plain strings",
	"DELETE identity_source_group_membership":               "the emulator's generic store keeps objects where this list returns plain strings",
	"DELETE user_authenticator_enrollment_by_enrollment_id": "the emulator's example enrollment has no id to name it by",
	"DELETE user_factors":                                   "the emulator lists seeded factors its delete cannot find",
	"DELETE user_client_tokens":                             "the emulated org has none, and the API has no create",
	"DELETE user_grants":                                    "the emulated org has none, and oktasql's create of one fails on the seeded data",
}

// writeOutcome is what one write of the catalog did in TestEveryWrite.
type writeOutcome struct {
	kind, target, stmt string
	// problem is why it did not run ("" when it ran, sent a body the
	// spec accepts and had its effect).
	problem string
}

// TestEveryWrite runs every INSERT, UPDATE and DELETE the catalog maps,
// and every procedure, against the emulated org with the smallest
// statement the spec says is valid: an INSERT of the create body's
// required properties, an UPDATE of one writable column, a DELETE of one
// row by its primary key. Every request is checked against the spec's
// request schema, and the effect is read back. It lists, per kind, the
// writes that run and why any other does not; a write that does not run
// and is not in unreachableWrites fails the test.
func TestEveryWrite(t *testing.T) {
	var mu sync.Mutex
	var invalid []string
	emu, err := emulator.Start(emulator.Config{Users: 30, Seed: 7, Token: testToken, Now: harnessNow})
	if err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}
	t.Cleanup(emu.Close)
	h := &harness{t: t, emu: emu}
	h.api = checkingProxy(t, emu.URL, func(msg string) {
		mu.Lock()
		defer mu.Unlock()
		invalid = append(invalid, msg)
	})
	h.db = h.serve(false, "okta")
	conn, err := h.db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	doc := specDoc
	r := &writeRunner{t: t, conn: conn, cat: schema.Default(), ops: operationsByID(doc), keys: map[string]map[string]string{}, created: map[string]string{}}
	r.mustExec("SET oktasql_deactivate_before_delete = 1")
	var outcomes []writeOutcome
	run := func(kind, target string, f func() (string, error)) {
		mu.Lock()
		invalid = nil
		mu.Unlock()
		stmt, err := f()
		o := writeOutcome{kind: kind, target: target, stmt: stmt}
		mu.Lock()
		switch {
		case err != nil:
			o.problem = err.Error()
		case len(invalid) > 0:
			o.problem = invalid[0]
		}
		mu.Unlock()
		outcomes = append(outcomes, o)
	}
	for _, tb := range r.cat.Tables {
		if tb.Create != nil {
			run("INSERT", tb.Name, func() (string, error) { return r.insert(tb) })
		}
		if tb.Update != nil || tb.Replace != nil {
			run("UPDATE", tb.Name, func() (string, error) { return r.update(tb) })
		}
		if tb.Delete != nil {
			run("DELETE", tb.Name, func() (string, error) { return r.delete(tb) })
		}
	}
	for _, p := range r.cat.Procedures {
		run("CALL", p.Name, func() (string, error) { return r.call(p) })
	}
	report(t, outcomes)
}

// report lists the outcomes: per kind, how many run, and each that does
// not with its reason; an unexpected one fails t.
func report(t *testing.T, outcomes []writeOutcome) {
	runs, refused := map[string]int{}, map[string]int{}
	var lines []string
	for _, o := range outcomes {
		if o.problem == "" {
			runs[o.kind]++
			continue
		}
		refused[o.kind]++
		key := o.kind + " " + o.target
		reason, known := unreachableWrites[key]
		if known {
			lines = append(lines, fmt.Sprintf("  %s: %s (known: %s)", key, firstLine(o.problem), reason))
			continue
		}
		lines = append(lines, fmt.Sprintf("  %s: %s\n      %s", key, firstLine(o.problem), o.stmt))
		t.Errorf("%s does not run: %s\n%s", key, o.problem, o.stmt)
	}
	for _, k := range []string{"INSERT", "UPDATE", "DELETE", "CALL"} {
		t.Logf("%s: %d run, %d refused", k, runs[k], refused[k])
	}
	t.Logf("refused:\n%s", strings.Join(lines, "\n"))
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

// operationsByID indexes the spec's operations.
func operationsByID(doc *openapi3.T) map[string]*openapi3.Operation {
	out := map[string]*openapi3.Operation{}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			out[op.OperationID] = op
		}
	}
	return out
}

// writeRunner builds and runs the statements of TestEveryWrite on one
// connection.
type writeRunner struct {
	t    *testing.T
	conn *gosql.Conn
	cat  *schema.Catalog
	ops  map[string]*openapi3.Operation
	// keys memoizes the key values found for each table.
	keys map[string]map[string]string
	// created holds the id of the row the INSERT of each table made.
	created map[string]string
}

func (r *writeRunner) mustExec(q string) {
	if _, err := r.conn.ExecContext(context.Background(), q); err != nil {
		r.t.Fatalf("%s: %v", q, err)
	}
}

// rows runs q and returns its rows as column name -> value (nil for NULL).
func (r *writeRunner) rows(q string) ([]map[string]any, error) {
	rs, err := r.conn.QueryContext(context.Background(), q)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	for rs.Next() {
		vals := make([]gosql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := map[string]any{}
		for i, c := range cols {
			if vals[i].Valid {
				row[c] = vals[i].String
			} else {
				row[c] = nil
			}
		}
		out = append(out, row)
	}
	return out, rs.Err()
}

// keyValues finds a value for each key column of t: for a key no table
// supplies, a row of the resource it names (sourcelessKeys); for the
// others, innermost first, a row of the table that supplies it, read with
// the keys t shares with that table (so that a role assignment comes with
// its user); else an enum value or a made-up one.
func (r *writeRunner) keyValues(t *schema.Table) map[string]string {
	if kv, ok := r.keys[t.Name]; ok {
		return kv
	}
	kv := map[string]string{}
	r.keys[t.Name] = kv
	for _, k := range t.Keys {
		if q, ok := sourcelessKeys[k.Column]; ok && k.SourceTable == "" {
			if rows, err := r.rows(q); err == nil && len(rows) > 0 && rows[0]["id"] != nil {
				kv[k.Column] = rows[0]["id"].(string)
			}
		}
	}
	for i := len(t.Keys) - 1; i >= 0; i-- {
		k := t.Keys[i]
		if _, done := kv[k.Column]; done {
			continue
		}
		kv[k.Column] = "oktasql-test"
		if p := r.listParam(t, k.PathParam); p != nil && len(p.Enum) > 0 {
			kv[k.Column] = p.Enum[0]
		}
		src := r.cat.Table(k.SourceTable)
		if src == nil {
			continue
		}
		cols := []string{"`" + k.SourceColumn + "`"}
		bound := map[string]string{}
		for _, sk := range src.Keys {
			switch v, set := kv[sk.Column]; {
			case set:
				bound[sk.Column] = v
			case t.Key(sk.Column) != nil:
				cols = append(cols, "`"+sk.Column+"`") // comes with the row
			default:
				bound[sk.Column] = r.keyValues(src)[sk.Column]
			}
		}
		q := fmt.Sprintf("SELECT %s FROM `%s`%s LIMIT 1", strings.Join(cols, ", "), src.Name, where(bound))
		if rows, err := r.rows(q); err == nil && len(rows) > 0 && rows[0][k.SourceColumn] != nil {
			for col, v := range rows[0] {
				if col == k.SourceColumn {
					col = k.Column
				}
				if v != nil {
					kv[col] = v.(string)
				}
			}
		}
	}
	return kv
}

// sourcelessKeys read a value (as id) for the key columns no table
// supplies: an id of the resource the path parameter names (an OAuth
// client is an OIDC app, an identity source an app instance), a standard
// role for a role reference.
var sourcelessKeys = map[string]string{
	"role_ref":           "SELECT 'SUPER_ADMIN' AS id",
	"client_id":          "SELECT id FROM apps WHERE sign_on_mode = 'OPENID_CONNECT' LIMIT 1",
	"identity_source_id": "SELECT id FROM apps LIMIT 1",
	"app_instance_id":    "SELECT id FROM apps LIMIT 1",
	"app_id":             "SELECT id FROM apps LIMIT 1",
	"user_id":            "SELECT id FROM users LIMIT 1",
}

// listParam is the path parameter name of t's list operation.
func (r *writeRunner) listParam(t *schema.Table, name string) *schema.Param {
	for i, p := range t.List.Params {
		if p.In == "path" && p.Name == name {
			return &t.List.Params[i]
		}
	}
	return nil
}

// where renders equality on each column of kv, in name order.
func where(kv map[string]string) string {
	var terms []string
	for _, c := range sortedNames(kv) {
		terms = append(terms, fmt.Sprintf("`%s` = %s", c, sqlString(kv[c])))
	}
	if len(terms) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(terms, " AND ")
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// sqlValue renders a JSON value as an SQL literal for a column of type typ.
func sqlValue(v any, typ schema.ColumnType) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case string:
		return sqlString(v)
	case bool:
		if v {
			return "TRUE"
		}
		return "FALSE"
	case float64, int, int64:
		return fmt.Sprint(v)
	}
	b, _ := json.Marshal(v)
	return sqlString(string(b))
}

// bodySchema returns the JSON request body schema of an operation.
func (r *writeRunner) bodySchema(op *schema.Operation) *openapi3.Schema {
	o := r.ops[op.ID]
	if o == nil || o.RequestBody == nil || o.RequestBody.Value == nil {
		return nil
	}
	mt := o.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// minimal returns the smallest value the schema accepts: an object of its
// required (not read-only) properties, the first enum member, the first
// variant of a oneOf.
func minimal(s *openapi3.Schema, depth int) any {
	if s == nil || depth > 6 {
		return nil
	}
	if len(s.OneOf) > 0 {
		v := minimal(s.OneOf[0].Value, depth+1)
		if obj, ok := v.(map[string]any); ok && s.Discriminator != nil {
			for _, key := range sortedNames(s.Discriminator.Mapping) {
				if s.Discriminator.Mapping[key].Ref == s.OneOf[0].Ref {
					obj[s.Discriminator.PropertyName] = key
					break
				}
			}
		}
		return v
	}
	if len(s.AnyOf) > 0 {
		return minimal(s.AnyOf[0].Value, depth+1)
	}
	if len(s.AllOf) > 0 {
		return minimalObject(s, depth)
	}
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	switch {
	case s.Type.Is("object") || len(s.Properties) > 0:
		return minimalObject(s, depth)
	case s.Type.Is("array"):
		if s.MinItems > 0 && s.Items != nil {
			return []any{minimal(s.Items.Value, depth+1)}
		}
		return []any{}
	case s.Type.Is("string"):
		switch s.Format {
		case "date-time":
			return "2026-11-01T12:00:00.000Z"
		case "email":
			return "oktasql@example.com"
		case "uri", "url":
			return "https://example.com/oktasql"
		}
		return minimalString(s)
	case s.Type.Is("integer"), s.Type.Is("number"):
		if s.Min != nil && *s.Min > 1 {
			return *s.Min
		}
		return 1
	case s.Type.Is("boolean"):
		return false
	}
	return nil
}

// minimalString is a string the schema's length bounds and pattern admit.
func minimalString(s *openapi3.Schema) string {
	for _, v := range []string{"oktasql-test", "a", "A1", "1"} {
		if s.Pattern != "" {
			if re, err := regexp.Compile(s.Pattern); err == nil && !re.MatchString(v) {
				continue
			}
		}
		for uint64(len(v)) < s.MinLength {
			v += "x"
		}
		return v
	}
	return "oktasql-test"
}

// minimalObject is an object of the required properties of s, which
// its allOf parts may declare and require.
func minimalObject(s *openapi3.Schema, depth int) any {
	obj := map[string]any{}
	props := properties(s, 0)
	required := append([]string(nil), s.Required...)
	for _, part := range s.AllOf {
		if part.Value != nil {
			required = append(required, part.Value.Required...)
		}
	}
	for _, name := range required {
		if p := props[name]; p != nil && !p.ReadOnly {
			obj[name] = minimal(p, depth+1)
		}
	}
	return obj
}

// assignments maps the top-level properties of a body value to columns of
// t: the column at the property's path, else its flattened columns.
func assignments(t *schema.Table, body map[string]any) (map[string]string, error) {
	out := map[string]string{}
	for _, name := range sortedNames(body) {
		v := body[name]
		if c := t.ColumnAt(name); c != nil && !c.FromCall() {
			out[c.Name] = sqlValue(v, c.Type)
			continue
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("no column for the required body property %s", name)
		}
		for _, sub := range sortedNames(obj) {
			c := t.ColumnAt(name, sub)
			if c == nil {
				return nil, fmt.Errorf("no column for the required body property %s.%s", name, sub)
			}
			out[c.Name] = sqlValue(obj[sub], c.Type)
		}
	}
	return out, nil
}

// setQueryVars sets a user variable for each required query parameter of
// op, as a session gives them.
func (r *writeRunner) setQueryVars(op *schema.Operation) {
	for _, p := range op.Params {
		if p.In == "query" && p.Required {
			v := "'oktasql-test'"
			switch {
			case len(p.Enum) > 0:
				v = sqlString(p.Enum[0])
			case p.Type == schema.TypeBoolean:
				v = "FALSE"
			case p.Type == schema.TypeInteger:
				v = "1"
			}
			r.mustExec(fmt.Sprintf("SET @%s = %s", p.Name, v))
		}
	}
}

// itemValue makes up the value naming a new item in a create by PUT: a
// user's, group's or app's id for parameters that name one.
func (r *writeRunner) itemValue(param string) string {
	for _, table := range []string{"users", "groups", "apps"} {
		if strings.HasPrefix(strings.ToLower(param), table[:len(table)-2]) {
			if rows, err := r.rows("SELECT id FROM `" + table + "` WHERE id IS NOT NULL"); err == nil && len(rows) > 0 {
				return rows[0]["id"].(string)
			}
		}
	}
	return "oktasql-test"
}

// insert runs the smallest INSERT of t.
func (r *writeRunner) insert(t *schema.Table) (string, error) {
	cols := map[string]string{}
	for c, v := range r.keyValues(t) {
		cols[c] = sqlString(v)
	}
	if params := schema.PathParams(t.Create.Path); len(params) > len(t.Keys) {
		param := params[len(params)-1]
		col := t.ItemColumn
		if col == "" {
			return "", fmt.Errorf("no column fills {%s} of %s", param, t.Create.Path)
		}
		cols[col] = sqlString(r.itemValue(param))
	}
	if body, ok := minimal(r.bodySchema(t.Create), 0).(map[string]any); ok {
		for k, v := range namedValues(t, body) {
			body[k] = v
		}
		set, err := assignments(t, body)
		if err != nil {
			return "", err
		}
		for c, v := range set {
			cols[c] = v
		}
	}
	r.setQueryVars(t.Create)
	names := sortedNames(cols)
	vals := make([]string, len(names))
	for i, n := range names {
		vals[i] = cols[n]
	}
	stmt := fmt.Sprintf("INSERT INTO `%s` (%s) VALUES (%s)", t.Name, strings.Join(quoted(names), ", "), strings.Join(vals, ", "))
	if _, err := r.conn.ExecContext(context.Background(), stmt); err != nil {
		return stmt, err
	}
	if rows, err := r.rows("SELECT @@oktasql_last_id AS id"); err == nil && len(rows) == 1 && rows[0]["id"] != nil {
		r.created[t.Name] = rows[0]["id"].(string)
	}
	return stmt, nil
}

// insertNames are the values beyond the spec's required ones that the
// org requires of a new item (Okta's documentation, not the spec, says
// so): a user's login and names, a group's name, an authorization
// server's audiences, a trusted origin's origin and scopes.
var insertNames = map[string]map[string]any{
	"users":                 {"profile": map[string]any{"login": "oktasql@example.com", "email": "oktasql@example.com", "firstName": "Okta", "lastName": "SQL"}},
	"groups":                {"profile": map[string]any{"name": "oktasql-test"}},
	"authorization_servers": {"name": "oktasql-test", "audiences": []any{"api://oktasql"}},
	"trusted_origins":       {"name": "oktasql-test", "origin": "https://oktasql.example.com", "scopes": []any{map[string]any{"type": "CORS"}}},
}

// namedValues are the values an INSERT of t gives beyond body's required
// ones: insertNames, and a name when the table has a name column the
// create takes (the org requires a name of most things).
func namedValues(t *schema.Table, body map[string]any) map[string]any {
	if v, ok := insertNames[t.Name]; ok {
		return v
	}
	if c := t.ColumnAt("name"); c != nil && c.Type == schema.TypeString && t.Create.TakesColumn(c) && body["name"] == nil {
		return map[string]any{"name": "oktasql-test"}
	}
	return nil
}

// quoted quotes SQL names.
func quoted(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "`" + n + "`"
	}
	return out
}

// someRow reads a row of t, with the keys found for it: the one the
// INSERT made, else the last one whose primary key is whole.
func (r *writeRunner) someRow(t *schema.Table) (map[string]any, error) {
	rows, err := r.rows(fmt.Sprintf("SELECT * FROM `%s`%s", t.Name, where(r.keyValues(t))))
	if err != nil {
		return nil, err
	}
	for _, row := range rows { // the row the INSERT made
		if id := r.created[t.Name]; id != "" && row["id"] == id {
			return row, nil
		}
	}
	for i := len(rows) - 1; i >= 0; i-- { // else the newest whose key is whole
		if _, err := rowKey(t, rows[i]); err == nil {
			return rows[i], nil
		}
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("no row of %s to write", t.Name)
	}
	return rows[0], nil
}

// rowKey is the WHERE naming row by t's primary key ("" for a one-row
// table without keys).
func rowKey(t *schema.Table, row map[string]any) (string, error) {
	if len(t.PrimaryKey) == 0 && !t.SingleRow {
		return "", fmt.Errorf("table %s has no primary key to name a row by", t.Name)
	}
	kv := map[string]string{}
	for _, c := range t.PrimaryKey {
		v, _ := row[c].(string)
		if v == "" {
			return "", fmt.Errorf("the row's primary key column %s is NULL", c)
		}
		kv[c] = v
	}
	return where(kv), nil
}

// changed picks a column of t the write op's body takes (a scalar one
// when it can, an object for a JSON Patch) and returns it, a new value
// for it as SQL, and that value as it reads back.
func changed(t *schema.Table, op *schema.Operation, body *openapi3.Schema, row map[string]any) (*schema.Column, string, string) {
	patch := op.BodyKind == schema.BodyJSONPatch
	props := properties(body, 0)
	rank := func(c *schema.Column) int {
		switch {
		case patch && c.Type != schema.TypeJSON:
			return -1
		case discriminators(body, 0)[c.Path[0]]:
			return -1 // it selects the body's variant
		case len(c.Enum) > 0:
			return 0
		case c.Type == schema.TypeString && !strings.HasSuffix(c.Name, "_id"):
			return 1
		case c.Type == schema.TypeInteger:
			return 2
		case c.Type == schema.TypeBoolean:
			return 3
		case c.Name == "profile":
			return 4
		case c.Type == schema.TypeJSON && (props[c.Path[0]] == nil || props[c.Path[0]].Type.Is("object")):
			return 5
		case c.Type == schema.TypeString:
			return 6
		}
		return -1
	}
	var best *schema.Column
	for _, c := range t.Columns {
		if c.ReadOnly || c.FromCall() || len(c.Path) != 1 || c.Name == "status" && len(t.Procedures) > 0 || c.Name == "id" || c.Name == t.ItemColumn {
			continue
		}
		if p := props[c.Path[0]]; len(props) > 0 && (p == nil || p.ReadOnly) {
			continue
		}
		if r := rank(c); r >= 0 && (best == nil || r < rank(best)) {
			best = c
		}
	}
	for _, path := range op.AlwaysRequired() { // a required value the row lacks comes first
		if c := t.ColumnAt(path...); c != nil && len(path) == 1 && row[c.Name] == nil && rank(c) >= 0 {
			best = c
			break
		}
	}
	if best == nil {
		return nil, "", ""
	}
	cur, _ := row[best.Name].(string)
	p := props[best.Path[0]]
	switch {
	case len(best.Enum) > 0:
		enum := best.Enum
		if p != nil && len(p.Enum) > 0 { // the request's values
			enum = nil
			for _, e := range p.Enum {
				enum = append(enum, fmt.Sprint(e))
			}
		}
		for _, e := range enum {
			if e != cur {
				return best, sqlString(e), e
			}
		}
		return best, sqlString(cur), cur
	case best.Type == schema.TypeBoolean:
		if cur == "1" {
			return best, "FALSE", "0"
		}
		return best, "TRUE", "1"
	case best.Type == schema.TypeInteger:
		n := 7
		if p != nil && p.Min != nil && *p.Min > 7 {
			n = int(*p.Min) + 1
		}
		return best, fmt.Sprint(n), fmt.Sprint(n)
	case best.Type == schema.TypeJSON:
		obj, _ := minimal(p, 0).(map[string]any)
		if obj == nil {
			obj = map[string]any{}
		}
		if p == nil || p.AdditionalProperties.Has == nil || *p.AdditionalProperties.Has {
			obj["oktasql"] = "changed"
		}
		b, _ := json.Marshal(obj)
		return best, sqlString(string(b)), string(b)
	}
	return best, sqlString(cur + "-changed"), cur + "-changed"
}

// discriminators names the properties that select a variant of s.
func discriminators(s *openapi3.Schema, depth int) map[string]bool {
	out := map[string]bool{}
	if s == nil || depth > 3 {
		return out
	}
	if s.Discriminator != nil {
		out[s.Discriminator.PropertyName] = true
	}
	for _, parts := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
		for _, part := range parts {
			for name := range discriminators(part.Value, depth+1) {
				out[name] = true
			}
		}
	}
	return out
}

// sameJSON reports whether got holds every member of want, or equals it.
func sameJSON(got, want string) bool {
	if got == want {
		return true
	}
	var g, w map[string]any
	if json.Unmarshal([]byte(got), &g) != nil || json.Unmarshal([]byte(want), &w) != nil {
		return false
	}
	for k, v := range w {
		a, _ := json.Marshal(v)
		b, _ := json.Marshal(g[k])
		if string(a) != string(b) {
			return false
		}
	}
	return true
}

// properties returns the properties of an object schema and its parts.
func properties(s *openapi3.Schema, depth int) map[string]*openapi3.Schema {
	out := map[string]*openapi3.Schema{}
	if s == nil || depth > 4 {
		return out
	}
	if s.Type.Is("array") && s.Items != nil { // JSON Patch: any path
		return out
	}
	for name, p := range s.Properties {
		if p.Value != nil {
			out[name] = p.Value
		}
	}
	for _, parts := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
		for _, part := range parts {
			for name, p := range properties(part.Value, depth+1) {
				if out[name] == nil {
					out[name] = p
				}
			}
		}
	}
	return out
}

// update runs the smallest UPDATE of t: one writable column of one row,
// and reads the new value back.
func (r *writeRunner) update(t *schema.Table) (string, error) {
	row, err := r.someRow(t)
	if err != nil {
		return "", err
	}
	key, err := rowKey(t, row)
	if err != nil {
		return "", err
	}
	op := t.Update
	if op == nil {
		op = t.Replace
	}
	body := r.bodySchema(op)
	if op.BodyKind == schema.BodyJSONPatch || body == nil {
		body = &openapi3.Schema{Properties: allProperties(t)}
	}
	c, v, want := changed(t, op, body, row)
	if c == nil {
		return "", fmt.Errorf("no writable column to change")
	}
	stmt := fmt.Sprintf("UPDATE `%s` SET `%s` = %s%s", t.Name, c.Name, v, key)
	if _, err := r.conn.ExecContext(context.Background(), stmt); err != nil {
		return stmt, err
	}
	if c.WriteOnly {
		return stmt, nil // it reads back as NULL
	}
	rows, err := r.rows(fmt.Sprintf("SELECT `%s` FROM `%s`%s", c.Name, t.Name, orKeys(key, r.keyValues(t))))
	if err != nil {
		return stmt, fmt.Errorf("reading back: %w", err)
	}
	if len(rows) != 1 || !sameJSON(fmt.Sprint(rows[0][c.Name]), want) {
		return stmt, fmt.Errorf("read back %v, want %s = %s", rows, c.Name, want)
	}
	return stmt, nil
}

// orKeys is key, or for a one-row table without a primary key the keys.
func orKeys(key string, kv map[string]string) string {
	if key != "" {
		return key
	}
	return where(kv)
}

// allProperties stands for a body the spec does not type: every column.
func allProperties(t *schema.Table) openapi3.Schemas {
	out := openapi3.Schemas{}
	for _, c := range t.Columns {
		if len(c.Path) == 1 {
			out[c.Path[0]] = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
		}
	}
	return out
}

// delete runs DELETE of one row of t by its primary key and checks it is
// gone (a one-row table's settings return to their defaults instead).
func (r *writeRunner) delete(t *schema.Table) (string, error) {
	row, err := r.someRow(t)
	if err != nil {
		return "", err
	}
	key, err := rowKey(t, row)
	if err != nil {
		return "", err
	}
	r.setQueryVars(t.Delete)
	stmt := fmt.Sprintf("DELETE FROM `%s`%s", t.Name, key)
	if _, err := r.conn.ExecContext(context.Background(), stmt); err != nil {
		return stmt, err
	}
	if t.SingleRow || t.Name == "users" { // users: the first DELETE deactivates
		return stmt, nil
	}
	rows, err := r.rows(fmt.Sprintf("SELECT * FROM `%s`%s", t.Name, key))
	if err != nil {
		return stmt, fmt.Errorf("reading back: %w", err)
	}
	if len(rows) > 0 {
		return stmt, fmt.Errorf("the row is still there after the DELETE")
	}
	return stmt, nil
}

// paramOf is the operation parameter an argument binds.
func paramOf(op *schema.Operation, a schema.ProcArg) *schema.Param {
	for i, p := range op.Params {
		if p.Name == a.Param && p.In == a.In {
			return &op.Params[i]
		}
	}
	return nil
}

// minimum is the smallest value the spec allows an integer query
// parameter (1 when it names none).
func (r *writeRunner) minimum(op *schema.Operation, name string) int {
	if o := r.ops[op.ID]; o != nil {
		if p := o.Parameters.GetByInAndName("query", name); p != nil && p.Schema != nil && p.Schema.Value.Min != nil && *p.Schema.Value.Min > 1 {
			return int(*p.Schema.Value.Min)
		}
	}
	return 1
}

// call runs a procedure with its required arguments, as
// TestEveryProcedureCalls does; an Okta refusal (an unknown id) counts as
// run, since the call and its body were made.
func (r *writeRunner) call(p *schema.Procedure) (string, error) {
	user := r.itemValue("user")
	var args []string
	for _, a := range p.Args {
		prm := paramOf(&p.Operation, a)
		switch {
		case !a.Required:
			args = append(args, "NULL")
		case prm != nil && len(prm.Enum) > 0:
			args = append(args, sqlString(prm.Enum[0]))
		case prm != nil && prm.In == "query" && prm.Type == schema.TypeInteger:
			args = append(args, fmt.Sprint(r.minimum(&p.Operation, prm.Name)))
		case a.In == "body":
			b, _ := json.Marshal(minimal(r.bodySchema(&p.Operation), 0))
			args = append(args, sqlString(string(b)))
		case a.Type == schema.TypeBoolean:
			args = append(args, "FALSE")
		case a.Type == schema.TypeInteger:
			args = append(args, "1")
		case a.In == "path" && strings.HasPrefix(a.Name, "user"):
			args = append(args, sqlString(user))
		default:
			args = append(args, "'oktasql-test'")
		}
	}
	stmt := "CALL " + p.Name + "(" + strings.Join(args, ", ") + ")"
	_, err := r.rows(stmt)
	if err != nil && strings.Contains(err.Error(), "okta: ") {
		err = nil
	}
	return stmt, err
}
