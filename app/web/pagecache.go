package web

import (
	"sync"
	"time"
)

// pageCache keeps answers of GET /api/v1/cases in memory, each under the
// database's change counter (app/changes.go) as it was read before the
// answer was: when the counter has moved — any change on any instance
// sharing the database — every kept answer is dropped. The key holds
// everything else the answer depends on (court, scope, user, today, the
// query). A list that many users open again and again (the register's
// first pages, a status tab) then costs one small query instead of three.
//
// Entries also expire after pageCacheTTL, which bounds what a change made
// behind the store's back (a hand edit in the database) can leave
// unnoticed.
type pageCache struct {
	mu      sync.Mutex
	counter int64
	entries map[string]cachedPage
	bytes   int // of the bodies kept
	now     func() time.Time
}

type cachedPage struct {
	body []byte
	at   time.Time
}

const (
	pageCacheTTL     = time.Minute
	pageCacheEntries = 512      // pages of twenty cases are about 15 KB
	pageCacheBytes   = 16 << 20 // pages of a hundred, five times that
)

func newPageCache(now func() time.Time) *pageCache {
	return &pageCache{entries: map[string]cachedPage{}, now: now}
}

// get returns the answer kept for key under counter. A counter other than
// the cache's own drops every entry and becomes the cache's: a greater one
// is a change, a smaller one a database restored from a backup (or, for a
// moment, a request that read the counter before a change committed).
func (p *pageCache) get(counter int64, key string) ([]byte, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if counter != p.counter {
		p.drop()
		p.counter = counter
		return nil, false
	}
	e, ok := p.entries[key]
	if !ok || p.now().Sub(e.at) > pageCacheTTL {
		return nil, false
	}
	return e.body, true
}

// put keeps body for key under counter, unless the cache has moved to
// another counter since counter was read.
func (p *pageCache) put(counter int64, key string, body []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if counter != p.counter {
		return
	}
	if len(p.entries) >= pageCacheEntries || p.bytes+len(body) > pageCacheBytes {
		p.drop()
	}
	if old, ok := p.entries[key]; ok {
		p.bytes -= len(old.body)
	}
	p.entries[key] = cachedPage{body: body, at: p.now()}
	p.bytes += len(body)
}

// drop forgets every entry.
func (p *pageCache) drop() {
	clear(p.entries)
	p.bytes = 0
}
