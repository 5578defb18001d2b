package app

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Inspection is an on-site inspection (现场勘验/勘查) made for a case: the
// judge goes to the disputed forest land, quarry or scenic spot and records
// what was found there.
type Inspection struct {
	ID         int64     `json:"id" gorm:"primaryKey"`
	CourtCode  string    `json:"-"`
	CaseID     int64     `json:"case_id"`
	CaseNo     string    `json:"case_no" gorm:"->"`
	HeldOn     Date      `json:"held_on"`
	Place      string    `json:"place"`
	Findings   string    `json:"findings"`
	CreatedBy  *int64    `json:"created_by"`
	RecordedBy string    `json:"recorded_by" gorm:"->"`
	CreatedAt  time.Time `json:"created_at"`
}

// TableName is the inspections table.
func (Inspection) TableName() string { return "inspections" }

// InspectionInput is the body of POST /inspections.
type InspectionInput struct {
	CaseID   int64  `json:"case_id"`
	HeldOn   Date   `json:"held_on"`
	Place    string `json:"place"`
	Findings string `json:"findings"`
}

// Validate checks an inspection's fields; an inspection is recorded after it
// was made, so its date cannot be after today.
func (in *InspectionInput) Validate(today Date) error {
	p := Problems{}
	if in.CaseID <= 0 {
		p.Add("case_id", "请选择勘验所属的案件")
	}
	switch {
	case in.HeldOn.IsZero():
		p.Add("held_on", "请填写勘验日期（YYYY-MM-DD）")
	case in.HeldOn.After(today):
		p.Add("held_on", "勘验日期不能晚于今天（勘验完成后再登记）")
	}
	in.Place = strings.TrimSpace(in.Place)
	if in.Place == "" || utf8.RuneCountInString(in.Place) > 191 {
		p.Add("place", "请填写勘验地点（最多 191 个字）")
	}
	in.Findings = strings.TrimSpace(in.Findings)
	if in.Findings == "" || utf8.RuneCountInString(in.Findings) > 5000 {
		p.Add("findings", "请填写勘验发现的情况（最多 5000 个字）")
	}
	return p.Err()
}

// CreateInspection records an inspection made for a case of the actor's
// court. Whether the actor may record it (the case's judge) is decided by the
// caller's authorisation on the case.
func (s *Store) CreateInspection(ctx context.Context, a Actor, in InspectionInput) (Inspection, error) {
	if err := in.Validate(s.Clock.Today()); err != nil {
		return Inspection{}, err
	}
	return inTx(ctx, s, func(tx *gorm.DB) (Inspection, error) {
		ref, err := s.GetCaseRefTx(tx, in.CaseID)
		if err != nil {
			return Inspection{}, err
		}
		if ref.CourtCode != a.Court {
			return Inspection{}, NotFound("案件")
		}
		if in.HeldOn.Before(ref.FiledOn) {
			return Inspection{}, Invalid("held_on", "勘验日期不能早于立案日期 "+ref.FiledOn.String())
		}
		ins := Inspection{CourtCode: a.Court, CaseID: ref.ID, CaseNo: ref.CaseNo, HeldOn: in.HeldOn, Place: in.Place,
			Findings: in.Findings, CreatedBy: actorID(a), RecordedBy: a.Name, CreatedAt: s.Clock.Now().UTC()}
		if err := tx.Create(&ins).Error; err != nil {
			return Inspection{}, err
		}
		return ins, s.Audit(tx, a, "inspection.create", "inspection", ins.ID, nil, ins)
	})
}

// InspectionFilter narrows the list of inspections.
type InspectionFilter struct {
	CaseID   int64
	From, To Date
}

// ListInspections lists the inspections of the actor's court, the latest first.
func (s *Store) ListInspections(ctx context.Context, a Actor, f InspectionFilter, pg Page) (List[Inspection], error) {
	q := s.DB.WithContext(ctx).Table("inspections i").Where("i.court_code = ?", a.Court)
	if f.CaseID != 0 {
		q = q.Where("i.case_id = ?", f.CaseID)
	}
	out, err := pageOf[Inspection](withinDates(q, "i.held_on", f.From, f.To), pg, func(q *gorm.DB) *gorm.DB {
		return q.Select("i.*, k.case_no, COALESCE(u.name, '') AS recorded_by").
			Joins("JOIN cases k ON k.id = i.case_id").Joins("LEFT JOIN users u ON u.id = i.created_by").
			Order("i.held_on DESC, i.id DESC")
	})
	return out, s.Err(err)
}
