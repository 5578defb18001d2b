package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

func (s *Server) apiListCircuits(c *gin.Context) {
	apiCourtList(s, c, circuitFilter, s.Store.ListCircuits)
}

// circuitFilter reads ?from, ?to, ?judge_id and ?cross_region of the list of circuit hearings.
func circuitFilter(c *gin.Context) (app.CircuitFilter, error) {
	bad := app.Problems{}
	f := app.CircuitFilter{From: queryDate(c, "from", bad), To: queryDate(c, "to", bad),
		JudgeID: queryID(c, "judge_id", bad), CrossRegion: queryBool(c, "cross_region", bad)}
	return f, bad.Err()
}

func (s *Server) apiCreateCircuit(c *gin.Context) {
	var in app.CircuitInput
	if s.bindInput(c, &in, in.Validate) {
		apiRun(s, c, http.StatusCreated, in, s.Store.CreateCircuit)
	}
}

// calendarDay is one cell of the month grid.
type calendarDay struct {
	Date     app.Date
	InMonth  bool
	Today    bool
	Weekend  bool
	Hearings []app.Circuit
}

// calendarMonth is a month of circuit hearings laid out in weeks, Monday first.
type calendarMonth struct {
	Title      string // 2025年7月
	Month      string // 2025-07
	Prev, Next string // YYYY-MM of the neighbouring months
	Current    string // YYYY-MM of today's month
	Weeks      [][]calendarDay
	Hearings   []app.Circuit // the month's own hearings, in date order
}

// parseMonth reads ?month=YYYY-MM; empty means the month of today.
func parseMonth(v string, today app.Date) (app.Date, error) {
	if v == "" {
		return app.NewDate(today.Year, today.Month, 1), nil
	}
	t, err := time.Parse("2006-01", v)
	if err != nil || t.Year() < 1900 || t.Year() > 2999 {
		return app.Date{}, app.Invalid("month", "月份格式应为 YYYY-MM，如 2025-07")
	}
	return app.NewDate(t.Year(), t.Month(), 1), nil
}

func monthKey(d app.Date) string { return fmt.Sprintf("%04d-%02d", d.Year, d.Month) }

// buildCalendar lays out the month starting on first, placing each hearing on its day.
func buildCalendar(first, today app.Date, hearings []app.Circuit) calendarMonth {
	last := first.AddMonths(1).AddDays(-1)
	m := calendarMonth{Title: fmt.Sprintf("%d年%d月", first.Year, first.Month), Month: monthKey(first),
		Prev: monthKey(first.AddMonths(-1)), Next: monthKey(first.AddMonths(1)),
		Current: monthKey(today), Hearings: []app.Circuit{}}
	byDay := map[app.Date][]app.Circuit{}
	for _, h := range hearings {
		byDay[h.HeldOn] = append(byDay[h.HeldOn], h)
		if !h.HeldOn.Before(first) && !h.HeldOn.After(last) {
			m.Hearings = append(m.Hearings, h)
		}
	}
	start := first.AddDays(-((int(first.Weekday()) + 6) % 7))
	for day := start; !day.After(last); {
		week := make([]calendarDay, 7)
		for i := range week {
			wd := day.Weekday()
			week[i] = calendarDay{Date: day, InMonth: day.Month == first.Month && day.Year == first.Year, Today: day == today,
				Weekend: wd == time.Saturday || wd == time.Sunday, Hearings: byDay[day]}
			day = day.AddDays(1)
		}
		m.Weeks = append(m.Weeks, week)
	}
	return m
}

// calendarBounds returns the first and last day shown by the month grid of first.
func calendarBounds(first app.Date) (app.Date, app.Date) {
	start := first.AddDays(-((int(first.Weekday()) + 6) % 7))
	last := first.AddMonths(1).AddDays(-1)
	end := last.AddDays((7 - int(last.Weekday())) % 7)
	return start, end
}

// circuitsPage is the calendar of circuit hearings: a month grid with the
// hearings on their days, navigation by month, the upcoming hearings, every
// hearing in a list, and the form to record one.
func (s *Server) circuitsPage(c *gin.Context) {
	s.renderCircuits(c, formFailure{status: http.StatusOK}, nil)
}

func (s *Server) renderCircuits(c *gin.Context, ff formFailure, picked []int64) {
	ctx := c.Request.Context()
	a, _ := actorOf(c)
	today := s.Clock.Today()
	first, err := parseMonth(c.Query("month"), today)
	if err != nil {
		s.renderError(c, err)
		return
	}
	pg, _ := pageOf(c)
	from, to := calendarBounds(first)
	shown, err := s.Store.CircuitsBetween(ctx, a, from, to)
	if err != nil {
		s.renderError(c, err)
		return
	}
	upcoming, err := s.Store.UpcomingCircuits(ctx, a, 6)
	if err != nil {
		s.renderError(c, err)
		return
	}
	all, err := s.Store.ListCircuits(ctx, a, app.CircuitFilter{}, app.Page{Page: pg.Page, Size: 20})
	if err != nil {
		s.renderError(c, err)
		return
	}
	// This year's figures count the hearings held so far, not the scheduled ones.
	figures, err := s.Store.CircuitFigures(ctx, a, app.NewDate(today.Year, time.January, 1), today)
	if err != nil {
		s.renderError(c, err)
		return
	}
	data := gin.H{"Calendar": buildCalendar(first, today, shown), "Upcoming": upcoming, "All": all,
		"Pager": newPager(c, all.Total, pg.Page, 20), "Figures": figures, "Year": today.Year, "Flash": fieldFlash(c)}
	if s.Authz.Allowed(a, rbac.CircuitWrite) {
		judges, err := s.Store.ListStaff(ctx, a, app.RoleJudge)
		if err != nil {
			s.renderError(c, err)
			return
		}
		vis, err := s.visibility(c, rbac.CircuitWrite)
		if err != nil {
			s.renderError(c, err)
			return
		}
		cases, err := s.Store.FieldworkCaseChoices(ctx, vis, today.AddDays(-365))
		if err != nil {
			s.renderError(c, err)
			return
		}
		sel := map[int64]bool{}
		for _, id := range picked {
			sel[id] = true
		}
		stations, err := s.Store.WorkstationChoices(ctx, a)
		if err != nil {
			s.renderError(c, err)
			return
		}
		judge := strconv.FormatInt(a.UserID, 10)
		data["Judges"], data["Cases"], data["Picked"], data["DefaultJudge"] = judges, cases, sel, judge
		data["Workstations"] = stations
	}
	s.renderForm(c, ff.status, "circuit_calendar.html", "巡回审判", data, ff.form, ff.errs)
}

func (s *Server) circuitsCreateSubmit(c *gin.Context) {
	f := newPostedForm(c)
	in := app.CircuitInput{HeldOn: f.date("held_on"), Confirm: f.text("confirm") == "1", Place: f.text("place"), Region: f.text("region"),
		CrossRegion: f.checked("cross_region"), JudgeID: f.id("judge_id"), CaseIDs: f.ids("case_ids"),
		Audience: f.number("audience"), Notes: f.text("notes"), WorkstationID: f.id("workstation_id")}
	in.StartsAt, in.EndsAt = f.minute("starts_at", in.HeldOn), f.minute("ends_at", in.HeldOn)
	err := f.err(in.Validate)
	var ct app.Circuit
	if err == nil {
		a, _ := actorOf(c)
		ct, err = s.Store.CreateCircuit(c.Request.Context(), a, in)
	}
	if err != nil {
		ff := s.failedForm(c, err, "held_on", "starts_at", "ends_at", "place", "region", "cross_region", "judge_id", "audience", "notes")
		s.renderCircuits(c, ff, in.CaseIDs)
		return
	}
	c.Redirect(http.StatusSeeOther, "/circuits?month="+monthKey(ct.HeldOn)+"&ok=circuit")
}
