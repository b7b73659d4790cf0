package planner

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/oktasql/oktasql/schema"
)

// maxPointGets bounds the ids of an IN list answered by point GETs.
const maxPointGets = 100

// builder holds the state of one Build.
type builder struct {
	q      Query
	t      *schema.Table
	pd     *schema.Pushdown // never nil (empty when the table pushes nothing)
	pushed []bool           // by conjunct index
	// inexact is set when a conjunct carried server-side is matched only
	// approximately (a case-insensitive search, q, a rounded bound): the
	// server may return rows the engine drops.
	inexact bool
	// limitRows is the LIMIT when the server's answer is exactly the
	// query's, so that many rows answer it; 0 otherwise.
	limitRows int
	notes     []string
	// consistent asks for filter over search on a tie: ids looked up in a
	// batch must be found as point GETs would, and search lags changes.
	consistent bool
}

// Build plans q: the requests whose rows are a superset of the rows that
// satisfy q.Where, as few as the API allows.
func Build(q Query) (*Plan, error) {
	if q.Table == nil {
		return nil, &PlanError{Table: "?", Problem: "no table to plan"}
	}
	if q.Table.List == nil {
		return nil, &PlanError{Table: q.Table.Name, Problem: "the table has no list operation"}
	}
	if q.Now.IsZero() {
		q.Now = time.Now()
	}
	q.Where = flatten(q.Where)
	b := &builder{q: q, t: q.Table, pd: q.Table.Pushdown, pushed: make([]bool, len(q.Where))}
	if b.pd == nil {
		b.pd = &schema.Pushdown{}
	}
	p := &Plan{Table: q.Table}
	if col, none := b.outsideEnums(); none {
		return b.none(p, col), nil
	}

	keyValues := map[string][]string{}
	var missing *schema.KeyColumn
	for i, k := range b.t.Keys {
		vals, found := b.pathValues(k.Column)
		switch {
		case found && len(vals) == 0:
			return b.none(p, k.Column), nil
		case found:
			keyValues[k.Column] = vals
		case missing == nil:
			missing = &b.t.Keys[i]
		}
	}

	if missing == nil {
		calls, found := b.pointGets(keyValues)
		if found && len(calls) == 0 {
			return b.none(p, "id"), nil
		}
		if calls != nil {
			return b.finish(p, calls), nil
		}
	}

	template := b.listCall()
	if missing != nil {
		if missing.SourceTable == "" {
			return nil, &PlanError{Table: b.t.Name, Column: missing.Column, Problem: "needs a value (WHERE " + missing.Column + " = '...'): no table lists its values"}
		}
		for k, vals := range keyValues {
			if len(vals) == 1 {
				b.setKey(&template, k, vals[0])
			}
		}
		p.FanOut = &FanOut{Key: *missing, Template: template}
		b.notes = append(b.notes, "no "+missing.Column+" given: reads "+missing.SourceTable+" first, then one request per row (1 + N requests)")
		return b.finish(p, nil), nil
	}

	var calls []Call
	for _, combo := range keyCombos(b.t.Keys, keyValues) {
		c := cloneCall(template)
		for k, v := range combo {
			b.setKey(&c, k, v)
		}
		calls = append(calls, c)
	}
	calls, err := b.requiredParams(calls)
	if err != nil {
		return nil, err
	}
	if calls, err = b.requiredExpression(calls); err != nil {
		return nil, err
	}
	calls = b.addOmitted(calls)
	p.Ordered = b.order(calls)
	b.sizeForLimit(calls, p.Ordered)
	return b.finish(p, b.partition(p, calls)), nil
}

// flatten splices nested conjunctions into the list of conjuncts and
// drops missing (nil) ones.
func flatten(where []Expr) []Expr {
	var out []Expr
	for _, e := range where {
		switch e := e.(type) {
		case nil:
		case And:
			out = append(out, flatten(e)...)
		default:
			out = append(out, e)
		}
	}
	return out
}

// listCall is the list request every list call of the plan starts from:
// the query parameters, the largest page the endpoint allows, and the
// System Log's stop at the first empty page.
func (b *builder) listCall() Call {
	q := b.queryParams()
	c := Call{Kind: CallList, Operation: b.t.List, PathParams: map[string]string{}, Query: q, KeyValues: map[string]string{}}
	if b.takesQuery("limit") && b.t.PageLimit.Max > 0 {
		c.PageSize = b.t.PageLimit.Max
		c.Query.Set("limit", strconv.Itoa(c.PageSize))
	}
	c.StopOnEmptyPage = b.pd.TimeRange != nil
	return c
}

// none is the plan of a query no row can satisfy: col is restricted to
// values that cannot name an item, or that its enum does not allow.
func (b *builder) none(p *Plan, col string) *Plan {
	b.notes = append(b.notes, "no row can match: "+col+" is restricted to values that name no item or that the API does not allow")
	return b.finish(p, nil)
}

func (b *builder) finish(p *Plan, calls []Call) *Plan {
	values := b.expansions()
	for i := range calls {
		setExpand(&calls[i], values)
	}
	if p.FanOut != nil {
		setExpand(&p.FanOut.Template, values)
	}
	if cols := b.fromGet(); len(cols) > 0 && b.t.Get != nil {
		lists := p.FanOut != nil
		for i := range calls {
			if calls[i].Kind == CallList {
				calls[i].ItemGet, lists = b.t.Get, true
			}
		}
		if p.FanOut != nil {
			p.FanOut.Template.ItemGet = b.t.Get
		}
		if lists {
			b.notes = append(b.notes, "the list leaves out "+strings.Join(cols, ", ")+": one "+b.t.Get.Method+" "+b.t.Get.Path+" per row listed")
		}
	}
	p.Calls = calls
	p.EstimatedRequests = 0
	for _, c := range calls {
		p.EstimatedRequests += pages(c, b.limitRows)
	}
	if p.FanOut != nil {
		p.EstimatedRequests = 1
	}
	for i, e := range b.q.Where {
		if b.pushed[i] {
			p.Pushed = append(p.Pushed, e)
		} else {
			p.Residual = append(p.Residual, e)
		}
	}
	p.Notes = b.notes
	return p
}

// pages estimates the requests of one call: the pages of rows rows when
// that many answer the query, else one (the size of the table is unknown).
func pages(c Call, rows int) int {
	if c.Kind == CallList && rows > 0 && c.PageSize > 0 {
		return (rows + c.PageSize - 1) / c.PageSize
	}
	return 1
}

// equality returns the string values a conjunct restricts col to (= or
// IN), marking the conjunct pushed; nil when there is none.
func (b *builder) equality(col string) []string {
	i, vals := b.findEquality(col)
	if i >= 0 {
		b.pushed[i] = true
	}
	return vals
}

// findEquality finds a conjunct col = 'v' or col IN ('v', ...) not yet
// pushed, with only non-empty string values: its index and distinct
// values, or -1.
func (b *builder) findEquality(col string) (int, []string) {
	for i, e := range b.q.Where {
		c, ok := e.(Cmp)
		if !ok || b.pushed[i] || c.Column != col || (c.Op != OpEq && c.Op != OpIn) || len(c.Values) == 0 {
			continue
		}
		vals := make([]string, 0, len(c.Values))
		for _, v := range c.Values {
			s, ok := v.(string)
			if !ok || s == "" {
				vals = nil
				break
			}
			if !contains(vals, s) {
				vals = append(vals, s)
			}
		}
		if vals != nil {
			return i, vals
		}
	}
	return -1, nil
}

// pathValues returns the values a conjunct restricts col to, for use as
// path parameters, marking the conjunct pushed: found is false when no
// conjunct does; the values leave out those that cannot name an item
// ("", ".", "..", which a URL path cannot carry as a segment).
func (b *builder) pathValues(col string) (vals []string, found bool) {
	for i, e := range b.q.Where {
		c, ok := e.(Cmp)
		if !ok || b.pushed[i] || c.Column != col || (c.Op != OpEq && c.Op != OpIn) || len(c.Values) == 0 {
			continue
		}
		vals = vals[:0]
		strs := true
		for _, v := range c.Values {
			s, ok := v.(string)
			strs = strs && ok
			if ok && s != "" && s != "." && s != ".." && !contains(vals, s) {
				vals = append(vals, s)
			}
		}
		if strs {
			b.pushed[i] = true
			return vals, true
		}
	}
	return nil, false
}

// setKey gives the call the value of key column col: in its path, or in
// its query for a query parameter key.
func (b *builder) setKey(c *Call, col, v string) {
	c.KeyValues[col] = v
	for _, k := range b.t.Keys {
		switch {
		case k.Column != col:
		case k.QueryParam != "":
			c.Query.Set(k.QueryParam, v)
		default:
			c.PathParams[k.PathParam] = v
		}
	}
}

// pointGets answers id = / id IN on a table with an item GET by one GET
// per id. found is false when that does not apply (no GET, no equality on
// id, or more ids than maxPointGets); found with no calls means no id can
// name an item.
func (b *builder) pointGets(keyValues map[string][]string) (calls []Call, found bool) {
	if b.t.Get == nil || b.t.Column("id") == nil {
		return nil, false
	}
	if len(b.expansions()) > 0 && !takes(b.t.Get, "expand") {
		return nil, false // the GET cannot fill the expanded columns read
	}
	params := schema.PathParams(b.t.Get.Path)
	if len(params) != len(b.t.Keys)+1 || !namesID(params[len(params)-1]) {
		return nil, false
	}
	for _, k := range b.t.Keys {
		if k.QueryParam != "" {
			return nil, false // the GET takes only the path's keys
		}
	}
	saved := append([]bool(nil), b.pushed...)
	ids, found := b.pathValues("id")
	batch := found && len(ids) > 1 && (b.listFindsIDs(len(ids)) || len(ids) > b.scanRequests())
	b.consistent = batch
	if !found {
		ids, found = b.getByValues()
	}
	if !found || len(ids) > maxPointGets || batch {
		b.pushed = saved
		return nil, false
	}
	calls = []Call{}
	for _, combo := range keyCombos(b.t.Keys, keyValues) {
		for _, id := range ids {
			c := Call{Kind: CallGet, Operation: b.t.Get, PathParams: map[string]string{}, KeyValues: map[string]string{}}
			for i, k := range b.t.Keys {
				c.KeyValues[k.Column] = combo[k.Column]
				c.PathParams[params[i]] = combo[k.Column]
			}
			c.PathParams[params[len(params)-1]] = id
			calls = append(calls, c)
		}
	}
	if len(calls) > 1 {
		b.notes = append(b.notes, fmt.Sprintf("%d point GETs, run concurrently", len(calls)))
	}
	return calls, true
}

// listFindsIDs reports whether one list call finds n ids (a filter of id
// eq … or id eq …), which is cheaper than n point GETs. Only a filter
// does: a search may miss an item created a moment ago.
func (b *builder) listFindsIDs(n int) bool {
	g := b.pd.Filter
	return len(b.t.Keys) == 0 && n <= maxInValues && g != nil && g.Or && !g.Keyword && b.takesQuery(g.Param) &&
		(g.MaxTerms == 0 || g.MaxTerms >= n) && allows(g, "id", "eq")
}

// scanRequests estimates the pages of a read of the whole table
// (Query.TableRows), or a number no IN list reaches when it is unknown.
func (b *builder) scanRequests() int {
	if b.q.TableRows <= 0 || len(b.t.Keys) > 0 || b.t.PageLimit.Max <= 0 || !b.takesQuery("limit") {
		return math.MaxInt
	}
	return (b.q.TableRows + b.t.PageLimit.Max - 1) / b.t.PageLimit.Max
}

// namesID reports whether an item GET's last path parameter takes the
// item's id (groupId, roleIdOrLabel), rather than another attribute
// (logStreamType: the log stream schemas' id is a URL).
func namesID(param string) bool {
	return strings.Contains(strings.ToLower(param), "id")
}

// getByValues returns the values of an equality or IN on the attribute
// the item GET also takes (users: a login), when every one of them is a
// value it takes (a login with a / is not: a search finds it).
func (b *builder) getByValues() ([]string, bool) {
	g := b.pd.GetBy
	if g == nil {
		return nil, false
	}
	col := b.columnFor(g.Field)
	if col == nil {
		return nil, false
	}
	i, vals := b.findEquality(col.Name)
	if i < 0 {
		return nil, false
	}
	for i, v := range vals {
		if !strings.Contains(v, g.Contains) || strings.ContainsAny(v, g.Excludes) || strings.Trim(v, ".") == "" {
			return nil, false
		}
		for _, w := range vals[:i] {
			if strings.EqualFold(v, w) {
				return nil, false // Okta finds a login whatever its case: one item, two GETs
			}
		}
	}
	b.pushed[i] = true
	return vals, true
}

// keyCombos returns every combination of the key values.
func keyCombos(keys []schema.KeyColumn, values map[string][]string) []map[string]string {
	combos := []map[string]string{{}}
	for _, k := range keys {
		vals := values[k.Column]
		if vals == nil {
			continue
		}
		next := make([]map[string]string, 0, len(combos)*len(vals))
		for _, c := range combos {
			for _, v := range vals {
				m := make(map[string]string, len(c)+1)
				for a, x := range c {
					m[a] = x
				}
				m[k.Column] = v
				next = append(next, m)
			}
		}
		combos = next
	}
	return combos
}

func cloneCall(c Call) Call {
	out := c
	out.PathParams = make(map[string]string, len(c.PathParams))
	for k, v := range c.PathParams {
		out.PathParams[k] = v
	}
	out.KeyValues = make(map[string]string, len(c.KeyValues))
	for k, v := range c.KeyValues {
		out.KeyValues[k] = v
	}
	out.Query = url.Values{}
	for k, v := range c.Query {
		out.Query[k] = append([]string(nil), v...)
	}
	return out
}

// takesQuery reports whether the list operation takes query parameter name.
func (b *builder) takesQuery(name string) bool { return takes(b.t.List, name) }

// takes reports whether op takes query parameter name.
func takes(op *schema.Operation, name string) bool { return op.QueryParam(name) != nil }

// setExpand asks the call for values, the expansions of the columns read
// (groups' users_count: expand=stats).
func setExpand(c *Call, values []string) {
	if len(values) > 0 && takes(c.Operation, "expand") {
		c.Query.Set("expand", strings.Join(values, ","))
	}
}

// expansions returns the expand values the columns read need: a column's
// own, and those of the columns nested in it (embedded, the whole
// _embedded object, holds users_count's stats), so that a column has the
// same value whichever other columns are read.
func (b *builder) expansions() []string {
	var values []string
	for _, col := range b.t.Columns {
		if b.q.Columns != nil && !contains(b.q.Columns, col.Name) {
			continue
		}
		for _, inner := range b.t.Columns {
			if inner.Expand != "" && hasPrefix(inner.Path, col.Path) && !contains(values, inner.Expand) {
				values = append(values, inner.Expand)
			}
		}
	}
	return values
}

// fromGet returns the columns read that only the item GET returns
// (schema.Column.FromGet).
func (b *builder) fromGet() []string {
	var out []string
	for _, col := range b.t.Columns {
		if col.FromGet && (b.q.Columns == nil || contains(b.q.Columns, col.Name)) {
			out = append(out, col.Name)
		}
	}
	return out
}

// hasPrefix reports whether path starts with prefix (a column with no
// path, the whole item, is a prefix of every path).
func hasPrefix(path, prefix []string) bool {
	if len(prefix) > len(path) {
		return false
	}
	for i := range prefix {
		if path[i] != prefix[i] {
			return false
		}
	}
	return true
}

// columnFor returns the scalar column read from attribute path attr.
func (b *builder) columnFor(attr string) *schema.Column {
	for _, c := range b.t.Columns {
		if c.Type != schema.TypeJSON && strings.Join(c.Path, ".") == attr {
			return c
		}
	}
	return nil
}
