package emulator

import "slices"

// roleTypes are the standard role types (the spec's RoleType); a path's
// {roleRef} is one of them or a custom role's id.
var roleTypes = []string{
	"ACCESS_CERTIFICATIONS_ADMIN", "ACCESS_REQUESTS_ADMIN", "API_ACCESS_MANAGEMENT_ADMIN", "APP_ADMIN", "CUSTOM",
	"GROUP_MEMBERSHIP_ADMIN", "HELP_DESK_ADMIN", "ORG_ADMIN", "READ_ONLY_ADMIN", "REPORT_ADMIN", "SUPER_ADMIN",
	"USER_ADMIN", "WORKFLOWS_ADMIN",
}

// roleExists reports whether a {roleRef} names a standard role type or a
// custom role of the org (by id or label), and answers 404 when not.
func (o *Org) roleExists(rq *request, ref string) bool {
	if slices.Contains(roleTypes, ref) {
		return true
	}
	for _, role := range o.collectionAt([]string{"api", "v1", "iam", "roles"}) {
		if role["id"] == ref || role["label"] == ref {
			return true
		}
	}
	rq.notFound(ref + " (Role)")
	return false
}
