package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

// Changing one's own password: every user may; a user whose password an
// admin set (a new user, a reset) is led here and may do nothing else first.

// passwordPath is the page of the password change form.
const passwordPath = "/me/password"

// apiChangePassword is POST /api/v1/me/password {old_password, new_password} → 204.
func (s *Server) apiChangePassword(c *gin.Context) {
	var in app.PasswordChange
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	token, _ := c.Cookie(sessionCookie)
	if err := s.Store.ChangeOwnPassword(c.Request.Context(), a, token, in); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// passwordPage shows the change form; a held user is told why they are here.
func (s *Server) passwordPage(c *gin.Context) {
	s.renderForm(c, http.StatusOK, "password.html", "修改密码", s.settingsData(c), nil, nil)
}

func (s *Server) passwordSubmit(c *gin.Context) {
	in := app.PasswordChange{OldPassword: c.PostForm("old_password"), NewPassword: c.PostForm("new_password")}
	bad := app.Problems{}
	if c.PostForm("confirm_password") != in.NewPassword {
		bad.Add("confirm_password", "两次输入的新密码不一致")
	}
	a, _ := actorOf(c)
	token, _ := c.Cookie(sessionCookie)
	err := bad.Err()
	if err == nil {
		err = s.Store.ChangeOwnPassword(c.Request.Context(), a, token, in)
	}
	if err != nil {
		e := s.asAppError(c, err)
		if e.Code != app.EINVALID {
			s.renderError(c, err)
			return
		}
		s.renderForm(c, statusOf[e.Code], "password.html", "修改密码", s.settingsData(c), nil, fieldsOrMessage(e))
		return
	}
	c.Redirect(http.StatusSeeOther, passwordPath+"?done=1")
}
