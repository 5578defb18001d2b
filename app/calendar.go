package app

import (
	"context"
	"fmt"
	"sort"
	"time"

	ics "github.com/arran4/golang-ical"
)

// The calendar: hearings (with their times and rooms), circuit hearings and
// mediation sessions (at their times, or on their days, at their places), per
// judge or for the court. A booking that clashes with another (booked with
// confirmation, BookingConflictsTx's rule) carries the conflict mark.

// CalendarEntry is one thing on the calendar.
type CalendarEntry struct {
	Kind      string `json:"kind"` // hearing, circuit or mediation
	ID        int64  `json:"id"`
	CaseID    *int64 `json:"case_id,omitempty"`
	CaseNo    string `json:"case_no,omitempty"`
	Title     string `json:"title"`
	JudgeID   *int64 `json:"judge_id"`
	JudgeName string `json:"judge_name"`
	Day       Date   `json:"day"`
	// StartsAt and EndsAt are set for a hearing, and for a circuit hearing or
	// mediation session given times; without them it takes its whole day (AllDay).
	StartsAt Minute `json:"starts_at"`
	EndsAt   Minute `json:"ends_at"`
	AllDay   bool   `json:"all_day"`
	Place    string `json:"place"`
	// Conflict: another booking of the same judge or colleague, room or place, or agent overlaps this one.
	Conflict bool   `json:"conflict"`
	Link     string `json:"link"`
}

// Kinds of calendar entries.
const (
	CalendarHearing   = "hearing"
	CalendarCircuit   = "circuit"
	CalendarMediation = "mediation"
)

// Working hours: a hearing outside them needs the user's confirmation.
const (
	workdayStart = "07:00"
	workdayEnd   = "22:00"
)

// checkWorkingHours refuses a slot (a hearing, a circuit hearing, a
// mediation session) that starts before 07:00 or ends after 22:00 unless
// confirmed, naming the field.
func checkWorkingHours(startsAt, endsAt Minute, confirm bool) error {
	if confirm || startsAt.IsZero() || endsAt.IsZero() {
		return nil
	}
	p := Problems{}
	if startsAt.Clock() < workdayStart {
		p.Add("starts_at", "开始时间早于 07:00，如确需安排请确认后提交")
	}
	if endsAt.Clock() > workdayEnd {
		p.Add("ends_at", "结束时间晚于 22:00，如确需安排请确认后提交")
	}
	return p.Err()
}

// checkSlotEnd is the rule of a slot's end: after its start, the same day.
func checkSlotEnd(p Problems, startsAt, endsAt Minute) {
	switch {
	case !startsAt.Before(endsAt):
		p.Add("ends_at", "结束时间应晚于开始时间")
	case endsAt.Date() != startsAt.Date():
		p.Add("ends_at", "应在开始当天结束")
	}
}

// checkOptionalSlot is the rule of the optional times of a circuit hearing
// or a mediation session on *day: none (an all-day item) or both, in order,
// on that day; a day left out is the day of the start.
func checkOptionalSlot(p Problems, day *Date, startsAt, endsAt Minute) {
	switch {
	case startsAt.IsZero() && endsAt.IsZero():
		return
	case startsAt.IsZero():
		p.Add("starts_at", "填写了结束时间，请同时填写开始时间（格式 YYYY-MM-DDTHH:MM）")
		return
	case endsAt.IsZero():
		p.Add("ends_at", "填写了开始时间，请同时填写结束时间（格式 YYYY-MM-DDTHH:MM）")
		return
	}
	if day.IsZero() {
		*day = startsAt.Date()
	} else if startsAt.Date() != *day {
		p.Add("starts_at", "开始时间应在 "+day.String()+" 当天")
		return
	}
	checkSlotEnd(p, startsAt, endsAt)
}

// CalendarFilter chooses the entries: of one judge (0: every judge), in [From, To].
type CalendarFilter struct {
	JudgeID  int64
	From, To Date
}

// maxCalendarDays bounds a calendar read.
const maxCalendarDays = 400

// Calendar lists the entries of the court in the period that vis sees (a
// hearing or mediation session through its case; circuits are the court's
// public schedule), the earliest first.
func (s *Store) Calendar(ctx context.Context, a Actor, vis Visibility, f CalendarFilter) ([]CalendarEntry, error) {
	p := Problems{}
	if f.From.IsZero() || f.To.IsZero() {
		p.Add("from", "请给出起止日期")
	} else if f.To.Before(f.From) || f.To.DaysSince(f.From) > maxCalendarDays {
		p.Add("to", "结束日期应不早于开始日期，且相隔不超过 400 天")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	db := s.DB.WithContext(ctx)
	out := []CalendarEntry{}
	if vis.None() {
		return out, nil
	}
	cond, args, _ := vis.Where(CaseColumns("c"))
	judge := ""
	if f.JudgeID != 0 {
		judge = " AND COALESCE(h.judge_id, c.judge_id) = ?"
	}
	var hs []struct {
		ID, CaseID       int64
		CaseNo, Room     string
		JudgeID          *int64
		JudgeName        string
		StartsAt, EndsAt Minute
	}
	q := `SELECT h.id, h.case_id, c.case_no, h.room, COALESCE(h.judge_id, c.judge_id) AS judge_id, COALESCE(u.name, '') AS judge_name,
		h.starts_at, h.ends_at FROM hearings h JOIN cases c ON c.id = h.case_id
		LEFT JOIN users u ON u.id = COALESCE(h.judge_id, c.judge_id)
		WHERE h.court_code = ? AND h.starts_at >= ? AND h.starts_at < ? AND ` + cond + judge + ` ORDER BY h.starts_at, h.id`
	qa := append([]any{a.Court, f.From.String() + "T00:00", f.To.AddDays(1).String() + "T00:00"}, args...)
	if f.JudgeID != 0 {
		qa = append(qa, f.JudgeID)
	}
	if err := db.Raw(q, qa...).Scan(&hs).Error; err != nil {
		return nil, s.Err(err)
	}
	clash, err := clashingSlots(db, a.Court, MustMinute(f.From.String()+"T00:00"), MustMinute(f.To.AddDays(1).String()+"T00:00"))
	if err != nil {
		return nil, s.Err(err)
	}
	for _, h := range hs {
		out = append(out, CalendarEntry{Kind: CalendarHearing, ID: h.ID, CaseID: idPtr(h.CaseID), CaseNo: h.CaseNo,
			Title: "开庭 " + h.CaseNo, JudgeID: h.JudgeID, JudgeName: h.JudgeName, Day: h.StartsAt.Date(),
			StartsAt: h.StartsAt, EndsAt: h.EndsAt, Place: h.Room, Conflict: clash[[2]any{CalendarHearing, h.ID}],
			Link: fmt.Sprintf("/cases/%d#hearings", h.CaseID)})
	}

	var cs []Circuit
	cq := db.Table("circuits").Select("circuits.*, COALESCE(u.name, '') AS judge_name").Joins("LEFT JOIN users u ON u.id = circuits.judge_id").
		Where("circuits.court_code = ? AND circuits.held_on >= ? AND circuits.held_on <= ?", a.Court, f.From, f.To)
	if f.JudgeID != 0 {
		cq = cq.Where("circuits.judge_id = ?", f.JudgeID)
	}
	if err := cq.Order("circuits.held_on, circuits.id").Scan(&cs).Error; err != nil {
		return nil, s.Err(err)
	}
	for _, c := range cs {
		out = append(out, CalendarEntry{Kind: CalendarCircuit, ID: c.ID, Title: "巡回审判 " + c.Place, JudgeID: c.JudgeID,
			JudgeName: c.JudgeName, Day: c.HeldOn, StartsAt: c.StartsAt, EndsAt: c.EndsAt, AllDay: c.StartsAt.IsZero(),
			Place: c.Place, Conflict: clash[[2]any{CalendarCircuit, c.ID}], Link: fmt.Sprintf("/circuits/%d", c.ID)})
	}

	var ms []struct {
		ID, CaseID       int64
		CaseNo, Location string
		JudgeID          *int64
		JudgeName        string
		HeldOn           Date
		StartsAt, EndsAt Minute
		Scheduled        bool
	}
	mjudge := ""
	if f.JudgeID != 0 {
		mjudge = " AND c.judge_id = ?"
	}
	mq := `SELECT m.id, m.case_id, c.case_no, m.location, c.judge_id, COALESCE(u.name, '') AS judge_name, m.held_on,
		m.starts_at, m.ends_at, m.scheduled FROM mediations m JOIN cases c ON c.id = m.case_id LEFT JOIN users u ON u.id = c.judge_id
		WHERE m.court_code = ? AND m.held_on >= ? AND m.held_on <= ? AND ` + cond + mjudge + ` ORDER BY m.held_on, m.id`
	ma := append([]any{a.Court, f.From, f.To}, args...)
	if f.JudgeID != 0 {
		ma = append(ma, f.JudgeID)
	}
	if err := db.Raw(mq, ma...).Scan(&ms).Error; err != nil {
		return nil, s.Err(err)
	}
	for _, m := range ms {
		title := "调解 " + m.CaseNo
		if m.Scheduled {
			title = "调解（已排期） " + m.CaseNo
		}
		out = append(out, CalendarEntry{Kind: CalendarMediation, ID: m.ID, CaseID: idPtr(m.CaseID), CaseNo: m.CaseNo,
			Title: title, JudgeID: m.JudgeID, JudgeName: m.JudgeName, Day: m.HeldOn, StartsAt: m.StartsAt, EndsAt: m.EndsAt,
			AllDay: m.StartsAt.IsZero(), Place: m.Location, Conflict: clash[[2]any{CalendarMediation, m.ID}],
			Link: fmt.Sprintf("/cases/%d#mediations", m.CaseID)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Day != out[j].Day {
			return out[i].Day.Before(out[j].Day)
		}
		if out[i].AllDay != out[j].AllDay {
			return out[i].AllDay
		}
		return out[i].StartsAt.Before(out[j].StartsAt)
	})
	return out, nil
}

// CalendarICS writes entries as an iCalendar (RFC 5545) feed named name.
func CalendarICS(name string, entries []CalendarEntry, now time.Time, baseURL string) string {
	cal := ics.NewCalendar()
	cal.SetMethod(ics.MethodPublish)
	cal.SetProductId("-//fuyuan//court calendar//ZH")
	cal.SetName(name)
	cal.SetXWRCalName(name)
	cal.SetTzid("Asia/Shanghai")
	for _, e := range entries {
		ev := cal.AddEvent(fmt.Sprintf("%s-%d@fuyuan", e.Kind, e.ID))
		ev.SetDtStampTime(now.UTC())
		if e.AllDay {
			start := time.Date(e.Day.Year, e.Day.Month, e.Day.Day, 0, 0, 0, 0, Shanghai)
			ev.SetAllDayStartAt(start)
			ev.SetAllDayEndAt(start.AddDate(0, 0, 1))
		} else {
			ev.SetStartAt(e.StartsAt.t.UTC())
			ev.SetEndAt(e.EndsAt.t.UTC())
		}
		summary := e.Title
		if e.Conflict {
			summary += "（时间冲突）"
		}
		ev.SetSummary(summary)
		if e.Place != "" {
			ev.SetLocation(e.Place)
		}
		if baseURL != "" {
			ev.SetURL(baseURL + e.Link)
		}
		ev.SetDescription(e.JudgeName)
	}
	return cal.Serialize()
}
