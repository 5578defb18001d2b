package web

import (
	"io/fs"
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/rbac"
)

// routes registers every route: one table of the HTTP surface, each route
// with the action it needs and its handler, grouped by part (the handlers
// live in the part's file: letters.go, casefile.go …). JSON is under api
// (authed once logged in), pages under site; the authorisation matrix test
// (matrix_test.go) wants a row for each.
func (s *Server) routes() {
	e := s.engine
	e.Use(s.recoverPanics(), s.requestLog(), s.securityHeaders, s.readTurns())

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	static, _ := fs.Sub(assets, "static")
	e.StaticFS("/static", noDirectories{http.FS(static)})
	e.GET("/favicon.ico", func(c *gin.Context) { c.Status(http.StatusNoContent) })

	api := e.Group("/api/v1", s.limitBody(s.Config.MaxUpload), s.loadSession)
	api.POST("/login", s.apiLogin)
	api.POST("/logout", s.apiLogout)
	// What a mail client fetches without a session: a user's own calendar
	// by its secret link (calendar.go).
	api.GET("/calendar/feeds/:file", s.apiCalendarFeed)
	authed := api.Group("", s.requireAPIUser)
	authed.GET("/me", s.apiMe)
	authed.POST("/me/password", s.apiChangePassword)
	authed.PATCH("/me", s.apiUpdateMe)
	authed.GET("/users", s.can(rbac.UserRead), s.apiListUsers)
	authed.POST("/users", s.can(rbac.UserWrite), s.apiCreateUser)
	authed.PATCH("/users/:id", s.can(rbac.UserWrite), s.apiUpdateUser)
	authed.POST("/users/:id/unlock", s.can(rbac.UserWrite), s.apiUnlockUser)
	authed.GET("/staff", s.can(rbac.StaffRead), s.apiListStaff)
	authed.GET("/organs", s.can(rbac.OrganRead), s.apiListOrgans)
	authed.POST("/organs", s.can(rbac.OrganWrite), s.apiCreateOrgan)
	authed.GET("/organs/:id", s.can(rbac.OrganRead), s.apiGetOrgan)
	authed.GET("/audit", s.can(rbac.AuditRead), s.apiAudit)

	pages := e.Group("", s.limitBody(s.Config.MaxUpload), s.loadSession)
	pages.GET("/login", s.loginPage)
	pages.POST("/login", s.loginSubmit)
	pages.POST("/logout", s.logoutSubmit)
	site := pages.Group("", s.requirePageUser)
	site.GET("/", s.homePage)
	site.GET(passwordPath, s.passwordPage)
	site.POST(passwordPath, s.passwordSubmit)
	site.POST("/me/contact", s.contactSubmit)
	site.GET("/admin/users", s.can(rbac.UserRead), s.usersPage)
	site.POST("/admin/users", s.can(rbac.UserWrite), s.usersCreateSubmit)
	site.POST("/admin/users/:id", s.can(rbac.UserWrite), s.usersUpdateSubmit)
	site.POST("/admin/users/:id/unlock", s.can(rbac.UserWrite), s.usersUnlockSubmit)
	site.GET("/organs", s.can(rbac.OrganRead), s.organsPage)
	site.POST("/organs", s.can(rbac.OrganWrite), s.organsCreateSubmit)

	// Cases (cases.go, case_*.go), case types and the holiday calendar.
	authed.GET("/cases", s.can(rbac.CaseRead), s.apiListCases)
	authed.POST("/cases", s.can(rbac.CaseCreate), s.apiCreateCase)
	authed.GET("/cases/:id", s.can(rbac.CaseRead), s.apiGetCase)
	// Editing needs case:edit (the judge of the case) and reassigning needs
	// case:assign (a leader): the handler decides which from what the patch changes.
	authed.PATCH("/cases/:id", s.can(rbac.CaseRead), s.apiUpdateCase)
	authed.POST("/cases/:id/suspend", s.can(rbac.CaseSuspend), s.apiSuspendCase)
	authed.POST("/cases/:id/resume", s.can(rbac.CaseSuspend), s.apiResumeCase)
	authed.POST("/cases/:id/close", s.can(rbac.CaseClose), s.apiCloseCase)
	authed.GET("/cases/:id/mediations", s.can(rbac.CaseRead), s.apiListMediations)
	authed.POST("/cases/:id/mediations", s.can(rbac.CaseMediate), s.apiRecordMediation)
	authed.GET("/cases/:id/commitments", s.can(rbac.CaseRead), s.apiListCommitments)
	authed.POST("/cases/:id/commitments", s.can(rbac.CaseCommit), s.apiAddCommitment)
	authed.POST("/commitments/:id/fulfil", s.can(rbac.CaseCommit), s.apiFulfilCommitment)
	authed.GET("/cases/:id/excluded-periods", s.can(rbac.CaseRead), s.apiListExcludedPeriods)
	authed.POST("/cases/:id/excluded-periods", s.can(rbac.CaseEdit), s.apiAddExcludedPeriod)
	authed.GET("/cases/:id/extensions", s.can(rbac.CaseRead), s.apiListExtensions)
	authed.POST("/cases/:id/extensions", s.can(rbac.CaseEdit), s.apiAddExtension)
	authed.GET("/cases/:id/extension-requests", s.can(rbac.CaseRead), s.apiListCaseExtensionRequests)
	authed.POST("/cases/:id/extension-requests", s.can(rbac.CaseEdit), s.apiRequestExtension)
	authed.GET("/extension-requests", s.can(rbac.CaseRead), s.apiListExtensionRequests)
	authed.GET("/case-types", s.can(rbac.CaseRead), s.apiListCaseTypes)
	authed.POST("/case-types", s.can(rbac.CaseTypeWrite), s.apiSaveCaseType)
	authed.GET("/holidays", s.can(rbac.CaseRead), s.apiListHolidays)
	authed.POST("/holidays", s.can(rbac.HolidayWrite), s.apiSaveHoliday)
	authed.DELETE("/holidays/:day", s.can(rbac.HolidayWrite), s.apiDeleteHoliday)
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
		authed.POST("/extension-requests/:id/"+d.verb, s.can(d.action), s.apiDecideExtension(d))
		site.POST("/extension-requests/:id/"+d.verb, s.can(d.action), s.extensionDecisionSubmit(d))
	}
	site.GET("/admin/holidays", s.can(rbac.HolidayWrite), s.holidaysPage)
	site.POST("/admin/holidays", s.can(rbac.HolidayWrite), s.holidaySubmit)
	site.POST("/admin/holidays/:day/delete", s.can(rbac.HolidayWrite), s.holidayDeleteSubmit)
	site.GET("/admin/case-types", s.can(rbac.CaseTypeWrite), s.caseTypesPage)
	site.POST("/admin/case-types", s.can(rbac.CaseTypeWrite), s.caseTypeSubmit)

	// The inbox (notifications.go): every user has their own.
	authed.GET("/todo", s.apiTodo)
	authed.GET("/notifications", s.apiListNotifications)
	authed.POST("/notifications/:id/read", s.apiReadNotification)
	site.GET("/notifications", s.notificationsPage)
	site.POST("/notifications/:id/open", s.notificationOpenSubmit)

	// The calendar of hearings, circuits and mediation sessions (calendar.go).
	authed.GET("/calendar", s.can(rbac.CaseRead), s.apiCalendar)
	authed.GET("/calendar/judges/:file", s.can(rbac.CaseRead), s.apiJudgeICS)
	authed.POST("/me/calendar-feed", s.can(rbac.CaseRead), s.apiNewCalendarFeed)
	site.GET("/calendar", s.can(rbac.CaseRead), s.calendarPage)
	site.POST("/calendar/feed", s.can(rbac.CaseRead), s.calendarFeedSubmit)

	// The case file (casefile.go): parties, the challenged act, document
	// templates, generated documents and their service.
	authed.POST("/cases/:id/parties", s.can(rbac.CaseEdit), s.apiAddParty)
	authed.DELETE("/parties/:id", s.can(rbac.CaseEdit), s.apiRemoveParty)
	authed.PUT("/cases/:id/challenged-act", s.can(rbac.CaseEdit), s.apiSetChallengedAct)
	authed.GET("/document-templates", s.can(rbac.CaseRead), s.apiListTemplates)
	authed.GET("/document-templates/:kind/file.docx", s.can(rbac.CaseRead), s.templateFile)
	authed.PUT("/document-templates/:kind", s.can(rbac.TemplateWrite), s.apiSaveTemplate)
	authed.GET("/cases/:id/documents", s.can(rbac.CaseRead), s.apiListDocuments)
	authed.POST("/cases/:id/documents", s.can(rbac.CaseEdit), s.apiGenerateDocument)
	authed.GET("/documents/:id/file.docx", s.can(rbac.CaseRead), s.documentFile)
	authed.POST("/documents/:id/services", s.can(rbac.CaseEdit), s.apiRecordService)
	site.POST("/cases/:id/parties", s.can(rbac.CaseEdit), s.partySubmit)
	site.POST("/parties/:id/delete", s.can(rbac.CaseEdit), s.partyRemoveSubmit)
	site.POST("/cases/:id/challenged-act", s.can(rbac.CaseEdit), s.actSubmit)
	site.POST("/cases/:id/documents", s.can(rbac.CaseEdit), s.documentSubmit)
	site.GET("/documents/:id/file.docx", s.can(rbac.CaseRead), s.documentFile)
	site.POST("/documents/:id/services", s.can(rbac.CaseEdit), s.serviceSubmit)
	site.GET("/admin/document-templates", s.can(rbac.TemplateWrite), s.templatesPage)
	site.POST("/admin/document-templates/:kind", s.can(rbac.TemplateWrite), s.templateSubmit)
	site.GET("/admin/document-templates/:kind/file.docx", s.can(rbac.TemplateWrite), s.templateFile)

	// The court–government linkage (letters.go, letters_pages.go, meetings.go,
	// liaison.go): advisory letters, meetings, the liaison's desk.
	authed.GET("/letters", s.can(rbac.LetterRead), s.apiListLetters)
	authed.POST("/letters", s.can(rbac.LetterDraft), s.apiDraftLetter)
	authed.GET("/letters/:id", s.can(rbac.LetterRead), s.apiGetLetter)
	authed.PATCH("/letters/:id", s.can(rbac.LetterEdit), s.apiEditLetter)
	authed.POST("/letters/:id/return", s.can(rbac.LetterReturn), s.apiReturnLetter)
	authed.POST("/letters/:id/withdraw", s.can(rbac.LetterWithdraw), s.apiWithdrawLetter)
	authed.POST("/letters/:id/approve", s.can(rbac.LetterApprove), s.apiApproveLetter)
	authed.POST("/letters/:id/issue", s.can(rbac.LetterIssue), s.apiIssueLetter)
	authed.POST("/letters/:id/reply", s.can(rbac.LetterReply), s.apiReplyToLetter)
	authed.GET("/meetings", s.can(rbac.MeetingRead), s.apiListMeetings)
	authed.POST("/meetings", s.can(rbac.MeetingWrite), s.apiRecordMeeting)
	authed.GET("/meetings/:id", s.can(rbac.MeetingRead), s.apiGetMeeting)
	authed.POST("/meetings/:id/followups/:fid/done", s.can(rbac.MeetingWrite), s.apiCompleteFollowup)
	// The desk is guarded by letter:read: the liaison, judges, the leader
	// (and the admin, who reads everything) may open it; mediators may not.
	// Which linkage cases it lists follows the user's own case:read scope.
	authed.GET("/liaison/desk", s.can(rbac.LetterRead), s.apiLiaisonDesk)
	site.GET("/letters", s.can(rbac.LetterRead), s.lettersPage)
	site.GET("/letters/new", s.can(rbac.LetterDraft), s.letterNewPage)
	site.POST("/letters", s.can(rbac.LetterDraft), s.letterDraftSubmit)
	site.GET("/letters/:id", s.can(rbac.LetterRead), s.letterPage)
	site.GET("/letters/:id/print", s.can(rbac.LetterRead), s.letterPrintPage)
	site.GET("/letters/:id/edit", s.can(rbac.LetterEdit), s.letterEditPage)
	site.POST("/letters/:id/edit", s.can(rbac.LetterEdit), s.letterEditSubmit)
	site.POST("/letters/:id/return", s.can(rbac.LetterReturn), s.letterReturnSubmit)
	site.POST("/letters/:id/withdraw", s.can(rbac.LetterWithdraw), s.letterWithdrawSubmit)
	site.POST("/letters/:id/approve", s.can(rbac.LetterApprove), s.letterApproveSubmit)
	site.POST("/letters/:id/issue", s.can(rbac.LetterIssue), s.letterIssueSubmit)
	site.POST("/letters/:id/reply", s.can(rbac.LetterReply), s.letterReplySubmit)
	site.GET("/meetings", s.can(rbac.MeetingRead), s.meetingsPage)
	site.POST("/meetings", s.can(rbac.MeetingWrite), s.meetingRecordSubmit)
	site.GET("/meetings/:id", s.can(rbac.MeetingRead), s.meetingPage)
	site.POST("/meetings/:id/followups/:fid/done", s.can(rbac.MeetingWrite), s.followupDoneSubmit)
	site.GET("/liaison", s.can(rbac.LetterRead), s.liaisonPage)

	// Field work: workstations and their service logs, circuit hearings,
	// inspections, protection orders and the fast-track queue.
	authed.GET("/workstations", s.can(rbac.WorkstationRead), s.apiListWorkstations)
	authed.POST("/workstations", s.can(rbac.WorkstationWrite), s.apiCreateWorkstation)
	authed.GET("/workstations/:id", s.can(rbac.WorkstationRead), s.apiGetWorkstation)
	authed.PATCH("/workstations/:id", s.can(rbac.WorkstationWrite), s.apiUpdateWorkstation)
	authed.GET("/workstations/:id/services", s.can(rbac.WorkstationRead), s.apiListServices)
	authed.POST("/workstations/:id/services", s.can(rbac.ServiceWrite), s.apiLogService)
	authed.GET("/circuits", s.can(rbac.CircuitRead), s.apiListCircuits)
	authed.POST("/circuits", s.can(rbac.CircuitWrite), s.apiCreateCircuit)
	authed.GET("/inspections", s.can(rbac.InspectionRead), s.apiListInspections)
	authed.POST("/inspections", s.can(rbac.InspectionWrite), s.apiCreateInspection)
	authed.GET("/protection-orders", s.can(rbac.ProtectionOrderRead), s.apiListProtectionOrders)
	authed.POST("/protection-orders", s.can(rbac.ProtectionOrderWrite), s.apiCreateProtectionOrder)
	authed.GET("/fast-track", s.can(rbac.CaseRead), s.apiFastTrack)
	site.GET("/workstations", s.can(rbac.WorkstationRead), s.workstationsPage)
	site.POST("/workstations", s.can(rbac.WorkstationWrite), s.workstationsCreateSubmit)
	site.GET("/workstations/:id", s.can(rbac.WorkstationRead), s.workstationPage)
	site.POST("/workstations/:id", s.can(rbac.WorkstationWrite), s.workstationUpdateSubmit)
	site.POST("/workstations/:id/services", s.can(rbac.ServiceWrite), s.serviceLogSubmit)
	site.GET("/circuits", s.can(rbac.CircuitRead), s.circuitsPage)
	site.POST("/circuits", s.can(rbac.CircuitWrite), s.circuitsCreateSubmit)
	site.GET("/inspections", s.can(rbac.InspectionRead), s.inspectionsPage)
	site.POST("/inspections", s.can(rbac.InspectionWrite), s.inspectionsCreateSubmit)
	site.GET("/protection-orders", s.can(rbac.ProtectionOrderRead), s.protectionOrdersPage)
	site.POST("/protection-orders", s.can(rbac.ProtectionOrderWrite), s.protectionOrdersCreateSubmit)
	site.GET("/fast-track", s.can(rbac.CaseRead), s.fastTrackPage)

	// Statistics, the monthly report, the case list's export, the archive and
	// the ledger import (reports.go, reports_pages.go).
	authed.GET("/stats", s.can(rbac.StatsRead), s.apiStats)
	authed.GET("/reports/monthly.xlsx", s.can(rbac.ReportRead), s.apiMonthlyReport)
	authed.GET("/reports/cases.xlsx", s.can(rbac.ReportRead), s.exportCases)
	authed.GET("/reports/archive", s.can(rbac.ReportRead), s.apiListArchive)
	authed.POST("/reports/archive", s.can(rbac.ReportGenerate), s.apiArchiveMonth)
	authed.GET("/reports/archive/:id/file", s.can(rbac.ReportRead), s.apiArchivedFile)
	authed.GET("/imports/cases/template.xlsx", s.can(rbac.ImportCases), s.apiImportTemplate)
	authed.POST("/imports/cases", s.can(rbac.ImportCases), s.apiImportCases)
	site.GET("/reports", s.can(rbac.ReportRead), s.reportsPage)
	// The case list's 导出 Excel button: the same export, its errors shown as a page.
	site.GET("/reports/cases.xlsx", s.can(rbac.ReportRead), s.exportCases)
	site.POST("/reports/archive", s.can(rbac.ReportGenerate), s.reportsArchiveSubmit)
	site.GET("/reports/import", s.can(rbac.ImportCases), s.importPage)
	site.POST("/reports/import", s.can(rbac.ImportCases), s.importSubmit)

	// Hearings and appeals (hearings.go).
	authed.GET("/cases/:id/hearings", s.can(rbac.CaseRead), s.apiListHearings)
	authed.POST("/cases/:id/hearings", s.can(rbac.HearingWrite), s.apiScheduleHearing)
	authed.PATCH("/hearings/:id", s.can(rbac.HearingWrite), s.apiUpdateHearing)
	authed.POST("/cases/:id/appeals", s.can(rbac.AppealWrite), s.apiFileAppeal)
	authed.POST("/appeals/:id/decide", s.can(rbac.AppealWrite), s.apiDecideAppeal)

	site.POST("/cases/:id/hearings", s.can(rbac.HearingWrite), s.caseHearingSubmit)
	site.POST("/hearings/:id", s.can(rbac.HearingWrite), s.hearingUpdateSubmit)
	site.POST("/cases/:id/appeals", s.can(rbac.AppealWrite), s.caseAppealSubmit)
	site.POST("/appeals/:id/decide", s.can(rbac.AppealWrite), s.appealDecideSubmit)

	// The figures by dimension (分析, analysis.go).
	site.GET("/analysis", s.can(rbac.StatsRead), s.analysisPage)
	site.GET("/analysis.xlsx", s.can(rbac.StatsRead), s.analysisExport)

	// The annual white paper (行政审判白皮书, whitepaper.go).
	authed.GET("/reports/white-paper.docx", s.can(rbac.ReportRead), s.whitePaperDocx)
	authed.GET("/white-papers/:year", s.can(rbac.ReportRead), s.apiGetWhitePaper)
	authed.PUT("/white-papers/:year", s.can(rbac.WhitePaperWrite), s.apiSaveWhitePaper)
	site.GET("/white-papers", s.can(rbac.ReportRead), s.whitePaperPage)
	site.GET("/reports/white-paper.docx", s.can(rbac.ReportRead), s.whitePaperDocx)
	site.POST("/white-papers/:year", s.can(rbac.WhitePaperWrite), s.whitePaperSubmit)

	// The follow-up visits (回访) of resolved cases (visits.go): the lists of
	// visits due, overdue and done, a case's visits and recording one.
	authed.GET("/visits", s.can(rbac.VisitRead), s.apiListVisits)
	authed.GET("/cases/:id/visits", s.can(rbac.CaseRead), s.apiCaseVisits)
	authed.POST("/visits/:id", s.can(rbac.CaseVisit), s.apiRecordVisit)
	site.GET("/visits", s.can(rbac.VisitRead), s.visitsPage)
	site.POST("/visits/:id", s.can(rbac.CaseVisit), s.visitSubmit)

	// Attachments and the case file's zip (attachments.go). Adding, withdrawing
	// and reading are decided on the owner by app.Store (the owner's kind
	// says which action), so no route guard names one.
	authed.POST("/attachments", s.apiAddAttachment)
	authed.GET("/attachments/:id", s.downloadAttachment)
	authed.POST("/attachments/:id/withdraw", s.apiWithdrawAttachment)
	authed.GET("/cases/:id/file.zip", s.can(rbac.CaseRead), s.caseFileZip)
	site.POST("/attachments", s.attachmentSubmit)
	site.GET("/attachments/:id", s.downloadAttachment)
	site.POST("/attachments/:id/withdraw", s.attachmentWithdrawSubmit)
	site.GET("/cases/:id/file.zip", s.can(rbac.CaseRead), s.caseFileZip)

	// The session is read so that a logged-in user's 404 page has the navigation.
	e.NoRoute(s.loadSession, func(c *gin.Context) {
		s.failAuto(c, notFoundPage())
	})
}

// noDirectories serves the embedded static files but no directory: a
// directory is "not found", so /static/ lists nothing.
type noDirectories struct{ fs http.FileSystem }

// Open opens a file; a directory is fs.ErrNotExist.
func (n noDirectories) Open(name string) (http.File, error) {
	f, err := n.fs.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		f.Close()
		return nil, fs.ErrNotExist
	}
	return f, nil
}
