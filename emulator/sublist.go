package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// subList serves the lists under one of the org's resources:
// /groups/{id}/users, /apps/{id}/users, /apps/{id}/groups and
// /users/{id}/factors. It reports false when the path is not one of them.
func (o *Org) subList(w http.ResponseWriter, r *http.Request) bool {
	rest, ok := strings.CutPrefix(r.URL.Path, "/api/v1/")
	parts := strings.Split(rest, "/")
	if !ok || len(parts) != 3 {
		return false
	}
	parent := o.collections["/api/v1/"+parts[0]]
	if parent == nil {
		return false
	}
	var rows []any
	switch parts[0] + "/" + parts[2] {
	case "groups/users":
		users := o.collections["/api/v1/users"]
		for _, id := range o.gen.Memberships[parts[1]] {
			rows = append(rows, users.byID[id])
		}
	case "apps/users":
		rows = anySlice(o.gen.AppUsers[parts[1]])
	case "apps/groups":
		rows = anySlice(o.gen.AppGroups[parts[1]])
	case "users/factors":
		rows = anySlice(o.gen.Factors[parts[1]])
	default:
		return false
	}
	if _, ok := parent.byID[parts[1]]; !ok {
		writeError(w, http.StatusNotFound, "E0000007", "Not found: Resource not found: "+parts[1])
		return true
	}
	items := make([]json.RawMessage, len(rows))
	for i, row := range rows {
		b, err := json.Marshal(row)
		if err != nil {
			writeError(w, http.StatusInternalServerError, "E0000009", "Internal Server Error", fmt.Sprintf("marshal %s: %v", r.URL.Path, err))
			return true
		}
		items[i] = b
	}
	sub := collection{defaultLimit: parent.defaultLimit, maxLimit: max(parent.maxLimit, 200)}
	sub.page(w, r, items)
	return true
}

// anySlice converts rows to []any.
func anySlice[T any](rows []T) []any {
	out := make([]any, len(rows))
	for i, row := range rows {
		out[i] = row
	}
	return out
}
