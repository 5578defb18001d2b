package app_test

import (
	"context"
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
