package app

import (
	"context"
	"time"

	"gorm.io/gorm"

	"fuyuan/app/form"
)

// Commitment is a commitment (履行承诺) made in a case: restore the land,
// complete permits, pay in instalments …; overdue when unfulfilled past due_on.
type Commitment struct {
	ID          int64     `json:"id" gorm:"primaryKey"`
	CourtCode   string    `json:"-"`
	CaseID      int64     `json:"case_id"`
	Kind        string    `json:"kind"`
	DueOn       Date      `json:"due_on"`
	Amount      *Money    `json:"amount"`
	Notes       string    `json:"notes"`
	FulfilledOn Date      `json:"fulfilled_on"`
	Overdue     bool      `json:"overdue" gorm:"-"`
	CreatedBy   *int64    `json:"-"`
	CreatedAt   time.Time `json:"created_at"`
}

// TableName is the commitments table.
func (Commitment) TableName() string { return "commitments" }

// CommitmentInput is the body of POST /cases/:id/commitments; amount is in yuan.
type CommitmentInput struct {
	Kind   string `json:"kind"`
	DueOn  Date   `json:"due_on"`
	Amount *Money `json:"amount"`
	Notes  string `json:"notes"`
}

// FulfilInput is the body of POST /commitments/:id/fulfil.
type FulfilInput struct {
	On Date `json:"on"`
}

func (c *Commitment) see(today Date) {
	c.Overdue = c.FulfilledOn.IsZero() && c.DueOn.Before(today)
}

// AddCommitment records a commitment made in a case (also after it closed:
// commitments are often part of the mediation that closes it).
func (s *Store) AddCommitment(ctx context.Context, a Actor, caseID int64, in CommitmentInput) (Commitment, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (Commitment, error) { return s.AddCommitmentTx(tx, a, caseID, in) })
}

// AddCommitmentTx is AddCommitment inside tx.
func (s *Store) AddCommitmentTx(tx *gorm.DB, a Actor, caseID int64, in CommitmentInput) (Commitment, error) {
	r, err := s.lockCaseForTx(tx, a, caseID, ActionCaseCommit)
	if err != nil {
		return Commitment{}, err
	}
	p := Problems{}
	kind := parseEnumField(p, "kind", CommitmentKinds, in.Kind, "请选择承诺类型：复绿/整改、完善手续、分期给付或其他")
	switch {
	case in.DueOn.IsZero():
		p.Add("due_on", "请填写履行期限（格式 YYYY-MM-DD）")
	case in.DueOn.Before(r.FiledOn):
		p.Add("due_on", "履行期限不能早于立案日期（"+r.FiledOn.String()+"）")
	}
	c := Commitment{CourtCode: a.Court, CaseID: caseID, Kind: kind, DueOn: in.DueOn, Amount: in.Amount,
		Notes: form.Text(p, "notes", in.Notes, "承诺内容", 2000), CreatedBy: actorID(a), CreatedAt: s.Clock.Now().UTC()}
	if err := p.Err(); err != nil {
		return Commitment{}, err
	}
	if err := tx.Create(&c).Error; err != nil {
		return Commitment{}, err
	}
	if err := commitmentCopy.copyTx(tx, "id = ?", c.ID); err != nil {
		return Commitment{}, err
	}
	c.see(s.Clock.Today())
	return c, s.Audit(tx, a, "case.commitment", "case", caseID, nil, map[string]any{"commitment": c})
}

// GetCommitment returns a commitment of the actor's court.
func (s *Store) GetCommitment(ctx context.Context, a Actor, id int64) (Commitment, error) {
	c, err := take[Commitment](s.DB.WithContext(ctx).Where("id = ? AND court_code = ?", id, a.Court), "履行承诺")
	c.see(s.Clock.Today())
	return c, s.Err(err)
}

// ListCommitments lists the commitments of a case of the actor's court.
func (s *Store) ListCommitments(ctx context.Context, a Actor, caseID int64) ([]Commitment, error) {
	items := []Commitment{}
	err := s.DB.WithContext(ctx).Where("case_id = ? AND court_code = ?", caseID, a.Court).Order("due_on, id").Find(&items).Error
	today := s.Clock.Today()
	for i := range items {
		items[i].see(today)
	}
	return items, s.Err(err)
}

// FulfilCommitment records that a commitment was fulfilled on a day; twice is a conflict.
func (s *Store) FulfilCommitment(ctx context.Context, a Actor, id int64, in FulfilInput) (Commitment, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (Commitment, error) { return s.FulfilCommitmentTx(tx, a, id, in) })
}

// FulfilCommitmentTx is FulfilCommitment inside tx.
func (s *Store) FulfilCommitmentTx(tx *gorm.DB, a Actor, id int64, in FulfilInput) (Commitment, error) {
	c, err := take[Commitment](tx.Where("id = ? AND court_code = ?", id, a.Court), "履行承诺")
	if err != nil {
		return c, err
	}
	if !c.FulfilledOn.IsZero() {
		return c, Conflict("该承诺已于 %s 登记履行", c.FulfilledOn)
	}
	r, err := s.lockCaseForTx(tx, a, c.CaseID, ActionCaseCommit)
	if err != nil {
		return c, err
	}
	p := Problems{}
	s.checkEventDay(p, "on", "履行日期", in.On, r.FiledOn)
	if err := p.Err(); err != nil {
		return c, err
	}
	before := c
	res := tx.Model(&Commitment{}).Where("id = ? AND fulfilled_on IS NULL", id).Update("fulfilled_on", in.On)
	if err := changedOne(res, Conflict("该承诺已登记履行")); err != nil {
		return c, err
	}
	c.FulfilledOn = in.On
	c.see(s.Clock.Today())
	return c, s.Audit(tx, a, "case.commitment_fulfil", "case", c.CaseID, map[string]any{"commitment": before}, map[string]any{"commitment": c})
}
