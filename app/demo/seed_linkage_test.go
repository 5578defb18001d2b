package demo

import (
	"context"
	"math/rand/v2"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// The linkage demo gives every page something true to show: letters of every
// kind in every state (adopted, refused, overdue, awaiting, drafts) and
// meetings of every kind with realistic trainings and follow-up items.
func TestDemoLinkageHasLettersAndMeetingsOfEveryKindAndState(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		w := &World{Store: s, Today: s.Clock.Today(), Rand: rand.New(rand.NewPCG(1803, 1881)),
			Users: map[string]app.User{}, Workstations: map[string]int64{}}
		if err := seedPlatform(ctx, w); err != nil {
			t.Fatal(err)
		}
		if err := seedLinkage(ctx, w); err != nil {
			t.Fatal(err)
		}
		count := func(q string, args ...any) int64 {
			t.Helper()
			var n int64
			if err := s.DB.Raw(q, args...).Scan(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		today := w.Today
		checks := []struct {
			what string
			q    string
			args []any
		}{
			{"issued pre-judgment letters", "SELECT COUNT(*) FROM letters WHERE kind = 'pre_judgment' AND issued_on IS NOT NULL", nil},
			{"issued coordination letters", "SELECT COUNT(*) FROM letters WHERE kind = 'coordination' AND issued_on IS NOT NULL", nil},
			{"issued judicial letters", "SELECT COUNT(*) FROM letters WHERE kind = 'judicial' AND issued_on IS NOT NULL", nil},
			{"adopted letters", "SELECT COUNT(*) FROM letters WHERE status = 'replied' AND adopted = 1", nil},
			{"refused letters", "SELECT COUNT(*) FROM letters WHERE status = 'replied' AND adopted = 0", nil},
			{"overdue letters", "SELECT COUNT(*) FROM letters WHERE status = 'issued' AND reply_due_on < ?", []any{today}},
			{"letters awaiting a reply in time", "SELECT COUNT(*) FROM letters WHERE status = 'issued' AND reply_due_on >= ?", []any{today}},
			{"drafts awaiting approval", "SELECT COUNT(*) FROM letters WHERE status = 'draft'", nil},
			{"approved letters awaiting issue", "SELECT COUNT(*) FROM letters WHERE status = 'approved'", nil},
			{"upcoming meetings", "SELECT COUNT(*) FROM meetings WHERE held_on > ?", []any{today}},
			{"follow-ups done", "SELECT COUNT(*) FROM meeting_followups WHERE done_on IS NOT NULL", nil},
			{"follow-ups open", "SELECT COUNT(*) FROM meeting_followups WHERE done_on IS NULL", nil},
		}
		for _, c := range checks {
			if n := count(c.q, c.args...); n == 0 {
				t.Errorf("no %s", c.what)
			}
		}
		for _, k := range app.MeetingKinds.Options {
			if n := count("SELECT COUNT(*) FROM meetings WHERE kind = ? AND held_on <= ?", k.Code, today); n == 0 {
				t.Errorf("no past meeting of kind %s", k.Code)
			}
		}
		year := app.NewDate(today.Year-1, 1, 1)
		trainings := count("SELECT COUNT(*) FROM meetings WHERE kind = 'enforcement_training' AND held_on >= ? AND held_on < ?", year, year.AddMonths(12))
		people := count("SELECT SUM(attendances) FROM meetings WHERE kind = 'enforcement_training' AND held_on >= ? AND held_on < ?", year, year.AddMonths(12))
		if trainings != 7 || people < 7*118 || people > 7*148 {
			t.Errorf("last year: %d enforcement trainings with %d attendances, want 7 of some 130 each", trainings, people)
		}
		liaison := w.Actor("liaison1")
		desk, err := s.LiaisonDesk(ctx, liaison, app.DeskOptions{
			Cases: app.NewVisibility(liaison, app.ScopeLinkage), Meetings: app.NewVisibility(liaison, app.ScopeAll)})
		if err != nil {
			t.Fatal(err)
		}
		if len(desk.LettersAwaitingReply) == 0 || !desk.LettersAwaitingReply[0].Overdue || len(desk.Scorecard) == 0 || len(desk.UpcomingMeetings) == 0 {
			t.Errorf("demo desk: %d awaiting (first overdue: %v), %d organs, %d upcoming meetings",
				len(desk.LettersAwaitingReply), len(desk.LettersAwaitingReply) > 0 && desk.LettersAwaitingReply[0].Overdue,
				len(desk.Scorecard), len(desk.UpcomingMeetings))
		}
	})
}
