package emulator

import (
	"net/http"
	"strings"
)

// contactTypes are the org's contact types (the spec's enum of
// {contactType}).
var contactTypes = []string{"BILLING", "TECHNICAL"}

// seedContacts makes administrators the org's contacts: the technical
// contact is the first (the super administrator), the billing contact
// the last.
func (o *Org) seedContacts() {
	o.contacts = map[string]string{}
	if n := len(o.data.Admins); n > 0 {
		o.contacts["TECHNICAL"] = o.data.Admins[0]
		o.contacts["BILLING"] = o.data.Admins[n-1]
	}
}

// listOrgContacts answers listOrgContactTypes: each contact type with a
// link to its user, and, as Okta's list, without the user's id.
func (rq *request) listOrgContacts() {
	out := make([]any, 0, len(contactTypes))
	for _, typ := range contactTypes {
		name := strings.ToLower(typ)
		out = append(out, map[string]any{
			"contactType": typ,
			"_links":      map[string]any{name: map[string]any{"href": rq.base() + "/api/v1/org/contacts/" + name}},
		})
	}
	rq.json(http.StatusOK, out)
}

// contactType is the request's {contactType}, or "" after a 404 for one
// the org does not have.
func (rq *request) contactType() string {
	typ := rq.parts[4]
	for _, t := range contactTypes {
		if t == typ {
			return typ
		}
	}
	rq.notFound(typ + " (OrgContactType)")
	return ""
}

// contactUser is the answer of a contact type's user: its id and link.
func (rq *request) contactUser(typ string) map[string]any {
	uid := rq.org.contacts[typ]
	obj := map[string]any{"userId": uid, "_links": map[string]any{"user": map[string]any{"href": rq.base() + "/api/v1/users/" + uid}}}
	if uid == "" {
		obj = map[string]any{"_links": map[string]any{}}
	}
	return obj
}

// getOrgContact answers getOrgContactUser: the user of a contact type.
func (rq *request) getOrgContact() {
	if typ := rq.contactType(); typ != "" {
		rq.json(http.StatusOK, rq.contactUser(typ))
	}
}

// replaceOrgContact answers replaceOrgContactUser: the body's userId,
// which must name a user of the org, becomes the contact type's user.
func (rq *request) replaceOrgContact() {
	typ := rq.contactType()
	if typ == "" {
		return
	}
	uid, _ := rq.body["userId"].(string)
	if uid == "" {
		missing("userId").write(rq)
		return
	}
	u := rq.org.users[uid]
	if u == nil || u.ID != uid {
		validation("userId", "The user "+uid+" does not exist.").write(rq)
		return
	}
	rq.org.contacts[typ] = uid
	rq.json(http.StatusOK, rq.contactUser(typ))
}
