package schema

// curatedTableNames names the tables of the main resources, by the
// operationId of their list endpoint. Every other table takes the name
// derived from its path (see schema/openapi).
var curatedTableNames = map[string]string{
	"listUsers":                       "users",
	"listGroups":                      "groups",
	"listGroupUsers":                  "group_members",
	"listUserGroups":                  "user_groups",
	"listApplications":                "apps",
	"listApplicationUsers":            "app_users",
	"listApplicationGroupAssignments": "app_groups",
	"listFactors":                     "user_factors",
	"listLogEvents":                   "system_log",
	"listPolicies":                    "policies",
	"listPolicyRules":                 "policy_rules",
	"listAuthorizationServers":        "authorization_servers",
	"listIdentityProviders":           "identity_providers",
	"listNetworkZones":                "network_zones",
	"listTrustedOrigins":              "trusted_origins",
	"listEventHooks":                  "event_hooks",
	"listInlineHooks":                 "inline_hooks",
	"listUserTypes":                   "user_types",
	"listDevices":                     "devices",
	"listBrands":                      "brands",
	"listCustomDomains":               "domains",
	"listGroupRules":                  "group_rules",
	"listAuthenticators":              "authenticators",
	"listRoles":                       "roles",
	// Derived names that read badly or collide.
	"listIdentityProviderKeys":             "idp_keys",
	"listIdentityProviderSigningKeys":      "idp_signing_keys",
	"listActiveIdentityProviderSigningKey": "idp_active_signing_keys",
	"listCsrsForIdentityProvider":          "idp_csrs",
	"listEmailTemplates":                   "email_templates",
	"listEmailCustomizations":              "email_customizations",
	"listSmsTemplates":                     "sms_templates",
	"listYubikeyOtpTokens":                 "yubikey_tokens",
	"listLinkedObjectDefinitions":          "linked_object_definitions",
	"listLogStreamSchemas":                 "log_stream_schemas",
	"listUISchemas":                        "ui_schemas",
	"listOktaSupportCases":                 "okta_support_cases",
	"listProfileMappings":                  "profile_mappings",
	"listRolePermissions":                  "role_permissions",
	"listPolicyApps":                       "policy_apps",
	"listDefaultDevicePostureChecks":       "default_device_posture_checks",
	"listOAuth2ResourceServerJsonWebKeys":  "authorization_server_resource_server_keys",
	"listSupportedFactors":                 "user_supported_factors",
	"listSupportedSecurityQuestions":       "user_security_questions",
	"listCsrsForApplication":               "app_csrs",
	"listJwk":                              "app_jwks",
	"listApplicationKeys":                  "app_keys",
	"listOAuth2ClientSecrets":              "app_secrets",
}

// CuratedTableName returns the curated table name for the list endpoint
// with operationId id, or "" when its name is derived from the path.
func CuratedTableName(id string) string {
	return curatedTableNames[id]
}

// curatedColumnPaths are the nested values, deeper than the generic
// one-level flattening, that people filter and report on, by table.
var curatedColumnPaths = map[string][][]string{
	"users": {
		{"credentials", "provider", "type"},
		{"credentials", "provider", "name"},
	},
	"group_members": {
		{"credentials", "provider", "type"},
		{"credentials", "provider", "name"},
	},
	"apps": {
		{"credentials", "signing", "kid"},
		{"settings", "app", "url"},
		{"settings", "oauthClient", "redirect_uris"},
	},
	"system_log": {
		{"outcome", "result"},
		{"client", "ipAddress"},
		{"client", "geographicalContext", "country"},
		{"client", "userAgent", "rawUserAgent"},
		{"authenticationContext", "externalSessionId"},
	},
}

// curatedExpandColumns are values the API returns only when asked with
// expand, which the spec's item schema does not describe, by table.
var curatedExpandColumns = map[string][]Column{
	// API-NOTES 2.3: expand=stats adds _embedded.stats.usersCount (and
	// appsCount): the size of every group in the list's own pages, not
	// one member list per group.
	"groups": {
		{Name: "users_count", Type: TypeInteger, Path: []string{"_embedded", "stats", "usersCount"}, ReadOnly: true, Nullable: true, Expand: "stats"},
		{Name: "apps_count", Type: TypeInteger, Path: []string{"_embedded", "stats", "appsCount"}, ReadOnly: true, Nullable: true, Expand: "stats"},
	},
}

// CuratedExpandColumns returns copies of the curated columns of table
// that an expand parameter fills.
func CuratedExpandColumns(table string) []*Column {
	var out []*Column
	for _, c := range curatedExpandColumns[table] {
		c.Path = append([]string(nil), c.Path...)
		out = append(out, &c)
	}
	return out
}

// CuratedColumnPaths returns the curated nested JSON paths flattened into
// extra columns of table (beyond the generic one level).
func CuratedColumnPaths(table string) [][]string {
	return curatedColumnPaths[table]
}

// curatedItemColumns names the column that fills a table's item path
// parameter where the parameter's name does not say it: a role
// permission's {permissionType} is its label, a linked object
// definition's {linkedObjectName} its primary name, an app key's {keyId}
// its kid.
var curatedItemColumns = map[string]string{
	"role_permissions":                     "label",
	"linked_object_definitions":            "primary_name",
	"app_keys":                             "kid",
	"authorization_server_credential_keys": "kid",
	"log_stream_schemas":                   "id",
}

// CuratedItemColumn returns the curated item column of table, if any.
func CuratedItemColumn(table string) string { return curatedItemColumns[table] }

// curatedGetColumns are the values a table's list leaves out and its item
// GET returns, by table and JSON path: the org contacts' list names each
// contact type, its GET the user.
var curatedGetColumns = map[string][][]string{
	"org_contacts": {{"userId"}},
}

// CuratedGetColumns returns the JSON paths of the values of table that
// only its item GET returns.
func CuratedGetColumns(table string) [][]string { return curatedGetColumns[table] }
