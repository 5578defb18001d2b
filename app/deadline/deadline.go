// Package deadline is the 审限 engine: it computes when a case's time limit
// ends from its filing date, its case type's limit, the excluded periods that
// stop the clock and the extensions a higher court approved, using a holiday
// calendar given as data (行政诉讼法 arts. 51, 81–83; 2018 interpretation arts. 48–50).
//
// The rules:
//   - the start day (the filing day) is not counted: a limit of n days ends n days later;
//   - a limit in months ends on the same day of the month, or on that month's
//     last day when it is shorter (filed 08-31, one month → 09-30);
//   - every excluded period (中止, 鉴定, 公告, 管辖异议) moves the end by its length
//     in days; a period still running counts nothing until it ends;
//   - a period that starts after the deadline as it then stood moves nothing:
//     the limit had already run out, and stopping a clock that has run out
//     cannot give the case its time back (a suspension cannot un-expire a deadline);
//   - an approved extension replaces the end with its new deadline; excluded
//     periods that start on or after its approval still move that new end;
//   - a last day that is not a working day moves to the next working day.
//
// The package has no dependencies inside fuyuan; its Date converts to and
// from app.Date (the two types have the same fields).
package deadline

import (
	"fmt"
	"slices"
	"time"
)

// Date is a calendar date; it has the same fields as app.Date, so the two convert.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// D returns the date y-m-d, normalised like time.Date.
func D(y int, m time.Month, d int) Date {
	return of(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

func of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

func (d Date) time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String returns YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return of(d.time().AddDate(0, 0, n)) }

// AddMonths returns the same day n months later, or that month's last day
// when the month is shorter.
func (d Date) AddMonths(n int) Date {
	first := time.Date(d.Year, d.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	day := min(d.Day, last)
	return Date{first.Year(), first.Month(), day}
}

// Sub returns the number of days from e to d (d − e).
func (d Date) Sub(e Date) int { return int(d.time().Sub(e.time()).Hours() / 24) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Sub(e) < 0 }

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return d.time().Weekday() }

// Kinds of calendar entries.
const (
	Holiday = "holiday" // a public holiday (法定节假日及调休放假)
	Workday = "workday" // a weekend day that is a working day (调休上班)
)

// Calendar is the court's holiday calendar: the days that differ from the
// rule "Monday to Friday are working days".
type Calendar struct {
	days map[Date]string
}

// NewCalendar returns an empty calendar (weekends only).
func NewCalendar() *Calendar { return &Calendar{days: map[Date]string{}} }

// Set marks day as a Holiday or a Workday.
func (c *Calendar) Set(day Date, kind string) { c.days[day] = kind }

// IsWorkingDay reports whether day is a working day: listed as a workday, or
// Monday–Friday and not listed as a holiday.
func (c *Calendar) IsWorkingDay(day Date) bool {
	switch c.days[day] {
	case Workday:
		return true
	case Holiday:
		return false
	}
	wd := day.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// NextWorkingDay returns day when it is a working day, else the first working day after it.
func (c *Calendar) NextWorkingDay(day Date) Date {
	// A year has no run of more than a few weeks without a working day; the
	// bound only guards against a calendar that marks everything a holiday.
	for i := 0; i < 366 && !c.IsWorkingDay(day); i++ {
		day = day.AddDays(1)
	}
	return day
}

// Limit is a case type's time limit: months, or else days.
type Limit struct {
	Months int
	Days   int
}

// LimitOf picks the limit of a case type: its simplified-procedure days when
// the case is simplified and the type has them, else its months, else its days.
func LimitOf(months, days, simplifiedDays int, simplified bool) Limit {
	switch {
	case simplified && simplifiedDays > 0:
		return Limit{Days: simplifiedDays}
	case months > 0:
		return Limit{Months: months}
	}
	return Limit{Days: days}
}

// End returns the last day of the limit counted from start, before any holiday adjustment.
func (l Limit) End(start Date) Date {
	if l.Months > 0 {
		return start.AddMonths(l.Months)
	}
	return start.AddDays(l.Days)
}

// Period is an excluded period; End is zero while it is still running.
// The clock stops on Start and runs again from End: the period lasts End − Start days.
type Period struct {
	Start Date
	End   Date
}

// Days returns the length of the period in days; 0 while it is still running.
func (p Period) Days() int {
	if p.End.IsZero() || p.End.Before(p.Start) {
		return 0
	}
	return p.End.Sub(p.Start)
}

// Extension is an extension of the time limit approved by the higher court.
type Extension struct {
	ApprovedOn  Date
	NewDeadline Date
}

// Case is what the engine needs to know of a case.
type Case struct {
	FiledOn    Date
	Limit      Limit
	Excluded   []Period
	Extensions []Extension
}

// Deadline returns the last day of the case's time limit: the limit (or the
// latest extension) moved by the excluded periods that started in time, then
// by the holiday rule.
func (c *Calendar) Deadline(k Case) Date {
	end, since := k.start()
	for _, p := range k.byStart() {
		if !since.IsZero() && p.Start.Before(since) {
			continue
		}
		if c.NextWorkingDay(end).Before(p.Start) {
			continue // the limit had run out before the period started
		}
		end = end.AddDays(p.Days())
	}
	return c.NextWorkingDay(end)
}

// LastDay returns a bound of the case's last day before the holiday rule:
// the limit (or the latest extension) moved by every excluded period after
// it, whether it started in time or not. Deadline is never later than the
// next working day from it; a caller reads the calendar up to there.
func (k Case) LastDay() Date {
	end, since := k.start()
	for _, p := range k.Excluded {
		if !since.IsZero() && p.Start.Before(since) {
			continue
		}
		end = end.AddDays(p.Days())
	}
	return end
}

// start returns the end of the limit, or of the latest extension with the
// day it was approved (excluded periods that started before are already in it).
func (k Case) start() (end, since Date) {
	end = k.Limit.End(k.FiledOn)
	if ext, ok := latest(k.Extensions); ok {
		end, since = ext.NewDeadline, ext.ApprovedOn
	}
	return end, since
}

// byStart returns the excluded periods in the order they started.
func (k Case) byStart() []Period {
	ps := slices.Clone(k.Excluded)
	slices.SortStableFunc(ps, func(a, b Period) int { return a.Start.Sub(b.Start) })
	return ps
}

// latest returns the extension approved last (on equal dates, the one recorded last).
func latest(exts []Extension) (Extension, bool) {
	if len(exts) == 0 {
		return Extension{}, false
	}
	best := exts[0]
	for _, e := range exts[1:] {
		if !e.ApprovedOn.Before(best.ApprovedOn) {
			best = e
		}
	}
	return best, true
}

// Flags of a deadline seen from today.
const (
	FlagNone    = ""
	Flag30      = "30"      // 30 days or fewer left
	Flag15      = "15"      // 15 days or fewer left
	Flag7       = "7"       // 7 days or fewer left
	FlagOverdue = "overdue" // the last day has passed
)

// Flag returns how close the deadline is: FlagOverdue once the last day has
// passed, Flag7, Flag15 or Flag30 within that many days (the last day itself
// is still in time), else FlagNone.
func Flag(deadline, today Date) string {
	left := deadline.Sub(today)
	switch {
	case left < 0:
		return FlagOverdue
	case left <= 7:
		return Flag7
	case left <= 15:
		return Flag15
	case left <= 30:
		return Flag30
	}
	return FlagNone
}

// View is a case's deadline as every page, list, desk and sheet shows it on
// a day: the deadline, the days left to it, the flag and whether the clock
// is stopped. It is computed by See and nowhere else.
type View struct {
	Deadline Date
	DaysLeft int    // Deadline − today; negative once it has passed
	Flag     string // FlagOverdue, Flag7, Flag15, Flag30 or FlagNone
	Paused   bool   // the clock is stopped by a suspension that began in time
}

// See returns the view on today of a deadline computed by Deadline (an open
// suspension counting nothing yet) of a case whose open suspension, if any,
// began on suspendedOn (zero when the case is not suspended).
//
// The period from a suspension to the resumption is not counted in the time
// limit (最高人民法院关于严格执行案件审理期限制度的若干规定 art. 9; 行政诉讼法
// art. 81): the clock stops on the day the case is suspended. So while a
// suspension is open:
//   - when it began on or before the deadline, the case is paused: DaysLeft
//     is frozen at the days that were left on the day it began (deadline −
//     suspendedOn), and Deadline is today + DaysLeft, the deadline counted
//     with the open suspension's days so far (the day the limit would end if
//     the clock ran again from today). The two always agree, and there is no
//     flag: a stopped clock cannot run out. On resumption the deadline is
//     recomputed with the suspension's days, then the holiday rule applies;
//   - when it began after the deadline, the limit had already run out: the
//     suspension stops nothing, the deadline stays and the case is overdue,
//     by more every day (a suspension cannot un-expire a deadline).
//
// A case with no open suspension shows its deadline, the days from today to
// it and its Flag.
func See(deadline, suspendedOn, today Date) View {
	if !suspendedOn.IsZero() && !deadline.Before(suspendedOn) {
		paused := max(today.Sub(suspendedOn), 0)
		shown := deadline.AddDays(paused)
		return View{Deadline: shown, DaysLeft: shown.Sub(today), Flag: FlagNone, Paused: true}
	}
	return View{Deadline: deadline, DaysLeft: deadline.Sub(today), Flag: Flag(deadline, today)}
}
