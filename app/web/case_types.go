package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

// The court's case-type dictionary: the JSON handlers and the admin page
// side by side.

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

// caseTypesPage shows the court's case-type dictionary with a form to add or change a type.
func (s *Server) caseTypesPage(c *gin.Context) {
	flash := ""
	switch c.Query("done") {
	case "created":
		flash = "已新增案件类型，立案时即可选择；该类型的案号从 1 号起按年编号。"
	case "updated":
		flash = "已保存案件类型。"
	}
	s.renderCaseTypes(c, http.StatusOK, map[string]string{"litigation": "1"}, nil, flash)
}

func (s *Server) renderCaseTypes(c *gin.Context, status int, form, errs map[string]string, flash string) {
	a, _ := actorOf(c)
	types, err := s.Store.CaseTypes(c.Request.Context(), a.Court)
	if err != nil {
		s.renderError(c, err)
		return
	}
	s.renderForm(c, status, "case_types.html", "案件类型", gin.H{"Types": types, "Flash": flash}, form, errs)
}

func (s *Server) caseTypeSubmit(c *gin.Context) {
	if !s.parseForm(c) {
		return
	}
	in := app.CaseTypeInputFromForm(c.Request.PostForm)
	a, _ := actorOf(c)
	_, created, err := s.Store.SaveCaseType(c.Request.Context(), a, in)
	if err != nil {
		s.formFailed(c, err, func(status int, errs map[string]string) {
			s.renderCaseTypes(c, status, formValues(c, "code", "name", "limit_months", "limit_days", "simplified_days", "litigation"), errs, "")
		}, app.EINVALID, app.ECONFLICT)
		return
	}
	done := "updated"
	if created {
		done = "created"
	}
	c.Redirect(http.StatusSeeOther, "/admin/case-types?done="+done)
}
