package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// The liaison's desk (联络台): what the organs owe the court, on one page.

// deskOptionsOf reads ?year and works out which linkage cases the user may
// see from their case:read scope (the liaison's scope is the linkage cases).
func (s *Server) deskOptionsOf(c *gin.Context) (app.DeskOptions, error) {
	var opts app.DeskOptions
	if v := c.Query("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1900 || y > 2999 {
			return opts, app.Invalid("year", "年份应为四位数字，如 2025")
		}
		opts.Year = y
	}
	var err error
	if opts.Cases, err = s.caseVisibility(c); err != nil {
		return opts, err
	}
	opts.Meetings, err = s.visibility(c, rbac.MeetingRead)
	return opts, err
}

// deskOf reads the desk the request asks for, its letters' cases hidden
// from a user who may not read them.
func (s *Server) deskOf(c *gin.Context) (app.LiaisonDesk, app.DeskOptions, error) {
	opts, err := s.deskOptionsOf(c)
	if err != nil {
		return app.LiaisonDesk{}, opts, err
	}
	desk, err := run(c, opts, s.Store.LiaisonDesk)
	if err == nil {
		err = s.hideUnreadableCases(c, desk.LettersAwaitingReply)
	}
	return desk, opts, err
}

func (s *Server) apiLiaisonDesk(c *gin.Context) {
	desk, _, err := s.deskOf(c)
	apiAnswer(s, c, http.StatusOK, desk, err)
}

// deskView is what the desk page shows beside the desk itself.
type deskView struct {
	app.LiaisonDesk
	Overdue      int
	CanReply     bool
	CanReadCases bool
	Years        []int
}

// liaisonPage is the liaison's desk.
func (s *Server) liaisonPage(c *gin.Context) {
	desk, opts, err := s.deskOf(c)
	if err != nil {
		s.renderError(c, err)
		return
	}
	a, _ := actorOf(c)
	v := deskView{LiaisonDesk: desk, CanReply: s.Authz.Allowed(a, rbac.LetterReply), CanReadCases: !opts.Cases.None()}
	for _, l := range desk.LettersAwaitingReply {
		if l.Overdue {
			v.Overdue++
		}
	}
	for y := desk.Today.Year; y >= desk.Today.Year-4; y-- {
		v.Years = append(v.Years, y)
	}
	s.render(c, http.StatusOK, "liaison.html", "联络台", v)
}
