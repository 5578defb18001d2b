package web

import "github.com/gin-gonic/gin"

// reportRoutes registers the routes of this part: JSON under api, pages under site.
func (s *Server) reportRoutes(api, site *gin.RouterGroup) {}
