package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// The time limit of a case: excluded periods (扣除审限) and extensions
// (延长审限), the JSON handlers and the case page's forms side by side.

func (s *Server) apiListExcludedPeriods(c *gin.Context) {
	apiCaseItems(s, c, s.Store.ListExcludedPeriods)
}

func (s *Server) apiAddExcludedPeriod(c *gin.Context) {
	apiCaseStep(s, c, rbac.CaseEdit, s.bindJSON, http.StatusCreated, s.Store.AddExcludedPeriod)
}

func (s *Server) caseExcludedPeriodSubmit(c *gin.Context) {
	caseStepSubmit(s, c, rbac.CaseEdit, "excluded", "excluded", func(p app.Problems) app.ExcludedPeriodInput {
		return app.ExcludedPeriodInput{Reason: c.PostForm("reason"), StartOn: formDate(c, "start_on", p), EndOn: formDate(c, "end_on", p), Notes: c.PostForm("notes")}
	}, s.Store.AddExcludedPeriod, "reason", "start_on", "end_on", "notes")
}

func (s *Server) apiListExtensions(c *gin.Context) {
	apiCaseItems(s, c, s.Store.ListExtensions)
}

func (s *Server) apiAddExtension(c *gin.Context) {
	apiCaseStep(s, c, rbac.CaseEdit, s.bindJSON, http.StatusCreated, s.Store.AddExtension)
}

func (s *Server) caseExtensionSubmit(c *gin.Context) {
	caseStepSubmit(s, c, rbac.CaseEdit, "extension", "extension", func(p app.Problems) app.ExtensionInput {
		return app.ExtensionInput{ApprovedOn: formDate(c, "approved_on", p), NewDeadlineOn: formDate(c, "new_deadline_on", p),
			ApprovedBy: c.PostForm("approved_by"), Reason: c.PostForm("reason")}
	}, s.Store.AddExtension, "approved_on", "new_deadline_on", "approved_by", "reason")
}
