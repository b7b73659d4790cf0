package emulator

import (
	"encoding/json"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/oktasql/oktasql/emulator/seed"
)

// seedStore fills the collections of the tables with semantics when the
// org starts, from a random source of its own so that the users' stay
// unchanged: policies of every type with their rules (from the spec's
// example of each type), the spec's examples for the others, with
// Okta-shaped ids where an example has a placeholder. Then it assigns the
// administrators' roles and the org's contacts.
func (o *Org) seedStore(baseURL string) {
	r := rand.New(rand.NewPCG(uint64(o.cfg.Seed), 11))
	names := make([]string, 0, len(semanticTables))
	for name := range semanticTables {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		t := o.catalog.Table(name)
		if t == nil || len(t.Keys) > 0 {
			continue
		}
		if name == "policies" {
			o.seedPolicies(r, t.List.Path, baseURL)
			continue
		}
		o.seedPath(t.List.Path, t)
		for i, obj := range o.store[t.List.Path] {
			o.store[t.List.Path][i] = localize(obj, baseURL, seed.NewID(r, semanticTables[name].prefix))
		}
	}
	o.seedRoles()
	o.seedContacts()
}

// exampleHost is the placeholder origin of the spec's example links.
var exampleHost = regexp.MustCompile(`https?://\{+ ?yourOktaDomain ?\}+`)

// localize makes an example object one of this org: links on its URL, and
// newID for a placeholder id ("{authorizationServerId}"), in its links too.
func localize(obj map[string]any, baseURL, newID string) map[string]any {
	b, _ := json.Marshal(obj)
	s := exampleHost.ReplaceAllString(string(b), baseURL)
	if id, _ := obj["id"].(string); strings.ContainsAny(id, "{}") {
		s = strings.ReplaceAll(s, id, newID)
	}
	var out map[string]any
	json.Unmarshal([]byte(s), &out)
	return out
}

// seededPolicies are the custom policies of the main types, besides the
// default policy every type has.
var seededPolicies = map[string][]string{
	"OKTA_SIGN_ON":  {"Contractors sign-on", "Administrators sign-on"},
	"PASSWORD":      {"Service accounts password", "Executives password"},
	"MFA_ENROLL":    {"Engineering authenticators", "Field staff authenticators"},
	"ACCESS_POLICY": {"Finance apps", "Internal tools"},
}

// seedPolicies makes, for each policy type the spec has an example of
// and the org's edition has, its default policy (system, last by
// priority, with its default rule) and for the main types custom
// policies, some INACTIVE, each with custom rules before its default rule.
func (o *Org) seedPolicies(r *rand.Rand, path, baseURL string) {
	ruleTemplates := map[string]map[string]any{}
	for _, v := range exampleVariants("listPolicyRules") {
		for _, it := range v.([]any) {
			rule := it.(map[string]any)
			if t, _ := rule["type"].(string); ruleTemplates[t] == nil {
				ruleTemplates[t] = rule
			}
		}
	}
	stamp := func() string {
		return o.cfg.Now.Add(-time.Duration(r.IntN(365*24)) * time.Hour).UTC().Format(timeFormat)
	}
	everyone := ""
	for _, g := range o.data.Groups {
		if g.Type == "BUILT_IN" {
			everyone = g.ID
		}
	}
	o.store[path] = []map[string]any{}
	seen := map[string]bool{}
	for _, v := range exampleVariants("listPolicies") {
		for _, it := range v.([]any) {
			tmpl := it.(map[string]any)
			ptype, _ := tmpl["type"].(string)
			if seen[ptype] || o.cfg.Edition == EditionClassic && slices.Contains(oiePolicyTypes, ptype) {
				continue
			}
			seen[ptype] = true
			names := append(slices.Clone(seededPolicies[ptype]), "Default Policy")
			for i, name := range names {
				p := fromExample(tmpl, everyone)
				id, system := seed.NewID(r, seed.PrefixPolicy), name == "Default Policy"
				href := baseURL + path + "/" + id
				p["id"], p["name"], p["description"], p["system"], p["priority"] = id, name, name+" ("+ptype+")", system, i+1
				p["status"] = "ACTIVE"
				if !system && r.IntN(3) == 0 {
					p["status"] = "INACTIVE"
				}
				p["created"] = stamp()
				p["lastUpdated"] = p["created"]
				p["_links"] = map[string]any{"self": map[string]any{"href": href}, "rules": map[string]any{"href": href + "/rules"}}
				o.store[path] = append(o.store[path], p)
				rules := []map[string]any{}
				if tmpl := ruleTemplates[ruleType(ptype)]; tmpl != nil {
					ruleNames := []string{"Default Rule"}
					if !system {
						ruleNames = append([]string{name + " rule 1", name + " rule 2"}[:1+r.IntN(2)], ruleNames...)
					}
					for j, rname := range ruleNames {
						rule := fromExample(tmpl, everyone)
						rid, isDefault := seed.NewID(r, seed.PrefixRule), rname == "Default Rule"
						rule["id"], rule["name"], rule["system"], rule["status"] = rid, rname, isDefault, "ACTIVE"
						rule["priority"] = j + 1
						if isDefault {
							rule["priority"] = 99
						}
						rule["created"] = stamp()
						rule["lastUpdated"] = rule["created"]
						rule["_links"] = map[string]any{"self": map[string]any{"href": href + "/rules/" + rid}}
						rules = append(rules, rule)
					}
				}
				o.store[path+"/"+id+"/rules"] = rules
			}
		}
	}
}

// ruleType is the type of the rules of a policy type.
func ruleType(policyType string) string {
	if t, ok := policyRuleTypes[policyType]; ok {
		return t
	}
	return policyType
}

// fromExample returns a copy of an example object made real: its
// placeholders replaced (the Everyone group for "groupId", Okta as the
// authentication provider) and its null members left out, as Okta omits
// them.
func fromExample(example map[string]any, everyone string) map[string]any {
	b, _ := json.Marshal(example)
	var out map[string]any
	json.Unmarshal(b, &out)
	dropNulls(out)
	conditions, _ := out["conditions"].(map[string]any)
	if provider, ok := conditions["authProvider"].(map[string]any); ok {
		provider["provider"] = "OKTA"
	}
	if people, ok := conditions["people"].(map[string]any); ok {
		if groups, ok := people["groups"].(map[string]any); ok && groups["include"] != nil {
			groups["include"] = []any{everyone}
		}
	}
	return out
}

// dropNulls removes the null members of objects, recursively.
func dropNulls(v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if x == nil {
				delete(v, k)
			} else {
				dropNulls(x)
			}
		}
	case []any:
		for _, x := range v {
			dropNulls(x)
		}
	}
}
