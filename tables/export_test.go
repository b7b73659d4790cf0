package tables

// SessionStates counts the sessions whose request log or dry-run calls
// some org of e keeps.
func (e *Engine) SessionStates() int {
	ids := map[uint32]bool{}
	for _, db := range e.provider.dbs {
		db.org.requests.mu.Lock()
		for id := range db.org.requests.sessions {
			ids[id] = true
		}
		db.org.requests.mu.Unlock()
		db.org.dryRuns.mu.Lock()
		for id := range db.org.dryRuns.calls {
			ids[id] = true
		}
		db.org.dryRuns.mu.Unlock()
	}
	return len(ids)
}
