package app

import (
	"gorm.io/gorm"
)

// An agent (代理人) of a case is booked too: two hearings at overlapping
// times whose cases share an agent (the same name) clash like those of one
// judge or one room.
func init() { bookingSources = append(bookingSources, agentBookings) }

// agentBookings finds the hearings overlapping b of other cases that share an agent with b's case.
func agentBookings(tx *gorm.DB, court string, b Booking) ([]BookingConflict, error) {
	if b.CaseID == 0 {
		return nil, nil
	}
	var rows []struct {
		ID       int64
		StartsAt Minute
		EndsAt   Minute
		CaseNo   string
		Agent    string
	}
	q := tx.Table("hearings h").
		Select("h.id, h.starts_at, h.ends_at, k.case_no, MIN(p.name) AS agent").
		Joins("JOIN cases k ON k.id = h.case_id").
		Joins("JOIN case_parties p ON p.case_id = h.case_id AND p.role = ?", RoleAgent).
		Joins("JOIN case_parties mine ON mine.case_id = ? AND mine.role = ? AND mine.name = p.name", b.CaseID, RoleAgent).
		Where("h.court_code = ? AND h.case_id <> ? AND h.starts_at < ? AND h.ends_at > ?", court, b.CaseID, b.EndsAt, b.StartsAt)
	if b.Kind == "hearing" && b.ID != 0 {
		q = q.Where("h.id <> ?", b.ID)
	}
	if err := q.Group("h.id, h.starts_at, h.ends_at, k.case_no").Order("h.starts_at, h.id").Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]BookingConflict, 0, len(rows))
	for _, r := range rows {
		out = append(out, BookingConflict{Kind: "hearing", ID: r.ID, StartsAt: r.StartsAt, EndsAt: r.EndsAt,
			What: r.CaseNo + " 开庭（同一代理人 " + r.Agent + "）"})
	}
	return out, nil
}
