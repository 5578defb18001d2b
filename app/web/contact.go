package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

// apiUpdateMe is PATCH /api/v1/me: the user's own e-mail address and digest choice.
func (s *Server) apiUpdateMe(c *gin.Context) {
	apiSave(s, c, http.StatusOK, s.Store.UpdateOwnContact)
}

// contactSubmit is the form of the settings page (/me/password): e-mail and digest.
func (s *Server) contactSubmit(c *gin.Context) {
	email := c.PostForm("email")
	digest := c.PostForm("digest") == "1"
	a, _ := actorOf(c)
	_, err := s.Store.UpdateOwnContact(c.Request.Context(), a, app.ContactInput{Email: &email, Digest: &digest})
	s.formDone(c, err, passwordPath+"?saved=1", func(status int, errs map[string]string) {
		s.renderForm(c, status, "password.html", "个人设置", s.settingsData(c), formValues(c, "email", "digest"), errs)
	})
}

// settingsData is what the settings page shows beside the password form.
func (s *Server) settingsData(c *gin.Context) gin.H {
	u := currentUser(c)
	if me, err := s.Store.GetUser(c.Request.Context(), u.Actor(), u.ID); err == nil {
		u = me // the session carries no e-mail address
	}
	return gin.H{"Held": held(c), "Done": c.Query("done") != "", "Saved": c.Query("saved") != "", "Me": u}
}
