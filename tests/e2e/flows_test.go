package e2e

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// Issue 15's journeys: each repeats a task a role failed at, and checks the fix.

// listTotal is the "共 N 条" of the list page the tab shows.
func (b *tab) listTotal() int {
	b.t.Helper()
	m := regexp.MustCompile(`共 (\d+) 条`).FindStringSubmatch(b.bodyText())
	if m == nil {
		b.t.Fatalf("%s shows no total; it says: %s", b.where(), b.summary())
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestCaseListExportsTheFilteredCases: the leader and the liaison filter the
// case list and click 导出 Excel（按当前条件）: an .xlsx downloads with one row
// per case the filtered list counts (it was a 404).
func TestCaseListExportsTheFilteredCases(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, who := range []string{"leader", "liaison1"} {
		b := e.login(t, who)
		b.click(`nav.sidenav a[href="/cases"]`)
		b.within(`form.filters`).fields("status", "closed", "filed_from", "2025-01-01", "filed_to", "2025-12-31")
		b.submit()
		total := b.listTotal()
		data, name := b.download(`main a[href^="/reports/cases.xlsx"]`)
		if !strings.HasSuffix(name, ".xlsx") {
			t.Errorf("%s's export is named %q", who, name)
		}
		x, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s's export is no workbook: %v", who, err)
		}
		rows, _ := x.GetRows(x.GetSheetName(0))
		x.Close()
		if len(rows)-1 != total || total == 0 {
			t.Errorf("%s: the filtered list counts %d cases, the export has %d rows", who, total, len(rows)-1)
		}
		for _, r := range rows[1:] {
			if line := strings.Join(r, " "); !strings.Contains(line, "2025") || !strings.Contains(line, "已结案") {
				t.Errorf("%s's export has a row outside the filter: %s", who, line)
				break
			}
		}
	}
}

// printedPages prints the page the tab shows to PDF as the browser prints it
// (A4 from the page's CSS), saves it beside the screenshots and returns its number of pages.
func (b *tab) printedPages(name string) int {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionLimit)
	defer cancel()
	var pdf []byte
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: new(true), PrintBackground: new(true)})
		pdf = res.Data
		return err
	}))
	if err != nil {
		b.t.Fatalf("%s: printing to PDF: %v", b.where(), err)
	}
	b.screenshot(name) // makes sure the folder exists
	file := filepath.Join(shotDir, name+".pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("PDF of %s: %s", b.where(), file)
	return len(regexp.MustCompile(`/Type\s*/Page[^s\w]`).FindAll(pdf, -1))
}

// TestLetterDraftIsEditedReturnedCorrectedApprovedIssuedAndPrinted: judge1
// drafts a letter for a case (致送机关 comes from the case), edits it; the
// leader finds it on the landing page and returns it with a comment; judge1
// sees the return on the landing page, corrects the draft; the leader
// approves and issues it; the letter prints on one A4 page with one
// numbering and one reply request.
func TestLetterDraftIsEditedReturnedCorrectedApprovedIssuedAndPrinted(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mark := uniqueMark()
	const organ = "清远市清新区林业局"
	comment := mark + " 请写明处罚决定的文号。"

	judge := e.login(t, "judge1")
	judge.fileCase(mark + "林业开发有限公司")
	judge.follow("为本案起草建议函")
	if got := judge.textOf(`select[name="organ_id"] option:checked`); got != organ {
		t.Errorf("为本案起草建议函 sets 致送机关 to %q, want the case's organ %s", got, organ)
	}
	judge.within(`form[action="/letters"]`).fields(
		"kind", "判前建议函",
		"problems", "一、"+mark+"在查处卫星图斑反映的非法占用林地行为中，未对占地面积进行实地测量。\n二、作出罚款决定前未告知当事人陈述、申辩和要求听证的权利。",
		"suggestions", "一、会同自然资源部门对涉案地块重新实地勘测。\n二、依法补正告知程序。\n请贵局自收到本函之日起三十日内，将采纳情况及整改措施书面回复本院。",
	)
	judge.submit()
	judge.see("建议函草稿已保存", mark)
	letter := judge.path()
	judge.follow("修改草稿")
	judge.within(`form[action="`+letter+`/edit"]`).fill("suggestions",
		"一、会同自然资源部门对涉案地块重新实地勘测，以勘测结果认定占用林地面积。\n二、依法补正告知程序。\n请贵局自收到本函之日起三十日内，将采纳情况及整改措施书面回复本院。")
	judge.submit()
	judge.see("修改已保存", "以勘测结果认定占用林地面积")

	leader := e.login(t, "leader")
	leader.see("待审批的建议函")
	draft := "（第 " + strings.TrimPrefix(letter, "/letters/") + " 号草稿）"
	leader.followInRow(draft, draft)
	leader.within(`form[action="`+letter+`/return"]`).fill("comment", comment)
	leader.submit()
	leader.see("已退回起草法官修改", "退回修改", comment)
	leader.screenshot("letter-returned-leader")

	judge.visit("/")
	if row := judge.row(draft); !strings.Contains(row, comment) {
		t.Errorf("judge1's landing page shows the returned letter as %q, without the comment", row)
	}
	judge.screenshot("home-judge-returned")
	judge.followInRow(draft, draft)
	judge.see(comment)
	judge.follow("修改草稿")
	judge.within(`form[action="`+letter+`/edit"]`).fill("problems",
		"一、"+mark+"在查处卫星图斑反映的非法占用林地行为中（清新林罚〔2026〕12号），未对占地面积进行实地测量。\n二、作出罚款决定前未告知当事人陈述、申辩和要求听证的权利。")
	judge.submit()
	judge.see("修改已保存", "清新林罚〔2026〕12号", "草稿 · 待审批")

	leader.visit(letter)
	leader.within(`form[action="` + letter + `/approve"]`).submit()
	leader.see("已审批 · 待发出")
	leader.within(`form[action="`+letter+`/issue"]`).fill("issued_on", today)
	leader.submit()
	leader.see("已发出并编号")

	leader.follow("打印建议函")
	body := leader.bodyText()
	if n := strings.Count(body, "书面回复本院"); n != 1 {
		t.Errorf("the printed letter asks for the reply %d times, want once", n)
	}
	for _, want := range []string{"一、发现的问题", "（一）" + mark, "二、建议", "（二）依法补正告知程序"} {
		if !strings.Contains(body, want) {
			t.Errorf("the printed letter lacks %q", want)
		}
	}
	if pages := leader.printedPages("letter-print"); pages != 1 {
		t.Errorf("the letter prints on %d A4 pages, want 1", pages)
	}
}

// TestMediatorLandsOnTheirOpenCases: mediator1 logs in and lands on 我的在办案件,
// the open cases they mediate (not every case including closed ones), and a
// case page tells them only of the steps a mediator may take.
func TestMediatorLandsOnTheirOpenCases(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mark := uniqueMark()
	judge := e.login(t, "judge1")
	caseNo, path := judge.fileCase(mark+" 浸潭镇村民李某", "mediator_ids", "张秀英")

	mediator := e.login(t, "mediator1")
	mediator.see("我的在办案件")
	if !strings.Contains(mediator.path(), "/cases") {
		t.Errorf("mediator1 lands on %s, want their open cases", mediator.path())
	}
	mediator.screenshot("mediator-landing")
	if total := mediator.listTotal(); total == 0 {
		t.Errorf("mediator1's landing page lists no case")
	}
	if rows := eval[string](mediator, `Array.prototype.map.call(document.querySelectorAll("main table.list tbody tr"), function (r) { return r.innerText; }).join("\n")`); strings.Contains(rows, "已结案") {
		t.Errorf("mediator1's landing page lists closed cases:\n%s", rows)
	}
	mediator.within(`form.filters`).fill("q", caseNo)
	mediator.submit()
	mediator.row(caseNo)
	mediator.visit(path)
	hint := mediator.textOf("main p.hint")
	for _, step := range []string{"结案方式", "中止审理", "履行承诺"} {
		if strings.Contains(hint, step) {
			t.Errorf("the mediator's case page instructs %q: %s", step, hint)
		}
	}
	mediator.screenshot("mediator-case")
}

// TestJointMediationMakesTheLiaisonAbleToReadTheCase: judge1 files a case
// that is not a linkage case; the liaison cannot open it; judge1 adds a
// mediator on the case page, records a 府院联合调解 choosing the liaison and
// the mediator from the people; the case is now a linkage case and the
// liaison reads it.
func TestJointMediationMakesTheLiaisonAbleToReadTheCase(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mark := uniqueMark()
	judge := e.login(t, "judge1")
	_, path := judge.fileCase(mark + " 石潭镇某养殖场")

	liaison := e.login(t, "liaison1")
	if status := liaison.load(path); status != 403 {
		t.Fatalf("the liaison opens a case that is not a linkage case: %d", status)
	}

	judge.visit(path)
	judge.tap("指派调解员")
	judge.within(`form[action="`+path+`/assign"]`).fill("mediator_ids", "张秀英")
	judge.submit()
	judge.see("张秀英")
	judge.tap("记录一次调解")
	judge.within(`form[action="`+path+`/mediations"]`).fields(
		"held_on", today,
		"mode", "府院联合调解",
		"result", "继续调解",
		"participant_ids", "黄海涛",
		"participant_ids", "张秀英",
		"participants", "林业局副局长",
	)
	judge.submit()
	judge.see("府院联合调解使本案成为府院联动案件", "联动单位：司法局")
	judge.screenshot("case-joint-mediation")

	liaison.visit(path)
	liaison.see(mark, "府院联合调解", "张秀英（调解员）", "林业局副局长")
}
