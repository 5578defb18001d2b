package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestJudgeRecordsADueVisitFromTheTodoAndTheChiefSeesTheRate is issue 17's
// browser line: judge1 opens a follow-up visit from the to-do list on the
// landing page, records it on the case page (the visit leaves the list), and
// the chief sees the 案结事了率 beside the 调撤率 with its 同比 and its trend
// on the dashboard.
func TestJudgeRecordsADueVisitFromTheTodoAndTheChiefSeesTheRate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mark := uniqueMark()

	judge := e.login(t, "judge1")
	judge.see("我的待办")
	link := eval[string](judge, `(function() {
		var a = Array.prototype.filter.call(document.querySelectorAll("#todo-list a"), function (a) { return a.innerText.indexOf("回访：") === 0; })[0];
		return a ? a.getAttribute("href") : "";
	})()`)
	m := regexp.MustCompile(`^/cases/(\d+)#visit-(\d+)$`).FindStringSubmatch(link)
	if m == nil {
		t.Fatalf("the judge's to-do list has no visit to make (first visit link %q): %s", link, judge.textOf("#todo-list"))
	}
	judge.screenshot("resolved-judge-todo")
	judge.click(`#todo-list a[href="` + link + `"]`)
	if judge.path() != "/cases/"+m[1] {
		t.Fatalf("the to-do item led to %s", judge.path())
	}
	judge.see("回访与案结事了", "结案后")
	if err := judge.do(chromedp.Click(chromedp.CSS("#visit-" + m[2] + " summary"))); err != nil {
		t.Fatalf("opening the visit's form: %v", err)
	}
	judge.within(`form[action="/visits/`+m[2]+`"]`).fields(
		"visited_on", today,
		"method", "电话回访",
		"outcome", "已化解",
		"notes", mark+"：电话联系原告，协议已履行完毕，原告表示满意。",
	)
	judge.screenshot("resolved-visit-form")
	judge.submit()
	judge.see("回访已登记", mark, "已化解")
	if row := judge.row(mark); !strings.Contains(row, "电话回访") {
		t.Errorf("the recorded visit's row: %q", row)
	}
	judge.screenshot("resolved-visit-recorded")
	judge.visit("/")
	if n := judge.count(`#todo-list a[href="` + link + `"]`); n != 0 {
		t.Errorf("the recorded visit is still on the to-do list")
	}

	leader := e.login(t, "leader")
	leader.visit("/")
	tile := eval[string](leader, `(function() {
		var t = Array.prototype.filter.call(document.querySelectorAll(".tile"), function (t) { return t.innerText.indexOf("案结事了率") >= 0; })[0];
		return t ? t.innerText : "";
	})()`)
	if !regexp.MustCompile(`案结事了率\s+\d+\.\d\d%\s+同比 [+-]\d+\.\d\d 个百分点`).MatchString(tile) {
		t.Errorf("the 案结事了率 tile says %q", tile)
	}
	order := eval[string](leader, `Array.prototype.map.call(document.querySelectorAll(".tile .k"), function (k) { return k.innerText; }).join("|")`)
	if !strings.Contains(order, "调撤率|案结事了率") {
		t.Errorf("the tiles are %s; want 案结事了率 next to 调撤率", order)
	}
	if n := leader.count("#resolved-trend svg circle.dot"); n < 10 {
		t.Errorf("the trend of the 案结事了率 has %d points", n)
	}
	leader.see("近 12 个月案结事了率")
	leader.screenshot("resolved-chief-dashboard")
	leader.visit("/visits")
	leader.see("各承办法官待回访情况", "王建国", "刘晓敏")
	leader.screenshot("resolved-chief-visits")
}
