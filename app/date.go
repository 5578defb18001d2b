package app

import (
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Date is a calendar date with no time of day and no time zone.
// The zero Date means "not set".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Shanghai is the court's time zone: "today" is decided there.
var Shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}()

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// NewDate returns the date y-m-d, normalised like time.Date.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// ParseDate parses YYYY-MM-DD and rejects impossible dates such as 2025-02-30.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if d, ok := parseISODate(s); ok {
		return d, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil || t.Year() < 1900 || t.Year() > 2999 {
		return Date{}, fmt.Errorf("日期格式应为 YYYY-MM-DD 且为真实存在的日期")
	}
	return DateOf(t), nil
}

// parseISODate reads s of exactly YYYY-MM-DD that ParseDate accepts (a
// real date of 1900–2999) without time.Parse's generality: a page of the
// case list reads three dates a case and the day counts of a deep page one
// a day (time.Parse was 1.7 % of a list request's instructions). ok is
// false for anything else, which ParseDate then reads with time.Parse.
func parseISODate(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, false
	}
	n := [3]int{}
	for k, part := range [3]string{s[0:4], s[5:7], s[8:10]} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return Date{}, false
			}
			n[k] = n[k]*10 + int(part[i]-'0')
		}
	}
	y, m, d := n[0], n[1], n[2]
	if y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, time.Month(m)) {
		return Date{}, false
	}
	return Date{y, time.Month(m), d}, true
}

// daysInMonth is the number of days of month m of year y.
func daysInMonth(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// MustDate parses s or panics; for tests and fixed tables.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String returns YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return string(d.appendISO(make([]byte, 0, 10)))
}

// appendISO appends YYYY-MM-DD to b.
func (d Date) appendISO(b []byte) []byte {
	if d.Year < 0 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
		return fmt.Appendf(b, "%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	two := func(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }
	b = two(two(b, d.Year/100), d.Year%100)
	b = two(append(b, '-'), int(d.Month))
	return two(append(b, '-'), d.Day)
}

// Chinese returns the date as 2025年3月4日.
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
}

// AddDays returns d plus n days.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// AddMonths returns the same day-of-month n months later, or that month's last
// day when it is shorter (2025-01-31 + 1 month = 2025-02-28).
func (d Date) AddMonths(n int) Date {
	first := time.Date(d.Year, d.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	day := d.Day
	if day > last {
		day = last
	}
	return Date{first.Year(), first.Month(), day}
}

// SameDayLastYear is the day a year before d for a 同比 ("the same period
// last year"): the same day of the same month, except that the last day of
// a month is that month's last day (2025-02-28 → 2024-02-29, so a February
// after a leap year is compared with all 29 days; 2024-02-29 → 2023-02-28).
// Every same-period-last-year in fuyuan is computed through it.
func (d Date) SameDayLastYear() Date {
	if d.AddDays(1).Day == 1 {
		return NewDate(d.Year-1, d.Month+1, 1).AddDays(-1)
	}
	return d.AddMonths(-12)
}

// DaysSince returns the number of days from e to d (d - e).
func (d Date) DaysSince(e Date) int {
	return int(d.Time().Sub(e.Time()).Hours() / 24)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Time().After(e.Time()) }

// Weekday returns d's day of the week.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// MarshalJSON writes "YYYY-MM-DD", or null for the zero date.
func (d Date) MarshalJSON() ([]byte, error) {
	// By hand: a page of cases has a hundred dates, and json.Marshal of a
	// string was the larger part of writing it.
	return d.appendJSON(make([]byte, 0, 12)), nil
}

// appendJSON appends d as MarshalJSON writes it.
func (d Date) appendJSON(b []byte) []byte {
	if d.IsZero() {
		return append(b, "null"...)
	}
	return append(d.appendISO(append(b, '"')), '"')
}

// UnmarshalJSON reads "YYYY-MM-DD"; null and "" leave the zero date.
func (d *Date) UnmarshalJSON(b []byte) error {
	return unmarshalJSONText(b, d, ParseDate, "日期应为 YYYY-MM-DD 格式的字符串")
}

// unmarshalJSONText reads into *dst a JSON string that parse reads: null and
// "" give the zero value, anything but a string is notString.
func unmarshalJSONText[T any](b []byte, dst *T, parse func(string) (T, error), notString string) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return errors.New(notString)
	}
	var v T
	if s != nil && *s != "" {
		var err error
		if v, err = parse(*s); err != nil {
			return err
		}
	}
	*dst = v
	return nil
}

// Value stores the date as YYYY-MM-DD (NULL when zero).
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a DATE column from either database.
func (d *Date) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		*d = DateOf(x)
		return nil
	case string:
		return d.scanString(x)
	case []byte:
		return d.scanString(string(x))
	}
	return fmt.Errorf("cannot scan %T into Date", v)
}

func (d *Date) scanString(s string) error {
	if s == "" {
		*d = Date{}
		return nil
	}
	if len(s) > 10 {
		s = s[:10]
	}
	v, err := ParseDate(s)
	if err != nil {
		return fmt.Errorf("bad date %q in database", s)
	}
	*d = v
	return nil
}

// GormDataType tells gorm the column type.
func (Date) GormDataType() string { return "date" }
