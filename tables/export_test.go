package tables

// SessionStates counts the sessions whose request log or dry-run calls
// some of orgs keep.
func SessionStates(orgs ...*Org) int {
	ids := map[uint32]bool{}
	for _, o := range orgs {
		o.requests.mu.Lock()
		for id := range o.requests.sessions {
			ids[id] = true
		}
		o.requests.mu.Unlock()
		o.dryRuns.mu.Lock()
		for id := range o.dryRuns.calls {
			ids[id] = true
		}
		o.dryRuns.mu.Unlock()
	}
	return len(ids)
}

// SetSizes makes sizes (rows by table name) all o knows of its tables'
// sizes, as if each had just been read whole.
func (o *Org) SetSizes(sizes map[string]int) {
	o.sizes.Clear()
	for name, n := range sizes {
		o.sizes.Store(name, n)
	}
}
