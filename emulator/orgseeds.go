package emulator

import (
	"encoding/json"
	"strings"
)

// orgSeeds make the first contents of a table's collection from the org
// itself where the spec's examples would name objects the org does not
// have, by table: a group's apps agree with the apps' groups. Each gets the path
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
