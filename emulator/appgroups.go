package emulator

import (
	"github.com/oktasql/oktasql/emulator/seed"
)

// appsOfGroup are the apps a group is assigned to, in id order: those
// whose group assignments (app_groups, the store's, seeded from the org
// and changed by writes) name it. DELETED apps are left out, as the apps
// list leaves them out.
func (o *Org) appsOfGroup(gid string) []*seed.App {
	var out []*seed.App
	for _, a := range o.data.Apps {
		if a.Status == "DELETED" {
			continue
		}
		for _, ag := range o.collectionAt([]string{"api", "v1", "apps", a.ID, "groups"}) {
			if ag["id"] == gid {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// listGroupApps answers listAssignedApplicationsForGroup: the apps whose
// group assignments name the group.
func (rq *request) listGroupApps() {
	g := rq.group()
	if g == nil {
		return
	}
	apps := rq.org.appsOfGroup(g.ID)
	items := make([]item, len(apps))
	for i, a := range apps {
		items[i] = item{a, a.Get}
	}
	rq.page(items)
}

// dropGroupAssignments removes a deleted group from the apps' group
// assignments that are stored.
func (o *Org) dropGroupAssignments(gid string) {
	for _, a := range o.data.Apps {
		key := "/api/v1/apps/" + a.ID + "/groups"
		list, ok := o.store[key]
		if !ok {
			continue
		}
		kept := list[:0:0]
		for _, ag := range list {
			if ag["id"] != gid {
				kept = append(kept, ag)
			}
		}
		o.store[key] = kept
	}
}
