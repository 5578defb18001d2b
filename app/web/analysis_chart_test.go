package web

import (
	"strings"
	"testing"

	"fuyuan/reports"
)

// A figure's chart keeps every label inside the picture: its labels' column
// is as wide as the longest label at 11 units a character (app.css), and a
// label longer than maxChartLabel characters is cut with "…".
func TestFigureChartLabelsFitLeftOfTheBars(t *testing.T) {
	col := reports.FigureColumns[0]
	long := "清远市清新区人力资源和社会保障局" // 16 characters: cut off before
	tooLong := strings.Repeat("清远市", 8)
	rows := []reports.FigureRow{{Key: "1", Label: "司法局"}, {Key: "2", Label: long}, {Key: "3", Label: tooLong}}
	c := figureChart(col, rows)
	if c.Bars[1].Label != long {
		t.Errorf("label %q shown as %q", long, c.Bars[1].Label)
	}
	cut := c.Bars[2].Label
	if n := len([]rune(cut)); n != maxChartLabel || !strings.HasSuffix(cut, "…") || !strings.HasPrefix(tooLong, strings.TrimSuffix(cut, "…")) {
		t.Errorf("label of %d characters shown as %q (%d), want its first %d and …", len([]rune(tooLong)), cut, n, maxChartLabel-1)
	}
	if want := float64(11*maxChartLabel + 16); c.Left != want {
		t.Errorf("labels' column %.0f wide, want %.0f for %d characters", c.Left, want, maxChartLabel)
	}
	if short := figureChart(col, rows[:1]); short.Left != 96 {
		t.Errorf("labels' column %.0f for a three-character label, want the least, 96", short.Left)
	}
	for _, b := range c.Bars {
		if b.VX > float64(c.W) || b.W < 0 {
			t.Errorf("bar %q ends at %.1f of %d", b.Label, b.VX, c.W)
		}
	}
}
