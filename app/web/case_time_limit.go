package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/app/form"
	"fuyuan/rbac"
)

// The time limit of a case: excluded periods (扣除审限), extensions
// (延长审限) and the requests for them, the JSON handlers and the case
// page's forms side by side.

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

// Requests to extend a case's time limit (延长审限申请): the judge asks from
// the case page, a leader approves or refuses there (reached from the to-do
// list), the judge may withdraw; the JSON handlers and the forms side by side.

// extensionDecision is one of the steps on a pending request: its path
// verb, the flash after it, the action it needs on the case, its service.
type extensionDecision struct {
	verb, done string
	action     rbac.Action
	do         caseService[app.ExtensionDecision, app.ExtensionRequest]
}

func (s *Server) extensionDecisions() []extensionDecision {
	return []extensionDecision{
		{"approve", "extreq_approved", rbac.ExtensionDecide, s.Store.ApproveExtensionRequest},
		{"refuse", "extreq_refused", rbac.ExtensionDecide, s.Store.RefuseExtensionRequest},
		{"withdraw", "extreq_withdrawn", rbac.CaseEdit, s.Store.WithdrawExtensionRequest},
	}
}

func (s *Server) apiListCaseExtensionRequests(c *gin.Context) {
	apiCaseItems(s, c, s.Store.ListCaseExtensionRequests)
}

func (s *Server) apiRequestExtension(c *gin.Context) {
	apiCaseStep(s, c, rbac.CaseEdit, s.bindFields, http.StatusCreated, s.Store.RequestExtension)
}

// apiListExtensionRequests answers the requests of the cases the user may
// read, of ?status= (every status when absent).
func (s *Server) apiListExtensionRequests(c *gin.Context) {
	vis, err := s.caseVisibility(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	items, err := s.Store.ListExtensionRequests(c.Request.Context(), vis, app.ExtensionRequestFilter{Status: c.Query("status")})
	apiAnswer(s, c, http.StatusOK, gin.H{"items": items, "total": len(items)}, err)
}

func (s *Server) apiDecideExtension(d extensionDecision) gin.HandlerFunc {
	return func(c *gin.Context) {
		apiRecordStep(s, c, d.action, s.Store.ExtensionRequestCase, s.bindFields, http.StatusOK, d.do)
	}
}

func (s *Server) extensionRequestSubmit(c *gin.Context) {
	caseStepSubmit(s, c, rbac.CaseEdit, "extreq", "extreq_asked", func(p app.Problems) app.ExtensionRequestInput {
		in := app.ExtensionRequestInput{Reason: c.PostForm("reason"), NewDeadlineOn: formDate(c, "new_deadline_on", p)}
		in.Days, _ = form.Parse(p, "days", c.PostForm("days"), "延长天数应为整数", strconv.Atoi)
		return in
	}, s.Store.RequestExtension, "reason", "days", "new_deadline_on")
}

func (s *Server) extensionDecisionSubmit(d extensionDecision) gin.HandlerFunc {
	return func(c *gin.Context) {
		recordStepSubmit(s, c, d.action, s.Store.ExtensionRequestCase, "extreq_"+d.verb, d.done, func(p app.Problems) app.ExtensionDecision {
			in := app.ExtensionDecision{Comment: c.PostForm("comment")}
			in.Version, _ = strconv.Atoi(c.PostForm("version"))
			return in
		}, d.do, "comment")
	}
}
