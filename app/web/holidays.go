package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

// The holiday calendar the deadlines are computed with: the JSON handlers
// and the admin page side by side.

// holidayRow is a calendar entry as the page lists it.
type holidayRow struct {
	app.Holiday
	Weekday string
}

var weekdays = []string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// holidaysPage shows the calendar of one year (?year=, default this year).
func (s *Server) holidaysPage(c *gin.Context) {
	s.renderHolidays(c, http.StatusOK, nil, nil, holidayFlashes[c.Query("done")])
}

var holidayFlashes = map[string]string{
	"saved":   "已保存到本院日历。本院审限届满日在该日期前后的未结案件已按新日历重新计算，变动记入各案件的操作记录。",
	"deleted": "已从本院日历删除。本院审限届满日在该日期前后的未结案件已按新日历重新计算，变动记入各案件的操作记录。",
}

// holidayYear reads ?year of the calendar; def when absent.
func holidayYear(c *gin.Context, def int) (int, error) {
	v := c.Query("year")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1900 || n > 2999 {
		return 0, app.Invalid("year", "年份应为四位数字，如 2026")
	}
	return n, nil
}

// holidayDay reads the :day of a calendar entry; a bad one is not found.
func holidayDay(c *gin.Context) (app.Date, error) {
	day, err := app.ParseDate(c.Param("day"))
	if err != nil {
		return day, app.NotFound("日历中的该日期")
	}
	return day, nil
}

func (s *Server) renderHolidays(c *gin.Context, status int, form, errs map[string]string, flash string) {
	year, err := holidayYear(c, s.Clock.Today().Year)
	if err != nil {
		s.renderError(c, err)
		return
	}
	ctx := c.Request.Context()
	a, _ := actorOf(c)
	days, err := s.Store.ListHolidays(ctx, a.Court, year)
	if err != nil {
		s.renderError(c, err)
		return
	}
	years, err := s.Store.HolidayYears(ctx, a.Court)
	if err != nil {
		s.renderError(c, err)
		return
	}
	rows := make([]holidayRow, 0, len(days))
	holidays, workdays := 0, 0
	for _, d := range days {
		rows = append(rows, holidayRow{Holiday: d, Weekday: weekdays[d.Day.Weekday()]})
		if d.Kind == app.HolidayKindHoliday {
			holidays++
		} else {
			workdays++
		}
	}
	s.renderForm(c, status, "case_holidays.html", "节假日与调休", gin.H{
		"Year": year, "Years": years, "Days": rows, "Holidays": holidays, "Workdays": workdays,
		"Kinds": app.HolidayKinds.Options, "Flash": flash, "Prev": year - 1, "Next": year + 1,
	}, form, errs)
}

func (s *Server) holidaySubmit(c *gin.Context) {
	p := app.Problems{}
	in := app.HolidayInput{Day: formDate(c, "day", p), Kind: c.PostForm("kind"), Note: c.PostForm("note")}
	if in.Day.IsZero() && p["day"] == "" {
		p.Add("day", "请填写日期")
	}
	a, _ := actorOf(c)
	err := p.Err()
	var h app.Holiday
	if err == nil {
		h, err = s.Store.SaveHoliday(c.Request.Context(), a, in)
	}
	s.formDone(c, err, "/admin/holidays?done=saved&year="+strconv.Itoa(h.Day.Year), func(status int, errs map[string]string) {
		s.renderHolidays(c, status, formValues(c, "day", "kind", "note"), errs, "")
	}, app.EINVALID)
}

func (s *Server) holidayDeleteSubmit(c *gin.Context) {
	day, err := holidayDay(c)
	if err == nil {
		_, err = run(c, day, s.deleteHoliday)
	}
	if err != nil {
		s.renderError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/holidays?done=deleted&year="+strconv.Itoa(day.Year))
}

// deleteHoliday deletes the calendar entry of day, answering what the API shows.
func (s *Server) deleteHoliday(ctx context.Context, a app.Actor, day app.Date) (gin.H, error) {
	return gin.H{"day": day}, s.Store.DeleteHoliday(ctx, a, day)
}

func (s *Server) apiListHolidays(c *gin.Context) {
	year, err := holidayYear(c, 0)
	if err != nil {
		s.fail(c, err)
		return
	}
	a, _ := actorOf(c)
	items, err := s.Store.ListHolidays(c.Request.Context(), a.Court, year)
	apiAnswer(s, c, http.StatusOK, gin.H{"items": items, "total": len(items)}, err)
}

func (s *Server) apiSaveHoliday(c *gin.Context) {
	apiSave(s, c, http.StatusOK, s.Store.SaveHoliday)
}

func (s *Server) apiDeleteHoliday(c *gin.Context) {
	day, err := holidayDay(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	apiRun(s, c, http.StatusOK, day, s.deleteHoliday)
}
