package web

import (
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

func (s *Server) renderHolidays(c *gin.Context, status int, form, errs map[string]string, flash string) {
	year := s.Clock.Today().Year
	if v := c.Query("year"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1900 || n > 2999 {
			s.renderError(c, app.Invalid("year", "年份应为四位数字，如 2026"))
			return
		}
		year = n
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
	if err != nil {
		e := s.asAppError(c, err)
		if e.Code != app.EINVALID {
			s.renderError(c, err)
			return
		}
		s.renderHolidays(c, statusOf[e.Code], formValues(c, "day", "kind", "note"), fieldsOrMessage(e), "")
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/holidays?done=saved&year="+strconv.Itoa(h.Day.Year))
}

func (s *Server) holidayDeleteSubmit(c *gin.Context) {
	day, err := app.ParseDate(c.Param("day"))
	if err != nil {
		s.renderError(c, app.NotFound("日历中的该日期"))
		return
	}
	a, _ := actorOf(c)
	if err := s.Store.DeleteHoliday(c.Request.Context(), a, day); err != nil {
		s.renderError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/holidays?done=deleted&year="+strconv.Itoa(day.Year))
}

func (s *Server) apiListHolidays(c *gin.Context) {
	year := 0
	if v := c.Query("year"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1900 || n > 2999 {
			s.fail(c, app.Invalid("year", "年份应为四位数字，如 2026"))
			return
		}
		year = n
	}
	a, _ := actorOf(c)
	items, err := s.Store.ListHolidays(c.Request.Context(), a.Court, year)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "total": len(items)})
}

func (s *Server) apiSaveHoliday(c *gin.Context) {
	var in app.HolidayInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	h, err := s.Store.SaveHoliday(c.Request.Context(), a, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, h)
}

func (s *Server) apiDeleteHoliday(c *gin.Context) {
	day, err := app.ParseDate(c.Param("day"))
	if err != nil {
		s.fail(c, app.NotFound("日历中的该日期"))
		return
	}
	a, _ := actorOf(c)
	if err := s.Store.DeleteHoliday(c.Request.Context(), a, day); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"day": day})
}
