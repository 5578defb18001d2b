package web

import (
	"context"
	"fmt"
	"sync/atomic"

	"gorm.io/gorm"

	"fuyuan/app"
)

var noticeSeq atomic.Int64

// judgeNotice raises a fresh notification for judge1 and returns its id.
func judgeNotice(e *env) int64 {
	judge := e.Courts.Users["judge1"]
	key := fmt.Sprintf("test:%d", noticeSeq.Add(1))
	err := e.Store.Tx(context.Background(), func(tx *gorm.DB) error {
		return e.Store.NotifyTx(tx, judge.CourtCode, app.Notice{UserID: judge.ID, Key: key, Kind: "test", Title: "测试提醒", Link: "/cases"})
	})
	if err != nil {
		e.t.Fatal(err)
	}
	var id int64
	if err := e.Store.DB.Model(&app.Notification{}).Where("user_id = ? AND event_key = ?", judge.ID, key).Pluck("id", &id).Error; err != nil {
		e.t.Fatal(err)
	}
	return id
}

func init() {
	addRows(
		// Everyone has their own to-do list and inbox; a notification is its user's alone.
		matrixRow{Method: "GET", Route: "/api/v1/todo", Default: 200},
		matrixRow{Method: "GET", Route: "/api/v1/notifications", Default: 200},
		matrixRow{Method: "GET", Route: "/notifications", Default: 200},
		// Everyone sets their own e-mail address and digest choice.
		matrixRow{Method: "PATCH", Route: "/api/v1/me", Default: 200, Body: func(*env) any { return map[string]any{"digest": false} }},
		matrixRow{Method: "POST", Route: "/me/contact", Default: 303},
		matrixRow{Method: "POST", Route: "/api/v1/notifications/:id/read", Default: 404, Want: statuses(200, "judge1"),
			Path: func(e *env) string { return idPath("/api/v1/notifications/%d/read", judgeNotice(e)) }},
		matrixRow{Method: "POST", Route: "/notifications/:id/open", Default: 404, Want: statuses(303, "judge1"),
			Path: func(e *env) string { return idPath("/notifications/%d/open", judgeNotice(e)) }},
	)
}

func init() {
	judgeFeed := func(e *env) string { return idPath("/api/v1/calendar/judges/%d.ics", e.Courts.Users["judge1"].ID) }
	addRows(
		matrixRow{Method: "GET", Route: "/api/v1/calendar", Default: 200},
		matrixRow{Method: "GET", Route: "/calendar", Default: 200},
		matrixRow{Method: "GET", Route: "/api/v1/calendar/judges/:file", Default: 200, Want: statuses(404, "admin2", "judge3"), Path: judgeFeed},
		// Every user may make a subscription link to their own calendar.
		matrixRow{Method: "POST", Route: "/api/v1/me/calendar-feed", Default: 201},
		matrixRow{Method: "POST", Route: "/calendar/feed", Default: 200},
	)
	// The link itself needs no session (a mail client fetches it): checked by
	// TestCalendarSubscriptionLinkServesTheJudgesFeedWithoutASession.
	matrixExempt["GET /api/v1/calendar/feeds/:file"] = true
}
