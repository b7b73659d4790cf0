package emulator

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/oktasql/oktasql/emulator/scim"
	"github.com/oktasql/oktasql/emulator/seed"
)

// parseFilter parses a filter or search expression, writing the 400 for a bad one.
func parseFilter(w http.ResponseWriter, text string) (scim.Expr, bool) {
	e, err := scim.Parse(text)
	if err == nil {
		return e, true
	}
	var se *scim.Error
	if errors.As(err, &se) {
		writeError(w, http.StatusBadRequest, se.Code, se.Summary, se.Cause)
	} else {
		writeError(w, http.StatusBadRequest, scim.CodeInvalidSearch, "Invalid search criteria.", err.Error())
	}
	return nil, false
}

// filterRows serves the page of c's rows that match e through get.
func filterRows[T any](w http.ResponseWriter, r *http.Request, c *collection, e scim.Expr, rows []T,
	id func(T) string, get func(T) scim.Getter, caseInsensitive bool) {
	var items []json.RawMessage
	for _, row := range rows {
		if scim.Match(e, get(row), caseInsensitive) {
			items = append(items, c.byID[id(row)])
		}
	}
	c.page(w, r, items)
}

// appGetter answers user.id and group.id from the app's assignments and
// every other attribute from the app itself.
func (o *Org) appGetter(a *seed.App) scim.Getter {
	return func(attr string) []any {
		var out []any
		switch attr {
		case "user.id":
			for _, au := range o.gen.AppUsers[a.ID] {
				out = append(out, au.ID)
			}
			return out
		case "group.id":
			for _, ag := range o.gen.AppGroups[a.ID] {
				out = append(out, ag.ID)
			}
			return out
		}
		return a.Get(attr)
	}
}
