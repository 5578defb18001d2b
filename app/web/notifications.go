package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

// inboxOf reads the page of the user's notifications the request asks for.
func (s *Server) inboxOf(c *gin.Context) (app.Inbox, error) {
	pg, err := pageOf(c)
	if err != nil {
		return app.Inbox{}, err
	}
	a, _ := actorOf(c)
	return s.Store.ListNotifications(c.Request.Context(), a, pg)
}

func (s *Server) apiListNotifications(c *gin.Context) {
	inbox, err := s.inboxOf(c)
	apiAnswer(s, c, http.StatusOK, inbox, err)
}

func (s *Server) apiReadNotification(c *gin.Context) {
	if id, ok := s.idParam(c, "id"); ok {
		apiRun(s, c, http.StatusOK, id, s.Store.ReadNotification)
	}
}

// notificationsPage is the inbox page (提醒).
func (s *Server) notificationsPage(c *gin.Context) {
	inbox, err := s.inboxOf(c)
	if err != nil {
		s.renderError(c, err)
		return
	}
	s.render(c, http.StatusOK, "notifications.html", "提醒", inbox)
}

// notificationOpenSubmit opens a notification: it is marked read and the
// user goes where the thing is done.
func (s *Server) notificationOpenSubmit(c *gin.Context) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return
	}
	n, err := run(c, id, s.Store.ReadNotification)
	if err != nil {
		s.renderError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, safeLocalLink(n.Link))
}

// safeLocalLink keeps a stored link on this site ("/" otherwise).
func safeLocalLink(link string) string {
	if len(link) < 1 || link[0] != '/' || (len(link) > 1 && (link[1] == '/' || link[1] == '\\')) {
		return "/"
	}
	return link
}

// unreadCount is the header's count of the user's unread notifications (0 when it cannot be read).
func (s *Server) unreadCount(c *gin.Context, u app.User) int64 {
	n, err := s.Store.UnreadCount(c.Request.Context(), u.Actor())
	if err != nil {
		s.Log.Warn("unread count", "user", u.ID, "err", err)
	}
	return n
}
