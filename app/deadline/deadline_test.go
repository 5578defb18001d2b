package deadline

import (
	"testing"
	"time"
)

func day(s string) Date {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return of(t)
}

// official is the State Council calendar of holidays.md for 2025 and 2026.
func official() *Calendar {
	c := NewCalendar()
	holidays := [][2]string{
		{"2025-01-01", "2025-01-01"}, {"2025-01-28", "2025-02-04"}, {"2025-04-04", "2025-04-06"},
		{"2025-05-01", "2025-05-05"}, {"2025-05-31", "2025-06-02"}, {"2025-10-01", "2025-10-08"},
		{"2026-01-01", "2026-01-03"}, {"2026-02-15", "2026-02-23"}, {"2026-04-04", "2026-04-06"},
		{"2026-05-01", "2026-05-05"}, {"2026-06-19", "2026-06-21"}, {"2026-09-25", "2026-09-27"},
		{"2026-10-01", "2026-10-07"},
	}
	for _, r := range holidays {
		for d, last := day(r[0]), day(r[1]); !last.Before(d); d = d.AddDays(1) {
			c.Set(d, Holiday)
		}
	}
	for _, w := range []string{
		"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
		"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
	} {
		c.Set(day(w), Workday)
	}
	return c
}

var (
	general    = LimitOf(6, 0, 45, false) // 行初, general procedure
	simplified = LimitOf(6, 0, 45, true)  // 行初, simplified procedure
	review     = LimitOf(0, 30, 0, false) // 行审 and 行诉前调
	compensate = LimitOf(6, 0, 0, true)   // 行赔初 has no simplified limit: stays 6 months
)

func TestDeadlineFollowsTheRulesOfTheLimitAndTheCalendar(t *testing.T) {
	cal := official()
	tests := []struct {
		name string
		k    Case
		want string
	}{
		// Acceptance 1 of issue 3.
		{"行初 filed 2025-03-04 ends six months later", Case{FiledOn: day("2025-03-04"), Limit: general}, "2025-09-04"},
		{"行初 filed 2025-04-01 ends after the National Day holiday", Case{FiledOn: day("2025-04-01"), Limit: general}, "2025-10-09"},
		{"simplified 行初 filed 2025-08-17 ends after the National Day holiday", Case{FiledOn: day("2025-08-17"), Limit: simplified}, "2025-10-09"},
		{"a case suspended for 10 days ends 10 days later",
			Case{FiledOn: day("2025-03-05"), Limit: general, Excluded: []Period{{day("2025-04-10"), day("2025-04-20")}}}, "2025-09-15"},

		// Counting.
		{"the start day is not counted", Case{FiledOn: day("2025-08-04"), Limit: review}, "2025-09-03"},
		{"2025-09-03 is an ordinary working day", Case{FiledOn: day("2025-08-04"), Limit: review}, "2025-09-03"},
		{"a month limit ends on the month's last day when it is shorter", Case{FiledOn: day("2025-03-31"), Limit: general}, "2025-09-30"},
		{"a month limit into a leap February ends on the 29th", Case{FiledOn: day("2023-08-31"), Limit: general}, "2024-02-29"},
		{"a month limit into a plain February ends on the 28th", Case{FiledOn: day("2024-08-29"), Limit: general}, "2025-02-28"},
		{"行赔初 has six months even when marked simplified", Case{FiledOn: day("2025-03-04"), Limit: compensate}, "2025-09-04"},

		// Holidays and make-up working days.
		{"a last day on a Sunday moves to Monday", Case{FiledOn: day("2025-08-15"), Limit: review}, "2025-09-15"},
		{"a last day on a make-up working Sunday stays", Case{FiledOn: day("2025-08-29"), Limit: review}, "2025-09-28"},
		{"a last day on a make-up working Saturday stays", Case{FiledOn: day("2025-08-31"), Limit: general}, "2026-02-28"},
		{"a last day in the Spring Festival moves past it", Case{FiledOn: day("2025-01-02"), Limit: review}, "2025-02-05"},
		{"a last day in the 2026 Spring Festival moves past it", Case{FiledOn: day("2026-01-16"), Limit: review}, "2026-02-24"},
		{"a last day on New Year's Day 2025 moves to the 2nd", Case{FiledOn: day("2024-12-02"), Limit: review}, "2025-01-02"},
		{"a last day in the 2026 Dragon Boat holiday moves past it", Case{FiledOn: day("2026-05-20"), Limit: review}, "2026-06-22"},
		{"years before 2025 know only weekends", Case{FiledOn: day("2024-03-01"), Limit: review}, "2024-04-01"},
		{"a year not in the calendar knows only weekends", Case{FiledOn: day("2027-01-01"), Limit: review}, "2027-02-01"},

		// Excluded periods.
		{"excluded days are added before the holiday rule",
			Case{FiledOn: day("2025-04-01"), Limit: general, Excluded: []Period{{day("2025-05-06"), day("2025-05-09")}}}, "2025-10-09"},
		{"excluded days can land on a make-up working day",
			Case{FiledOn: day("2025-04-01"), Limit: general, Excluded: []Period{{day("2025-05-06"), day("2025-05-16")}}}, "2025-10-11"},
		{"several excluded periods add up",
			Case{FiledOn: day("2025-03-05"), Limit: general, Excluded: []Period{
				{day("2025-04-10"), day("2025-04-20")}, {day("2025-06-10"), day("2025-06-15")}}}, "2025-09-22"},
		{"a suspension that is still running counts nothing yet",
			Case{FiledOn: day("2025-03-04"), Limit: general, Excluded: []Period{{Start: day("2025-05-01")}}}, "2025-09-04"},
		{"a suspension that began after the deadline moves nothing",
			Case{FiledOn: day("2025-03-04"), Limit: general, Excluded: []Period{{day("2025-09-10"), day("2025-10-10")}}}, "2025-09-04"},
		{"a suspension still running that began after the deadline moves nothing",
			Case{FiledOn: day("2025-03-04"), Limit: general, Excluded: []Period{{Start: day("2025-09-05")}}}, "2025-09-04"},
		{"a suspension that began on the last day moves it",
			Case{FiledOn: day("2025-03-04"), Limit: general, Excluded: []Period{{day("2025-09-04"), day("2025-09-14")}}}, "2025-09-15"},
		{"a period that began in the holiday a last day moved past is in time",
			Case{FiledOn: day("2025-04-01"), Limit: general, Excluded: []Period{{day("2025-10-05"), day("2025-10-15")}}}, "2025-10-11"},
		{"a period after the deadline moves nothing even when an earlier one moved it",
			Case{FiledOn: day("2025-03-04"), Limit: general, Excluded: []Period{
				{day("2025-09-20"), day("2025-09-30")}, {day("2025-04-10"), day("2025-04-20")}}}, "2025-09-15"},
		{"an excluded period that ends the day it starts counts nothing",
			Case{FiledOn: day("2025-03-04"), Limit: general, Excluded: []Period{{day("2025-05-08"), day("2025-05-08")}}}, "2025-09-04"},

		// Extensions.
		{"an extension replaces the deadline",
			Case{FiledOn: day("2025-03-04"), Limit: general, Extensions: []Extension{{day("2025-08-20"), day("2025-12-04")}}}, "2025-12-04"},
		{"excluded periods before the extension are in it already",
			Case{FiledOn: day("2025-03-04"), Limit: general,
				Excluded:   []Period{{day("2025-05-06"), day("2025-05-16")}},
				Extensions: []Extension{{day("2025-08-20"), day("2025-12-04")}}}, "2025-12-04"},
		{"excluded periods after the extension move it",
			Case{FiledOn: day("2025-03-04"), Limit: general,
				Excluded:   []Period{{day("2025-09-01"), day("2025-09-11")}},
				Extensions: []Extension{{day("2025-08-20"), day("2025-12-04")}}}, "2025-12-15"},
		{"the extension approved last counts",
			Case{FiledOn: day("2025-03-04"), Limit: general, Extensions: []Extension{
				{day("2025-11-20"), day("2026-03-04")}, {day("2025-08-20"), day("2025-12-04")}}}, "2026-03-04"},
		{"an extension ending in a holiday moves past it",
			Case{FiledOn: day("2025-03-04"), Limit: general, Extensions: []Extension{{day("2025-08-20"), day("2025-10-01")}}}, "2025-10-09"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cal.Deadline(tt.k).String(); got != tt.want {
				t.Errorf("deadline of %+v = %s, want %s", tt.k, got, tt.want)
			}
		})
	}
}

func TestOfficialCalendarMatchesTheStateCouncilNotices(t *testing.T) {
	cal := official()
	tests := []struct {
		day     string
		working bool
	}{
		{"2025-01-01", false}, {"2025-01-26", true}, {"2025-01-28", false}, {"2025-02-04", false},
		{"2025-02-05", true}, {"2025-02-08", true}, {"2025-04-27", true}, {"2025-05-05", false},
		{"2025-06-02", false}, {"2025-09-03", true}, {"2025-09-28", true}, {"2025-10-08", false},
		{"2025-10-09", true}, {"2025-10-11", true}, {"2025-10-12", false},
		{"2026-01-04", true}, {"2026-02-14", true}, {"2026-02-23", false}, {"2026-02-28", true},
		{"2026-05-09", true}, {"2026-06-19", false}, {"2026-09-20", true}, {"2026-09-25", false},
		{"2026-10-07", false}, {"2026-10-10", true},
		{"2024-10-01", true}, // not in the calendar: a Tuesday is a working day
	}
	for _, tt := range tests {
		if got := cal.IsWorkingDay(day(tt.day)); got != tt.working {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.day, got, tt.working)
		}
	}
}

func TestNextWorkingDayIsTheFirstWorkingDayOnOrAfter(t *testing.T) {
	cal := official()
	for d := day("2024-12-01"); d.Before(day("2027-01-31")); d = d.AddDays(1) {
		n := cal.NextWorkingDay(d)
		if n.Before(d) || !cal.IsWorkingDay(n) {
			t.Fatalf("NextWorkingDay(%s) = %s", d, n)
		}
		for x := d; x.Before(n); x = x.AddDays(1) {
			if cal.IsWorkingDay(x) {
				t.Fatalf("NextWorkingDay(%s) = %s skips working day %s", d, n, x)
			}
		}
	}
}

func TestFlagsAt30And15And7DaysAndWhenPassed(t *testing.T) {
	due := day("2025-09-04")
	tests := []struct {
		today string
		want  string
	}{
		{"2025-09-06", FlagOverdue},
		{"2025-09-05", FlagOverdue},
		{"2025-09-04", Flag7}, // the last day itself is still in time
		{"2025-08-28", Flag7},
		{"2025-08-27", Flag15},
		{"2025-08-20", Flag15},
		{"2025-08-19", Flag30},
		{"2025-08-05", Flag30},
		{"2025-08-04", FlagNone},
		{"2025-03-04", FlagNone},
	}
	for _, tt := range tests {
		if got := Flag(due, day(tt.today)); got != tt.want {
			t.Errorf("Flag(%s, today %s) = %q, want %q", due, tt.today, got, tt.want)
		}
	}
}

func TestLimitOfPicksSimplifiedDaysThenMonthsThenDays(t *testing.T) {
	tests := []struct {
		name                 string
		months, days, simple int
		simplified           bool
		want                 Limit
	}{
		{"general procedure uses months", 6, 0, 45, false, Limit{Months: 6}},
		{"simplified procedure uses its days", 6, 0, 45, true, Limit{Days: 45}},
		{"a type without simplified days keeps months", 6, 0, 0, true, Limit{Months: 6}},
		{"a type in days", 0, 30, 0, false, Limit{Days: 30}},
	}
	for _, tt := range tests {
		if got := LimitOf(tt.months, tt.days, tt.simple, tt.simplified); got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestPeriodDaysIsEndMinusStart(t *testing.T) {
	tests := []struct {
		p    Period
		want int
	}{
		{Period{day("2025-04-10"), day("2025-04-20")}, 10},
		{Period{day("2025-04-10"), day("2025-04-10")}, 0},
		{Period{Start: day("2025-04-10")}, 0},
		{Period{day("2025-12-25"), day("2026-01-05")}, 11},
	}
	for _, tt := range tests {
		if got := tt.p.Days(); got != tt.want {
			t.Errorf("%+v.Days() = %d, want %d", tt.p, got, tt.want)
		}
	}
}

func TestSeeShowsOneDeadlineWithAgreeingDaysLeft(t *testing.T) {
	due := day("2025-09-04")
	tests := []struct {
		name        string
		suspendedOn string
		today       string
		want        View
	}{
		{"a running case counts from today", "", "2025-08-21", View{due, 14, Flag15, false}},
		{"a running case past its deadline is overdue", "", "2025-09-10", View{due, -6, FlagOverdue, false}},
		{"a case suspended in time is paused with the days it had left",
			"2025-08-01", "2025-08-21", View{day("2025-09-24"), 34, FlagNone, true}},
		{"a paused case keeps its days left months later",
			"2025-08-01", "2025-12-01", View{day("2026-01-04"), 34, FlagNone, true}},
		{"a case suspended on its last day is paused with no day left",
			"2025-09-04", "2025-09-30", View{day("2025-09-30"), 0, FlagNone, true}},
		{"a case suspended after its deadline is overdue and stays so",
			"2025-09-10", "2025-10-01", View{due, -27, FlagOverdue, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Date
			if tt.suspendedOn != "" {
				s = day(tt.suspendedOn)
			}
			got := See(due, s, day(tt.today))
			if got != tt.want {
				t.Errorf("See(%s, %s, %s) = %+v, want %+v", due, tt.suspendedOn, tt.today, got, tt.want)
			}
			if got.Deadline.Sub(day(tt.today)) != got.DaysLeft {
				t.Errorf("deadline %s and days left %d disagree on %s", got.Deadline, got.DaysLeft, tt.today)
			}
		})
	}
}
