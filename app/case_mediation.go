package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"fuyuan/app/form"
)

// Mediation is a mediation record (调解记录) of a case, or a mediation
// session scheduled ahead (Scheduled: not held yet, without a result; no
// figure of mediations held counts it). Recording the mediation held on a
// scheduled session's day completes that session.
type Mediation struct {
	ID           int64     `json:"id" gorm:"primaryKey"`
	CourtCode    string    `json:"-"`
	CaseID       int64     `json:"case_id"`
	HeldOn       Date      `json:"held_on"`
	StartsAt     Minute    `json:"starts_at"`
	EndsAt       Minute    `json:"ends_at"`
	Scheduled    bool      `json:"scheduled"`
	Mode         string    `json:"mode"`
	Location     string    `json:"location"`
	Participants string    `json:"participants"`
	Result       string    `json:"result"`
	Agreement    string    `json:"agreement"`
	Notes        string    `json:"notes"`
	CreatedBy    *int64    `json:"created_by"`
	CreatorName  string    `json:"created_by_name" gorm:"->;-:migration"`
	CreatedAt    time.Time `json:"created_at"`
}

// TableName is the mediations table.
func (Mediation) TableName() string { return "mediations" }

// MediationInput is the body of POST /cases/:id/mediations; mode and result
// take the code or the Chinese label.
type MediationInput struct {
	HeldOn Date `json:"held_on"`
	// StartsAt and EndsAt, optional, book the case's judge, the mediators
	// among the participants, the location and the case's agents: a clash is
	// refused (409) unless Confirm.
	StartsAt     Minute `json:"starts_at"`
	EndsAt       Minute `json:"ends_at"`
	Confirm      bool   `json:"confirm"`
	Mode         string `json:"mode"`
	Location     string `json:"location"`
	Participants string `json:"participants"`
	// ParticipantIDs are colleagues who took part (the liaison, mediators,
	// judges), chosen rather than typed; their names and roles lead the participants.
	ParticipantIDs []int64 `json:"participant_ids"`
	Result         string  `json:"result"`
	Agreement      string  `json:"agreement"`
	Notes          string  `json:"notes"`
}

// RecordMediation adds a mediation record to an open case, or schedules a
// session when its day is after today. The first record of a filed case
// moves it to mediating.
func (s *Store) RecordMediation(ctx context.Context, a Actor, caseID int64, in MediationInput) (Mediation, error) {
	var m Mediation
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		var err error
		m, err = s.RecordMediationTx(tx, a, caseID, in)
		return err
	})
	return m, err
}

// RecordMediationTx is RecordMediation inside tx.
func (s *Store) RecordMediationTx(tx *gorm.DB, a Actor, caseID int64, in MediationInput) (Mediation, error) {
	r, err := s.lockCaseForTx(tx, a, caseID, ActionCaseMediate)
	if err != nil {
		return Mediation{}, err
	}
	if r.Status == StatusClosed {
		return Mediation{}, Conflict("案件已结案，不能再记录调解")
	}
	today := s.Clock.Today()
	day := in.HeldOn
	if day.IsZero() {
		day = in.StartsAt.Date()
	}
	// The mediation held on the day of a scheduled session completes it:
	// what the record leaves out (times, location, participants) is the session's.
	var session []Mediation
	if !day.IsZero() && !day.After(today) {
		if err := tx.Where("case_id = ? AND held_on = ? AND scheduled = ?", caseID, day, true).Order("id").Limit(1).Find(&session).Error; err != nil {
			return Mediation{}, err
		}
	}
	var participantIDs []int64
	if len(session) == 1 {
		prev := session[0]
		if in.StartsAt.IsZero() && in.EndsAt.IsZero() {
			in.StartsAt, in.EndsAt = prev.StartsAt, prev.EndsAt
		}
		if strings.TrimSpace(in.Location) == "" {
			in.Location = prev.Location
		}
		if len(in.ParticipantIDs) == 0 && strings.TrimSpace(in.Participants) == "" {
			in.Participants = prev.Participants
			if err := tx.Table("mediation_participants").Where("mediation_id = ?", prev.ID).Pluck("user_id", &participantIDs).Error; err != nil {
				return Mediation{}, err
			}
		}
	}
	p := Problems{}
	checkOptionalSlot(p, &in.HeldOn, in.StartsAt, in.EndsAt)
	scheduled := in.HeldOn.After(today)
	result := ""
	if scheduled {
		if in.HeldOn.After(today.AddDays(MaxScheduleDays)) {
			p.Add("held_on", "调解最多提前 "+strconv.Itoa(MaxScheduleDays)+" 天排期")
		}
		if strings.TrimSpace(in.Result) != "" {
			p.Add("result", "调解尚未举行，举行后再登记调解结果")
		}
		if strings.TrimSpace(in.Agreement) != "" {
			p.Add("agreement", "调解尚未举行，举行后再登记协议内容")
		}
	} else {
		s.checkEventDay(p, "held_on", "调解日期", in.HeldOn, r.FiledOn)
		result = parseEnumField(p, "result", MediationResults, in.Result, "请选择调解结果：调解成功、部分达成、调解不成或继续调解")
	}
	mode := parseEnumField(p, "mode", MediationModes, in.Mode, "请选择调解方式：现场、线上、府院联合调解或跨区域联合调解")
	m := Mediation{
		CourtCode: a.Court, CaseID: caseID, HeldOn: in.HeldOn, StartsAt: in.StartsAt, EndsAt: in.EndsAt, Scheduled: scheduled,
		Mode: mode, Result: result,
		Location:     form.Text(p, "location", in.Location, "调解地点", 100),
		Participants: form.Text(p, "participants", in.Participants, "参加人员", 2000),
		Agreement:    form.Text(p, "agreement", in.Agreement, "协议内容", 5000),
		Notes:        form.Text(p, "notes", in.Notes, "备注", 5000),
		CreatedBy:    actorID(a), CreatedAt: s.Clock.Now().UTC(),
	}
	var mediators []int64
	if len(in.ParticipantIDs) > 0 {
		people, err := participantsTx(tx, a.Court, in.ParticipantIDs)
		if err != nil {
			return Mediation{}, err
		}
		if people == nil {
			p.Add("participant_ids", "参加人员应从本院在用的用户中选择")
		} else {
			names := make([]string, len(people))
			participantIDs = participantIDs[:0]
			for i, u := range people {
				names[i] = u.Name + "（" + Roles.Label(u.Role) + "）"
				participantIDs = append(participantIDs, u.ID)
			}
			if m.Participants == "" {
				m.Participants = strings.Join(names, "、")
			} else {
				m.Participants = strings.Join(names, "、") + "；" + m.Participants
			}
		}
	}
	if err := p.Err(); err != nil {
		return Mediation{}, err
	}
	if err := checkWorkingHours(m.StartsAt, m.EndsAt, in.Confirm); err != nil {
		return Mediation{}, err
	}
	if len(participantIDs) > 0 {
		if err := tx.Table("users").Where("id IN ? AND role = ?", participantIDs, RoleMediator).Pluck("id", &mediators).Error; err != nil {
			return Mediation{}, err
		}
	}
	if !in.Confirm {
		b := Booking{Kind: CalendarMediation, People: mediators, CaseID: caseID, Room: m.Location, StartsAt: m.StartsAt, EndsAt: m.EndsAt}
		if len(session) == 1 {
			b.ID = session[0].ID
		}
		if r.JudgeID != nil {
			b.JudgeID = *r.JudgeID
		}
		clashes, err := BookingConflictsTx(tx, a.Court, b)
		if err != nil {
			return Mediation{}, err
		}
		if len(clashes) > 0 {
			return Mediation{}, BookingConflictError(clashes)
		}
	}
	var before any
	if len(session) == 1 {
		before = map[string]any{"mediation": session[0]}
		m.ID, m.CreatedBy, m.CreatedAt = session[0].ID, session[0].CreatedBy, session[0].CreatedAt
		if err := tx.Model(&Mediation{}).Where("id = ?", m.ID).Updates(map[string]any{
			"held_on": m.HeldOn, "starts_at": m.StartsAt, "ends_at": m.EndsAt, "scheduled": false, "mode": m.Mode,
			"location": m.Location, "participants": m.Participants, "result": m.Result, "agreement": m.Agreement, "notes": m.Notes,
		}).Error; err != nil {
			return Mediation{}, err
		}
	} else if err := tx.Omit("CreatorName").Create(&m).Error; err != nil {
		return Mediation{}, err
	}
	for _, uid := range participantIDs {
		var n int64
		if err := tx.Table("mediation_participants").Where("mediation_id = ? AND user_id = ?", m.ID, uid).Count(&n).Error; err != nil {
			return Mediation{}, err
		}
		if n == 0 {
			if err := tx.Exec("INSERT INTO mediation_participants (mediation_id, user_id) VALUES (?, ?)", m.ID, uid).Error; err != nil {
				return Mediation{}, err
			}
		}
	}
	m.CreatorName = a.Name
	if scheduled {
		// Nothing happened yet: the case keeps its status and linkage until the session is held.
		return m, s.Audit(tx, a, "case.mediation_schedule", "case", caseID, nil, map[string]any{"mediation": m})
	}
	recorded := map[string]any{"mediation": m}
	changes := map[string]any{}
	if r.Status == StatusFiled {
		changes["status"] = StatusMediating
	}
	if mode == MediationJoint && !r.Linkage {
		// A mediation held jointly with the government is linkage work: the
		// case becomes a 府院联动 case, which the justice bureau's liaison reads.
		changes["linkage"] = true
		if strings.TrimSpace(r.LinkagePartner) == "" {
			changes["linkage_partner"] = DefaultLinkagePartner
		}
	}
	if len(changes) > 0 {
		caseBefore, err := s.getCaseTx(tx, a.Court, caseID)
		if err != nil {
			return Mediation{}, err
		}
		if err := s.bumpCaseTx(tx, caseID, r.Version, changes); err != nil {
			return Mediation{}, err
		}
		after, err := s.getCaseTx(tx, a.Court, caseID)
		if err != nil {
			return Mediation{}, err
		}
		recorded["case"] = after
		var was any = caseBefore
		if before != nil {
			was = map[string]any{"case": caseBefore, "session": before}
		}
		return m, s.Audit(tx, a, "case.mediation", "case", caseID, was, recorded)
	}
	return m, s.Audit(tx, a, "case.mediation", "case", caseID, before, recorded)
}

// MediationJoint is the mode of a 府院联合调解: recording one makes the case a linkage case.
const MediationJoint = "joint"

// DefaultLinkagePartner is the linkage partner a case gets when a joint
// mediation makes it a linkage case and none was named.
const DefaultLinkagePartner = "司法局"

// ListMediations lists the mediation records of a case of the actor's court, oldest first.
func (s *Store) ListMediations(ctx context.Context, a Actor, caseID int64) ([]Mediation, error) {
	items := []Mediation{}
	err := s.DB.WithContext(ctx).Table("mediations").
		Select("mediations.*, COALESCE(users.name, '') AS creator_name").
		Joins("LEFT JOIN users ON users.id = mediations.created_by").
		Where("mediations.case_id = ? AND mediations.court_code = ?", caseID, a.Court).
		Order("mediations.held_on, mediations.id").Scan(&items).Error
	return items, s.Err(err)
}

// participantsTx returns the chosen colleagues in the order given, each
// once; nil when one of them is not an enabled user of the court.
func participantsTx(tx *gorm.DB, court string, ids []int64) ([]User, error) {
	var users []User
	if err := tx.Where("court_code = ? AND disabled = ? AND id IN ?", court, false, ids).Find(&users).Error; err != nil {
		return nil, err
	}
	byID := map[int64]User{}
	for _, u := range users {
		byID[u.ID] = u
	}
	out := []User{}
	seen := map[int64]bool{}
	for _, id := range ids {
		u, ok := byID[id]
		if !ok {
			return nil, nil
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, u)
		}
	}
	return out, nil
}

// A mediation session with times books the case's judge, the mediators
// among its participants, its location and the case's agents.
func init() { bookingSources = append(bookingSources, mediationSlots) }

// mediationSlots are the mediation sessions and records with times.
func mediationSlots(tx *gorm.DB, court string, from, to Minute) ([]bookedSlot, error) {
	q := tx.Table("mediations x").
		Select("x.id, x.case_id, x.starts_at, x.ends_at, x.location AS place, k.judge_id, k.case_no, COALESCE(u.name, '') AS judge").
		Joins("JOIN cases k ON k.id = x.case_id").Joins("LEFT JOIN users u ON u.id = k.judge_id")
	out, err := scanSlotsTx(q, CalendarMediation, "同一地点", court, from, to, func(r slotRow) string { return r.CaseNo + " 调解" })
	if err != nil || len(out) == 0 {
		return out, err
	}
	ids := make([]int64, len(out))
	for i, sl := range out {
		ids[i] = sl.ID
	}
	var mediators []struct {
		MediationID, UserID int64
		Name                string
	}
	if err := tx.Table("mediation_participants mp").Select("mp.mediation_id, mp.user_id, u.name").
		Joins("JOIN users u ON u.id = mp.user_id").Where("mp.mediation_id IN ? AND u.role = ?", ids, RoleMediator).
		Order("mp.mediation_id, mp.user_id").Scan(&mediators).Error; err != nil {
		return nil, err
	}
	for i := range out {
		for _, md := range mediators {
			if md.MediationID == out[i].ID {
				out[i].People = append(out[i].People, bookedPerson{ID: md.UserID, Name: md.Name, As: "同一调解员"})
			}
		}
	}
	return out, nil
}
