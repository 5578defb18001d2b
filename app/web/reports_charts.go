package web

import (
	"fmt"
	"math"
)

// Charts of the dashboard, drawn on the server as inline SVG: the geometry
// is computed here and the template only places it (no chart library, no
// script, nothing from outside).

// chartGrid is a horizontal grid line with its value label.
type chartGrid struct {
	Y     float64
	Label string
}

// chartBar is one bar with its category and value labels.
type chartBar struct {
	X, Y, W, H   float64
	Label, Value string
	LX, LY       float64 // category label position
	VX, VY       float64 // value label position
	Current      bool    // the period still running (drawn lighter)
	NoData       bool    // nothing recorded: no bar, the value says 无数据
}

// noData is what a chart shows for a period with nothing recorded, rather than a bar or a point at 0.
const noData = "无数据"

// barChart is a vertical bar chart.
type barChart struct {
	W, H  int
	Bars  []chartBar
	Grid  []chartGrid
	Base  float64 // y of the axis
	Left  float64 // x of the axis
	Right float64
	Title string
}

// chartPoint is one point of a line chart: its category label below the
// axis, its value printed above it (Shown, shorter than Value), and for the
// period still running a note under its label.
type chartPoint struct {
	X, Y         float64
	Label, Value string
	Shown        string
	LX, LY       float64
	NoData       bool
	Note         string
	NX, NY       float64
}

// lineChart is a line chart of fractions (0–100%).
type lineChart struct {
	W, H   int
	Points []chartPoint
	Path   string
	Grid   []chartGrid
	Base   float64
	Left   float64
	Right  float64
	Title  string
	Empty  bool
}

// hbar is one bar of a horizontal bar chart.
type hbar struct {
	Y, W, VX     float64
	Label, Value string
}

// hbarChart is a horizontal bar chart (closings by method).
type hbarChart struct {
	W, H  int
	Left  float64
	BarH  float64
	Bars  []hbar
	Title string
	Empty bool
}

const (
	chartW, chartH                       = 560, 240
	padLeft, padRight, padTop, padBottom = 44.0, 12.0, 16.0, 34.0
)

// niceMax rounds v up to a round number for the top of an axis.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if v <= m*mag {
			return m * mag
		}
	}
	return 10 * mag
}

// newBarChart draws values (one per label); current marks the last bar as a period still running.
func newBarChart(title string, labels []string, values []int64, current bool) barChart {
	c := barChart{W: chartW, H: chartH, Title: title, Left: padLeft, Right: chartW - padRight, Base: chartH - padBottom}
	var top float64
	for _, v := range values {
		top = math.Max(top, float64(v))
	}
	top = niceMax(top)
	plotH := c.Base - padTop
	for i := 0; i <= 4; i++ {
		v := top * float64(i) / 4
		c.Grid = append(c.Grid, chartGrid{Y: c.Base - plotH*float64(i)/4, Label: trimFloat(v)})
	}
	n := float64(len(values))
	slot := (c.Right - c.Left) / math.Max(n, 1)
	w := math.Min(slot*0.6, 70)
	for i, v := range values {
		h := plotH * float64(v) / top
		x := c.Left + slot*float64(i) + (slot-w)/2
		bar := chartBar{
			X: round1(x), Y: round1(c.Base - h), W: round1(w), H: round1(h),
			Label: labels[i], Value: fmt.Sprint(v),
			LX: round1(x + w/2), LY: c.Base + 16, VX: round1(x + w/2), VY: round1(c.Base - h - 5),
			Current: current && i == len(values)-1,
		}
		if v == 0 {
			bar.NoData, bar.Value, bar.H = true, noData, 0
		}
		c.Bars = append(c.Bars, bar)
	}
	return c
}

// newLineChart draws fractions (one per label) on a 0–100% axis, every
// point with its label and its value; current, when not "", notes the last
// point as a period still running (本月（截至25日）).
func newLineChart(title string, labels []string, values []float64, hasData []bool, current string) lineChart {
	const notePad = 14.0
	c := lineChart{W: chartW, H: chartH + int(notePad), Title: title, Left: padLeft, Right: chartW - padRight - 8, Base: chartH - padBottom, Empty: true}
	plotH := c.Base - padTop
	for i := 0; i <= 4; i++ {
		c.Grid = append(c.Grid, chartGrid{Y: c.Base - plotH*float64(i)/4, Label: fmt.Sprintf("%d%%", i*25)})
	}
	n := len(values)
	step := (c.Right - c.Left) / math.Max(float64(n-1), 1)
	var path []string
	for i, v := range values {
		x := c.Left + step*float64(i)
		y := c.Base - plotH*math.Max(0, math.Min(v, 1))
		p := chartPoint{X: round1(x), Y: round1(y), Label: labels[i], Value: fmt.Sprintf("%.2f%%", v*100),
			Shown: fmt.Sprintf("%.1f%%", v*100), LX: round1(x), LY: c.Base + 16}
		if current != "" && i == n-1 {
			p.Note, p.NX, p.NY = current, round1(x+8), c.Base+16+notePad
		}
		if hasData[i] {
			c.Empty = false
			cmd := "L"
			if len(path) == 0 {
				cmd = "M"
			}
			path = append(path, fmt.Sprintf("%s%.1f %.1f", cmd, p.X, p.Y))
			c.Points = append(c.Points, p)
		} else {
			p.Y, p.Value, p.Shown, p.NoData = c.Base, "无结案", "无结案", true
			c.Points = append(c.Points, p)
		}
	}
	for i, s := range path {
		if i > 0 {
			c.Path += " "
		}
		c.Path += s
	}
	return c
}

// newHBarChart draws counts with their shares of total.
func newHBarChart(title string, labels []string, values []int64, total int64) hbarChart {
	const left, barH, gap = 96.0, 18.0, 8.0
	c := hbarChart{W: chartW, Left: left, BarH: barH, Title: title, Empty: total == 0}
	var top int64
	for _, v := range values {
		if v > top {
			top = v
		}
	}
	maxW := float64(chartW) - left - 110
	for i, v := range values {
		w := 0.0
		if top > 0 {
			w = maxW * float64(v) / float64(top)
		}
		share := 0.0
		if total > 0 {
			share = float64(v) / float64(total)
		}
		c.Bars = append(c.Bars, hbar{Y: 8 + float64(i)*(barH+gap), W: round1(w), VX: round1(left + w + 6), Label: labels[i],
			Value: fmt.Sprintf("%d 件（%.1f%%）", v, share*100)})
	}
	c.H = int(8 + float64(len(values))*(barH+gap) + 4)
	return c
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

func trimFloat(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}
