package reports_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/reports"
	"fuyuan/reports/reportstest"
)

// TestThePrintedMonthlyReportRepeatsItsHeadersAndKeepsTheCaseListReadable
// guards issue 15's printed monthly report, as LibreOffice prints it to PDF:
// every page of the summary starts with its column headers; the case list is
// fitted to the width of the page only, so it runs to as many pages as its
// rows need at a readable size (not one shrunken page) with its headers on
// each; the trend sheet's title is on the page; the 同比 of a rate is in
// 个百分点; a year without fast-track cases has no average ("—", not 0.0);
// and the summary ends with the block it is signed in.
func TestThePrintedMonthlyReportRepeatsItsHeadersAndKeepsTheCaseListReadable(t *testing.T) {
	clock := app.NewFakeClock(time.Date(2025, 7, 3, 9, 0, 0, 0, app.Shanghai))
	s := apptest.MustOpenSQLite(t, clock)
	courts := apptest.MustCourts(t, s)
	f := reportstest.New(t, s, "粤1803", courts.Organ.ID, courts.Users["judge1"].ID)
	const cases = 150
	f.InTx(func() {
		for i := range cases {
			c := reportstest.Case{FiledOn: app.NewDate(2025, 6, 1+i%30), Plaintiff: fmt.Sprintf("清远市清新区第%d号建设工程有限公司", i)}
			switch i % 6 {
			case 0:
				c.ClosedOn, c.Method = app.NewDate(2025, 6, 30), "mediation"
			case 3:
				c.ClosedOn, c.Method = app.NewDate(2025, 6, 30), "judgment"
			}
			f.Case(c)
		}
		// Last June: three closings, one mediated, so that the 调解率 has a 同比.
		for i, m := range []string{"mediation", "judgment", "judgment"} {
			f.Case(reportstest.Case{FiledOn: app.NewDate(2024, 5, 1+i), ClosedOn: app.NewDate(2024, 6, 10), Method: m})
		}
	})
	var xlsx bytes.Buffer
	if err := reports.Monthly(context.Background(), s, "粤1803", reports.Month{Year: 2025, Month: 6}, app.CourtVisibility("粤1803"), &xlsx); err != nil {
		t.Fatal(err)
	}
	pages := reportstest.PagesAsLibreOfficePrintsThem(t, xlsx.Bytes())

	// A page belongs to the sheet whose title it shows, or else to the
	// sheet of the page before it.
	sheets := map[string][]reportstest.PrintedPage{}
	sheet := ""
	for _, p := range pages {
		if strings.Contains(p.Text, "行政审判月度报表（2025年6月）") {
			sheet = reports.SheetSummary
			for _, name := range reports.MonthlySheets() {
				if strings.Contains(p.Text, "· "+name) {
					sheet = name
				}
			}
		}
		sheets[sheet] = append(sheets[sheet], p)
	}
	summary, caseList, trend := sheets[reports.SheetSummary], sheets[reports.SheetCases], sheets[reports.SheetTrend]
	if len(summary) < 2 {
		t.Fatalf("the summary printed on %d pages; this test needs it on two or more", len(summary))
	}
	for i, p := range summary {
		if !strings.Contains(p.Text, "指标") || !strings.Contains(p.Text, "累计同比") {
			t.Errorf("summary page %d has no column headers: %.200s", i+1, p.Text)
		}
	}
	last := summary[len(summary)-1].Text
	for _, want := range []string{"填报人", "审核人", "日期"} {
		if !strings.Contains(last, want) {
			t.Errorf("the summary's last page has no %s to sign", want)
		}
	}
	line := func(label string) string {
		for _, p := range summary {
			if l := p.Line(label); l != nil {
				return strings.Join(l, " ")
			}
		}
		t.Errorf("the summary has no line %s", label)
		return ""
	}
	// 25 of 50 closings mediated against 1 of 3: 50.00% against 33.33%.
	if got, want := line("调解率"), "调解率 50.00% 33.33% +16.67个百分点"; !strings.HasPrefix(got, want) {
		t.Errorf("the 同比 of a rate: %q, want it to start %q", got, want)
	}
	if got := line("快审案件平均结案天数"); got != "快审案件平均结案天数 — — — — — —" {
		t.Errorf("without fast-track cases: %q, want — in every column", got)
	}

	// 150 rows cannot be read on one page: at a readable size they take
	// several, each with the column headers.
	if len(caseList) < cases/40 {
		t.Errorf("the case list of %d cases printed on %d pages: shrunk to fit", cases, len(caseList))
	}
	for i, p := range caseList {
		if !strings.Contains(p.Text, "被告行政机关") {
			t.Errorf("case list page %d has no column headers", i+1)
		}
		for _, w := range p.Words {
			// A box 9.1 points tall is a font of about 7 points as printed.
			if strings.HasPrefix(w.Text, "（2025）") && w.Height() < 9.1 {
				t.Errorf("case list page %d: %s printed %.1f points tall, too small to read", i+1, w.Text, w.Height())
				break
			}
		}
	}

	if len(trend) != 1 {
		t.Fatalf("the trend sheet printed on %d pages", len(trend))
	}
	// The title is centred over the figures and the chart: it starts right
	// of the table's left edge (the first month, left-aligned in column A);
	// centred over the figures alone it is wider than they are, and cut.
	left, right := -1.0, trend[0].Width
	for _, w := range trend[0].Words {
		if w.Text == "2024-07" {
			left = w.XMin
		}
	}
	for _, w := range trend[0].Words {
		if strings.Contains(w.Text, "行政审判月度报表") && (w.XMin < left || w.XMax > right) {
			t.Errorf("the trend sheet's title %q is cut: it runs from %.0f to %.0f, the table starts at %.0f", w.Text, w.XMin, w.XMax, left)
		}
	}
}
