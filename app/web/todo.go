package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// apiTodo is GET /api/v1/todo: the caller's to-do list (app.Store.Todo).
func (s *Server) apiTodo(c *gin.Context) {
	a, _ := actorOf(c)
	items, err := s.Store.Todo(c.Request.Context(), a)
	apiAnswer(s, c, http.StatusOK, gin.H{"items": items}, err)
}

// landingPath is the page a user lands on after login: the dashboard "/",
// or the page homePage sends them to (a mediator: their open cases; a user
// who may not read statistics: the case list; a liaison: the liaison desk).
func (s *Server) landingPath(c *gin.Context) (string, app.Visibility, error) {
	a, _ := actorOf(c)
	vis, err := s.caseVisibility(c)
	if err != nil {
		return "", vis, err
	}
	switch {
	case vis.Scope == app.ScopeAssigned:
		return "/cases?" + mineOpenQuery, vis, nil
	case !s.Authz.Allowed(a, rbac.StatsRead):
		return "/cases", vis, nil
	case !vis.Whole() && s.Authz.Allowed(a, rbac.LetterReply):
		return "/liaison", vis, nil
	}
	return "/", vis, nil
}

// landingTodo is the to-do list shown at the top of the page when it is the
// user's landing page (nil on every other page).
func (s *Server) landingTodo(c *gin.Context) *todoBox {
	p := c.Request.URL.Path
	if c.Request.Method != http.MethodGet || (p != "/" && p != "/cases" && p != "/liaison") {
		return nil
	}
	landing, _, err := s.landingPath(c)
	if err != nil || strings.SplitN(landing, "?", 2)[0] != p {
		return nil
	}
	a, _ := actorOf(c)
	items, err := s.Store.Todo(c.Request.Context(), a)
	if err != nil {
		s.Log.Error("todo", "user", a.UserID, "err", err)
		return &todoBox{Failed: true}
	}
	box := &todoBox{Items: items, Shown: items}
	if len(items) > todoShown {
		box.Shown, box.More = items[:todoShown], items[todoShown:]
	}
	return box
}

// todoShown is how many to-do items the landing page lists before "其余 n 项".
const todoShown = 12

// todoBox is the to-do list partial's data.
type todoBox struct {
	Items       []app.TodoItem
	Shown, More []app.TodoItem
	Failed      bool
}
