package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

// apiUpdateMe is PATCH /api/v1/me: the user's own e-mail address and digest choice.
func (s *Server) apiUpdateMe(c *gin.Context) {
	var in app.ContactInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	u, err := s.Store.UpdateOwnContact(c.Request.Context(), a, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, u)
}

// contactSubmit is the form of the settings page (/me/password): e-mail and digest.
func (s *Server) contactSubmit(c *gin.Context) {
	email := c.PostForm("email")
	digest := c.PostForm("digest") == "1"
	a, _ := actorOf(c)
	if _, err := s.Store.UpdateOwnContact(c.Request.Context(), a, app.ContactInput{Email: &email, Digest: &digest}); err != nil {
		e := s.asAppError(c, err)
		s.renderForm(c, statusOf[e.Code], "password.html", "个人设置", s.settingsData(c), formValues(c, "email", "digest"), fieldsOrMessage(e))
		return
	}
	c.Redirect(http.StatusSeeOther, passwordPath+"?saved=1")
}

// settingsData is what the settings page shows beside the password form.
func (s *Server) settingsData(c *gin.Context) gin.H {
	u := currentUser(c)
	if me, err := s.Store.GetUser(c.Request.Context(), u.Actor(), u.ID); err == nil {
		u = me // the session carries no e-mail address
	}
	return gin.H{"Held": held(c), "Done": c.Query("done") != "", "Saved": c.Query("saved") != "", "Me": u}
}
