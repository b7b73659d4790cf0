package fetcher

import (
	"container/list"
	"net/url"
	"strings"
	"sync"
	"time"
)

// WithCache keeps successful GET responses for ttl, so a dashboard that
// repeats its queries does not spend the org's rate limits again. A write
// (any other method) drops the cached responses it may have changed. The
// cache holds at most maxCacheBytes of bodies, dropping the oldest first.
// A ttl of 0 turns it off (the default).
func WithCache(ttl time.Duration) Option {
	return func(c *Client) {
		if ttl > 0 {
			c.cache = &cache{ttl: ttl, max: maxCacheBytes, entries: map[string]*list.Element{}, order: list.New()}
		}
	}
}

// maxCacheBytes bounds the bodies the cache holds.
const maxCacheBytes = 64 << 20

// cache maps a GET URL to its response; safe for concurrent use.
type cache struct {
	ttl     time.Duration
	max     int
	mu      sync.Mutex
	size    int
	entries map[string]*list.Element // of *cached
	order   *list.List               // oldest first
}

type cached struct {
	url     string
	path    string
	expires time.Time
	resp    Response
}

// get returns a fresh copy of the cached response for u.
func (c *cache) get(u string, now time.Time) (*Response, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[u]
	if !ok {
		return nil, false
	}
	e := el.Value.(*cached)
	if now.After(e.expires) {
		c.remove(el)
		return nil, false
	}
	r := e.resp
	r.Header = e.resp.Header.Clone()
	r.Cached = true
	return &r, true
}

// put stores a response, evicting the oldest while over budget.
func (c *cache) put(u string, r *Response, now time.Time) {
	if len(r.Body) > c.max/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[u]; ok {
		c.remove(el)
	}
	e := &cached{url: u, path: pathOf(u), expires: now.Add(c.ttl), resp: Response{Status: r.Status, Header: r.Header.Clone(), Body: r.Body}}
	c.entries[u] = c.order.PushBack(e)
	c.size += len(r.Body)
	for c.size > c.max {
		c.remove(c.order.Front())
	}
}

// drop forgets the response for u.
func (c *cache) drop(u string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[u]; ok {
		c.remove(el)
	}
}

func (c *cache) remove(el *list.Element) {
	e := c.order.Remove(el).(*cached)
	delete(c.entries, e.url)
	c.size -= len(e.resp.Body)
}

// invalidate drops what a write to path may have changed: everything
// under the same resource collection (/api/v1/groups for a change to a
// group or its members), everything that names an object the path names
// (a user's groups, when the write adds that user to a group), and the
// System Log, which records the write.
func (c *cache) invalidate(path string) {
	root, ids := resourceOf(path)
	c.mu.Lock()
	defer c.mu.Unlock()
	for el := c.order.Front(); el != nil; {
		next := el.Next()
		p := el.Value.(*cached).path
		if strings.HasPrefix(p, root) || strings.HasPrefix(p, "/api/v1/logs") || namesAny(p, ids) {
			c.remove(el)
		}
		el = next
	}
}

// resourceOf splits a path into its collection (/api/v1/users) and the
// segments after it that name objects.
func resourceOf(path string) (string, map[string]bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	n := min(3, len(segs))
	ids := map[string]bool{}
	for _, s := range segs[n:] {
		// Okta's ids are 20 characters; the path's literal segments
		// (lifecycle, activate, users) are shorter.
		if s, err := url.PathUnescape(s); err == nil && len(s) >= 12 {
			ids[s] = true
		}
	}
	return "/" + strings.Join(segs[:n], "/"), ids
}

func namesAny(path string, ids map[string]bool) bool {
	for _, s := range strings.Split(path, "/") {
		if s, err := url.PathUnescape(s); err == nil && ids[s] {
			return true
		}
	}
	return false
}
