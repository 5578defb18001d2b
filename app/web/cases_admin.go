package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
)

// The admin pages of the case register: the holiday calendar the deadlines
// are computed with, and the court's case-type dictionary.

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

// caseTypesPage shows the court's case-type dictionary with a form to add or change a type.
func (s *Server) caseTypesPage(c *gin.Context) {
	flash := ""
	switch c.Query("done") {
	case "created":
		flash = "已新增案件类型，立案时即可选择；该类型的案号从 1 号起按年编号。"
	case "updated":
		flash = "已保存案件类型。"
	}
	s.renderCaseTypes(c, http.StatusOK, map[string]string{"litigation": "1"}, nil, flash)
}

func (s *Server) renderCaseTypes(c *gin.Context, status int, form, errs map[string]string, flash string) {
	a, _ := actorOf(c)
	types, err := s.Store.CaseTypes(c.Request.Context(), a.Court)
	if err != nil {
		s.renderError(c, err)
		return
	}
	s.renderForm(c, status, "case_types.html", "案件类型", gin.H{"Types": types, "Flash": flash}, form, errs)
}

func (s *Server) caseTypeSubmit(c *gin.Context) {
	if err := c.Request.ParseForm(); err != nil {
		s.renderError(c, app.Errorf(app.EINVALID, "表单内容无法读取"))
		return
	}
	in := app.CaseTypeInputFromForm(c.Request.PostForm)
	a, _ := actorOf(c)
	_, created, err := s.Store.SaveCaseType(c.Request.Context(), a, in)
	if err != nil {
		e := s.asAppError(c, err)
		if e.Code != app.EINVALID && e.Code != app.ECONFLICT {
			s.renderError(c, err)
			return
		}
		s.renderCaseTypes(c, statusOf[e.Code], formValues(c, "code", "name", "limit_months", "limit_days", "simplified_days", "litigation"), fieldsOrMessage(e), "")
		return
	}
	done := "updated"
	if created {
		done = "created"
	}
	c.Redirect(http.StatusSeeOther, "/admin/case-types?done="+done)
}
