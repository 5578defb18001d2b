package e2e

import (
	"regexp"
	"strings"
	"testing"
)

// caseNoPattern is a first-instance case number of court 粤1803.
var caseNoPattern = regexp.MustCompile(`（\d{4}）粤1803行初\d+号`)

// fileCase files a 行初 case through /cases/new as the logged-in judge,
// with the plaintiff given and more fields (name, value …) if any, and
// returns its number and the path of its page.
func (b *tab) fileCase(plaintiff string, more ...string) (caseNo, path string) {
	b.t.Helper()
	b.click(`nav.sidenav a[href="/cases"]`)
	b.follow("新立案件")
	b.within(`form[action="/cases"]`).fields(
		"case_type", "行初",
		"filed_on", today,
		"cause", "行政处罚",
		"domain", "生态",
		"plaintiff.name", plaintiff,
		"plaintiff.kind", "企业",
		"organ_id", "清远市清新区林业局",
	)
	b.fields(more...)
	b.submit()
	b.see("立案成功", plaintiff)
	caseNo = b.seeMatch(caseNoPattern)
	if h1 := strings.TrimSpace(b.textOf("main h1")); h1 != caseNo {
		b.t.Errorf("the new case's page is headed %q, want its number %s", h1, caseNo)
	}
	return caseNo, b.path()
}

// TestJudgeFilesMediatesAndClosesACase: judge1 files a linkage case with a
// fine on /cases/new, gets its 案号, records a joint mediation that cuts the
// fine, closes the case by 调解, and finds it closed in the case list.
func TestJudgeFilesMediatesAndClosesACase(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	plaintiff := uniqueMark() + " 笔架山生态旅游有限公司"

	judge := e.login(t, "judge1")
	caseNo, path := judge.fileCase(plaintiff,
		"penalty_before", "45000",
		"mediator_ids", "张秀英",
		"linkage", "1",
		"linkage_partner", "司法局",
	)
	judge.see("已立案", "清远市清新区林业局", "王建国", "张秀英", "联动单位：司法局", "行政处罚")

	judge.tap("记录一次调解")
	judge.within(`form[action="`+path+`/mediations"]`).fields(
		"held_on", today,
		"mode", "府院联合调解",
		"location", "太平镇法官工作室",
		"result", "调解成功",
		"participants", "原告代表；林业局副局长；司法局联络员",
		"agreement", "林业局将罚款调减为 25000 元，企业承诺全面复绿。",
	)
	judge.submit()
	judge.see("调解记录已保存", "调解中")
	row := judge.row("太平镇法官工作室")
	for _, want := range []string{today, "府院联合调解", "调解成功", "全面复绿", "王建国"} {
		if !strings.Contains(row, want) {
			t.Errorf("the mediation row %q does not show %s", row, want)
		}
	}

	judge.tap("结案")
	judge.within(`form[action="`+path+`/close"]`).fields(
		"closed_on", today,
		"method", "调解",
		"penalty_after", "25000",
	)
	judge.submit()
	if d := judge.dialogsSeen(); len(d) != 1 || !strings.Contains(d[0], "确定结案") {
		t.Errorf("closing asked %q, want one confirmation 确定结案", d)
	}
	judge.see("已结案。", caseNo)
	for label, want := range map[string]string{"状态": "已结案", "结案日期": today, "结案方式": "调解"} {
		if got := judge.fact(label); got != want {
			t.Errorf("the closed case shows %s %q, want %q", label, got, want)
		}
	}
	if got := judge.fact("结案后处罚金额"); !strings.Contains(got, "25") {
		t.Errorf("the closed case shows 结案后处罚金额 %q, want 25000 yuan", got)
	}
	judge.screenshot("case-detail")

	judge.click(`nav.sidenav a[href="/cases"]`)
	judge.within("form.filters").fill("q", caseNo)
	judge.submit()
	listed := judge.row(caseNo)
	for _, want := range []string{plaintiff, "已结案"} {
		if !strings.Contains(listed, want) {
			t.Errorf("the case list shows %q for %s, want %s", listed, caseNo, want)
		}
	}
}

// TestMediatorAddsAMediation: judge1 files a case naming mediator1; the
// mediator finds it among their cases, records a mediation, and is offered
// nothing else (no closing, no editing).
func TestMediatorAddsAMediation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	plaintiff := uniqueMark() + " 太平镇村民陈某"

	judge := e.login(t, "judge1")
	caseNo, path := judge.fileCase(plaintiff, "mediator_ids", "张秀英")

	mediator := e.login(t, "mediator1")
	mediator.click(`nav.sidenav a[href="/cases"]`)
	mediator.within("form.filters").fill("q", caseNo)
	mediator.submit()
	mediator.followInRow(caseNo, caseNo)
	if got := mediator.path(); got != path {
		t.Fatalf("the mediator opened %s, want %s", got, path)
	}
	mediator.tap("记录一次调解")
	mediator.within(`form[action="`+path+`/mediations"]`).fields(
		"held_on", today,
		"mode", "现场",
		"location", "太平镇人民调解室",
		"result", "继续调解",
		"participants", "原告陈某；林业局执法人员",
		"notes", "双方同意下周再次协商。",
	)
	mediator.submit()
	mediator.see("调解记录已保存")
	row := mediator.row("太平镇人民调解室")
	for _, want := range []string{"现场", "继续调解", "张秀英"} {
		if !strings.Contains(row, want) {
			t.Errorf("the mediation row %q does not show %s", row, want)
		}
	}
	for _, form := range []string{"/close", "/edit", "/suspend", "/assign", "/commitments"} {
		if n := mediator.count(`form[action="` + path + form + `"]`); n != 0 {
			t.Errorf("the mediator is offered the form %s%s", path, form)
		}
	}
}
