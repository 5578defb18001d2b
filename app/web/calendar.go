package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// calendarRoutes registers the calendar of hearings, circuits and mediation sessions.
func (s *Server) calendarRoutes(api, site *gin.RouterGroup) {
	api.GET("/calendar", s.can(rbac.CaseRead), s.apiCalendar)
	api.GET("/calendar/judges/:file", s.can(rbac.CaseRead), s.apiJudgeICS)
	site.GET("/calendar", s.can(rbac.CaseRead), s.calendarPage)
}

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
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "from": f.From, "to": f.To})
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
	today := s.Clock.Today()
	items, err := s.readCalendar(c, app.CalendarFilter{JudgeID: id, From: today.AddDays(-30), To: today.AddDays(365)})
	if err != nil {
		s.fail(c, err)
		return
	}
	body := app.CalendarICS(judge.Name+"的日程", items, s.Clock.Now(), "")
	c.Header("Content-Disposition", `attachment; filename="judge-`+idText+`.ics"`)
	c.Data(http.StatusOK, "text/calendar; charset=utf-8", []byte(body))
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
}

// calendarPage is /calendar?view=week|month&date=&judge_id=: a judge's or the court's calendar.
func (s *Server) calendarPage(c *gin.Context) {
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
