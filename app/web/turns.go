package web

import (
	"context"
	"net/http"
	"runtime"
	"strings"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

// defaultReadSlots is how many short reads are served at once when
// Config.ReadSlots is not set: two a core, enough to keep the cores busy
// while one request waits for the database.
func defaultReadSlots() int { return 2 * runtime.GOMAXPROCS(0) }

// readTurns serves the short reads (isShortRead) at most Config.ReadSlots at a
// time, first come first served; the others wait their turn. Without it,
// sixteen lists at once would all start and share the cores and the
// connection pool, and database/sql hands a freed connection to a random
// waiter, so an unlucky request lost that draw again and again: the p99 of
// the case list was three times its mean (docs/benchmarks.md, "fair").
// A goroutine blocked sending on a full channel is woken in the order it
// came, so the slots are handed out in arrival order.
//
// The wait is bounded by the request's deadline (withDeadline): past it the
// request is answered 503 "busy", as a request whose database does not
// answer in time is. Writes, exports, imports and reports do not queue here:
// a write holds locks others wait for, and a long request would hold a slot
// for seconds.
func (s *Server) readTurns() gin.HandlerFunc {
	slots := make(chan struct{}, s.Config.ReadSlots)
	return func(c *gin.Context) {
		if !isShortRead(c.Request) {
			c.Next()
			return
		}
		ctx := c.Request.Context()
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			if ctx.Err() == context.DeadlineExceeded {
				s.failAuto(c, app.Errorf(app.EBUSY, "服务器繁忙，请稍后再试"))
			} else {
				s.failAuto(c, ctx.Err()) // the client went away while it waited
			}
			return
		}
		defer func() { <-slots }()
		c.Next()
	}
}

// isShortRead reports whether r only reads and should take milliseconds:
// a GET or HEAD that is not a long request (isLongRequest: exports, imports,
// reports, attachments), nor a static file or a health check.
func isShortRead(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	p := r.URL.Path
	return !isLongRequest(p) && !strings.HasPrefix(p, "/static/") && p != "/healthz" && p != "/readyz"
}
