package seed

import (
	"cmp"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// eventKind is one kind of System Log event.
type eventKind struct {
	eventType, display, legacy, uri string
}

// The event kinds the generator writes.
var (
	evSessionStart   = &eventKind{"user.session.start", "User login to Okta", "core.user_auth.login_success", "/idp/idx/identify"}
	evSessionEnd     = &eventKind{"user.session.end", "User logout from Okta", "core.user_auth.logout_success", "/login/signout"}
	evSSO            = &eventKind{"user.authentication.sso", "User single sign on to app", "app.auth.sso", "/app/%s/sso/saml"}
	evMFA            = &eventKind{"user.authentication.auth_via_mfa", "Authentication of user via MFA", "core.user.factor.attempt_success", "/idp/idx/challenge/answer"}
	evPolicy         = &eventKind{"policy.evaluate_sign_on", "Evaluation of sign-on policy", "", "/idp/idx/introspect"}
	evUpdatePassword = &eventKind{"user.account.update_password", "User update password for Okta", "core.user.config.password_update.success", "/idp/idx/challenge/answer"}
	evGroupAdd       = &eventKind{"group.user_membership.add", "Add user to group membership", "core.user_group_member.user_add", "/api/v1/groups/%s/users/%s"}
	evAppAdd         = &eventKind{"application.user_membership.add", "Add user to application membership", "app.generic.provision.assign_user_to_app", "/api/v1/apps/%s/users"}
	evFactorActivate = &eventKind{"user.mfa.factor.activate", "User set up MFA factor", "core.user.factor.activate", "/idp/idx/credential/enroll"}
	evCreate         = &eventKind{"user.lifecycle.create", "Create Okta user", "core.user.config.user_creation.success", "/api/v1/users"}
	evActivate       = &eventKind{"user.lifecycle.activate", "Activate Okta user", "core.user.config.user_activated", "/api/v1/users/%s/lifecycle/activate"}
	evDeactivate     = &eventKind{"user.lifecycle.deactivate", "Deactivate Okta user", "core.user.config.user_deactivated", "/api/v1/users/%s/lifecycle/deactivate"}
	evSuspend        = &eventKind{"user.lifecycle.suspend", "Suspend Okta user", "core.user.config.user_status.suspended", "/api/v1/users/%s/lifecycle/suspend"}
	evLock           = &eventKind{"user.account.lock", "Max sign in attempts exceeded", "core.user.account.locked", "/idp/idx/challenge/answer"}
	evResetPassword  = &eventKind{"user.account.reset_password", "Reset password for Okta user", "core.user.config.password_reset", "/api/v1/users/%s/lifecycle/reset_password"}
)

// activityKinds are the everyday events, weighted.
var activityKinds = []struct {
	kind   *eventKind
	weight int
}{
	{evSessionStart, 34}, {evSSO, 28}, {evPolicy, 12}, {evMFA, 10}, {evSessionEnd, 8},
	{evUpdatePassword, 2}, {evGroupAdd, 2}, {evAppAdd, 2}, {evFactorActivate, 2},
}

// Shared outcomes.
var (
	outcomeSuccess   = &LogOutcome{Result: "SUCCESS"}
	outcomeBadPass   = &LogOutcome{Result: "FAILURE", Reason: "INVALID_CREDENTIALS"}
	outcomeMFAFailed = &LogOutcome{Result: "FAILURE", Reason: "INVALID_CREDENTIALS"}
	outcomeAllow     = &LogOutcome{Result: "ALLOW"}
	outcomeChallenge = &LogOutcome{Result: "CHALLENGE"}
	outcomeDeny      = &LogOutcome{Result: "DENY", Reason: "Sign-on policy evaluation resulted in DENY"}
)

// userAgents are the clients people use.
var userAgents = []struct {
	ua     LogUserAgent
	device string
}{
	{LogUserAgent{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36", "Mac OS X", "CHROME"}, "Computer"},
	{LogUserAgent{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36 Edg/127.0.0.0", "Windows 10", "EDGE_CHROMIUM"}, "Computer"},
	{LogUserAgent{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Mac OS X", "SAFARI"}, "Computer"},
	{LogUserAgent{"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0", "Windows 10", "FIREFOX"}, "Computer"},
	{LogUserAgent{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36", "Linux", "CHROME"}, "Computer"},
	{LogUserAgent{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "iOS", "SAFARI"}, "Mobile"},
	{LogUserAgent{"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Mobile Safari/537.36", "Android", "CHROME"}, "Mobile"},
}

// actorCtx is what every event of one user shares: actor, target, and the
// network the user comes from.
type actorCtx struct {
	actor  *LogActor
	target *LogTarget
	*netCtx
}

// netCtx is a client on the network of an office: a browser at an address,
// with its session. Users of an office share a pool of them, which keeps the
// System Log's memory small.
type netCtx struct {
	client  *LogClient
	request *LogRequest
	sec     *LogSecurityContext
	auth    *LogAuthenticationContext
}

// clientsPerOffice is the size of each office's pool of clients.
const clientsPerOffice = 64

// eventGen holds the shared objects of one genEvents call.
type eventGen struct {
	*generator
	r          *rand.Rand
	ctx        []*actorCtx // by user index, built on first use
	nets       []*netCtx   // by office*clientsPerOffice+slot, built on first use
	geo        []*LogGeographicalContext
	sec        []*LogSecurityContext
	groupT     []*LogTarget // by group index
	appT       []*LogTarget // by app index
	ssoURI     []string     // by app index
	policy     *LogTarget
	rule       *LogTarget
	admins     []int32
	active     []int32 // ACTIVE users
	appUserIdx []appUserRef
	events     []*LogEvent
	byID       map[string]int32 // user index by id
}

// appUserRef points at one assignment of an active app to an active user.
type appUserRef struct {
	app     int32
	user    int32
	created Time // of the assignment
}

// genEvents writes the System Log history: lifecycle events where the users'
// timestamps fall in the window, then everyday activity of active users up
// to the configured volume.
func (g *generator) genEvents() {
	e := &eventGen{
		generator: g, r: g.rng(streamEvents),
		ctx:  make([]*actorCtx, len(g.users)),
		nets: make([]*netCtx, len(offices)*clientsPerOffice),
	}
	e.prepare()
	from := g.now.Add(-time.Duration(g.cfg.EventDays) * day)
	total := 0
	if g.cfg.EventsPerUser > 0 {
		total = min(int(g.cfg.EventsPerUser*float64(len(g.users))), g.cfg.MaxEvents)
	}
	e.events = make([]*LogEvent, 0, total)
	e.lifecycle(from, total)
	for len(e.events) < total && len(e.active) > 0 {
		e.activity(from)
	}
	e.syncLastLogin()
	slices.SortFunc(e.events, func(a, b *LogEvent) int {
		if a.Published != b.Published {
			return cmp.Compare(a.Published, b.Published)
		}
		return cmp.Compare(a.UUID, b.UUID)
	})
	g.org.Events = e.events
}

// prepare builds the shared objects and the pools events draw from.
func (e *eventGen) prepare() {
	for i, o := range offices {
		e.geo = append(e.geo, &LogGeographicalContext{
			City: o.city, State: o.state, Country: o.countryName, PostalCode: o.postal,
			Geolocation: &LogGeolocation{Lat: o.lat, Lon: o.lon},
		})
		e.sec = append(e.sec, &LogSecurityContext{AsNumber: 7018 + 100*i, AsOrg: "example-isp-" + o.country, Isp: "Example ISP " + o.country, Domain: "example-isp.net"})
	}
	for _, grp := range e.groups {
		e.groupT = append(e.groupT, &LogTarget{ID: grp.ID, Type: "UserGroup", AlternateID: "unknown", DisplayName: grp.Profile.Name})
	}
	for _, app := range e.apps {
		e.appT = append(e.appT, &LogTarget{ID: app.ID, Type: "AppInstance", AlternateID: app.Label, DisplayName: app.Label})
		e.ssoURI = append(e.ssoURI, fmt.Sprintf(evSSO.uri, app.Name))
	}
	e.policy = &LogTarget{ID: NewID(e.r, PrefixPolicy), Type: "PolicyEntity", AlternateID: "unknown", DisplayName: "Default Policy"}
	e.rule = &LogTarget{ID: NewID(e.r, PrefixRule), Type: "PolicyRule", AlternateID: "unknown", DisplayName: "Default Rule"}
	for i, u := range e.users {
		if u.Status != StatusActive {
			continue
		}
		e.active = append(e.active, int32(i))
		if departments[e.userDept[i]].name == "IT" && len(e.admins) < 3+len(e.users)/1000 {
			e.admins = append(e.admins, int32(i))
		}
	}
	if len(e.admins) == 0 && len(e.active) > 0 {
		e.admins = append(e.admins, e.active[0])
	}
	for _, a := range e.admins {
		e.org.Admins = append(e.org.Admins, e.users[a].ID)
	}
	e.byID = make(map[string]int32, len(e.users))
	for i, u := range e.users {
		e.byID[u.ID] = int32(i)
	}
	for a, app := range e.apps {
		if app.Status != AppActive {
			continue
		}
		for _, au := range e.appUsers[a] {
			if ui := e.byID[au.ID]; e.users[ui].Status == StatusActive {
				e.appUserIdx = append(e.appUserIdx, appUserRef{int32(a), ui, au.Created})
			}
		}
	}
}

// actorOf returns the shared context of user i, building it on first use.
func (e *eventGen) actorOf(i int32) *actorCtx {
	if c := e.ctx[i]; c != nil {
		return c
	}
	u := e.users[i]
	c := &actorCtx{
		actor:  &LogActor{ID: u.ID, Type: "User", AlternateID: u.Profile.Login, DisplayName: u.Profile.DisplayName},
		target: &LogTarget{ID: u.ID, Type: "User", AlternateID: u.Profile.Login, DisplayName: u.Profile.DisplayName},
		netCtx: e.netOf(int(e.userOff[i])),
	}
	e.ctx[i] = c
	return c
}

// netOf returns a client from office o's pool, building it on first use.
func (e *eventGen) netOf(o int) *netCtx {
	slot := o*clientsPerOffice + e.r.IntN(clientsPerOffice)
	if n := e.nets[slot]; n != nil {
		return n
	}
	ua := &userAgents[e.r.IntN(len(userAgents))]
	ip := fmt.Sprintf("%s%d.%d", offices[o].ipPrefix, e.r.IntN(256), 1+e.r.IntN(254))
	geo := e.geo[o]
	n := &netCtx{
		client:  &LogClient{UserAgent: &ua.ua, Device: ua.device, IPAddress: ip, GeographicalContext: geo},
		request: &LogRequest{IPChain: []*LogIPAddress{{IP: ip, GeographicalContext: geo, Version: "V4"}}},
		sec:     e.sec[o],
		auth:    &LogAuthenticationContext{AuthenticationStep: 0, ExternalSessionID: "idx" + randString(e.r, 22)},
	}
	e.nets[slot] = n
	return n
}

// add appends one event by actor a at time at.
func (e *eventGen) add(at time.Time, k *eventKind, a *actorCtx, out *LogOutcome, uri string, targets ...*LogTarget) {
	tx := randString(e.r, 27)
	sev := "INFO"
	if out.Result == "FAILURE" || out.Result == "DENY" {
		sev = "WARN"
	}
	if targets == nil {
		targets = []*LogTarget{}
	}
	e.events = append(e.events, &LogEvent{
		Actor: a.actor, Client: a.client, AuthenticationContext: a.auth,
		DisplayMessage: k.display, EventType: k.eventType, Outcome: out,
		Published: NewTime(at), SecurityContext: a.sec, Severity: sev,
		DebugContext:    LogDebugContext{DebugData: LogDebugData{RequestID: tx, RequestURI: uri, URL: uri}},
		LegacyEventType: k.legacy,
		Transaction:     LogTransaction{Type: "WEB", ID: tx},
		UUID:            newUUID(e.r), Version: eventVersion,
		Request: a.request, Target: targets,
	})
}

// lifecycle writes the events of user creations, activations and status
// changes that fall in [from, now], up to limit events.
func (e *eventGen) lifecycle(from time.Time, limit int) {
	if len(e.admins) == 0 {
		return
	}
	for i, u := range e.users {
		if len(e.events) >= limit {
			return
		}
		target := func() *LogTarget { return e.actorOf(int32(i)).target }
		admin := func() *actorCtx { return e.actorOf(pick(e.r, e.admins)) }
		uri := func(k *eventKind) string { return fmt.Sprintf(k.uri, u.ID) }
		if t := u.Created.Time(); !t.Before(from) {
			e.add(t, evCreate, admin(), outcomeSuccess, evCreate.uri, target())
		}
		if t := u.Activated.Time(); !u.Activated.IsZero() && !t.Before(from) {
			e.add(t, evActivate, admin(), outcomeSuccess, uri(evActivate), target())
		}
		t := u.StatusChanged.Time()
		if u.StatusChanged.IsZero() || t.Before(from) || u.StatusChanged == u.Activated {
			continue
		}
		switch u.Status {
		case StatusDeprovisioned:
			e.add(t, evDeactivate, admin(), outcomeSuccess, uri(evDeactivate), target())
		case StatusSuspended:
			e.add(t, evSuspend, admin(), outcomeSuccess, uri(evSuspend), target())
		case StatusLockedOut:
			self := e.actorOf(int32(i))
			e.add(t, evLock, self, outcomeBadPass, evLock.uri, self.target)
		case StatusRecovery:
			e.add(t, evResetPassword, admin(), outcomeSuccess, uri(evResetPassword), target())
		}
	}
}

// activityWeights are the weights of activityKinds.
var activityWeights = func() []int {
	w := make([]int, len(activityKinds))
	for i, k := range activityKinds {
		w[i] = k.weight
	}
	return w
}()

// activity writes one everyday event after from, and after the objects it
// involves exist.
func (e *eventGen) activity(from time.Time) {
	k := activityKinds[weighted(e.r, activityWeights)].kind
	if k == evSSO && len(e.appUserIdx) == 0 {
		k = evSessionStart
	}
	// at draws the event's time, no earlier than the given instants.
	at := func(after ...Time) time.Time {
		t := from
		for _, a := range after {
			t = later(t, a.Time())
		}
		return between(e.r, t, e.now)
	}
	switch k {
	case evSSO:
		ref := pick(e.r, e.appUserIdx)
		a := e.actorOf(ref.user)
		e.add(at(ref.created), k, a, outcomeSuccess, e.ssoURI[ref.app], e.appT[ref.app], a.target)
	case evGroupAdd, evAppAdd:
		admin := e.actorOf(pick(e.r, e.admins))
		u := pick(e.r, e.active)
		target := e.actorOf(u).target
		created := e.users[u].Created
		if k == evGroupAdd {
			gi := e.r.IntN(len(e.groups))
			e.add(at(created, e.groups[gi].Created), k, admin, outcomeSuccess, fmt.Sprintf(k.uri, e.groups[gi].ID, target.ID), target, e.groupT[gi])
			return
		}
		ai := e.r.IntN(len(e.apps))
		e.add(at(created, e.apps[ai].Created), k, admin, outcomeSuccess, fmt.Sprintf(k.uri, e.apps[ai].ID), target, e.appT[ai])
	default:
		ui := pick(e.r, e.active)
		a := e.actorOf(ui)
		out := outcomeSuccess
		var targets []*LogTarget
		switch k {
		case evSessionStart:
			if chance(e.r, 0.07) {
				out = outcomeBadPass
			}
		case evMFA:
			if chance(e.r, 0.04) {
				out = outcomeMFAFailed
			}
		case evPolicy:
			switch p := e.r.Float64(); {
			case p < 0.02:
				out = outcomeDeny
			case p < 0.3:
				out = outcomeChallenge
			default:
				out = outcomeAllow
			}
			targets = []*LogTarget{e.policy, e.rule}
		case evUpdatePassword:
			targets = []*LogTarget{a.target}
		}
		e.add(at(e.users[ui].Activated), k, a, out, k.uri, targets...)
	}
}

// syncLastLogin moves each user's lastLogin up to their latest successful
// sign-in in the System Log.
func (e *eventGen) syncLastLogin() {
	for _, ev := range e.events {
		if ev.EventType != evSessionStart.eventType || ev.Outcome != outcomeSuccess {
			continue
		}
		if u := e.users[e.byID[ev.Actor.ID]]; ev.Published > u.LastLogin {
			u.LastLogin = ev.Published
		}
	}
}

// newUUID returns a random (version 4) UUID string.
func newUUID(r *rand.Rand) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], r.Uint64())
	binary.BigEndian.PutUint64(b[8:], r.Uint64())
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	hex.Encode(out[9:13], b[4:6])
	hex.Encode(out[14:18], b[6:8])
	hex.Encode(out[19:23], b[8:10])
	hex.Encode(out[24:], b[10:])
	out[8], out[13], out[18], out[23] = '-', '-', '-', '-'
	return string(out[:])
}
