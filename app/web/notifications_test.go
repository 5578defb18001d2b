package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// inboxOf is GET /api/v1/notifications of a user.
func inboxOf(t *testing.T, c *client) app.Inbox {
	t.Helper()
	res := c.do("GET", "/api/v1/notifications", nil)
	if res.Status != 200 {
		t.Fatalf("inbox: %d %s", res.Status, res.Body)
	}
	var in app.Inbox
	res.JSON(t, &in)
	return in
}

// withTitle keeps the notifications whose title holds part.
func withTitle(in app.Inbox, part string) []app.Notification {
	var out []app.Notification
	for _, n := range in.Items {
		if strings.Contains(n.Title, part) {
			out = append(out, n)
		}
	}
	return out
}

// onDay puts the clock at 09:00 of day + days and logs everyone in again.
func onDay(e *env, day app.Date, days int) {
	e.Clock.Set(time.Date(day.Year, day.Month, day.Day, 9, 0, 0, 0, app.Shanghai).AddDate(0, 0, days))
	e.users = map[string]*client{}
}

func TestCrossingTheFifteenDayThresholdRemindsTheJudgeOnce(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		ctx := context.Background()
		k := matrixCase(e, false)
		court := e.Courts.Users["judge1"].CourtCode
		sweep := func(days int) app.Inbox {
			onDay(e, k.DeadlineOn, days)
			if ran, err := s.SweepNotifications(ctx, court); err != nil || !ran {
				t.Fatalf("sweep: %v %v", ran, err)
			}
			// A second instance's sweep on the same day does nothing.
			if ran, err := s.SweepNotifications(ctx, court); err != nil || ran {
				t.Fatalf("second sweep: %v %v", ran, err)
			}
			return inboxOf(t, e.as("judge1"))
		}
		if in := sweep(-16); len(withTitle(in, k.CaseNo)) != 1 || !strings.Contains(withTitle(in, k.CaseNo)[0].Title, "剩 16 天") {
			t.Errorf("16 days before: %+v", in.Items)
		}
		in := sweep(-15)
		got := withTitle(in, k.CaseNo)
		if len(got) != 1 || !strings.Contains(got[0].Title, "剩 15 天") || got[0].Link != idPath("/cases/%d", k.ID) {
			t.Fatalf("15 days before: one live reminder of 15 days, got %+v", in.Items)
		}
		first := got[0].ID
		in = sweep(-14)
		if got := withTitle(in, k.CaseNo); len(got) != 1 || got[0].ID != first {
			t.Errorf("the next day: still the one reminder %d, got %+v", first, in.Items)
		}
		var n int64
		s.DB.Model(&app.Notification{}).Where("case_id = ? AND user_id = ?", k.ID, e.Courts.Users["judge1"].ID).Count(&n)
		if n != 2 { // the 30-day one (retired) and the 15-day one
			t.Errorf("the judge's notifications of the case: %d, want 2", n)
		}
		// Others are not reminded of the judge's case.
		if in := inboxOf(t, e.as("judge2")); len(withTitle(in, k.CaseNo)) != 0 {
			t.Errorf("judge2: %+v", in.Items)
		}
	})
}

func TestReturnedLetterRemindsItsAuthorAndOpeningReadsIt(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		id := draftViaAPI(t, e, "judge1", "judicial", 0)
		leader := e.as("leader")
		if in := inboxOf(t, leader); len(in.Items) != 1 || in.Unread != 1 || *in.Items[0].LetterID != id {
			t.Fatalf("leader: a draft awaits approval: %+v", in)
		}
		if res := leader.do("POST", idPath("/api/v1/letters/%d/return", id), map[string]any{"comment": "请补充法律依据"}); res.Status != 200 {
			t.Fatalf("return: %d %s", res.Status, res.Body)
		}
		if in := inboxOf(t, leader); len(in.Items) != 0 || in.Unread != 0 {
			t.Errorf("the leader's reminder is retired once the letter is returned: %+v", in)
		}
		judge := e.as("judge1")
		in := inboxOf(t, judge)
		if len(in.Items) != 1 || in.Unread != 1 || !strings.Contains(in.Items[0].Title, "请补充法律依据") || in.Items[0].Link != idPath("/letters/%d", id) {
			t.Fatalf("author: %+v", in)
		}
		home := judge.do("GET", "/", nil).Body
		if !strings.Contains(home, `id="unread-count">1<`) {
			t.Errorf("the header shows no unread count 1")
		}
		res := judge.do("POST", idPath("/notifications/%d/open", in.Items[0].ID), nil)
		if res.Status != 303 || res.Header.Get("Location") != idPath("/letters/%d", id) {
			t.Errorf("open: %d %s", res.Status, res.Header.Get("Location"))
		}
		if in := inboxOf(t, judge); in.Unread != 0 || in.Items[0].ReadAt == nil {
			t.Errorf("after opening: %+v", in)
		}
		if home := judge.do("GET", "/", nil).Body; strings.Contains(home, `id="unread-count"`) {
			t.Errorf("the header still shows an unread count")
		}
		// Another user cannot read it.
		if res := e.as("judge2").do("POST", idPath("/api/v1/notifications/%d/read", in.Items[0].ID), nil); res.Status != 404 {
			t.Errorf("judge2 reads judge1's: %d", res.Status)
		}
	})
}

func TestEmailThatDoesNotParseIsRefusedNamingTheField(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		judge := e.as("judge1")
		for _, bad := range []string{"judge1", "张三 <judge1@court.example>", "a@b@c"} {
			res := judge.do("PATCH", "/api/v1/me", map[string]any{"email": bad, "digest": true})
			if res.Status != 400 || !strings.Contains(res.Body, `"email"`) {
				t.Errorf("PATCH /me %q: %d %s", bad, res.Status, res.Body)
			}
			id := e.Courts.Users["judge2"].ID
			if res := e.as("admin").do("PATCH", idPath("/api/v1/users/%d", id), map[string]any{"email": bad}); res.Status != 400 || !strings.Contains(res.Body, `"email"`) {
				t.Errorf("PATCH /users/:id %q: %d %s", bad, res.Status, res.Body)
			}
		}
		res := judge.do("PATCH", "/api/v1/me", map[string]any{"email": "judge1@court.example", "digest": true})
		var u app.User
		res.JSON(t, &u)
		if res.Status != 200 || u.Email != "judge1@court.example" || !u.Digest {
			t.Errorf("PATCH /me: %d %s", res.Status, res.Body)
		}
		if page := judge.do("GET", "/me/password", nil).Body; !strings.Contains(page, `value="judge1@court.example"`) {
			t.Errorf("the settings page does not show the address")
		}
		if res := judge.form("/me/contact", map[string]string{"email": "not an address"}); res.Status != 400 || !strings.Contains(res.Body, "电子邮箱地址格式不正确") {
			t.Errorf("the settings form: %d", res.Status)
		}
	})
}
