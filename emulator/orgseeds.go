package emulator

import (
	"encoding/json"
	"strings"
)

// orgSeeds make the first contents of a table's collection from the org
// itself where the spec's examples would name objects the org does not
// have, by table: a group's apps agree with the apps' groups, roles and
// API tokens belong to the org's users and groups. Each gets the path
// parameters of the collection. They run under the store's lock: they
// read the seeded org and o's own maps, never the store.
var orgSeeds = map[string]func(o *Org, params map[string]string) []map[string]any{
	// An app's group assignments are the seeded ones (a new app has none).
	"app_groups": func(o *Org, p map[string]string) []map[string]any {
		var out []map[string]any
		for _, ag := range o.data.AppGroups[p["appId"]] {
			out = append(out, objectOf(ag))
		}
		return out
	},
	// Roles are assigned when the org starts (seedRoles): a user or a
	// group whose roles are not stored then has none.
	"user_roles":  func(*Org, map[string]string) []map[string]any { return nil },
	"group_roles": func(*Org, map[string]string) []map[string]any { return nil },
	// An assignment's group targets are those seedRoles gave it.
	"user_role_target_groups":  roleTargetGroups,
	"group_role_target_groups": roleTargetGroups,
	"api_tokens":               apiTokens,
}

// apiTokens are the spec's example tokens, each belonging to an
// administrator of the org in turn: the first to the one whose token the
// emulator takes (the System Log's actor of API writes).
func apiTokens(o *Org, _ map[string]string) []map[string]any {
	ex, _ := example(o.catalog.Table("api_tokens").List.ID).([]any)
	var out []map[string]any
	for i, it := range ex {
		tok, ok := it.(map[string]any)
		if !ok || len(o.data.Admins) == 0 {
			continue
		}
		tok = localize(tok, o.baseURL, "")
		uid := o.data.Admins[i%len(o.data.Admins)]
		tok["userId"] = uid
		if links, ok := tok["_links"].(map[string]any); ok {
			if user, ok := links["user"].(map[string]any); ok {
				user["href"] = o.baseURL + "/api/v1/users/" + uid
			}
		}
		out = append(out, tok)
	}
	return out
}

// objectOf is v's JSON object (a seeded object as the store keeps one).
func objectOf(v any) map[string]any {
	b, _ := json.Marshal(v)
	var m map[string]any
	json.Unmarshal(b, &m)
	return m
}

// pathValues returns the values a concrete path gives the parameters of
// its template, by name.
func pathValues(template, path string) map[string]string {
	out := map[string]string{}
	tparts := strings.Split(strings.Trim(template, "/"), "/")
	parts := strings.Split(strings.Trim(path, "/"), "/")
	for i, seg := range tparts {
		if i < len(parts) && strings.HasPrefix(seg, "{") {
			out[strings.Trim(seg, "{}")] = parts[i]
		}
	}
	return out
}
