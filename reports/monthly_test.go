package reports_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/reports"
	"fuyuan/reports/reportstest"
)

// summaryOf generates the monthly report of m for the whole court and
// returns its summary sheet's rows by label.
func summaryOf(t *testing.T, s *app.Store, m reports.Month) map[string][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := reports.Monthly(context.Background(), s, "粤1803", m, app.CourtVisibility("粤1803"), &buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(reports.SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, r := range rows {
		if len(r) >= 7 {
			out[r[0]] = r
		}
	}
	return out
}

func TestSamePeriodLastYearEndsOnTheLastDayOfTheMonth(t *testing.T) {
	d := app.MustDate
	tests := []struct{ day, want string }{
		{"2025-02-28", "2024-02-29"}, // a February after a leap year has all 29 days to compare with
		{"2024-02-29", "2023-02-28"},
		{"2025-02-27", "2024-02-27"},
		{"2025-03-31", "2024-03-31"},
		{"2025-01-01", "2024-01-01"},
		{"2025-12-31", "2024-12-31"},
		{"2026-04-30", "2025-04-30"},
	}
	for _, tt := range tests {
		if got := d(tt.day).SameDayLastYear().String(); got != tt.want {
			t.Errorf("SameDayLastYear(%s) = %s, want %s", tt.day, got, tt.want)
		}
	}
	p := reports.Month{Year: 2025, Month: 2}.Period().LastYear()
	if p.From.String() != "2024-02-01" || p.To.String() != "2024-02-29" {
		t.Errorf("February 2025 last year is %s to %s, want 2024-02-01 to 2024-02-29", p.From, p.To)
	}
}

// The February report of a year after a leap year counts 29 February in
// 去年同月 and 去年同期; a rate or an average with nothing to count reads "—",
// and so does a 同比 against it (never a difference with an unknown).
func TestTheFebruaryReportAfterALeapYearCountsThe29thAndShowsUnknownRatesAsDashes(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		clock.Set(time.Date(2025, 3, 10, 9, 0, 0, 0, app.Shanghai))
		courts := apptest.MustCourts(t, s)
		f := reportstest.New(t, s, "粤1803", courts.Organ.ID, courts.Users["judge1"].ID)
		d := app.MustDate
		f.Case(reportstest.Case{FiledOn: d("2024-02-10"), ClosedOn: d("2024-02-29"), Method: "mediation"})
		f.Case(reportstest.Case{FiledOn: d("2024-02-29")})
		f.Case(reportstest.Case{FiledOn: d("2024-02-28")})
		f.Case(reportstest.Case{FiledOn: d("2025-02-05")})
		f.Case(reportstest.Case{FiledOn: d("2025-02-06")})

		sum := summaryOf(t, s, reports.Month{Year: 2025, Month: 2})
		// 指标, 本月, 去年同月, 本月同比, 本年累计, 去年同期, 累计同比
		check := func(label string, want ...string) {
			t.Helper()
			row := sum[label]
			if row == nil {
				t.Fatalf("no row %s", label)
			}
			for i, w := range want {
				if w != "" && row[1+i] != w {
					t.Errorf("%s: %v, want %v", label, row[1:7], want)
					return
				}
			}
		}
		check("新收案件", "2", "3", "", "2", "3", "")
		check("结案", "0", "1", "", "0", "1", "")
		check("调撤率", "—", "100.00%", "—", "—", "100.00%", "—")
		check("平均结案天数", "—", "19.0", "—", "—", "19.0", "—")
	})
}
