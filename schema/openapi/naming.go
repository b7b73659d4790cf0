package openapi

import (
	"strings"

	"github.com/oktasql/oktasql/schema"
)

// snake converts an API name to snake_case (see schema.SnakeCase).
func snake(s string) string { return schema.SnakeCase(s) }

// singular turns the last word of a snake_case plural into its singular:
// "policies" -> "policy", "users" -> "user", "group_rules" -> "group_rule".
func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies"):
		return strings.TrimSuffix(s, "ies") + "y"
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "xes"):
		return strings.TrimSuffix(s, "es")
	case strings.HasSuffix(s, "ss"), strings.HasSuffix(s, "us"), strings.HasSuffix(s, "is"):
		return s
	case strings.HasSuffix(s, "s"):
		return strings.TrimSuffix(s, "s")
	}
	return s
}

// segments splits a path template into its segments after the API version
// prefix ("/api/v1/groups/{groupId}/users" -> groups, {groupId}, users).
func segments(path string) []string {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	for i, p := range parts {
		if p == "v1" || p == "v2" {
			return parts[i+1:]
		}
	}
	return parts
}

// isParam reports whether a path segment is a {parameter}.
func isParam(seg string) bool {
	return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}")
}

// pathName derives a snake_case name from a path's literal segments, every
// one but the last made singular: /authorizationServers/{id}/policies/{id}/
// rules -> authorization_server_policy_rules. Segments listed in skip
// ("lifecycle") are left out.
func pathName(path string, skip ...string) string {
	var words []string
	for _, seg := range segments(path) {
		if isParam(seg) || contains(skip, seg) {
			continue
		}
		words = append(words, snake(seg))
	}
	for i := 0; i < len(words)-1; i++ {
		words[i] = singular(words[i])
	}
	return strings.Join(words, "_")
}

// keyColumnName names the column of a path parameter: "groupId" ->
// "group_id"; a bare "id" takes its collection's singular name, so
// /users/{id}/groups keys on user_id.
func keyColumnName(path, param string) string {
	if param != "id" {
		return snake(param)
	}
	prev := ""
	for _, seg := range segments(path) {
		if seg == "{id}" {
			break
		}
		if !isParam(seg) {
			prev = seg
		}
	}
	if prev == "" {
		return "id"
	}
	return singular(snake(prev)) + "_id"
}

// normalize replaces every {param} of a path template with {}, so that
// /users/{id} and /users/{userId} compare equal.
func normalize(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if isParam(p) {
			parts[i] = "{}"
		}
	}
	return strings.Join(parts, "/")
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
