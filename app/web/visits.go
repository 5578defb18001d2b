package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
	"fuyuan/reports"
)

func init() {
	caseFlashes["visit"] = "回访已登记。回访结果为“争议再起”的，本案计入争议再起，不计入案结事了。"
	stepFailure["visit"] = "回访未登记："
	enumsByName["visit_method"], enumsByName["visit_outcome"] = app.VisitMethods, app.VisitOutcomes
}

// visitFilter reads ?status, ?from, ?to and ?judge_id of a list of visits.
func visitFilter(c *gin.Context) (app.VisitFilter, error) {
	bad := app.Problems{}
	f := app.VisitFilter{Status: app.ParseVisitStatus(bad, c.Query("status")), From: queryDate(c, "from", bad), To: queryDate(c, "to", bad),
		JudgeID: queryID(c, "judge_id", bad)}
	return f, bad.Err()
}

func (s *Server) apiListVisits(c *gin.Context) {
	apiList(s, c, rbac.VisitRead, visitFilter, s.Store.ListVisits)
}

func (s *Server) apiCaseVisits(c *gin.Context) {
	apiCaseItems(s, c, s.Store.VisitsOfCase)
}

// visitFor loads the visit of the :id parameter and authorises case:visit on
// its case (404 for another court's, 403 for someone not on the case).
func (s *Server) visitFor(c *gin.Context) (app.Visit, bool) {
	v, _, ok := recordOfCase(s, c, rbac.CaseVisit, s.Store.GetVisit, func(v app.Visit) int64 { return v.CaseID })
	return v, ok
}

func (s *Server) apiRecordVisit(c *gin.Context) {
	if v, ok := s.visitFor(c); ok {
		apiStep(s, c, v.ID, s.bindJSON, http.StatusOK, s.Store.RecordVisit)
	}
}

// visitSubmit records a visit from the case page's form: back to the case
// with the flash, or the case page with the form open and its errors.
func (s *Server) visitSubmit(c *gin.Context) {
	v, ok := s.visitFor(c)
	if !ok {
		return
	}
	stepSubmit(s, c, v.CaseID, v.ID, "visit", "visit", func(p app.Problems) app.VisitInput {
		return app.VisitInput{VisitedOn: formDate(c, "visited_on", p), Method: c.PostForm("method"), Outcome: c.PostForm("outcome"), Notes: c.PostForm("notes")}
	}, s.Store.RecordVisit, "visit_id", "visited_on", "method", "outcome", "notes")
}

// caseResolved is what the case page shows of "actually resolved": the
// visits of a resolved case, the re-filings that revived it, the resolved
// cases a new case re-files, and whether the reader may record a visit.
type caseResolved struct {
	Visits     []app.Visit
	Refilings  []app.CaseLink
	RefilingOf []app.CaseLink
	Revived    bool // re-filed, or a visit found the dispute revived
	MayVisit   bool
	OpenVisit  string // the visit whose form failed, shown open
}

// resolvedOf reads the case page's caseResolved.
func (s *Server) resolvedOf(ctx context.Context, a app.Actor, k app.Case, d app.CaseDetail, failedVisit string) (caseResolved, error) {
	r := caseResolved{Refilings: d.Refilings, RefilingOf: d.RefilingOf, Revived: len(d.Refilings) > 0, OpenVisit: failedVisit}
	if k.Status != app.StatusClosed || !app.IsResolution(k.Method) {
		return r, nil
	}
	var err error
	if r.Visits, err = s.Store.VisitsOfCase(ctx, a, k.ID); err != nil {
		return r, err
	}
	for _, v := range r.Visits {
		if v.Outcome == "revived" {
			r.Revived = true
		}
	}
	r.MayVisit = s.Authz.Authorize(a, rbac.CaseVisit, rbac.CaseObject(k.Ref())) == nil
	return r, nil
}

// visitsPage lists the visits the user sees: due in the coming 30 days,
// overdue, or done; for the chief also the open visits of each judge.
func (s *Server) visitsPage(c *gin.Context) {
	ctx := c.Request.Context()
	today := s.Clock.Today()
	f, err := visitFilter(c)
	if err != nil {
		s.renderError(c, err)
		return
	}
	tab := c.Query("status")
	if tab == "" {
		tab = "open"
	}
	switch tab {
	case "open": // overdue and due within 30 days, by due day
		f.Status = ""
		f.To = today.AddDays(30)
	}
	vis, err := s.listVisibility(c, rbac.VisitRead)
	if err != nil {
		s.renderError(c, err)
		return
	}
	pg, _ := pageOf(c)
	list, err := s.Store.ListVisits(ctx, vis, withOpen(f, tab), app.Page{Page: pg.Page, Size: 20})
	if err != nil {
		s.renderError(c, err)
		return
	}
	data := gin.H{"List": list, "Pager": newPager(c, list.Total, pg.Page, 20), "Tab": tab, "Whole": vis.Whole(), "JudgeID": f.JudgeID}
	if vis.Whole() {
		byJudge, err := s.Store.VisitsByJudge(ctx, vis)
		if err != nil {
			s.renderError(c, err)
			return
		}
		data["ByJudge"] = byJudge
	}
	s.render(c, http.StatusOK, "visit_list.html", "回访", data)
}

// withOpen narrows the "open" tab to visits not yet recorded.
func withOpen(f app.VisitFilter, tab string) app.VisitFilter {
	if tab == "open" {
		f.Open = true
	}
	return f
}

// resolvedTrend is the dashboard's chart of the 案结事了率 of the disputes
// resolved in each of the months, as of today.
func (s *Server) resolvedTrend(ctx context.Context, court string, months []reports.Period, labels []string, today app.Date) (lineChart, error) {
	trend, err := reports.ResolutionTrend(ctx, s.Store, court, months, today)
	if err != nil {
		return lineChart{}, err
	}
	rates := make([]float64, len(trend))
	has := make([]bool, len(trend))
	for i, t := range trend {
		if t.ActuallyResolvedRate != nil {
			rates[i], has[i] = *t.ActuallyResolvedRate, true
		}
	}
	return newLineChart("近 12 个月案结事了率（按结案月份，截至今日）", labels, rates, has, fmt.Sprintf("本月（截至%d日）", today.Day)), nil
}
