package app_test

import (
	"context"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// The scorecard counts litigation cases (not 行诉前调) filed against an organ
// this year, last year and in last year's same period, and its open linkage
// cases; the desk lists a mediator's or a judge's own linkage cases only.
func TestScorecardCountsCasesAgainstTheOrganByYear(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		c := apptest.MustCourts(t, s)
		judge1, judge2 := c.Users["judge1"].ID, c.Users["judge2"].ID
		rows := []letterTestCase{
			{FiledOn: "2025-02-10", Linkage: true, JudgeID: judge1},                   // this year, open linkage
			{FiledOn: "2025-06-30", Linkage: true, JudgeID: judge2, Status: "closed"}, // this year, closed
			{FiledOn: "2025-05-01", Type: "行诉前调", Linkage: true, JudgeID: judge2},     // pre-litigation: not a lawsuit, but an open linkage case
			{FiledOn: "2024-03-01"}, // last year, same period
			{FiledOn: "2024-07-01"}, // last year, same day as today
			{FiledOn: "2024-07-02"}, // last year, after the same period
			{FiledOn: "2023-12-31"}, // the year before: not counted
		}
		for _, r := range rows {
			r.Court, r.OrganID = "粤1803", c.Organ.ID
			insertLetterTestCase(t, s, r)
		}
		insertLetterTestCase(t, s, letterTestCase{Court: "粤1881", OrganID: c.Organ2.ID, FiledOn: "2025-03-01", Linkage: true})

		card := linkageOK[[]app.OrganScore](t)(s.OrganScorecard(ctx, c.Actor("liaison1"), 2025))
		if len(card) != 1 {
			t.Fatalf("scorecard %+v, want one organ", card)
		}
		got := card[0]
		if got.CasesThisYear != 2 || got.CasesLastYear != 3 || got.CasesSamePeriodLastYear != 2 || got.OpenLinkageCases != 2 ||
			got.LettersReceived != 0 || got.AvgDaysToReply != nil {
			t.Errorf("scorecard of 2025: %+v", got)
		}
		card = linkageOK[[]app.OrganScore](t)(s.OrganScorecard(ctx, c.Actor("liaison1"), 2024))
		if len(card) != 1 || card[0].CasesThisYear != 3 || card[0].CasesLastYear != 1 || card[0].CasesSamePeriodLastYear != 1 {
			t.Errorf("scorecard of 2024: %+v", card)
		}

		tests := []struct {
			name string
			vis  app.Visibility
			want int
		}{
			{"every open linkage case", app.NewVisibility(c.Actor("leader"), app.ScopeAll), 2},
			{"the liaison's linkage cases", app.NewVisibility(c.Actor("liaison1"), app.ScopeLinkage), 2},
			{"a judge's own", app.NewVisibility(c.Actor("judge1"), app.ScopeOwn), 1},
			{"a mediator assigned to none", app.NewVisibility(c.Actor("mediator1"), app.ScopeAssigned), 0},
			{"no case at all", app.NewVisibility(c.Actor("admin"), app.ScopeNone), 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				desk := linkageOK[app.LiaisonDesk](t)(s.LiaisonDesk(ctx, c.Actor("liaison1"), app.DeskOptions{Cases: tt.vis}))
				if len(desk.LinkageCases) != tt.want {
					t.Errorf("%d linkage cases, want %d", len(desk.LinkageCases), tt.want)
				}
			})
		}
	})
}
