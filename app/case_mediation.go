package app

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Mediation is a mediation record (调解记录) of a case.
type Mediation struct {
	ID           int64     `json:"id" gorm:"primaryKey"`
	CourtCode    string    `json:"-"`
	CaseID       int64     `json:"case_id"`
	HeldOn       Date      `json:"held_on"`
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
	HeldOn       Date   `json:"held_on"`
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

// RecordMediation adds a mediation record to an open case. The first record
// of a filed case moves it to mediating.
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
	p := Problems{}
	s.checkEventDay(p, "held_on", "调解日期", in.HeldOn, r.FiledOn)
	mode := parseEnumField(p, "mode", MediationModes, in.Mode, "请选择调解方式：现场、线上、府院联合调解或跨区域联合调解")
	result := parseEnumField(p, "result", MediationResults, in.Result, "请选择调解结果：调解成功、部分达成、调解不成或继续调解")
	m := Mediation{
		CourtCode: a.Court, CaseID: caseID, HeldOn: in.HeldOn, Mode: mode, Result: result,
		Location:     limitText(p, "location", "调解地点", in.Location, 100),
		Participants: limitText(p, "participants", "参加人员", in.Participants, 2000),
		Agreement:    limitText(p, "agreement", "协议内容", in.Agreement, 5000),
		Notes:        limitText(p, "notes", "备注", in.Notes, 5000),
		CreatedBy:    actorID(a), CreatedAt: s.Clock.Now().UTC(),
	}
	if len(in.ParticipantIDs) > 0 {
		people, err := participantNamesTx(tx, a.Court, in.ParticipantIDs)
		if err != nil {
			return Mediation{}, err
		}
		if people == "" {
			p.Add("participant_ids", "参加人员应从本院在用的用户中选择")
		} else if m.Participants == "" {
			m.Participants = people
		} else {
			m.Participants = people + "；" + m.Participants
		}
	}
	if err := p.Err(); err != nil {
		return Mediation{}, err
	}
	if err := tx.Omit("CreatorName").Create(&m).Error; err != nil {
		return Mediation{}, err
	}
	m.CreatorName = a.Name
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
		before, err := s.getCaseTx(tx, a.Court, caseID)
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
		return m, s.Audit(tx, a, "case.mediation", "case", caseID, before, recorded)
	}
	return m, s.Audit(tx, a, "case.mediation", "case", caseID, nil, recorded)
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

// limitText trims a free-text field and records when it is longer than max characters.
func limitText(p Problems, field, what, v string, max int) string {
	v = strings.TrimSpace(v)
	if utf8.RuneCountInString(v) > max {
		p.Add(field, what+"最多 "+strconv.Itoa(max)+" 个字")
	}
	return v
}

// participantNamesTx writes the chosen colleagues as 姓名（角色）、…, in the
// order given; "" when one of them is not an enabled user of the court.
func participantNamesTx(tx *gorm.DB, court string, ids []int64) (string, error) {
	var users []User
	if err := tx.Where("court_code = ? AND disabled = ? AND id IN ?", court, false, ids).Find(&users).Error; err != nil {
		return "", err
	}
	byID := map[int64]User{}
	for _, u := range users {
		byID[u.ID] = u
	}
	var names []string
	seen := map[int64]bool{}
	for _, id := range ids {
		u, ok := byID[id]
		if !ok {
			return "", nil
		}
		if !seen[id] {
			seen[id] = true
			names = append(names, u.Name+"（"+Roles.Label(u.Role)+"）")
		}
	}
	return strings.Join(names, "、"), nil
}
