package web

import (
	"fmt"
	"testing"
)

// TestDashboardChartsShowNoDataEveryMonthEveryValueAndThisMonth (issue 15):
// a year with nothing recorded has no bar at 0 but says 无数据; the 12-month
// line labels every month and prints the value on each point; the last,
// still running month carries its note.
func TestDashboardChartsShowNoDataEveryMonthEveryValueAndThisMonth(t *testing.T) {
	bars := newBarChart("近四年新收案件（件）", []string{"2023", "2024", "2025", "2026（至今）"}, []int64{0, 196, 173, 140}, true)
	if b := bars.Bars[0]; !b.NoData || b.Value != "无数据" || b.H != 0 {
		t.Errorf("a year without cases: %+v, want no bar and 无数据", b)
	}
	if b := bars.Bars[1]; b.NoData || b.Value != "196" || b.H <= 0 {
		t.Errorf("a year with cases: %+v", b)
	}

	var labels []string
	var rates []float64
	has := make([]bool, 12)
	for i := range 12 {
		labels = append(labels, fmt.Sprintf("%d月", 1+(i+11)%12))
		rates = append(rates, float64(i)/20)
		has[i] = i != 3
	}
	line := newLineChart("近 12 个月调撤率", labels, rates, has, "本月（截至25日）")
	for i, p := range line.Points {
		if p.Label != labels[i] {
			t.Errorf("point %d is labelled %q, want %q", i, p.Label, labels[i])
		}
		want := fmt.Sprintf("%.1f%%", rates[i]*100)
		if !has[i] {
			want = "无结案"
		}
		if p.Shown != want {
			t.Errorf("point %d prints %q, want %q", i, p.Shown, want)
		}
		if (p.Note != "") != (i == 11) {
			t.Errorf("point %d has the note %q", i, p.Note)
		}
	}
	if last := line.Points[11]; last.Note != "本月（截至25日）" || last.NX > float64(line.W) {
		t.Errorf("this month: %+v", last)
	}
}
