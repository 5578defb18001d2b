package web

import (
	"strings"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// todoKinds is GET /api/v1/todo's items of a user, by kind.
func todoKinds(t *testing.T, c *client) map[string][]app.TodoItem {
	t.Helper()
	res := c.do("GET", "/api/v1/todo", nil)
	if res.Status != 200 {
		t.Fatalf("todo: %d %s", res.Status, res.Body)
	}
	var body struct{ Items []app.TodoItem }
	res.JSON(t, &body)
	out := map[string][]app.TodoItem{}
	for _, it := range body.Items {
		out[it.Kind] = append(out[it.Kind], it)
	}
	return out
}

func TestEachRoleSeesItsTodoOnItsLandingPage(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		k := matrixCase(e, false)
		lk := matrixCase(e, true)
		judge := e.as("judge1")
		for _, id := range []int64{k.ID, lk.ID} {
			res := judge.do("POST", idPath("/api/v1/cases/%d/hearings", id),
				map[string]any{"starts_at": "2025-07-03T09:00", "ends_at": "2025-07-03T11:00", "room": "第一法庭", "confirm": true})
			if res.Status != 201 {
				t.Fatalf("hearing: %d %s", res.Status, res.Body)
			}
		}
		// Today 2025-07-01: the hearings are coming, the mediator has done nothing for a month.
		j := todoKinds(t, judge)
		if len(j[app.TodoHearing]) != 2 || j[app.TodoHearing][0].Link != idPath("/cases/%d#hearings", k.ID) {
			t.Errorf("judge's hearings: %+v", j)
		}
		if m := todoKinds(t, e.as("mediator1")); len(m[app.TodoMediationIdle]) != 1 || *m[app.TodoMediationIdle][0].CaseID != k.ID {
			t.Errorf("mediator: %+v", m)
		}
		if l := todoKinds(t, e.as("liaison1")); len(l[app.TodoLinkageHearing]) != 1 || *l[app.TodoLinkageHearing][0].CaseID != lk.ID {
			t.Errorf("liaison: %+v", l)
		}
		// 15 days before the deadline the judge has the case on the list; once past it, the leader too.
		at := func(days int) {
			clock.Set(time.Date(k.DeadlineOn.Year, k.DeadlineOn.Month, k.DeadlineOn.Day, 9, 0, 0, 0, app.Shanghai).AddDate(0, 0, days))
			e.users = map[string]*client{} // the sessions expired meanwhile
			judge = e.as("judge1")
		}
		at(-15)
		if j := todoKinds(t, judge); len(j[app.TodoDeadline]) != 2 || !strings.Contains(j[app.TodoDeadline][0].Title, "剩 15 天") {
			t.Errorf("judge at 15 days: %+v", j)
		}
		at(1)
		if l := todoKinds(t, e.as("leader")); len(l[app.TodoCaseOverdue]) != 2 || l[app.TodoCaseOverdue][0].Overdue != true {
			t.Errorf("leader past the deadline: %+v", l)
		}
		for _, who := range [][2]string{{"judge1", "/"}, {"leader", "/"}, {"mediator1", "/cases?" + mineOpenQuery}, {"liaison1", "/liaison"}} {
			body := e.as(who[0]).do("GET", who[1], nil).Body
			if !strings.Contains(body, `id="todo-list"`) {
				t.Errorf("%s's landing page %s has no to-do list", who[0], who[1])
			}
		}
		if body := judge.do("GET", "/letters", nil).Body; strings.Contains(body, `id="todo-list"`) {
			t.Errorf("the to-do list shows off the landing page")
		}
	})
}
