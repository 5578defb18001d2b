package web

import "github.com/gin-gonic/gin"

// analysisRoutes registers the figures by dimension (分析).
func (s *Server) analysisRoutes(api, site *gin.RouterGroup) {}
