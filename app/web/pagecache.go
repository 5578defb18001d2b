package web

import (
	"sync"
	"time"
)

// pageCache keeps answers of GET /api/v1/cases in memory, each under its
// court's case-list change counter (app/changes.go) as it was read before
// the answer was: when a court's counter has moved — a change to what that
// court's list shows, made on any instance sharing the database — every
// answer kept for that court is dropped, and the other courts' stay. The key
// holds everything else the answer depends on (scope, user, today, the
// query). A list that many users open again and again (the register's first
// pages, a status tab) then costs one small query instead of three.
//
// Entries also expire after pageCacheTTL, which bounds what a change made
// past fuyuan (by hand in the database) can leave unnoticed.
type pageCache struct {
	mu      sync.Mutex
	courts  map[string]*courtPages
	entries int // in all courts
	bytes   int // of the bodies kept
	now     func() time.Time
}

// courtPages are the answers kept for one court under its counter.
type courtPages struct {
	counter int64
	entries map[string]cachedPage
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
	return &pageCache{courts: map[string]*courtPages{}, now: now}
}

// get returns the answer kept for key of court under counter. A counter
// other than the one the court's answers are kept under drops them and
// becomes the court's: a greater one is a change, a smaller one a database
// restored from a backup (or, for a moment, a request that read the counter
// before a change committed). A negative counter (none read) finds nothing.
func (p *pageCache) get(court string, counter int64, key string) ([]byte, bool) {
	if p == nil || counter < 0 { // nil: switched off (Config.NoListCache)
		return nil, false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	cp := p.courts[court]
	if cp == nil || counter != cp.counter {
		p.dropCourt(court)
		p.courts[court] = &courtPages{counter: counter, entries: map[string]cachedPage{}}
		return nil, false
	}
	e, ok := cp.entries[key]
	if !ok || p.now().Sub(e.at) > pageCacheTTL {
		return nil, false
	}
	return e.body, true
}

// put keeps body for key of court under counter, unless the court's answers
// have moved to another counter since counter was read.
func (p *pageCache) put(court string, counter int64, key string, body []byte) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	cp := p.courts[court]
	if cp == nil || counter != cp.counter || counter < 0 {
		return
	}
	if p.entries >= pageCacheEntries || p.bytes+len(body) > pageCacheBytes {
		p.dropAll()
		cp = &courtPages{counter: counter, entries: map[string]cachedPage{}}
		p.courts[court] = cp
	}
	if old, ok := cp.entries[key]; ok {
		p.bytes -= len(old.body)
		p.entries--
	}
	cp.entries[key] = cachedPage{body: body, at: p.now()}
	p.bytes += len(body)
	p.entries++
}

// dropCourt forgets the answers kept for court.
func (p *pageCache) dropCourt(court string) {
	cp := p.courts[court]
	if cp == nil {
		return
	}
	for _, e := range cp.entries {
		p.bytes -= len(e.body)
	}
	p.entries -= len(cp.entries)
	delete(p.courts, court)
}

// dropAll forgets every answer of every court.
func (p *pageCache) dropAll() {
	clear(p.courts)
	p.entries, p.bytes = 0, 0
}
