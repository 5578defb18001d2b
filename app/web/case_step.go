package web

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// The shape most JSON handlers of a case's steps share: authorise the action
// on the case of :id (caseFor; the service decides again on the locked
// row), read the body, run the service with the actor, answer its result.
// Each step's handler names its action, its body reader and its service.

// caseService is a service of the store that takes a step on case id.
type caseService[In, Out any] func(ctx context.Context, a app.Actor, id int64, in In) (Out, error)

// apiCaseStep answers a step on the case of :id: action authorised, the
// body read by bind (s.bindJSON, or s.bindFields for inputs that name their
// bad fields), do run, its result answered with status.
func apiCaseStep[In, Out any](s *Server, c *gin.Context, action rbac.Action, bind func(*gin.Context, any) bool, status int, do caseService[In, Out]) {
	ref, ok := s.caseFor(c, action)
	if !ok {
		return
	}
	apiStep(s, c, ref.ID, bind, status, do)
}

// apiRecordStep is apiCaseStep on a record of a case (a hearing, an appeal)
// whose id is :id; caseOf finds its case.
func apiRecordStep[In, Out any](s *Server, c *gin.Context, action rbac.Action, caseOf func(context.Context, int64) (app.CaseRef, error),
	bind func(*gin.Context, any) bool, status int, do caseService[In, Out]) {
	id, _, ok := s.recordFor(c, action, caseOf)
	if !ok {
		return
	}
	apiStep(s, c, id, bind, status, do)
}

func apiStep[In, Out any](s *Server, c *gin.Context, id int64, bind func(*gin.Context, any) bool, status int, do caseService[In, Out]) {
	var in In
	if !bind(c, &in) {
		return
	}
	a, _ := actorOf(c)
	out, err := do(c.Request.Context(), a, id, in)
	apiAnswer(s, c, status, out, err)
}

// apiCaseItems answers the records of the case of :id that list reads, as
// {"items", "total"}, to a user who may read the case.
func apiCaseItems[T any](s *Server, c *gin.Context, list func(ctx context.Context, a app.Actor, id int64) ([]T, error)) {
	ref, ok := s.caseFor(c, rbac.CaseRead)
	if !ok {
		return
	}
	a, _ := actorOf(c)
	items, err := list(c.Request.Context(), a, ref.ID)
	apiAnswer(s, c, http.StatusOK, gin.H{"items": items, "total": len(items)}, err)
}

// bindFields reads a JSON body whose fields are checked one by one
// (bindInput), the rules needing the case left to the store.
func (s *Server) bindFields(c *gin.Context, in any) bool { return s.bindInput(c, in, noCheck) }

// caseStepSubmit is a form of the case page for a step on the case of :id:
// action authorised, the form read by read (its bad values recorded in p),
// do run; back to the case page with the flash done, or the form formName
// shown again with its errors (doneOrFailed).
func caseStepSubmit[In, Out any](s *Server, c *gin.Context, action rbac.Action, formName, done string,
	read func(p app.Problems) In, do caseService[In, Out], fields ...string) {
	ref, ok := s.caseFor(c, action)
	if !ok {
		return
	}
	stepSubmit(s, c, ref.ID, ref.ID, formName, done, read, do, fields...)
}

// recordStepSubmit is caseStepSubmit on a record of a case (a hearing, an
// appeal) whose id is :id; caseOf finds its case, whose page it answers on.
func recordStepSubmit[In, Out any](s *Server, c *gin.Context, action rbac.Action, caseOf func(context.Context, int64) (app.CaseRef, error),
	formName, done string, read func(p app.Problems) In, do caseService[In, Out], fields ...string) {
	id, ref, ok := s.recordFor(c, action, caseOf)
	if !ok {
		return
	}
	stepSubmit(s, c, ref.ID, id, formName, done, read, do, fields...)
}

func stepSubmit[In, Out any](s *Server, c *gin.Context, caseID, id int64, formName, done string,
	read func(p app.Problems) In, do caseService[In, Out], fields ...string) {
	p := app.Problems{}
	in := read(p)
	a, _ := actorOf(c)
	s.doneOrFailed(c, caseID, formName, done, p, func() error {
		_, err := do(c.Request.Context(), a, id, in)
		return err
	}, fields...)
}
