package mcpserver

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/tables"
)

// UnknownColumnError is a statement naming a column that none of the
// tables it reads has; Closest are the nearest column names of those
// tables.
type UnknownColumnError struct {
	Column  string
	Tables  []string
	Closest []string
	Err     error
}

func (e *UnknownColumnError) Error() string {
	msg := fmt.Sprintf("unknown column %s (tables: %s)", e.Column, strings.Join(e.Tables, ", "))
	if len(e.Closest) > 0 {
		msg += "; closest columns: " + strings.Join(e.Closest, ", ")
	}
	return msg + "; describe_table lists every column"
}

// Unwrap gives the engine's error.
func (e *UnknownColumnError) Unwrap() error { return e.Err }

// UnknownTableError is a statement naming a table the catalog lacks.
type UnknownTableError struct {
	Table   string
	Closest []string
	Err     error
}

func (e *UnknownTableError) Error() string {
	msg := "unknown table " + e.Table
	if len(e.Closest) > 0 {
		msg += "; closest tables: " + strings.Join(e.Closest, ", ")
	}
	return msg + "; list_tables finds tables by name"
}

// Unwrap gives the engine's error.
func (e *UnknownTableError) Unwrap() error { return e.Err }

// RateLimitedError is a statement that failed because Okta's rate limit
// stayed exhausted after oktasql had waited Waits times.
type RateLimitedError struct {
	Waits int
	Reset time.Time
	Err   *fetcher.RateLimitError
}

func (e *RateLimitedError) Error() string {
	return fmt.Sprintf("%v: Okta's rate limit stayed exhausted after %d waits; retry after %s, or make the statement need fewer requests (explain shows them)",
		e.Err, e.Waits, e.Reset.UTC().Format(time.RFC3339))
}

// Unwrap gives the API's error.
func (e *RateLimitedError) Unwrap() error { return e.Err }

// actionable turns an error of st into one that tells an agent what to do
// next. Planner errors (a missing key column names the WHERE to add) and
// the write guards already do and pass through.
func (s *Server) actionable(st *statement, err error, waits int) error {
	var rl *fetcher.RateLimitError
	var unsafe *tables.UnsafeWriteError
	var tooMany *tables.TooManyRowsError
	switch {
	case errors.As(err, &rl):
		return &RateLimitedError{Waits: waits, Reset: rl.Reset, Err: rl}
	case errors.As(err, &unsafe):
		return fmt.Errorf("%w (over MCP sql_safe_updates stays on: narrow the WHERE)", err)
	case errors.As(err, &tooMany):
		return fmt.Errorf("%w (over MCP the limit is the server's --max-affected-rows: narrow the WHERE, or split the write)", err)
	case sql.ErrColumnNotFound.Is(err) || sql.ErrTableColumnNotFound.Is(err):
		if e := s.unknownColumn(st, err); e != nil {
			return e
		}
	case sql.ErrTableNotFound.Is(err):
		if e := s.unknownTable(st, err); e != nil {
			return e
		}
	}
	return err
}

// references are the tables and columns a statement names.
type references struct {
	tables  []string
	columns []string
	aliases map[string]bool // select-list aliases, which ORDER BY may name
}

func (s *Server) references(st *statement) *references {
	parsed, err := sqlparser.Parse(s.eng.Rewrite(st.text))
	if err != nil {
		return nil
	}
	refs := &references{aliases: map[string]bool{}}
	sqlparser.Walk(func(n sqlparser.SQLNode) (bool, error) {
		switch n := n.(type) {
		case *sqlparser.AliasedTableExpr:
			if tn, ok := n.Expr.(sqlparser.TableName); ok {
				refs.tables = append(refs.tables, tn.Name.String())
			}
		case *sqlparser.Insert:
			refs.tables = append(refs.tables, n.Table.Name.String())
			for _, c := range n.Columns {
				refs.columns = append(refs.columns, c.String())
			}
		case *sqlparser.AliasedExpr:
			if !n.As.IsEmpty() {
				refs.aliases[strings.ToLower(n.As.String())] = true
			}
		case *sqlparser.ColName:
			refs.columns = append(refs.columns, n.Name.String())
		}
		return true, nil
	}, parsed)
	return refs
}

// unknownColumn names the first column of st that none of its catalog
// tables has, with the closest names; nil when it finds none.
func (s *Server) unknownColumn(st *statement, err error) error {
	refs := s.references(st)
	if refs == nil {
		return nil
	}
	var names, known []string
	have := map[string]bool{}
	for _, tn := range refs.tables {
		t := s.cat.Table(strings.ToLower(tn))
		if t == nil || have["table:"+t.Name] {
			continue
		}
		have["table:"+t.Name] = true
		names = append(names, t.Name)
		for _, c := range t.Columns {
			have[c.Name] = true
			known = append(known, c.Name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	for _, c := range refs.columns {
		if lc := strings.ToLower(c); !have[lc] && !refs.aliases[lc] {
			return &UnknownColumnError{Column: c, Tables: names, Closest: closest(lc, known), Err: err}
		}
	}
	return nil
}

// unknownTable names the first table of st the catalog lacks, with the
// closest names; nil when it finds none.
func (s *Server) unknownTable(st *statement, err error) error {
	refs := s.references(st)
	if refs == nil {
		return nil
	}
	for _, tn := range refs.tables {
		if s.cat.Table(strings.ToLower(tn)) == nil && !strings.HasPrefix(strings.ToLower(tn), "oktasql_") {
			return &UnknownTableError{Table: tn, Closest: closest(strings.ToLower(tn), tableNames(s.cat)), Err: err}
		}
	}
	return nil
}

func tableNames(c *schema.Catalog) []string {
	out := make([]string, len(c.Tables))
	for i, t := range c.Tables {
		out[i] = t.Name
	}
	return out
}

// maxClosest bounds the names closest returns.
const maxClosest = 5

// closest returns up to maxClosest of candidates nearest to name by edit
// distance, and those containing it.
func closest(name string, candidates []string) []string {
	type scored struct {
		name string
		d    int
	}
	var found []scored
	limit := max(2, len(name)/3)
	for _, c := range candidates {
		d := distance(name, c)
		if strings.Contains(c, name) {
			d = min(d, limit)
		}
		if d <= limit {
			found = append(found, scored{c, d})
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].d < found[j].d })
	var out []string
	for i := 0; i < len(found) && i < maxClosest; i++ {
		out = append(out, found[i].name)
	}
	return out
}

// distance is the Levenshtein distance of a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
