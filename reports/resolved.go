package reports

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fuyuan/app"
	"fuyuan/reports/docx"
)

// Resolution are the figures of domain.md "Actually resolved" (案结事了) for
// one period, under the keys of api.md, counted over the disputes resolved
// in the period (litigation closed by mediation, withdrawal or deemed
// withdrawal, and pre-litigation mediations resolved, by closed_on):
//   - revived: of those, cases with a re-filing filed by asOf or a visit
//     recorded by asOf with outcome revived;
//   - commitments_overdue: of those, cases with a commitment due before asOf
//     and not fulfilled by asOf;
//   - actually_resolved_rate 案结事了率: (resolved − cases revived or with an
//     overdue commitment, each case once) / resolved; null without resolutions;
//   - visits_due: follow-up visits falling due in the period (of any
//     resolution); visits_done: of those, recorded by asOf; visits_overdue:
//     of those, due before asOf and not recorded by then.
type Resolution struct {
	ResolvedDisputes     int64    `json:"resolved_disputes"`
	Revived              int64    `json:"revived"`
	CommitmentsOverdue   int64    `json:"commitments_overdue"`
	NotActuallyResolved  int64    `json:"not_actually_resolved"`
	ActuallyResolvedRate *float64 `json:"actually_resolved_rate"`
	VisitsDue            int64    `json:"visits_due"`
	VisitsDone           int64    `json:"visits_done"`
	VisitsOverdue        int64    `json:"visits_overdue"`
}

// ActuallyResolved is the number of resolved disputes that stayed resolved.
func (r Resolution) ActuallyResolved() int64 { return r.ResolvedDisputes - r.NotActuallyResolved }

func (r *Resolution) add(o Resolution) {
	r.ResolvedDisputes += o.ResolvedDisputes
	r.Revived += o.Revived
	r.CommitmentsOverdue += o.CommitmentsOverdue
	r.NotActuallyResolved += o.NotActuallyResolved
	r.VisitsDue += o.VisitsDue
	r.VisitsDone += o.VisitsDone
	r.VisitsOverdue += o.VisitsOverdue
}

func (r *Resolution) rates() {
	r.ActuallyResolvedRate = nullRate(r.ResolvedDisputes-r.NotActuallyResolved, r.ResolvedDisputes)
}

// resolutionQueries are the SQL aggregates of Resolution of each period of
// ps, grouped by the dimension's column col of cases c (groupBy is "" for
// the court's total): one over the few of the periods' resolutions revived
// or with an overdue commitment, one over the visits falling due in the
// periods (the resolutions themselves are counted from the figures per day,
// by addDayFigures). Each calls each per group and period (its index in ps).
func resolutionQueries(ctx context.Context, s *app.Store, court string, ps []figurePeriod, col, groupBy string) []func(each func(period int, key string, r Resolution)) error {
	q := querier{ctx, s}
	n, sp, always := len(ps), spanOf(ps), groupBy == ""
	// The few of the periods' resolutions revived or with an overdue
	// commitment are read from the re-filings, revived visits and overdue
	// commitments as of the latest asOf, those of the cases resolved in the
	// periods' span, each case once with its closing day and dimensions and
	// whether it is revived (rev<i>) and has an overdue commitment (od<i>)
	// as of each period's asOf (rather than each resolution probing the
	// three tables). A re-filing and a revived visit look their case up; a
	// commitment carries its case's columns (00211, app/hearing_dimensions.go),
	// so that the overdue commitments of every year are chosen from one
	// covering index without a lookup of each one's case.
	caseCols := "c.closed_on, c.case_type, c.organ_id, COALESCE(c.judge_id, 0) AS judge_id, c.domain, c.cause"
	inSpan := "c.court_code = ? AND c.closed_on >= ? AND c.closed_on <= ? AND " + app.ResolvedSQL("c")
	var refiled, revived, overdue, flags []string
	var refiledArgs, revivedArgs, overdueArgs []any
	for i, p := range ps {
		rev, od := fmt.Sprintf("rev%d", i), fmt.Sprintf("od%d", i)
		refiled = append(refiled, "CASE WHEN +r.refiled_on <= ? THEN 1 ELSE 0 END AS "+rev, "0 AS "+od)
		refiledArgs = append(refiledArgs, p.asOf)
		revived = append(revived, "CASE WHEN +v.visited_on <= ? THEN 1 ELSE 0 END", "0")
		revivedArgs = append(revivedArgs, p.asOf)
		overdue = append(overdue, "0", "CASE WHEN +due_on < ? AND (fulfilled_on IS NULL OR +fulfilled_on > ?) THEN 1 ELSE 0 END")
		overdueArgs = append(overdueArgs, p.asOf, p.asOf)
		flags = append(flags, "MAX("+rev+") AS "+rev, "MAX("+od+") AS "+od)
	}
	flagged := `SELECT case_id, MAX(closed_on) AS closed_on, MAX(case_type) AS case_type, MAX(organ_id) AS organ_id, MAX(judge_id) AS judge_id,
			MAX(domain) AS domain, MAX(cause) AS cause, ` + strings.Join(flags, ", ") + ` FROM (
			SELECT r.case_id, ` + caseCols + `, ` + strings.Join(refiled, ", ") + `
				FROM case_refilings r CROSS JOIN cases c ON c.id = r.case_id WHERE r.court_code = ? AND r.refiled_on <= ? AND ` + inSpan + `
			UNION ALL SELECT v.case_id, ` + caseCols + `, ` + strings.Join(revived, ", ") + `
				FROM visits v CROSS JOIN cases c ON c.id = v.case_id WHERE v.court_code = ? AND v.outcome = 'revived' AND v.visited_on <= ? AND ` + inSpan + `
			UNION ALL SELECT case_id, case_closed_on, case_type, organ_id, case_judge_id, domain, cause, ` + strings.Join(overdue, ", ") + `
				FROM commitments WHERE court_code = ? AND due_on < ? AND (fulfilled_on IS NULL OR fulfilled_on > ?)
				AND case_status = '` + app.StatusClosed + `' AND case_close_method IN ` + app.ResolvedMethodsSQL() + ` AND case_closed_on >= ? AND case_closed_on <= ?
		) u GROUP BY case_id`
	flaggedArgs := append(append(refiledArgs, court, sp.maxAsOf, court, sp.minFrom, sp.maxTo), revivedArgs...)
	flaggedArgs = append(append(flaggedArgs, court, sp.maxAsOf, court, sp.minFrom, sp.maxTo), overdueArgs...)
	flaggedArgs = append(flaggedArgs, court, sp.maxAsOf, sp.minAsOf, sp.minFrom, sp.maxTo)
	return []func(each func(int, string, Resolution)) error{
		func(each func(int, string, Resolution)) error {
			var x periodSums
			for i, p := range ps {
				in := "+c.closed_on >= ? AND +c.closed_on <= ?"
				x.add(fmt.Sprintf("%s AND (c.rev%d <> 0 OR c.od%d <> 0)", in, i, i), p.From, p.To)
				x.add(fmt.Sprintf("%s AND c.rev%d <> 0", in, i), p.From, p.To)
				x.add(fmt.Sprintf("%s AND c.od%d <> 0", in, i), p.From, p.To)
			}
			return periodRows(q, `SELECT `+col+`, `+x.list()+` FROM (`+flagged+`) c`+groupBy,
				append(x.args, flaggedArgs...), n, 3, always, func(i int, key string, v []int64) {
					each(i, key, Resolution{NotActuallyResolved: v[0], Revived: v[1], CommitmentsOverdue: v[2]})
				})
		},
		func(each func(int, string, Resolution)) error {
			var x periodSums
			for _, p := range ps {
				in := "+v.due_on >= ? AND +v.due_on <= ?"
				x.add(in, p.From, p.To)
				x.add(in+" AND +v.visited_on IS NOT NULL AND +v.visited_on <= ?", p.From, p.To, p.asOf)
				x.add(in+" AND +v.due_on < ? AND (+v.visited_on IS NULL OR +v.visited_on > ?)", p.From, p.To, p.asOf, p.asOf)
			}
			return periodRows(q, `SELECT `+col+`, `+x.list()+`
				FROM visits v JOIN cases c ON c.id = v.case_id
				WHERE v.court_code = ? AND v.due_on >= ? AND v.due_on <= ?`+groupBy,
				append(x.args, court, sp.minFrom, sp.maxTo), n, 3, always, func(i int, key string, v []int64) {
					each(i, key, Resolution{VisitsDue: v[0], VisitsDone: v[1], VisitsOverdue: v[2]})
				})
		},
	}
}

// ResolutionTrend is the 案结事了 of the disputes resolved in each period
// (the dashboard's months), as of asOf; the visits' figures are left out.
func ResolutionTrend(ctx context.Context, s *app.Store, court string, periods []Period, asOf app.Date) ([]Resolution, error) {
	out := make([]Resolution, len(periods))
	for i, p := range periods {
		// The resolutions and the revived or overdue ones (not the visits, the last query).
		qs := resolutionQueries(ctx, s, court, []figurePeriod{{p, asOf}}, "''", "")
		if err := qs[0](func(_ int, _ string, r Resolution) { out[i].add(r) }); err != nil {
			return nil, err
		}
		total := map[string]*CaseFigures{}
		if err := addDayFigures(ctx, s, court, p, "", total); err != nil {
			return nil, err
		}
		if t := total[""]; t != nil {
			out[i].ResolvedDisputes += t.Resolution.ResolvedDisputes
		}
		out[i].rates()
	}
	return out, nil
}

// resolvedMetrics are the lines of 案结事了 in the monthly report's summary
// sheet, after the case figures: the period's resolutions as of the report's day.
func resolvedMetrics() []metric {
	return []metric{
		count("　其中：争议再起", func(f Figures) int64 { return f.Revived }),
		count("　其中：承诺逾期未履行", func(f Figures) int64 { return f.CommitmentsOverdue }),
		metric{"案结事了率", kindRate, func(f Figures) *float64 { return f.ActuallyResolvedRate }},
		count("应回访（到期日在期内）", func(f Figures) int64 { return f.VisitsDue }),
		count("　其中：已回访", func(f Figures) int64 { return f.VisitsDone }),
		count("　其中：逾期未回访", func(f Figures) int64 { return f.VisitsOverdue }),
	}
}

// resolvedChapter writes the 案结事了 part of the white paper's chapter
// 实质化解: the year's visits, revived disputes and overdue commitments, the
// 案结事了率 beside the 调撤率 for three years, and the rate per region.
func resolvedChapter(d *docx.Document, year int, f Figures, years []CaseFigures, yearLabels []string, by map[string]FigureTable) {
	d.Heading(2, "案结事了情况")
	d.Paragraph(fmt.Sprintf("对以调解、撤诉方式结案和诉前化解成功的案件，结案后3个月、6个月各回访一次。%d年到期回访%d次，已回访%d次，逾期未回访%d次。"+
		"全年实质化解的%d件争议中，争议再起（结案后12个月内同一原告就同一被告再次起诉，或回访发现争议再起）%d件，履行承诺逾期未履行%d件，"+
		"案结事了%d件，案结事了率%s（调撤率%s）。",
		year, f.VisitsDue, f.VisitsDone, f.VisitsOverdue, f.Resolution.ResolvedDisputes, f.Revived, f.CommitmentsOverdue,
		f.Resolution.ActuallyResolved(), Percent(f.ActuallyResolvedRate), Percent(f.MediationWithdrawalRate)))
	var rows [][]string
	for i, y := range years {
		rows = append(rows, []string{yearLabels[i], strconv.FormatInt(y.Resolution.ResolvedDisputes, 10), strconv.FormatInt(y.Revived, 10),
			strconv.FormatInt(y.CommitmentsOverdue, 10), Percent(y.ActuallyResolvedRate), Percent(y.MediationWithdrawalRate)})
	}
	d.Table([]string{"年度", "实质化解", "争议再起", "承诺逾期未履行", "案结事了率", "调撤率"}, rows, false)
	d.Note("说明：案结事了率 =（实质化解的争议 − 争议再起或承诺逾期未履行的，每案只计一次）÷ 实质化解的争议；争议再起与承诺履行情况统计至白皮书生成之日。")
	regionRow := func(label string, x CaseFigures) []string {
		return []string{label, strconv.FormatInt(x.Resolution.ResolvedDisputes, 10), strconv.FormatInt(x.Revived, 10),
			strconv.FormatInt(x.CommitmentsOverdue, 10), Percent(x.ActuallyResolvedRate), strconv.FormatInt(x.VisitsOverdue, 10)}
	}
	d.Table([]string{Dimensions.Label("region"), "实质化解", "争议再起", "承诺逾期未履行", "案结事了率", "逾期未回访"}, tableRows(by["region"], regionRow), true)
}
