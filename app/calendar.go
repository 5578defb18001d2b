package app

import (
	"context"
	"fmt"
	"sort"
	"time"

	ics "github.com/arran4/golang-ical"
)

// The calendar: hearings (with their times and rooms), circuit hearings and
// mediation sessions (on their days, at their places), per judge or for the
// court. A hearing that overlaps another of the same judge or room (booked
// with confirmation) carries the conflict mark.

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
	// StartsAt and EndsAt are set for a hearing; circuits and mediation sessions take their whole day.
	StartsAt Minute `json:"starts_at"`
	EndsAt   Minute `json:"ends_at"`
	AllDay   bool   `json:"all_day"`
	Place    string `json:"place"`
	// Conflict: another hearing of the same judge or room overlaps this one.
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

// checkWorkingHours refuses a hearing that starts before 07:00 or ends after
// 22:00 unless confirmed, naming the field.
func checkWorkingHours(h Hearing, confirm bool) error {
	if confirm || h.StartsAt.IsZero() || h.EndsAt.IsZero() {
		return nil
	}
	p := Problems{}
	if h.StartsAt.Clock() < workdayStart {
		p.Add("starts_at", "开庭时间早于 07:00，如确需安排请确认后提交")
	}
	if h.EndsAt.Clock() > workdayEnd {
		p.Add("ends_at", "结束时间晚于 22:00，如确需安排请确认后提交")
	}
	return p.Err()
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
	clash, err := s.hearingClashes(ctx, a.Court, f)
	if err != nil {
		return nil, err
	}
	for _, h := range hs {
		out = append(out, CalendarEntry{Kind: CalendarHearing, ID: h.ID, CaseID: idPtr(h.CaseID), CaseNo: h.CaseNo,
			Title: "开庭 " + h.CaseNo, JudgeID: h.JudgeID, JudgeName: h.JudgeName, Day: h.StartsAt.Date(),
			StartsAt: h.StartsAt, EndsAt: h.EndsAt, Place: h.Room, Conflict: clash[h.ID],
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
			JudgeName: c.JudgeName, Day: c.HeldOn, AllDay: true, Place: c.Place, Link: fmt.Sprintf("/circuits/%d", c.ID)})
	}

	var ms []struct {
		ID, CaseID       int64
		CaseNo, Location string
		JudgeID          *int64
		JudgeName        string
		HeldOn           Date
	}
	mjudge := ""
	if f.JudgeID != 0 {
		mjudge = " AND c.judge_id = ?"
	}
	mq := `SELECT m.id, m.case_id, c.case_no, m.location, c.judge_id, COALESCE(u.name, '') AS judge_name, m.held_on
		FROM mediations m JOIN cases c ON c.id = m.case_id LEFT JOIN users u ON u.id = c.judge_id
		WHERE m.court_code = ? AND m.held_on >= ? AND m.held_on <= ? AND ` + cond + mjudge + ` ORDER BY m.held_on, m.id`
	ma := append([]any{a.Court, f.From, f.To}, args...)
	if f.JudgeID != 0 {
		ma = append(ma, f.JudgeID)
	}
	if err := db.Raw(mq, ma...).Scan(&ms).Error; err != nil {
		return nil, s.Err(err)
	}
	for _, m := range ms {
		out = append(out, CalendarEntry{Kind: CalendarMediation, ID: m.ID, CaseID: idPtr(m.CaseID), CaseNo: m.CaseNo,
			Title: "调解 " + m.CaseNo, JudgeID: m.JudgeID, JudgeName: m.JudgeName, Day: m.HeldOn, AllDay: true,
			Place: m.Location, Link: fmt.Sprintf("/cases/%d#mediations", m.CaseID)})
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

// hearingClashes marks the court's hearings in the period that overlap
// another of the same judge, the same room or a shared agent (the
// double-booking rule of BookingConflictsTx, seen over the whole period).
func (s *Store) hearingClashes(ctx context.Context, court string, f CalendarFilter) (map[int64]bool, error) {
	var rows []struct {
		ID, CaseID       int64
		JudgeID          *int64
		Room             string
		StartsAt, EndsAt Minute
	}
	err := s.DB.WithContext(ctx).Raw(`SELECT h.id, h.case_id, COALESCE(h.judge_id, c.judge_id) AS judge_id, h.room, h.starts_at, h.ends_at
		FROM hearings h JOIN cases c ON c.id = h.case_id
		WHERE h.court_code = ? AND h.ends_at > ? AND h.starts_at < ? ORDER BY h.starts_at, h.id`,
		court, f.From.String()+"T00:00", f.To.AddDays(1).String()+"T00:00").Scan(&rows).Error
	if err != nil {
		return nil, s.Err(err)
	}
	// The agents of the cases heard (agentBookings' rule).
	var agents []struct {
		CaseID int64
		Name   string
	}
	if len(rows) > 1 {
		err = s.DB.WithContext(ctx).Raw(`SELECT DISTINCT p.case_id, p.name FROM case_parties p JOIN hearings h ON h.case_id = p.case_id
			WHERE p.role = ? AND h.court_code = ? AND h.ends_at > ? AND h.starts_at < ?`, RoleAgent,
			court, f.From.String()+"T00:00", f.To.AddDays(1).String()+"T00:00").Scan(&agents).Error
		if err != nil {
			return nil, s.Err(err)
		}
	}
	agentsOf := map[int64]map[string]bool{}
	for _, ag := range agents {
		if agentsOf[ag.CaseID] == nil {
			agentsOf[ag.CaseID] = map[string]bool{}
		}
		agentsOf[ag.CaseID][ag.Name] = true
	}
	shareAgent := func(a, b int64) bool {
		if a == b {
			return false
		}
		for name := range agentsOf[a] {
			if agentsOf[b][name] {
				return true
			}
		}
		return false
	}
	out := map[int64]bool{}
	for i := range rows {
		for j := i + 1; j < len(rows) && rows[j].StartsAt.Before(rows[i].EndsAt); j++ {
			same := rows[i].Room == rows[j].Room || shareAgent(rows[i].CaseID, rows[j].CaseID) ||
				(rows[i].JudgeID != nil && rows[j].JudgeID != nil && *rows[i].JudgeID == *rows[j].JudgeID)
			if same {
				out[rows[i].ID], out[rows[j].ID] = true, true
			}
		}
	}
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
