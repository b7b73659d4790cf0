package server

import (
	"sync"
	"time"
)

// Failed logins from one host slow its next ones down, as MySQL's
// connection_control plugin does: the first loginFreeFailures answers are
// at once, then each further failure is answered loginFailureStep later
// than the one before, up to loginMaxDelay. A success clears the count.
const (
	loginFreeFailures = 3
	loginFailureStep  = 250 * time.Millisecond
	loginMaxDelay     = 5 * time.Second
	// loginForget drops the count of a host quiet for this long.
	loginForget = 10 * time.Minute
)

// loginThrottle counts failed logins per host.
type loginThrottle struct {
	mu    sync.Mutex
	hosts map[string]*loginFailures
}

type loginFailures struct {
	n    int
	last time.Time
}

// failed records a failed login from host and returns how long to hold
// its answer.
func (t *loginThrottle) failed(host string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	if t.hosts == nil {
		t.hosts = map[string]*loginFailures{}
	}
	for h, f := range t.hosts {
		if now.Sub(f.last) > loginForget {
			delete(t.hosts, h)
		}
	}
	f := t.hosts[host]
	if f == nil {
		f = &loginFailures{}
		t.hosts[host] = f
	}
	f.n++
	f.last = now
	if f.n <= loginFreeFailures {
		return 0
	}
	return min(time.Duration(f.n-loginFreeFailures)*loginFailureStep, loginMaxDelay)
}

// succeeded clears host's count.
func (t *loginThrottle) succeeded(host string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.hosts, host)
}
