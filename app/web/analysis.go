package web

import (
	"bytes"
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
	"fuyuan/reports"
)

// figureTable computes the case figures by a dimension as the user may see
// them. Organs, regions, domains, case types and causes are public bodies
// and categories: every reader of statistics sees all their rows. The rows
// by judge are decided by stats:by_judge: a leader sees every judge, a judge
// their own row (the total stays the court's), other roles none.
func (s *Server) figureTable(c *gin.Context, p reports.Period, by string) (reports.FigureTable, error) {
	a, _ := actorOf(c)
	if _, ok := reports.Dimensions.Parse(by); !ok {
		return reports.FigureTable{}, app.Invalid("by", "分组维度应为 organ、region、domain、judge、case_type 或 cause")
	}
	vis := app.CourtVisibility(a.Court)
	if by == "judge" {
		var err error
		if vis, err = s.visibility(c, rbac.StatsByJudge); err != nil {
			return reports.FigureTable{}, err
		}
		if vis.None() {
			return reports.FigureTable{}, app.Errorf(app.EFORBIDDEN, "您没有查看各承办法官统计的权限")
		}
	}
	t, err := reports.CaseFiguresBy(c.Request.Context(), s.Store, a.Court, p, s.Clock.Today(), by)
	if err != nil || vis.Whole() {
		return t, err
	}
	rows := t.Rows[:0]
	for _, r := range t.Rows {
		judge, _ := strconv.ParseInt(r.Key, 10, 64)
		if vis.Sees(app.Record{Kind: "stats", Court: a.Court, Owner: judge}) {
			rows = append(rows, r)
		}
	}
	t.Rows = rows
	return t, nil
}

// analysisQuery is what the 分析 page shows: the period, the dimension and the sort.
type analysisQuery struct {
	Period reports.Period
	By     string
	Sort   string // a figure's key, or "label"
	Desc   bool
}

// parseAnalysis reads ?from&to&by&sort&dir (by default: this year, by
// organ, in the order of the labels).
func (s *Server) parseAnalysis(c *gin.Context) (analysisQuery, error) {
	q := analysisQuery{By: c.DefaultQuery("by", "organ"), Sort: c.DefaultQuery("sort", "label"), Desc: c.Query("dir") == "desc"}
	var err error
	if q.Period, err = statsPeriod(c.Query, s.Clock.Today()); err != nil {
		return q, err
	}
	if _, ok := reports.FigureColumnOf(q.Sort); !ok && q.Sort != "label" {
		return q, app.Invalid("sort", "排序字段不正确")
	}
	return q, nil
}

// analysisOf reads the 分析 request and its table in the order asked for:
// what the page and its export share.
func (s *Server) analysisOf(c *gin.Context) (analysisQuery, reports.FigureTable, error) {
	q, err := s.parseAnalysis(c)
	if err != nil {
		return q, reports.FigureTable{}, err
	}
	t, err := s.figureTable(c, q.Period, q.By)
	if err == nil {
		sortRows(t.Rows, q.Sort, q.Desc)
	}
	return q, t, err
}

// sortRows orders the rows by the chosen figure; a rate with nothing to
// count comes last whichever the direction, ties by label.
func sortRows(rows []reports.FigureRow, key string, desc bool) {
	col, byFigure := reports.FigureColumnOf(key)
	sort.SliceStable(rows, func(i, j int) bool {
		if byFigure {
			a, aok := col.Number(rows[i].CaseFigures)
			b, bok := col.Number(rows[j].CaseFigures)
			switch {
			case aok != bok:
				return aok
			case a != b:
				return (a < b) != desc
			}
		} else if rows[i].Label != rows[j].Label {
			return (rows[i].Label < rows[j].Label) != desc
		}
		return rows[i].Label < rows[j].Label
	})
}

// analysisHeader is a column header of the 分析 table with its sort link.
type analysisHeader struct {
	Key, Label, Href, Mark string
	Rate                   bool
}

// analysisCell is one figure of a row of the 分析 table.
type analysisCell struct {
	Key, Text string
	Empty     bool // a rate with nothing to count
}

// analysisRow is a row of the 分析 table.
type analysisRow struct {
	Key, Label string
	Cells      []analysisCell
}

func analysisCells(f reports.CaseFigures) []analysisCell {
	cells := make([]analysisCell, len(reports.FigureColumns))
	for i, col := range reports.FigureColumns {
		_, ok := col.Number(f)
		cells[i] = analysisCell{Key: col.Key, Text: col.Text(f), Empty: !ok}
	}
	return cells
}

// figureChart draws one figure of every row as horizontal bars (rates on a 0–100% scale).
// The labels' column is as wide as the longest label (an organ's full name
// is up to 16 characters and more), at most maxChartLabel characters, a
// longer one cut with "…" (the table beside it has the whole name).
func figureChart(col reports.FigureColumn, rows []reports.FigureRow) hbarChart {
	const barH, gap, width = 16.0, 6.0, 560
	labels := make([]string, len(rows))
	longest := 0
	for i, r := range rows {
		labels[i] = chartLabel(r.Label)
		longest = max(longest, utf8.RuneCountInString(labels[i]))
	}
	// 11 units a character (app.css: svg.chart text is 11px), 8 of gap to the bar.
	left := math.Max(96, float64(11*longest+16))
	c := hbarChart{W: width, Left: left, BarH: barH, Title: col.Label, Empty: true}
	top := 1.0
	if !col.Rate {
		top = 0
		for _, r := range rows {
			if v, _ := col.Number(r.CaseFigures); v > top {
				top = v
			}
		}
	}
	maxW := float64(width) - left - 80
	for i, r := range rows {
		v, ok := col.Number(r.CaseFigures)
		w := 0.0
		if ok && top > 0 {
			w = maxW * math.Min(v/top, 1)
		}
		if ok && v > 0 {
			c.Empty = false
		}
		c.Bars = append(c.Bars, hbar{Y: 6 + float64(i)*(barH+gap), W: round1(w), VX: round1(left + w + 6), Label: labels[i], Value: col.Text(r.CaseFigures)})
	}
	c.H = int(6 + float64(len(rows))*(barH+gap) + 4)
	return c
}

// maxChartLabel is how many characters of a label a figure's chart shows.
const maxChartLabel = 20

// chartLabel is label as a figure's chart shows it: at most maxChartLabel
// characters, the last of them "…" when it is longer.
func chartLabel(label string) string {
	r := []rune(label)
	if len(r) <= maxChartLabel {
		return label
	}
	return string(r[:maxChartLabel-1]) + "…"
}

// analysisPage is 分析: the case figures by organ, region, domain, judge,
// case type or cause, sortable by any figure, with the court's total, a
// chart per figure and the table's export.
func (s *Server) analysisPage(c *gin.Context) {
	q, t, err := s.analysisOf(c)
	if err != nil {
		s.renderError(c, err)
		return
	}
	link := func(set map[string]string) string {
		v := c.Request.URL.Query()
		for k, x := range set {
			if x == "" {
				v.Del(k)
			} else {
				v.Set(k, x)
			}
		}
		return "/analysis?" + v.Encode()
	}
	headers := []analysisHeader{{Key: "label", Label: reports.Dimensions.Label(q.By)}}
	for _, col := range reports.FigureColumns {
		headers = append(headers, analysisHeader{Key: col.Key, Label: col.Label, Rate: col.Rate})
	}
	for i, h := range headers {
		dir := "desc"
		if h.Key == "label" {
			dir = ""
		}
		if h.Key == q.Sort {
			if q.Desc {
				headers[i].Mark, dir = "▼", ""
			} else {
				headers[i].Mark, dir = "▲", "desc"
			}
		}
		headers[i].Href = link(map[string]string{"sort": h.Key, "dir": dir})
	}
	a, _ := actorOf(c)
	var dims []navItem
	for _, d := range reports.Dimensions.Options {
		if d.Code == "judge" && !s.Authz.Allowed(a, rbac.StatsByJudge) {
			continue
		}
		dims = append(dims, navItem{Href: link(map[string]string{"by": d.Code, "sort": "", "dir": ""}), Label: "按" + d.Label, Active: d.Code == q.By})
	}
	rows := make([]analysisRow, len(t.Rows))
	for i, r := range t.Rows {
		rows[i] = analysisRow{Key: r.Key, Label: r.Label, Cells: analysisCells(r.CaseFigures)}
	}
	var charts []hbarChart
	for _, col := range reports.FigureColumns {
		charts = append(charts, figureChart(col, t.Rows))
	}
	export := c.Request.URL.Query()
	export.Set("by", q.By)
	s.render(c, http.StatusOK, "analysis.html", "分析", gin.H{
		"Query": q, "DimLabel": reports.Dimensions.Label(q.By), "Headers": headers, "Rows": rows,
		"Total": analysisCells(t.Total), "Dims": dims, "Charts": charts, "Export": "/analysis.xlsx?" + export.Encode(),
	})
}

// analysisExport downloads the 分析 table as .xlsx, in the page's order.
func (s *Server) analysisExport(c *gin.Context) {
	q, t, err := s.analysisOf(c)
	var buf bytes.Buffer
	if err == nil {
		err = reports.WriteFigureTable(&buf, t, s.courtName(c), q.Period, s.Clock.Now())
	}
	if err != nil {
		s.failAuto(c, err)
		return
	}
	sendXLSX(c, fmt.Sprintf("%s行政案件分析-按%s-%s至%s.xlsx", s.courtName(c), reports.Dimensions.Label(q.By), q.Period.From, q.Period.To), buf.Bytes())
}
