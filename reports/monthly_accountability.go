package reports

import (
	"context"
	"database/sql"
	"sort"
	"strconv"

	"fuyuan/app"
)

// SheetOrgans is the monthly report's sheet of how each organ fares in court.
const SheetOrgans = "行政机关应诉"

// efficiencyMetric is a line of the summary's 审判效率 block: a rate (nil:
// nothing to count) or a count of the accountability figures.
type efficiencyMetric struct {
	label string
	rate  func(Accountability) *float64
	count func(Accountability) int64
}

// efficiencyMetrics are the efficiency figures of domain.md on the summary.
var efficiencyMetrics = []efficiencyMetric{
	{label: "法定审限内结案率", rate: func(a Accountability) *float64 { return a.ClosedWithinLimitRate }},
	{label: "结收比", rate: func(a Accountability) *float64 { return a.ClosureRatio }},
	{label: "结案率", rate: func(a Accountability) *float64 { return a.ClearanceRate }},
	{label: "长期未结案件（期末）", count: func(a Accountability) int64 { return a.LongPending }},
}

// EfficiencyMetrics lists the labels of the summary's efficiency lines.
func EfficiencyMetrics() []string {
	out := make([]string, len(efficiencyMetrics))
	for i, m := range efficiencyMetrics {
		out[i] = m.label
	}
	return out
}

// loadAccountability reads the accountability figures of the report's four
// periods into totals (the court's, by period) and r.organs: each year's
// month and year to date together (caseFigureTables; the month lies within
// the year to date), this year's grouped by organ for the year to date's
// table by organ (the organs' sheet), last year's not grouped at all (a
// GROUP BY sorts every record read, the court's total adds them up as they
// are read).
func (r *monthly) loadAccountability(ctx context.Context, s *app.Store, totals *[4]CaseFigures) error {
	for _, pair := range [][2]int{{pMonth, pYTD}, {pMonthLastYear, pYTDLastYear}} {
		reqs := make([]figureRequest, len(pair))
		for j, i := range pair {
			p := r.periods[i]
			asOf := p.To
			if r.today.Before(asOf) {
				asOf = r.today
			}
			reqs[j] = figureRequest{figurePeriod{p, asOf}, ""}
			if i == pYTD {
				reqs[j].by = "organ"
			}
		}
		tables, err := caseFigureTables(ctx, s, r.court.Code, reqs)
		if err != nil {
			return err
		}
		for j, i := range pair {
			t := tables[j]
			totals[i] = t.Total
			if i == pYTD {
				r.organs = t
			}
		}
	}
	return nil
}

// efficiencyRows writes the efficiency lines of the summary from row: the
// four periods and both 同比 (percentage points for a rate, "—" without a
// base); it returns the next free row.
func (r *monthly) efficiencyRows(w *workbook, sh string, row int) (int, error) {
	f := r.figures
	for _, m := range efficiencyMetrics {
		vals := make([]any, 0, 7)
		styles := []int{w.st.text}
		vals = append(vals, m.label)
		cell := func(a Accountability) (any, int) {
			if m.count != nil {
				return m.count(a), w.st.count
			}
			if v := m.rate(a); v != nil {
				return *v, w.st.rate
			}
			return Unknown, w.st.text
		}
		delta := func(cur, prev Accountability) (any, int) {
			if m.count != nil {
				d := change(kindCount, known(float64(m.count(cur))), known(float64(m.count(prev))))
				if d == Unknown {
					return d, w.st.text
				}
				return d, w.st.delta
			}
			c, p := m.rate(cur), m.rate(prev)
			if c == nil || p == nil {
				return Unknown, w.st.text
			}
			return PointsChange(*c, *p), w.st.points
		}
		for _, pair := range [][2]int{{pMonth, pMonthLastYear}, {pYTD, pYTDLastYear}} {
			v1, s1 := cell(f[pair[0]].Accountability)
			v2, s2 := cell(f[pair[1]].Accountability)
			d, sd := delta(f[pair[0]].Accountability, f[pair[1]].Accountability)
			vals = append(vals, v1, v2, d)
			styles = append(styles, s1, s2, sd)
		}
		if err := w.row(sh, row, styles, vals...); err != nil {
			return row, err
		}
		row++
	}
	return row, nil
}

// organLetters counts each organ's letters issued and adopted in the period
// (issued by issued_on, adopted by replied_on).
func organLetters(ctx context.Context, s *app.Store, court string, p Period) (map[string][2]int64, error) {
	out := map[string][2]int64{}
	err := querier{ctx, s}.rows(`SELECT organ_id,
			SUM(CASE WHEN issued_on >= ? AND issued_on <= ? THEN 1 ELSE 0 END),
			SUM(CASE WHEN replied_on >= ? AND replied_on <= ? AND adopted <> 0 THEN 1 ELSE 0 END)
		FROM letters WHERE court_code = ? AND ((issued_on >= ? AND issued_on <= ?) OR (replied_on >= ? AND replied_on <= ?))
		GROUP BY organ_id`, []any{p.From, p.To, p.From, p.To, court, p.From, p.To, p.From, p.To}, func(r *sql.Rows) error {
		var id int64
		var issued, adopted sql.NullInt64
		if err := r.Scan(&id, &issued, &adopted); err != nil {
			return err
		}
		out[strconv.FormatInt(id, 10)] = [2]int64{issued.Int64, adopted.Int64}
		return nil
	})
	return out, err
}

// organsSheet: each organ's cases, losses, heads in court and letters in the
// year to date (an organ has few cases in one month), with the court's total.
func (r *monthly) organsSheet(ctx context.Context, s *app.Store, w *workbook) error {
	sh := SheetOrgans
	p := r.periods[pYTD]
	t := r.organs
	letters, err := organLetters(ctx, s, r.court.Code, p)
	if err != nil {
		return err
	}
	headers := []any{"行政机关", "新收案件", "结案", "败诉", "败诉率", "开庭案件", "负责人出庭", "负责人出庭应诉率", "发出建议函", "建议函采纳"}
	if err := w.title(sh, len(headers), r.title(sh), "本年累计 "+p.From.String()+" 至 "+p.To.String()+"；败诉率 = 败诉 ÷ 结案，出庭应诉率 = 负责人出庭案件 ÷ 开庭案件；“—”表示无从计算"); err != nil {
		return err
	}
	if err := w.row(sh, 3, []int{w.st.header}, headers...); err != nil {
		return err
	}
	rate := func(v *float64, bold bool) (any, int) {
		if v == nil {
			return Unknown, w.st.text
		}
		if bold {
			return *v, w.st.boldRate
		}
		return *v, w.st.rate
	}
	line := func(row int, label string, f CaseFigures, l [2]int64, bold bool) error {
		loss, ls := rate(f.OrganLossRate, bold)
		appear, as := rate(f.HeadAppearanceRate, bold)
		first := w.st.text
		if bold {
			first = w.st.bold
		}
		return w.row(sh, row, []int{first, w.st.count, w.st.count, w.st.count, ls, w.st.count, w.st.count, as, w.st.count, w.st.count},
			label, f.NewCases, f.Closed, f.OrganLost, loss, f.HearingCases, f.HeadAppearedCases, appear, l[0], l[1])
	}
	row := 4
	var total [2]int64
	seen := map[string]bool{}
	for _, x := range t.Rows {
		seen[x.Key] = true
		l := letters[x.Key]
		total[0], total[1] = total[0]+l[0], total[1]+l[1]
		if err := line(row, x.Label, x.CaseFigures, l, false); err != nil {
			return err
		}
		row++
	}
	// Organs with letters and no case in the period.
	names, err := loadNames(ctx, s, r.court.Code)
	if err != nil {
		return err
	}
	var others []string
	for key := range letters {
		if !seen[key] {
			others = append(others, key)
		}
	}
	sort.Strings(others)
	for _, key := range others {
		l := letters[key]
		id, _ := strconv.ParseInt(key, 10, 64)
		total[0], total[1] = total[0]+l[0], total[1]+l[1]
		if err := line(row, names.organs[id], CaseFigures{}, l, false); err != nil {
			return err
		}
		row++
	}
	if err := line(row, "合计", t.Total, total, true); err != nil {
		return err
	}
	if err := w.widths(sh, 32, 10, 10, 10, 10, 10, 11, 14, 11, 11); err != nil {
		return err
	}
	return w.printable(sh, 4, 3)
}
