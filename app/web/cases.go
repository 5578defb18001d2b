package web

import (
	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

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
