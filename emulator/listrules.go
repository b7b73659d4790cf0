package emulator

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/oktasql/oktasql/emulator/scim"
	"github.com/oktasql/oktasql/schema"
)

// listCall is a list request that passed its operation's rules: the
// endpoint's rules, its parsed filter and search (nil when not given),
// the page size to serve and whether further pages may follow.
type listCall struct {
	ep             *endpoint
	filter, search scim.Expr
	limit          int
	// unpaged says the answer is one page with no next link (q on users
	// and groups).
	unpaged bool
}

// noRules is the endpoint of a list operation with only its spec-defined
// parameters.
var noRules = &endpoint{}

// rulesOf returns the endpoint rules of the list operation op.
func rulesOf(op *schema.Operation) *endpoint {
	if ep := endpoints[op.ID]; ep != nil {
		return ep
	}
	return noRules
}

// listRoute returns the catalog's list operation a GET path names, if any.
func (o *Org) listRoute(parts []string) *schema.Operation {
	for _, rt := range o.genericRoutes() {
		if rt.match(http.MethodGet, parts) {
			if rt.kind == schema.KindTableRead {
				return rt.op
			}
			return nil
		}
	}
	return nil
}

// checkList checks a list call as Okta does, against the spec's definition
// of op's query parameters and the endpoint's rules (endpoints.go): a
// required parameter left out (E0000001), a value outside the parameter's
// enum or one the org's edition lacks (E0000002), a limit outside its
// bounds (E0000001), filter and search together (E0000033), an expression
// the parameter does not accept (E0000031, E0000094), sortBy without
// search where it applies to search queries only, a sortBy or sortOrder it
// does not take (E0000001), and System Log keywords beyond Okta's bounds
// (E0000001). It answers the error and returns nil, or returns the call.
func (o *Org) checkList(rq *request, op *schema.Operation) *listCall {
	ep := rulesOf(op)
	c := &listCall{ep: ep, unpaged: ep.q != nil && ep.q.unpaged && rq.q.Get("q") != ""}
	for _, check := range []func() *apiError{
		func() *apiError { return o.checkParams(rq, ep, op) },
		func() *apiError { return c.setLimit(rq, op.QueryParam("limit")) },
		func() *apiError {
			if ep.filter != nil && ep.search != nil && rq.q.Get(ep.filter.Param) != "" && rq.q.Get(ep.search.Param) != "" {
				return errSearchAndFilter
			}
			return nil
		},
		func() (err *apiError) { c.filter, err = expressionOf(rq, ep.filter); return err },
		func() (err *apiError) { c.search, err = expressionOf(rq, ep.search); return err },
		func() *apiError { return c.checkSort(rq) },
		func() *apiError { return c.checkKeywords(rq) },
	} {
		if err := check(); err != nil {
			err.write(rq)
			return nil
		}
	}
	return c
}

// checkParams checks the values of op's query parameters.
func (o *Org) checkParams(rq *request, ep *endpoint, op *schema.Operation) *apiError {
	for _, p := range op.Params {
		if p.In != "query" {
			continue
		}
		if err := o.checkParam(ep, p, rq.q.Get(p.Name)); err != nil {
			return err
		}
	}
	return nil
}

// expressionOf returns the expression the parameter x holds (nil when x
// is not taken or not given), parsed and validated against x's grammar:
// a malformed or unsupported one is E0000031 (E0000053 for a syntax error
// where x says so), one with too many terms E0000094.
func expressionOf(rq *request, x *expression) (scim.Expr, *apiError) {
	if x == nil || rq.q.Get(x.Param) == "" {
		return nil, nil
	}
	e, err := scim.Parse(rq.q.Get(x.Param))
	if err == nil {
		err = scim.Validate(e, &x.Grammar)
	}
	if x.scimSyntax {
		err = scim.AsFilterError(err)
	}
	var se *scim.Error
	switch {
	case err == nil:
		return e, nil
	case errors.As(err, &se):
		return nil, &apiError{http.StatusBadRequest, se.Code, se.Summary, []string{se.Cause}}
	default:
		return nil, &apiError{http.StatusBadRequest, "E0000031", "Invalid search criteria.", []string{err.Error()}}
	}
}

// checkParam checks one query parameter's value v ("" when not given):
// present if required, of its type (a boolean, an integer), in its enum.
func (o *Org) checkParam(ep *endpoint, p schema.Param, v string) *apiError {
	if v == "" {
		if p.Required {
			return missing(p.Name)
		}
		return nil
	}
	switch _, err := strconv.Atoi(v); {
	case p.Type == schema.TypeBoolean && v != "true" && v != "false":
		return validation(p.Name, "The value must be true or false.")
	case p.Type == schema.TypeInteger && err != nil:
		return validation(p.Name, "The value must be an integer.")
	}
	if ep.filter != nil && p.Name == ep.filter.Param {
		// An expression, whatever the spec's enum (yubikey tokens list
		// the attribute names there).
		return nil
	}
	invalid := len(p.Enum) > 0 && !slices.Contains(p.Enum, v)
	if o.cfg.Edition == EditionClassic && slices.Contains(ep.oieOnly[p.Name], v) {
		invalid = true
	}
	if !invalid {
		return nil
	}
	noun := ep.enumNouns[p.Name]
	if noun == "" {
		noun = p.Name
	}
	return invalidValue(noun)
}

// invalidValue is Okta's answer to a parameter value it does not know
// (okta/terraform-provider-okta#64: an unknown policy type).
func invalidValue(noun string) *apiError {
	return &apiError{http.StatusBadRequest, "E0000002", "The request was not valid: Invalid " + noun + " specified", nil}
}

// setLimit sets the page size: the limit given, within the spec's
// minimum and maximum (or the endpoint's documented one), -1 meaning all
// where that is the spec's default; without one, the endpoint's default
// for search or q, else the spec's, else everything. Where the spec
// declares no minimum, 0 is an empty answer (as the System Log's and
// cross-app connections' texts say).
func (c *listCall) setLimit(rq *request, p *schema.Param) *apiError {
	c.limit = math.MaxInt32
	if p == nil {
		return nil
	}
	ep := c.ep
	s := rq.q.Get("limit")
	if s == "" {
		switch n, err := strconv.Atoi(p.Default); {
		case ep.searchLimit > 0 && ep.search != nil && rq.q.Get(ep.search.Param) != "":
			c.limit = ep.searchLimit
		case ep.q != nil && ep.q.limit > 0 && rq.q.Get("q") != "":
			c.limit = ep.q.limit
		case ep.defaultLimit > 0:
			c.limit = ep.defaultLimit
		case err == nil && n > 0:
			c.limit = n
		}
		return nil
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return validation("limit", "The limit must be an integer.")
	}
	if v == -1 && p.Default == "-1" {
		return nil
	}
	lo, hi := 0, ep.maxLimit
	if p.Minimum != nil {
		lo = *p.Minimum
	}
	if p.Maximum != nil {
		hi = *p.Maximum
	}
	switch {
	case v < lo:
		return validation("limit", fmt.Sprintf("The limit must be at least %d.", lo))
	case hi > 0 && v > hi && ep.clampLimit && p.Maximum == nil:
		v = hi
	case hi > 0 && v > hi:
		return validation("limit", fmt.Sprintf("The limit must be at most %d.", hi))
	}
	c.limit = v
	return nil
}

// checkSort refuses a sortBy or sortOrder the endpoint does not take as
// given; an endpoint without sorting ignores them, as Okta ignores
// parameters an operation does not have.
func (c *listCall) checkSort(rq *request) *apiError {
	s := c.ep.sort
	by, order := rq.q.Get("sortBy"), rq.q.Get("sortOrder")
	if s == nil || by == "" && order == "" {
		return nil
	}
	if s.needsSearch && c.search == nil {
		// Documented "for search queries only"; what a real org does
		// with them otherwise is not, so the emulator refuses them: a
		// client relying on the order would get unsorted rows.
		return validation("sortBy", "sortBy and sortOrder apply to search queries only.")
	}
	if by != "" && s.fields != nil && !slices.Contains(s.fields, by) {
		return validation("sortBy", "Sorting on "+by+" is not supported.")
	}
	if order != "" && s.desc != "" && order != s.asc && order != s.desc {
		return validation("sortOrder", "The sort order must be "+s.asc+" or "+s.desc+".")
	}
	return nil
}

// checkKeywords refuses a System Log q beyond Okta's bounds.
func (c *listCall) checkKeywords(rq *request) *apiError {
	if c.ep.q == nil || !c.ep.q.keywords {
		return nil
	}
	words := strings.Fields(rq.q.Get("q"))
	if len(words) > maxKeywords {
		return validation("q", fmt.Sprintf("The query has more than %d keywords.", maxKeywords))
	}
	for _, w := range words {
		if len(w) > maxKeywordLen {
			return validation("q", fmt.Sprintf("A keyword is longer than %d characters.", maxKeywordLen))
		}
	}
	return nil
}

// narrow keeps the items the call selects: its select, date and contains
// parameters, filter, search, keyword search and q, each as the endpoint
// evaluates it.
func (c *listCall) narrow(rq *request, items []item) []item {
	ep := c.ep
	// Each keeps a subset: the order they apply in does not matter.
	for param, attr := range ep.selects {
		if v := rq.q.Get(param); v != "" {
			items = filterItems(items, &scim.Compare{Attr: attr, Op: scim.OpEq, Value: v}, false)
		}
	}
	for param, attr := range ep.onOrAfter {
		if v := rq.q.Get(param); v != "" {
			items = filterItems(items, &scim.Compare{Attr: attr, Op: scim.OpGe, Value: v}, false)
		}
	}
	for param, attrs := range ep.contains {
		if v := rq.q.Get(param); v != "" {
			items = keepMatching(items, attrs, v, strings.Contains)
		}
	}
	if c.filter != nil {
		items = filterItems(items, c.filter, ep.filter.fold)
	}
	if c.search != nil {
		items = filterItems(items, c.search, ep.search.fold)
	}
	if kw := rq.q.Get("search"); ep.keyword != nil && kw != "" {
		items = keepMatching(items, ep.keyword, kw, strings.Contains)
	}
	return c.matchQ(rq, items)
}

// matchQ keeps the items q matches: a prefix of one of its attributes
// (or the whole value where the endpoint is exact), ignoring case.
func (c *listCall) matchQ(rq *request, items []item) []item {
	q := rq.q.Get("q")
	if c.ep.q == nil || c.ep.q.keywords || q == "" {
		return items
	}
	match := strings.HasPrefix
	if c.ep.q.exact {
		match = func(s, v string) bool { return s == v }
	}
	return keepMatching(items, c.ep.q.fields, q, match)
}

// order sorts items as sortBy and sortOrder ask, when the endpoint sorts
// (checkList has refused what it does not take); it reports whether it
// did.
func (c *listCall) order(rq *request, items []item) bool {
	if !c.sorts(rq) {
		return false
	}
	s := c.ep.sort
	sortItems(items, rq.q.Get("sortBy"), s.desc != "" && rq.q.Get("sortOrder") == s.desc, s.fold)
	return true
}

// sorts reports whether order sorts the call's items.
func (c *listCall) sorts(rq *request) bool {
	return c.ep.sort != nil && rq.q.Get("sortBy") != ""
}

// sortItems orders items on an attribute, ties by id; fold orders strings
// ignoring case.
func sortItems(items []item, by string, desc, fold bool) {
	sort.SliceStable(items, func(i, j int) bool {
		c := scim.CompareValues(items[i].get(by), items[j].get(by), fold)
		if c == 0 {
			c = scim.CompareValues(items[i].get("id"), items[j].get("id"), false)
		}
		return (c < 0) != desc
	})
}

// keepMatching keeps the items where one of the fields has a string value
// that matches v by match (HasPrefix, Contains), ignoring case.
func keepMatching(items []item, fields []string, v string, match func(s, v string) bool) []item {
	v = strings.ToLower(v)
	var out []item
	for _, it := range items {
		if slices.ContainsFunc(fields, func(f string) bool {
			return slices.ContainsFunc(it.get(f), func(x any) bool {
				s, ok := x.(string)
				return ok && match(strings.ToLower(s), v)
			})
		}) {
			out = append(out, it)
		}
	}
	return out
}
