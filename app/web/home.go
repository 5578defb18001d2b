package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// homePage is the dashboard at /.
func (s *Server) homePage(c *gin.Context) {
	s.render(c, http.StatusOK, "home.html", "工作台", nil)
}
