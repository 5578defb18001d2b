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
	ref, ok := s.caseFor(c, rbac.CaseSuspend)
	if !ok {
		return
	}
	var in app.SuspendInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	k, err := s.Store.SuspendCase(c.Request.Context(), a, ref.ID, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, k)
}

func (s *Server) caseSuspendSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseSuspend)
	if !ok {
		return
	}
	p := app.Problems{}
	in := app.SuspendInput{On: formDate(c, "on", p), Reason: c.PostForm("reason")}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "suspend", "suspended", p, func() error {
		_, err := s.Store.SuspendCase(c.Request.Context(), a, ref.ID, in)
		return err
	}, "on", "reason")
}

func (s *Server) apiResumeCase(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseSuspend)
	if !ok {
		return
	}
	var in app.ResumeInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	k, err := s.Store.ResumeCase(c.Request.Context(), a, ref.ID, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, k)
}

func (s *Server) caseResumeSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseSuspend)
	if !ok {
		return
	}
	p := app.Problems{}
	in := app.ResumeInput{On: formDate(c, "on", p)}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "resume", "resumed", p, func() error {
		_, err := s.Store.ResumeCase(c.Request.Context(), a, ref.ID, in)
		return err
	}, "on")
}
