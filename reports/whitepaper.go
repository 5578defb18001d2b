package reports

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"

	"fuyuan/app"
	"fuyuan/reports/docx"
)

// WhitePaper writes the annual white paper (行政审判白皮书) of court for the
// year as a .docx draft: 基本情况 with the three-year trend and its chart,
// 行政机关败诉情况 and 负责人出庭应诉情况 with a table per organ and per
// region, 案件特点 by domain, cause and region, 两书三会, 实质化解, and the
// chief's own chapters 存在问题 and 意见建议 (chapters). Every figure is
// /stats's for the year (as of asOf): Stats and CaseFiguresBy.
func WhitePaper(ctx context.Context, s *app.Store, court string, year int, asOf app.Date, chapters app.WhitePaper, out io.Writer) error {
	c, err := s.GetCourt(ctx, court)
	if err != nil {
		return err
	}
	p := Period{app.NewDate(year, 1, 1), app.NewDate(year, 12, 31)}
	if asOf.Before(p.To) {
		p.To = asOf
	}
	// The year's figures and its tables by dimension (organ, region, domain,
	// cause: one grouped pass, the court's accountability figures its total),
	// while the two years before are computed and then /stats's other figures.
	dims := []string{"organ", "region", "domain", "cause"}
	var (
		f      Figures
		tables []FigureTable
		before [2]FigureTable
		errs   [4]error
		wg     sync.WaitGroup
	)
	wg.Add(2)
	go func() {
		defer wg.Done()
		tables, errs[0] = CaseFiguresByEach(ctx, s, court, p, asOf, dims...)
		if errs[0] == nil {
			f, errs[1] = stats(ctx, s, court, p, asOf, false)
		}
	}()
	go func() {
		defer wg.Done()
		for i := range before {
			y := year - 2 + i
			if before[i], errs[2+i] = CaseFiguresBy(ctx, s, court, Period{app.NewDate(y, 1, 1), app.NewDate(y, 12, 31)}, asOf, ""); errs[2+i] != nil {
				return
			}
		}
	}()
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return err
	}
	by := map[string]FigureTable{}
	for i, dim := range dims {
		by[dim] = tables[i]
	}
	f.Accountability, f.Resolution = by["organ"].Total.Accountability, by["organ"].Total.Resolution
	years := []CaseFigures{before[0].Total, before[1].Total, by["organ"].Total}
	var yearLabels []string
	for y := year - 2; y <= year; y++ {
		yearLabels = append(yearLabels, strconv.Itoa(y)+"年")
	}
	t := by["organ"].Total
	pct := Percent
	d := docx.New(fmt.Sprintf("%s行政审判白皮书（%d年）", c.Name, year))
	d.Title(fmt.Sprintf("%s\n行政审判白皮书（%d年）", c.Name, year))
	d.Centered(fmt.Sprintf("（草稿，统计期间 %s 至 %s，%s 生成）", p.From.Chinese(), p.To.Chinese(), asOf.Chinese()))

	d.Heading(1, "一、基本情况")
	d.Paragraph(fmt.Sprintf("%d年，本院共受理行政诉讼案件%d件，审结%d件，结收比%s，结案率%s；其中调解%d件、撤诉%d件，调撤率%s。法定审限内结案率%s，期末长期未结案件（立案满12个月）%d件。诉前调解收案%d件，化解成功%d件。",
		year, f.NewCases, f.Closed, pct(t.ClosureRatio), pct(t.ClearanceRate), f.Mediated(), f.Withdrawn(),
		Percent(nullRate(f.Mediated()+f.Withdrawn(), f.Closed)), pct(t.ClosedWithinLimitRate), t.LongPending,
		f.PreLitigationReceived, f.PreLitigationResolved))
	trend := [][]string{}
	newSeries, closedSeries := docx.Series{Name: "新收"}, docx.Series{Name: "审结"}
	for i, y := range years {
		trend = append(trend, []string{yearLabels[i], strconv.FormatInt(y.NewCases, 10), strconv.FormatInt(y.Closed, 10),
			pct(y.MediationWithdrawalRate), pct(y.ClosedWithinLimitRate), pct(y.OrganLossRate), pct(y.HeadAppearanceRate)})
		newSeries.Values = append(newSeries.Values, float64(y.NewCases))
		closedSeries.Values = append(closedSeries.Values, float64(y.Closed))
	}
	d.Table([]string{"年度", "新收", "审结", "调撤率", "审限内结案率", "败诉率", "负责人出庭应诉率"}, trend, false)
	d.ColumnChart(fmt.Sprintf("%d—%d年新收与审结案件", year-2, year), yearLabels, []docx.Series{newSeries, closedSeries})
	d.Note("图1 近三年新收与审结案件（件）")

	d.Heading(1, "二、行政机关败诉情况")
	d.Paragraph(fmt.Sprintf("审结的%d件案件中，行政机关败诉%d件，败诉率%s；加上行政机关自行纠错后原告撤诉的案件，纠错%d件，纠错率%s。一审审结%d件，上诉%d件，一审服判息诉率%s；二审改判、发回重审%d件，发改率%s。",
		t.Closed, t.OrganLost, pct(t.OrganLossRate), t.Corrected, pct(t.CorrectionRate), t.FirstInstanceClosed, t.Appealed,
		pct(t.AcceptanceRate), t.Reversed, pct(t.ReversalRate)))
	lossCols := []string{"结案", "败诉", "败诉率", "纠错", "纠错率", "服判息诉率", "发改率"}
	lossRow := func(label string, x CaseFigures) []string {
		return []string{label, strconv.FormatInt(x.Closed, 10), strconv.FormatInt(x.OrganLost, 10), pct(x.OrganLossRate),
			strconv.FormatInt(x.Corrected, 10), pct(x.CorrectionRate), pct(x.AcceptanceRate), pct(x.ReversalRate)}
	}
	for _, dim := range []string{"organ", "region"} {
		d.Heading(2, "按"+Dimensions.Label(dim))
		d.Table(append([]string{Dimensions.Label(dim)}, lossCols...), tableRows(by[dim], lossRow), true)
	}

	d.Heading(1, "三、负责人出庭应诉情况")
	d.Paragraph(fmt.Sprintf("全年开庭审理%d件案件，行政机关负责人出庭应诉%d件，出庭应诉率%s；通知负责人出庭%d件，到庭率%s；出庭负责人当庭发言（出声）率%s，正职出庭率%s。",
		t.HearingCases, t.HeadAppearedCases, pct(t.HeadAppearanceRate), t.HeadNotifiedCases, pct(t.HeadNotifiedAppearanceRate),
		pct(t.HeadSpokeRate), pct(t.PrincipalHeadRate)))
	headCols := []string{"开庭案件", "负责人出庭", "出庭应诉率", "通知出庭到庭率", "出声率", "正职出庭率"}
	headRow := func(label string, x CaseFigures) []string {
		return []string{label, strconv.FormatInt(x.HearingCases, 10), strconv.FormatInt(x.HeadAppearedCases, 10), pct(x.HeadAppearanceRate),
			pct(x.HeadNotifiedAppearanceRate), pct(x.HeadSpokeRate), pct(x.PrincipalHeadRate)}
	}
	for _, dim := range []string{"organ", "region"} {
		d.Heading(2, "按"+Dimensions.Label(dim))
		d.Table(append([]string{Dimensions.Label(dim)}, headCols...), tableRows(by[dim], headRow), true)
	}

	d.Heading(1, "四、案件特点")
	d.Paragraph("按领域、案由和地区，新收、审结案件及行政机关败诉情况如下。")
	featureRow := func(label string, x CaseFigures) []string {
		return []string{label, strconv.FormatInt(x.NewCases, 10), strconv.FormatInt(x.Closed, 10), pct(x.MediationWithdrawalRate), pct(x.OrganLossRate)}
	}
	for _, dim := range []string{"domain", "cause", "region"} {
		d.Heading(2, "按"+Dimensions.Label(dim))
		d.Table([]string{Dimensions.Label(dim), "新收", "审结", "调撤率", "败诉率"}, tableRows(by[dim], featureRow), true)
	}

	d.Heading(1, "五、“两书三会”工作情况")
	letters := [][]string{}
	for _, o := range app.LetterKinds.Options {
		letters = append(letters, []string{"发出" + o.Label, strconv.FormatInt(f.LettersIssued[o.Code], 10)})
	}
	letters = append(letters, []string{"建议函回复", strconv.FormatInt(f.LettersReplied, 10)},
		[]string{"建议函采纳", strconv.FormatInt(f.LettersAdopted, 10)}, []string{"采纳率", Percent(nullRate(f.LettersAdopted, f.LettersReplied))})
	for _, o := range app.MeetingKinds.Options {
		letters = append(letters, []string{o.Label, strconv.FormatInt(f.Meetings[o.Code], 10)})
	}
	letters = append(letters, []string{"行政执法培训人次", strconv.FormatInt(f.TrainingAttendances, 10)})
	d.Paragraph(fmt.Sprintf("全年发出司法建议、判前建议函等%d份，收到回复%d份，被采纳%d份；召开联席会议、座谈会、培训会等%d次，其中行政执法培训%d场、%d人次。",
		f.LettersIssuedTotal(), f.LettersReplied, f.LettersAdopted, f.MeetingsTotal(), f.Trainings, f.TrainingAttendances))
	d.Table([]string{"项目", "数量"}, letters, false)

	d.Heading(1, "六、行政争议实质化解")
	d.Paragraph(fmt.Sprintf("全年实质化解行政争议%d件，其中诉讼中调解、撤诉%d件，诉前化解%d件；开展府院联合及跨区域联合调解%d次，巡回审判%d次（跨区域%d次），现场勘验%d次。",
		f.ResolvedDisputes, f.Mediated()+f.Withdrawn(), f.PreLitigationResolved, f.JointMediations, f.CircuitHearings,
		f.CrossRegionCircuitHearings, f.Inspections))
	resolvedChapter(d, year, f, years, yearLabels, by)

	d.Heading(1, "七、存在问题")
	d.Paragraph(orPlaceholder(chapters.Problems, "（由庭长在系统“白皮书”中撰写本章。）"))
	d.Heading(1, "八、意见建议")
	d.Paragraph(orPlaceholder(chapters.Suggestions, "（由庭长在系统“白皮书”中撰写本章。）"))
	d.Note("说明：本白皮书第一至六章的数据由系统根据案件记录自动生成，与系统“统计数据”“分析”一致；比率分母为零时显示为“—”。")
	at := time.Date(asOf.Year, asOf.Month, asOf.Day, 0, 0, 0, 0, app.Shanghai)
	return d.Write(out, at)
}

// tableRows are the rows of a table by a dimension with its total last.
func tableRows(t FigureTable, row func(string, CaseFigures) []string) [][]string {
	out := make([][]string, 0, len(t.Rows)+1)
	for _, r := range t.Rows {
		out = append(out, row(r.Label, r.CaseFigures))
	}
	return append(out, row("全院合计", t.Total))
}

func orPlaceholder(s, placeholder string) string {
	if s == "" {
		return placeholder
	}
	return s
}
