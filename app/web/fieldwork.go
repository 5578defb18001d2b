package web

import "github.com/gin-gonic/gin"

// fieldRoutes registers the routes of this part: JSON under api, pages under site.
func (s *Server) fieldRoutes(api, site *gin.RouterGroup) {}
