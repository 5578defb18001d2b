package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

// fastTrackQueue loads the fast-track queue within the actor's scope of reading cases.
func (s *Server) fastTrackQueue(c *gin.Context, pg app.Page) (app.FastTrackQueue, error) {
	vis, err := s.caseVisibility(c)
	if err != nil {
		return app.FastTrackQueue{}, err
	}
	return s.Store.FastTrackQueue(c.Request.Context(), vis, pg)
}

func (s *Server) apiFastTrack(c *gin.Context) {
	pg, err := pageOf(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	q, err := s.fastTrackQueue(c, pg)
	apiAnswer(s, c, http.StatusOK, q, err)
}

// fastTrackPage shows the open fast-track cases, oldest first, with the days
// each has waited, and how long the closed ones took.
func (s *Server) fastTrackPage(c *gin.Context) {
	pg, _ := pageOf(c)
	pg.Size = 50
	q, err := s.fastTrackQueue(c, pg)
	if err != nil {
		s.renderError(c, err)
		return
	}
	s.render(c, http.StatusOK, "fasttrack.html", "快审通道", gin.H{"Q": q, "Pager": newPager(c, q.Total, pg.Page, pg.Size)})
}
