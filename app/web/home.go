package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
	"fuyuan/reports"
)

// dashboard is what / shows: this year's figures with 同比, the charts, and
// what needs attention today.
type dashboard struct {
	Stats      bool
	Period     reports.Period
	LastPeriod reports.Period
	This       reports.Figures
	Tiles      []tile
	ByYear     barChart
	RateTrend  lineChart
	// ResolvedTrend is the 案结事了率 of the disputes resolved each month (resolved.go).
	ResolvedTrend lineChart
	Methods       hbarChart
	LastMonth     reports.Month
	CanReport     bool

	MyCases      []app.Case
	MyTotal      int64
	ShowMine     bool
	Overdue      []app.Case
	OverdueTotal int64
	Due          []app.Case
	DueTotal     int64
	DueDays      int
	ShowCases    bool
	Letters      []overdueLetter
	LettersTotal int64
	ShowLetters  bool

	// The to-do of letters: drafts awaiting the leader's approval, and the
	// user's own drafts returned for revision.
	ToApprove      []app.Letter
	ToApproveTotal int64
	ShowToApprove  bool
	Returned       []app.Letter
	ReturnedTotal  int64
}

// overdueLetter is a letter past its reply date.
type overdueLetter struct {
	ID              int64
	No, Organ, Kind string
	Due             app.Date
	Days            int
}

// tile is one figure of the year with its change on the same period last year.
type tile struct {
	Label, Value, Change, Hint string
	Class                      string // up (better), down (worse) or "" (no base)
}

// mineOpenQuery is the case list of a mediator's landing page: open cases, nearest deadline first.
const mineOpenQuery = "status=open&sort=deadline_on"

// dueWithin is how many days ahead the dashboard looks for time limits (the first flag of domain.md).
const dueWithin = 30

// homePage is the dashboard at /. A user who may not read statistics (a
// mediator) starts on the case list; one who reads only some cases but
// answers letters (a liaison) starts on the liaison desk.
func (s *Server) homePage(c *gin.Context) {
	landing, vis, err := s.landingPath(c)
	if err != nil {
		s.renderError(c, err)
		return
	}
	if landing != "/" {
		c.Redirect(http.StatusSeeOther, landing)
		return
	}
	d, err := s.loadDashboard(c, vis)
	if err != nil {
		s.renderError(c, err)
		return
	}
	s.render(c, http.StatusOK, "home.html", "工作台", d)
}

func (s *Server) loadDashboard(c *gin.Context, vis app.Visibility) (dashboard, error) {
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	today := s.Clock.Today()
	d := dashboard{Stats: true, Period: reports.YearToDate(today), LastMonth: reports.MonthOf(today).Add(-1),
		CanReport: s.Authz.Allowed(a, rbac.ReportRead), DueDays: dueWithin}
	d.LastPeriod = d.Period.LastYear()
	var err error
	if d.This, err = reports.Stats(ctx, s.Store, a.Court, d.Period, today); err != nil {
		return d, err
	}
	last, err := reports.PeriodFigures(ctx, s.Store, a.Court, d.LastPeriod, d.LastPeriod.To)
	if err != nil {
		return d, err
	}
	d.Tiles = tiles(d.This, last)

	// New cases of the last four years, this one up to today.
	var years []reports.Period
	var labels []string
	for y := today.Year - 3; y <= today.Year; y++ {
		p := reports.Period{From: app.NewDate(y, 1, 1), To: app.NewDate(y, 12, 31)}
		label := strconv.Itoa(y)
		if y == today.Year {
			p.To = today
			label += "（至今）"
		}
		years = append(years, p)
		labels = append(labels, label)
	}
	// The last three years are in this year's figures; the one before is counted.
	first, err := reports.NewCasesIn(ctx, s.Store, a.Court, years[:1])
	if err != nil {
		return d, err
	}
	byYear := []int64{first[0]}
	for _, p := range years[1:] {
		byYear = append(byYear, d.This.NewCasesByYear[strconv.Itoa(p.From.Year)])
	}
	d.ByYear = newBarChart("近四年新收案件（件）", labels, byYear, true)

	// 调撤率 of the last twelve months, this one up to today.
	var months []reports.Period
	labels = labels[:0]
	for _, m := range reports.LastMonths(reports.MonthOf(today), 12) {
		months = append(months, m.Period())
		labels = append(labels, fmt.Sprintf("%d月", m.Month))
	}
	trend, err := reports.Trend(ctx, s.Store, a.Court, months)
	if err != nil {
		return d, err
	}
	rates := make([]float64, len(trend))
	has := make([]bool, len(trend))
	for i, t := range trend {
		if t.MediationWithdrawalRate != nil {
			rates[i], has[i] = *t.MediationWithdrawalRate, true
		}
	}
	d.RateTrend = newLineChart("近 12 个月调撤率", labels, rates, has, fmt.Sprintf("本月（截至%d日）", today.Day))
	if d.ResolvedTrend, err = s.resolvedTrend(ctx, a.Court, months, labels, today); err != nil {
		return d, err
	}

	var mlabels []string
	var mvalues []int64
	for _, code := range reports.LitigationMethods() {
		mlabels = append(mlabels, app.CloseMethods.Label(code))
		mvalues = append(mvalues, d.This.ClosedByMethod[code])
	}
	d.Methods = newHBarChart("今年结案方式", mlabels, mvalues, d.This.Closed)

	if err := s.loadAttention(c, &d, vis); err != nil {
		return d, err
	}
	return d, nil
}

// loadAttention fills what needs attention today: the user's own cases (a
// judge: cases they are the judge of), the court's cases past or near their
// time limit, and letters past their reply date.
func (s *Server) loadAttention(c *gin.Context, d *dashboard, vis app.Visibility) error {
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	page := app.Page{Page: 1, Size: 8}
	if closeScope, _ := s.Authz.Scope(a.Role, a.Court, rbac.CaseClose); closeScope == app.ScopeOwn {
		d.ShowMine = true
		mine, err := s.Store.ListCases(ctx, a, vis, app.CaseFilter{JudgeID: a.UserID, Status: app.StatusOpen, Sort: "deadline_on"}, page)
		if err != nil {
			return err
		}
		d.MyCases, d.MyTotal = mine.Items, mine.Total
	}
	if s.Authz.Allowed(a, rbac.CaseRead) {
		d.ShowCases = true
		yes := true
		overdue, err := s.Store.ListCases(ctx, a, vis, app.CaseFilter{Overdue: &yes, Sort: "deadline_on"}, page)
		if err != nil {
			return err
		}
		d.Overdue, d.OverdueTotal = overdue.Items, overdue.Total
		due, err := s.Store.ListCases(ctx, a, vis, app.CaseFilter{DueWithin: dueWithin, Sort: "deadline_on"}, page)
		if err != nil {
			return err
		}
		d.Due, d.DueTotal = due.Items, due.Total
	}
	letterVis, err := s.visibility(c, rbac.LetterRead)
	if err != nil {
		return err
	}
	if s.Authz.Allowed(a, rbac.LetterApprove) {
		d.ShowToApprove = true
		list, err := s.Store.ListLetters(ctx, letterVis, app.LetterFilter{Status: app.LetterDraft}, page)
		if err != nil {
			return err
		}
		d.ToApprove, d.ToApproveTotal = list.Items, list.Total
	}
	if s.Authz.Allowed(a, rbac.LetterEdit) {
		list, err := s.Store.ListLetters(ctx, letterVis, app.LetterFilter{Status: app.LetterReturned, DraftedBy: a.UserID}, page)
		if err != nil {
			return err
		}
		d.Returned, d.ReturnedTotal = list.Items, list.Total
	}
	if s.Authz.Allowed(a, rbac.LetterRead) {
		d.ShowLetters = true
		yes := true
		letters, err := s.Store.ListLetters(ctx, letterVis, app.LetterFilter{Overdue: &yes, Sort: "reply_due_on"}, page)
		if err != nil {
			return err
		}
		d.LettersTotal = letters.Total
		for _, l := range letters.Items {
			d.Letters = append(d.Letters, overdueLetter{ID: l.ID, No: l.LetterNo, Organ: l.OrganName, Kind: l.Kind,
				Due: l.ReplyDueOn, Days: s.Clock.Today().DaysSince(l.ReplyDueOn)})
		}
	}
	return nil
}

// tiles are the year's headline figures with their 同比 change; better is
// the direction the court wants (fewer new cases and shorter cases are better).
func tiles(this, last reports.Figures) []tile {
	count := func(label string, cur, prev int64, better int) tile {
		t := tile{Label: label, Value: strconv.FormatInt(cur, 10), Hint: fmt.Sprintf("去年同期 %d", prev)}
		if prev == 0 {
			t.Change = "同比 —"
			return t
		}
		ch := float64(cur-prev) / float64(prev)
		t.Change = fmt.Sprintf("同比 %+.1f%%", ch*100)
		t.Class = direction(ch, better)
		return t
	}
	// A rate or an average with a zero denominator is unknown: "—", and so is its 同比.
	shown := func(v *float64, format string, scale float64) string {
		if v == nil {
			return reports.Unknown
		}
		return fmt.Sprintf(format, *v*scale)
	}
	rate := func(label string, cur, prev *float64) tile {
		t := tile{Label: label, Value: shown(cur, "%.2f%%", 100), Hint: "去年同期 " + shown(prev, "%.2f%%", 100), Change: "同比 —"}
		if cur != nil && prev != nil {
			ch := reports.PointsChange(*cur, *prev)
			t.Change = fmt.Sprintf("同比 %+.2f %s", ch, reports.PercentagePoints)
			t.Class = direction(ch, 1)
		}
		return t
	}
	days := func(label string, cur, prev *float64) tile {
		t := tile{Label: label, Value: shown(cur, "%.1f 天", 1), Hint: "去年同期 " + shown(prev, "%.1f 天", 1), Change: "同比 —"}
		if ch, ok := reports.DaysChange(cur, prev); ok {
			t.Change = fmt.Sprintf("同比 %+.1f 天", ch)
			t.Class = direction(ch, -1)
		}
		return t
	}
	return []tile{
		count("新收案件", this.NewCases, last.NewCases, -1),
		count("结案", this.Closed, last.Closed, 1),
		rate("调撤率", this.MediationWithdrawalRate, last.MediationWithdrawalRate),
		rate("案结事了率", this.ActuallyResolvedRate, last.ActuallyResolvedRate),
		count("实质化解行政争议", this.ResolvedDisputes, last.ResolvedDisputes, 1),
		count("诉前调解化解", this.PreLitigationResolved, last.PreLitigationResolved, 1),
		days("平均结案天数", this.AvgDaysToClose, last.AvgDaysToClose),
		count("发出建议函", this.LettersIssuedTotal(), last.LettersIssuedTotal(), 1),
		rate("建议函采纳率", this.AdoptionRate, last.AdoptionRate),
		count("巡回审判", this.CircuitHearings, last.CircuitHearings, 1),
		count("行政执法培训人次", this.TrainingAttendances, last.TrainingAttendances, 1),
	}
}

// direction is "up" when a change goes the better way, "down" when it goes the worse way.
func direction(change float64, better int) string {
	switch {
	case change == 0:
		return ""
	case (change > 0) == (better > 0):
		return "up"
	}
	return "down"
}
