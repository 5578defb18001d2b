package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// TestVisitsAndCommitmentsDueAreOnTheJudgesTodo: a visit due within 30 days
// and a commitment due within 30 days come to the case's judge's to-do list
// (not another judge's), each linking to where it is recorded; once the
// visit is recorded it leaves the list.
func TestVisitsAndCommitmentsDueAreOnTheJudgesTodo(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		ctx := context.Background()
		k := matrixCase(e, false)
		judge := e.Courts.Actor("judge1")
		if _, err := s.CloseCase(ctx, judge, k.ID, app.CloseInput{ClosedOn: app.MustDate("2025-07-01"), Method: "withdrawal"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddCommitment(ctx, judge, k.ID, app.CommitmentInput{Kind: "instalment", DueOn: app.MustDate("2025-10-20")}); err != nil {
			t.Fatal(err)
		}
		clock.Set(time.Date(2025, 10, 1, 9, 0, 0, 0, app.Shanghai))
		e.users = map[string]*client{}
		j := todoKinds(t, e.as("judge1"))
		if len(j[app.TodoVisit]) != 1 || len(j[app.TodoCommitment]) != 1 || !strings.HasPrefix(j[app.TodoVisit][0].Link, fmt.Sprintf("/cases/%d#visit-", k.ID)) ||
			j[app.TodoVisit][0].DueOn.String() != "2025-10-09" {
			t.Fatalf("judge1's to-do: %+v", j)
		}
		if o := todoKinds(t, e.as("judge2")); len(o[app.TodoVisit])+len(o[app.TodoCommitment]) != 0 {
			t.Errorf("judge2's to-do has judge1's: %+v", o)
		}
		page := e.as("judge1").do("GET", "/", nil).Body
		if !strings.Contains(page, "回访："+k.CaseNo) {
			t.Errorf("the landing page's to-do has no visit")
		}
		id := strings.TrimPrefix(j[app.TodoVisit][0].Link, fmt.Sprintf("/cases/%d#visit-", k.ID))
		res := e.as("judge1").form("/visits/"+id, map[string]string{"visited_on": "2025-09-30", "method": "phone", "outcome": "resolved"})
		if res.Status != 303 {
			t.Fatalf("record: %d %s", res.Status, res.Body)
		}
		if j := todoKinds(t, e.as("judge1")); len(j[app.TodoVisit]) != 0 {
			t.Errorf("the recorded visit stays on the list: %+v", j[app.TodoVisit])
		}
	})
}
