package web

import (
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

const sessionCookie = "fuyuan_session"

// requestIDPattern is what a request id passed on by the proxy (nginx's
// $request_id) must look like to be kept.
var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9-]{8,64}$`)

// requestLog gives every request an id (the proxy's, when a trusted proxy sent
// one, so that nginx's and fuyuan's log lines can be matched) and logs it when it ends.
func (s *Server) requestLog() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader("X-Request-Id")
		if !requestIDPattern.MatchString(id) || !s.fromTrustedProxy(c) {
			b := make([]byte, 8)
			rand.Read(b)
			id = hex.EncodeToString(b)
		}
		c.Set("request_id", id)
		c.Header("X-Request-Id", id)
		start := time.Now()
		c.Next()
		a, _ := actorOf(c)
		s.Log.Info("request", "request_id", id, "method", c.Request.Method, "path", c.Request.URL.Path,
			"route", c.FullPath(), "status", c.Writer.Status(), "ms", time.Since(start).Milliseconds(),
			"user", a.Username, "court", a.Court, "ip", c.ClientIP())
	}
}

// recoverPanics turns a panic into a logged 500 with the generic message.
func (s *Server) recoverPanics() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				s.Log.Error("panic", "err", r, "path", c.Request.URL.Path, "request_id", c.GetString("request_id"))
				if !c.Writer.Written() {
					s.fail(c, app.Errorf(app.EINTERNAL, "服务器内部错误，请稍后再试或联系管理员"))
				}
				c.Abort()
			}
		}()
		c.Next()
	}
}

// securityHeaders sets the headers every answer carries.
func (s *Server) securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	if s.overTLS(c.Request) {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	// Court records are not kept by browsers or proxies; a handler may say otherwise.
	if !strings.HasPrefix(c.Request.URL.Path, "/static/") {
		h.Set("Cache-Control", "no-store")
	}
	c.Next()
}

// loadSession puts the logged-in user, if any, on the context.
func (s *Server) loadSession(c *gin.Context) {
	token, err := c.Cookie(sessionCookie)
	if err == nil && token != "" {
		u, changes, err := s.Store.UserBySession(c.Request.Context(), token)
		switch {
		case err == nil:
			c.Set("user", u)
			c.Set("changes", changes)
		case app.ErrorCode(err) == app.EUNAVAILABLE:
			c.Set("session_err", err)
		default:
			s.Log.Info("session refused", "reason", app.ErrorCode(err), "method", c.Request.Method, "route", c.FullPath(),
				"path", c.Request.URL.Path, "ip", c.ClientIP(), "request_id", c.GetString("request_id"))
		}
	}
	c.Next()
}

// requireAPIUser answers 401 (or 503 when the database is down) without a session.
func (s *Server) requireAPIUser(c *gin.Context) {
	if _, ok := actorOf(c); ok {
		if held(c) && c.FullPath() != "/api/v1/me" && c.FullPath() != "/api/v1/me/password" {
			s.fail(c, app.Errorf(app.EPASSWORD, "请先修改管理员为您设置的初始密码（POST /api/v1/me/password），再进行其他操作"))
			return
		}
		c.Next()
		return
	}
	if err, ok := c.Get("session_err"); ok {
		s.fail(c, err.(error))
		return
	}
	s.Log.Info("authentication required", "method", c.Request.Method, "route", c.FullPath(), "path", c.Request.URL.Path,
		"ip", c.ClientIP(), "request_id", c.GetString("request_id"))
	s.fail(c, app.Errorf(app.EUNAUTHORIZED, "请先登录"))
}

// requirePageUser redirects to /login without a session.
func (s *Server) requirePageUser(c *gin.Context) {
	if _, ok := actorOf(c); ok {
		if held(c) && c.FullPath() != passwordPath {
			c.Redirect(http.StatusSeeOther, passwordPath)
			c.Abort()
			return
		}
		c.Next()
		return
	}
	if err, ok := c.Get("session_err"); ok {
		s.renderError(c, err.(error))
		return
	}
	next := c.Request.URL.RequestURI()
	c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(next))
	c.Abort()
}

// held reports whether the logged-in user must change the password an admin
// set before doing anything else (api.md: POST /me/password).
func held(c *gin.Context) bool { return currentUser(c).MustChangePassword }

// actorOf returns the logged-in user of the request as an actor.
func actorOf(c *gin.Context) (app.Actor, bool) {
	v, _ := c.Get("user")
	u, ok := v.(app.User)
	if !ok {
		return app.Actor{}, false
	}
	return u.Actor(), true
}

// currentUser returns the logged-in user.
func currentUser(c *gin.Context) app.User {
	v, _ := c.Get("user")
	u, _ := v.(app.User)
	return u
}

// can answers an authorisation question for a route guard: the role must be
// allowed the action on some record of the court.
func (s *Server) can(action rbac.Action) gin.HandlerFunc {
	return func(c *gin.Context) {
		a, _ := actorOf(c)
		if !s.Authz.Allowed(a, action) {
			s.failAuto(c, app.Forbidden())
			return
		}
		c.Next()
	}
}

// visibility is which records of the court the user may reach for action.
func (s *Server) visibility(c *gin.Context, action rbac.Action) (app.Visibility, error) {
	a, _ := actorOf(c)
	return s.Authz.Visibility(a, action)
}

// listVisibility is visibility for a list the user asked for: a user who
// may see none of its records is forbidden it.
func (s *Server) listVisibility(c *gin.Context, action rbac.Action) (app.Visibility, error) {
	v, err := s.visibility(c, action)
	if err == nil && v.None() {
		err = app.Forbidden()
	}
	return v, err
}

// authorize is the check of one action on one record; it writes the error
// (404 for another court's record, 403 when forbidden) and reports success.
func (s *Server) authorize(c *gin.Context, action rbac.Action, obj rbac.Object) bool {
	a, _ := actorOf(c)
	if err := s.Authz.Authorize(a, action, obj); err != nil {
		s.failAuto(c, err)
		return false
	}
	return true
}

// failAuto writes err as JSON for the API and as an error page for pages.
func (s *Server) failAuto(c *gin.Context, err error) {
	if isAPI(c) {
		s.fail(c, err)
		return
	}
	s.renderError(c, err)
}

func isAPI(c *gin.Context) bool { return strings.HasPrefix(c.Request.URL.Path, "/api/") }

// setSessionCookie sets (or with an empty token clears) the session cookie.
func (s *Server) setSessionCookie(c *gin.Context, token string) {
	secure := s.overTLS(c.Request)
	maxAge := int(app.SessionAbsolute.Seconds())
	if token == "" {
		maxAge = -1
	}
	http.SetCookie(c.Writer, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
	})
}

// fromTrustedProxy reports whether the request came through a configured proxy.
func (s *Server) fromTrustedProxy(c *gin.Context) bool {
	return s.peerIsTrustedProxy(c.Request)
}

// overTLS reports whether the browser's connection was TLS: to fuyuan
// itself, or to a trusted proxy that says so in X-Forwarded-Proto.
func (s *Server) overTLS(r *http.Request) bool {
	return r.TLS != nil || (r.Header.Get("X-Forwarded-Proto") == "https" && s.peerIsTrustedProxy(r))
}

// peerIsTrustedProxy reports whether the peer of r is a configured proxy.
func (s *Server) peerIsTrustedProxy(r *http.Request) bool {
	host, _, err := net.SplitHostPort(strings.TrimSpace(r.RemoteAddr))
	if err != nil {
		return false
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	ip = ip.Unmap()
	for _, p := range s.proxies {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// limitBody caps every request body; uploads have their own larger cap
// (an attachment's: bodyCap).
func (s *Server) limitBody(limit int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		limit := max(limit, s.bodyCap(c.Request))
		if c.Request.ContentLength > limit {
			s.failAuto(c, app.Errorf(app.ETOOLARGE, "上传内容过大（上限 %d MB）", limit>>20))
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
		c.Next()
	}
}
