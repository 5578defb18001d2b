package web

import "github.com/gin-gonic/gin"

// linkageRoutes registers the routes of this part: JSON under api, pages under site.
func (s *Server) linkageRoutes(api, site *gin.RouterGroup) {}
