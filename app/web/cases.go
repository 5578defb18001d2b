package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// caseRoutes registers the routes of this part: JSON under api, pages under site.
func (s *Server) caseRoutes(api, site *gin.RouterGroup) {
	api.GET("/cases", s.can(rbac.CaseRead), s.apiListCases)
	api.POST("/cases", s.can(rbac.CaseCreate), s.apiCreateCase)
	api.GET("/cases/:id", s.can(rbac.CaseRead), s.apiGetCase)
	// Editing needs case:edit (the judge of the case) and reassigning needs
	// case:assign (a leader): the handler decides which from what the patch changes.
	api.PATCH("/cases/:id", s.can(rbac.CaseRead), s.apiUpdateCase)
	api.POST("/cases/:id/suspend", s.can(rbac.CaseSuspend), s.apiSuspendCase)
	api.POST("/cases/:id/resume", s.can(rbac.CaseSuspend), s.apiResumeCase)
	api.POST("/cases/:id/close", s.can(rbac.CaseClose), s.apiCloseCase)
	api.GET("/cases/:id/mediations", s.can(rbac.CaseRead), s.apiListMediations)
	api.POST("/cases/:id/mediations", s.can(rbac.CaseMediate), s.apiRecordMediation)
	api.GET("/cases/:id/commitments", s.can(rbac.CaseRead), s.apiListCommitments)
	api.POST("/cases/:id/commitments", s.can(rbac.CaseCommit), s.apiAddCommitment)
	api.POST("/commitments/:id/fulfil", s.can(rbac.CaseCommit), s.apiFulfilCommitment)
	api.GET("/cases/:id/excluded-periods", s.can(rbac.CaseRead), s.apiListExcludedPeriods)
	api.POST("/cases/:id/excluded-periods", s.can(rbac.CaseEdit), s.apiAddExcludedPeriod)
	api.GET("/cases/:id/extensions", s.can(rbac.CaseRead), s.apiListExtensions)
	api.POST("/cases/:id/extensions", s.can(rbac.CaseEdit), s.apiAddExtension)
	api.GET("/case-types", s.can(rbac.CaseRead), s.apiListCaseTypes)
	api.POST("/case-types", s.can(rbac.CaseTypeWrite), s.apiSaveCaseType)
	api.GET("/holidays", s.can(rbac.CaseRead), s.apiListHolidays)
	api.POST("/holidays", s.can(rbac.HolidayWrite), s.apiSaveHoliday)
	api.DELETE("/holidays/:day", s.can(rbac.HolidayWrite), s.apiDeleteHoliday)

	site.GET("/cases", s.can(rbac.CaseRead), s.casesPage)
	site.GET("/cases/new", s.can(rbac.CaseCreate), s.caseNewPage)
	site.POST("/cases", s.can(rbac.CaseCreate), s.caseCreateSubmit)
	site.GET("/cases/:id", s.can(rbac.CaseRead), s.casePage)
	site.POST("/cases/:id/edit", s.can(rbac.CaseEdit), s.caseEditSubmit)
	site.POST("/cases/:id/assign", s.can(rbac.CaseMediators), s.caseAssignSubmit)
	site.POST("/cases/:id/suspend", s.can(rbac.CaseSuspend), s.caseSuspendSubmit)
	site.POST("/cases/:id/resume", s.can(rbac.CaseSuspend), s.caseResumeSubmit)
	site.POST("/cases/:id/close", s.can(rbac.CaseClose), s.caseCloseSubmit)
	site.POST("/cases/:id/mediations", s.can(rbac.CaseMediate), s.caseMediationSubmit)
	site.POST("/cases/:id/commitments", s.can(rbac.CaseCommit), s.caseCommitmentSubmit)
	site.POST("/commitments/:id/fulfil", s.can(rbac.CaseCommit), s.commitmentFulfilSubmit)
	site.POST("/cases/:id/excluded-periods", s.can(rbac.CaseEdit), s.caseExcludedPeriodSubmit)
	site.POST("/cases/:id/extensions", s.can(rbac.CaseEdit), s.caseExtensionSubmit)
	site.GET("/admin/holidays", s.can(rbac.HolidayWrite), s.holidaysPage)
	site.POST("/admin/holidays", s.can(rbac.HolidayWrite), s.holidaySubmit)
	site.POST("/admin/holidays/:day/delete", s.can(rbac.HolidayWrite), s.holidayDeleteSubmit)
	site.GET("/admin/case-types", s.can(rbac.CaseTypeWrite), s.caseTypesPage)
	site.POST("/admin/case-types", s.can(rbac.CaseTypeWrite), s.caseTypeSubmit)
}

// caseFor loads the case of the :id parameter and authorises action on it;
// it writes the error (404 for absent or another court's, 403 when
// forbidden) and reports success.
func (s *Server) caseFor(c *gin.Context, action rbac.Action) (app.CaseRef, bool) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return app.CaseRef{}, false
	}
	ref, err := s.Store.GetCaseRef(c.Request.Context(), id)
	if err != nil {
		s.failAuto(c, err)
		return ref, false
	}
	return ref, s.authorize(c, action, rbac.CaseObject(ref))
}

// caseVisibility is which of the court's cases the user may read.
func (s *Server) caseVisibility(c *gin.Context) (app.Visibility, error) {
	return s.visibility(c, rbac.CaseRead)
}

// authorizePatch applies app.AuthorizePatch before the patch is read
// further (the service decides again on the locked row).
func (s *Server) authorizePatch(c *gin.Context, ref app.CaseRef, pt app.CasePatch) bool {
	a, _ := actorOf(c)
	if err := app.AuthorizePatch(s.Authz, a, ref, pt); err != nil {
		s.failAuto(c, err)
		return false
	}
	return true
}

func (s *Server) apiListCases(c *gin.Context) {
	pg, err := pageOf(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	f, err := app.ParseCaseFilter(c.Query)
	if err != nil {
		s.fail(c, err)
		return
	}
	vis, err := s.caseVisibility(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	// The court's case-list change counter as the session's query read it,
	// before the list: a change committed after it moves it, and the next
	// request reads the list afresh (pagecache.go).
	counter := c.GetInt64("changes")
	user := int64(0) // the court's cases look the same to all who see them all
	if vis.PerUser() {
		user = a.UserID
	}
	key := fmt.Sprintf("%s|%d|%s|%s", vis.Scope, user, s.Clock.Today(), c.Request.URL.RawQuery)
	if body, ok := s.listCache.get(a.Court, counter, key); ok {
		c.Data(http.StatusOK, jsonContentType, body)
		return
	}
	list, err := s.Store.ListCases(ctx, a, vis, f, pg)
	if err != nil {
		s.fail(c, err)
		return
	}
	body, err := json.Marshal(list)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.listCache.put(a.Court, counter, key, body)
	c.Data(http.StatusOK, jsonContentType, body)
}

// jsonContentType is the Content-Type of JSON answers, as gin's c.JSON sets it.
const jsonContentType = "application/json; charset=utf-8"

func (s *Server) apiCreateCase(c *gin.Context) {
	var in app.CaseInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	created, err := s.Store.CreateCase(ctx, a, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	d, err := s.caseDetail(c, created)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, d)
}

// caseDetail adds the related open cases the user may see.
func (s *Server) caseDetail(c *gin.Context, k app.Case) (app.CaseDetail, error) {
	vis, err := s.caseVisibility(c)
	if err != nil {
		return app.CaseDetail{}, err
	}
	a, _ := actorOf(c)
	return s.Store.CaseDetailOf(c.Request.Context(), a, vis, k)
}

func (s *Server) apiGetCase(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseRead)
	if !ok {
		return
	}
	a, _ := actorOf(c)
	k, err := s.Store.GetCase(c.Request.Context(), a, ref.ID)
	if err == nil && k.OriginCaseID != nil {
		var readable bool
		if readable, err = s.caseReadable(c, *k.OriginCaseID); !readable {
			k.OriginCaseID = nil
		}
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	d, err := s.caseDetail(c, k)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

func (s *Server) apiUpdateCase(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseRead)
	if !ok {
		return
	}
	var pt app.CasePatch
	if !s.bindJSON(c, &pt) {
		return
	}
	if !s.authorizePatch(c, ref, pt) {
		return
	}
	a, _ := actorOf(c)
	k, err := s.Store.UpdateCase(c.Request.Context(), a, ref.ID, pt)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, k)
}

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

func (s *Server) apiListMediations(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseRead)
	if !ok {
		return
	}
	a, _ := actorOf(c)
	items, err := s.Store.ListMediations(c.Request.Context(), a, ref.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "total": len(items)})
}

func (s *Server) apiRecordMediation(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseMediate)
	if !ok {
		return
	}
	var in app.MediationInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	m, err := s.Store.RecordMediation(c.Request.Context(), a, ref.ID, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, m)
}

func (s *Server) apiListCommitments(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseRead)
	if !ok {
		return
	}
	a, _ := actorOf(c)
	items, err := s.Store.ListCommitments(c.Request.Context(), a, ref.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "total": len(items)})
}

func (s *Server) apiAddCommitment(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseCommit)
	if !ok {
		return
	}
	var in app.CommitmentInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	m, err := s.Store.AddCommitment(c.Request.Context(), a, ref.ID, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, m)
}

// commitmentFor loads the commitment of the :id parameter and authorises
// case:commit on its case.
func (s *Server) commitmentFor(c *gin.Context) (app.Commitment, bool) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return app.Commitment{}, false
	}
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	cm, err := s.Store.GetCommitment(ctx, a, id)
	if err != nil {
		s.failAuto(c, err)
		return cm, false
	}
	ref, err := s.Store.GetCaseRef(ctx, cm.CaseID)
	if err != nil {
		s.failAuto(c, err)
		return cm, false
	}
	return cm, s.authorize(c, rbac.CaseCommit, rbac.CaseObject(ref))
}

func (s *Server) apiFulfilCommitment(c *gin.Context) {
	cm, ok := s.commitmentFor(c)
	if !ok {
		return
	}
	var in app.FulfilInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	done, err := s.Store.FulfilCommitment(c.Request.Context(), a, cm.ID, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, done)
}

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

func (s *Server) apiListCaseTypes(c *gin.Context) {
	a, _ := actorOf(c)
	items, err := s.Store.CaseTypes(c.Request.Context(), a.Court)
	if err != nil {
		s.fail(c, err)
		return
	}
	if items == nil {
		items = []app.CaseType{}
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "total": len(items)})
}

func (s *Server) apiSaveCaseType(c *gin.Context) {
	var in app.CaseTypeInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	t, created, err := s.Store.SaveCaseType(c.Request.Context(), a, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	c.JSON(status, t)
}

func (s *Server) apiListHolidays(c *gin.Context) {
	year := 0
	if v := c.Query("year"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1900 || n > 2999 {
			s.fail(c, app.Invalid("year", "年份应为四位数字，如 2026"))
			return
		}
		year = n
	}
	a, _ := actorOf(c)
	items, err := s.Store.ListHolidays(c.Request.Context(), a.Court, year)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "total": len(items)})
}

func (s *Server) apiSaveHoliday(c *gin.Context) {
	var in app.HolidayInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	h, err := s.Store.SaveHoliday(c.Request.Context(), a, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, h)
}

func (s *Server) apiDeleteHoliday(c *gin.Context) {
	day, err := app.ParseDate(c.Param("day"))
	if err != nil {
		s.fail(c, app.NotFound("日历中的该日期"))
		return
	}
	a, _ := actorOf(c)
	if err := s.Store.DeleteHoliday(c.Request.Context(), a, day); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"day": day})
}
