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
	ref, ok := s.caseFor(c, rbac.CaseRead)
	if !ok {
		return
	}
	a, _ := actorOf(c)
	items, err := s.Store.ListExcludedPeriods(c.Request.Context(), a, ref.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "total": len(items)})
}

func (s *Server) apiAddExcludedPeriod(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	var in app.ExcludedPeriodInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	ep, err := s.Store.AddExcludedPeriod(c.Request.Context(), a, ref.ID, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, ep)
}

func (s *Server) caseExcludedPeriodSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	p := app.Problems{}
	in := app.ExcludedPeriodInput{Reason: c.PostForm("reason"), StartOn: formDate(c, "start_on", p), EndOn: formDate(c, "end_on", p), Notes: c.PostForm("notes")}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "excluded", "excluded", p, func() error {
		_, err := s.Store.AddExcludedPeriod(c.Request.Context(), a, ref.ID, in)
		return err
	}, "reason", "start_on", "end_on", "notes")
}

func (s *Server) apiListExtensions(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseRead)
	if !ok {
		return
	}
	a, _ := actorOf(c)
	items, err := s.Store.ListExtensions(c.Request.Context(), a, ref.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "total": len(items)})
}

func (s *Server) apiAddExtension(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	var in app.ExtensionInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	ext, err := s.Store.AddExtension(c.Request.Context(), a, ref.ID, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, ext)
}

func (s *Server) caseExtensionSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	p := app.Problems{}
	in := app.ExtensionInput{ApprovedOn: formDate(c, "approved_on", p), NewDeadlineOn: formDate(c, "new_deadline_on", p),
		ApprovedBy: c.PostForm("approved_by"), Reason: c.PostForm("reason")}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "extension", "extension", p, func() error {
		_, err := s.Store.AddExtension(c.Request.Context(), a, ref.ID, in)
		return err
	}, "approved_on", "new_deadline_on", "approved_by", "reason")
}
