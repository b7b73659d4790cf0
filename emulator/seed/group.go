package seed

import (
	"encoding/json"
	"strings"
)

// Group types.
const (
	GroupOkta    = "OKTA_GROUP"
	GroupApp     = "APP_GROUP"
	GroupBuiltIn = "BUILT_IN"
)

// Group is an Okta group (schema Group).
type Group struct {
	ID                    string       `json:"id"`
	Created               Time         `json:"created"`
	LastUpdated           Time         `json:"lastUpdated"`
	LastMembershipUpdated Time         `json:"lastMembershipUpdated"`
	ObjectClass           []string     `json:"objectClass"`
	Type                  string       `json:"type"`
	Profile               GroupProfile `json:"profile"`
	Links                 GroupLinks   `json:"_links"`
	// SourceAppID is the app an APP_GROUP is imported from ("" otherwise);
	// search answers source.id from it.
	SourceAppID string `json:"-"`
}

// GroupProfile is a group's profile: name and description for every group,
// the Active Directory attributes for groups imported from AD, and Extra for
// custom attributes.
type GroupProfile struct {
	Name                       string `json:"name"`
	Description                string `json:"description"`
	SamAccountName             string `json:"samAccountName,omitempty"`
	Dn                         string `json:"dn,omitempty"`
	WindowsDomainQualifiedName string `json:"windowsDomainQualifiedName,omitempty"`
	ExternalID                 string `json:"externalId,omitempty"`
	// Extra holds other attributes by name; nil when none.
	Extra map[string]any `json:"-"`
}

// groupProfileAlias has GroupProfile's fields without its methods.
type groupProfileAlias GroupProfile

// MarshalJSON writes the known attributes, then Extra's in key order.
func (p GroupProfile) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(groupProfileAlias(p))
	if err != nil || len(p.Extra) == 0 {
		return b, err
	}
	return appendExtra(b, p.Extra, func(k string) bool { _, known := p.field(k); return known })
}

// UnmarshalJSON reads known attributes into fields and the rest into Extra.
func (p *GroupProfile) UnmarshalJSON(b []byte) error {
	var a groupProfileAlias
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	*p = GroupProfile(a)
	extra, err := unknownKeys(b, func(k string) bool { _, known := p.field(k); return known })
	p.Extra = extra
	return err
}

// field returns a pointer to the known attribute named name.
func (p *GroupProfile) field(name string) (*string, bool) {
	switch name {
	case "name":
		return &p.Name, true
	case "description":
		return &p.Description, true
	case "samAccountName":
		return &p.SamAccountName, true
	case "dn":
		return &p.Dn, true
	case "windowsDomainQualifiedName":
		return &p.WindowsDomainQualifiedName, true
	case "externalId":
		return &p.ExternalID, true
	}
	return nil, false
}

// Get returns the values of profile attribute name.
func (p *GroupProfile) Get(name string) []any {
	if f, ok := p.field(name); ok {
		return stringValue(*f)
	}
	return extraValue(p.Extra, name)
}

// Get returns the values of an attribute path of the group, for scim.Match:
// id, type, created, lastUpdated, lastMembershipUpdated, objectClass,
// source.id, profile.*; other paths through the group's JSON form.
func (g *Group) Get(attr string) []any {
	switch attr {
	case "id":
		return stringValue(g.ID)
	case "type":
		return stringValue(g.Type)
	case "created":
		return g.Created.value()
	case "lastUpdated":
		return g.LastUpdated.value()
	case "lastMembershipUpdated":
		return g.LastMembershipUpdated.value()
	case "objectClass":
		out := make([]any, len(g.ObjectClass))
		for i, c := range g.ObjectClass {
			out[i] = c
		}
		return out
	case "source.id":
		return stringValue(g.SourceAppID)
	}
	if name, ok := strings.CutPrefix(attr, "profile."); ok {
		return g.Profile.Get(name)
	}
	return viaJSON(g, attr)
}
