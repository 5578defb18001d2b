package web

import (
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// another starts a second server on e's database, as a second instance
// behind the same proxy: its own memory, the same database.
func (e *env) another() *env {
	e.t.Helper()
	srv, err := NewServer(e.Store, e.Authz, apptest.Quiet(), Config{RequestTimeout: time.Minute})
	if err != nil {
		e.t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	e.t.Cleanup(hs.Close)
	o := *e
	o.Server, o.HTTP, o.users = srv, hs, map[string]*client{}
	return &o
}

type listAnswer struct {
	Total int64 `json:"total"`
	Items []struct {
		ID       int64  `json:"id"`
		Status   string `json:"status"`
		DaysLeft *int   `json:"days_left"`
	} `json:"items"`
}

// The case list's answers are kept in memory (pagecache.go) but never
// served after a change made on any instance, nor to a user who may see
// other cases, nor on another day.
func TestTheCaseListIsNeverServedStale(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		clock.Set(time.Date(2025, 6, 10, 23, 0, 0, 0, app.Shanghai)) // an hour before midnight
		a := newEnv(t, s, clock)
		b := a.another()
		list := func(e *env, user, query string) (listAnswer, string) {
			t.Helper()
			res := e.as(user).do("GET", "/api/v1/cases?"+query, nil)
			if res.Status != 200 || res.Header.Get("Content-Type") != jsonContentType {
				t.Fatalf("%s %s: %d %s %s", user, query, res.Status, res.Header.Get("Content-Type"), res.Body)
			}
			var l listAnswer
			res.JSON(t, &l)
			return l, res.Body
		}
		first := b.as("judge1").do("POST", "/api/v1/cases", caseBody(b, nil)).id(t)

		before, body := list(a, "leader", "status=filed")
		a.Server.listCache.mu.Lock()
		kept := a.Server.listCache.entries
		a.Server.listCache.mu.Unlock()
		if kept != 1 {
			t.Fatalf("%d answers kept after one list", kept)
		}
		if again, body2 := list(a, "leader", "status=filed"); again.Total != before.Total || body2 != body {
			t.Fatalf("the same list twice: %s, then %s", body, body2)
		}
		// A case filed on the other instance is in the next answer.
		id := b.as("judge1").do("POST", "/api/v1/cases", caseBody(b, nil)).id(t)
		after, _ := list(a, "leader", "status=filed")
		if after.Total != before.Total+1 || len(after.Items) == 0 || after.Items[0].ID != id {
			t.Fatalf("after filing %d on the other instance: %+v (before: total %d)", id, after, before.Total)
		}
		// Closed on this instance: gone from the filed, in the closed.
		if res := a.as("judge1").do("POST", "/api/v1/cases/"+strconv.FormatInt(id, 10)+"/close",
			map[string]any{"closed_on": "2025-06-10", "method": "withdrawal"}); res.Status != 200 {
			t.Fatalf("close: %d %s", res.Status, res.Body)
		}
		if now, _ := list(a, "leader", "status=filed"); now.Total != before.Total {
			t.Fatalf("after closing %d: total %d, want %d", id, now.Total, before.Total)
		}
		if closed, _ := list(b, "leader", "status=closed"); closed.Total != 1 || closed.Items[0].ID != id {
			t.Fatalf("closed cases: %+v", closed)
		}

		// The same query answers what each user may see, whatever the cache
		// holds: the whole court, the linkage cases, the assigned ones.
		all, _ := list(a, "leader", "page=1")
		linkage, _ := list(a, "liaison1", "page=1")
		assigned, _ := list(a, "mediator1", "page=1")
		if all.Total != 2 || linkage.Total != 0 || assigned.Total != 0 {
			t.Fatalf("the court's cases %d, the liaison's %d, the mediator's %d", all.Total, linkage.Total, assigned.Total)
		}

		// The next day the days left are one fewer.
		days := func(l listAnswer) int {
			for _, c := range l.Items {
				if c.ID == first && c.DaysLeft != nil {
					return *c.DaysLeft
				}
			}
			t.Fatalf("case %d without days left in %+v", first, l)
			return 0
		}
		today, _ := list(a, "leader", "status=filed")
		clock.Advance(75 * time.Minute) // within the session's idle limit
		tomorrow, _ := list(a, "leader", "status=filed")
		if days(tomorrow) != days(today)-1 {
			t.Fatalf("days left %d, the next day %d", days(today), days(tomorrow))
		}
	})
}

// A change in one court retires that court's kept case lists only: the
// other court's answers stay kept and are served again.
func TestAChangeInOneCourtLeavesTheOtherCourtsCaseListsKept(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		e := newEnv(t, s, clock)
		if res := e.as("judge1").do("POST", "/api/v1/cases", caseBody(e, nil)); res.Status != 201 {
			t.Fatalf("file in 粤1803: %d %s", res.Status, res.Body)
		}
		first := e.as("leader").do("GET", "/api/v1/cases", nil)
		kept := func(court string) int {
			e.Server.listCache.mu.Lock()
			defer e.Server.listCache.mu.Unlock()
			if cp := e.Server.listCache.courts[court]; cp != nil {
				return len(cp.entries)
			}
			return 0
		}
		if kept("粤1803") != 1 {
			t.Fatalf("%d answers kept for 粤1803 after one list", kept("粤1803"))
		}
		filed := e.as("judge3").do("POST", "/api/v1/cases", map[string]any{
			"case_type": "行初", "cause": "行政处罚", "domain": "生态", "filed_on": "2025-06-01",
			"plaintiff": map[string]any{"name": "英德市某公司", "kind": "企业"}, "organ_id": e.Courts.Organ2.ID,
		})
		if filed.Status != 201 {
			t.Fatalf("file in 粤1881: %d %s", filed.Status, filed.Body)
		}
		if again := e.as("leader").do("GET", "/api/v1/cases", nil); again.Body != first.Body || kept("粤1803") != 1 {
			t.Fatalf("粤1803's list after a filing in 粤1881: %d kept, %s (was %s)", kept("粤1803"), again.Body, first.Body)
		}
		if res := e.as("judge1").do("POST", "/api/v1/cases", caseBody(e, nil)); res.Status != 201 {
			t.Fatalf("file in 粤1803: %d %s", res.Status, res.Body)
		}
		var l listAnswer
		e.as("leader").do("GET", "/api/v1/cases", nil).JSON(t, &l)
		if l.Total != 2 {
			t.Fatalf("粤1803's list after its own second filing: total %d, want 2", l.Total)
		}
	})
}

// The cache by itself: a court's new counter drops what was kept for that
// court and only that court, an answer read under an older counter is not
// kept, entries expire, the cache stays within its bounds.
func TestPageCacheKeepsAnswersOnlyUnderTheirCourtsCurrentCounter(t *testing.T) {
	now := time.Date(2025, 6, 10, 9, 0, 0, 0, time.UTC)
	p := newPageCache(func() time.Time { return now })
	const a, b = "粤1803", "粤1881"
	if _, ok := p.get(a, 7, "k"); ok {
		t.Fatal("an empty cache answered")
	}
	p.put(a, 7, "k", []byte("seven"))
	p.get(b, 3, "k")
	p.put(b, 3, "k", []byte("three"))
	if body, ok := p.get(a, 7, "k"); !ok || string(body) != "seven" {
		t.Fatalf("kept: %q %v", body, ok)
	}
	if _, ok := p.get(a, 8, "k"); ok {
		t.Fatal("an answer of counter 7 served under 8")
	}
	if body, ok := p.get(b, 3, "k"); !ok || string(body) != "three" {
		t.Fatalf("a change in %s dropped %s's answer: %q %v", a, b, body, ok)
	}
	p.put(a, 7, "k", []byte("late")) // read before the change to 8 committed
	if _, ok := p.get(a, 8, "k"); ok {
		t.Fatal("an answer read under 7 kept under 8")
	}
	p.put(a, 8, "k", []byte("eight"))
	if _, ok := p.get(a, 5, "k"); ok {
		t.Fatal("served after the counter went back (a restored backup)")
	}
	p.put(a, 5, "k", []byte("five"))
	if _, ok := p.get(a, -1, "k"); ok {
		t.Fatal("served without a counter")
	}
	p.get(a, 5, "k")
	now = now.Add(pageCacheTTL + time.Second)
	if _, ok := p.get(a, 5, "k"); ok {
		t.Fatal("served after it expired")
	}
	for i := range pageCacheEntries + 10 {
		p.put(a, 5, strconv.Itoa(i), []byte("x"))
	}
	if p.entries > pageCacheEntries {
		t.Fatalf("%d entries kept", p.entries)
	}
	big := make([]byte, pageCacheBytes/3+1)
	for i := range 5 {
		p.put(a, 5, "big"+strconv.Itoa(i), big)
	}
	if p.bytes > pageCacheBytes || p.entries > 2 {
		t.Fatalf("%d bytes in %d entries kept", p.bytes, p.entries)
	}
	n, size := 0, 0
	for _, cp := range p.courts {
		n += len(cp.entries)
		for _, e := range cp.entries {
			size += len(e.body)
		}
	}
	if n != p.entries || size != p.bytes {
		t.Fatalf("the cache counts %d entries of %d bytes, holds %d of %d", p.entries, p.bytes, n, size)
	}
}
