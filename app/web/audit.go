package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

// auditEntities are the entity names GET /audit accepts.
var auditEntities = map[string]bool{
	"case": true, "letter": true, "meeting": true, "circuit": true, "inspection": true, "workstation": true,
	"service": true, "protection_order": true, "user": true, "organ": true, "mediation": true,
	"commitment": true, "attachment": true, "report": true, "court": true, "holiday": true, "casetype": true,
}

func (s *Server) apiAudit(c *gin.Context) {
	bad := app.Problems{}
	entity := c.Query("entity")
	if !auditEntities[entity] {
		bad.Add("entity", "entity 应为 case、letter、meeting 等记录类别")
	}
	id, err := strconv.ParseInt(c.Query("id"), 10, 64)
	if err != nil || id < 0 {
		bad.Add("id", "id 应为记录编号")
	}
	if err := bad.Err(); err != nil {
		s.fail(c, err)
		return
	}
	a, _ := actorOf(c)
	items, err := s.Store.AuditTrail(c.Request.Context(), a, entity, id)
	apiAnswer(s, c, http.StatusOK, gin.H{"items": items, "total": len(items)}, err)
}
