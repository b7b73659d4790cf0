package refdocs

import (
	"context"
	"fmt"
	"strings"

	"github.com/oktasql/oktasql/schema"
)

// rulesPage states the rules every table follows: how names are made,
// and how the org's custom profile attributes become columns.
type rulesPage struct {
	c *schema.Catalog
	// custom are the columns the emulated org's profile schemas add, by
	// table.
	custom   map[string][]string
	examples []Example
}

// customColumns finds, through information_schema (which makes no
// request), the columns the engine has beyond the catalog's: the custom
// attributes of the org's profile schemas, by table.
func customColumns(ctx context.Context, c *schema.Catalog, r Runner) (map[string][]string, error) {
	res, err := r.Run(ctx, []string{"SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'okta' ORDER BY table_name, ordinal_position"})
	if err != nil {
		return nil, fmt.Errorf("custom columns: %w", err)
	}
	out := map[string][]string{}
	for _, row := range res.Rows {
		if t := c.Table(row[0]); t != nil && t.Column(row[1]) == nil {
			out[t.Name] = append(out[t.Name], row[1])
		}
	}
	return out, nil
}

// newRulesPage runs an example that filters users on a custom column.
func newRulesPage(ctx context.Context, c *schema.Catalog, r Runner, custom map[string][]string) (*rulesPage, error) {
	p := &rulesPage{c: c, custom: custom}
	if len(custom["users"]) == 0 {
		return p, nil
	}
	col := custom["users"][0]
	v, err := r.Run(ctx, []string{fmt.Sprintf("SELECT %s FROM users WHERE %s IS NOT NULL LIMIT 1", col, col)})
	if err != nil || len(v.Rows) == 0 {
		return p, err
	}
	e := Example{Title: "A custom attribute in WHERE", SQL: fmt.Sprintf("SELECT id, profile_login, %s FROM users WHERE %s = %s", col, col, literal(v.Rows[0][0]))}
	if err := e.run(ctx, r); err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	p.examples = append(p.examples, e)
	return p, nil
}

func (p *rulesPage) write(w writer) {
	w.heading(1, "Rules every table follows")
	w.heading(2, "Names")
	w.list([]string{
		"A table is a snake_case noun named after its resource path: " + w.mono("group_members") + " reads " + w.mono("/api/v1/groups/{groupId}/users") +
			". The main resources carry short curated names (" + w.mono("users") + ", " + w.mono("apps") + ", " + w.mono("system_log") + "); the others take their path's.",
		"A path parameter of the list call becomes an ordinary key column, in snake_case: " + w.mono("{groupId}") + " is " + w.mono("group_id") + ".",
		"Every property of an item is a column named by its JSON path in snake_case, one level of nested objects flattened (" +
			w.mono("profile.login") + " is " + w.mono("profile_login") + "), a few deeper paths people report on flattened too, and each object also kept whole as a JSON column (" + w.mono("profile") + ").",
		"A stored procedure is named " + w.mono("<resource>_<action>") + " (" + w.mono("user_activate") + "); its arguments are the call's path parameters, then its query parameters, then " + w.mono("body") + " (JSON) when the call takes one.",
	})
	if t := p.c.Table("users"); t != nil {
		var rows [][]string
		for _, name := range []string{"profile_login", "last_updated", "credentials_provider_type", "profile"} {
			if c := t.Column(name); c != nil {
				rows = append(rows, []string{w.mono(strings.Join(c.Path, ".")), w.mono(c.Name), string(c.Type)})
			}
		}
		w.para("For example, in " + w.link("users", "tables/users.md") + ":")
		w.table([]string{"JSON path", "column", "type"}, rows)
	}
	w.heading(2, "Custom profile attributes")
	w.para("When oktasql opens an org it reads the org's user and group profile schemas once (" + w.mono("GET /api/v1/meta/schemas/user/default") + ", " +
		w.mono("GET /api/v1/meta/schemas/group/default") + ") and adds a column for each custom attribute: " +
		w.mono("profile_") + " plus the attribute's name in snake_case, typed from the schema (string, boolean, integer, number; date-time strings as datetime; anything else JSON), nullable. " +
		"They are read, written and pushed down like the base attributes (on " + w.link("users", "tables/users.md") + ", search takes any " + w.mono("profile.") + " attribute). " +
		"A custom attribute whose name would collide with a base column is left to the " + w.mono("profile") + " JSON column. Queries never read the schemas again.")
	for _, t := range p.c.Tables {
		if cols := p.custom[t.Name]; len(cols) > 0 {
			w.para("The emulated org of the examples adds to " + w.link(t.Name, "tables/"+t.Name+".md") + ": " + monos(w, cols) + ".")
		}
	}
	for _, e := range p.examples {
		writeExample(w, e)
	}
	w.heading(2, "How to read a table page")
	w.list([]string{
		"WHERE: each pushable form is planned on its own, and the page shows the requests the plan makes. " + w.mono("pushed") + " forms are expressed in the request; " +
			w.mono("narrowed") + " forms let Okta cut the rows down to a superset. oktasql checks every predicate on the rows it reads; forms not listed are evaluated by oktasql alone.",
		"Examples run on an emulated org (60 users, fixed seed and clock) when the pages are generated, and a test runs them again: the requests shown are the requests made.",
		"Operations link to Okta's API reference, which says what each value means.",
	})
}
