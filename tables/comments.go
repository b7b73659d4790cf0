package tables

import (
	"slices"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/oktasql/oktasql/schema"
)

var _ sql.CommentedTable = (*Table)(nil)

// maxCommentEnum bounds the enum values a column comment lists.
const maxCommentEnum = 12

// oktaOperatorSQL is the SQL a filter or search operator of Okta answers.
var oktaOperatorSQL = map[string][]string{
	"eq": {"=", "IN"},
	"ne": {"<>"},
	"gt": {">"}, "ge": {">="}, "lt": {"<"}, "le": {"<="},
	"sw": {"LIKE 'x%'"},
	"co": {"LIKE '%x%'"},
	"ew": {"LIKE '%x'"},
	"pr": {"IS NOT NULL"},
}

// Comment is the table's COMMENT (information_schema.TABLES.TABLE_COMMENT,
// SHOW TABLE STATUS): the API operations behind it.
func (t *Table) Comment() string {
	var parts []string
	for _, o := range []struct {
		what string
		op   *schema.Operation
	}{{"read", t.def.List}, {"get", t.def.Get}, {"insert", t.def.Create}, {"replace", t.def.Replace}, {"update", t.def.Update}, {"delete", t.def.Delete}} {
		if o.op != nil {
			parts = append(parts, o.what+": "+o.op.Method+" "+o.op.Path+" ("+o.op.ID+")")
		}
	}
	if len(t.def.Procedures) > 0 {
		parts = append(parts, "procedures: "+strings.Join(t.def.Procedures, ", "))
	}
	return strings.Join(parts, "; ")
}

// columnComment is a column's COMMENT: where its value comes from (the
// JSON path in the item, or the request parameter), which WHERE operators
// on it go to Okta and as which parameter, whether it can be written, and
// its enum values.
func columnComment(t *schema.Table, c *schema.Column) string {
	var parts []string
	switch {
	case c.PathParam != "":
		parts = append(parts, "path parameter {"+c.PathParam+"}")
	case c.QueryParam != "":
		parts = append(parts, "query parameter "+c.QueryParam)
	default:
		parts = append(parts, "$."+strings.Join(c.Path, "."))
	}
	if c.FromGet && t.Get != nil {
		parts = append(parts, "not in the list: one "+t.Get.Method+" "+t.Get.Path+" per row")
	}
	if ops := pushedOperators(t, c); ops != "" {
		parts = append(parts, "to Okta: "+ops)
	}
	switch {
	case c.ReadOnly:
		parts = append(parts, "read-only")
	case writeOnly(t, c):
		parts = append(parts, "write-only: Okta never returns it")
	}
	if len(c.Enum) > 0 {
		enum := c.Enum
		if len(enum) > maxCommentEnum {
			enum = append(enum[:maxCommentEnum:maxCommentEnum], "...")
		}
		parts = append(parts, "enum: "+strings.Join(enum, ", "))
	}
	return strings.Join(parts, "; ")
}

// pushedOperators lists the WHERE operators on c that travel to Okta,
// each group with the parameter that carries it: "=, IN, LIKE 'x%'
// (search)".
func pushedOperators(t *schema.Table, c *schema.Column) string {
	if c.FromCall() {
		return "=, IN (" + c.PathParam + c.QueryParam + ")"
	}
	p := t.Pushdown
	if p == nil {
		return ""
	}
	path := strings.Join(c.Path, ".")
	var groups []string
	for _, g := range []*schema.Grammar{p.Filter, p.Search} {
		if g == nil || g.Keyword {
			continue
		}
		ops, ok := g.Fields[path]
		if !ok && g.AnyPrefix != "" && len(c.Path) > 1 && strings.HasPrefix(path, g.AnyPrefix) {
			ops, ok = g.AnyOps, true
		}
		if ok {
			var sqlOps []string
			for _, op := range ops {
				for _, s := range sqlOperators(op, c, g) {
					if !slices.Contains(sqlOps, s) {
						sqlOps = append(sqlOps, s)
					}
				}
			}
			if len(sqlOps) > 0 {
				groups = append(groups, strings.Join(sqlOps, ", ")+" ("+g.Param+")")
			}
		}
	}
	if p.Q != nil && slices.Contains(p.Q.Fields, path) {
		groups = append(groups, "LIKE 'x%' (q)")
	}
	for _, b := range p.Params {
		if b.Field == path {
			groups = append(groups, "=, IN ("+b.Param+")")
		}
	}
	if r := p.TimeRange; r != nil && r.Field == path {
		groups = append(groups, ">, >= ("+r.Since+"), <, <= ("+r.Until+")")
	}
	return strings.Join(groups, "; ")
}

// sqlOperators returns the SQL operators on c that op of grammar g
// answers, as the planner renders them: Okta's string order is not
// MySQL's, so string ranges stay in oktasql, and so does IS NOT NULL on a
// string (pr misses empty strings) and <> under a case-insensitive match;
// LIKE applies to strings only.
func sqlOperators(op string, c *schema.Column, g *schema.Grammar) []string {
	if c.Type != schema.TypeString {
		switch op {
		case "sw", "co", "ew":
			return nil
		}
	} else {
		switch op {
		case "gt", "ge", "lt", "le", "pr":
			return nil
		case "ne":
			if g.CaseInsensitive {
				return nil
			}
		}
	}
	return oktaOperatorSQL[op]
}

// writeOnly reports whether Okta takes c in a write but never returns it.
func writeOnly(t *schema.Table, c *schema.Column) bool {
	for _, op := range []*schema.Operation{t.Create, t.Replace, t.Update} {
		if op == nil {
			continue
		}
		for _, p := range op.WriteOnly {
			if slices.Equal(p, c.Path) {
				return true
			}
		}
	}
	return false
}
