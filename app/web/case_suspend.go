package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// Suspending a case (中止) and resuming it: the JSON handlers and the case
// page's forms side by side.

func (s *Server) apiSuspendCase(c *gin.Context) {
	apiCaseStep(s, c, rbac.CaseSuspend, s.bindJSON, http.StatusOK, s.Store.SuspendCase)
}

func (s *Server) caseSuspendSubmit(c *gin.Context) {
	caseStepSubmit(s, c, rbac.CaseSuspend, "suspend", "suspended", func(p app.Problems) app.SuspendInput {
		return app.SuspendInput{On: formDate(c, "on", p), Reason: c.PostForm("reason")}
	}, s.Store.SuspendCase, "on", "reason")
}

func (s *Server) apiResumeCase(c *gin.Context) {
	apiCaseStep(s, c, rbac.CaseSuspend, s.bindJSON, http.StatusOK, s.Store.ResumeCase)
}

func (s *Server) caseResumeSubmit(c *gin.Context) {
	caseStepSubmit(s, c, rbac.CaseSuspend, "resume", "resumed", func(p app.Problems) app.ResumeInput {
		return app.ResumeInput{On: formDate(c, "on", p)}
	}, s.Store.ResumeCase, "on")
}
