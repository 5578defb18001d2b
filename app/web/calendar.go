package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// calendarFilter reads judge_id, from and to.
func calendarFilter(c *gin.Context) (app.CalendarFilter, error) {
	bad := app.Problems{}
	f := app.CalendarFilter{JudgeID: queryID(c, "judge_id", bad), From: queryDate(c, "from", bad), To: queryDate(c, "to", bad)}
	return f, bad.Err()
}

func (s *Server) apiCalendar(c *gin.Context) {
	f, err := calendarFilter(c)
	if err == nil && (f.From.IsZero() || f.To.IsZero()) {
		today := s.Clock.Today()
		f.From, f.To = weekOf(today), weekOf(today).AddDays(6)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	items, err := s.readCalendar(c, f)
	apiAnswer(s, c, http.StatusOK, gin.H{"items": items, "from": f.From, "to": f.To}, err)
}

func (s *Server) readCalendar(c *gin.Context, f app.CalendarFilter) ([]app.CalendarEntry, error) {
	a, _ := actorOf(c)
	vis, err := s.caseVisibility(c)
	if err != nil {
		return nil, err
	}
	if f.JudgeID != 0 {
		if _, err := s.Store.GetUser(c.Request.Context(), a, f.JudgeID); err != nil {
			return nil, err
		}
	}
	return s.Store.Calendar(c.Request.Context(), a, vis, f)
}

// apiJudgeICS is GET /api/v1/calendar/judges/:id.ics: the judge's calendar
// from 30 days ago to a year ahead, as iCalendar.
func (s *Server) apiJudgeICS(c *gin.Context) {
	idText, ok := strings.CutSuffix(c.Param("file"), ".ics")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || id <= 0 {
		s.fail(c, app.NotFound("日历"))
		return
	}
	a, _ := actorOf(c)
	judge, err := s.Store.GetUser(c.Request.Context(), a, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.writeJudgeICS(c, judge, `attachment; filename="judge-`+idText+`.ics"`)
}

// writeJudgeICS answers the judge's calendar from 30 days ago to a year
// ahead, as the requesting user may see it, as iCalendar.
func (s *Server) writeJudgeICS(c *gin.Context, judge app.User, disposition string) {
	today := s.Clock.Today()
	items, err := s.readCalendar(c, app.CalendarFilter{JudgeID: judge.ID, From: today.AddDays(-30), To: today.AddDays(365)})
	if err != nil {
		s.fail(c, err)
		return
	}
	body := app.CalendarICS(judge.Name+"的日程", items, s.Clock.Now(), "")
	c.Header("Content-Disposition", disposition)
	c.Header("Cache-Control", "private, no-store")
	c.Data(http.StatusOK, "text/calendar; charset=utf-8", []byte(body))
}

// apiCalendarFeed is GET /api/v1/calendar/feeds/:token.ics, without a
// session: the owner's own calendar, read as the owner may read it. An
// unknown, replaced or disabled user's link is 404.
func (s *Server) apiCalendarFeed(c *gin.Context) {
	token, ok := strings.CutSuffix(c.Param("file"), ".ics")
	u, err := s.Store.UserByCalendarFeed(c.Request.Context(), token)
	if err == nil && (!ok || !s.Authz.Allowed(u.Actor(), rbac.CaseRead)) {
		err = app.NotFound("日历")
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Set("user", u)
	s.writeJudgeICS(c, u, `inline; filename="calendar.ics"`)
}

// calendarFeedURL is the absolute address of the feed of token, as the
// browser reached this server.
func (s *Server) calendarFeedURL(c *gin.Context, token string) string {
	scheme := "http"
	if s.overTLS(c.Request) {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host + "/api/v1/calendar/feeds/" + token + ".ics"
}

// apiNewCalendarFeed is POST /api/v1/me/calendar-feed: a new subscription
// link to the caller's own calendar (the old one stops working) → 201 {url}.
func (s *Server) apiNewCalendarFeed(c *gin.Context) {
	a, _ := actorOf(c)
	token, err := s.Store.NewCalendarFeed(c.Request.Context(), a)
	apiAnswer(s, c, http.StatusCreated, gin.H{"url": s.calendarFeedURL(c, token)}, err)
}

// calendarFeedSubmit is the calendar page's 生成订阅链接: the page again,
// showing the new link once.
func (s *Server) calendarFeedSubmit(c *gin.Context) {
	a, _ := actorOf(c)
	token, err := s.Store.NewCalendarFeed(c.Request.Context(), a)
	if err != nil {
		s.renderError(c, err)
		return
	}
	s.renderCalendar(c, s.calendarFeedURL(c, token))
}

// weekOf is the Monday of d's week.
func weekOf(d app.Date) app.Date {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}

// calendarCell is one day cell of the calendar page.
type calendarCell struct {
	Day     app.Date
	InMonth bool
	Today   bool
	Entries []app.CalendarEntry
}

// calendarView is the calendar page's data.
type calendarView struct {
	View           string // week or month
	Date           app.Date
	Prev, Next     app.Date
	JudgeID        int64
	Judges         []app.Staff
	Weeks          [][]calendarCell
	From, To       app.Date
	Total          int
	WeekdayHeaders []string
	// FeedURL is a subscription link just made (shown once); HasFeed: the
	// user has a live one.
	FeedURL string
	HasFeed bool
}

// calendarPage is /calendar?view=week|month&date=&judge_id=: a judge's or the court's calendar.
func (s *Server) calendarPage(c *gin.Context) { s.renderCalendar(c, "") }

// renderCalendar renders the calendar page, with feedURL when a subscription
// link was just made.
func (s *Server) renderCalendar(c *gin.Context, feedURL string) {
	bad := app.Problems{}
	date := queryDate(c, "date", bad)
	judgeID := queryID(c, "judge_id", bad)
	if err := bad.Err(); err != nil {
		s.renderError(c, err)
		return
	}
	today := s.Clock.Today()
	if date.IsZero() {
		date = today
	}
	v := calendarView{View: c.DefaultQuery("view", "week"), Date: date, JudgeID: judgeID,
		WeekdayHeaders: []string{"周一", "周二", "周三", "周四", "周五", "周六", "周日"}}
	switch v.View {
	case "month":
		first := app.NewDate(date.Year, date.Month, 1)
		v.From, v.To = weekOf(first), weekOf(first.AddMonths(1).AddDays(-1)).AddDays(6)
		v.Prev, v.Next = first.AddMonths(-1), first.AddMonths(1)
	default:
		v.View = "week"
		v.From, v.To = weekOf(date), weekOf(date).AddDays(6)
		v.Prev, v.Next = date.AddDays(-7), date.AddDays(7)
	}
	items, err := s.readCalendar(c, app.CalendarFilter{JudgeID: judgeID, From: v.From, To: v.To})
	if err != nil {
		s.renderError(c, err)
		return
	}
	v.Total = len(items)
	a, _ := actorOf(c)
	v.FeedURL = feedURL
	if v.HasFeed, err = s.Store.HasCalendarFeed(c.Request.Context(), a); err != nil {
		s.renderError(c, err)
		return
	}
	if v.Judges, err = s.Store.ListStaff(c.Request.Context(), a, app.RoleJudge); err != nil {
		s.renderError(c, err)
		return
	}
	byDay := map[app.Date][]app.CalendarEntry{}
	for _, it := range items {
		byDay[it.Day] = append(byDay[it.Day], it)
	}
	for d := v.From; !d.After(v.To); d = d.AddDays(7) {
		var week []calendarCell
		for i := 0; i < 7; i++ {
			day := d.AddDays(i)
			week = append(week, calendarCell{Day: day, InMonth: v.View == "week" || day.Month == date.Month, Today: day == today, Entries: byDay[day]})
		}
		v.Weeks = append(v.Weeks, week)
	}
	s.render(c, http.StatusOK, "calendar.html", "日程", v)
}
