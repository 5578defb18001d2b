package app_test

import (
	"slices"
	"sync"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// TestTheListsCountsFollowEveryChangeOfACase: the totals the case list reads
// from case_counts agree with a count of the cases after every kind of
// change — filing (also concurrent), the first mediation, suspension and
// resumption, reassignment to another judge, a new filing day, closing —
// on both databases, and every page found from the day counts is that part
// of the whole list.
func TestTheListsCountsFollowEveryChangeOfACase(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge1, judge2, leader := ct.Actor("judge1"), ct.Actor("judge2"), ct.Actor("leader")
		setCaseToday(clock, "2025-09-10")
		defer func(from int) { app.ListSeekFrom = from }(app.ListSeekFrom)
		app.ListSeekFrom = 0
		check := func(step string) {
			t.Helper()
			drift, err := s.CaseCountsDrift(caseCtx)
			if err != nil {
				t.Fatal(err)
			}
			if len(drift) > 0 {
				t.Fatalf("after %s the counts drifted: %v", step, drift)
			}
			// Every total the counts answer is the number of cases listed.
			for _, c := range []struct {
				a     app.Actor
				scope app.Scope
				f     app.CaseFilter
			}{
				{leader, app.ScopeAll, app.CaseFilter{}},
				{leader, app.ScopeAll, app.CaseFilter{Status: app.StatusOpen}},
				{leader, app.ScopeAll, app.CaseFilter{Status: app.StatusFiled}},
				{leader, app.ScopeAll, app.CaseFilter{Status: app.StatusMediating}},
				{leader, app.ScopeAll, app.CaseFilter{Status: app.StatusSuspended}},
				{leader, app.ScopeAll, app.CaseFilter{Status: app.StatusClosed}},
				{leader, app.ScopeAll, app.CaseFilter{CaseType: "行审"}},
				{leader, app.ScopeAll, app.CaseFilter{JudgeID: judge2.UserID, Status: app.StatusOpen}},
				{judge1, app.ScopeOwn, app.CaseFilter{}},
				{judge1, app.ScopeOwn, app.CaseFilter{Status: app.StatusClosed}},
				{judge2, app.ScopeOwn, app.CaseFilter{CaseType: "行初", Status: app.StatusMediating}},
				{judge2, app.ScopeOwn, app.CaseFilter{JudgeID: judge1.UserID}}, // nothing: both must hold
			} {
				var whole, paged []int64
				if err := s.EachCase(caseCtx, c.a, app.NewVisibility(c.a, c.scope), c.f, func(k app.Case) error { whole = append(whole, k.ID); return nil }); err != nil {
					t.Fatal(err)
				}
				n := len(whole)
				list := caseMust(s.ListCases(caseCtx, c.a, app.NewVisibility(c.a, c.scope), c.f, app.Page{Page: 1, Size: 20}))
				if int(list.Total) != n {
					t.Errorf("after %s: %s %s %+v: total %d, listed %d", step, c.a.Username, c.scope, c.f, list.Total, n)
				}
				// Every page, each found from the day counts (ListSeekFrom
				// 0; on MariaDB its month first, from the month counts read
				// with the total), and again with ListSeekFrom 2 (the first
				// page with its total on MariaDB, the others from their
				// month's last day when fewer than 2 of its cases come
				// before them, otherwise from their day), is that part of
				// the whole list.
				for _, from := range []int{0, 2} {
					app.ListSeekFrom = from
					paged = paged[:0]
					for p := 1; p <= n/3+1; p++ {
						list := caseMust(s.ListCases(caseCtx, c.a, app.NewVisibility(c.a, c.scope), c.f, app.Page{Page: p, Size: 3}))
						if int(list.Total) != n {
							t.Errorf("after %s: %s %s %+v: ListSeekFrom %d: page %d: total %d, listed %d", step, c.a.Username, c.scope, c.f, from, p, list.Total, n)
						}
						for _, k := range list.Items {
							paged = append(paged, k.ID)
						}
					}
					if !slices.Equal(paged, whole) {
						t.Errorf("after %s: %s %s %+v: ListSeekFrom %d: pages of 3 %v, every case %v", step, c.a.Username, c.scope, c.f, from, paged, whole)
					}
				}
				// A page past the last, before ListSeekFrom: no case, the total.
				app.ListSeekFrom = 1000
				if list := caseMust(s.ListCases(caseCtx, c.a, app.NewVisibility(c.a, c.scope), c.f, app.Page{Page: 2, Size: n + 1})); int(list.Total) != n || len(list.Items) != 0 {
					t.Errorf("after %s: %s %s %+v: the page past the last: total %d, %d cases", step, c.a.Username, c.scope, c.f, list.Total, len(list.Items))
				}
			}
		}
		check("nothing")

		var wg sync.WaitGroup
		for i := range 8 {
			wg.Go(func() {
				in := caseFiling(ct, []string{"行初", "行审"}[i%2], []string{"2025-08-20", "2025-08-21", "2025-07-02"}[i%3])
				a := judge1
				if i%3 == 0 {
					in.JudgeID, a = judge2.UserID, judge2
				}
				if _, err := s.CreateCase(caseCtx, a, in); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		check("eight concurrent filings")

		list := caseMust(s.ListCases(caseCtx, leader, app.NewVisibility(leader, app.ScopeAll), app.CaseFilter{Sort: "filed_on"}, app.Page{Page: 1, Size: 20}))
		c := list.Items
		caseMust(s.RecordMediation(caseCtx, judge1, c[0].ID, app.MediationInput{HeldOn: app.MustDate("2025-08-25"), Mode: "onsite", Result: "continuing"}))
		check("a first mediation")
		caseMust(s.SuspendCase(caseCtx, judge1, c[1].ID, app.SuspendInput{On: app.MustDate("2025-08-26"), Reason: "鉴定"}))
		check("a suspension")
		caseMust(s.ResumeCase(caseCtx, judge1, c[1].ID, app.ResumeInput{On: app.MustDate("2025-09-01")}))
		check("a resumption")
		moved := caseMust(s.GetCase(caseCtx, leader, c[2].ID))
		to := judge1.UserID
		if moved.JudgeID == to {
			to = judge2.UserID
		}
		caseMust(s.UpdateCase(caseCtx, leader, moved.ID, app.CasePatch{Version: moved.Version, JudgeID: app.Change[int64]{Set: true, To: to}}))
		check("a reassignment")
		refiled := caseMust(s.GetCase(caseCtx, leader, c[6].ID))
		caseMust(s.UpdateCase(caseCtx, leader, refiled.ID, app.CasePatch{Version: refiled.Version, FiledOn: app.Change[app.Date]{Set: true, To: app.MustDate("2025-06-30")}}))
		check("a new filing day")
		for _, x := range c[3:5] {
			caseMust(s.CloseCase(caseCtx, leader, x.ID, app.CloseInput{ClosedOn: app.MustDate("2025-09-05"), Method: "withdrawal"}))
		}
		check("two closings")
		// A change refused for a stale version moves no count.
		if _, err := s.UpdateCase(caseCtx, leader, moved.ID, app.CasePatch{Version: moved.Version, JudgeID: app.Change[int64]{Set: true, To: moved.JudgeID}}); errCode(err) != app.ECONFLICT {
			t.Fatalf("stale reassignment: %v", err)
		}
		check("a stale reassignment")
	})
}
