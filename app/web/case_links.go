package web

import (
	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// A record that names another case (a letter's case, a litigation case's
// pre-litigation origin, the follow-up of a failed mediation) shows that
// case's number only to a user who may read that case: the number of a
// case is itself part of the case.

// mayReadCase is the one decision (rbac) on whether the user may read the case of ref.
func (s *Server) mayReadCase(a app.Actor, ref app.CaseRef) bool {
	return s.Authz.Authorize(a, rbac.CaseRead, rbac.CaseObject(ref)) == nil
}

// caseReadable reports whether the user may read case id; an absent case is not readable.
func (s *Server) caseReadable(c *gin.Context, id int64) (bool, error) {
	ref, err := s.Store.GetCaseRef(c.Request.Context(), id)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	a, _ := actorOf(c)
	return s.mayReadCase(a, ref), nil
}

// hideUnreadableCases removes the case (its id and number) from the letters
// whose case the user may not read.
func (s *Server) hideUnreadableCases(c *gin.Context, letters []app.Letter) error {
	readable := map[int64]bool{}
	for i := range letters {
		l := &letters[i]
		if l.CaseID == nil {
			continue
		}
		ok, seen := readable[*l.CaseID]
		if !seen {
			var err error
			if ok, err = s.caseReadable(c, *l.CaseID); err != nil {
				return err
			}
			readable[*l.CaseID] = ok
		}
		if !ok {
			l.CaseID, l.CaseNo, l.CaseHidden = nil, "", true
		}
	}
	return nil
}

// hideUnreadableCase is hideUnreadableCases for one letter.
func (s *Server) hideUnreadableCase(c *gin.Context, l *app.Letter) error {
	one := []app.Letter{*l}
	err := s.hideUnreadableCases(c, one)
	*l = one[0]
	return err
}
