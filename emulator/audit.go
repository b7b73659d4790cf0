package emulator

import (
	"crypto/rand"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/oktasql/oktasql/emulator/seed"
)

// audit writes the System Log event of a change made through the API, as
// an org does: the API token's admin is the actor.
func (o *Org) audit(eventType, message string, targets ...*seed.LogTarget) {
	actor := &seed.LogActor{ID: "00uapitoken", Type: "User", AlternateID: "api@example.com", DisplayName: "API Token"}
	if len(o.data.Admins) > 0 {
		if u := o.users[o.data.Admins[0]]; u != nil {
			actor = &seed.LogActor{ID: u.ID, Type: "User", AlternateID: u.Profile.Login, DisplayName: u.Profile.FirstName + " " + u.Profile.LastName}
		}
	}
	ev := &seed.LogEvent{
		Actor:          actor,
		DisplayMessage: message,
		EventType:      eventType,
		Outcome:        &seed.LogOutcome{Result: "SUCCESS"},
		Published:      seed.Time(time.Now().UnixMilli()),
		Severity:       "INFO",
		Transaction:    seed.LogTransaction{Type: "WEB", ID: newUUID()},
		UUID:           newUUID(),
		Version:        "0",
		Target:         targets,
	}
	// Keep published order (listLogs searches it): an org seeded with a
	// clock ahead of the real one has events later than this one.
	i := sort.Search(len(o.data.Events), func(i int) bool { return o.data.Events[i].Published > ev.Published })
	o.data.Events = slices.Insert(o.data.Events, i, ev)
}

func userTarget(u *seed.User) *seed.LogTarget {
	return &seed.LogTarget{ID: u.ID, Type: "User", AlternateID: u.Profile.Login, DisplayName: strings.TrimSpace(u.Profile.FirstName + " " + u.Profile.LastName)}
}

func groupTarget(g *seed.Group) *seed.LogTarget {
	return &seed.LogTarget{ID: g.ID, Type: "UserGroup", AlternateID: "unknown", DisplayName: g.Profile.Name}
}

func appTarget(a *seed.App) *seed.LogTarget {
	return &seed.LogTarget{ID: a.ID, Type: "AppInstance", AlternateID: a.Label, DisplayName: a.Label}
}

func newUUID() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
