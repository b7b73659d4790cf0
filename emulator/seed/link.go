package seed

// Href is one link of a _links object.
type Href struct {
	Href string `json:"href"`
	Name string `json:"name,omitempty"`
	Type string `json:"type,omitempty"`
}

// SelfLinks is a _links object with only self, as list responses carry it.
type SelfLinks struct {
	Self Href `json:"self"`
}

// Link paths under an org's base URL; E1's handlers build the same links for
// objects they create.
const (
	usersPath  = "/api/v1/users/"
	groupsPath = "/api/v1/groups/"
	appsPath   = "/api/v1/apps/"
)

// UserLinks returns the _links of a user in a list response.
func UserLinks(base, userID string) SelfLinks {
	return SelfLinks{Self: Href{Href: base + usersPath + userID}}
}

// GroupLinks is a group's _links object.
type GroupLinks struct {
	Logo   []Href `json:"logo"`
	Source *Href  `json:"source,omitempty"` // APP_GROUP only: the source app
	Users  Href   `json:"users"`
	Apps   Href   `json:"apps"`
}

// NewGroupLinks returns the _links of a group; sourceAppID is "" unless the
// group is an APP_GROUP.
func NewGroupLinks(base, groupID, sourceAppID string) GroupLinks {
	logo := "okta"
	l := GroupLinks{
		Users: Href{Href: base + groupsPath + groupID + "/users"},
		Apps:  Href{Href: base + groupsPath + groupID + "/apps"},
	}
	if sourceAppID != "" {
		logo = "active_directory"
		l.Source = &Href{Href: base + appsPath + sourceAppID}
	}
	l.Logo = []Href{
		{Name: "medium", Href: base + "/img/logos/groups/" + logo + "-medium.png", Type: "image/png"},
		{Name: "large", Href: base + "/img/logos/groups/" + logo + "-large.png", Type: "image/png"},
	}
	return l
}

// AppLinks is an app's _links object.
type AppLinks struct {
	Logo       []Href `json:"logo"`
	AppLinks   []Href `json:"appLinks"`
	Users      Href   `json:"users"`
	Groups     Href   `json:"groups"`
	Activate   *Href  `json:"activate,omitempty"`   // INACTIVE apps
	Deactivate *Href  `json:"deactivate,omitempty"` // ACTIVE apps
	Self       Href   `json:"self"`
}

// NewAppLinks returns the _links of an app of the given status, with one
// app link named linkName.
func NewAppLinks(base, appID, appName, linkName, status string) AppLinks {
	self := base + appsPath + appID
	l := AppLinks{
		Logo:     []Href{{Name: "medium", Href: base + "/assets/img/logos/default.6770228fb0dab49a1695ef440a5279bb.png", Type: "image/png"}},
		AppLinks: []Href{{Name: linkName, Href: base + "/home/" + appName + "/" + appID + "/" + linkName, Type: "text/html"}},
		Users:    Href{Href: self + "/users"},
		Groups:   Href{Href: self + "/groups"},
		Self:     Href{Href: self},
	}
	if status == AppActive {
		l.Deactivate = &Href{Href: self + "/lifecycle/deactivate"}
	} else {
		l.Activate = &Href{Href: self + "/lifecycle/activate"}
	}
	return l
}

// AppUserLinks is an app user's _links object.
type AppUserLinks struct {
	App   Href  `json:"app"`
	User  Href  `json:"user"`
	Group *Href `json:"group,omitempty"` // scope GROUP: the group that grants it
}

// NewAppUserLinks returns the _links of an app user; groupID is "" for a
// direct (scope USER) assignment.
func NewAppUserLinks(base, appID, userID, groupID string) AppUserLinks {
	l := AppUserLinks{
		App:  Href{Href: base + appsPath + appID},
		User: Href{Href: base + usersPath + userID},
	}
	if groupID != "" {
		l.Group = &Href{Href: base + groupsPath + groupID}
	}
	return l
}

// AppGroupLinks is an app group assignment's _links object.
type AppGroupLinks struct {
	App   Href `json:"app"`
	Self  Href `json:"self"`
	Group Href `json:"group"`
}

// NewAppGroupLinks returns the _links of an app group assignment.
func NewAppGroupLinks(base, appID, groupID string) AppGroupLinks {
	return AppGroupLinks{
		App:   Href{Href: base + appsPath + appID},
		Self:  Href{Href: base + appsPath + appID + "/groups/" + groupID},
		Group: Href{Href: base + groupsPath + groupID},
	}
}

// FactorLinks is a user factor's _links object.
type FactorLinks struct {
	Self     Href  `json:"self"`
	User     Href  `json:"user"`
	Activate *Href `json:"activate,omitempty"` // PENDING_ACTIVATION factors
}

// NewFactorLinks returns the _links of a factor of the given status.
func NewFactorLinks(base, userID, factorID, status string) FactorLinks {
	self := base + usersPath + userID + "/factors/" + factorID
	l := FactorLinks{Self: Href{Href: self}, User: Href{Href: base + usersPath + userID}}
	if status == FactorPendingActivation {
		l.Activate = &Href{Href: self + "/lifecycle/activate"}
	}
	return l
}

// UserTypeLinks is a user type's _links object.
type UserTypeLinks struct {
	Self   Href `json:"self"`
	Schema Href `json:"schema"`
}
