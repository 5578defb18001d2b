package web

import "github.com/gin-gonic/gin"

// caseRoutes registers the routes of this part: JSON under api, pages under site.
func (s *Server) caseRoutes(api, site *gin.RouterGroup) {}
