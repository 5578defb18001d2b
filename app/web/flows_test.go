package web

import (
	"fmt"
	"strings"
	"testing"

	"fuyuan/app/apptest"
)

// TestMediatorLandsOnTheirOpenCasesAndSeesOnlyTheirSteps guards issue 15: a
// mediator lands on the open cases they mediate (not on every case including
// closed ones), and a case page tells them only of the steps they may take.
func TestMediatorLandsOnTheirOpenCasesAndSeesOnlyTheirSteps(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		mediator := e.Courts.Users["mediator1"].ID
		open, openNo := fileViaAPI(t, e, "judge1", map[string]any{"mediator_ids": []int64{mediator}})
		closed, closedNo := fileViaAPI(t, e, "judge1", map[string]any{"mediator_ids": []int64{mediator}})
		if res := e.as("judge1").do("POST", idPath("/api/v1/cases/%d/close", closed), map[string]any{"closed_on": "2025-06-30", "method": "withdrawal"}); res.Status != 200 {
			t.Fatalf("close: %d %s", res.Status, res.Body)
		}
		_, otherNo := fileViaAPI(t, e, "judge1", nil)

		home := e.as("mediator1").do("GET", "/", nil)
		where := home.Header.Get("Location")
		if home.Status != 303 || !strings.HasPrefix(where, "/cases?") {
			t.Fatalf("mediator1's landing: %d → %q", home.Status, where)
		}
		list := e.as("mediator1").do("GET", where, nil).Body
		if !strings.Contains(list, "我的在办案件") || !strings.Contains(list, openNo) || strings.Contains(list, closedNo) || strings.Contains(list, otherNo) {
			t.Errorf("mediator1 lands on %s, which does not show exactly the open case mediated", where)
		}
		page := e.as("mediator1").do("GET", idPath("/cases/%d", open), nil).Body
		for _, step := range []string{"选择结案方式", "使用“中止审理”", "在“履行承诺”中登记", "在下方“结案”中"} {
			if strings.Contains(page, step) {
				t.Errorf("mediator1's case page instructs %q, a step a mediator cannot take", step)
			}
		}
		if !strings.Contains(page, "记录一次调解") {
			t.Errorf("mediator1's case page lacks the mediation step")
		}
		judgePage := e.as("judge1").do("GET", idPath("/cases/%d", open), nil).Body
		if !strings.Contains(judgePage, "选择结案方式") {
			t.Errorf("the judge's case page lost the instruction to close")
		}
	})
}

// TestRelatedCasesBoxIsFolded: the case page's 关联提示 is one folded line
// (<details>) that lists the related cases when opened (issue 15).
func TestRelatedCasesBoxIsFolded(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		body := caseBody(e, nil)
		first := e.as("judge1").do("POST", "/api/v1/cases", body).id(t)
		second := e.as("judge1").do("POST", "/api/v1/cases", body).id(t)
		page := e.as("judge1").do("GET", fmt.Sprintf("/cases/%d", second), nil).Body
		start := strings.Index(page, `<details class="alert alert-warn related-box">`)
		if start < 0 {
			t.Fatal("the case page has no folded 关联提示 box")
		}
		box := page[start : start+strings.Index(page[start:], "</details>")]
		if !strings.Contains(box, "<summary><strong>关联提示") || !strings.Contains(box, fmt.Sprintf(`href="/cases/%d"`, first)) {
			t.Errorf("the folded 关联提示 box does not list case %d under its summary", first)
		}
	})
}
