package e2e

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestLeaderDownloadsTheMonthlyReport: the leader opens 统计报表, downloads
// last month's report from the button and another month from the month
// picker; both are real Excel workbooks of that month.
func TestLeaderDownloadsTheMonthlyReport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	leader := e.login(t, "leader")
	leader.click(`nav.sidenav a[href="/reports"]`)
	leader.see("统计报表", "月度报表", "下载上月月报（2026年10月）")
	leader.screenshot("reports")

	data, name := leader.download(`.page-head a[href*="monthly.xlsx?month=2026-10"]`)
	checkWorkbook(t, name, data, "2026")

	leader.within("#monthly form").fill("month", "2026-09")
	data, name = leader.download(`#monthly form [type="submit"]`)
	checkWorkbook(t, name, data, "2026")
	if !strings.Contains(name, "2026-09") && !strings.Contains(name, "202609") && !strings.Contains(name, "2026年9月") {
		t.Errorf("the report picked for September is named %q", name)
	}
}

// checkWorkbook fails the test unless data is an .xlsx workbook with several
// sheets whose text mentions 调撤率 and the given words.
func checkWorkbook(t *testing.T, name string, data []byte, words ...string) {
	t.Helper()
	if !strings.HasSuffix(name, ".xlsx") {
		t.Errorf("the download is named %q, want an .xlsx", name)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s (%d bytes) is not an Excel workbook: %v", name, len(data), err)
	}
	var text strings.Builder
	sheets := 0
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			sheets++
		}
		if !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %s: %v", name, f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %s: %v", name, f.Name, err)
		}
		text.Write(b)
	}
	if sheets < 2 {
		t.Errorf("%s has %d sheets, want the report's several sheets", name, sheets)
	}
	for _, w := range append([]string{"调撤率"}, words...) {
		if !strings.Contains(text.String(), w) {
			t.Errorf("%s never says %s", name, w)
		}
	}
}

// TestJudgeWorksFromTheCaseRegisterAndReports (issue 7, acceptance 2): as
// judge1 the case list, the new-case form with inputs named as api.md's
// JSON keys, and /reports with a link to the monthly report all work.
func TestJudgeWorksFromTheCaseRegisterAndReports(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	judge := e.login(t, "judge1")
	judge.click(`nav.sidenav a[href="/cases"]`)
	if n := judge.count(`main table.list tbody tr a[href^="/cases/"]`); n == 0 {
		t.Errorf("judge1's case list links no case: %s", judge.summary())
	}
	judge.follow("新立案件")
	for _, name := range []string{
		"case_type", "cause", "domain", "plaintiff.name", "plaintiff.kind", "organ_id", "filed_on",
		"judge_id", "mediator_ids", "linkage", "linkage_partner", "cross_region", "region",
		"workstation_id", "fast_track", "simplified", "penalty_before",
	} {
		if judge.count(`form[action="/cases"] [name="`+name+`"]`) == 0 {
			t.Errorf("the new-case form has no input named %s", name)
		}
	}
	if got := judge.attr(`form[action="/cases"] [name="filed_on"]`, "type"); got != "date" {
		t.Errorf("filed_on is an input of type %q, want date", got)
	}
	judge.click(`nav.sidenav a[href="/reports"]`)
	if n := judge.count(`main a[href*="monthly.xlsx?month="]`); n == 0 {
		t.Errorf("/reports links no monthly report: %s", judge.summary())
	}
}
