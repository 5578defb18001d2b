package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// Commitments of a mediated case (承诺) and their fulfilment: the JSON
// handlers and the case page's forms side by side.

func (s *Server) apiListCommitments(c *gin.Context) {
	apiCaseItems(s, c, s.Store.ListCommitments)
}

func (s *Server) apiAddCommitment(c *gin.Context) {
	apiCaseStep(s, c, rbac.CaseCommit, s.bindJSON, http.StatusCreated, s.Store.AddCommitment)
}

func (s *Server) caseCommitmentSubmit(c *gin.Context) {
	caseStepSubmit(s, c, rbac.CaseCommit, "commitment", "commitment", func(p app.Problems) app.CommitmentInput {
		return app.CommitmentInput{Kind: c.PostForm("kind"), DueOn: formDate(c, "due_on", p), Amount: formMoney(c, "amount", p), Notes: c.PostForm("notes")}
	}, s.Store.AddCommitment, "kind", "due_on", "amount", "notes")
}

// commitmentFor loads the commitment of the :id parameter and authorises
// case:commit on its case.
func (s *Server) commitmentFor(c *gin.Context) (app.Commitment, bool) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return app.Commitment{}, false
	}
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	cm, err := s.Store.GetCommitment(ctx, a, id)
	if err != nil {
		s.failAuto(c, err)
		return cm, false
	}
	ref, err := s.Store.GetCaseRef(ctx, cm.CaseID)
	if err != nil {
		s.failAuto(c, err)
		return cm, false
	}
	return cm, s.authorize(c, rbac.CaseCommit, rbac.CaseObject(ref))
}

func (s *Server) apiFulfilCommitment(c *gin.Context) {
	cm, ok := s.commitmentFor(c)
	if !ok {
		return
	}
	var in app.FulfilInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	done, err := s.Store.FulfilCommitment(c.Request.Context(), a, cm.ID, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, done)
}

func (s *Server) commitmentFulfilSubmit(c *gin.Context) {
	cm, ok := s.commitmentFor(c)
	if !ok {
		return
	}
	p := app.Problems{}
	in := app.FulfilInput{On: formDate(c, "on", p)}
	a, _ := actorOf(c)
	s.doneOrFailed(c, cm.CaseID, "fulfil", "fulfilled", p, func() error {
		_, err := s.Store.FulfilCommitment(c.Request.Context(), a, cm.ID, in)
		return err
	}, "on")
}
