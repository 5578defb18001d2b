package app

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"fuyuan/app/deadline"
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
// The calendar is national, shared by every court; it ships with the official
// 2025 and 2026 notices and the admin adds later years.
type Holiday struct {
	Day  Date   `json:"day" gorm:"primaryKey"`
	Kind string `json:"kind"`
	Note string `json:"note"`
}

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

// ListHolidays lists the calendar entries of a year (all years when year is 0).
func (s *Store) ListHolidays(ctx context.Context, year int) ([]Holiday, error) {
	items := []Holiday{}
	q := s.DB.WithContext(ctx)
	if year > 0 {
		q = q.Where("day >= ? AND day <= ?", NewDate(year, time.January, 1), NewDate(year, time.December, 31))
	}
	err := q.Order("day").Find(&items).Error
	return items, s.Err(err)
}

// HolidayYears lists the years that have calendar entries.
func (s *Store) HolidayYears(ctx context.Context) ([]int, error) {
	var days []Holiday
	if err := s.DB.WithContext(ctx).Order("day").Find(&days).Error; err != nil {
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

// SaveHoliday adds a day to the calendar or changes its kind or note, and
// moves the deadlines of the open cases that end near it.
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
	note := strings.TrimSpace(in.Note)
	if utf8.RuneCountInString(note) > 100 {
		p.Add("note", "说明最多 100 个字")
	}
	if err := p.Err(); err != nil {
		return Holiday{}, err
	}
	h := Holiday{Day: in.Day, Kind: kind, Note: note}
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		var before *Holiday
		var old Holiday
		err := tx.Where("day = ?", in.Day).Take(&old).Error
		switch {
		case err == nil:
			before = &old
			if err := tx.Model(&Holiday{}).Where("day = ?", in.Day).Updates(map[string]any{"kind": h.Kind, "note": h.Note}).Error; err != nil {
				return err
			}
		case errors.Is(err, gorm.ErrRecordNotFound):
			if err := tx.Create(&h).Error; err != nil {
				return err
			}
		default:
			return err
		}
		if err := s.refreshOpenDeadlinesTx(tx, in.Day); err != nil {
			return err
		}
		return s.Audit(tx, a, "holiday.save", "holiday", holidayAuditID(in.Day), before, h)
	})
	return h, err
}

// DeleteHoliday removes a day from the calendar (an entry made by mistake)
// and moves the deadlines of the open cases that end near it.
func (s *Store) DeleteHoliday(ctx context.Context, a Actor, day Date) error {
	return s.Tx(ctx, func(tx *gorm.DB) error {
		var old Holiday
		err := tx.Where("day = ?", day).Take(&old).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return NotFound("日历中的该日期")
		}
		if err != nil {
			return err
		}
		if err := tx.Where("day = ?", day).Delete(&Holiday{}).Error; err != nil {
			return err
		}
		if err := s.refreshOpenDeadlinesTx(tx, day); err != nil {
			return err
		}
		return s.Audit(tx, a, "holiday.delete", "holiday", holidayAuditID(day), old, nil)
	})
}
