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
	return f, bad.Err()
}

func (s *Server) apiListLetters(c *gin.Context) {
	apiList(s, c, rbac.LetterRead, s.letterFilterOf, s.readableLetters(c))
}

// readableLetters is ListLetters with the cases the user may not read hidden.
func (s *Server) readableLetters(c *gin.Context) func(context.Context, app.Visibility, app.LetterFilter, app.Page) (app.List[app.Letter], error) {
	return func(ctx context.Context, vis app.Visibility, f app.LetterFilter, pg app.Page) (app.List[app.Letter], error) {
		list, err := s.Store.ListLetters(ctx, vis, f, pg)
		if err == nil {
			err = s.hideUnreadableCases(c, list.Items)
		}
		return list, err
	}
}

// readableLetter is the letter service do with the letter's case hidden
// from a user who may not read it.
func readableLetter[In any](s *Server, c *gin.Context, do func(context.Context, app.Actor, int64, In) (app.Letter, error)) func(context.Context, app.Actor, int64, In) (app.Letter, error) {
	return func(ctx context.Context, a app.Actor, id int64, in In) (app.Letter, error) {
		l, err := do(ctx, a, id, in)
		if err == nil {
			err = s.hideUnreadableCase(c, &l)
		}
		return l, err
	}
}

// apiLetterStep answers a step on the letter of :id: action authorised
// (authorizeLetter), the body read by bind, do run, the letter answered.
func apiLetterStep[In any](s *Server, c *gin.Context, action rbac.Action, bind func(*gin.Context, any) bool,
	do func(context.Context, app.Actor, int64, In) (app.Letter, error)) {
	if id, ok := s.authorizeLetter(c, action); ok {
		apiStep(s, c, id, bind, http.StatusOK, do)
	}
}

func (s *Server) apiDraftLetter(c *gin.Context) {
	draft := func(ctx context.Context, a app.Actor, _ int64, in app.LetterInput) (app.Letter, error) {
		return s.Store.DraftLetter(ctx, a, in)
	}
	apiStep(s, c, 0, s.bindJSON, http.StatusCreated, readableLetter(s, c, draft))
}

func (s *Server) apiGetLetter(c *gin.Context) {
	get := func(ctx context.Context, a app.Actor, id int64, _ struct{}) (app.Letter, error) {
		return s.Store.GetLetter(ctx, a, id)
	}
	apiLetterStep(s, c, rbac.LetterRead, noBody, readableLetter(s, c, get))
}

// approvalInput is the optional body of POST /letters/:id/approve.
type approvalInput struct {
	ApprovedOn app.Date `json:"approved_on"`
}

func (s *Server) apiApproveLetter(c *gin.Context) {
	approve := func(ctx context.Context, a app.Actor, id int64, in approvalInput) (app.Letter, error) {
		return s.Store.ApproveLetter(ctx, a, id, in.ApprovedOn)
	}
	apiLetterStep(s, c, rbac.LetterApprove, s.bindOptionalJSON, readableLetter(s, c, approve))
}

func (s *Server) apiIssueLetter(c *gin.Context) {
	apiLetterStep(s, c, rbac.LetterIssue, s.bindOptionalJSON, readableLetter(s, c, s.Store.IssueLetter))
}

func (s *Server) apiReplyToLetter(c *gin.Context) {
	apiLetterStep(s, c, rbac.LetterReply, s.bindOptionalJSON, readableLetter(s, c, s.Store.ReplyToLetter))
}

func (s *Server) apiEditLetter(c *gin.Context) {
	apiLetterStep(s, c, rbac.LetterEdit, s.bindJSON, s.Store.EditLetter)
}

// apiReturnLetter and apiWithdrawLetter answer a return or a withdrawal:
// {comment} or {reason}, and an optional version.
func (s *Server) apiReturnLetter(c *gin.Context) {
	apiLetterStep(s, c, rbac.LetterReturn, s.bindJSON, s.Store.ReturnLetter)
}

func (s *Server) apiWithdrawLetter(c *gin.Context) {
	apiLetterStep(s, c, rbac.LetterWithdraw, s.bindJSON, s.Store.WithdrawLetter)
}
