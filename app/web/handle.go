package web

import (
	"context"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// The shapes most handlers outside a case's steps share (case_step.go has
// those): a JSON handler reads the body, runs a service with the actor and
// answers its result; a list reads its page, filters and visibility; a
// page's form post goes on to the next page or shows the form again with
// its errors. Each handler names its service, its form and its pages.

// apiAnswer answers a service's result as JSON with status, or its error.
func apiAnswer[Out any](s *Server, c *gin.Context, status int, out Out, err error) {
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(status, out)
}

// apiRun runs do on in with the actor and answers its result with status.
func apiRun[In, Out any](s *Server, c *gin.Context, status int, in In, do func(context.Context, app.Actor, In) (Out, error)) {
	out, err := run(c, in, do)
	apiAnswer(s, c, status, out, err)
}

// run runs do on in with the actor of the request.
func run[In, Out any](c *gin.Context, in In, do func(context.Context, app.Actor, In) (Out, error)) (Out, error) {
	a, _ := actorOf(c)
	return do(c.Request.Context(), a, in)
}

// apiSave answers a write whose JSON body is In: the body read, do run
// with the actor, its result answered with status.
func apiSave[In, Out any](s *Server, c *gin.Context, status int, do func(context.Context, app.Actor, In) (Out, error)) {
	var in In
	if s.bindJSON(c, &in) {
		apiRun(s, c, status, in, do)
	}
}

// bindOptionalJSON is bindJSON for a body that may be left out (all its
// fields optional): an empty body reads as the zero value.
func (s *Server) bindOptionalJSON(c *gin.Context, v any) bool {
	return c.Request.ContentLength == 0 || s.bindJSON(c, v)
}

// bindDated is bindInput for an input that checks itself on the court's
// today (a date in the future is refused).
func (s *Server) bindDated(c *gin.Context, in interface{ Validate(today app.Date) error }) bool {
	today := s.Clock.Today()
	return s.bindInput(c, in, func() error { return in.Validate(today) })
}

// recordOfCase loads the record of the :id parameter with get and
// authorises action on the case caseOf names (another court's is 404, a
// case the user is not on 403); it writes the error and reports success.
func recordOfCase[T any](s *Server, c *gin.Context, action rbac.Action, get func(context.Context, app.Actor, int64) (T, error),
	caseOf func(T) int64) (T, app.CaseRef, bool) {
	var ref app.CaseRef
	id, ok := s.idParam(c, "id")
	if !ok {
		var none T
		return none, ref, false
	}
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	rec, err := get(ctx, a, id)
	if err == nil {
		ref, err = s.Store.GetCaseRef(ctx, caseOf(rec))
	}
	if err != nil {
		s.failAuto(c, err)
		return rec, ref, false
	}
	return rec, ref, s.authorize(c, action, rbac.CaseObject(ref))
}

// listRequest reads what every list request says: its page (?page,
// ?page_size), its filters (filterOf) and which records the user may see
// for action, the first problem found being the error.
func listRequest[F any](s *Server, c *gin.Context, action rbac.Action, filterOf func(*gin.Context) (F, error)) (pg app.Page, f F, vis app.Visibility, err error) {
	if pg, err = pageOf(c); err != nil {
		return
	}
	if f, err = filterOf(c); err != nil {
		return
	}
	vis, err = s.listVisibility(c, action)
	return
}

// listOf runs list on what the request says (listRequest).
func listOf[F, L any](s *Server, c *gin.Context, action rbac.Action, filterOf func(*gin.Context) (F, error),
	list func(context.Context, app.Visibility, F, app.Page) (L, error)) (app.Page, F, L, error) {
	pg, f, vis, err := listRequest(s, c, action, filterOf)
	var out L
	if err == nil {
		out, err = list(c.Request.Context(), vis, f, pg)
	}
	return pg, f, out, err
}

// apiList answers a list as JSON (listOf).
func apiList[F, L any](s *Server, c *gin.Context, action rbac.Action, filterOf func(*gin.Context) (F, error),
	list func(context.Context, app.Visibility, F, app.Page) (L, error)) {
	_, _, out, err := listOf(s, c, action, filterOf, list)
	apiAnswer(s, c, http.StatusOK, out, err)
}

// apiCourtList answers a list of the court's records that list reads with
// the actor: the page and the filters (filterOf) read first.
func apiCourtList[F, L any](s *Server, c *gin.Context, filterOf func(*gin.Context) (F, error),
	list func(context.Context, app.Actor, F, app.Page) (L, error)) {
	pg, err := pageOf(c)
	var f F
	if err == nil {
		f, err = filterOf(c)
	}
	var out L
	if err == nil {
		a, _ := actorOf(c)
		out, err = list(c.Request.Context(), a, f, pg)
	}
	apiAnswer(s, c, http.StatusOK, out, err)
}

// parseForm reads a posted form (c.Request.PostForm); one that cannot be
// read is the error page. It reports success.
func (s *Server) parseForm(c *gin.Context) bool {
	if err := c.Request.ParseForm(); err != nil {
		s.renderError(c, app.Errorf(app.EINVALID, "表单内容无法读取"))
		return false
	}
	return true
}

// formFailed answers a page's form post that failed: an error whose code is
// one of those the form shows (any code when none is named) shows the form
// again (again, with the status and the errors); any other, the error page.
func (s *Server) formFailed(c *gin.Context, err error, again func(status int, errs map[string]string), shown ...string) {
	e := s.asAppError(c, err)
	if len(shown) > 0 && !slices.Contains(shown, e.Code) {
		s.renderError(c, err)
		return
	}
	again(statusOf[e.Code], fieldsOrMessage(e))
}

// formDone answers a page's form post: on to next (post-redirect-get) when
// err is nil, else formFailed.
func (s *Server) formDone(c *gin.Context, err error, next string, again func(status int, errs map[string]string), shown ...string) {
	if err != nil {
		s.formFailed(c, err, again, shown...)
		return
	}
	c.Redirect(http.StatusSeeOther, next)
}

// organChoices lists the court's organs a form offers to choose from.
func (s *Server) organChoices(c *gin.Context) (app.List[app.Organ], error) {
	a, _ := actorOf(c)
	return s.Store.ListOrgans(c.Request.Context(), a, "", "", app.Page{Page: 1, Size: 1000})
}

// fieldFormDone answers a form post of a field work page: on to next, or
// the page again (render) with the values of names typed and the errors.
func (s *Server) fieldFormDone(c *gin.Context, err error, next string, render func(*gin.Context, formFailure), names ...string) {
	if err != nil {
		render(c, s.failedForm(c, err, names...))
		return
	}
	c.Redirect(http.StatusSeeOther, next)
}
