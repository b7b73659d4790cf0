package seed

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// User statuses (API-NOTES section 6.1).
const (
	StatusStaged          = "STAGED"
	StatusProvisioned     = "PROVISIONED"
	StatusActive          = "ACTIVE"
	StatusRecovery        = "RECOVERY"
	StatusLockedOut       = "LOCKED_OUT"
	StatusPasswordExpired = "PASSWORD_EXPIRED"
	StatusSuspended       = "SUSPENDED"
	StatusDeprovisioned   = "DEPROVISIONED"
)

// User is an Okta user as the users list returns it (schema User).
type User struct {
	ID                    string          `json:"id"`
	Status                string          `json:"status"`
	Created               Time            `json:"created"`
	Activated             Time            `json:"activated"`
	StatusChanged         Time            `json:"statusChanged"`
	LastLogin             Time            `json:"lastLogin"`
	LastUpdated           Time            `json:"lastUpdated"`
	PasswordChanged       Time            `json:"passwordChanged"`
	TransitioningToStatus string          `json:"transitioningToStatus,omitempty"`
	Type                  UserTypeRef     `json:"type"`
	Profile               UserProfile     `json:"profile"`
	Credentials           UserCredentials `json:"credentials"`
	Links                 SelfLinks       `json:"_links"`
}

// UserTypeRef is the user's type: {"id": "oty..."}.
type UserTypeRef struct {
	ID string `json:"id"`
}

// UserCredentials is a user's credentials object. Okta never returns the
// password value: a user with a password shows "password": {}.
type UserCredentials struct {
	Password         *PasswordCredential `json:"password,omitempty"`
	RecoveryQuestion *RecoveryQuestion   `json:"recovery_question,omitempty"`
	Provider         Provider            `json:"provider"`
}

// PasswordCredential is the (always empty) password object of a user.
type PasswordCredential struct{}

// RecoveryQuestion is a user's recovery question (the answer is never returned).
type RecoveryQuestion struct {
	Question string `json:"question"`
}

// Provider is the authentication provider of a user.
type Provider struct {
	Type string `json:"type"` // OKTA, FEDERATION, ACTIVE_DIRECTORY...
	Name string `json:"name"`
}

// NullString is a string attribute that Okta writes as null when empty.
type NullString string

// MarshalJSON writes s, or null when empty.
func (s NullString) MarshalJSON() ([]byte, error) {
	if s == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(s))
}

// UserProfile is a user's profile: the standard attributes the generator
// fills, the custom attribute employeeType, and Extra for any other standard
// or custom attribute (set through the API). Empty attributes are left out,
// except mobilePhone and secondEmail, which Okta lists as null.
type UserProfile struct {
	FirstName      string     `json:"firstName,omitempty"`
	LastName       string     `json:"lastName,omitempty"`
	MobilePhone    NullString `json:"mobilePhone"`
	SecondEmail    NullString `json:"secondEmail"`
	Login          string     `json:"login"`
	Email          string     `json:"email"`
	DisplayName    string     `json:"displayName,omitempty"`
	Title          string     `json:"title,omitempty"`
	Department     string     `json:"department,omitempty"`
	Organization   string     `json:"organization,omitempty"`
	CostCenter     string     `json:"costCenter,omitempty"`
	EmployeeNumber string     `json:"employeeNumber,omitempty"`
	Manager        string     `json:"manager,omitempty"`
	ManagerID      string     `json:"managerId,omitempty"`
	City           string     `json:"city,omitempty"`
	State          string     `json:"state,omitempty"`
	CountryCode    string     `json:"countryCode,omitempty"`
	// EmployeeType is a custom attribute: Employee, Contractor or Intern.
	EmployeeType string `json:"employeeType,omitempty"`
	// Extra holds every other attribute by name; nil when none.
	Extra map[string]any `json:"-"`
}

// CustomAttribute is a custom attribute of the org's default user schema.
type CustomAttribute struct {
	Name, Title, Type string
	Enum              []string
}

// CustomUserAttributes are the custom attributes the generated profiles use,
// for the emulator's /api/v1/meta/schemas/user/default.
var CustomUserAttributes = []CustomAttribute{
	{Name: "employeeType", Title: "Employee type", Type: "string", Enum: []string{EmployeeTypeEmployee, EmployeeTypeContractor, EmployeeTypeIntern}},
}

// Values of the employeeType custom attribute.
const (
	EmployeeTypeEmployee   = "Employee"
	EmployeeTypeContractor = "Contractor"
	EmployeeTypeIntern     = "Intern"
)

// profileAlias has UserProfile's fields without its methods.
type profileAlias UserProfile

// MarshalJSON writes the known attributes in Okta's order, then Extra's in
// key order (an Extra key that names a known attribute is ignored).
func (p UserProfile) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(profileAlias(p))
	if err != nil || len(p.Extra) == 0 {
		return b, err
	}
	return appendExtra(b, p.Extra, func(k string) bool { _, known := p.field(k); return known })
}

// UnmarshalJSON reads known attributes into fields and the rest into Extra.
func (p *UserProfile) UnmarshalJSON(b []byte) error {
	var a profileAlias
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	*p = UserProfile(a)
	extra, err := unknownKeys(b, func(k string) bool { _, known := p.field(k); return known })
	p.Extra = extra
	return err
}

// field returns a pointer to the string of the known attribute named name
// (mobilePhone and secondEmail included).
func (p *UserProfile) field(name string) (*string, bool) {
	switch name {
	case "firstName":
		return &p.FirstName, true
	case "lastName":
		return &p.LastName, true
	case "mobilePhone":
		return (*string)(&p.MobilePhone), true
	case "secondEmail":
		return (*string)(&p.SecondEmail), true
	case "login":
		return &p.Login, true
	case "email":
		return &p.Email, true
	case "displayName":
		return &p.DisplayName, true
	case "title":
		return &p.Title, true
	case "department":
		return &p.Department, true
	case "organization":
		return &p.Organization, true
	case "costCenter":
		return &p.CostCenter, true
	case "employeeNumber":
		return &p.EmployeeNumber, true
	case "manager":
		return &p.Manager, true
	case "managerId":
		return &p.ManagerID, true
	case "city":
		return &p.City, true
	case "state":
		return &p.State, true
	case "countryCode":
		return &p.CountryCode, true
	case "employeeType":
		return &p.EmployeeType, true
	}
	return nil, false
}

// Get returns the values of profile attribute name: none when it is empty or
// absent.
func (p *UserProfile) Get(name string) []any {
	if f, ok := p.field(name); ok {
		return stringValue(*f)
	}
	return extraValue(p.Extra, name)
}

// Set sets profile attribute name to v: a string for a known attribute
// (others are refused), anything JSON-shaped for Extra. A nil v clears it.
func (p *UserProfile) Set(name string, v any) bool {
	if f, ok := p.field(name); ok {
		switch v := v.(type) {
		case nil:
			*f = ""
		case string:
			*f = v
		default:
			return false
		}
		return true
	}
	if v == nil {
		delete(p.Extra, name)
		return true
	}
	if p.Extra == nil {
		p.Extra = map[string]any{}
	}
	p.Extra[name] = v
	return true
}

// Get returns the values of an attribute path of the user, for scim.Match:
// top-level attributes, type.id, profile.*, credentials.provider.type/name;
// other paths through the user's JSON form.
func (u *User) Get(attr string) []any {
	switch attr {
	case "id":
		return stringValue(u.ID)
	case "status":
		return stringValue(u.Status)
	case "created":
		return u.Created.value()
	case "activated":
		return u.Activated.value()
	case "statusChanged":
		return u.StatusChanged.value()
	case "lastLogin":
		return u.LastLogin.value()
	case "lastUpdated":
		return u.LastUpdated.value()
	case "passwordChanged":
		return u.PasswordChanged.value()
	case "transitioningToStatus":
		return stringValue(u.TransitioningToStatus)
	case "type.id":
		return stringValue(u.Type.ID)
	case "credentials.provider.type":
		return stringValue(u.Credentials.Provider.Type)
	case "credentials.provider.name":
		return stringValue(u.Credentials.Provider.Name)
	}
	if name, ok := strings.CutPrefix(attr, "profile."); ok {
		return u.Profile.Get(name)
	}
	return viaJSON(u, attr)
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
