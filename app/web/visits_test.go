package web

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// TestVisitsAreRecordedByTheCasesPeopleOnceWithGoodInput: a withdrawn case
// has two visits; its judge records one (bad day, method or outcome → 400
// naming the field; someone not on the case → 403; twice → 409); the lists
// by status; a re-filing shows on both cases' pages and in GET /cases/:id.
func TestVisitsAreRecordedByTheCasesPeopleOnceWithGoodInput(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		ctx := context.Background()
		clock.Set(clock.Now().AddDate(0, 4, 0)) // 2025-11-01
		judge1 := e.as("judge1")
		c := matrixCase(e, false)
		if _, err := s.CloseCase(ctx, e.Courts.Actor("judge1"), c.ID, app.CloseInput{ClosedOn: app.MustDate("2025-07-01"), Method: "mediation"}); err != nil {
			t.Fatal(err)
		}
		res := judge1.do("GET", fmt.Sprintf("/api/v1/cases/%d/visits", c.ID), nil)
		var vs struct {
			Items []app.Visit `json:"items"`
		}
		res.JSON(t, &vs)
		if res.Status != 200 || len(vs.Items) != 2 || vs.Items[0].DueOn != app.MustDate("2025-10-09") || vs.Items[1].DueOn != app.MustDate("2026-01-04") {
			t.Fatalf("visits: %d %s", res.Status, res.Body)
		}
		first := fmt.Sprintf("/api/v1/visits/%d", vs.Items[0].ID)
		// The chief sees the overdue first visit under judge1.
		if p := e.as("leader").do("GET", "/visits", nil); p.Status != 200 || !strings.Contains(p.Body, "各承办法官待回访情况") || !strings.Contains(p.Body, c.CaseNo) {
			t.Errorf("the chief's visits page: %d %s", p.Status, p.Body)
		}
		for _, tc := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"visited_on": "2025-06-30", "method": "phone", "outcome": "resolved"}, "visited_on"},
			{map[string]any{"visited_on": "2025-11-02", "method": "phone", "outcome": "resolved"}, "visited_on"},
			{map[string]any{"visited_on": "2025-10-10", "method": "phone", "outcome": "settled"}, "outcome"},
			{map[string]any{"visited_on": "2025-10-10", "method": "email", "outcome": "resolved"}, "method"},
		} {
			res := judge1.do("POST", first, tc.body)
			if res.Status != 400 || !strings.Contains(res.Body, `"`+tc.field+`"`) {
				t.Errorf("%v: %d %s, want 400 naming %s", tc.body, res.Status, res.Body, tc.field)
			}
		}
		good := map[string]any{"visited_on": "2025-10-10", "method": "onsite", "outcome": "commitment_pending", "notes": "复绿进行中"}
		if res := e.as("judge2").do("POST", first, good); res.Status != 403 {
			t.Errorf("judge2 (not on the case): %d %s", res.Status, res.Body)
		}
		if res := e.as("judge3").do("POST", first, good); res.Status != 404 {
			t.Errorf("another court's judge: %d %s", res.Status, res.Body)
		}
		if res := judge1.do("POST", first, good); res.Status != 200 || res.Map(t)["outcome"] != "commitment_pending" {
			t.Fatalf("record: %d %s", res.Status, res.Body)
		}
		if res := e.as("mediator1").do("POST", first, good); res.Status != 409 {
			t.Errorf("the same visit twice: %d %s", res.Status, res.Body)
		}
		count := func(u, q string) int {
			res := e.as(u).do("GET", "/api/v1/visits"+q, nil)
			if res.Status != 200 {
				t.Fatalf("GET /visits%s as %s: %d %s", q, u, res.Status, res.Body)
			}
			return int(res.Map(t)["total"].(float64))
		}
		if d, due, od := count("judge1", "?status=done"), count("judge1", "?status=due"), count("judge1", "?status=overdue"); d != 1 || due != 1 || od != 0 {
			t.Errorf("judge1's visits: done %d due %d overdue %d; want 1 1 0", d, due, od)
		}
		if n := count("judge2", ""); n != 0 {
			t.Errorf("judge2 sees %d visits of judge1's case", n)
		}
		if n := count("leader", "?from=2026-01-01&to=2026-01-31"); n != 1 {
			t.Errorf("the chief's visits due in January 2026: %d", n)
		}
		if res := judge1.do("GET", "/api/v1/visits?status=soon", nil); res.Status != 400 || !strings.Contains(res.Body, `"status"`) {
			t.Errorf("bad status: %d %s", res.Status, res.Body)
		}

		// A re-filing under a full-width variant of the name links both cases.
		name := "Ｘ" + c.Plaintiff.Name + "　"
		res = judge1.do("POST", "/api/v1/cases", map[string]any{"case_type": "行初", "cause": "行政处罚", "domain": "ecology",
			"plaintiff": map[string]any{"name": name, "kind": "individual"}, "organ_id": e.Courts.Organ.ID, "filed_on": "2025-10-20"})
		if res.Status != 201 {
			t.Fatalf("file: %d %s", res.Status, res.Body)
		}
		// "Ｘ" folds to "x", not to the name: no link. File the true variant.
		res = judge1.do("POST", "/api/v1/cases", map[string]any{"case_type": "行初", "cause": "行政处罚", "domain": "ecology",
			"plaintiff": map[string]any{"name": " " + strings.Replace(c.Plaintiff.Name, "矩阵", "矩阵 ", 1), "kind": "individual"},
			"organ_id":  e.Courts.Organ.ID, "filed_on": "2025-10-21"})
		nc := res.Map(t)
		if res.Status != 201 || len(nc["refiling_of"].([]any)) != 1 {
			t.Fatalf("re-filing: %d %s", res.Status, res.Body)
		}
		old := judge1.do("GET", fmt.Sprintf("/api/v1/cases/%d", c.ID), nil).Map(t)
		if refs := old["refilings"].([]any); len(refs) != 1 || refs[0].(map[string]any)["case_no"] != nc["case_no"] {
			t.Errorf("refilings of the old case: %v", old["refilings"])
		}
		page := judge1.do("GET", fmt.Sprintf("/cases/%d", c.ID), nil)
		if !strings.Contains(page.Body, "争议再起") || !strings.Contains(page.Body, nc["case_no"].(string)) || !strings.Contains(page.Body, "承诺尚未履行完毕") {
			t.Errorf("the old case's page shows no 争议再起 / visit: %s", page.Body)
		}
		newPage := judge1.do("GET", fmt.Sprintf("/cases/%v?done=created", nc["id"]), nil)
		if !strings.Contains(newPage.Body, "争议再起提示") || !strings.Contains(newPage.Body, c.CaseNo) {
			t.Errorf("the new case's page warns of nothing")
		}
		// The form on the case page: a bad outcome keeps the form open with its reason.
		second := vs.Items[1].ID
		bad := judge1.form(fmt.Sprintf("/visits/%d", second), map[string]string{"visit_id": fmt.Sprint(second), "visited_on": "2025-10-30", "method": "phone", "outcome": "?"})
		if bad.Status != 400 || !strings.Contains(bad.Body, "回访结果应为") {
			t.Errorf("bad form: %d", bad.Status)
		}
		ok := judge1.form(fmt.Sprintf("/visits/%d", second), map[string]string{"visited_on": "2025-10-30", "method": "phone", "outcome": "resolved"})
		if ok.Status != 303 || !strings.Contains(ok.Header.Get("Location"), "done=visit") {
			t.Errorf("form: %d %s", ok.Status, ok.Header.Get("Location"))
		}
		// /stats carries the figures of 案结事了.
		st := e.as("leader").do("GET", "/api/v1/stats?from=2025-01-01&to=2025-12-31", nil).Map(t)
		for _, k := range []string{"revived", "commitments_overdue", "actually_resolved_rate", "visits_due", "visits_done", "visits_overdue"} {
			if _, ok := st[k]; !ok {
				t.Errorf("/stats has no %s", k)
			}
		}
		if st["revived"].(float64) != 1 || st["actually_resolved_rate"].(float64) != 0 {
			t.Errorf("/stats: revived %v rate %v", st["revived"], st["actually_resolved_rate"])
		}
		by := e.as("leader").do("GET", "/api/v1/stats?from=2025-01-01&to=2025-12-31&by=judge", nil).Map(t)
		if tot := by["total"].(map[string]any); tot["revived"].(float64) != 1 {
			t.Errorf("/stats?by=judge total: %v", tot)
		}
	})
}
