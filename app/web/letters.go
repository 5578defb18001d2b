package web

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// linkageRoutes registers the routes of the court–government linkage part
// (advisory letters, meetings, the liaison's desk): JSON under api, pages under site.
func (s *Server) linkageRoutes(api, site *gin.RouterGroup) {
	api.GET("/letters", s.can(rbac.LetterRead), s.apiListLetters)
	api.POST("/letters", s.can(rbac.LetterDraft), s.apiDraftLetter)
	api.GET("/letters/:id", s.can(rbac.LetterRead), s.apiGetLetter)
	api.PATCH("/letters/:id", s.can(rbac.LetterEdit), s.apiEditLetter)
	api.POST("/letters/:id/return", s.can(rbac.LetterReturn), s.apiReturnLetter)
	api.POST("/letters/:id/withdraw", s.can(rbac.LetterWithdraw), s.apiWithdrawLetter)
	api.POST("/letters/:id/approve", s.can(rbac.LetterApprove), s.apiApproveLetter)
	api.POST("/letters/:id/issue", s.can(rbac.LetterIssue), s.apiIssueLetter)
	api.POST("/letters/:id/reply", s.can(rbac.LetterReply), s.apiReplyToLetter)

	api.GET("/meetings", s.can(rbac.MeetingRead), s.apiListMeetings)
	api.POST("/meetings", s.can(rbac.MeetingWrite), s.apiRecordMeeting)
	api.GET("/meetings/:id", s.can(rbac.MeetingRead), s.apiGetMeeting)
	api.POST("/meetings/:id/followups/:fid/done", s.can(rbac.MeetingWrite), s.apiCompleteFollowup)

	// The desk is guarded by letter:read: the liaison, judges, the leader
	// (and the admin, who reads everything) may open it; mediators may not.
	// Which linkage cases it lists follows the user's own case:read scope.
	api.GET("/liaison/desk", s.can(rbac.LetterRead), s.apiLiaisonDesk)

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
}

// letterObject is the authorisation object of a letter: its court and its drafter.
func letterObject(ref app.LetterRef) rbac.Object {
	return rbac.Object{Kind: "letter", Court: ref.CourtCode, Owner: ref.DraftedBy}
}

// authorizeLetter loads the letter of the :id parameter and checks the action
// on it (another court's letter is 404, a forbidden one 403); it writes the
// error and reports success.
func (s *Server) authorizeLetter(c *gin.Context, action rbac.Action) (int64, bool) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return 0, false
	}
	ref, err := s.Store.GetLetterRef(c.Request.Context(), id)
	if err != nil {
		s.failAuto(c, err)
		return 0, false
	}
	if !s.authorize(c, action, letterObject(ref)) {
		return 0, false
	}
	return id, true
}

// letterFilterOf reads the list filters of GET /letters.
func (s *Server) letterFilterOf(c *gin.Context) (app.LetterFilter, error) {
	bad := app.Problems{}
	f := app.LetterFilter{
		Status:  c.Query("status"),
		Kind:    c.Query("kind"),
		OrganID: queryID(c, "organ_id", bad),
		CaseID:  queryID(c, "case_id", bad),
		Overdue: queryBool(c, "overdue", bad),
		Sort:    c.Query("sort"),
	}
	if err := bad.Err(); err != nil {
		return f, err
	}
	return f, nil
}

func (s *Server) apiListLetters(c *gin.Context) {
	pg, err := pageOf(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	f, err := s.letterFilterOf(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	vis, err := s.listVisibility(c, rbac.LetterRead)
	if err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.Store.ListLetters(c.Request.Context(), vis, f, pg)
	if err == nil {
		err = s.hideUnreadableCases(c, list.Items)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

func (s *Server) apiDraftLetter(c *gin.Context) {
	var in app.LetterInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	l, err := s.Store.DraftLetter(c.Request.Context(), a, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.letterJSON(c, http.StatusCreated, l)
}

func (s *Server) apiGetLetter(c *gin.Context) {
	id, ok := s.authorizeLetter(c, rbac.LetterRead)
	if !ok {
		return
	}
	a, _ := actorOf(c)
	l, err := s.Store.GetLetter(c.Request.Context(), a, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.letterJSON(c, http.StatusOK, l)
}

// approvalInput is the optional body of POST /letters/:id/approve.
type approvalInput struct {
	ApprovedOn app.Date `json:"approved_on"`
}

func (s *Server) apiApproveLetter(c *gin.Context) {
	id, ok := s.authorizeLetter(c, rbac.LetterApprove)
	if !ok {
		return
	}
	var in approvalInput
	if c.Request.ContentLength != 0 && !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	l, err := s.Store.ApproveLetter(c.Request.Context(), a, id, in.ApprovedOn)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.letterJSON(c, http.StatusOK, l)
}

func (s *Server) apiIssueLetter(c *gin.Context) {
	id, ok := s.authorizeLetter(c, rbac.LetterIssue)
	if !ok {
		return
	}
	var in app.IssueInput
	if c.Request.ContentLength != 0 && !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	l, err := s.Store.IssueLetter(c.Request.Context(), a, id, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.letterJSON(c, http.StatusOK, l)
}

func (s *Server) apiReplyToLetter(c *gin.Context) {
	id, ok := s.authorizeLetter(c, rbac.LetterReply)
	if !ok {
		return
	}
	var in app.ReplyInput
	if c.Request.ContentLength != 0 && !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	l, err := s.Store.ReplyToLetter(c.Request.Context(), a, id, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.letterJSON(c, http.StatusOK, l)
}

func (s *Server) apiEditLetter(c *gin.Context) {
	id, ok := s.authorizeLetter(c, rbac.LetterEdit)
	if !ok {
		return
	}
	var in app.LetterEdit
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	l, err := s.Store.EditLetter(c.Request.Context(), a, id, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, l)
}

func (s *Server) apiReturnLetter(c *gin.Context) {
	s.apiReviseLetter(c, rbac.LetterReturn, s.Store.ReturnLetter)
}

func (s *Server) apiWithdrawLetter(c *gin.Context) {
	s.apiReviseLetter(c, rbac.LetterWithdraw, s.Store.WithdrawLetter)
}

// apiReviseLetter answers a return or a withdrawal: {comment} or {reason}, and an optional version.
func (s *Server) apiReviseLetter(c *gin.Context, action rbac.Action,
	step func(context.Context, app.Actor, int64, app.LetterNote) (app.Letter, error)) {
	id, ok := s.authorizeLetter(c, action)
	if !ok {
		return
	}
	var in app.LetterNote
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	l, err := step(c.Request.Context(), a, id, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, l)
}
