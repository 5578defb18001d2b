package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// Closing a case (结案): the JSON handler and the case page's form side by
// side. What closing means (the locked row's case:close, the version, the
// methods of the case type, the state) is app.CloseCase's; the page offers
// the form when app.StepsOn says Close.

// apiCloseCase is POST /api/cases/:id/close.
func (s *Server) apiCloseCase(c *gin.Context) {
	apiCaseStep(s, c, rbac.CaseClose, s.bindJSON, http.StatusOK, s.Store.CloseCase)
}

// caseCloseSubmit is the case page's close form, POST /cases/:id/close.
func (s *Server) caseCloseSubmit(c *gin.Context) {
	caseStepSubmit(s, c, rbac.CaseClose, "close", "closed", func(p app.Problems) app.CloseInput {
		in := app.CloseInput{ClosedOn: formDate(c, "closed_on", p), Method: c.PostForm("method"),
			JudgmentResult: c.PostForm("judgment_result"), PenaltyAfter: formMoney(c, "penalty_after", p),
			OrganCorrected: c.PostForm("organ_corrected") == "1"}
		// The version the page showed: a case reassigned or changed since is a conflict.
		in.Version, _ = strconv.Atoi(c.PostForm("version"))
		return in
	}, s.Store.CloseCase, "closed_on", "method", "judgment_result", "penalty_after", "organ_corrected")
}
