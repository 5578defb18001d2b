package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"fuyuan/app/deadline"
	"fuyuan/app/form"
)

// Kinds of holiday-calendar entries.
const (
	HolidayKindHoliday = deadline.Holiday // a public holiday (放假)
	HolidayKindWorkday = deadline.Workday // a weekend day that is a working day (调休上班)
)

// HolidayKinds are the kinds of calendar entries.
var HolidayKinds = Enum{"kind", []Option{{HolidayKindHoliday, "放假"}, {HolidayKindWorkday, "调休上班"}}}

// Holiday is a day of the holiday calendar that differs from "Monday to Friday
// are working days": a public holiday, or a weekend day worked instead (调休).
// The national calendar (CourtCode "") ships with the State Council's notices
// (migrations) and is read-only here; a court's admin adds the court's own
// days (later years before a notice ships, local arrangements), which count
// for that court's cases only. A court's cases are reckoned with the national
// calendar and the court's own days (courtCalendarTx).
type Holiday struct {
	CourtCode string `json:"court_code" gorm:"primaryKey"`
	Day       Date   `json:"day" gorm:"primaryKey"`
	Kind      string `json:"kind"`
	Note      string `json:"note"`
}

// NationalCalendar is the court code of the national calendar's days.
const NationalCalendar = ""

// National reports whether the day belongs to the national (read-only) calendar.
func (h Holiday) National() bool { return h.CourtCode == NationalCalendar }

// TableName is the holidays table.
func (Holiday) TableName() string { return "holidays" }

// HolidayInput is the body of POST /holidays.
type HolidayInput struct {
	Day  Date   `json:"day"`
	Kind string `json:"kind"`
	Note string `json:"note"`
}

// holidayAuditID is the day as a number (20251001), the entity id of its audit entries.
func holidayAuditID(d Date) int64 { return int64(d.Year*10000 + int(d.Month)*100 + d.Day) }

// ListHolidays lists the calendar entries that count for the court's cases
// in a year (all years when year is 0): the national days and the court's own.
func (s *Store) ListHolidays(ctx context.Context, court string, year int) ([]Holiday, error) {
	items := []Holiday{}
	q := s.DB.WithContext(ctx).Where("court_code IN ?", []string{NationalCalendar, court})
	if year > 0 {
		q = q.Where("day >= ? AND day <= ?", NewDate(year, time.January, 1), NewDate(year, time.December, 31))
	}
	err := q.Order("day, court_code").Find(&items).Error
	return items, s.Err(err)
}

// HolidayYears lists the years that have calendar entries for the court.
func (s *Store) HolidayYears(ctx context.Context, court string) ([]int, error) {
	var days []Holiday
	if err := s.DB.WithContext(ctx).Where("court_code IN ?", []string{NationalCalendar, court}).Order("day").Find(&days).Error; err != nil {
		return nil, s.Err(err)
	}
	years := []int{}
	for _, d := range days {
		if len(years) == 0 || years[len(years)-1] != d.Day.Year {
			years = append(years, d.Day.Year)
		}
	}
	return years, nil
}

// SaveHoliday adds a day to the court's own calendar or changes its kind or
// note, and moves the deadlines of the court's open cases that end near it,
// each move audited on its case. A day of the national calendar is read-only.
func (s *Store) SaveHoliday(ctx context.Context, a Actor, in HolidayInput) (Holiday, error) {
	p := Problems{}
	kind, ok := HolidayKinds.Parse(strings.TrimSpace(in.Kind))
	if !ok {
		p.Add("kind", "类别应为 holiday（放假）或 workday（调休上班）")
	}
	switch {
	case in.Day.IsZero():
		p.Add("day", "请填写日期（格式 YYYY-MM-DD）")
	case kind == HolidayKindWorkday && in.Day.Weekday() != time.Saturday && in.Day.Weekday() != time.Sunday:
		p.Add("day", "调休上班日应是周六或周日（周一至周五本来就是工作日）")
	}
	note := form.Text(p, "note", in.Note, "说明", 100)
	if err := p.Err(); err != nil {
		return Holiday{}, err
	}
	h := Holiday{CourtCode: a.Court, Day: in.Day, Kind: kind, Note: note}
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if err := refuseNationalDayTx(tx, in.Day, "修改"); err != nil {
			return err
		}
		var before *Holiday
		var old Holiday
		err := tx.Where("court_code = ? AND day = ?", a.Court, in.Day).Take(&old).Error
		switch {
		case err == nil:
			before = &old
			if err := tx.Model(&Holiday{}).Where("court_code = ? AND day = ?", a.Court, in.Day).Updates(map[string]any{"kind": h.Kind, "note": h.Note}).Error; err != nil {
				return err
			}
		case errors.Is(err, gorm.ErrRecordNotFound):
			if err := tx.Create(&h).Error; err != nil {
				return err
			}
		default:
			return err
		}
		if err := s.Audit(tx, a, "holiday.save", "holiday", holidayAuditID(in.Day), before, h); err != nil {
			return err
		}
		return s.refreshOpenDeadlinesTx(tx, a, in.Day, map[string]any{"holiday": h, "holiday_before": before})
	})
	return h, err
}

// DeleteHoliday removes a day from the court's own calendar (an entry made by
// mistake) and moves the deadlines of the court's open cases that end near
// it, each move audited on its case. A day of the national calendar is read-only.
func (s *Store) DeleteHoliday(ctx context.Context, a Actor, day Date) error {
	return s.Tx(ctx, func(tx *gorm.DB) error {
		var old Holiday
		err := tx.Where("court_code = ? AND day = ?", a.Court, day).Take(&old).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			if err := refuseNationalDayTx(tx, day, "删除"); err != nil {
				return err
			}
			return NotFound("本院日历中的该日期")
		}
		if err != nil {
			return err
		}
		if err := tx.Where("court_code = ? AND day = ?", a.Court, day).Delete(&Holiday{}).Error; err != nil {
			return err
		}
		if err := s.Audit(tx, a, "holiday.delete", "holiday", holidayAuditID(day), old, nil); err != nil {
			return err
		}
		return s.refreshOpenDeadlinesTx(tx, a, day, map[string]any{"holiday_deleted": old})
	})
}

// refuseNationalDayTx refuses to change (verb) a day of the national calendar.
func refuseNationalDayTx(tx *gorm.DB, day Date, verb string) error {
	var n int64
	if err := tx.Model(&Holiday{}).Where("court_code = ? AND day = ?", NationalCalendar, day).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return Conflict("%s 属于国务院公布的全国节假日安排，只读，不能%s；本院只能添加国家日历中没有的日期", day, verb)
	}
	return nil
}
