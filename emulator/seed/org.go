// Package seed generates a deterministic, realistic Okta org for the
// emulator: users with departments, titles, managers, custom attributes and
// every status; groups with skewed sizes; apps of several sign-on modes with
// user and group assignments; enrolled factors; user types; and System Log
// history consistent with all of it. The same Config gives the same org, byte
// for byte once marshalled.
//
// Every generated type marshals (encoding/json) to the shape of its schema in
// Okta's management OpenAPI spec, and has a Get method that returns an
// attribute path's values for scim.Match without marshalling.
//
// Links: User, Group, App and UserType store their _links, built from
// Config.BaseURL when generated (UserLinks, NewGroupLinks, NewAppLinks build
// them for new objects). AppUser, AppGroup and Factor, which are numerous,
// build theirs when marshalled, from their BaseURL and id fields.
//
// Objects of one org share strings and, in the System Log, actor, client and
// target values: replace a shared value rather than mutate it.
package seed

import (
	"math/rand/v2"
	"time"
)

// Config says what org to generate. Zero fields take their defaults.
type Config struct {
	// Users is the number of users (default 2,000; 200,000 works).
	Users int
	// Seed selects the org; the same Seed and Now give the same org.
	Seed int64
	// Now is the instant the org is generated at: every timestamp is at or
	// before it, and the System Log covers the days up to it. Default:
	// time.Now(), so pass a fixed Now for a reproducible org.
	Now time.Time
	// BaseURL is the org's URL, used in _links (default
	// "https://example.okta.com"); pass the emulator's own URL.
	BaseURL string
	// EventsPerUser is the average number of System Log events per user
	// (default 5; negative for none).
	EventsPerUser float64
	// MaxEvents caps the number of events (default 250,000), which keeps
	// the memory of a 200,000-user org modest.
	MaxEvents int
	// EventDays is how many days of System Log history to generate (default 30).
	EventDays int
}

// Defaults of Config.
const (
	DefaultUsers         = 2000
	DefaultBaseURL       = "https://example.okta.com"
	DefaultEventsPerUser = 5
	DefaultMaxEvents     = 250_000
	DefaultEventDays     = 30
)

// withDefaults fills the zero fields of c.
func (c Config) withDefaults() Config {
	if c.Users <= 0 {
		c.Users = DefaultUsers
	}
	if c.Now.IsZero() {
		c.Now = time.Now()
	}
	c.Now = c.Now.UTC().Truncate(time.Millisecond)
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	if c.EventsPerUser == 0 {
		c.EventsPerUser = DefaultEventsPerUser
	}
	if c.MaxEvents <= 0 {
		c.MaxEvents = DefaultMaxEvents
	}
	if c.EventDays <= 0 {
		c.EventDays = DefaultEventDays
	}
	return c
}

// Org is a generated org. Every slice of objects is sorted by id (the order
// of Okta's cursor pagination), member and assignment lists too; Events are
// sorted by published time.
type Org struct {
	// Config is the configuration the org was generated from, defaults filled.
	Config Config
	// UserTypes are the default type "user" and a "contractor" type.
	UserTypes []*UserType
	Users     []*User
	// Groups holds Everyone (BUILT_IN), one OKTA_GROUP per department, and
	// about Users/20 more groups of Zipf-skewed sizes, some of them APP_GROUPs.
	Groups []*Group
	// Memberships maps a group id to the ids of its members, sorted.
	Memberships map[string][]string
	Apps        []*App
	// AppUsers maps an app id to its user assignments, sorted by user id:
	// direct ones (scope USER) and those granted by an assigned group
	// (scope GROUP, GroupID set). DEPROVISIONED users have none.
	AppUsers map[string][]*AppUser
	// AppGroups maps an app id to its group assignments, sorted by group id.
	AppGroups map[string][]*AppGroup
	// Factors maps a user id to the user's enrolled factors (absent: none).
	Factors map[string][]*Factor
	// Events is the System Log history, oldest first.
	Events []*LogEvent
	// Admins are the ids of the users who act as administrators in the
	// System Log (IT staff).
	Admins []string
}

// GroupsByUser inverts Memberships: user id to the ids of the user's groups,
// sorted.
func (o *Org) GroupsByUser() map[string][]string {
	out := make(map[string][]string, len(o.Users))
	for _, g := range o.Groups {
		for _, uid := range o.Memberships[g.ID] {
			out[uid] = append(out[uid], g.ID)
		}
	}
	return out
}

// AppsByUser inverts AppUsers: user id to the ids of the apps the user is
// assigned to (directly or through a group), sorted; the emulator answers
// the apps filter `user.id eq "..."` from it.
func (o *Org) AppsByUser() map[string][]string {
	out := make(map[string][]string, len(o.Users))
	for _, app := range o.Apps {
		for _, au := range o.AppUsers[app.ID] {
			out[au.ID] = append(out[au.ID], app.ID)
		}
	}
	return out
}

// AppsByGroup inverts AppGroups: group id to the ids of the apps the group
// is assigned to, sorted: the apps of each group as the org is generated.
func (o *Org) AppsByGroup() map[string][]string {
	out := map[string][]string{}
	for _, app := range o.Apps {
		for _, ag := range o.AppGroups[app.ID] {
			out[ag.ID] = append(out[ag.ID], app.ID)
		}
	}
	return out
}

// Generate builds the org cfg describes.
func Generate(cfg Config) *Org {
	g := newGenerator(cfg.withDefaults())
	g.genUserTypes()
	g.genUsers()
	g.genGroups()
	g.genApps()
	g.genAssignments()
	g.genFactors()
	g.genEvents()
	g.finish()
	return g.org
}

// RNG streams: each part of the org draws from its own stream, so that a
// change to one part does not reshuffle the others.
const (
	streamUsers uint64 = iota + 1
	streamGroups
	streamApps
	streamAssignments
	streamFactors
	streamEvents
	streamTypes
)

// generator holds the state of one Generate call.
type generator struct {
	cfg  Config
	org  *Org
	now  time.Time
	base string

	// users in hire order (not yet sorted by id), with side data by index.
	users    []*User
	userDept []uint8 // index into departments
	userOff  []uint8 // index into offices
	// deptUsers lists user indexes per department, in hire order.
	deptUsers [][]int32
	// groups in creation order; groupMembers lists member user indexes.
	groups       []*Group
	groupMembers [][]int32
	deptGroup    []int // group index per department
	adApp        *App  // source of the APP_GROUPs
	apps         []*App
	// appUsers lists, per app index, its assignments.
	appUsers [][]*AppUser
	// stamp marks users already picked for the current group or app.
	stamp    []int32
	stampGen int32
}

// newGenerator prepares a generator for cfg.
func newGenerator(cfg Config) *generator {
	return &generator{
		cfg:  cfg,
		now:  cfg.Now,
		base: cfg.BaseURL,
		org: &Org{
			Config:      cfg,
			Memberships: map[string][]string{},
			AppUsers:    map[string][]*AppUser{},
			AppGroups:   map[string][]*AppGroup{},
			Factors:     map[string][]*Factor{},
		},
	}
}

// rng returns the random stream for one part of the org.
func (g *generator) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(g.cfg.Seed), stream))
}

// nextStamp starts a new round of duplicate detection over users.
func (g *generator) nextStamp() int32 {
	if g.stamp == nil {
		g.stamp = make([]int32, len(g.users))
	}
	g.stampGen++
	return g.stampGen
}

// between returns a uniformly random instant in [from, to] (from when to is
// not after from).
func between(r *rand.Rand, from, to time.Time) time.Time {
	d := to.Sub(from)
	if d <= 0 {
		return from
	}
	return from.Add(time.Duration(r.Int64N(int64(d) + 1))).Truncate(time.Millisecond)
}

// later returns the latest of the given times.
func later(ts ...time.Time) time.Time {
	var m time.Time
	for _, t := range ts {
		if t.After(m) {
			m = t
		}
	}
	return m
}

// pick returns a random element of s.
func pick[T any](r *rand.Rand, s []T) T {
	return s[r.IntN(len(s))]
}

// weighted returns an index drawn with the given relative weights.
func weighted(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool {
	return r.Float64() < p
}

const day = 24 * time.Hour
