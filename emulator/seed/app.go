package seed

import "encoding/json"

// App statuses.
const (
	AppActive   = "ACTIVE"
	AppInactive = "INACTIVE"
)

// Sign-on modes of the generated apps.
const (
	SignOnBookmark  = "BOOKMARK"
	SignOnSAML2     = "SAML_2_0"
	SignOnOIDC      = "OPENID_CONNECT"
	SignOnAutoLogin = "AUTO_LOGIN"
	SignOnBasicAuth = "BASIC_AUTH"
)

// App is an Okta application (schema Application and its sign-on-mode
// subtypes). Credentials and Settings vary by sign-on mode and are kept as
// JSON-shaped maps.
type App struct {
	ID            string           `json:"id"`
	Name          string           `json:"name"`
	Label         string           `json:"label"`
	Status        string           `json:"status"`
	LastUpdated   Time             `json:"lastUpdated"`
	Created       Time             `json:"created"`
	Accessibility AppAccessibility `json:"accessibility"`
	Visibility    AppVisibility    `json:"visibility"`
	Features      []string         `json:"features"`
	SignOnMode    string           `json:"signOnMode"`
	Credentials   map[string]any   `json:"credentials,omitempty"`
	Settings      map[string]any   `json:"settings"`
	Links         AppLinks         `json:"_links"`
}

// AppAccessibility is an app's accessibility object.
type AppAccessibility struct {
	SelfService      bool   `json:"selfService"`
	ErrorRedirectURL string `json:"errorRedirectUrl,omitempty"`
	LoginRedirectURL string `json:"loginRedirectUrl,omitempty"`
}

// AppVisibility is an app's visibility object.
type AppVisibility struct {
	AutoLaunch        bool            `json:"autoLaunch"`
	AutoSubmitToolbar bool            `json:"autoSubmitToolbar"`
	Hide              AppHide         `json:"hide"`
	AppLinks          map[string]bool `json:"appLinks"`
}

// AppHide says where an app's tile is hidden.
type AppHide struct {
	IOS bool `json:"iOS"`
	Web bool `json:"web"`
}

// Get returns the values of an attribute path of the app, for scim.Match:
// id, name, label, status, signOnMode, created, lastUpdated directly; other
// paths (credentials.signing.kid, settings.*) through the app's JSON form.
// user.id and group.id are assignments, not attributes: the emulator answers
// them from Org.AppUsers and Org.AppGroups.
func (a *App) Get(attr string) []any {
	switch attr {
	case "id":
		return stringValue(a.ID)
	case "name":
		return stringValue(a.Name)
	case "label":
		return stringValue(a.Label)
	case "status":
		return stringValue(a.Status)
	case "signOnMode":
		return stringValue(a.SignOnMode)
	case "created":
		return a.Created.value()
	case "lastUpdated":
		return a.LastUpdated.value()
	}
	return viaJSON(a, attr)
}

// Assignment scopes of an app user.
const (
	ScopeUser  = "USER"
	ScopeGroup = "GROUP"
)

// AppUser is a user's assignment to an app (schema AppUser). Its _links are
// built when it is marshalled, from BaseURL, AppID, ID and GroupID, so that
// the many assignments of a large org cost no link strings.
type AppUser struct {
	ID              string             `json:"id"` // the user's id
	Created         Time               `json:"created"`
	LastUpdated     Time               `json:"lastUpdated"`
	Scope           string             `json:"scope"`
	Status          string             `json:"status"`
	StatusChanged   Time               `json:"statusChanged"`
	PasswordChanged Time               `json:"passwordChanged"`
	SyncState       string             `json:"syncState,omitempty"`
	LastSync        Time               `json:"lastSync,omitempty"`
	Credentials     AppUserCredentials `json:"credentials"`
	Profile         AppUserProfile     `json:"profile"`
	// AppID is the app assigned.
	AppID string `json:"-"`
	// GroupID is the group whose assignment grants a scope GROUP app user.
	GroupID string `json:"-"`
	// BaseURL is the org's base URL, for _links.
	BaseURL string `json:"-"`
}

// AppUserCredentials is an app user's credentials (the password value is
// never returned).
type AppUserCredentials struct {
	UserName string `json:"userName,omitempty"`
}

// AppUserProfile is an app user's app-specific profile.
type AppUserProfile struct {
	Email     string `json:"email,omitempty"`
	FirstName string `json:"firstName,omitempty"`
	LastName  string `json:"lastName,omitempty"`
}

// appUserAlias has AppUser's fields without its methods.
type appUserAlias AppUser

// MarshalJSON writes the app user with its _links.
func (a AppUser) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		appUserAlias
		Links AppUserLinks `json:"_links"`
	}{appUserAlias(a), NewAppUserLinks(a.BaseURL, a.AppID, a.ID, a.GroupID)})
}

// Get returns the values of an attribute path of the app user.
func (a *AppUser) Get(attr string) []any {
	switch attr {
	case "id":
		return stringValue(a.ID)
	case "scope":
		return stringValue(a.Scope)
	case "status":
		return stringValue(a.Status)
	case "credentials.userName":
		return stringValue(a.Credentials.UserName)
	case "profile.email":
		return stringValue(a.Profile.Email)
	case "profile.firstName":
		return stringValue(a.Profile.FirstName)
	case "profile.lastName":
		return stringValue(a.Profile.LastName)
	}
	return viaJSON(a, attr)
}

// AppGroup is a group's assignment to an app (schema
// ApplicationGroupAssignment); its _links are built when it is marshalled.
type AppGroup struct {
	ID          string         `json:"id"` // the group's id
	Priority    int            `json:"priority"`
	LastUpdated Time           `json:"lastUpdated"`
	Profile     map[string]any `json:"profile"`
	AppID       string         `json:"-"`
	BaseURL     string         `json:"-"`
}

// appGroupAlias has AppGroup's fields without its methods.
type appGroupAlias AppGroup

// MarshalJSON writes the assignment with its _links; a nil profile is {}.
func (a AppGroup) MarshalJSON() ([]byte, error) {
	if a.Profile == nil {
		a.Profile = map[string]any{}
	}
	return json.Marshal(struct {
		appGroupAlias
		Links AppGroupLinks `json:"_links"`
	}{appGroupAlias(a), NewAppGroupLinks(a.BaseURL, a.AppID, a.ID)})
}
