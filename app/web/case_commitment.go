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
	cm, _, ok := recordOfCase(s, c, rbac.CaseCommit, s.Store.GetCommitment, func(cm app.Commitment) int64 { return cm.CaseID })
	return cm, ok
}

func (s *Server) apiFulfilCommitment(c *gin.Context) {
	if cm, ok := s.commitmentFor(c); ok {
		apiStep(s, c, cm.ID, s.bindJSON, http.StatusOK, s.Store.FulfilCommitment)
	}
}

func (s *Server) commitmentFulfilSubmit(c *gin.Context) {
	if cm, ok := s.commitmentFor(c); ok {
		stepSubmit(s, c, cm.CaseID, cm.ID, "fulfil", "fulfilled", func(p app.Problems) app.FulfilInput {
			return app.FulfilInput{On: formDate(c, "on", p)}
		}, s.Store.FulfilCommitment, "on")
	}
}
