package refdocs

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/oktasql/oktasql/planner"
	"github.com/oktasql/oktasql/schema"
)

// Example is one runnable example of a page: statements run in one
// session, the last being the one shown, and what running them gave.
type Example struct {
	Title string
	// Setup are session settings run first (SET oktasql_dry_run = 1).
	Setup []string
	SQL   string
	// Result is filled by running the example.
	Result Result
}

// run runs e on r and keeps its result.
func (e *Example) run(ctx context.Context, r Runner) error {
	res, err := r.Run(ctx, append(append([]string(nil), e.Setup...), e.SQL))
	if err != nil {
		return fmt.Errorf("example %q: %w", e.Title, err)
	}
	e.Result = res
	return nil
}

// Session settings of the write examples.
const (
	setDryRun     = "SET oktasql_dry_run = 1"
	setDeactivate = "SET oktasql_deactivate_before_delete = 1"
)

// statusChange is a dry-run UPDATE of a row's status and the calls it
// would make; refused when no lifecycle operation makes the change.
type statusChange struct {
	from, to string
	example  Example
	refused  bool
}

// row is one sampled row of a table, by column name ("NULL" for NULL).
type row map[string]string

// sampler reads one row of each table from the org, parents first, so
// that a keyed table is read under its parent's sampled row (one request,
// never a fan-out over every parent).
type sampler struct {
	ctx  context.Context
	r    Runner
	c    *schema.Catalog
	rows map[string]row
}

func newSampler(ctx context.Context, r Runner, c *schema.Catalog) *sampler {
	return &sampler{ctx: ctx, r: r, c: c, rows: map[string]row{}}
}

// get returns the sampled row of the table named name: the first row the
// org lists under its parents' sampled rows, else under any parent, or
// when there is none, just those key values; nil when not even they are
// known.
func (sm *sampler) get(name string) row {
	if s, done := sm.rows[name]; done {
		return s
	}
	sm.rows[name] = nil // a key cycle samples nothing
	t := sm.c.Table(name)
	if t == nil {
		return nil
	}
	keys := sm.keys(t)
	var names, quoted []string
	for _, c := range t.Columns {
		if c.Type != schema.TypeJSON {
			names, quoted = append(names, c.Name), append(quoted, "`"+c.Name+"`")
		}
	}
	read := func(keys row) (row, bool) {
		stmt := fmt.Sprintf("SELECT %s FROM %s", strings.Join(quoted, ", "), t.Name)
		if where := keyConditions(t, keys, ""); len(where) > 0 {
			stmt += " WHERE " + strings.Join(where, " AND ")
		}
		res, err := sm.r.Run(sm.ctx, []string{stmt + " LIMIT 1"})
		if err != nil || len(res.Rows) == 0 {
			return nil, false
		}
		s := row{}
		for i, n := range names {
			s[n] = res.Rows[0][i]
		}
		return s, true
	}
	s, found := read(keys)
	if !found {
		// The sampled parent has none: the first of its siblings that has
		// one, read one at a time (a fan-out's concurrent reads would
		// outlive the statement and show in the next example's requests).
		for _, v := range sm.siblings(t, keys) {
			other := maps.Clone(keys)
			other[t.Keys[v.key].Column] = v.value
			if s, found = read(other); found {
				break
			}
		}
	}
	if !found {
		s = keys
	}
	sm.rows[name] = s
	return s
}

// maxSiblings bounds the parents tried for a sample.
const maxSiblings = 30

// sibling is a value of one of t's keys (by index) that names another
// parent.
type sibling struct {
	key   int
	value string
}

// siblings are values of t's innermost listed key other than the sampled
// one: the rows of its source table under the same keys as the sampled
// parent, up to maxSiblings.
func (sm *sampler) siblings(t *schema.Table, keys row) []sibling {
	for i := len(t.Keys) - 1; i >= 0; i-- {
		k := t.Keys[i]
		src := sm.c.Table(k.SourceTable)
		if src == nil {
			continue
		}
		stmt := fmt.Sprintf("SELECT `%s` FROM %s", k.SourceColumn, src.Name)
		if where := keyConditions(src, sm.get(src.Name), ""); len(where) > 0 {
			stmt += " WHERE " + strings.Join(where, " AND ")
		}
		res, err := sm.r.Run(sm.ctx, []string{fmt.Sprintf("%s LIMIT %d", stmt, maxSiblings)})
		if err != nil {
			return nil
		}
		var out []sibling
		for _, r := range res.Rows {
			if len(r) > 0 && r[0] != keys[k.Column] && r[0] != "NULL" {
				out = append(out, sibling{i, r[0]})
			}
		}
		return out
	}
	return nil
}

// keyStandInSQL reads, for a key column no table lists, a value the org
// has: an id of the resource its path parameter names (an OAuth client
// is an OIDC app, an identity source an app instance; an app's schema is
// under its app, a WebAuthn enrollment under its user), a standard role
// for a role reference.
var keyStandInSQL = map[string]string{
	"client_id":          "SELECT id FROM apps WHERE sign_on_mode = 'OPENID_CONNECT' LIMIT 1",
	"identity_source_id": "SELECT id FROM apps LIMIT 1",
	"app_instance_id":    "SELECT id FROM apps LIMIT 1",
	"app_id":             "SELECT id FROM apps LIMIT 1",
	"user_id":            "SELECT id FROM users LIMIT 1",
	"role_ref":           "SELECT 'SUPER_ADMIN'",
}

// standIn reads the keyStandInSQL value of a key column, if it has one.
func (sm *sampler) standIn(column string) (string, bool) {
	q, ok := keyStandInSQL[column]
	if !ok {
		return "", false
	}
	res, err := sm.r.Run(sm.ctx, []string{q})
	if err != nil || len(res.Rows) == 0 || len(res.Rows[0]) == 0 {
		return "", false
	}
	return res.Rows[0][0], true
}

// keys are the values of t's keys taken from its parents' sampled rows:
// the parent of each key gives it its listed column, and its own key
// columns of the same names; a key no table lists takes its stand-in
// (keyStandInSQL); nil when t has no key.
func (sm *sampler) keys(t *schema.Table) row {
	if len(t.Keys) == 0 {
		return nil
	}
	out := row{}
	for _, k := range t.Keys {
		if k.SourceTable == "" {
			if v, ok := sm.standIn(k.Column); ok {
				out[k.Column] = v
			}
		}
	}
	for i := len(t.Keys) - 1; i >= 0; i-- {
		k := t.Keys[i]
		if out.has(k.Column) || k.SourceTable == "" {
			continue
		}
		parent := sm.get(k.SourceTable)
		if !parent.has(k.SourceColumn) {
			continue
		}
		out[k.Column] = parent[k.SourceColumn]
		for _, other := range t.Keys {
			if !out.has(other.Column) && parent.has(other.Column) {
				out[other.Column] = parent[other.Column]
			}
		}
	}
	return out
}

// has reports whether the sampled row has a value for column name.
func (r row) has(name string) bool {
	v, ok := r[name]
	return ok && v != "NULL" && v != ""
}

// tableExamples builds t's examples from the catalog and a sampled row:
// a SELECT with pushdown, a join to the parent of a keyed table, and each
// write the table takes, in dry run. Status changes are probed apart.
func tableExamples(c *schema.Catalog, t *schema.Table, pushes []pushed, s row) []Example {
	var out []Example
	out = append(out, selectExample(t, pushes, s))
	if e, ok := joinExample(c, t, s); ok {
		out = append(out, e)
	}
	return append(out, writeExamples(t, s)...)
}

// selectExample reads t with its best pushed predicate: one Okta takes
// exactly, on a column other than the keys, an equality if it can, with
// the sampled row's value.
func selectExample(t *schema.Table, pushes []pushed, s row) Example {
	where := keyConditions(t, s, "")
	var best *pushed
	for i := range pushes {
		p := &pushes[i]
		if t.Key(p.column) != nil {
			continue
		}
		if best == nil || rank(p, s) > rank(best, s) {
			best = p
		}
	}
	title := "Read with a LIMIT"
	tail := " LIMIT 3"
	if best != nil {
		title = "Read with a predicate Okta evaluates"
		c := withSample(best.expr, s)
		c.Column = ident(c.Column)
		where = append(where, c.String())
		tail = ""
	}
	sql := "SELECT " + strings.Join(display(t, ""), ", ") + " FROM " + t.Name
	if len(where) > 0 {
		sql += " WHERE " + strings.Join(where, " AND ")
	}
	return Example{Title: title, SQL: sql + tail}
}

// rank orders candidate predicates for the SELECT example.
func rank(p *pushed, s row) int {
	n := 0
	if p.exact {
		n += 4
	}
	if p.expr.Op == planner.OpEq {
		n += 2
	}
	if len(p.expr.Values) == 0 {
		return n
	}
	if p.column != "id" {
		n += 8
	}
	if !strings.Contains(p.sent, " ; ") {
		n += 4 // one request
	}
	if _, isString := p.expr.Values[0].(string); isString && s.has(p.column) {
		n += 2
	}
	return n
}

// withSample puts the sampled value of its column in an equality or
// prefix match on a string column.
func withSample(c planner.Cmp, s row) planner.Cmp {
	v, ok := s[c.Column]
	if !ok || !s.has(c.Column) || len(c.Values) != 1 {
		return c
	}
	if _, isString := c.Values[0].(string); !isString {
		return c
	}
	switch c.Op {
	case planner.OpEq:
		c.Values = []any{v}
	case planner.OpPrefix:
		if len(v) > 3 {
			v = v[:3]
		}
		c.Values = []any{v}
	}
	return c
}

// keyConditions are the equalities that give t's keys the sampled row's
// values, columns qualified by alias when it is not "". A key no table
// lists takes a stand-in when the row lacks it (keyStandIn); a key some
// table lists is left out, to be read per row of that table.
func keyConditions(t *schema.Table, s row, alias string) []string {
	var out []string
	for _, k := range t.Keys {
		switch {
		case s.has(k.Column):
			out = append(out, qualify(alias, k.Column)+" = "+literal(s[k.Column]))
		case k.SourceTable == "":
			out = append(out, qualify(alias, k.Column)+" = "+literal(keyStandIn(t, k)))
		}
	}
	return out
}

// keyStandIn is the value an example gives a key no table lists: the
// first value of its parameter's enum, else a placeholder.
func keyStandIn(t *schema.Table, k schema.KeyColumn) string {
	for _, p := range t.List.Params {
		if (p.Name == k.PathParam || p.Name == k.QueryParam) && len(p.Enum) > 0 {
			return p.Enum[0]
		}
	}
	return "example"
}

// display picks the columns an example selects: the primary key, then
// names people read, up to four.
func display(t *schema.Table, alias string) []string {
	var out []string
	add := func(name string) {
		c := t.Column(name)
		if c == nil || c.Type == schema.TypeJSON || t.Key(name) != nil || len(out) >= 4 {
			return
		}
		for _, o := range out {
			if o == qualify(alias, name) {
				return
			}
		}
		out = append(out, qualify(alias, name))
	}
	for _, k := range t.PrimaryKey {
		add(k)
	}
	for _, n := range []string{"profile_login", "profile_name", "name", "label", "display_name", "status", "type", "created"} {
		add(n)
	}
	for _, c := range t.Columns {
		if !c.Hidden {
			add(c.Name)
		}
	}
	if len(out) == 0 {
		return []string{qualify(alias, t.Columns[0].Name)}
	}
	return out
}

// joinExample joins a keyed table to the table that lists its last key's
// values, for the sampled parent row: the key is read per parent row. The
// parent's own keys take the sampled values of the child's keys of the
// same names.
func joinExample(c *schema.Catalog, t *schema.Table, s row) (Example, bool) {
	var k *schema.KeyColumn
	for i := range t.Keys {
		if t.Keys[i].SourceTable != "" {
			k = &t.Keys[i]
		}
	}
	if k == nil || !s.has(k.Column) || c.Table(k.SourceTable) == nil {
		return Example{}, false
	}
	on := []string{qualify("c", k.Column) + " = " + qualify("p", k.SourceColumn)}
	where := []string{qualify("p", k.SourceColumn) + " = " + literal(s[k.Column])}
	for _, cond := range keyConditions(t, s, "c") {
		if !strings.HasPrefix(cond, qualify("c", k.Column)+" ") {
			where = append(where, cond)
		}
	}
	for _, pk := range c.Table(k.SourceTable).Keys {
		if !s.has(pk.Column) {
			return Example{}, false
		}
		where = append(where, qualify("p", pk.Column)+" = "+literal(s[pk.Column]))
	}
	return Example{
		Title: "Join to " + k.SourceTable + ", the table that lists " + k.Column,
		SQL: fmt.Sprintf("SELECT %s, %s FROM %s p JOIN %s c ON %s WHERE %s",
			qualify("p", k.SourceColumn), strings.Join(display(t, "c"), ", "), k.SourceTable, t.Name,
			strings.Join(on, " AND "), strings.Join(where, " AND ")),
	}, true
}

// writeExamples are t's INSERT, UPDATE and DELETE, in dry run, on the
// sampled row (an INSERT needs the sampled keys only).
func writeExamples(t *schema.Table, s row) []Example {
	var out []Example
	if t.Create != nil {
		if sql, ok := insertSQL(t, s); ok {
			out = append(out, Example{Title: "INSERT, in dry run", Setup: append([]string{setDryRun}, paramSets(t.Create)...), SQL: sql})
		}
	}
	which, ok := identify(t, s)
	if !ok {
		return out
	}
	if t.Update != nil || (t.Replace != nil && t.Get != nil) {
		if c := updatable(t); c != nil {
			set := append([]string{ident(c.Name) + " = " + updateValue(c, s)}, writeOnlySets(t)...)
			op := t.Update
			if op == nil {
				op = t.Replace
			}
			out = append(out, Example{Title: "UPDATE, in dry run", Setup: append([]string{setDryRun}, paramSets(op)...),
				SQL: fmt.Sprintf("UPDATE %s SET %s WHERE %s", t.Name, strings.Join(set, ", "), which)})
		}
	}
	if t.Delete != nil {
		out = append(out, Example{Title: "DELETE, in dry run", Setup: append([]string{setDryRun, setDeactivate}, paramSets(t.Delete)...),
			SQL: fmt.Sprintf("DELETE FROM %s WHERE %s", t.Name, which)})
	}
	return out
}

// paramSets are the user variables that give op's required query
// parameters (SET @deleteTargetGroup = FALSE), as a write takes them.
func paramSets(op *schema.Operation) []string {
	var out []string
	for _, p := range op.Params {
		if p.In != "query" || !p.Required {
			continue
		}
		v := sampleValue(&schema.Column{Name: p.Name, Type: p.Type, Enum: p.Enum})
		if p.Type == schema.TypeBoolean {
			v = "FALSE"
		}
		out = append(out, "SET @"+p.Name+" = "+v)
	}
	return out
}

// writeOnlySets are the assignments a read-modify-write UPDATE needs to
// keep the write-only values Okta never returns: each JSON column that
// holds some gets them back with JSON_SET.
func writeOnlySets(t *schema.Table) []string {
	if t.Update != nil || t.Replace == nil {
		return nil
	}
	var cols []string
	args := map[string][]string{}
	for _, path := range t.Replace.WriteOnly {
		c := t.ColumnAt(path[0])
		if c == nil || len(path) < 2 {
			continue
		}
		if args[c.Name] == nil {
			cols = append(cols, c.Name)
		}
		args[c.Name] = append(args[c.Name], literal("$."+strings.Join(path[1:], ".")), "'example-secret'")
	}
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = fmt.Sprintf("%s = JSON_SET(%s, %s)", ident(c), ident(c), strings.Join(args[c], ", "))
	}
	return out
}

// statusChanges probes, in dry run, the UPDATE of a row's status from
// each value of the status column's enum that some row of the org has
// (its first such row, under the sampled keys) to every other value.
func (sm *sampler) statusChanges(t *schema.Table) []statusChange {
	col := t.Column("status")
	if col == nil || len(col.Enum) == 0 || len(t.Procedures) == 0 || t.Column("id") == nil || t.SingleRow {
		return nil
	}
	keys := sm.get(t.Name)
	var out []statusChange
	for _, from := range col.Enum {
		where := append(keyConditions(t, keys, ""), "status = "+literal(from))
		res, err := sm.r.Run(sm.ctx, []string{fmt.Sprintf("SELECT id FROM %s WHERE %s LIMIT 1", t.Name, strings.Join(where, " AND "))})
		if err != nil || len(res.Rows) == 0 {
			continue
		}
		which := strings.Join(append(keyConditions(t, keys, ""), "id = "+literal(res.Rows[0][0])), " AND ")
		for _, to := range col.Enum {
			if to == from {
				continue
			}
			out = append(out, statusChange{from: from, to: to, example: Example{
				Title: "status " + from + " to " + to, Setup: []string{setDryRun},
				SQL: fmt.Sprintf("UPDATE %s SET status = %s WHERE %s", t.Name, literal(to), which),
			}})
		}
	}
	return out
}

// identify is the WHERE that names the sampled row: its keys and id.
func identify(t *schema.Table, s row) (string, bool) {
	if t.SingleRow || t.Column("id") == nil || !s.has("id") {
		return "", false
	}
	return strings.Join(append(keyConditions(t, s, ""), "id = "+literal(s["id"])), " AND "), true
}

// insertSQL is an INSERT of one row: the sampled keys, the id when the
// create call's path takes one (a member added by PUT), and a few
// writable columns.
func insertSQL(t *schema.Table, s row) (string, bool) {
	var cols, vals []string
	for _, k := range t.Keys {
		if !s.has(k.Column) {
			return "", false
		}
		cols, vals = append(cols, ident(k.Column)), append(vals, literal(s[k.Column]))
	}
	if len(schema.PathParams(t.Create.Path)) > len(t.Keys) {
		if !s.has("id") {
			return "", false
		}
		cols, vals = append(cols, "id"), append(vals, literal(s["id"]))
	}
	// Every value the create requires, also those required only once
	// their object is sent; a value nested in a JSON column has no sample.
	set := map[string]bool{}
	for _, c := range cols {
		set[c] = true
	}
	for _, path := range leaves(t.Create.Required) {
		c := t.BodyColumn(path)
		if c == nil || len(path) > len(c.Path) {
			return "", false
		}
		if !set[ident(c.Name)] {
			cols, vals = append(cols, ident(c.Name)), append(vals, sampleValue(c))
			set[ident(c.Name)] = true
		}
	}
	for _, c := range writable(t, 3) {
		if !set[ident(c.Name)] {
			cols, vals = append(cols, ident(c.Name)), append(vals, sampleValue(c))
		}
	}
	if len(cols) == 0 {
		return "", false
	}
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", t.Name, strings.Join(cols, ", "), strings.Join(vals, ", ")), true
}

// leaves are the paths of required that no other path extends: the
// values themselves, not the objects holding them.
func leaves(required [][]string) [][]string {
	var out [][]string
	for _, p := range required {
		prefix := strings.Join(p, ".") + "."
		inner := false
		for _, q := range required {
			inner = inner || strings.HasPrefix(strings.Join(q, "."), prefix)
		}
		if !inner {
			out = append(out, p)
		}
	}
	return out
}

// writable returns up to n columns a write may set, names people write
// first (login, email, name, label).
func writable(t *schema.Table, n int) []*schema.Column {
	var out []*schema.Column
	ok := func(c *schema.Column) bool {
		if c.ReadOnly || c.FromCall() || c.Name == "id" || c.Name == "status" || len(c.Path) == 0 || c.Type == schema.TypeJSON || c.Type == schema.TypeDatetime {
			return false
		}
		for _, o := range out {
			if o == c {
				return false
			}
		}
		return true
	}
	for _, suffix := range []string{"login", "email", "first_name", "last_name", "name", "label", "description"} {
		for _, c := range t.Columns {
			if len(out) < n && strings.HasSuffix(c.Name, suffix) && ok(c) {
				out = append(out, c)
				break
			}
		}
	}
	for _, c := range t.Columns {
		if len(out) < n && len(c.Path) == 1 && ok(c) {
			out = append(out, c)
		}
	}
	return out
}

// updatable is the column an UPDATE example sets.
func updatable(t *schema.Table) *schema.Column {
	for _, c := range writable(t, len(t.Columns)) {
		for _, op := range []*schema.Operation{t.Update, t.Replace} {
			if op != nil && op.TakesColumn(c) {
				return c
			}
		}
	}
	return nil
}

// sampleValue is a value an example writes to c.
func sampleValue(c *schema.Column) string {
	switch {
	case len(c.Enum) > 0:
		return literal(c.Enum[0])
	case c.Type == schema.TypeJSON:
		return "'{}'"
	case c.Type == schema.TypeBoolean:
		return "TRUE"
	case c.Type == schema.TypeInteger || c.Type == schema.TypeNumber:
		return "1"
	case strings.HasSuffix(c.Name, "email") || strings.HasSuffix(c.Name, "login"):
		return "'ada.example@example.com'"
	}
	return "'Example'"
}

// updateValue is the value an UPDATE example sets c to: its sample
// value, or another one when the sampled row already has it (an UPDATE
// that changes nothing makes no call to show).
func updateValue(c *schema.Column, s row) string {
	v := sampleValue(c)
	if cur, ok := s[c.Name]; !ok || (literal(cur) != v && cur != v && !(c.Type == schema.TypeBoolean && cur == "1")) {
		return v
	}
	switch {
	case len(c.Enum) > 1:
		return literal(c.Enum[1])
	case c.Type == schema.TypeBoolean:
		return "FALSE"
	case c.Type == schema.TypeInteger || c.Type == schema.TypeNumber:
		return "2"
	}
	return literal("Example 2")
}

// literal quotes s as a SQL string.
func literal(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// qualify prefixes name (quoted when it needs it) with alias and a dot,
// when alias is not "".
func qualify(alias, name string) string {
	if alias == "" {
		return ident(name)
	}
	return alias + "." + ident(name)
}

// ident quotes a column name that the parser would take for a keyword
// (schema, key).
func ident(name string) string {
	if _, err := sqlparser.Parse("SELECT " + name + " FROM t"); err != nil {
		return "`" + name + "`"
	}
	return name
}
