package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

type loginInput struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type meView struct {
	ID        int64  `json:"id"`
	Username  string `json:"username"`
	Name      string `json:"name"`
	Role      string `json:"role"`
	CourtCode string `json:"court_code"`
}

func viewOfUser(u app.User) meView {
	return meView{u.ID, u.Username, u.Name, u.Role, u.CourtCode}
}

// login checks the credentials and sets the session cookie.
func (s *Server) login(c *gin.Context, in loginInput) (app.User, error) {
	in.Username = strings.TrimSpace(in.Username)
	p := app.Problems{}
	if in.Username == "" || len(in.Username) > 64 {
		p.Add("username", "请输入用户名")
	}
	if in.Password == "" || len(in.Password) > 128 {
		p.Add("password", "请输入密码")
	}
	if err := p.Err(); err != nil {
		s.Log.Warn("login failed", "user", in.Username, "ip", c.ClientIP(), "code", app.EINVALID,
			"method", c.Request.Method, "route", c.FullPath(), "request_id", c.GetString("request_id"))
		return app.User{}, err
	}
	u, token, err := s.Store.Login(c.Request.Context(), in.Username, in.Password, c.ClientIP())
	if err != nil {
		s.Log.Warn("login failed", "user", u.Username, "court", u.CourtCode, "ip", c.ClientIP(), "code", app.ErrorCode(err),
			"method", c.Request.Method, "route", c.FullPath(), "request_id", c.GetString("request_id"))
		return app.User{}, err
	}
	s.Log.Info("login", "user", u.Username, "court", u.CourtCode, "role", u.Role, "ip", c.ClientIP(),
		"method", c.Request.Method, "route", c.FullPath(), "request_id", c.GetString("request_id"))
	s.setSessionCookie(c, token)
	c.Set("user", u)
	return u, nil
}

func (s *Server) apiLogin(c *gin.Context) {
	var in loginInput
	if !s.bindJSON(c, &in) {
		return
	}
	u, err := s.login(c, in)
	apiAnswer(s, c, http.StatusOK, gin.H{"user": viewOfUser(u)}, err)
}

func (s *Server) logout(c *gin.Context) {
	if a, ok := actorOf(c); ok {
		s.Log.Info("logout", "user", a.Username, "court", a.Court, "ip", c.ClientIP(),
			"method", c.Request.Method, "route", c.FullPath(), "request_id", c.GetString("request_id"))
	}
	if token, err := c.Cookie(sessionCookie); err == nil && token != "" {
		if err := s.Store.Logout(c.Request.Context(), token); err != nil {
			s.Log.Warn("logout", "err", err)
		}
	}
	s.setSessionCookie(c, "")
}

func (s *Server) apiLogout(c *gin.Context) {
	s.logout(c)
	c.JSON(http.StatusOK, gin.H{"ok": true})
}

func (s *Server) apiMe(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"user": viewOfUser(currentUser(c))})
}

// loginPage shows the login form.
func (s *Server) loginPage(c *gin.Context) {
	if _, ok := actorOf(c); ok {
		c.Redirect(http.StatusSeeOther, "/")
		return
	}
	s.render(c, http.StatusOK, "login.html", "登录", gin.H{"Next": safeNext(c.Query("next")), "Courts": s.courtNames(c)})
}

// courtNames are the names of the courts served, for the login page; none
// when the database cannot say (the page still works).
func (s *Server) courtNames(c *gin.Context) []string {
	names, err := s.Store.CourtNames(c.Request.Context())
	if err != nil {
		s.Log.Warn("court names", "err", err)
	}
	return names
}

func (s *Server) loginSubmit(c *gin.Context) {
	in := loginInput{Username: c.PostForm("username"), Password: c.PostForm("password")}
	next := safeNext(c.PostForm("next"))
	if _, err := s.login(c, in); err != nil {
		e := s.asAppError(c, err)
		status := statusOf[e.Code]
		c.Set("user", nil)
		s.renderForm(c, status, "login.html", "登录", gin.H{"Next": next, "Message": e.Message, "Courts": s.courtNames(c),
			"FocusPassword": in.Username != "" && e.Fields["username"] == ""},
			map[string]string{"username": in.Username}, e.Fields)
		return
	}
	c.Redirect(http.StatusSeeOther, next)
}

func (s *Server) logoutSubmit(c *gin.Context) {
	s.logout(c)
	c.Redirect(http.StatusSeeOther, "/login")
}

// safeNext keeps a post-login redirect on this site: a path of printable
// ASCII (what requirePageUser sends, escaped) that no browser can read as
// another host. Browsers drop tabs and newlines and read a backslash as "/", so
// "/\t/evil.example" or "/\\evil.example" would lead away: any control
// character, space, backslash or a leading "//" gives "/".
func safeNext(next string) string {
	if next == "" || next[0] != '/' || len(next) > 2048 || strings.HasPrefix(next, "//") {
		return "/"
	}
	for i := 0; i < len(next); i++ {
		if b := next[i]; b <= ' ' || b >= 0x7f || b == '\\' {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	return next
}
