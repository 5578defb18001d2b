package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// liveNotices lists a user's live notifications.
func liveNotices(t *testing.T, s *app.Store, a app.Actor) []app.Notification {
	t.Helper()
	in, err := s.ListNotifications(context.Background(), a, app.Page{Page: 1, Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	return in.Items
}

func TestHearingScheduledOrMovedBySomeoneElseRemindsItsJudgeOnce(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		setCaseToday(clock, "2025-07-01")
		k := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-05-10"))
		judge, leader := ct.Actor("judge1"), ct.Actor("leader")
		h, err := s.ScheduleHearing(ctx, leader, k.ID, slot("2025-07-15", "09:00", "11:00", "第一法庭"))
		if err != nil {
			t.Fatal(err)
		}
		got := liveNotices(t, s, judge)
		if len(got) != 1 || !strings.Contains(got[0].Title, "开庭已排期") || !strings.Contains(got[0].Title, "09:00–11:00 第一法庭") {
			t.Fatalf("scheduled: %+v", got)
		}
		if _, err := s.UpdateHearing(ctx, leader, h.ID, slot("2025-07-16", "14:00", "16:00", "第二法庭")); err != nil {
			t.Fatal(err)
		}
		got = liveNotices(t, s, judge)
		if len(got) != 1 || !strings.Contains(got[0].Title, "开庭已改期") || !strings.Contains(got[0].Title, "2025-07-16") {
			t.Fatalf("moved: the old reminder retired, one for the new slot: %+v", got)
		}
		// The same change again raises nothing; the judge's own booking reminds nobody.
		if _, err := s.UpdateHearing(ctx, leader, h.ID, app.HearingInput{Room: ref("第二法庭")}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ScheduleHearing(ctx, judge, k.ID, slot("2025-07-20", "09:00", "10:00", "第三法庭")); err != nil {
			t.Fatal(err)
		}
		if got := liveNotices(t, s, judge); len(got) != 1 {
			t.Errorf("after no move and the judge's own booking: %+v", got)
		}
	})
}

func TestHearingsOfOneAgentAtOverlappingTimesClash(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		setCaseToday(clock, "2025-07-01")
		in := caseFiling(ct, "行初", "2025-05-10")
		k1 := fileCase(t, s, ct, in)
		in.JudgeID = ct.Users["judge2"].ID
		k2 := fileCase(t, s, ct, in)
		for _, k := range []app.Case{k1, k2} {
			if _, err := s.AddParty(ctx, ct.Actor("leader"), k.ID, app.PartyInput{Role: app.RoleAgent, Side: "plaintiff", Name: "李律师", Kind: "lawyer", Phone: "0763-5551234"}); err != nil {
				t.Fatal(err)
			}
		}
		h1, err := s.ScheduleHearing(ctx, ct.Actor("judge1"), k1.ID, slot("2025-07-15", "09:00", "11:00", "第一法庭"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.ScheduleHearing(ctx, ct.Actor("judge2"), k2.ID, slot("2025-07-15", "10:00", "12:00", "第二法庭"))
		var e *app.Error
		if !errors.As(err, &e) || e.Code != app.ECONFLICT || !strings.Contains(e.Message, "同一代理人 李律师") {
			t.Fatalf("another judge, another room, one agent: %v", err)
		}
		conflicts, _ := e.Details["conflicts"].([]app.BookingConflict)
		if len(conflicts) != 1 || conflicts[0].ID != h1.ID {
			t.Errorf("conflicts: %+v", e.Details)
		}
		confirmed := slot("2025-07-15", "10:00", "12:00", "第二法庭")
		confirmed.Confirm = true
		h2, err := s.ScheduleHearing(ctx, ct.Actor("judge2"), k2.ID, confirmed)
		if err != nil {
			t.Fatal(err)
		}
		leader := ct.Actor("leader")
		cal, err := s.Calendar(ctx, leader, app.CourtVisibility(leader.Court), app.CalendarFilter{From: app.MustDate("2025-07-14"), To: app.MustDate("2025-07-20")})
		if err != nil {
			t.Fatal(err)
		}
		marked := map[int64]bool{}
		for _, c := range cal {
			marked[c.ID] = c.Conflict
		}
		if len(cal) != 2 || !marked[h1.ID] || !marked[h2.ID] {
			t.Errorf("the calendar marks both: %+v", cal)
		}
	})
}
