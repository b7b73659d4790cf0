package emulator

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/oktasql/oktasql/emulator/scim"
)

// searchUsers serves GET /api/v1/users with filter (case-sensitive) or
// search (case-insensitive); both include DEPROVISIONED users, and both
// together are refused with 400 E0000033.
func (o *Org) searchUsers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	filter, search := q.Get("filter"), q.Get("search")
	if filter != "" && search != "" {
		writeError(w, http.StatusBadRequest, "E0000033", "Bad request. Can't specify a search query and filter in the same request.")
		return
	}
	text, ci := filter, false
	if search != "" {
		text, ci = search, true
	}
	e, err := scim.Parse(text)
	if err != nil {
		var se *scim.Error
		if errors.As(err, &se) {
			writeError(w, http.StatusBadRequest, se.Code, se.Summary, se.Cause)
			return
		}
		writeError(w, http.StatusBadRequest, scim.CodeInvalidSearch, err.Error())
		return
	}
	users := o.collections["/api/v1/users"]
	var items []json.RawMessage
	for _, u := range o.users {
		if scim.Match(e, u.Get, ci) {
			items = append(items, users.byID[u.ID])
		}
	}
	users.page(w, r, items)
}
