package reports

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"fuyuan/app"
)

// The sheets of the monthly report, in order.
const (
	SheetSummary = "汇总"
	SheetMethods = "结案方式"
	SheetCases   = "案件明细"
	SheetLinkage = "府院联动"
	SheetField   = "巡回审判与工作室"
	SheetTrend   = "趋势"
	trendMonths  = 12
	// trendTitleColumns are the columns under the trend sheet's title: its
	// five of figures, a gap and the chart's twelve.
	trendTitleColumns = 18
	monthlyFormat     = "行政审判月度报表"
)

// MonthlySheets lists the sheets of the monthly report in order.
func MonthlySheets() []string {
	return []string{SheetSummary, SheetMethods, SheetCases, SheetLinkage, SheetOrgans, SheetField, SheetTrend}
}

// monthly is what the monthly report of one month shows.
type monthly struct {
	court    app.Court
	month    Month
	today    app.Date
	vis      app.Visibility
	periods  [4]Period // this month, the month last year, year to date, the same period last year
	figures  [4]Figures
	organs   FigureTable // the year to date by organ
	trend    []TrendPoint
	byYear   []int64
	years    []int
	generate time.Time
}

const (
	pMonth = iota
	pMonthLastYear
	pYTD
	pYTDLastYear
)

// Monthly writes the monthly report (月度报表) of court for month m to out:
// sheets 汇总, 结案方式, 案件明细, 府院联动, 巡回审判与工作室 and 趋势. Every
// figure is an SQL aggregate; the month's case list, limited to what vis sees, is
// streamed from the database cursor. The same data gives the same bytes.
func Monthly(ctx context.Context, s *app.Store, court string, m Month, vis app.Visibility, out io.Writer) error {
	r, err := newMonthly(ctx, s, court, m, vis)
	if err != nil {
		return err
	}
	w, err := newWorkbook()
	if err != nil {
		return err
	}
	defer w.f.Close()
	title := fmt.Sprintf("%s%s（%s）", r.court.Name, monthlyFormat, m.Chinese())
	if err := w.properties(title, r.court.Name, r.generate); err != nil {
		return err
	}
	if err := w.f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return err
	}
	for _, name := range MonthlySheets()[1:] {
		if _, err := w.f.NewSheet(name); err != nil {
			return err
		}
	}
	// The figures are aggregated while the month's cases stream into their
	// sheet: two readers at once, each on its own connection.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	figures := make(chan error, 1)
	app.Go(ctx, func() { figures <- r.loadFigures(ctx, s) })
	if err := r.casesSheet(ctx, s, w); err != nil {
		cancel()
		<-figures
		return err
	}
	if err := <-figures; err != nil {
		return err
	}
	for _, step := range []func(context.Context, *app.Store, *workbook) error{
		r.summarySheet, r.methodsSheet, r.linkageSheet, r.organsSheet, r.fieldSheet, r.trendSheet,
	} {
		if err := step(ctx, s, w); err != nil {
			return err
		}
	}
	return w.writeTo(out)
}

// newMonthly sets up the report of month m: the court and the four periods.
func newMonthly(ctx context.Context, s *app.Store, court string, m Month, vis app.Visibility) (*monthly, error) {
	c, err := s.GetCourt(ctx, court)
	if err != nil {
		return nil, err
	}
	r := &monthly{court: c, month: m, today: s.Clock.Today(), vis: vis}
	mp := m.Period()
	r.periods = [4]Period{mp, mp.LastYear(), {app.NewDate(m.Year, 1, 1), mp.To}, {}}
	r.periods[pYTDLastYear] = r.periods[pYTD].LastYear()
	// The day after the month at midnight in Shanghai: a fixed time stamp for the document.
	r.generate = time.Date(mp.To.Year, mp.To.Month, mp.To.Day, 0, 0, 0, 0, app.Shanghai).AddDate(0, 0, 1)
	return r, nil
}

// loadFigures aggregates every figure of the report: the four periods, the
// twelve months of the trend and new cases of the last three years. The
// accountability figures are read meanwhile (loadAccountability, its
// statements on connections of their own): the other figures are many
// short statements one after the other, mostly round trips.
func (r *monthly) loadFigures(ctx context.Context, s *app.Store) error {
	var acc [4]CaseFigures
	accErr := make(chan error, 1)
	app.Go(ctx, func() { accErr <- r.loadAccountability(ctx, s, &acc) })
	err := r.loadCaseAndRecordFigures(ctx, s)
	if e := <-accErr; err == nil {
		err = e
	}
	if err != nil {
		return err
	}
	for i, f := range acc {
		r.figures[i].Accountability = f.Accountability
		r.figures[i].Resolution = f.Resolution
	}
	return nil
}

// loadCaseAndRecordFigures aggregates the figures of the four periods but
// the accountability ones, the twelve months of the trend and new cases of
// the last three years.
func (r *monthly) loadCaseAndRecordFigures(ctx context.Context, s *app.Store) error {
	court, m, mp := r.court.Code, r.month, r.periods[pMonth]
	// One read of the figures per day from the earliest day the report needs.
	from := r.periods[pYTDLastYear].From
	if first := m.Add(1 - trendMonths).First(); first.Before(from) {
		from = first
	}
	l, err := loadLedger(ctx, s, court, Period{from, mp.To})
	if err != nil {
		return err
	}
	for i, p := range r.periods {
		asOf := p.To
		if r.today.Before(asOf) {
			asOf = r.today
		}
		r.figures[i] = newFigures()
		l.addCases(&r.figures[i], p)
		if err := addRecords(ctx, s, court, p, asOf, &r.figures[i]); err != nil {
			return err
		}
	}
	for _, mm := range LastMonths(m, trendMonths) {
		r.trend = append(r.trend, l.point(mm.Period()))
	}
	for y := m.Year - 2; y <= m.Year; y++ {
		year := Period{app.NewDate(y, 1, 1), app.NewDate(y, 12, 31)}
		if y == m.Year {
			year.To = mp.To
		}
		r.years = append(r.years, y)
		if l.span.covers(year) {
			n, _ := l.newCases(year)
			r.byYear = append(r.byYear, n)
			continue
		}
		n, err := NewCasesIn(ctx, s, court, []Period{year})
		if err != nil {
			return err
		}
		r.byYear = append(r.byYear, n[0])
	}
	return nil
}

// Metric kinds decide the cell format and how 同比 is computed.
const (
	kindCount = iota // a number of things: 同比 is the relative change
	kindRate         // a fraction shown as 0.00%: 同比 is the difference in percentage points
	kindDays         // average days: 同比 is the difference in days
	kindMoney        // yuan: 同比 is the relative change
)

// metric is one line of the summary; value is nil when the figure is
// unknown (a rate or an average with a zero denominator).
type metric struct {
	label string
	kind  int
	value func(Figures) *float64
}

func count(label string, f func(Figures) int64) metric {
	return metric{label, kindCount, func(x Figures) *float64 { return known(float64(f(x))) }}
}

func known(v float64) *float64 { return &v }

// SummaryMetrics lists the labels of the summary sheet, in order.
func SummaryMetrics() []string {
	var out []string
	for _, m := range summaryMetrics() {
		out = append(out, m.label)
	}
	return out
}

func summaryMetrics() []metric {
	ms := caseMetrics()
	ms = append(ms, fieldMetrics()...)
	ms = append(ms, linkageMetrics()...)
	return append(ms,
		count("罚款调整案件", func(f Figures) int64 { return f.FinesAdjusted }),
		metric{"罚款调减金额（元）", kindMoney, func(f Figures) *float64 { return known(f.FineReduction.Float()) }},
	)
}

// caseMetrics are the figures of filings and closings.
func caseMetrics() []metric {
	ms := []metric{
		count("新收案件", func(f Figures) int64 { return f.NewCases }),
		count("结案", func(f Figures) int64 { return f.Closed }),
	}
	for _, code := range litigationMethods {
		ms = append(ms, count("　其中："+app.CloseMethods.Label(code), func(f Figures) int64 { return f.ClosedByMethod[code] }))
	}
	ms = append(ms,
		metric{"调解率", kindRate, func(f Figures) *float64 { return f.MediationRate }},
		metric{"撤诉率", kindRate, func(f Figures) *float64 { return f.WithdrawalRate }},
		metric{"调撤率", kindRate, func(f Figures) *float64 { return f.MediationWithdrawalRate }},
		count("诉前调解收案", func(f Figures) int64 { return f.PreLitigationReceived }),
		count("诉前调解化解成功", func(f Figures) int64 { return f.PreLitigationResolved }),
		count("实质化解行政争议", func(f Figures) int64 { return f.ResolvedDisputes }),
	)
	ms = append(ms, resolvedMetrics()...)
	return append(ms,
		metric{"平均结案天数", kindDays, func(f Figures) *float64 { return f.AvgDaysToClose }},
		metric{"快审案件平均结案天数", kindDays, func(f Figures) *float64 { return f.AvgDaysToCloseFastTrack }},
	)
}

// fieldMetrics are the figures of circuit hearings, inspections, joint mediations and workstations.
func fieldMetrics() []metric {
	ms := []metric{
		count("巡回审判", func(f Figures) int64 { return f.CircuitHearings }),
		count("　其中：跨区域巡回审判", func(f Figures) int64 { return f.CrossRegionCircuitHearings }),
		count("现场勘验", func(f Figures) int64 { return f.Inspections }),
		count("府院联合及跨区域联合调解", func(f Figures) int64 { return f.JointMediations }),
	}
	for _, o := range app.ServiceKinds.Options {
		ms = append(ms, count("工作室服务："+o.Label, func(f Figures) int64 { return f.WorkstationServices[o.Code] }))
	}
	return append(ms, count("工作室服务人数", func(f Figures) int64 { return f.WorkstationPeople }))
}

// linkageMetrics are the figures of advisory letters, meetings and trainings.
func linkageMetrics() []metric {
	ms := []metric{count("发出建议函", func(f Figures) int64 { return f.LettersIssuedTotal() })}
	for _, o := range app.LetterKinds.Options {
		ms = append(ms, count("　其中："+o.Label, func(f Figures) int64 { return f.LettersIssued[o.Code] }))
	}
	ms = append(ms,
		count("建议函回复", func(f Figures) int64 { return f.LettersReplied }),
		count("建议函采纳", func(f Figures) int64 { return f.LettersAdopted }),
		metric{"建议函采纳率", kindRate, func(f Figures) *float64 { return f.AdoptionRate }},
		count("逾期未回复建议函（期末）", func(f Figures) int64 { return f.LettersOverdue }),
		count("行政执法培训", func(f Figures) int64 { return f.Trainings }),
		count("行政执法培训人次", func(f Figures) int64 { return f.TrainingAttendances }),
	)
	for _, o := range app.MeetingKinds.Options {
		ms = append(ms, count("会议："+o.Label, func(f Figures) int64 { return f.Meetings[o.Code] }))
	}
	return ms
}

// change is the 同比 of a metric: the relative change of a count or an
// amount, the difference of a rate in percentage points (PointsChange)
// or of an average in days; Unknown when either side is unknown or a count
// has no base (domain.md: never a difference with an unknown, never a
// change from zero).
func change(kind int, cur, prev *float64) any {
	if cur == nil || prev == nil {
		return Unknown
	}
	switch kind {
	case kindRate:
		return PointsChange(*cur, *prev)
	case kindDays:
		d, _ := DaysChange(cur, prev)
		return d
	}
	if *prev == 0 {
		return Unknown
	}
	return math.Round((*cur-*prev) / *prev * 10000) / 10000
}

func (w *workbook) valueStyle(kind int) int {
	switch kind {
	case kindRate:
		return w.st.rate
	case kindDays:
		return w.st.days
	case kindMoney:
		return w.st.money
	}
	return w.st.count
}

func (w *workbook) changeStyle(kind int) int {
	switch kind {
	case kindDays:
		return w.st.dayD
	case kindRate:
		return w.st.points
	}
	return w.st.delta
}

func metricValue(m metric, f Figures) any {
	v := m.value(f)
	if v != nil && m.kind == kindCount {
		return int64(*v)
	}
	return v
}

func (r *monthly) periodNote() string {
	p := r.periods
	note := fmt.Sprintf("本月 %s 至 %s；本年累计 %s 至 %s；去年同期 %s 至 %s", p[pMonth].From, p[pMonth].To,
		p[pYTD].From, p[pYTD].To, p[pYTDLastYear].From, p[pYTDLastYear].To)
	if r.today.Before(p[pMonth].To) {
		note += fmt.Sprintf("（本月未结束，数据截至 %s）", r.today)
	}
	return note
}

func (r *monthly) title(sheet string) string {
	return fmt.Sprintf("%s%s（%s）· %s", r.court.Name, monthlyFormat, r.month.Chinese(), sheet)
}

// summarySheet: every figure for the month, the month last year, the year to
// date and the same period last year, with both 同比 changes.
func (r *monthly) summarySheet(_ context.Context, _ *app.Store, w *workbook) error {
	sh := SheetSummary
	if err := w.title(sh, 7, fmt.Sprintf("%s%s（%s）", r.court.Name, monthlyFormat, r.month.Chinese()), r.periodNote()); err != nil {
		return err
	}
	if err := w.row(sh, 3, []int{w.st.header}, "指标", "本月", "去年同月", "本月同比", "本年累计", "去年同期", "累计同比"); err != nil {
		return err
	}
	row := 4
	for _, m := range summaryMetrics() {
		f := r.figures
		vs, cs := w.valueStyle(m.kind), w.changeStyle(m.kind)
		if err := w.row(sh, row, []int{w.st.text, vs, vs, cs, vs, vs, cs},
			m.label,
			metricValue(m, f[pMonth]), metricValue(m, f[pMonthLastYear]),
			change(m.kind, m.value(f[pMonth]), m.value(f[pMonthLastYear])),
			metricValue(m, f[pYTD]), metricValue(m, f[pYTDLastYear]),
			change(m.kind, m.value(f[pYTD]), m.value(f[pYTDLastYear])),
		); err != nil {
			return err
		}
		row++
	}
	row, err := r.efficiencyRows(w, sh, row)
	if err != nil {
		return err
	}
	notes := []string{
		"说明：新收、结案及各项比率只计诉讼案件（诉前调解除外）；每项按其自身事件的日期统计（立案按立案日期，结案按结案日期），中止的案件不计为结案。",
		"审限内结案率 = 审限（含延长、扣除期间）内结案数 ÷ 结案数；结收比 = 结案数 ÷ 新收数；",
		"结案率 = 结案数 ÷（期初未结 + 新收）；长期未结：期末未结且立案已满 12 个月。",
		"调撤率 =（调解 + 准予撤诉 + 按撤诉处理）÷ 结案数；同比：数量和金额为增减幅度，比率为增减百分点，平均天数为增减天数；比率或平均天数的分母为零时记“—”（无从计算，不是零），同比的一方为“—”或去年同期数量为零时同比也记“—”。",
	}
	for i, n := range notes {
		if err := w.put(sh, 1, row+1+i, n, w.st.note); err != nil {
			return err
		}
	}
	if err := w.signatures(sh, row+len(notes)+2); err != nil {
		return err
	}
	if err := w.widths(sh, 34, 12, 12, 14, 12, 12, 14); err != nil {
		return err
	}
	return w.printable(sh, 4, 3)
}

// methodsSheet: closings of litigation cases by method, with shares, and pre-litigation outcomes.
func (r *monthly) methodsSheet(_ context.Context, _ *app.Store, w *workbook) error {
	sh := SheetMethods
	if err := w.title(sh, 8, r.title(sh), r.periodNote()); err != nil {
		return err
	}
	if err := w.row(sh, 3, []int{w.st.header}, "结案方式", "本月", "本月占比", "本年累计", "累计占比", "去年同期", "去年同期占比", "累计同比"); err != nil {
		return err
	}
	f := r.figures
	row := 4
	line := func(label string, get func(Figures) int64, style int) error {
		m, y, l := get(f[pMonth]), get(f[pYTD]), get(f[pYTDLastYear])
		err := w.row(sh, row, []int{style, w.st.count, w.st.rate, w.st.count, w.st.rate, w.st.count, w.st.rate, w.st.delta},
			label, m, Rate(m, f[pMonth].Closed), y, Rate(y, f[pYTD].Closed), l, Rate(l, f[pYTDLastYear].Closed),
			change(kindCount, known(float64(y)), known(float64(l))))
		row++
		return err
	}
	for _, code := range litigationMethods {
		code := code
		if err := line(app.CloseMethods.Label(code), func(x Figures) int64 { return x.ClosedByMethod[code] }, w.st.text); err != nil {
			return err
		}
	}
	if err := line("合计", func(x Figures) int64 { return x.Closed }, w.st.bold); err != nil {
		return err
	}
	if err := line("其中：调撤（调解、准予撤诉、按撤诉处理）", func(x Figures) int64 { return x.Mediated() + x.Withdrawn() }, w.st.bold); err != nil {
		return err
	}
	row++
	if err := w.row(sh, row, []int{w.st.header}, "诉前调解", "本月", "化解率", "本年累计", "化解率", "去年同期", "化解率", "累计同比"); err != nil {
		return err
	}
	row++
	pre := func(label string, get func(Figures) int64) error {
		m, y, l := get(f[pMonth]), get(f[pYTD]), get(f[pYTDLastYear])
		err := w.row(sh, row, []int{w.st.text, w.st.count, w.st.rate, w.st.count, w.st.rate, w.st.count, w.st.rate, w.st.delta},
			label, m, Rate(m, f[pMonth].PreLitigationReceived), y, Rate(y, f[pYTD].PreLitigationReceived),
			l, Rate(l, f[pYTDLastYear].PreLitigationReceived), change(kindCount, known(float64(y)), known(float64(l))))
		row++
		return err
	}
	if err := pre("收案", func(x Figures) int64 { return x.PreLitigationReceived }); err != nil {
		return err
	}
	if err := pre("化解成功（调解）", func(x Figures) int64 { return x.PreLitigationResolved }); err != nil {
		return err
	}
	if err := w.widths(sh, 36, 10, 11, 10, 11, 10, 13, 11); err != nil {
		return err
	}
	return w.printable(sh, 4, 3)
}

// monthCaseColumns are the columns of the month's case list, case row
// columns (app.CaseRowColumns) by name with widths of their own: narrow
// enough, with the long names wrapped, that fitted to the width of an A4
// landscape page the list prints at a readable size (about 80%); the case
// type is part of the case number. The list ends with 本月事件.
var monthCaseColumns = []struct {
	name  string
	width float64
}{
	{"case_no", 19.5}, {"cause", 6.5}, {"domain", 6.5}, {"plaintiff_name", 11}, {"plaintiff_kind", 4.5}, {"organ_name", 12.5},
	{"filed_on", 9.5}, {"judge_name", 5.5}, {"status", 5.5}, {"deadline_on", 9.5}, {"days_left", 4.5}, {"deadline_status", 7},
	{"closed_on", 9.5}, {"close_method", 6.5},
	{"days_to_close", 4.5}, {"linkage", 4.5}, {"fast_track", 4}, {"penalty_before", 9}, {"penalty_after", 9},
}

// monthEventsColumn is the last column of the month's case list.
var monthEventsColumn = struct {
	header string
	width  float64
}{"本月事件", 5.5}

// MaxMonthlyCases caps the month's case list of the monthly report: the
// report is a summary to print and file; a longer list is the case-list
// export's job. A basic-level court files far fewer cases in a month.
const MaxMonthlyCases = 10_000

var errEnoughCases = errors.New("the month's case list is full")

// names are the court's organs and users by id.
type names struct {
	organs map[int64]string
	users  map[int64]string
}

func loadNames(ctx context.Context, s *app.Store, court string) (names, error) {
	n := names{organs: map[int64]string{}, users: map[int64]string{}}
	q := querier{ctx, s}
	for _, t := range []struct {
		query string
		into  map[int64]string
	}{
		{"SELECT id, name FROM organs WHERE court_code = ?", n.organs},
		{"SELECT id, name FROM users WHERE court_code = ?", n.users},
	} {
		if err := q.rows(t.query, []any{court}, func(r *sql.Rows) error {
			var id int64
			var name string
			if err := r.Scan(&id, &name); err != nil {
				return err
			}
			t.into[id] = name
			return nil
		}); err != nil {
			return n, err
		}
	}
	return n, nil
}

// casesSheet streams the month's cases (filed or closed in the month) straight from the cursor.
func (r *monthly) casesSheet(ctx context.Context, s *app.Store, w *workbook) error {
	sh := SheetCases
	n := len(monthCaseColumns) + 1
	cols := make([]app.CaseColumn, len(monthCaseColumns))
	widths := make([]float64, n)
	headers := make([]any, n)
	styles := make([]int, n)
	for i, c := range monthCaseColumns {
		cols[i] = app.CaseRowColumn(c.name)
		widths[i], headers[i], styles[i] = c.width, cols[i].Header, w.st.caseCell(cols[i].Kind, true)
	}
	widths[n-1], headers[n-1], styles[n-1] = monthEventsColumn.width, monthEventsColumn.header, w.st.listWrap
	sw, err := w.newStream(sh, 4, widths...)
	if err != nil {
		return err
	}
	note := "本月立案或结案的案件"
	if !r.vis.Whole() {
		note += "（仅列出您有权查看的案件）"
	}
	if err := w.streamRow(sw, 1, []int{w.st.title}, r.title(sh)); err != nil {
		return err
	}
	note += "；剩余天数与审限状态截至 " + r.today.String()
	if err := w.streamRow(sw, 2, []int{w.st.subtitle}, note+"；"+r.periodNote()); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(n)
	if err := sw.MergeCell("A1", last+"1"); err != nil {
		return err
	}
	if err := sw.MergeCell("A2", last+"2"); err != nil {
		return err
	}
	w.listWidths = widths
	defer func() { w.listWidths = nil }()
	if err := w.streamRow(sw, 3, []int{w.st.listHeader}, headers...); err != nil {
		return err
	}
	p := r.periods[pMonth]
	names, err := loadNames(ctx, s, r.court.Code)
	if err != nil {
		return err
	}
	visible, err := caseVisibility(ctx, s, r.court.Code, r.vis)
	if err != nil {
		return err
	}
	// Two reads of case rows in the order of their date indexes, with no
	// join and no condition that could lure the planner off the date range:
	// the cases filed in the month, then those closed in it that were filed
	// before. Names come from the maps; the visibility is applied here.
	row := 4
	values := make([]any, 0, n)
	write := func(second bool) func(c app.Case) error {
		return func(c app.Case) error {
			filed := p.contains(c.FiledOn)
			closed := c.Status == app.StatusClosed && p.contains(c.ClosedOn)
			if (!filed && !closed) || (second && filed) || !visible(c.ID, c.JudgeID, c.Linkage) {
				return nil
			}
			if row-4 >= MaxMonthlyCases {
				return errEnoughCases
			}
			events := "立案"
			switch {
			case filed && closed:
				events = "立案、结案"
			case closed:
				events = "结案"
			}
			c.OrganName, c.JudgeName = names.organs[c.OrganID], names.users[c.JudgeID]
			values = append(appendCells(values[:0], cols, &c), events)
			row++
			return w.streamRow(sw, row-1, styles, values...)
		}
	}
	read := s.SelectCases(app.CaseRead{})
	err = s.EachCaseRow(ctx, write(false), `SELECT `+read+` FROM cases WHERE court_code = ? AND filed_on >= ? AND filed_on <= ?
		ORDER BY filed_on, id`, r.court.Code, p.From, p.To)
	if err == nil {
		err = s.EachCaseRow(ctx, write(true), `SELECT `+read+` FROM cases WHERE court_code = ? AND closed_on >= ? AND closed_on <= ?
			ORDER BY closed_on, id`, r.court.Code, p.From, p.To)
	}
	if errors.Is(err, errEnoughCases) {
		err = w.streamRow(sw, row+1, []int{w.st.note}, fmt.Sprintf("本月案件超过 %d 件，本表只列出前 %d 件；完整清单请在“统计报表”页按立案日期导出案件清单。",
			MaxMonthlyCases, MaxMonthlyCases))
	}
	if err != nil {
		return err
	}
	return sw.Flush()
}

// periodTable writes a block of metrics with 本月, 本年累计, 去年同期 and 累计同比 from row; it returns the next free row.
func (r *monthly) periodTable(w *workbook, sh string, row int, first string, ms []metric) (int, error) {
	if err := w.row(sh, row, []int{w.st.header}, first, "本月", "本年累计", "去年同期", "累计同比"); err != nil {
		return row, err
	}
	row++
	f := r.figures
	for _, m := range ms {
		vs := w.valueStyle(m.kind)
		if err := w.row(sh, row, []int{w.st.text, vs, vs, vs, w.changeStyle(m.kind)}, m.label,
			metricValue(m, f[pMonth]), metricValue(m, f[pYTD]), metricValue(m, f[pYTDLastYear]),
			change(m.kind, m.value(f[pYTD]), m.value(f[pYTDLastYear]))); err != nil {
			return row, err
		}
		row++
	}
	return row, nil
}

// section writes a section heading and its column headers; it returns the next free row.
func (w *workbook) section(sh string, row int, heading string, headers ...any) (int, error) {
	if err := w.put(sh, 1, row, heading, w.st.bold); err != nil {
		return row, err
	}
	return row + 2, w.row(sh, row+1, []int{w.st.header}, headers...)
}

// linkageSheet: letters and meetings, figures and the month's lists.
func (r *monthly) linkageSheet(ctx context.Context, s *app.Store, w *workbook) error {
	sh := SheetLinkage
	// The widths first: the lists' wrapped rows are sized to them.
	if err := w.widths(sh, 30, 16, 28, 24, 14, 12, 10, 12, 10); err != nil {
		return err
	}
	if err := w.title(sh, 9, r.title(sh), r.periodNote()); err != nil {
		return err
	}
	row, err := r.periodTable(w, sh, 3, "府院联动", linkageMetrics())
	if err != nil {
		return err
	}
	p := r.periods[pMonth]
	row, err = w.section(sh, row+1, "本月发出或回复的建议函", "文号", "类型", "行政机关", "关联案号", "发出日期", "答复期限", "状态", "回复日期", "是否采纳")
	if err != nil {
		return err
	}
	st := w.st
	err = querier{ctx, s}.rows(`SELECT l.letter_no, l.kind, o.name, c.case_no, l.issued_on, l.reply_due_on, l.status, l.replied_on, l.adopted
		FROM letters l JOIN organs o ON o.id = l.organ_id LEFT JOIN cases c ON c.id = l.case_id
		WHERE l.court_code = ? AND ((l.issued_on >= ? AND l.issued_on <= ?) OR (l.replied_on >= ? AND l.replied_on <= ?))
		ORDER BY l.issued_on, l.id`, []any{r.court.Code, p.From, p.To, p.From, p.To}, func(rs *sql.Rows) error {
		var no, caseNo sql.NullString
		var kind, organ, status string
		var issued, due, replied app.Date
		var adopted sql.NullBool
		if err := rs.Scan(&no, &kind, &organ, &caseNo, &issued, &due, &status, &replied, &adopted); err != nil {
			return err
		}
		ad := ""
		if adopted.Valid {
			ad = app.YesNo(adopted.Bool)
		}
		err := w.row(sh, row, []int{st.text, st.text, st.text, st.text, st.date, st.date, st.text, st.date, st.text},
			no.String, app.LetterKinds.Label(kind), organ, caseNo.String, issued, due, app.LetterStatuses.Label(status), replied, ad)
		row++
		return err
	})
	if err != nil {
		return err
	}
	// The long texts in the wide columns A and C.
	row, err = w.section(sh, row+1, "本月会议与培训", "主题", "类型", "参会机关", "日期", "参会人次")
	if err != nil {
		return err
	}
	organs := map[int64][]string{}
	err = querier{ctx, s}.rows(`SELECT mo.meeting_id, o.name FROM meeting_organs mo
		JOIN meetings m ON m.id = mo.meeting_id JOIN organs o ON o.id = mo.organ_id
		WHERE m.court_code = ? AND m.held_on >= ? AND m.held_on <= ? ORDER BY mo.meeting_id, o.name`,
		[]any{r.court.Code, p.From, p.To}, func(rs *sql.Rows) error {
			var id int64
			var name string
			if err := rs.Scan(&id, &name); err != nil {
				return err
			}
			organs[id] = append(organs[id], name)
			return nil
		})
	if err != nil {
		return err
	}
	err = querier{ctx, s}.rows(`SELECT id, held_on, kind, topic, attendances FROM meetings
		WHERE court_code = ? AND held_on >= ? AND held_on <= ? ORDER BY held_on, id`,
		[]any{r.court.Code, p.From, p.To}, func(rs *sql.Rows) error {
			var id, att int64
			var held app.Date
			var kind, topic string
			if err := rs.Scan(&id, &held, &kind, &topic, &att); err != nil {
				return err
			}
			err := w.row(sh, row, []int{st.wrap, st.wrap, st.wrap, st.date, st.count},
				topic, app.MeetingKinds.Label(kind), strings.Join(organs[id], "、"), held, att)
			row++
			return err
		})
	if err != nil {
		return err
	}
	return w.printable(sh, 4, 0)
}

// fieldSheet: circuit hearings, inspections and workstations.
func (r *monthly) fieldSheet(ctx context.Context, s *app.Store, w *workbook) error {
	sh := SheetField
	if err := w.widths(sh, 30, 24, 14, 14, 14, 12, 12); err != nil {
		return err
	}
	if err := w.title(sh, 7, r.title(sh), r.periodNote()); err != nil {
		return err
	}
	row, err := r.periodTable(w, sh, 3, "巡回审判与工作室", fieldMetrics())
	if err != nil {
		return err
	}
	p := r.periods[pMonth]
	st := w.st
	row, err = w.section(sh, row+1, "本月巡回审判", "日期", "地点", "地区", "跨区域", "承办法官", "旁听人数", "审理案件数")
	if err != nil {
		return err
	}
	err = querier{ctx, s}.rows(`SELECT c.held_on, c.place, c.region, c.cross_region, u.name, c.audience,
			(SELECT COUNT(*) FROM circuit_cases cc WHERE cc.circuit_id = c.id)
		FROM circuits c LEFT JOIN users u ON u.id = c.judge_id
		WHERE c.court_code = ? AND c.held_on >= ? AND c.held_on <= ? ORDER BY c.held_on, c.id`,
		[]any{r.court.Code, p.From, p.To}, func(rs *sql.Rows) error {
			var held app.Date
			var place, region string
			var judge sql.NullString
			var cross bool
			var audience, cases int64
			if err := rs.Scan(&held, &place, &region, &cross, &judge, &audience, &cases); err != nil {
				return err
			}
			err := w.row(sh, row, []int{st.date, st.text, st.text, st.text, st.text, st.count, st.count},
				held, place, region, app.YesNo(cross), judge.String, audience, cases)
			row++
			return err
		})
	if err != nil {
		return err
	}
	row, err = w.section(sh, row+1, "本月现场勘验", "日期", "案号", "地点")
	if err != nil {
		return err
	}
	cond, cargs, _ := r.vis.Where(app.CaseColumns("c"))
	err = querier{ctx, s}.rows(`SELECT i.held_on, c.case_no, i.place FROM inspections i JOIN cases c ON c.id = i.case_id
		WHERE i.court_code = ? AND i.held_on >= ? AND i.held_on <= ? AND `+cond+` ORDER BY i.held_on, i.id`,
		append([]any{r.court.Code, p.From, p.To}, cargs...), func(rs *sql.Rows) error {
			var held app.Date
			var no, place string
			if err := rs.Scan(&held, &no, &place); err != nil {
				return err
			}
			err := w.row(sh, row, []int{st.date, st.text, st.text}, held, no, place)
			row++
			return err
		})
	if err != nil {
		return err
	}
	headers := []any{"法官工作室", "类型"}
	for _, o := range app.ServiceKinds.Options {
		headers = append(headers, o.Label)
	}
	headers = append(headers, "服务人数")
	row, err = w.section(sh, row+1, "本月法官工作室服务", headers...)
	if err != nil {
		return err
	}
	type station struct {
		name, kind string
		n          map[string]int64
		people     int64
	}
	var stations []*station
	byID := map[int64]*station{}
	err = querier{ctx, s}.rows(`SELECT w.id, w.name, w.kind, s.kind, COUNT(*), SUM(s.people)
		FROM (`+app.WorkstationServiceRows+`) s JOIN workstations w ON w.id = s.workstation_id
		WHERE s.court_code = ? AND s.held_on >= ? AND s.held_on <= ?
		GROUP BY w.id, w.name, w.kind, s.kind ORDER BY w.name, s.kind`,
		[]any{r.court.Code, p.From, p.To}, func(rs *sql.Rows) error {
			var id, n int64
			var name, wkind, skind string
			var people sql.NullInt64
			if err := rs.Scan(&id, &name, &wkind, &skind, &n, &people); err != nil {
				return err
			}
			st, ok := byID[id]
			if !ok {
				st = &station{name: name, kind: wkind, n: map[string]int64{}}
				byID[id] = st
				stations = append(stations, st)
			}
			st.n[skind] += n
			st.people += people.Int64
			return nil
		})
	if err != nil {
		return err
	}
	for _, one := range stations {
		values := []any{one.name, app.WorkstationKinds.Label(one.kind)}
		for _, o := range app.ServiceKinds.Options {
			values = append(values, one.n[o.Code])
		}
		values = append(values, one.people)
		if err := w.row(sh, row, []int{st.text, st.text, st.count}, values...); err != nil {
			return err
		}
		row++
	}
	return w.printable(sh, 4, 0)
}

// trendSheet: twelve months of new cases, closings and 调撤率 with a line
// chart, and new cases of the last three years.
func (r *monthly) trendSheet(_ context.Context, _ *app.Store, w *workbook) error {
	sh := SheetTrend
	// The title spans the tables and the chart beside them (G to R).
	if err := w.title(sh, trendTitleColumns, r.title(sh), fmt.Sprintf("%s 至 %s 各月", r.trend[0].Period.From, r.trend[len(r.trend)-1].Period.To)); err != nil {
		return err
	}
	if err := w.row(sh, 3, []int{w.st.header}, "月份", "新收案件", "结案", "调撤结案", "调撤率"); err != nil {
		return err
	}
	st := w.st
	for i, p := range r.trend {
		if err := w.row(sh, 4+i, []int{st.text, st.count, st.count, st.count, st.rate},
			MonthOf(p.Period.From).String(), p.NewCases, p.Closed, p.MediatedOrWithdrawn, p.MediationWithdrawalRate); err != nil {
			return err
		}
	}
	last := 3 + len(r.trend)
	row := last + 2
	if err := w.row(sh, row, []int{st.header}, "年份", "新收案件"); err != nil {
		return err
	}
	for i, y := range r.years {
		label := fmt.Sprintf("%d年", y)
		if y == r.month.Year {
			label = fmt.Sprintf("%d年1—%d月", y, r.month.Month)
		}
		if err := w.row(sh, row+1+i, []int{st.text, st.count}, label, r.byYear[i]); err != nil {
			return err
		}
	}
	ref := func(col string) string { return fmt.Sprintf("'%s'!$%s$4:$%s$%d", sh, col, col, last) }
	chart := &excelize.Chart{
		Type: excelize.Line,
		Series: []excelize.ChartSeries{{
			Name: fmt.Sprintf("'%s'!$B$3", sh), Categories: ref("A"), Values: ref("B"),
			Marker: excelize.ChartMarker{Symbol: "circle", Size: 6},
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "近12个月新收案件与调撤率"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 720, Height: 360},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "新收案件（件）"}}}},
		PlotArea:  excelize.ChartPlotArea{ShowVal: false},
	}
	rate := &excelize.Chart{
		Type: excelize.Line,
		Series: []excelize.ChartSeries{{
			Name: fmt.Sprintf("'%s'!$E$3", sh), Categories: ref("A"), Values: ref("E"),
			Marker: excelize.ChartMarker{Symbol: "diamond", Size: 6},
		}},
		YAxis: excelize.ChartAxis{Secondary: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"},
			Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "调撤率"}}}},
	}
	if err := w.f.AddChart(sh, "G3", chart, rate); err != nil {
		return err
	}
	if err := w.widths(sh, 12, 11, 11, 11, 11); err != nil {
		return err
	}
	return w.printable(sh, 4, 3)
}
