package app

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// ProtectionOrder is a judicial protection order (司法保护令): issued by the
// court, often jointly with a reserve's administration or an organ, it
// forbids harm to a protected area (felling, quarrying, dumping …).
type ProtectionOrder struct {
	ID              int64     `json:"id" gorm:"primaryKey"`
	CourtCode       string    `json:"-"`
	IssuedOn        Date      `json:"issued_on"`
	Issuers         string    `json:"issuers"`
	Area            string    `json:"area"`
	Content         string    `json:"content"`
	WorkstationID   *int64    `json:"workstation_id"`
	WorkstationName string    `json:"workstation_name" gorm:"->"`
	CreatedBy       *int64    `json:"created_by"`
	CreatedAt       time.Time `json:"created_at"`
}

// TableName is the protection-order table.
func (ProtectionOrder) TableName() string { return "protection_orders" }

// ProtectionOrderInput is the body of POST /protection-orders; issuers may be
// a string or an array of strings; workstation_id 0 or absent means none.
type ProtectionOrderInput struct {
	IssuedOn      Date       `json:"issued_on"`
	Issuers       AgencyList `json:"issuers"`
	Area          string     `json:"area"`
	Content       string     `json:"content"`
	WorkstationID int64      `json:"workstation_id"`
}

// Validate checks a protection order's fields; an order is recorded once
// issued, so its date cannot be after today.
func (in *ProtectionOrderInput) Validate(today Date) error {
	p := Problems{}
	switch {
	case in.IssuedOn.IsZero():
		p.Add("issued_on", "请填写签发日期（YYYY-MM-DD）")
	case in.IssuedOn.After(today):
		p.Add("issued_on", "签发日期不能晚于今天")
	}
	in.Issuers = AgencyList(strings.TrimSpace(string(in.Issuers)))
	if in.Issuers == "" || utf8.RuneCountInString(string(in.Issuers)) > 500 {
		p.Add("issuers", "请填写签发单位（多个单位用顿号分隔，最多 500 个字）")
	}
	in.Area = strings.TrimSpace(in.Area)
	if in.Area == "" || utf8.RuneCountInString(in.Area) > 500 {
		p.Add("area", "请填写保护区域（最多 500 个字）")
	}
	in.Content = strings.TrimSpace(in.Content)
	if in.Content == "" || utf8.RuneCountInString(in.Content) > 5000 {
		p.Add("content", "请填写保护令内容（最多 5000 个字）")
	}
	if in.WorkstationID < 0 {
		p.Add("workstation_id", "请选择本院的工作室，或留空")
	}
	return p.Err()
}

// CreateProtectionOrder records a protection order of the actor's court,
// optionally issued through one of its workstations.
func (s *Store) CreateProtectionOrder(ctx context.Context, a Actor, in ProtectionOrderInput) (ProtectionOrder, error) {
	if err := in.Validate(s.Clock.Today()); err != nil {
		return ProtectionOrder{}, err
	}
	return inTx(ctx, s, func(tx *gorm.DB) (ProtectionOrder, error) {
		po := ProtectionOrder{CourtCode: a.Court, IssuedOn: in.IssuedOn, Issuers: string(in.Issuers), Area: in.Area,
			Content: in.Content, CreatedBy: actorID(a), CreatedAt: s.Clock.Now().UTC()}
		if in.WorkstationID != 0 {
			ws, err := s.workstationTx(tx, a.Court, in.WorkstationID)
			if ErrorCode(err) == ENOTFOUND {
				return ProtectionOrder{}, Invalid("workstation_id", "所选工作室不存在或不属于本院")
			}
			if err != nil {
				return ProtectionOrder{}, err
			}
			po.WorkstationID, po.WorkstationName = &ws.ID, ws.Name
		}
		if err := tx.Create(&po).Error; err != nil {
			return ProtectionOrder{}, err
		}
		return po, s.Audit(tx, a, "protection_order.create", "protection_order", po.ID, nil, po)
	})
}

// ListProtectionOrders lists the protection orders of the actor's court, the
// latest first; workstationID, when not 0, keeps those of one workstation.
func (s *Store) ListProtectionOrders(ctx context.Context, a Actor, workstationID int64, pg Page) (List[ProtectionOrder], error) {
	q := s.DB.WithContext(ctx).Table("protection_orders p").Where("p.court_code = ?", a.Court)
	if workstationID != 0 {
		q = q.Where("p.workstation_id = ?", workstationID)
	}
	out, err := pageOf[ProtectionOrder](q, pg, func(q *gorm.DB) *gorm.DB {
		return q.Select("p.*, COALESCE(w.name, '') AS workstation_name").Joins("LEFT JOIN workstations w ON w.id = p.workstation_id").
			Order("p.issued_on DESC, p.id DESC")
	})
	return out, s.Err(err)
}
