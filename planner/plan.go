package planner

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/oktasql/oktasql/schema"
)

// Order is one ORDER BY term.
type Order struct {
	Column string
	Desc   bool
}

// Query is what the engine asks of one table access.
type Query struct {
	Table *schema.Table
	// Where are the conjuncts to push; the engine re-checks all of them, so
	// a plan may return more rows than they select, never fewer.
	Where []Expr
	// Limit is the LIMIT, 0 when none.
	Limit   int
	OrderBy []Order
	// Now bounds System Log reads (until); zero means time.Now().
	Now time.Time
}

// CallKind says whether a call lists or gets one item.
type CallKind int

// Call kinds.
const (
	CallList CallKind = iota
	CallGet
)

// Call is one request; a list call is paged.
type Call struct {
	Kind       CallKind
	Operation  *schema.Operation
	PathParams map[string]string
	Query      url.Values
	// KeyValues are the key columns' values of the rows the call returns.
	KeyValues map[string]string
	// PageSize is the limit sent, 0 when none.
	PageSize int
	// MaxRows stops the call after that many rows, 0 for all.
	MaxRows int
	// StopOnEmptyPage ends a System Log read at its first empty page.
	StopOnEmptyPage bool
}

// Path is the operation's path with the parameters filled in.
func (c Call) Path() string {
	p, err := schema.ExpandPath(c.Operation.Path, c.PathParams)
	if err != nil {
		return c.Operation.Path
	}
	return p
}

// Line renders the call as "GET /path?query", for EXPLAIN.
func (c Call) Line() string {
	s := c.Operation.Method + " " + c.Path()
	if len(c.Query) > 0 {
		q, err := url.QueryUnescape(c.Query.Encode())
		if err != nil {
			q = c.Query.Encode()
		}
		s += "?" + q
	}
	return s
}

// Plan says how a table access is answered.
type Plan struct {
	Table *schema.Table
	// Calls run in order; their row sets are disjoint and their union is a
	// superset of the answer.
	Calls []Call
	// FanOut, when set, means a key column has no value: the engine lists
	// FanOut.Key.SourceTable and reads the table under each of its rows.
	FanOut *FanOut
	// Pushed are the conjuncts expressed in the requests, Residual the rest.
	Pushed, Residual []Expr
	// Ordered is true when the rows arrive in Query.OrderBy's order: the
	// endpoint sorts them exactly as SQL would, in a single call.
	Ordered bool
	// EstimatedRequests counts the calls (pages aside; a fan-out is 1 + N).
	EstimatedRequests int
	// Notes explain the plan's costs for EXPLAIN.
	Notes []string
}

// FanOut reads a key table under every row of its parent.
type FanOut struct {
	Key      schema.KeyColumn
	Template Call
}

// PlanError is a query the API cannot answer; it names the table, the
// column and what is missing.
type PlanError struct {
	Table, Column, Problem string
}

func (e *PlanError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("table %s: column %s: %s", e.Table, e.Column, e.Problem)
	}
	return fmt.Sprintf("table %s: %s", e.Table, e.Problem)
}

// Explain renders the plan, one line per call, for EXPLAIN.
func (p *Plan) Explain() []string {
	var out []string
	if p.FanOut != nil {
		out = append(out, fmt.Sprintf("for each %s.%s: %s", p.FanOut.Key.SourceTable, p.FanOut.Key.SourceColumn, p.FanOut.Template.Line()))
	}
	for _, c := range p.Calls {
		out = append(out, c.Line())
	}
	if len(p.Residual) > 0 {
		parts := make([]string, len(p.Residual))
		for i, r := range p.Residual {
			parts[i] = r.String()
		}
		out = append(out, "checked by oktasql: "+strings.Join(parts, " AND "))
	}
	if p.FanOut != nil {
		out = append(out, "estimated requests: 1 + one per "+p.FanOut.Key.SourceTable+" row")
	} else {
		out = append(out, fmt.Sprintf("estimated requests: %d", p.EstimatedRequests))
	}
	return append(out, p.Notes...)
}

// maxPointGets bounds the ids of an IN list answered by point GETs.
const maxPointGets = 100

// Build plans q.
func Build(q Query) (*Plan, error) {
	if q.Now.IsZero() {
		q.Now = time.Now()
	}
	b := &builder{q: q, t: q.Table, pushed: make([]bool, len(q.Where))}
	p := &Plan{Table: q.Table}

	keyValues := map[string][]string{}
	var missing *schema.KeyColumn
	for i, k := range b.t.Keys {
		if vals := b.equality(k.Column); vals != nil {
			keyValues[k.Column] = vals
		} else if missing == nil {
			missing = &b.t.Keys[i]
		}
	}

	if missing == nil {
		if calls := b.pointGets(keyValues); calls != nil {
			return b.finish(p, calls), nil
		}
	}

	template := Call{Kind: CallList, Operation: b.t.List, PathParams: map[string]string{}, Query: b.queryParams(&p.Notes), KeyValues: map[string]string{}}
	if b.takesQuery("limit") && b.t.PageLimit.Max > 0 {
		template.PageSize = b.t.PageLimit.Max
		template.Query.Set("limit", strconv.Itoa(template.PageSize))
	}
	template.StopOnEmptyPage = b.t.Pushdown != nil && b.t.Pushdown.TimeRange != nil

	if missing != nil {
		if missing.SourceTable == "" {
			return nil, &PlanError{Table: b.t.Name, Column: missing.Column, Problem: "needs a value (WHERE " + missing.Column + " = '...'): no table lists its values"}
		}
		for k, vals := range keyValues {
			if len(vals) == 1 {
				template.KeyValues[k] = vals[0]
				template.PathParams[b.keyParam(k)] = vals[0]
			}
		}
		p.FanOut = &FanOut{Key: *missing, Template: template}
		p.Notes = append(p.Notes, "no "+missing.Column+" given: reads "+missing.SourceTable+" first, then one request per row")
		return b.finish(p, nil), nil
	}

	var calls []Call
	for _, combo := range keyCombos(b.t.Keys, keyValues) {
		c := cloneCall(template)
		for k, v := range combo {
			c.KeyValues[k] = v
			c.PathParams[b.keyParam(k)] = v
		}
		calls = append(calls, c)
	}
	calls, err := b.requiredParams(calls, &p.Notes)
	if err != nil {
		return nil, err
	}
	calls = b.addOmitted(calls, &p.Notes)
	p.Ordered = b.order(calls)
	b.sizeForLimit(calls)
	return b.finish(p, calls), nil
}

// order asks the endpoint for the query's single-column ORDER BY when it
// sorts exactly as SQL does: on a date or number (string collation
// differs), in one call (two calls' rows would only be ordered within
// each), with the search it requires. It reports whether it did.
func (b *builder) order(calls []Call) bool {
	pd := b.t.Pushdown
	if len(b.q.OrderBy) != 1 || pd == nil || pd.Sort == nil || len(calls) != 1 {
		return false
	}
	o, s := b.q.OrderBy[0], pd.Sort
	col := b.t.Column(o.Column)
	if col == nil || len(col.Path) == 0 {
		return false
	}
	switch col.Type {
	case schema.TypeDatetime, schema.TypeInteger, schema.TypeNumber:
	default:
		return false
	}
	attr := strings.Join(col.Path, ".")
	listed := s.AnyField
	for _, f := range s.Fields {
		listed = listed || f == attr
	}
	if !listed || (s.RequiresSearch && (pd.Search == nil || calls[0].Query.Get(pd.Search.Param) == "")) {
		return false
	}
	q := calls[0].Query
	if s.ByParam != "" {
		q.Set(s.ByParam, attr)
	}
	switch {
	case o.Desc && s.Desc != "":
		q.Set(s.OrderParam, s.Desc)
	case !o.Desc && s.Asc != "":
		q.Set(s.OrderParam, s.Asc)
	default:
		return false
	}
	return true
}

// sizeForLimit asks for pages of LIMIT rows when the server's answer is
// exactly the query's (every conjunct pushed, no case-insensitive match),
// so the first page holds the answer and nothing more.
func (b *builder) sizeForLimit(calls []Call) {
	if b.q.Limit <= 0 || b.caseInsensitive {
		return
	}
	for _, pushed := range b.pushed {
		if !pushed {
			return
		}
	}
	for i := range calls {
		if calls[i].PageSize > b.q.Limit {
			calls[i].PageSize = b.q.Limit
			calls[i].Query.Set("limit", strconv.Itoa(b.q.Limit))
		}
	}
}

type builder struct {
	q      Query
	t      *schema.Table
	pushed []bool // by conjunct index
	// caseInsensitive is set when a case-insensitive grammar carries
	// conjuncts: the server may then return rows the engine drops.
	caseInsensitive bool
}

func (b *builder) finish(p *Plan, calls []Call) *Plan {
	p.Calls = calls
	p.EstimatedRequests = len(calls)
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
	return p
}

// equality returns the string values a conjunct restricts col to (= or
// IN), marking the conjunct pushed; nil when there is none.
func (b *builder) equality(col string) []string {
	for i, e := range b.q.Where {
		c, ok := e.(Cmp)
		if !ok || c.Column != col || (c.Op != OpEq && c.Op != OpIn) || len(c.Values) == 0 {
			continue
		}
		vals := make([]string, 0, len(c.Values))
		for _, v := range c.Values {
			s, ok := v.(string)
			if !ok || s == "" {
				vals = nil
				break
			}
			vals = append(vals, s)
		}
		if vals != nil {
			b.pushed[i] = true
			return vals
		}
	}
	return nil
}

func (b *builder) keyParam(col string) string {
	for _, k := range b.t.Keys {
		if k.Column == col {
			return k.PathParam
		}
	}
	return col
}

// pointGets answers id = / id IN on a table with an item GET by one GET
// per id; nil when that does not apply.
func (b *builder) pointGets(keyValues map[string][]string) []Call {
	if b.t.Get == nil || b.t.Column("id") == nil {
		return nil
	}
	params := schema.PathParams(b.t.Get.Path)
	if len(params) != len(b.t.Keys)+1 {
		return nil
	}
	saved := append([]bool(nil), b.pushed...)
	ids := b.equality("id")
	if ids == nil || len(ids) > maxPointGets {
		b.pushed = saved
		return nil
	}
	var calls []Call
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
	return calls
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
func (b *builder) takesQuery(name string) bool {
	for _, p := range b.t.List.Params {
		if p.In == "query" && p.Name == name {
			return true
		}
	}
	return false
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

// queryParams builds the list call's query: time bounds, plain parameters
// and the filter or search expression that pushes the most conjuncts.
func (b *builder) queryParams(notes *[]string) url.Values {
	q := url.Values{}
	pd := b.t.Pushdown
	if pd == nil {
		return q
	}
	if pd.TimeRange != nil {
		b.timeRange(pd.TimeRange, q, notes)
	}
	for _, pb := range pd.Params {
		col := b.columnFor(pb.Field)
		if col == nil || !b.takesQuery(pb.Param) {
			continue
		}
		if vals := b.peekEquality(col.Name); len(vals) == 1 {
			b.equality(col.Name)
			q.Set(pb.Param, vals[0])
		}
	}
	best := -1
	var bestExpr string
	var bestUsed []int
	var bestParam string
	var bestCI bool
	for _, g := range []*schema.Grammar{pd.Search, pd.Filter} {
		if g == nil || g.Keyword || !b.takesQuery(g.Param) {
			continue
		}
		expr, used := b.expression(g)
		if len(used) > best && len(used) > 0 {
			best, bestExpr, bestUsed, bestParam, bestCI = len(used), expr, used, g.Param, g.CaseInsensitive
		}
	}
	b.caseInsensitive = bestCI
	for _, i := range bestUsed {
		b.pushed[i] = true
	}
	if bestParam != "" {
		q.Set(bestParam, bestExpr)
	}
	return q
}

// peekEquality is equality without marking anything pushed.
func (b *builder) peekEquality(col string) []string {
	saved := append([]bool(nil), b.pushed...)
	vals := b.equality(col)
	b.pushed = saved
	return vals
}

// timeRange turns bounds on the time column into since/until. Okta keeps
// 90 days of events; without bounds the read covers those and ends now.
func (b *builder) timeRange(tr *schema.TimeRange, q url.Values, notes *[]string) {
	since, until := b.q.Now.Add(-90*24*time.Hour), b.q.Now
	col := b.columnFor(tr.Field)
	for i, e := range b.q.Where {
		c, ok := e.(Cmp)
		if !ok || col == nil || c.Column != col.Name || len(c.Values) != 1 {
			continue
		}
		v, ok := c.Values[0].(time.Time)
		if !ok {
			continue
		}
		switch c.Op {
		case OpGt, OpGe:
			if v.After(since) {
				since = v
			}
		case OpLt, OpLe:
			if v.Before(until) {
				until = v.Add(time.Millisecond)
			}
		case OpEq:
			since, until = v, v.Add(time.Millisecond)
		default:
			continue
		}
		b.pushed[i] = true
	}
	if floor := b.q.Now.Add(-180 * 24 * time.Hour); since.Before(floor) {
		since = floor
		*notes = append(*notes, "Okta keeps 90 days of events; since is clamped to 180 days back")
	}
	if !until.After(since) {
		until = since.Add(time.Millisecond)
	}
	q.Set(tr.Since, formatTime(since))
	q.Set(tr.Until, formatTime(until))
}

func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// requiredParams expands the calls over a required parameter with no value
// in the query: one call per allowed value.
func (b *builder) requiredParams(calls []Call, notes *[]string) ([]Call, error) {
	pd := b.t.Pushdown
	if pd == nil {
		return calls, nil
	}
	for _, pb := range pd.Params {
		if !pb.Required || len(calls) == 0 || calls[0].Query.Get(pb.Param) != "" {
			continue
		}
		var values []string
		if col := b.columnFor(pb.Field); col != nil {
			values = b.equality(col.Name)
		}
		if values == nil {
			for _, p := range b.t.List.Params {
				if p.Name == pb.Param && p.In == "query" {
					values = p.Enum
				}
			}
			if values == nil {
				return nil, &PlanError{Table: b.t.Name, Column: pb.Field, Problem: "the API requires the " + pb.Param + " parameter: give a value"}
			}
			*notes = append(*notes, fmt.Sprintf("no %s given: one request per value (%s)", pb.Param, strings.Join(values, ", ")))
		}
		out := make([]Call, 0, len(calls)*len(values))
		for _, c := range calls {
			for _, v := range values {
				nc := cloneCall(c)
				nc.Query.Set(pb.Param, v)
				out = append(out, nc)
			}
		}
		calls = out
	}
	return calls, nil
}

// addOmitted adds back the rows a plain list leaves out (users: status
// DEPROVISIONED) when the query could match them and no filter or search
// (which include them) is sent.
func (b *builder) addOmitted(calls []Call, notes *[]string) []Call {
	pd := b.t.Pushdown
	if pd == nil || pd.PlainListOmits == nil || pd.Filter == nil || len(calls) == 0 {
		return calls
	}
	for _, g := range []*schema.Grammar{pd.Search, pd.Filter} {
		if g != nil && calls[0].Query.Get(g.Param) != "" {
			return calls
		}
	}
	om := pd.PlainListOmits
	if !b.mayMatch(om) {
		return calls
	}
	out := append([]Call(nil), calls...)
	for _, c := range calls {
		extra := cloneCall(c)
		extra.Query.Set(pd.Filter.Param, om.Field+" eq "+quote(om.Values[0]))
		out = append(out, extra)
	}
	*notes = append(*notes, "the plain list leaves out "+om.Field+" "+om.Values[0]+": a second request adds them")
	return out
}

// mayMatch reports whether rows with the omitted value can satisfy the
// conjuncts (status = 'ACTIVE' rules them out).
func (b *builder) mayMatch(om *schema.Omission) bool {
	col := b.columnFor(om.Field)
	if col == nil {
		return true
	}
	for _, e := range b.q.Where {
		c, ok := e.(Cmp)
		if !ok || c.Column != col.Name || (c.Op != OpEq && c.Op != OpIn) {
			continue
		}
		hit := false
		for _, v := range c.Values {
			for _, o := range om.Values {
				if s, ok := v.(string); ok && s == o {
					hit = true
				}
			}
		}
		if !hit {
			return false
		}
	}
	return true
}
