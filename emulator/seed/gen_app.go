package seed

import (
	"math/rand/v2"
	"strings"
	"time"
)

// appSpec describes one app of the catalog the generator installs.
type appSpec struct {
	label, name, mode string
	inactive          bool
	provisioning      bool     // pushes users: app users are PROVISIONED
	everyone          bool     // assigned to Everyone
	depts             []string // departments whose groups are assigned
	direct            float64  // share of users assigned directly
}

// appCatalog is the org's apps: several sign-on modes, a few inactive.
var appCatalog = []appSpec{
	{label: "Company Intranet", name: "bookmark", mode: SignOnBookmark, direct: 0.25},
	{label: "Slack", name: "slack", mode: SignOnSAML2, provisioning: true, everyone: true},
	{label: "Google Workspace", name: "google", mode: SignOnSAML2, provisioning: true, depts: []string{"Sales", "Marketing", "Human Resources"}},
	{label: "Zoom", name: "zoomus", mode: SignOnSAML2, provisioning: true, depts: []string{"Sales", "Customer Success"}, direct: 0.05},
	{label: "Salesforce", name: "salesforce", mode: SignOnSAML2, provisioning: true, depts: []string{"Sales", "Customer Success"}, direct: 0.01},
	{label: "GitHub Enterprise Cloud", name: "githubcloud", mode: SignOnSAML2, depts: []string{"Engineering", "Security", "Data Science"}, direct: 0.01},
	{label: "AWS IAM Identity Center", name: "amazon_aws_sso", mode: SignOnSAML2, depts: []string{"Security", "IT"}},
	{label: "Atlassian Cloud", name: "atlassian", mode: SignOnSAML2, provisioning: true, depts: []string{"Product", "Design", "IT"}, direct: 0.02},
	{label: "Workday", name: "workday", mode: SignOnSAML2, depts: []string{"Human Resources", "Finance"}, direct: 0.02},
	{label: "ServiceNow", name: "servicenow_app2", mode: SignOnSAML2, depts: []string{"IT", "Customer Support"}},
	{label: "Box", name: "boxnet", mode: SignOnSAML2, provisioning: true, depts: []string{"Legal", "Finance"}, direct: 0.03},
	{label: "DocuSign", name: "docusign", mode: SignOnSAML2, depts: []string{"Sales", "Legal"}},
	{label: "Zendesk", name: "zendesk", mode: SignOnSAML2, provisioning: true, depts: []string{"Customer Support", "Customer Success"}},
	{label: "Tableau Cloud", name: "tableau_online", mode: SignOnSAML2, depts: []string{"Data Science", "Finance"}, direct: 0.02},
	{label: "Figma", name: "figma", mode: SignOnSAML2, depts: []string{"Design", "Product"}, direct: 0.01},
	{label: "Dropbox Business", name: "dropbox_for_business", mode: SignOnSAML2, inactive: true},
	{label: "Internal Portal", name: "oidc_client", mode: SignOnOIDC, depts: []string{"Operations"}, direct: 0.02},
	{label: "Expense Tracker", name: "oidc_client", mode: SignOnOIDC, depts: []string{"Finance", "Sales"}, direct: 0.05},
	{label: "Grafana", name: "oidc_client", mode: SignOnOIDC, depts: []string{"Security"}, direct: 0.03},
	{label: "Data Platform", name: "oidc_client", mode: SignOnOIDC, depts: []string{"Data Science"}, direct: 0.01},
	{label: "Mobile Field App", name: "oidc_client", mode: SignOnOIDC, direct: 0.02},
	{label: "Legacy Reporting", name: "oidc_client", mode: SignOnOIDC, inactive: true},
	{label: "Benefits Portal", name: "bookmark", mode: SignOnBookmark, depts: []string{"Human Resources"}, direct: 0.1},
	{label: "IT Help Center", name: "bookmark", mode: SignOnBookmark, depts: []string{"IT"}, direct: 0.1},
	{label: "Travel Booking", name: "bookmark", mode: SignOnBookmark, depts: []string{"Sales"}, direct: 0.03},
	{label: "Learning Hub", name: "bookmark", mode: SignOnBookmark, direct: 0.05},
	{label: "Legacy Payroll", name: "legacypayroll", mode: SignOnAutoLogin, depts: []string{"Finance"}},
	{label: "Vendor Portal", name: "vendorportal", mode: SignOnAutoLogin, depts: []string{"Operations", "Legal"}, direct: 0.01},
	{label: "Office Wi-Fi Admin", name: "wifiadmin", mode: SignOnAutoLogin, depts: []string{"IT"}},
	{label: "corp.example.com", name: "active_directory", mode: SignOnAutoLogin},
	{label: "Jenkins", name: "template_basic_auth", mode: SignOnBasicAuth, depts: []string{"Engineering"}},
	{label: "Build Dashboard", name: "template_basic_auth", mode: SignOnBasicAuth, direct: 0.01, inactive: true},
	{label: "Old Wiki", name: "template_basic_auth", mode: SignOnBasicAuth, direct: 0.01, inactive: true},
}

// genApps installs the app catalog.
func (g *generator) genApps() {
	r := g.rng(streamApps)
	orgStart := g.now.Add(-orgAge)
	for _, spec := range appCatalog {
		var app *App
		if spec.name == "active_directory" {
			g.adAppID(r)
			app = g.adApp
		} else {
			app = &App{ID: NewID(r, PrefixApp)}
		}
		created := between(r, orgStart, g.now.Add(-90*day))
		app.Name, app.Label, app.SignOnMode = spec.name, spec.label, spec.mode
		app.Status = AppActive
		if spec.inactive {
			app.Status = AppInactive
		}
		app.Created, app.LastUpdated = NewTime(created), NewTime(between(r, created, g.now))
		app.Features = []string{}
		if spec.provisioning {
			app.Features = []string{"IMPORT_NEW_USERS", "PUSH_NEW_USERS", "PUSH_PROFILE_UPDATES", "PUSH_USER_DEACTIVATION"}
		}
		linkName := "login"
		if spec.mode != SignOnBookmark && spec.mode != SignOnBasicAuth {
			linkName = strings.ReplaceAll(strings.ToLower(spec.label), " ", "_") + "_link"
		}
		app.Visibility = AppVisibility{AppLinks: map[string]bool{linkName: true}}
		app.Credentials, app.Settings = appConfig(r, spec, app.ID)
		app.Links = NewAppLinks(g.base, app.ID, app.Name, linkName, app.Status)
		g.apps = append(g.apps, app)
	}
}

// appConfig returns the credentials and settings of an app by sign-on mode.
func appConfig(r *rand.Rand, spec appSpec, id string) (creds, settings map[string]any) {
	slug := strings.ReplaceAll(strings.ToLower(spec.label), " ", "")
	settings = map[string]any{
		"notifications":      map[string]any{"vpn": map[string]any{"network": map[string]any{"connection": "DISABLED"}}},
		"implicitAssignment": false,
		"notes":              map[string]any{},
		"emOptInStatus":      "DISABLED",
	}
	userNameTemplate := map[string]any{"template": "${source.login}", "type": "BUILT_IN"}
	creds = map[string]any{"userNameTemplate": userNameTemplate, "signing": map[string]any{}}
	switch spec.mode {
	case SignOnBookmark:
		settings["app"] = map[string]any{"requestIntegration": false, "url": "https://" + slug + ".example.com/"}
	case SignOnBasicAuth:
		settings["app"] = map[string]any{"url": "https://" + slug + ".example.com/login", "authURL": "https://" + slug + ".example.com/auth"}
		creds["scheme"] = "EDIT_USERNAME_AND_PASSWORD"
	case SignOnAutoLogin:
		settings["signOn"] = map[string]any{"loginUrl": "https://" + slug + ".example.com/login", "redirectUrl": "https://" + slug + ".example.com/"}
		creds["scheme"] = "EDIT_USERNAME_AND_PASSWORD"
		creds["revealPassword"] = false
	case SignOnSAML2:
		creds["signing"] = map[string]any{"kid": randString(r, 43)}
		userNameTemplate["template"] = "${source.email}"
		settings["signOn"] = map[string]any{
			"defaultRelayState":         "",
			"ssoAcsUrl":                 "https://" + slug + ".example.com/saml/acs",
			"idpIssuer":                 "http://www.okta.com/${org.externalKey}",
			"audience":                  "https://" + slug + ".example.com/saml/metadata",
			"recipient":                 "https://" + slug + ".example.com/saml/acs",
			"destination":               "https://" + slug + ".example.com/saml/acs",
			"subjectNameIdTemplate":     "${user.userName}",
			"subjectNameIdFormat":       "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
			"responseSigned":            true,
			"assertionSigned":           true,
			"signatureAlgorithm":        "RSA_SHA256",
			"digestAlgorithm":           "SHA256",
			"honorForceAuthn":           true,
			"authnContextClassRef":      "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
			"requestCompressed":         false,
			"allowMultipleAcsEndpoints": false,
			"acsEndpoints":              []any{},
			"attributeStatements":       []any{},
			"slo":                       map[string]any{"enabled": chance(r, 0.3)},
		}
	case SignOnOIDC:
		creds["signing"] = map[string]any{"kid": randString(r, 43)}
		creds["oauthClient"] = map[string]any{
			"autoKeyRotation":            true,
			"client_id":                  id,
			"token_endpoint_auth_method": "client_secret_basic",
		}
		settings["oauthClient"] = map[string]any{
			"client_uri":                           "https://" + slug + ".example.com",
			"redirect_uris":                        []any{"https://" + slug + ".example.com/callback"},
			"post_logout_redirect_uris":            []any{"https://" + slug + ".example.com/"},
			"response_types":                       []any{"code"},
			"grant_types":                          []any{"authorization_code", "refresh_token"},
			"application_type":                     "web",
			"consent_method":                       "REQUIRED",
			"issuer_mode":                          "DYNAMIC",
			"initiate_login_uri":                   "https://" + slug + ".example.com/login",
			"wildcard_redirect":                    "DISABLED",
			"idp_initiated_login":                  map[string]any{"mode": "DISABLED"},
			"dpop_bound_access_tokens":             false,
			"frontchannel_logout_uri":              "https://" + slug + ".example.com/logout",
			"frontchannel_logout_session_required": false,
		}
	}
	return creds, settings
}

// genAssignments assigns groups and users to apps: Everyone to the
// everyone-apps, department groups to their departments' apps, a few extra
// groups to random apps, and some users directly. Each app's users are the
// union, a direct assignment winning over a group one.
func (g *generator) genAssignments() {
	r := g.rng(streamAssignments)
	groupsOf := make([][]int, len(g.apps)) // group indexes assigned per app
	for a, spec := range appCatalog {
		if spec.everyone {
			groupsOf[a] = append(groupsOf[a], 0)
		}
		for _, name := range spec.depts {
			for d := range departments {
				if departments[d].name == name {
					groupsOf[a] = append(groupsOf[a], g.deptGroup[d])
				}
			}
		}
	}
	firstExtra := 1 + len(departments)
	for gi := firstExtra; gi < len(g.groups); gi++ {
		if len(g.groupMembers[gi]) <= 500 && chance(r, 0.25) {
			a := r.IntN(len(g.apps))
			groupsOf[a] = append(groupsOf[a], gi)
		}
	}
	g.appUsers = make([][]*AppUser, len(g.apps))
	for a, app := range g.apps {
		spec := appCatalog[a]
		status := StatusActive
		if spec.provisioning {
			status = StatusProvisioned
		}
		var direct []int32
		if spec.direct > 0 {
			direct = g.sample(r, int(spec.direct*float64(len(g.users))))
		}
		s := g.nextStamp()
		add := func(ui int32, scope, groupID string, assigned time.Time) {
			if g.stamp[ui] == s {
				return
			}
			u := g.users[ui]
			if u.Status == StatusDeprovisioned {
				return
			}
			g.stamp[ui] = s
			g.appUsers[a] = append(g.appUsers[a], g.newAppUser(r, app, u, scope, groupID, status, assigned))
		}
		appCreated := app.Created.Time()
		for _, ui := range direct {
			add(ui, ScopeUser, "", appCreated)
		}
		for prio, gi := range groupsOf[a] {
			grp := g.groups[gi]
			assigned := later(appCreated, grp.Created.Time())
			g.org.AppGroups[app.ID] = append(g.org.AppGroups[app.ID], &AppGroup{
				ID: grp.ID, Priority: prio, LastUpdated: NewTime(between(r, assigned, g.now)),
				Profile: map[string]any{}, AppID: app.ID, BaseURL: g.base,
			})
			for _, ui := range g.groupMembers[gi] {
				add(ui, ScopeGroup, grp.ID, assigned)
			}
		}
	}
}

// newAppUser creates u's assignment to app, made no earlier than assigned.
func (g *generator) newAppUser(r *rand.Rand, app *App, u *User, scope, groupID, status string, assigned time.Time) *AppUser {
	created := between(r, later(assigned, u.Created.Time()), g.now)
	updated := between(r, created, g.now)
	au := &AppUser{
		ID: u.ID, Created: NewTime(created), LastUpdated: NewTime(updated),
		Scope: scope, Status: status, StatusChanged: NewTime(updated),
		Credentials: AppUserCredentials{UserName: u.Profile.Login},
		Profile:     AppUserProfile{Email: u.Profile.Email, FirstName: u.Profile.FirstName, LastName: u.Profile.LastName},
		AppID:       app.ID, GroupID: groupID, BaseURL: g.base,
	}
	if status == StatusProvisioned {
		au.SyncState, au.LastSync = "SYNCHRONIZED", NewTime(updated)
	}
	return au
}
