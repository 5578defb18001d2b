package app_test

import (
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// TestCommitmentsAndVisitsDueComeToTheJudgeAndTheLiaison: commitments due in
// the coming 30 days or overdue (not later ones, not fulfilled ones) reach the
// judge's own list and, for 府院联动 cases only, the liaison desk; visits
// due within 30 days or overdue reach the judge.
func TestCommitmentsAndVisitsDueComeToTheJudgeAndTheLiaison(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		setCaseToday(clock, "2025-12-01")
		judge := ct.Actor("judge1")
		linked := caseFiling(ct, "行初", "2025-03-01")
		linked.Linkage, linked.LinkagePartner = true, "司法局"
		lc := fileCase(t, s, ct, linked)
		oc := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-02"))
		for _, c := range []app.Case{lc, oc} {
			caseMust(s.CloseCase(caseCtx, judge, c.ID, app.CloseInput{ClosedOn: app.MustDate("2025-08-01"), Method: "mediation"}))
		}
		for _, due := range []string{"2025-11-20", "2025-12-20", "2026-01-20"} {
			for _, c := range []app.Case{lc, oc} {
				caseMust(s.AddCommitment(caseCtx, judge, c.ID, app.CommitmentInput{Kind: "restore", DueOn: app.MustDate(due)}))
			}
		}
		done := caseMust(s.AddCommitment(caseCtx, judge, lc.ID, app.CommitmentInput{Kind: "permit", DueOn: app.MustDate("2025-11-25")}))
		caseMust(s.FulfilCommitment(caseCtx, judge, done.ID, app.FulfilInput{On: app.MustDate("2025-11-24")}))

		mine := caseMust(s.CommitmentsDue(caseCtx, app.NewVisibility(judge, app.ScopeOwn), false, 0))
		if len(mine) != 4 || !mine[0].Overdue || mine[3].Overdue || mine[3].DueOn != app.MustDate("2025-12-20") {
			t.Errorf("judge1's commitments due: %+v", mine)
		}
		if other := caseMust(s.CommitmentsDue(caseCtx, app.NewVisibility(ct.Actor("judge2"), app.ScopeOwn), false, 0)); len(other) != 0 {
			t.Errorf("judge2 sees %d of judge1's commitments", len(other))
		}
		desk := caseMust(s.LiaisonDesk(caseCtx, ct.Actor("liaison1"), app.DeskOptions{Cases: app.NewVisibility(ct.Actor("liaison1"), app.ScopeLinkage),
			Meetings: app.NewVisibility(ct.Actor("liaison1"), app.ScopeAll)}))
		if len(desk.CommitmentsDue) != 2 || desk.CommitmentsDue[0].CaseID != lc.ID || desk.CommitmentsDue[1].CaseID != lc.ID {
			t.Errorf("the liaison desk's commitments: %+v", desk.CommitmentsDue)
		}
		// Visits of the closings on 2025-08-01: 2025-11-03 (overdue) and 2026-02-02 (later).
		visits := caseMust(s.VisitsToDo(caseCtx, app.NewVisibility(judge, app.ScopeOwn), 20))
		if len(visits) != 2 || !visits[0].Overdue || visits[0].DueOn != app.MustDate("2025-11-03") {
			t.Errorf("judge1's visits to do: %+v", visits)
		}
	})
}
