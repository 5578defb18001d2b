package web

import (
	"io/fs"
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/rbac"
)

// routes registers every route. Each part of the product registers its own
// in its own file (caseRoutes in cases.go, letterRoutes in letters.go …).
func (s *Server) routes() {
	e := s.engine
	e.Use(s.recoverPanics(), s.requestLog(), s.securityHeaders)

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	static, _ := fs.Sub(assets, "static")
	e.StaticFS("/static", noDirectories{http.FS(static)})
	e.GET("/favicon.ico", func(c *gin.Context) { c.Status(http.StatusNoContent) })

	api := e.Group("/api/v1", s.limitBody(s.Config.MaxUpload), s.loadSession)
	api.POST("/login", s.apiLogin)
	api.POST("/logout", s.apiLogout)
	s.publicCalendarRoutes(api)
	authed := api.Group("", s.requireAPIUser)
	authed.GET("/me", s.apiMe)
	authed.POST("/me/password", s.apiChangePassword)
	authed.PATCH("/me", s.apiUpdateMe)
	authed.GET("/users", s.can(rbac.UserRead), s.apiListUsers)
	authed.POST("/users", s.can(rbac.UserWrite), s.apiCreateUser)
	authed.PATCH("/users/:id", s.can(rbac.UserWrite), s.apiUpdateUser)
	authed.POST("/users/:id/unlock", s.can(rbac.UserWrite), s.apiUnlockUser)
	authed.GET("/staff", s.can(rbac.StaffRead), s.apiListStaff)
	authed.GET("/organs", s.can(rbac.OrganRead), s.apiListOrgans)
	authed.POST("/organs", s.can(rbac.OrganWrite), s.apiCreateOrgan)
	authed.GET("/organs/:id", s.can(rbac.OrganRead), s.apiGetOrgan)
	authed.GET("/audit", s.can(rbac.AuditRead), s.apiAudit)

	pages := e.Group("", s.limitBody(s.Config.MaxUpload), s.loadSession)
	pages.GET("/login", s.loginPage)
	pages.POST("/login", s.loginSubmit)
	pages.POST("/logout", s.logoutSubmit)
	site := pages.Group("", s.requirePageUser)
	site.GET("/", s.homePage)
	site.GET(passwordPath, s.passwordPage)
	site.POST(passwordPath, s.passwordSubmit)
	site.POST("/me/contact", s.contactSubmit)
	site.GET("/admin/users", s.can(rbac.UserRead), s.usersPage)
	site.POST("/admin/users", s.can(rbac.UserWrite), s.usersCreateSubmit)
	site.POST("/admin/users/:id", s.can(rbac.UserWrite), s.usersUpdateSubmit)
	site.POST("/admin/users/:id/unlock", s.can(rbac.UserWrite), s.usersUnlockSubmit)
	site.GET("/organs", s.can(rbac.OrganRead), s.organsPage)
	site.POST("/organs", s.can(rbac.OrganWrite), s.organsCreateSubmit)

	s.caseRoutes(authed, site)
	s.notificationRoutes(authed, site)
	s.calendarRoutes(authed, site)
	s.caseFileRoutes(authed, site)
	s.linkageRoutes(authed, site)
	s.fieldRoutes(authed, site)
	s.reportRoutes(authed, site)
	s.accountabilityRoutes(authed, site)
	s.visitRoutes(authed, site)
	s.attachmentRoutes(authed, site)

	// The session is read so that a logged-in user's 404 page has the navigation.
	e.NoRoute(s.loadSession, func(c *gin.Context) {
		s.failAuto(c, notFoundPage())
	})
}

// noDirectories serves the embedded static files but no directory: a
// directory is "not found", so /static/ lists nothing.
type noDirectories struct{ fs http.FileSystem }

// Open opens a file; a directory is fs.ErrNotExist.
func (n noDirectories) Open(name string) (http.File, error) {
	f, err := n.fs.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		f.Close()
		return nil, fs.ErrNotExist
	}
	return f, nil
}
