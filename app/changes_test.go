package app_test

import (
	"errors"
	"testing"

	"gorm.io/gorm"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// A court's case-list change counter is raised by every committed change to
// what that court's list shows, however it is written (a service, an Exec, a
// hand edit), and by nothing else: not by a change of another court, a
// meeting, a letter, a login, a rolled-back change or a statement that
// changes no row. So no counter row is written by every transaction: writers
// of two courts, or of anything but case lists, never meet on one.
func TestCaseListChangesAreCountedPerCourtAndOnlyForWhatTheListShows(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge1, judge3 := ct.Actor("judge1"), ct.Actor("judge3")
		setCaseToday(clock, "2025-09-10")
		counters := func() map[string]int64 {
			t.Helper()
			var rows []struct {
				CourtCode string
				N         int64
			}
			if err := s.DB.Raw("SELECT court_code, n FROM case_list_changes").Scan(&rows).Error; err != nil {
				t.Fatal(err)
			}
			m := map[string]int64{}
			for _, r := range rows {
				m[r.CourtCode] = r.N
			}
			return m
		}
		last := counters()
		if len(last) != 2 {
			t.Fatalf("counters %v, want one per court", last)
		}
		// expect checks which courts' counters the step raised.
		expect := func(step string, raised ...string) {
			t.Helper()
			now := counters()
			for court, n := range now {
				want := false
				for _, r := range raised {
					want = want || r == court
				}
				if (n > last[court]) != want || n < last[court] {
					t.Errorf("%s: %s's counter went from %d to %d (raised: want %v)", step, court, last[court], n, want)
				}
			}
			last = now
		}
		c := caseMust(s.CreateCase(caseCtx, judge1, caseFiling(ct, "行初", "2025-08-20")))
		expect("filing a case in 粤1803", "粤1803")
		in3 := caseFiling(ct, "行初", "2025-08-20")
		in3.OrganID, in3.JudgeID = ct.Organ2.ID, ct.Users["judge3"].ID
		c3 := caseMust(s.CreateCase(caseCtx, judge3, in3))
		expect("filing a case in 粤1881", "粤1881")
		caseMust(s.RecordMediation(caseCtx, judge1, c.ID, app.MediationInput{HeldOn: app.MustDate("2025-08-25"), Mode: "onsite", Result: "continuing"}))
		expect("a mediation (the case becomes mediating)", "粤1803")
		caseMust(s.SuspendCase(caseCtx, judge3, c3.ID, app.SuspendInput{On: app.MustDate("2025-08-26"), Reason: "鉴定"}))
		expect("a suspension in 粤1881", "粤1881")
		mediator := ct.Users["mediator1"].ID
		caseMust(s.UpdateCase(caseCtx, ct.Actor("leader"), c.ID, app.CasePatch{Version: caseMust(s.GetCase(caseCtx, judge1, c.ID)).Version,
			MediatorIDs: app.Change[[]int64]{Set: true, To: []int64{mediator}}}))
		expect("assigning a mediator", "粤1803")
		name := "改名的法官"
		caseMust(s.UpdateUser(caseCtx, ct.Actor("admin2"), ct.Users["judge3"].ID, app.UserInput{Name: &name}))
		expect("renaming a judge of 粤1881", "粤1881")
		if err := s.DB.Exec("UPDATE organs SET name = ? WHERE id = ?", "清远市清新区林业局（新）", ct.Organ.ID).Error; err != nil {
			t.Fatal(err)
		}
		expect("renaming an organ by hand in the database", "粤1803")

		caseMust(s.RecordMeeting(caseCtx, judge1, app.MeetingInput{Kind: "quarterly_joint", HeldOn: app.MustDate("2025-09-01"), Topic: "联席会议", Attendances: 10}))
		caseMust(s.DraftLetter(caseCtx, judge1, app.LetterInput{Kind: "judicial", OrganID: ct.Organ.ID, Problems: "问题", Suggestions: "建议"}))
		expect("a meeting and a letter")
		failed := errors.New("changed my mind")
		err := s.Tx(caseCtx, func(tx *gorm.DB) error {
			if err := tx.Exec("UPDATE cases SET region = 'x' WHERE id = ?", c.ID).Error; err != nil {
				return err
			}
			return failed
		})
		if !errors.Is(err, failed) {
			t.Fatal(err)
		}
		expect("a rolled-back change")
		if err := s.DB.Exec("UPDATE cases SET region = ? WHERE id = ?", "清新", -1).Error; err != nil {
			t.Fatal(err)
		}
		expect("an UPDATE of no row")
		if _, _, err := s.Login(caseCtx, "judge1", apptest.Password, "127.0.0.1"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Login(caseCtx, "judge1", "wrong password", "127.0.0.1"); err == nil {
			t.Fatal("a wrong password logged in")
		}
		expect("a login and a failed one")
	})
}
