package emulator

import "github.com/oktasql/oktasql/emulator/scim"

// endpoint is the emulator's own reading of what one list operation
// accepts and how Okta evaluates it, written from Okta's documentation and
// the spec's parameter descriptions. It is never read from the planner's
// pushdown grammar (DESIGN: "The emulator can say no"): the tests hold the
// two readings against each other. What every list operation shares (enum
// values, limit bounds, required parameters) comes from the spec's
// parameter definitions in the catalog (listrules.go).
type endpoint struct {
	// filter and search are the expression parameters the operation
	// takes (nil: not taken, so ignored as Okta ignores unknown ones).
	filter, search *expression
	// keyword is a search parameter that takes a plain keyword matched
	// against these attributes, ignoring case (group rules).
	keyword []string
	// q is how the q parameter matches (nil: q is not taken).
	q *qMatch
	// sort is what sortBy and sortOrder accept (nil: no sorting).
	sort *sorting
	// selects are query parameters that keep the items whose attribute
	// (the value) equals the parameter's value, case-sensitively: a
	// policy's type.
	selects map[string]string
	// onOrAfter are query parameters that keep the items whose date
	// attribute (the value) is at or after the parameter's value.
	onOrAfter map[string]string
	// contains are query parameters that keep the items where one of the
	// attributes (the value) contains the parameter's value, ignoring
	// case (no case rule is stated: the wider answer).
	contains map[string][]string
	// enumNouns name a parameter's value in the E0000002 answer to one
	// outside its enum ("policy type"); the parameter's name otherwise.
	enumNouns map[string]string
	// oieOnly are parameter values that only an Identity Engine org has:
	// a Classic org refuses them as values outside the enum.
	oieOnly map[string][]string
	// maxLimit is a documented page-size maximum the spec's schema does
	// not declare; clampLimit says a larger limit is served at the
	// maximum (as reported for users) instead of refused.
	maxLimit   int
	clampLimit bool
	// defaultLimit is a documented default page size the spec's schema
	// does not declare; searchLimit the default when search is given.
	defaultLimit, searchLimit int
}

// expression is a filter or search parameter: the attributes, operators
// and connectives it accepts, and how its values compare. Whether it is
// required is the spec's to say (principal rate limits' filter).
type expression struct {
	scim.Grammar
	// fold says string values compare ignoring case.
	fold bool
	// scimSyntax says a syntax error is E0000053 "Invalid SCIM filter"
	// (the System Log), not E0000031.
	scimSyntax bool
}

// qMatch is how q matches an item.
type qMatch struct {
	// fields are the attributes q is matched against, ignoring case.
	fields []string
	// exact says q must equal an attribute's whole value, where the docs
	// say only "matching value": the narrowest reading, so that a client
	// that treats q as a prefix match sees what it would miss.
	exact bool
	// keywords says q is a list of keywords that must all occur in the
	// item (the System Log), at most maxKeywords of maxKeywordLen each.
	keywords bool
	// limit is the default page size when q is given (0: the usual one);
	// unpaged says a q answer is one page, never followed by another.
	limit   int
	unpaged bool
}

// maxKeywords and maxKeywordLen bound the System Log's q (E0000001
// beyond them; API-NOTES 2.5, docs reference/system-log-query).
const (
	maxKeywords   = 10
	maxKeywordLen = 40
)

// sorting is what sortBy and sortOrder accept.
type sorting struct {
	// fields are the attributes sortBy may name (nil: any single one).
	fields []string
	// asc and desc are the sortOrder values ("" desc: the order is
	// fixed ascending and sortOrder is not taken).
	asc, desc string
	// needsSearch says sortBy and sortOrder apply to search queries only;
	// the emulator refuses them without search.
	needsSearch bool
	// fold says strings are ordered ignoring case.
	fold bool
}

// Operator sets of the declarations below.
var (
	opEq      = []string{"eq"}
	opCompare = []string{"eq", "gt", "ge", "lt", "le"}
	opSearch  = []string{"eq", "sw", "gt", "ge", "lt", "le", "pr"}
	opSearchC = []string{"eq", "sw", "co", "gt", "ge", "lt", "le", "pr"}
	opAll     = []string{"eq", "ne", "gt", "ge", "lt", "le", "pr", "sw", "co", "ew"}
)

// oiePolicyTypes are the policy types the spec marks Identity Engine only
// (x-lifecycle class="oie" in PolicyType's x-enumDescriptions,
// management-openapi.yaml l.79097-79108). A Classic org answers
// GET /api/v1/policies?type=ACCESS_POLICY with 400 E0000002 "The request
// was not valid: Invalid policy type specified" (okta/terraform-provider-okta
// #1202, #1311; the code in #64).
var oiePolicyTypes = []string{
	"ACCESS_POLICY", "ENTITY_RISK", "POST_AUTH_SESSION", "PROFILE_ENROLLMENT", "DEVICE_SIGNAL_COLLECTION",
	"SESSION_VIOLATION_DETECTION", "CLIENT_UPDATE", "IDENTITY_CLAIM_SOURCING",
}

// endpoints are the list operations with rules beyond the spec's
// parameter definitions, by operationId. An operation absent here takes
// only its spec-defined parameters (after, limit, enums).
var endpoints = map[string]*endpoint{
	// listUsers: spec l.24906-25030 (search, filter, q, limit, sortBy) and
	// docs reference/user-query. filter: eq on seven attributes, plus
	// ranges on lastUpdated, and/or, case-sensitive. search: any profile
	// attribute and the top-level dates, id, status, type.id; sw, eq, co
	// (co on four attributes only), comparisons (the examples compare
	// dates and, for the ne workaround, status), pr (API-NOTES 2.2);
	// no ne, no not; values ignore case. q: startsWith on firstName,
	// lastName or email, one page (10 by default). sortBy/sortOrder: any single property, for
	// search queries only. limit: "the maximum (200)" in the docs, and
	// larger limits are reported served at 200.
	"listUsers": {
		filter: &expression{Grammar: scim.Grammar{Param: "filter", Fields: map[string][]string{
			"status": opEq, "lastUpdated": opCompare, "id": opEq, "profile.login": opEq,
			"profile.email": opEq, "profile.firstName": opEq, "profile.lastName": opEq,
		}, And: true, Or: true}},
		search: &expression{Grammar: scim.Grammar{Param: "search", Fields: map[string][]string{
			"id": opSearch, "status": opSearch, "created": opSearch, "activated": opSearch,
			"statusChanged": opSearch, "lastUpdated": opSearch, "type.id": opSearch,
			"profile.firstName": opSearchC, "profile.lastName": opSearchC, "profile.email": opSearchC, "profile.login": opSearchC,
		}, AnyPrefix: "profile.", AnyOps: opSearch, And: true, Or: true}, fold: true},
		q:        &qMatch{fields: []string{"profile.firstName", "profile.lastName", "profile.email"}, limit: 10, unpaged: true},
		sort:     &sorting{asc: "asc", desc: "desc", needsSearch: true, fold: true},
		maxLimit: 200, clampLimit: true,
	},
	// listGroups: spec l.12937-13060. filter: id, type, lastUpdated,
	// lastMembershipUpdated (eq; the dates also compare, as the examples
	// do), and/or. search: every profile attribute, id, created,
	// lastMembershipUpdated, lastUpdated, type, source.id; sw, eq, co (co
	// on profile.name and profile.description only), comparisons on the
	// dates (examples); values ignore case. q: startsWith on the name,
	// one page of at most 300 by default ("You can't page a query").
	// sortBy/sortOrder: any single property, search queries only (spec
	// sortBy l.13048; querySortOrder l.61011). limit: no default in the
	// spec, about 200 without a query in the docs (API-NOTES 2.3).
	"listGroups": {
		defaultLimit: 200,
		filter: &expression{Grammar: scim.Grammar{Param: "filter", Fields: map[string][]string{
			"id": opEq, "type": opEq, "lastUpdated": opCompare, "lastMembershipUpdated": opCompare,
		}, And: true, Or: true}},
		search: &expression{Grammar: scim.Grammar{Param: "search", Fields: map[string][]string{
			"id": opEq, "type": opEq, "source.id": opEq,
			"created": opCompare, "lastUpdated": opCompare, "lastMembershipUpdated": opCompare,
			"profile.name": {"eq", "sw", "co"}, "profile.description": {"eq", "sw", "co"},
		}, AnyPrefix: "profile.", AnyOps: []string{"eq", "sw"}, And: true, Or: true}, fold: true},
		q:    &qMatch{fields: []string{"profile.name"}, limit: 300, unpaged: true},
		sort: &sorting{asc: "asc", desc: "desc", needsSearch: true, fold: true},
	},
	// listApplications: spec listApplications filter ("id, status,
	// credentials.signing.kid, settings.slo.enabled, or name") and the
	// expand text's user.id eq; retired docs (apps l.1776): a single
	// expression, eq only, plus user.id and group.id. q: startsWith on
	// name or label.
	"listApplications": {
		filter: &expression{Grammar: scim.Grammar{Param: "filter", Fields: map[string][]string{
			"id": opEq, "status": opEq, "name": opEq, "credentials.signing.kid": opEq,
			"settings.slo.enabled": opEq, "user.id": opEq, "group.id": opEq,
		}, MaxTerms: 1}},
		q: &qMatch{fields: []string{"name", "label"}},
	},
	// listApplicationUsers: spec l.60766, q "matched against the
	// beginning of" userName, firstName, lastName and email.
	"listApplicationUsers": {
		q: &qMatch{fields: []string{"credentials.userName", "profile.firstName", "profile.lastName", "profile.email"}},
	},
	// listApplicationGroupAssignments: spec q, startsWith on the group
	// name (an assignment embeds its group with expand=group).
	"listApplicationGroupAssignments": {
		q: &qMatch{fields: []string{"_embedded.group.profile.name"}},
	},
	// listLogEvents: spec filter ("all operators except [ ]"), docs
	// reference/system-log-query: syntax errors are E0000053 (API-NOTES
	// 2.1), published may not be filtered (since
	// and until bound it), q holds keywords that must all match (at most
	// 10, of 40 characters each), limit 0-1000 (the schema's format text;
	// no maximum in the schema).
	"listLogEvents": {
		filter: &expression{Grammar: scim.Grammar{Param: "filter", Fields: map[string][]string{"published": {}},
			AnyOps: opAll, And: true, Or: true, Not: true}, scimSyntax: true},
		q:        &qMatch{keywords: true},
		maxLimit: 1000,
	},
	// listNetworkZones: spec filter example `(id eq "a" or id eq "b") and
	// usage eq "POLICY"`; API-NOTES 2.6: id, usage, system, eq only.
	"listNetworkZones": {
		filter: &expression{Grammar: scim.Grammar{Param: "filter", Fields: map[string][]string{
			"id": opEq, "usage": opEq, "system": opEq,
		}, And: true, Or: true}},
	},
	// listTrustedOrigins: spec filter "name, origin, status, and type";
	// operators are not stated, so eq only, joined by or (the retired
	// docs' example); q "prefix matches against the name and origin".
	"listTrustedOrigins": {
		filter: &expression{Grammar: scim.Grammar{Param: "filter", Fields: map[string][]string{
			"name": opEq, "origin": opEq, "status": opEq, "type": opEq,
		}, Or: true}},
		q: &qMatch{fields: []string{"name", "origin"}},
	},
	// listLogStreams: spec filter, "only the eq operator on either the
	// status or type properties".
	"listLogStreams": {
		filter: &expression{Grammar: scim.Grammar{Param: "filter", Fields: map[string][]string{"status": opEq, "type": opEq}, MaxTerms: 1}},
	},
	// listOAuth2Scopes: the spec documents no filterable attribute, so no
	// filter expression is accepted; q "searches the name ... for
	// matching values".
	"listOAuth2Scopes": {
		filter: &expression{Grammar: scim.Grammar{Param: "filter"}},
		q:      &qMatch{fields: []string{"name"}, exact: true},
	},
	// listPrincipalRateLimitEntities: spec, filter required, by
	// principalType: `principalType eq "SSWS_TOKEN"` or "OAUTH_CLIENT".
	"listPrincipalRateLimitEntities": {
		filter: &expression{Grammar: scim.Grammar{Param: "filter", Fields: map[string][]string{"principalType": opEq}, MaxTerms: 1}},
	},
	// listYubikeyOtpTokens: the spec gives filter and sortBy an enum of
	// attribute names (l.20005-20041) and no operators: eq on them only,
	// one term; sortOrder is ASC or DESC (enum, l.20042).
	"listYubikeyOtpTokens": {
		filter: &expression{Grammar: scim.Grammar{Param: "filter", Fields: map[string][]string{
			"profile.email": opEq, "profile.serial": opEq, "activated": opEq, "user.id": opEq,
			"created": opEq, "status": opEq, "lastVerified": opEq,
		}, MaxTerms: 1}},
		sort: &sorting{fields: []string{"profile.email", "profile.serial", "activated", "user.id", "created", "status", "lastVerified"}, asc: "ASC", desc: "DESC"},
	},
	// listDevices: spec search: id, status, lastUpdated and every profile
	// attribute; co only on displayName, serialNumber, imei, meid, udid,
	// sid; values ignore case (API-NOTES 2.6).
	"listDevices": {
		search: &expression{Grammar: scim.Grammar{Param: "search", Fields: map[string][]string{
			"id": opSearch, "status": opSearch, "lastUpdated": opSearch,
			"profile.displayName": opSearchC, "profile.serialNumber": opSearchC, "profile.imei": opSearchC,
			"profile.meid": opSearchC, "profile.udid": opSearchC, "profile.sid": opSearchC,
		}, AnyPrefix: "profile.", AnyOps: opSearch, And: true, Or: true}, fold: true},
	},
	// listRealms: spec l.23060-23090: search on "most properties", co
	// only on profile.name; sortBy and sortOrder "for search queries
	// only"; limit defaults to 10 with search. The case rules of search
	// are not stated: values compare ignoring case, the wider answer, so
	// that a client taking the answer as exact is caught (audit R1).
	"listRealms": {
		search: &expression{Grammar: scim.Grammar{Param: "search", Fields: map[string][]string{
			"id": opSearch, "profile.name": opSearchC, "isDefault": opEq, "created": opSearch, "lastUpdated": opSearch,
		}, AnyPrefix: "profile.", AnyOps: opSearch, And: true, Or: true}, fold: true},
		sort:        &sorting{asc: "asc", desc: "desc", needsSearch: true},
		searchLimit: 10,
	},
	// listGroupRules: spec search, "the keyword to search rules for": a
	// keyword matched in the rule name.
	"listGroupRules": {keyword: []string{"name"}},
	// listGroupOwners: spec search, "filter owners by type": eq on type.
	"listGroupOwners": {
		search: &expression{Grammar: scim.Grammar{Param: "search", Fields: map[string][]string{"type": opEq}}},
	},
	// listPolicies: spec type (required, PolicyTypeParameter) and status
	// select; q is a name prefix ("startWith"); sortBy sorts on the name,
	// ascending only. The OIE-only types are refused by Classic orgs.
	"listPolicies": {
		selects:   map[string]string{"type": "type", "status": "status"},
		enumNouns: map[string]string{"type": "policy type"},
		oieOnly:   map[string][]string{"type": oiePolicyTypes},
		q:         &qMatch{fields: []string{"name"}},
		sort:      &sorting{fields: []string{"name"}, asc: "asc"},
	},
	// listIdentityProviders: spec type "filters IdPs by type"; q
	// "searches the name property ... for matching value"; the retired
	// docs (idps l.2139) call it a startsWith match.
	"listIdentityProviders": {
		selects: map[string]string{"type": "type"},
		q:       &qMatch{fields: []string{"name"}},
	},
	// listAuthorizationServers: spec l.5923, q "searches the name and
	// audiences ... for matching values": no prefix semantics stated.
	"listAuthorizationServers": {
		q: &qMatch{fields: []string{"name", "audiences"}, exact: true},
	},
	// listAssociatedServersByTrustedType: q "searches for the name or
	// audience"; no prefix semantics stated.
	"listAssociatedServersByTrustedType": {
		q: &qMatch{fields: []string{"name", "audiences"}, exact: true},
	},
	// listBrands: spec l.60895, q "searches the records for matching
	// value": the brand name, no prefix semantics stated.
	"listBrands": {
		q: &qMatch{fields: []string{"name"}, exact: true},
	},
	// listInlineHooks: spec type, "one of the supported inline hook
	// types" (enum).
	"listInlineHooks": {selects: map[string]string{"type": "type"}},
	// listPushProviders: spec type, "filters push providers by
	// providerType".
	"listPushProviders": {selects: map[string]string{"type": "providerType"}},
	// getAllCrossAppAccessConnections: spec status, requestingAppId and
	// resourceAppId (the requesting and resource app instance ids; the
	// latter's text repeats the former's). activeAppsOnly and the app
	// name searches need the apps' status and names: not modelled.
	"getAllCrossAppAccessConnections": {selects: map[string]string{
		"status": "status", "requestingAppId": "requestingAppInstanceId", "resourceAppId": "resourceAppInstanceId",
	}},
	// listAgentPools: spec poolType, "agent type to search for" (the
	// pool's type).
	"listAgentPools": {selects: map[string]string{"poolType": "type"}},
	// listGroupPushMappings: spec sourceGroupId and status filter the
	// mappings; lastUpdated keeps those "updated on or after" it.
	"listGroupPushMappings": {
		selects:   map[string]string{"sourceGroupId": "sourceGroupId", "status": "status"},
		onOrAfter: map[string]string{"lastUpdated": "lastUpdated"},
	},
	// listProfileMappings: spec sourceId and targetId, "all returned
	// mappings have this as their source.id" (target.id).
	"listProfileMappings": {selects: map[string]string{"sourceId": "source.id", "targetId": "target.id"}},
	// listSmsTemplates: spec templateType (SmsTemplateType, a template's
	// type).
	"listSmsTemplates": {selects: map[string]string{"templateType": "type"}},
	// listUserGrants: spec scopeId, "the scope ID to filter on".
	"listUserGrants": {selects: map[string]string{"scopeId": "scopeId"}},
	// listOktaManagedUserAccounts: spec match, the account name or
	// username "contains the given value".
	"listOktaManagedUserAccounts": {contains: map[string][]string{"match": {"name", "username"}}},
	// listAppServiceAccounts: spec match, the name, username, app
	// instance label or OIN app key name "contains the given value".
	"listAppServiceAccounts": {contains: map[string][]string{"match": {"name", "username", "containerInstanceName", "containerGlobalName"}}},
}
