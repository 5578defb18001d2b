package app_test

import (
	"slices"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// listIDs lists the ids of every case of the court that f keeps, as the leader sees them.
func listIDs(t *testing.T, s *app.Store, ct *apptest.Court, f app.CaseFilter) []int64 {
	t.Helper()
	l := caseMust(s.ListCases(caseCtx, ct.Actor("leader"), app.NewVisibility(ct.Actor("leader"), app.ScopeAll), f, app.Page{Page: 1, Size: 500}))
	var ids []int64
	for _, c := range l.Items {
		ids = append(ids, c.ID)
	}
	slices.Sort(ids)
	return ids
}

func TestACaseSuspendedAfterItsDeadlineStaysOverdue(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		setCaseToday(clock, "2025-09-20")
		c := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-04")) // deadline 2025-09-04
		c = caseMust(s.SuspendCase(caseCtx, judge, c.ID, app.SuspendInput{On: app.MustDate("2025-09-10")}))
		setCaseToday(clock, "2025-10-01")
		got := caseMust(s.GetCase(caseCtx, judge, c.ID))
		if got.DeadlineOn.String() != "2025-09-04" || !got.Overdue() || got.DeadlinePaused || got.DaysOverdue() != 27 {
			t.Errorf("suspended after its deadline: deadline %s flag %q paused %v days left %v, want 2025-09-04 overdue by 27 days",
				got.DeadlineOn, got.DeadlineFlag, got.DeadlinePaused, *got.DaysLeft)
		}
		yes, no := true, false
		if ids := listIDs(t, s, ct, app.CaseFilter{Overdue: &yes}); !slices.Contains(ids, c.ID) {
			t.Errorf("?overdue=true lists %v, not the case suspended after its deadline (%d)", ids, c.ID)
		}
		if ids := listIDs(t, s, ct, app.CaseFilter{Overdue: &no}); slices.Contains(ids, c.ID) {
			t.Errorf("?overdue=false lists the overdue suspended case %d", c.ID)
		}
		// Resuming does not give it the suspended days back.
		setCaseToday(clock, "2025-10-10")
		got = caseMust(s.ResumeCase(caseCtx, judge, c.ID, app.ResumeInput{On: app.MustDate("2025-10-10")}))
		if got.DeadlineOn.String() != "2025-09-04" || !got.Overdue() {
			t.Errorf("resumed: deadline %s flag %q, want 2025-09-04 overdue", got.DeadlineOn, got.DeadlineFlag)
		}
	})
}

func TestAnOpenSuspensionShowsADeadlineAndDaysLeftThatAgree(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		setCaseToday(clock, "2025-08-01")
		in := caseFiling(ct, "行初", "2025-03-04") // deadline 2025-09-04
		in.Linkage, in.LinkagePartner = true, "司法局"
		c := fileCase(t, s, ct, in)
		caseMust(s.SuspendCase(caseCtx, judge, c.ID, app.SuspendInput{On: app.MustDate("2025-08-01")}))
		yes := true
		for _, today := range []string{"2025-08-01", "2025-08-21", "2025-09-30", "2026-02-01"} {
			setCaseToday(clock, today)
			got := caseMust(s.GetCase(caseCtx, judge, c.ID))
			if !got.DeadlinePaused || got.DeadlineFlag != "" || *got.DaysLeft != 34 {
				t.Errorf("%s: paused %v flag %q days left %d, want paused with the 34 days it had", today, got.DeadlinePaused, got.DeadlineFlag, *got.DaysLeft)
			}
			if left := got.DeadlineOn.DaysSince(app.MustDate(today)); left != *got.DaysLeft {
				t.Errorf("%s: deadline %s is %d days away but days left says %d", today, got.DeadlineOn, left, *got.DaysLeft)
			}
			if ids := listIDs(t, s, ct, app.CaseFilter{Overdue: &yes}); slices.Contains(ids, c.ID) {
				t.Errorf("%s: the paused case is in ?overdue=true", today)
			}
		}
		// Resumed after 30 days, the deadline is 30 days later, 2025-10-04, in
		// the National Day holiday: the first working day after it.
		setCaseToday(clock, "2025-08-31")
		got := caseMust(s.ResumeCase(caseCtx, judge, c.ID, app.ResumeInput{On: app.MustDate("2025-08-31")}))
		if got.DeadlineOn.String() != "2025-10-09" || got.DeadlinePaused {
			t.Errorf("resumed: deadline %s paused %v, want 2025-10-09", got.DeadlineOn, got.DeadlinePaused)
		}
	})
}

// The SQL filters of the case list (?overdue, ?due_within, the dashboard's
// 已超审限 and 即将届满) keep exactly the cases whose DeadlineView says so, on
// every day around their deadlines.
func TestTheDeadlineFiltersAreTheDeadlineViewInSQL(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		setCaseToday(clock, "2025-12-31")
		file := func(filed string) app.Case { return fileCase(t, s, ct, caseFiling(ct, "行初", filed)) }
		for _, filed := range []string{"2025-02-10", "2025-03-04", "2025-04-01", "2025-05-20"} {
			file(filed) // running
			c := file(filed)
			caseMust(s.SuspendCase(caseCtx, judge, c.ID, app.SuspendInput{On: app.MustDate(filed).AddDays(60)})) // in time
			c = file(filed)
			caseMust(s.SuspendCase(caseCtx, judge, c.ID, app.SuspendInput{On: app.MustDate(filed).AddMonths(6).AddDays(5)})) // after expiry
			c = file(filed)
			caseMust(s.SuspendCase(caseCtx, judge, c.ID, app.SuspendInput{On: app.MustDate(filed).AddDays(30)}))
			caseMust(s.ResumeCase(caseCtx, judge, c.ID, app.ResumeInput{On: app.MustDate(filed).AddDays(50)}))
			c = file(filed)
			caseMust(s.CloseCase(caseCtx, judge, c.ID, app.CloseInput{ClosedOn: app.MustDate(filed).AddDays(40), Method: "withdrawal"}))
		}
		yes, no := true, false
		for day := app.MustDate("2025-07-20"); day.Before(app.MustDate("2026-03-01")); day = day.AddDays(4) {
			clock.Set(day.Time().Add(9 * 3600e9).In(app.Shanghai))
			all := caseMust(s.ListCases(caseCtx, ct.Actor("leader"), app.NewVisibility(ct.Actor("leader"), app.ScopeAll), app.CaseFilter{}, app.Page{Page: 1, Size: 500}))
			var overdue, notOverdue, due []int64
			for _, c := range all.Items {
				if c.Overdue() {
					overdue = append(overdue, c.ID)
				} else {
					notOverdue = append(notOverdue, c.ID)
				}
				if c.DeadlineFlag != "" && !c.Overdue() && *c.DaysLeft <= 15 {
					due = append(due, c.ID)
				}
			}
			for _, x := range [][]int64{overdue, notOverdue, due} {
				slices.Sort(x)
			}
			if got := listIDs(t, s, ct, app.CaseFilter{Overdue: &yes}); !slices.Equal(got, overdue) {
				t.Errorf("%s: ?overdue=true keeps %v, the view says %v", day, got, overdue)
			}
			if got := listIDs(t, s, ct, app.CaseFilter{Overdue: &no}); !slices.Equal(got, notOverdue) {
				t.Errorf("%s: ?overdue=false keeps %v, the view says %v", day, got, notOverdue)
			}
			if got := listIDs(t, s, ct, app.CaseFilter{DueWithin: 15}); !slices.Equal(got, due) {
				t.Errorf("%s: ?due_within=15 keeps %v, the view says %v", day, got, due)
			}
		}
	})
}
