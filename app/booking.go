package app

import (
	"gorm.io/gorm"
)

// Booking is a time slot a judge and a room are taken for: a hearing today;
// circuit hearings and mediation sessions when the calendar schedules them.
type Booking struct {
	Kind     string // the kind of record being booked: "hearing" …
	ID       int64  // the record's own id when it is being changed (0 when new)
	JudgeID  int64  // 0: no judge to check
	CaseID   int64  // the case booked: its agents are checked (0: none)
	Room     string // "": no room to check
	StartsAt Minute
	EndsAt   Minute
}

// BookingConflict is another booking of the same judge or room at an
// overlapping time (the `conflicts` of a 409 answer).
type BookingConflict struct {
	Kind     string `json:"kind"`
	ID       int64  `json:"id"`
	StartsAt Minute `json:"starts_at"`
	EndsAt   Minute `json:"ends_at"`
	What     string `json:"what"`
}

// bookingSource finds the bookings of one kind of record that clash with b.
type bookingSource func(tx *gorm.DB, court string, b Booking) ([]BookingConflict, error)

// bookingSources are every kind of record that takes a judge or a room at a
// time. The calendar adds circuit hearings and mediation sessions here.
var bookingSources = []bookingSource{hearingBookings}

// BookingConflictsTx is the one rule of double booking: another booking of
// the same judge or the same room whose time overlaps b's (touching ends do
// not overlap), in the court, of every kind of record that books a slot.
func BookingConflictsTx(tx *gorm.DB, court string, b Booking) ([]BookingConflict, error) {
	out := []BookingConflict{}
	if b.JudgeID == 0 && b.Room == "" && b.CaseID == 0 {
		return out, nil
	}
	seen := map[[2]any]bool{} // a booking that clashes on two counts is listed once
	for _, src := range bookingSources {
		found, err := src(tx, court, b)
		if err != nil {
			return nil, err
		}
		for _, f := range found {
			if key := [2]any{f.Kind, f.ID}; !seen[key] {
				seen[key] = true
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// BookingConflictError is the 409 answer to a booking that clashes with
// others and was not confirmed: the message names the first clash and the
// answer lists them all.
func BookingConflictError(conflicts []BookingConflict) *Error {
	e := Conflict("时间冲突：%s（%s–%s）。如确需安排，请确认后再提交", conflicts[0].What, conflicts[0].StartsAt, conflicts[0].EndsAt.Clock())
	e.Details = map[string]any{"conflicts": conflicts}
	return e
}

// hearingBookings finds the hearings of the same judge (the case's judge) or
// in the same room overlapping b.
func hearingBookings(tx *gorm.DB, court string, b Booking) ([]BookingConflict, error) {
	var rows []struct {
		ID       int64
		StartsAt Minute
		EndsAt   Minute
		Room     string
		JudgeID  *int64
		CaseNo   string
		Judge    string
	}
	q := tx.Table("hearings h").
		Select("h.id, h.starts_at, h.ends_at, h.room, k.judge_id, k.case_no, COALESCE(u.name, '') AS judge").
		Joins("JOIN cases k ON k.id = h.case_id").Joins("LEFT JOIN users u ON u.id = k.judge_id").
		Where("h.court_code = ? AND h.starts_at < ? AND h.ends_at > ?", court, b.EndsAt, b.StartsAt)
	switch {
	case b.JudgeID != 0 && b.Room != "":
		q = q.Where("(k.judge_id = ? OR h.room = ?)", b.JudgeID, b.Room)
	case b.JudgeID != 0:
		q = q.Where("k.judge_id = ?", b.JudgeID)
	default:
		q = q.Where("h.room = ?", b.Room)
	}
	if b.Kind == "hearing" && b.ID != 0 {
		q = q.Where("h.id <> ?", b.ID)
	}
	if err := q.Order("h.starts_at, h.id").Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]BookingConflict, 0, len(rows))
	for _, r := range rows {
		what := r.CaseNo + " 开庭"
		switch {
		case r.JudgeID != nil && *r.JudgeID == b.JudgeID && r.Room == b.Room:
			what += "（同一法官 " + r.Judge + "、同一法庭 " + r.Room + "）"
		case r.JudgeID != nil && *r.JudgeID == b.JudgeID:
			what += "（同一法官 " + r.Judge + "）"
		default:
			what += "（同一法庭 " + r.Room + "）"
		}
		out = append(out, BookingConflict{Kind: "hearing", ID: r.ID, StartsAt: r.StartsAt, EndsAt: r.EndsAt, What: what})
	}
	return out, nil
}
