package app

import (
	"sort"
	"strings"

	"gorm.io/gorm"
)

// Booking is a time slot people, a room or place and a case's agents are
// taken for: a hearing, a circuit hearing or a mediation session with times.
type Booking struct {
	Kind    string  // the kind of record being booked: "hearing", "circuit", "mediation"
	ID      int64   // the record's own id when it is being changed (0 when new)
	JudgeID int64   // 0: no judge to check
	People  []int64 // other colleagues booked (the mediators of a mediation session)
	CaseID  int64   // the case booked: its agents are checked (0: none)
	Room    string  // the room or place; "": none to check
	// StartsAt and EndsAt are the slot; a booking without them books nothing.
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

// bookedPerson is a colleague a slot takes, with the word naming the clash ("同一法官").
type bookedPerson struct {
	ID   int64
	Name string
	As   string
}

// bookedSlot is a booking as found in the database: what it takes and when.
type bookedSlot struct {
	Kind     string
	ID       int64
	Title    string // how a clash names it: "(2025)清行初1号 开庭"
	CaseID   int64
	People   []bookedPerson
	Place    string
	PlaceAs  string // "同一法庭", "同一地点"
	Agents   []string
	StartsAt Minute
	EndsAt   Minute
}

// overlaps is the one rule of time: two slots overlap when each starts
// before the other ends (touching ends do not overlap).
func (b bookedSlot) overlaps(o bookedSlot) bool {
	return b.StartsAt.Before(o.EndsAt) && o.StartsAt.Before(b.EndsAt)
}

// clash names what b and o both take at overlapping times ("" when they do
// not clash): a colleague, the room or place, an agent of their cases.
func (b bookedSlot) clash(o bookedSlot) string {
	if b.Kind == o.Kind && b.ID == o.ID || !b.overlaps(o) {
		return ""
	}
	var why []string
	for _, p := range o.People {
		for _, q := range b.People {
			if p.ID == q.ID {
				why = append(why, p.As+" "+p.Name)
				break
			}
		}
	}
	if o.Place != "" && o.Place == b.Place {
		why = append(why, o.PlaceAs+" "+o.Place)
	}
	if b.CaseID != o.CaseID {
		for _, n := range o.Agents {
			for _, m := range b.Agents {
				if n == m {
					why = append(why, "同一代理人 "+n)
					break
				}
			}
		}
	}
	return strings.Join(why, "、")
}

// bookingSource loads the slots of one kind of record in the court that
// overlap [from, to), with their people and place (agents are added after).
type bookingSource func(tx *gorm.DB, court string, from, to Minute) ([]bookedSlot, error)

// bookingSources are every kind of record that takes people, a room or a
// place at a time: hearings here, circuit hearings and mediation sessions in
// their files.
var bookingSources = []bookingSource{hearingSlots}

// bookedSlotsTx loads every booking of the court overlapping [from, to), in
// time order, with the agents of their cases.
func bookedSlotsTx(tx *gorm.DB, court string, from, to Minute) ([]bookedSlot, error) {
	var out []bookedSlot
	for _, src := range bookingSources {
		found, err := src(tx, court, from, to)
		if err != nil {
			return nil, err
		}
		out = append(out, found...)
	}
	if err := fillSlotAgentsTx(tx, out); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].StartsAt.Before(out[j].StartsAt) })
	return out, nil
}

// BookingConflictsTx is the one rule of double booking: another booking of
// the same judge or colleague, the same room or place, or a case sharing an
// agent, whose time overlaps b's, in the court, of every kind of record that
// books a slot.
func BookingConflictsTx(tx *gorm.DB, court string, b Booking) ([]BookingConflict, error) {
	out := []BookingConflict{}
	if b.StartsAt.IsZero() || b.EndsAt.IsZero() || b.JudgeID == 0 && len(b.People) == 0 && b.Room == "" && b.CaseID == 0 {
		return out, nil
	}
	me := bookedSlot{Kind: b.Kind, ID: b.ID, CaseID: b.CaseID, Place: b.Room, StartsAt: b.StartsAt, EndsAt: b.EndsAt}
	for _, id := range append([]int64{b.JudgeID}, b.People...) {
		if id != 0 {
			me.People = append(me.People, bookedPerson{ID: id})
		}
	}
	mine := []bookedSlot{me}
	if err := fillSlotAgentsTx(tx, mine); err != nil {
		return nil, err
	}
	slots, err := bookedSlotsTx(tx, court, b.StartsAt, b.EndsAt)
	if err != nil {
		return nil, err
	}
	for _, o := range slots {
		if why := mine[0].clash(o); why != "" {
			out = append(out, BookingConflict{Kind: o.Kind, ID: o.ID, StartsAt: o.StartsAt, EndsAt: o.EndsAt, What: o.Title + "（" + why + "）"})
		}
	}
	return out, nil
}

// clashingSlots marks the slots among the court's bookings overlapping
// [from, to) that clash with another (booked with confirmation), by kind and id.
func clashingSlots(tx *gorm.DB, court string, from, to Minute) (map[[2]any]bool, error) {
	slots, err := bookedSlotsTx(tx, court, from, to)
	if err != nil {
		return nil, err
	}
	out := map[[2]any]bool{}
	for i := range slots {
		for j := i + 1; j < len(slots) && slots[j].StartsAt.Before(slots[i].EndsAt); j++ {
			if slots[i].clash(slots[j]) != "" {
				out[[2]any{slots[i].Kind, slots[i].ID}], out[[2]any{slots[j].Kind, slots[j].ID}] = true, true
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

// slotRow is a booking as a source reads it: its time, place and judge.
type slotRow struct {
	ID, CaseID       int64
	StartsAt, EndsAt Minute
	Place, CaseNo    string
	JudgeID          *int64
	Judge            string
}

// scanSlotsTx reads the rows of q (a table aliased x, selecting the columns
// of slotRow) of the court overlapping [from, to), and makes them slots of
// kind that take their judge and their place, named by title.
func scanSlotsTx(q *gorm.DB, kind, placeAs string, court string, from, to Minute, title func(slotRow) string) ([]bookedSlot, error) {
	var rows []slotRow
	if err := q.Where("x.court_code = ? AND x.starts_at < ? AND x.ends_at > ?", court, to, from).
		Order("x.starts_at, x.id").Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]bookedSlot, 0, len(rows))
	for _, r := range rows {
		sl := bookedSlot{Kind: kind, ID: r.ID, Title: title(r), CaseID: r.CaseID, Place: r.Place, PlaceAs: placeAs,
			StartsAt: r.StartsAt, EndsAt: r.EndsAt}
		if r.JudgeID != nil {
			sl.People = []bookedPerson{{ID: *r.JudgeID, Name: r.Judge, As: "同一法官"}}
		}
		out = append(out, sl)
	}
	return out, nil
}

// hearingSlots are the hearings: their case's judge and their room.
func hearingSlots(tx *gorm.DB, court string, from, to Minute) ([]bookedSlot, error) {
	q := tx.Table("hearings x").
		Select("x.id, x.case_id, x.starts_at, x.ends_at, x.room AS place, k.judge_id, k.case_no, COALESCE(u.name, '') AS judge").
		Joins("JOIN cases k ON k.id = x.case_id").Joins("LEFT JOIN users u ON u.id = k.judge_id")
	return scanSlotsTx(q, CalendarHearing, "同一法庭", court, from, to, func(r slotRow) string { return r.CaseNo + " 开庭" })
}
