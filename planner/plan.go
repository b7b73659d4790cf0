package planner

import (
	"fmt"
	"net/url"
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
	// Limit is the LIMIT, 0 when none. It sizes pages when the server's
	// answer is exactly Where's and Where is Complete.
	Limit int
	// Complete says Where holds every condition the engine applies to the
	// table's rows (none was left out for want of a translation). Only
	// then may a call stop after Limit rows (Call.MaxRows); otherwise the
	// engine's own filter could drop some of them and come up short.
	Complete bool
	OrderBy  []Order
	// Partitions splits a full read into searches read at once.
	Partitions Partitions
	// Columns are the columns the engine reads, nil for all: a column
	// that needs an expand parameter gets it (schema.Column.Expand).
	Columns []string
	// Now bounds System Log reads (until); zero means time.Now().
	Now time.Time
	// TableRows estimates the rows of the whole table (0: unknown): point
	// GETs of more ids than a full read has pages give way to the read.
	TableRows int
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
	// FromEnum marks a call made for one value of a required parameter's
	// enum, the query giving none: an org may lack that value (a Classic
	// org has no Identity Engine policy types), and then has no rows for it.
	FromEnum bool
	// ItemGet, set on a list call, is the item GET that fills the columns
	// read that the list leaves out (schema.Column.FromGet): each item
	// listed is read again with it, its item parameter taking the row's
	// item column.
	ItemGet *schema.Operation
}

// Path is the operation's path with the parameters filled in, each escaped
// as one path segment.
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
	// superset of the answer. No calls and no FanOut: no row can match.
	Calls []Call
	// FanOut, when set, means a key column has no value: the engine lists
	// FanOut.Key.SourceTable and reads the table under each of its rows.
	FanOut *FanOut
	// Pushed are the conjuncts the requests express exactly (but for case,
	// which a case-insensitive search ignores); Residual are the rest, some
	// of them narrowed server-side to a superset. Nested ANDs of the query's
	// conjuncts are flattened first.
	Pushed, Residual []Expr
	// Ordered is true when the rows arrive in Query.OrderBy's order: the
	// endpoint sorts them exactly as SQL would, in a single call.
	Ordered bool
	// Parallel says the calls may run at once, their rows in any order
	// (search partitions).
	Parallel bool
	// Probe, when set, is the call to read first to partition the read:
	// Build again with Partitions.From set to the created of its row.
	Probe *Call
	// EstimatedRequests counts the requests: one per call, more when a
	// LIMIT needs several pages; a fan-out counts 1 for the parent's list
	// and adds one per parent row, which Explain says.
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
	if get := p.itemGet(); get != nil {
		out = append(out, "for each row: "+get.Method+" "+get.Path)
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

// itemGet is the item GET the plan's list calls read each row with, if
// any.
func (p *Plan) itemGet() *schema.Operation {
	if p.FanOut != nil && p.FanOut.Template.ItemGet != nil {
		return p.FanOut.Template.ItemGet
	}
	for _, c := range p.Calls {
		if c.ItemGet != nil {
			return c.ItemGet
		}
	}
	return nil
}
