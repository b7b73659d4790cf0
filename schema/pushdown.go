package schema

import "strings"

// Curate applies the hand-curated layer to a catalog built from a spec:
// pushdown capabilities and page-size limits from API-NOTES sections 2 and
// 10. Tables absent from the catalog are skipped, so an older or newer
// spec loads the same way.
func Curate(c *Catalog) {
	for _, t := range c.Tables {
		if p, ok := pushdowns[t.Name]; ok {
			t.Pushdown = p
		}
		if l, ok := pageLimits[t.Name]; ok {
			t.PageLimit = l
		}
		if k, ok := primaryKeys[t.Name]; ok && len(t.PrimaryKey) == 0 && t.hasColumns(k) {
			t.PrimaryKey = k
		}
		t.addQueryKeys()
	}
}

// addQueryKeys lets a query give each required query parameter of the
// list call that no pushdown sets: through the item's column of that name
// when there is one (ssf_stream_status: WHERE stream_id = '...'), else
// through a key column the rows carry back like a path key
// (oauth_client_id).
func (t *Table) addQueryKeys() {
	if t.List == nil {
		return
	}
	for _, p := range t.List.Params {
		if p.In != "query" || !p.Required || t.Pushdown.sets(p.Name) {
			continue
		}
		name := SnakeCase(p.Name)
		if c := t.Column(name); c != nil {
			if len(c.Path) > 0 && !c.FromCall() {
				pd := Pushdown{}
				if t.Pushdown != nil {
					pd = *t.Pushdown // the curated entry is shared: extend a copy
				}
				pd.Params = append(append([]ParamBinding(nil), pd.Params...), ParamBinding{Param: p.Name, Field: strings.Join(c.Path, "."), Required: true})
				t.Pushdown = &pd
			}
			continue
		}
		t.Keys = append(t.Keys, KeyColumn{Column: name, QueryParam: p.Name})
		t.Columns = append([]*Column{{Name: name, Type: TypeString, QueryParam: p.Name}}, t.Columns...)
	}
}

// sets reports whether the pushdown fills query parameter name.
func (p *Pushdown) sets(name string) bool {
	if p == nil {
		return false
	}
	for _, g := range []*Grammar{p.Filter, p.Search} {
		if g != nil && g.Param == name {
			return true
		}
	}
	for _, b := range p.Params {
		if b.Param == name {
			return true
		}
	}
	return false
}

// hasColumns reports whether t has every named column.
func (t *Table) hasColumns(names []string) bool {
	for _, n := range names {
		if t.Column(n) == nil {
			return false
		}
	}
	return true
}

// Operator sets used by the grammars below.
var (
	opsEq      = []string{"eq"}
	opsCompare = []string{"eq", "gt", "ge", "lt", "le"}
	opsSearch  = []string{"eq", "sw", "gt", "ge", "lt", "le", "pr"}
	opsSearchC = []string{"eq", "sw", "co", "gt", "ge", "lt", "le", "pr"}
	opsAll     = []string{"eq", "ne", "gt", "ge", "lt", "le", "pr", "sw", "co", "ew"}
)

// primaryKeys names the identifying columns of items that have no id.
var primaryKeys = map[string][]string{
	"system_log": {"uuid"},
}

// pageLimits overrides the spec's limit default and maximum where Okta's
// documentation states them (API-NOTES 2.8).
var pageLimits = map[string]Limit{
	"users":                 {Default: 200, Max: 200},
	"groups":                {Default: 200, Max: 200},
	"group_members":         {Default: 1000, Max: 1000},
	"apps":                  {Default: 20, Max: 200},
	"app_users":             {Default: 50, Max: 500},
	"app_groups":            {Default: 20, Min: 20, Max: 200},
	"system_log":            {Default: 100, Max: 1000},
	"devices":               {Default: 200, Max: 200},
	"group_rules":           {Default: 50, Max: 200},
	"identity_providers":    {Default: 20, Max: 200},
	"brands":                {Default: 20, Max: 200},
	"log_streams":           {Default: 20, Max: 200},
	"trusted_origins":       {Default: 20, Max: 200},
	"authorization_servers": {Default: 200, Max: 200},
	"principal_rate_limits": {Default: 20, Max: 50},
	"realms":                {Default: 200},
	"network_zones":         {Max: 200},
}

// pushdowns holds, per table, what its list endpoint evaluates
// server-side (API-NOTES sections 2 and 10).
var pushdowns = map[string]*Pushdown{
	// listUsers (API-NOTES 2.2).
	"users": {
		Filter: &Grammar{
			Param: "filter",
			Fields: map[string][]string{
				"status": opsEq, "lastUpdated": opsCompare, "id": opsEq,
				"profile.login": opsEq, "profile.email": opsEq,
				"profile.firstName": opsEq, "profile.lastName": opsEq,
			},
			And: true, Or: true, IncludesOmitted: true,
		},
		Search: &Grammar{
			Param: "search",
			Fields: map[string][]string{
				"id": opsSearch, "status": opsSearch, "created": opsSearch,
				"activated": opsSearch, "statusChanged": opsSearch,
				"lastUpdated": opsSearch, "type.id": opsSearch,
				"profile.firstName": opsSearchC, "profile.lastName": opsSearchC,
				"profile.email": opsSearchC, "profile.login": opsSearchC,
			},
			AnyPrefix: "profile.", AnyOps: opsSearch,
			And: true, Or: true, CaseInsensitive: true, IncludesOmitted: true,
		},
		Q: &QParam{Fields: []string{"profile.firstName", "profile.lastName", "profile.email"}, MaxRows: 10},
		Sort: &Sort{ByParam: "sortBy", OrderParam: "sortOrder", Asc: "asc", Desc: "desc",
			AnyField: true, RequiresSearch: true, CaseInsensitive: true},
		PlainListOmits: &Omission{Field: "status", Values: []string{"DEPROVISIONED"}},
		// API-NOTES 7: getUser accepts an id, a login or a login shortname;
		// "logins with a / character can only be fetched by id" (spec).
		GetBy: &GetBy{Field: "profile.login", Contains: "@", Excludes: "/"},
	},
	// listGroups (API-NOTES 2.3).
	"groups": {
		Filter: &Grammar{
			Param: "filter",
			Fields: map[string][]string{
				"id": opsEq, "type": opsEq,
				"lastUpdated": opsCompare, "lastMembershipUpdated": opsCompare,
			},
			And: true, Or: true,
		},
		Search: &Grammar{
			Param: "search",
			Fields: map[string][]string{
				"id": opsEq, "type": opsEq, "source.id": opsEq,
				"created": opsCompare, "lastUpdated": opsCompare, "lastMembershipUpdated": opsCompare,
				"profile.name":        {"eq", "sw", "co"},
				"profile.description": {"eq", "sw", "co"},
			},
			AnyPrefix: "profile.", AnyOps: []string{"eq", "sw"},
			And: true, Or: true, CaseInsensitive: true,
		},
		Q: &QParam{Fields: []string{"profile.name"}, MaxRows: 300},
		Sort: &Sort{ByParam: "sortBy", OrderParam: "sortOrder", Asc: "asc", Desc: "desc",
			AnyField: true, RequiresSearch: true, CaseInsensitive: true},
	},
	// listApplications (API-NOTES 2.4, 10.5): one eq term.
	"apps": {
		Filter: &Grammar{
			Param: "filter",
			Fields: map[string][]string{
				"id": opsEq, "status": opsEq, "name": opsEq,
				"credentials.signing.kid": opsEq, "user.id": opsEq, "group.id": opsEq,
			},
			MaxTerms: 1,
		},
		Q: &QParam{Fields: []string{"name", "label"}, Pageable: true},
	},
	// listLogEvents (API-NOTES 2.5, 10.6).
	"system_log": {
		Filter: &Grammar{
			Param:     "filter",
			AnyPrefix: "", AnyOps: opsAll,
			Fields: map[string][]string{
				"eventType": opsAll, "uuid": opsAll, "severity": opsAll, "displayMessage": opsAll,
				"actor.id": opsAll, "actor.type": opsAll, "actor.alternateId": opsAll, "actor.displayName": opsAll,
				"target.id": opsAll, "target.type": opsAll, "target.alternateId": opsAll, "target.displayName": opsAll,
				"outcome.result": opsAll, "outcome.reason": opsAll,
				"client.ipAddress": opsAll, "client.zone": opsAll, "client.device": opsAll,
				"authenticationContext.externalSessionId": opsAll,
				"transaction.id":  opsAll,
				"legacyEventType": opsAll,
				// published goes to since/until, never into the filter.
				"published": {},
			},
			And: true, Or: true, Not: true,
			// No source says whether the System Log filter compares case
			// (audit L9): taken as case-insensitive, a superset the engine
			// narrows and no LIMIT stops early; eq and ne on an enumerated
			// value with no case twin (outcome.result) stay exact.
			CaseInsensitive: true,
		},
		Q:         &QParam{Fields: []string{"*"}, Pageable: true, Keywords: true},
		Sort:      &Sort{OrderParam: "sortOrder", Asc: "ASCENDING", Desc: "DESCENDING", Fields: []string{"published"}},
		TimeRange: &TimeRange{Field: "published", Since: "since", Until: "until"},
	},
	// listNetworkZones (API-NOTES 2.6).
	"network_zones": {
		Filter: &Grammar{Param: "filter", Fields: map[string][]string{"id": opsEq, "usage": opsEq, "system": opsEq}, And: true, Or: true},
	},
	// listTrustedOrigins (API-NOTES 2.6).
	"trusted_origins": {
		Filter: &Grammar{Param: "filter", Fields: map[string][]string{"name": opsEq, "origin": opsEq, "status": opsEq}, Or: true},
		Q:      &QParam{Fields: []string{"name", "origin"}, Pageable: true},
	},
	// listLogStreams (API-NOTES 2.6).
	"log_streams": {
		Filter: &Grammar{Param: "filter", Fields: map[string][]string{"status": opsEq, "type": opsEq}, MaxTerms: 1},
	},
	// listDevices (API-NOTES 2.6).
	"devices": {
		Search: &Grammar{
			Param: "search",
			Fields: map[string][]string{
				"id": opsSearch, "status": opsSearch, "lastUpdated": opsSearch,
				"profile.displayName": opsSearchC, "profile.serialNumber": opsSearchC,
				"profile.imei": opsSearchC, "profile.meid": opsSearchC,
				"profile.udid": opsSearchC, "profile.sid": opsSearchC,
			},
			AnyPrefix: "profile.", AnyOps: opsSearch,
			And: true, Or: true, CaseInsensitive: true,
		},
	},
	// listRealms (API-NOTES 2.6).
	"realms": {
		Search: &Grammar{
			Param: "search",
			Fields: map[string][]string{
				"id": opsSearch, "profile.name": opsSearchC, "profile.realmType": opsSearch,
				"isDefault": opsEq, "created": opsSearch, "lastUpdated": opsSearch,
			},
			AnyPrefix: "profile.", AnyOps: opsSearch,
			And: true, Or: true,
			// No source says whether realm search ignores case: taken as
			// case-insensitive, a superset that the engine narrows and
			// that no LIMIT may stop early (audit R1).
			CaseInsensitive: true,
		},
		// sortBy and sortOrder apply to search queries only (spec listRealms
		// sortBy; querySortOrder).
		Sort: &Sort{ByParam: "sortBy", OrderParam: "sortOrder", Asc: "asc", Desc: "desc", AnyField: true, RequiresSearch: true},
	},
	// listGroupRules (API-NOTES 2.6): a keyword on the rule name.
	"group_rules": {
		Search: &Grammar{Param: "search", Fields: map[string][]string{"name": {"co"}}, Keyword: true, CaseInsensitive: true},
	},
	// listPolicies (API-NOTES 2.7): type is required.
	"policies": {
		Params: []ParamBinding{{Param: "type", Field: "type", Required: true}, {Param: "status", Field: "status"}},
		Q:      &QParam{Fields: []string{"name"}, Pageable: true},
		Sort:   &Sort{ByParam: "sortBy", Asc: "asc", Fields: []string{"name"}},
	},
	// listIdentityProviders (API-NOTES 2.7).
	"identity_providers": {
		Params: []ParamBinding{{Param: "type", Field: "type"}},
		Q:      &QParam{Fields: []string{"name"}, Pageable: true},
	},
	// listAuthorizationServers (API-NOTES 2.7): q "searches the name and
	// audiences ... for matching values", no prefix match documented.
	"authorization_servers": {
		Q: &QParam{Fields: []string{"name", "audiences"}, Pageable: true, Exact: true},
	},
	// listBrands (API-NOTES 2.7): q "searches the records for matching
	// value", no prefix match documented.
	"brands": {
		Q: &QParam{Fields: []string{"name"}, Pageable: true, Exact: true},
	},
	// listApplicationUsers (API-NOTES 2.7).
	"app_users": {
		// The spec says q matches the start of userName, firstName,
		// lastName and email; an Okta engineer said it matches the user
		// name only (okta-blog-archive#2627). Sent only where both readings
		// agree: for the user name, every other match being a superset.
		Q: &QParam{Fields: []string{"credentials.userName"}, Pageable: true},
	},
	// listApplicationGroupAssignments (API-NOTES 2.7).
	"app_groups": {
		Q: &QParam{Fields: []string{"_embedded.group.profile.name"}, Pageable: true},
	},
	// listYubikeyOtpTokens (API-NOTES 2.6). The spec lists the filter's
	// attributes as an enum and documents no operator or connective: one
	// eq term. sortOrder's enum is ASC and DESC.
	"yubikey_tokens": {
		Filter: &Grammar{
			Param: "filter",
			Fields: map[string][]string{
				"user.id": opsEq, "status": opsEq, "created": opsEq, "lastVerified": opsEq,
			},
			MaxTerms: 1,
		},
		Sort: &Sort{ByParam: "sortBy", OrderParam: "sortOrder", Asc: "ASC", Desc: "DESC",
			Fields: []string{"created", "status", "lastVerified"}},
	},
	// listPrincipalRateLimitEntities (API-NOTES 2.6): filter is required.
	"principal_rate_limits": {
		Filter: &Grammar{Param: "filter", Fields: map[string][]string{"principalType": opsEq}, MaxTerms: 1, Required: true},
	},
	// listInlineHooks: type parameter.
	"inline_hooks": {
		Params: []ParamBinding{{Param: "type", Field: "type"}},
	},
	// listPushProviders: type parameter.
	"push_providers": {
		Params: []ParamBinding{{Param: "type", Field: "providerType"}},
	},
}
