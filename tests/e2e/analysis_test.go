package e2e

import (
	"archive/zip"
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
)

// lossRates reads the 败诉率 column of the 分析 table, top to bottom: the
// rate as a fraction, or -1 for "—" (nothing to count).
func lossRates(t *testing.T, b *tab) []float64 {
	t.Helper()
	texts := eval[[]string](b, `Array.from(document.querySelectorAll('#analysis-table tbody td[data-key="organ_loss_rate"]')).map(function (td) { return td.textContent.trim(); })`)
	var out []float64
	for _, s := range texts {
		if s == "—" {
			out = append(out, -1)
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
		if err != nil {
			t.Fatalf("败诉率 %q is not a percentage", s)
		}
		out = append(out, v/100)
	}
	return out
}

// TestChiefSortsTheAnalysisByLossRateSwitchesDimensionAndDownloads: the
// division chief opens 分析, sorts the organs by 败诉率 (highest first, the
// organs with nothing closed last), switches to regions and downloads the
// table as an Excel workbook with the court's total.
func TestChiefSortsTheAnalysisByLossRateSwitchesDimensionAndDownloads(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	leader := e.login(t, "leader")
	leader.click(`nav.sidenav a[href="/analysis"]`)
	leader.see("行政案件分析（按行政机关）", "全院合计", "败诉率", "负责人出庭应诉率")
	if n := leader.count("#analysis-table tbody tr[data-key]"); n < 5 {
		t.Fatalf("the analysis by organ shows %d organs", n)
	}
	leader.click(`#analysis-table th[data-key="organ_loss_rate"] a`)
	rates := lossRates(t, leader)
	seenNull := false
	for i, r := range rates {
		if r < 0 {
			seenNull = true
			continue
		}
		if seenNull {
			t.Errorf("row %d: a 败诉率 of %.4f after a “—”: rates with nothing to count come last", i+1, r)
		}
		if i > 0 && rates[i-1] >= 0 && rates[i-1] < r {
			t.Errorf("rows %d and %d: 败诉率 %.4f then %.4f, want highest first", i, i+1, rates[i-1], r)
		}
	}
	if len(rates) < 2 || rates[0] <= 0 {
		t.Errorf("sorted by 败诉率 the organs show %v", rates)
	}
	if mark := leader.textOf(`#analysis-table th[data-key="organ_loss_rate"]`); !strings.Contains(mark, "▼") {
		t.Errorf("the sorted column is headed %q, want a ▼", mark)
	}
	if n := leader.count("#charts svg"); n < 10 {
		t.Errorf("%d charts, want one per figure", n)
	}
	leader.screenshot("analysis-by-organ")

	leader.click(`a[data-by][href*="by=region"]`)
	leader.see("行政案件分析（按地区）", "清新区")
	leader.screenshot("analysis-by-region")

	data, name := leader.download("#analysis-export")
	checkWorkbookText(t, name, data, "全院合计", "败诉率", "清新区")
}

// TestLiaisonSeesPerOrganFiguresAndNoCaseItMayNotRead: the justice bureau's
// liaison sees how each organ fares (organs are public bodies), but no
// judge's figures and no case: the page links to none.
func TestLiaisonSeesPerOrganFiguresAndNoCaseItMayNotRead(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	liaison := e.login(t, "liaison1")
	liaison.visit("/analysis")
	liaison.see("行政案件分析（按行政机关）", "全院合计", "负责人出庭应诉率")
	if n := liaison.count("#analysis-table tbody tr[data-key]"); n < 5 {
		t.Errorf("the liaison sees %d organs", n)
	}
	if n := liaison.count(`main a[href^="/cases"]`); n != 0 {
		t.Errorf("the analysis shows the liaison %d links to cases", n)
	}
	if n := liaison.count(`a[data-by][href*="by=judge"]`); n != 0 {
		t.Errorf("the liaison is offered the figures by judge")
	}
	if status := liaison.load("/analysis?by=judge"); status != 403 {
		t.Errorf("the liaison opening the figures by judge: %d, want 403", status)
	}
}

// checkWorkbookText fails the test unless data is an Office file (.xlsx,
// .docx: a zip of XML parts) whose text holds the words.
func checkWorkbookText(t *testing.T, name string, data []byte, words ...string) {
	t.Helper()
	if !strings.HasSuffix(name, ".xlsx") && !strings.HasSuffix(name, ".docx") {
		t.Errorf("the download is named %q, want an .xlsx or .docx", name)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s (%d bytes) is not an Excel workbook: %v", name, len(data), err)
	}
	var text strings.Builder
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		text.Write(b)
	}
	for _, w := range words {
		if !strings.Contains(text.String(), w) {
			t.Errorf("%s never says %s", name, w)
		}
	}
}

// TestChiefWritesTheWhitePaperAndDownloadsIt: the chief opens 白皮书 for the
// demo's last full year, writes 存在问题 and 意见建议, saves, and downloads
// the .docx twice; both carry the chapters and the figures' chapters.
func TestChiefWritesTheWhitePaperAndDownloadsIt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	leader := e.login(t, "leader")
	leader.click(`nav.sidenav a[href="/white-papers"]`)
	leader.see("行政审判白皮书（2025 年）", "七、存在问题", "八、意见建议")
	leader.within(`#chapters form`).fill("problems", "个别行政机关负责人出庭不出声").fill("suggestions", "将出庭应诉纳入法治政府考核")
	leader.submit()
	leader.see("已保存")
	leader.screenshot("white-paper")
	for i := 0; i < 2; i++ {
		// Headless Chromium suggests the name "download" for this .docx although
		// the answer names it (Content-Disposition, checked in app/web); the
		// file itself is checked here.
		data, _ := leader.download("#white-paper-docx")
		checkWorkbookText(t, "白皮书.docx", data, "一、基本情况", "二、行政机关败诉情况", "三、负责人出庭应诉情况", "个别行政机关负责人出庭不出声", "将出庭应诉纳入法治政府考核")
	}
}
