package web

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

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
	if id, ok := s.authorizeLetter(c, rbac.LetterRead); ok {
		l, err := s.readLetter(c, id)
		apiAnswer(s, c, http.StatusOK, l, err)
	}
}

// readLetter reads letter id with its case hidden from a user who may not read it.
func (s *Server) readLetter(c *gin.Context, id int64) (app.Letter, error) {
	l, err := run(c, id, s.Store.GetLetter)
	if err == nil {
		err = s.hideUnreadableCase(c, &l)
	}
	return l, err
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
