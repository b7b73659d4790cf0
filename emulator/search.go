package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/oktasql/oktasql/emulator/scim"
	"github.com/oktasql/oktasql/emulator/seed"
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
	if e, ok := parseFilter(w, text); ok {
		filterRows(w, r, o.collections["/api/v1/users"], e, o.gen.Users,
			func(u *seed.User) string { return u.ID }, func(u *seed.User) scim.Getter { return u.Get }, ci)
	}
}

// qUsers serves GET /api/v1/users?q=: a case-insensitive prefix match on
// firstName, lastName and email, without paging and without DEPROVISIONED
// users; limit defaults to 10.
func (o *Org) qUsers(w http.ResponseWriter, r *http.Request) {
	query := r.URL.Query()
	prefix := strings.ToLower(query.Get("q"))
	limit := 10
	if s := query.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, "E0000001", fmt.Sprintf("Api validation failed: limit %q", s))
			return
		}
		limit = n
	}
	users := o.collections["/api/v1/users"]
	var items []json.RawMessage
	for _, u := range o.gen.Users {
		if len(items) == limit {
			break
		}
		if u.Status != seed.StatusDeprovisioned && hasPrefixAny(u, prefix) {
			items = append(items, users.byID[u.ID])
		}
	}
	writeJSONArray(w, items)
}

// hasPrefixAny reports whether u's firstName, lastName or email starts with prefix (lower case).
func hasPrefixAny(u *seed.User, prefix string) bool {
	for _, attr := range []string{"profile.firstName", "profile.lastName", "profile.email"} {
		for _, v := range u.Get(attr) {
			if s, ok := v.(string); ok && strings.HasPrefix(strings.ToLower(s), prefix) {
				return true
			}
		}
	}
	return false
}
