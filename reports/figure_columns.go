package reports

import (
	"fmt"
	"io"
	"time"
)

// FigureColumn is one figure of the case figures as tables, charts, sheets
// and the white paper show it: its key (api.md), its Chinese label, and its
// value, a count or a rate (nil: nothing to count).
type FigureColumn struct {
	Key, Label string
	Rate       bool
	count      func(CaseFigures) int64
	rate       func(CaseFigures) *float64
}

// Count returns the figure of a count column.
func (c FigureColumn) Count(f CaseFigures) int64 { return c.count(f) }

// Value returns the figure of a rate column (nil when its denominator is 0).
func (c FigureColumn) Value(f CaseFigures) *float64 { return c.rate(f) }

// Number is the figure as a number for sorting and charts, false when the
// rate has nothing to count.
func (c FigureColumn) Number(f CaseFigures) (float64, bool) {
	if !c.Rate {
		return float64(c.count(f)), true
	}
	if r := c.rate(f); r != nil {
		return *r, true
	}
	return 0, false
}

// Text is the figure as shown: a count, or a rate as a percentage with two
// decimals, "—" when it has nothing to count.
func (c FigureColumn) Text(f CaseFigures) string {
	if !c.Rate {
		return fmt.Sprint(c.count(f))
	}
	return Percent(c.rate(f))
}

// Percent shows a rate as a percentage with two decimals, "—" for nil.
func Percent(r *float64) string {
	if r == nil {
		return "—"
	}
	return fmt.Sprintf("%.2f%%", *r*100)
}

// FigureColumns are the case figures in the order of domain.md.
var FigureColumns = []FigureColumn{
	{Key: "new_cases", Label: "新收", count: func(f CaseFigures) int64 { return f.NewCases }},
	{Key: "closed", Label: "结案", count: func(f CaseFigures) int64 { return f.Closed }},
	{Key: "mediation_withdrawal_rate", Label: "调撤率", Rate: true, rate: func(f CaseFigures) *float64 { return f.MediationWithdrawalRate }},
	{Key: "hearing_cases", Label: "开庭案件", count: func(f CaseFigures) int64 { return f.HearingCases }},
	{Key: "head_appeared_cases", Label: "负责人出庭案件", count: func(f CaseFigures) int64 { return f.HeadAppearedCases }},
	{Key: "head_appearance_rate", Label: "负责人出庭应诉率", Rate: true, rate: func(f CaseFigures) *float64 { return f.HeadAppearanceRate }},
	{Key: "head_notified_appearance_rate", Label: "通知出庭到庭率", Rate: true, rate: func(f CaseFigures) *float64 { return f.HeadNotifiedAppearanceRate }},
	{Key: "head_spoke_rate", Label: "出声率", Rate: true, rate: func(f CaseFigures) *float64 { return f.HeadSpokeRate }},
	{Key: "principal_head_rate", Label: "正职出庭率", Rate: true, rate: func(f CaseFigures) *float64 { return f.PrincipalHeadRate }},
	{Key: "organ_lost", Label: "败诉", count: func(f CaseFigures) int64 { return f.OrganLost }},
	{Key: "organ_loss_rate", Label: "败诉率", Rate: true, rate: func(f CaseFigures) *float64 { return f.OrganLossRate }},
	{Key: "corrected", Label: "纠错", count: func(f CaseFigures) int64 { return f.Corrected }},
	{Key: "correction_rate", Label: "纠错率", Rate: true, rate: func(f CaseFigures) *float64 { return f.CorrectionRate }},
	{Key: "first_instance_closed", Label: "一审结案", count: func(f CaseFigures) int64 { return f.FirstInstanceClosed }},
	{Key: "appealed", Label: "上诉", count: func(f CaseFigures) int64 { return f.Appealed }},
	{Key: "acceptance_rate", Label: "服判息诉率", Rate: true, rate: func(f CaseFigures) *float64 { return f.AcceptanceRate }},
	{Key: "reversed", Label: "发改", count: func(f CaseFigures) int64 { return f.Reversed }},
	{Key: "reversal_rate", Label: "发改率", Rate: true, rate: func(f CaseFigures) *float64 { return f.ReversalRate }},
	{Key: "closed_within_limit_rate", Label: "审限内结案率", Rate: true, rate: func(f CaseFigures) *float64 { return f.ClosedWithinLimitRate }},
	{Key: "closure_ratio", Label: "结收比", Rate: true, rate: func(f CaseFigures) *float64 { return f.ClosureRatio }},
	{Key: "clearance_rate", Label: "结案率", Rate: true, rate: func(f CaseFigures) *float64 { return f.ClearanceRate }},
	{Key: "long_pending", Label: "长期未结", count: func(f CaseFigures) int64 { return f.LongPending }},
	{Key: "resolved_disputes", Label: "实质化解", count: func(f CaseFigures) int64 { return f.Resolution.ResolvedDisputes }},
	{Key: "revived", Label: "争议再起", count: func(f CaseFigures) int64 { return f.Revived }},
	{Key: "commitments_overdue", Label: "承诺逾期", count: func(f CaseFigures) int64 { return f.CommitmentsOverdue }},
	{Key: "actually_resolved_rate", Label: "案结事了率", Rate: true, rate: func(f CaseFigures) *float64 { return f.ActuallyResolvedRate }},
}

// FigureColumnOf returns the column of key.
func FigureColumnOf(key string) (FigureColumn, bool) {
	for _, c := range FigureColumns {
		if c.Key == key {
			return c, true
		}
	}
	return FigureColumn{}, false
}

// WriteFigureTable writes the table of case figures by a dimension as an
// .xlsx (the 分析 page's export): a row per value, the court's total last;
// a rate with nothing to count is "—".
func WriteFigureTable(out io.Writer, t FigureTable, court string, p Period, at time.Time) error {
	w, err := newWorkbook()
	if err != nil {
		return err
	}
	defer w.f.Close()
	dim := Dimensions.Label(t.By)
	sheet := "按" + dim
	if err := w.f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	cols := len(FigureColumns) + 1
	if err := w.title(sheet, cols, court+"行政案件分析（按"+dim+"）", "统计期间："+p.From.Chinese()+"至"+p.To.Chinese()); err != nil {
		return err
	}
	header := []any{dim}
	styles := []int{w.st.header}
	for _, c := range FigureColumns {
		header = append(header, c.Label)
		styles = append(styles, w.st.header)
	}
	if err := w.row(sheet, 3, styles, header...); err != nil {
		return err
	}
	line := func(row int, label string, f CaseFigures, bold bool) error {
		values := []any{label}
		st := []int{w.st.text}
		if bold {
			st[0] = w.st.bold
		}
		for _, c := range FigureColumns {
			switch {
			case !c.Rate:
				values, st = append(values, c.Count(f)), append(st, w.st.count)
			case c.Value(f) == nil:
				values, st = append(values, "—"), append(st, w.st.text)
			default:
				rs := w.st.rate
				if bold {
					rs = w.st.boldRate
				}
				values, st = append(values, *c.Value(f)), append(st, rs)
			}
		}
		return w.row(sheet, row, st, values...)
	}
	row := 4
	for _, r := range t.Rows {
		if err := line(row, r.Label, r.CaseFigures, false); err != nil {
			return err
		}
		row++
	}
	if err := line(row, "全院合计", t.Total, true); err != nil {
		return err
	}
	widths := []float64{26}
	for range FigureColumns {
		widths = append(widths, 11)
	}
	if err := w.widths(sheet, widths...); err != nil {
		return err
	}
	if err := w.printable(sheet, 4, 3); err != nil {
		return err
	}
	if err := w.properties(court+"行政案件分析", "fuyuan", at); err != nil {
		return err
	}
	return w.writeTo(out)
}
