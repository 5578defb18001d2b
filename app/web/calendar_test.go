package web

import (
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

func TestDoubleBookedJudgeIsConfirmedMarkedOnTheCalendarAndInTheFeed(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		k1, k2 := matrixCase(e, false), matrixCase(e, false)
		judge := e.as("judge1")
		first := judge.do("POST", idPath("/api/v1/cases/%d/hearings", k1.ID),
			map[string]any{"starts_at": "2025-07-15T09:00", "ends_at": "2025-07-15T11:00", "room": "第一法庭"})
		if first.Status != 201 {
			t.Fatalf("first: %d %s", first.Status, first.Body)
		}
		h1 := first.id(t)
		second := map[string]any{"starts_at": "2025-07-15T10:00", "ends_at": "2025-07-15T11:30", "room": "第二法庭"}
		res := judge.do("POST", idPath("/api/v1/cases/%d/hearings", k2.ID), second)
		if res.Status != 409 || !strings.Contains(res.Body, k1.CaseNo) || !strings.Contains(res.Body, `"id":`+idPath("%d", h1)) {
			t.Fatalf("clash: %d %s", res.Status, res.Body)
		}
		second["confirm"] = true
		res = judge.do("POST", idPath("/api/v1/cases/%d/hearings", k2.ID), second)
		if res.Status != 201 {
			t.Fatalf("confirmed: %d %s", res.Status, res.Body)
		}
		h2 := res.id(t)
		// Outside 07:00–22:00 needs a confirmation; an end before the start names ends_at.
		for _, bad := range []struct{ from, to, field string }{{"06:30", "08:00", "starts_at"}, {"21:00", "22:30", "ends_at"}, {"15:00", "14:00", "ends_at"}} {
			res := judge.do("POST", idPath("/api/v1/cases/%d/hearings", k2.ID),
				map[string]any{"starts_at": "2025-07-16T" + bad.from, "ends_at": "2025-07-16T" + bad.to, "room": "第三法庭"})
			if res.Status != 400 || !strings.Contains(res.Body, `"`+bad.field+`"`) {
				t.Errorf("%s–%s: %d %s", bad.from, bad.to, res.Status, res.Body)
			}
		}
		if res := judge.do("POST", idPath("/api/v1/cases/%d/hearings", k2.ID),
			map[string]any{"starts_at": "2025-07-16T06:30", "ends_at": "2025-07-16T08:00", "room": "第三法庭", "confirm": true}); res.Status != 201 {
			t.Errorf("early hearing confirmed: %d %s", res.Status, res.Body)
		}
		judgeID := e.Courts.Users["judge1"].ID
		var cal struct{ Items []app.CalendarEntry }
		res = judge.do("GET", idPath("/api/v1/calendar?judge_id=%d&from=2025-07-14&to=2025-07-20", judgeID), nil)
		res.JSON(t, &cal)
		marked := map[int64]bool{}
		for _, it := range cal.Items {
			if it.Kind == app.CalendarHearing {
				marked[it.ID] = it.Conflict
			}
		}
		if res.Status != 200 || len(marked) != 3 || !marked[h1] || !marked[h2] {
			t.Errorf("calendar: %d %+v", res.Status, cal.Items)
		}
		page := judge.do("GET", idPath("/calendar?view=week&date=2025-07-15&judge_id=%d", judgeID), nil)
		if page.Status != 200 || strings.Count(page.Body, "cal-conflict") != 2 {
			t.Errorf("week page: %d, %d conflict marks", page.Status, strings.Count(page.Body, "cal-conflict"))
		}
		if month := judge.do("GET", "/calendar?view=month&date=2025-07-01", nil); month.Status != 200 || !strings.Contains(month.Body, k1.CaseNo) {
			t.Errorf("the court's month page: %d", month.Status)
		}
		feed := judge.do("GET", idPath("/api/v1/calendar/judges/%d.ics", judgeID), nil)
		if feed.Status != 200 || !strings.HasPrefix(feed.Header.Get("Content-Type"), "text/calendar") {
			t.Fatalf("feed: %d %s", feed.Status, feed.Header.Get("Content-Type"))
		}
		parsed, err := ics.ParseCalendar(strings.NewReader(feed.Body))
		if err != nil {
			t.Fatalf("the feed does not parse: %v\n%s", err, feed.Body)
		}
		starts := map[string]string{}
		for _, ev := range parsed.Events() {
			at, err := ev.GetStartAt()
			if err != nil {
				t.Fatal(err)
			}
			starts[ev.Id()] = at.In(app.Shanghai).Format("2006-01-02T15:04")
		}
		if starts[idPath("hearing-%d@fuyuan", h1)] != "2025-07-15T09:00" || starts[idPath("hearing-%d@fuyuan", h2)] != "2025-07-15T10:00" {
			t.Errorf("feed events: %v", starts)
		}
		if res := e.as("judge3").do("GET", idPath("/api/v1/calendar/judges/%d.ics", judgeID), nil); res.Status != 404 {
			t.Errorf("another court's judge: %d", res.Status)
		}
	})
}

// A judge subscribes from the court's mail client, which has no session: the
// secret link serves the judge's own feed; a new link retires the old one.
func TestCalendarSubscriptionLinkServesTheJudgesFeedWithoutASession(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		k := matrixCase(e, false)
		judge := e.as("judge1")
		res := judge.do("POST", idPath("/api/v1/cases/%d/hearings", k.ID),
			map[string]any{"starts_at": "2025-07-15T09:00", "ends_at": "2025-07-15T11:00", "room": "第一法庭"})
		if res.Status != 201 {
			t.Fatalf("hearing: %d %s", res.Status, res.Body)
		}
		h := res.id(t)
		var feed struct{ URL string }
		res = judge.do("POST", "/api/v1/me/calendar-feed", nil)
		res.JSON(t, &feed)
		_, path, found := strings.Cut(feed.URL, "://")
		_, path, _ = strings.Cut(path, "/")
		path = "/" + path
		if res.Status != 201 || !found || !strings.HasPrefix(path, "/api/v1/calendar/feeds/") || !strings.HasSuffix(path, ".ics") {
			t.Fatalf("new feed: %d %s", res.Status, res.Body)
		}
		mailClient := e.anon()
		got := mailClient.do("GET", path, nil)
		if got.Status != 200 || !strings.HasPrefix(got.Header.Get("Content-Type"), "text/calendar") {
			t.Fatalf("feed without a session: %d %s", got.Status, got.Body)
		}
		parsed, err := ics.ParseCalendar(strings.NewReader(got.Body))
		if err != nil {
			t.Fatalf("the feed does not parse: %v", err)
		}
		ids := map[string]bool{}
		for _, ev := range parsed.Events() {
			ids[ev.Id()] = true
		}
		if !ids[idPath("hearing-%d@fuyuan", h)] {
			t.Errorf("the judge's hearing is not in the feed: %v", ids)
		}
		// The page makes a new link and shows it once; the old one is gone.
		page := judge.form("/calendar/feed", map[string]string{})
		if page.Status != 200 || !strings.Contains(page.Body, "/api/v1/calendar/feeds/") || strings.Contains(page.Body, path) {
			t.Fatalf("page: %d", page.Status)
		}
		for _, p := range []string{path, "/api/v1/calendar/feeds/not-a-token.ics", "/api/v1/calendar/feeds/.ics"} {
			if res := mailClient.do("GET", p, nil); res.Status != 404 {
				t.Errorf("%s: %d", p, res.Status)
			}
		}
		if again := judge.do("GET", "/calendar", nil); !strings.Contains(again.Body, "重新生成订阅链接") || strings.Contains(again.Body, "calendar-feed-url") {
			t.Errorf("the link is shown once, then only its existence")
		}
	})
}
