package emulator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/oktasql/oktasql/emulator/scim"
)

// semantics are the Okta rules the store applies to one catalog table on
// top of the bare generic ones: what a create needs and sets, which
// lifecycle calls are allowed from which status, what may be replaced or
// deleted, and the System Log events writes leave. Paths, success codes and
// response shapes come from the catalog operations; list parameters from
// the endpoint's rules (endpoints.go).
type semantics struct {
	// prefix is the id prefix of created objects (00p for policies).
	prefix string
	// noun names the objects in System Log messages ("policy rule");
	// target is their System Log target type (PolicyRule), parent that of
	// the object they are under (PolicyEntity), if any.
	noun, target, parent string
	// required are the body members a create needs.
	required []string
	// created is the status of a new object; activateParam lets
	// ?activate=false create it INACTIVE instead.
	created       string
	activateParam bool
	// typed is the body member whose value must be one of the list's
	// parameter of the same name (a policy's type); "" when none.
	typed string
	// writeOnly are the dotted paths of secrets a client writes and Okta
	// never returns (an event hook's authorization header value).
	writeOnly []string
	// kept are members a replace cannot change (besides id, status,
	// created and _links).
	kept []string
	// transitions are the lifecycle actions, by last path segment.
	transitions map[string]transition
	// replaceNeeds and deleteNeeds are the status a replace or a delete
	// needs; refuseReplace and refuseDelete give the error otherwise.
	replaceNeeds, deleteNeeds   string
	refuseReplace, refuseDelete func(obj map[string]any) *apiError
	// protected names the boolean member (system) true on the objects
	// that cannot be deleted (the default policy, its default rule, system
	// zones) and false on created ones; protectedError says so.
	protected      string
	protectedError *apiError
	// inUse refuses deleting an object other objects use (nil: none).
	inUse func(o *Org, obj map[string]any) *apiError
	// ordered objects have a priority among the others of their type in
	// their collection (1 first, the system one last), and list in
	// priority order.
	ordered bool
	// effects are what a delete or an action does beyond the object
	// itself, by operation (a group rule's activation adds members).
	effects map[string]func(o *Org, rq *request, obj map[string]any)
	// expansions are what expand=<name> embeds in an object read, by
	// name: the value of its _embedded.<name>, from the object and its
	// item path.
	expansions map[string]func(o *Org, item string, obj map[string]any) any
	// children are the collections under an object, as path suffixes
	// (/rules): created empty with it and dropped with it.
	children []string
	// check validates a create against its parent (nil when top-level).
	check func(parent, obj map[string]any) *apiError
	// events are the System Log event types of writes, by operation:
	// create, update, delete and each transition's action.
	events map[string]string
}

// transition is one lifecycle action: the statuses it is allowed from
// (any when empty), the status it leads to ("" keeps it) and a member it
// sets (verify sets verificationStatus).
type transition struct {
	from       []string
	to         string
	set, value string
}

// eventTypes names the System Log event of each operation: prefix + name.
func eventTypes(prefix string, ops map[string]string) map[string]string {
	out := make(map[string]string, len(ops))
	for op, name := range ops {
		out[op] = prefix + name
	}
	return out
}

// lifecycle is the plain activate/deactivate pair.
var lifecycle = map[string]transition{
	"activate":   {to: "ACTIVE"},
	"deactivate": {to: "INACTIVE"},
}

// verbs are the usual event names: create, update, delete, activate,
// deactivate.
var verbs = map[string]string{"create": "create", "update": "update", "delete": "delete", "activate": "activate", "deactivate": "deactivate"}

// pastVerbs are the past-tense event names (event_hook.created).
var pastVerbs = map[string]string{"create": "created", "update": "updated", "delete": "deleted", "activate": "activated", "deactivate": "deactivated"}

// policyRuleTypes is the rule type of each policy type that takes rules;
// PROFILE_ENROLLMENT, POST_AUTH_SESSION and CLIENT_UPDATE policies keep
// the rules they come with (API-NOTES 6.2).
var policyRuleTypes = map[string]string{
	"OKTA_SIGN_ON": "SIGN_ON", "PASSWORD": "PASSWORD", "MFA_ENROLL": "MFA_ENROLL",
	"ACCESS_POLICY": "ACCESS_POLICY", "IDP_DISCOVERY": "IDP_DISCOVERY", "ENTITY_RISK": "ENTITY_RISK",
	"DEVICE_SIGNAL_COLLECTION": "DEVICE_SIGNAL_COLLECTION", "SESSION_VIOLATION_DETECTION": "SESSION_VIOLATION_DETECTION",
	"IDENTITY_CLAIM_SOURCING": "IDENTITY_CLAIM_SOURCING",
}

// checkPolicyRule refuses a rule for a policy type that takes no extra
// rules, or of another type than its policy's; an untyped rule takes its
// policy's type.
func checkPolicyRule(policy, rule map[string]any) *apiError {
	ptype, _ := policy["type"].(string)
	want, ok := policyRuleTypes[ptype]
	if !ok {
		return validation("type", "Policy rules cannot be added to a "+ptype+" policy")
	}
	if _, set := rule["type"]; !set {
		rule["type"] = want
	}
	if rule["type"] != want {
		return validation("type", "The rule type must be "+want+" in a "+ptype+" policy")
	}
	return nil
}

// zoneInUse refuses deleting a zone that the network condition of a
// policy rule names (API-NOTES 6.2).
func zoneInUse(o *Org, zone map[string]any) *apiError {
	for key, rules := range o.store {
		if !strings.HasPrefix(key, "/api/v1/policies/") || !strings.HasSuffix(key, "/rules") {
			continue
		}
		for _, rule := range rules {
			get := scim.MapGetter(rule)
			if slices.Contains(append(get("conditions.network.include"), get("conditions.network.exclude")...), zone["id"]) {
				return validation("id", "The zone is used by the policy rule "+displayName(rule)+".")
			}
		}
	}
	return nil
}

// semanticTables are the catalog tables the store gives Okta's rules.
var semanticTables = map[string]*semantics{
	// Policies (API-NOTES 2.7, 6.2): type is required to list; the
	// default policy (system) cannot be deleted.
	"policies": {
		prefix: "00p", noun: "policy", target: "PolicyEntity", required: []string{"name", "type"}, typed: "type",
		created: "ACTIVE", activateParam: true, kept: []string{"type", "system"},
		transitions: lifecycle, protected: "system", ordered: true,
		protectedError: &apiError{400, "E0000001", "Api validation failed: policy", []string{"The default policy cannot be deleted."}},
		children:       []string{"/rules"},
		expansions: map[string]func(*Org, string, map[string]any) any{
			"rules": func(o *Org, item string, _ map[string]any) any {
				rules, _ := o.stored(item + "/rules")
				return rules
			},
		},
		events: eventTypes("policy.lifecycle.", verbs),
	},
	// Policy rules: created ACTIVE unless activate=false; the default rule
	// cannot be deleted.
	"policy_rules": {
		prefix: "0pr", noun: "policy rule", target: "PolicyRule", parent: "PolicyEntity", required: []string{"name"},
		created: "ACTIVE", activateParam: true, kept: []string{"type", "system"},
		transitions: lifecycle, protected: "system", ordered: true,
		protectedError: &apiError{400, "E0000001", "Api validation failed: rule", []string{"The default rule cannot be deleted."}},
		check:          checkPolicyRule,
		events:         eventTypes("policy.rule.", map[string]string{"create": "add", "update": "update", "delete": "delete", "activate": "activate", "deactivate": "deactivate"}),
	},
	// Network zones: an ACTIVE zone cannot be deleted (Identity Engine),
	// nor a system zone.
	"network_zones": {
		prefix: "nzo", noun: "network zone", target: "NetworkZone", required: []string{"name", "type"},
		created: "ACTIVE", kept: []string{"system"},
		transitions: lifecycle, deleteNeeds: "INACTIVE",
		refuseDelete: func(zone map[string]any) *apiError {
			name, _ := zone["name"].(string)
			id, _ := zone["id"].(string)
			return &apiError{400, "E0000001", "Api validation failed: The zone: " + name + " is an active zone. Active zones cannot be deleted.",
				[]string{"id: The zone: " + id + " is an active zone. Active zones cannot be deleted."}}
		},
		protected:      "system",
		protectedError: validation("id", "System zones cannot be deleted."),
		inUse:          zoneInUse,
		events:         eventTypes("zone.", verbs),
	},
	// Event hooks: created ACTIVE, verified by verify, deleted only when
	// INACTIVE.
	"event_hooks": {
		prefix: "who", noun: "event hook", target: "EventHook", required: []string{"name", "events", "channel"},
		created: "ACTIVE", writeOnly: []string{"channel.config.authScheme.value"},
		transitions: map[string]transition{
			"activate": {to: "ACTIVE"}, "deactivate": {to: "INACTIVE"},
			"verify": {set: "verificationStatus", value: "VERIFIED"},
		},
		deleteNeeds:  "INACTIVE",
		refuseDelete: refusal(validation("status", "The event hook must be deactivated before it is deleted.")),
		events: eventTypes("event_hook.", map[string]string{"create": "created", "update": "updated", "delete": "deleted",
			"activate": "activated", "deactivate": "deactivated", "verify": "verified"}),
	},
	// Group rules: created INACTIVE; an ACTIVE rule is neither replaced
	// nor deleted, and its actions never change. Activation adds the users
	// its condition matches to its groups; a delete with removeUsers=true
	// takes them out.
	"group_rules": {
		prefix: "0pr", noun: "group rule", target: "GroupRule", required: []string{"name", "conditions", "actions"},
		created: "INACTIVE", kept: []string{"actions"},
		transitions:  lifecycle,
		replaceNeeds: "INACTIVE", refuseReplace: refusal(validation("status", "Cannot update a rule that is ACTIVE; deactivate it first.")),
		deleteNeeds: "INACTIVE", refuseDelete: refusal(validation("status", "Cannot delete a rule that is ACTIVE; deactivate it first.")),
		events: eventTypes("group.user_membership.rule.", pastVerbs),
		expansions: map[string]func(*Org, string, map[string]any) any{
			"groupIdToGroupNameMap": func(o *Org, _ string, rule map[string]any) any {
				names := map[string]string{}
				for _, id := range scim.MapGetter(rule)("actions.assignUserToGroups.groupIds") {
					if g := o.groups[fmt.Sprint(id)]; g != nil {
						names[g.ID] = g.Profile.Name
					}
				}
				return names
			},
		},
		effects: map[string]func(*Org, *request, map[string]any){
			"activate": func(o *Org, _ *request, rule map[string]any) { o.applyGroupRule(rule, false) },
			"delete": func(o *Org, rq *request, rule map[string]any) {
				if rq.q.Get("removeUsers") == "true" {
					o.applyGroupRule(rule, true)
				}
			},
		},
	},
	// Trusted origins: activate and deactivate.
	"trusted_origins": {
		prefix: "tos", noun: "trusted origin", target: "TrustedOrigin", required: []string{"name", "origin", "scopes"},
		created: "ACTIVE", transitions: lifecycle,
		events: eventTypes("trusted_origins.", verbs),
	},
	// Authorization servers: activate and deactivate.
	"authorization_servers": {
		prefix: "aus", noun: "authorization server", target: "AuthorizationServer", required: []string{"name", "audiences"},
		created: "ACTIVE", transitions: lifecycle,
		events: eventTypes("oauth2.as.", pastVerbs),
	},
	// Identity providers: activate and deactivate.
	"identity_providers": {
		prefix: "0oa", noun: "identity provider", target: "IdentityProvider", required: []string{"name", "type"}, typed: "type",
		created: "ACTIVE", activateParam: true, kept: []string{"type"}, transitions: lifecycle,
		events: eventTypes("system.idp.lifecycle.", verbs),
	},
	// Devices (registered by Okta Verify, never created by the API):
	// suspend from ACTIVE, unsuspend from SUSPENDED, delete only when
	// DEACTIVATED; deactivation drops the device's user links.
	"devices": {
		prefix: "guo", noun: "device", target: "Device",
		transitions: map[string]transition{
			"activate":   {to: "ACTIVE"},
			"deactivate": {to: "DEACTIVATED"},
			"suspend":    {from: []string{"ACTIVE"}, to: "SUSPENDED"},
			"unsuspend":  {from: []string{"SUSPENDED"}, to: "ACTIVE"},
		},
		deleteNeeds:  "DEACTIVATED",
		refuseDelete: refusal(validation("status", "The device must be deactivated before it is deleted.")),
		effects: map[string]func(*Org, *request, map[string]any){
			"deactivate": func(o *Org, _ *request, device map[string]any) {
				o.store["/api/v1/devices/"+fmt.Sprint(device["id"])+"/users"] = []map[string]any{}
			},
		},
		events: eventTypes("device.lifecycle.", map[string]string{"delete": "delete", "activate": "activate", "deactivate": "deactivate",
			"suspend": "suspend", "unsuspend": "unsuspend"}),
	},
}
