package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

func (s *Server) apiListInspections(c *gin.Context) {
	apiCourtList(s, c, inspectionFilter, s.Store.ListInspections)
}

// inspectionFilter reads ?case_id, ?from and ?to of the list of inspections.
func inspectionFilter(c *gin.Context) (app.InspectionFilter, error) {
	bad := app.Problems{}
	f := app.InspectionFilter{CaseID: queryID(c, "case_id", bad), From: queryDate(c, "from", bad), To: queryDate(c, "to", bad)}
	return f, bad.Err()
}

// authorizeInspection checks that the actor may record an inspection of the
// case: another court's case is 404, a case not assigned to the actor 403.
// It writes the error and reports success.
func (s *Server) authorizeInspection(c *gin.Context, caseID int64) bool {
	ref, err := s.Store.GetCaseRef(c.Request.Context(), caseID)
	if err != nil {
		s.failAuto(c, err)
		return false
	}
	return s.authorize(c, rbac.InspectionWrite, rbac.Object{Kind: "inspection", Court: ref.CourtCode, Owner: ref.JudgeID})
}

func (s *Server) apiCreateInspection(c *gin.Context) {
	var in app.InspectionInput
	if !s.bindDated(c, &in) {
		return
	}
	if in.CaseID > 0 && !s.authorizeInspection(c, in.CaseID) {
		return
	}
	apiRun(s, c, http.StatusCreated, in, s.Store.CreateInspection)
}

// inspectionsPage lists the court's inspections (optionally of one case) and
// lets a judge record one for a case assigned to them.
func (s *Server) inspectionsPage(c *gin.Context) {
	s.renderInspections(c, formFailure{status: http.StatusOK})
}

func (s *Server) renderInspections(c *gin.Context, ff formFailure) {
	ctx := c.Request.Context()
	a, _ := actorOf(c)
	today := s.Clock.Today()
	bad := app.Problems{}
	caseID := queryID(c, "case_id", bad)
	if err := bad.Err(); err != nil {
		s.renderError(c, err)
		return
	}
	pg, _ := pageOf(c)
	list, err := s.Store.ListInspections(ctx, a, app.InspectionFilter{CaseID: caseID}, app.Page{Page: pg.Page, Size: 20})
	if err != nil {
		s.renderError(c, err)
		return
	}
	year, err := s.Store.ListInspections(ctx, a, app.InspectionFilter{From: app.NewDate(today.Year, time.January, 1), To: today}, app.Page{Page: 1, Size: 1})
	if err != nil {
		s.renderError(c, err)
		return
	}
	data := gin.H{"List": list, "Pager": newPager(c, list.Total, pg.Page, 20), "CaseID": caseID, "Year": today.Year,
		"YearCount": year.Total, "Flash": fieldFlash(c)}
	if vis, err := s.visibility(c, rbac.InspectionWrite); err == nil && !vis.None() {
		// A judge may record inspections of the cases assigned to them only.
		cases, err := s.Store.FieldworkCaseChoices(ctx, vis, today.AddDays(-365))
		if err != nil {
			s.renderError(c, err)
			return
		}
		data["Cases"] = cases
		data["DefaultCase"] = ""
		if caseID != 0 {
			data["DefaultCase"] = strconv.FormatInt(caseID, 10)
		}
	}
	s.renderForm(c, ff.status, "inspection_list.html", "现场勘验", data, ff.form, ff.errs)
}

func (s *Server) inspectionsCreateSubmit(c *gin.Context) {
	f := newPostedForm(c)
	in := app.InspectionInput{CaseID: f.id("case_id"), HeldOn: f.date("held_on"), Place: f.text("place"), Findings: f.text("findings")}
	today := s.Clock.Today()
	err := f.err(func() error { return in.Validate(today) })
	if err == nil {
		if in.CaseID > 0 && !s.authorizeInspection(c, in.CaseID) {
			return
		}
		_, err = run(c, in, s.Store.CreateInspection)
	}
	next := "/inspections?ok=inspection&case_id=" + strconv.FormatInt(in.CaseID, 10)
	s.fieldFormDone(c, err, next, s.renderInspections, "case_id", "held_on", "place", "findings")
}
