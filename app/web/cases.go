package web

import (
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
	api.GET("/cases/:id/extension-requests", s.can(rbac.CaseRead), s.apiListCaseExtensionRequests)
	api.POST("/cases/:id/extension-requests", s.can(rbac.CaseEdit), s.apiRequestExtension)
	api.GET("/extension-requests", s.can(rbac.CaseRead), s.apiListExtensionRequests)
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
	site.POST("/cases/:id/extension-requests", s.can(rbac.CaseEdit), s.extensionRequestSubmit)
	for _, d := range s.extensionDecisions() {
		api.POST("/extension-requests/:id/"+d.verb, s.can(d.action), s.apiDecideExtension(d))
		site.POST("/extension-requests/:id/"+d.verb, s.can(d.action), s.extensionDecisionSubmit(d))
	}
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
