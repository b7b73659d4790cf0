package seed

import (
	"cmp"
	"slices"
)

// finish moves the generated objects into the Org, sorted by id.
func (g *generator) finish() {
	o := g.org
	byID := func(a, b string) int { return cmp.Compare(a, b) }
	o.Users = slices.Clone(g.users)
	slices.SortFunc(o.Users, func(a, b *User) int { return byID(a.ID, b.ID) })
	for gi, grp := range g.groups {
		ids := make([]string, len(g.groupMembers[gi]))
		for i, ui := range g.groupMembers[gi] {
			ids[i] = g.users[ui].ID
		}
		slices.Sort(ids)
		o.Memberships[grp.ID] = ids
	}
	o.Groups = slices.Clone(g.groups)
	slices.SortFunc(o.Groups, func(a, b *Group) int { return byID(a.ID, b.ID) })
	for a, app := range g.apps {
		aus := g.appUsers[a]
		slices.SortFunc(aus, func(x, y *AppUser) int { return byID(x.ID, y.ID) })
		if len(aus) > 0 {
			o.AppUsers[app.ID] = aus
		}
		slices.SortFunc(o.AppGroups[app.ID], func(x, y *AppGroup) int { return byID(x.ID, y.ID) })
	}
	o.Apps = slices.Clone(g.apps)
	slices.SortFunc(o.Apps, func(a, b *App) int { return byID(a.ID, b.ID) })
}
