package app

import (
	"context"
	"errors"

	"gorm.io/gorm"
)

// CaseRef is what other parts (letters, inspections, circuits, authorisation)
// need to know of a case: its number, court, assignment and linkage flag.
type CaseRef struct {
	ID          int64   `json:"id"`
	CourtCode   string  `json:"-"`
	CaseNo      string  `json:"case_no"`
	CaseType    string  `json:"case_type"`
	Status      string  `json:"status"`
	FiledOn     Date    `json:"filed_on"`
	JudgeID     int64   `json:"judge_id"`
	MediatorIDs []int64 `json:"mediator_ids"`
	Linkage     bool    `json:"linkage"`
	FastTrack   bool    `json:"fast_track"`
}

// GetCaseRef loads the reference of case id. It does not filter by court:
// the caller's authorisation decides (another court's case is "not found" there).
func (s *Store) GetCaseRef(ctx context.Context, id int64) (CaseRef, error) {
	return s.GetCaseRefTx(s.DB.WithContext(ctx), id)
}

// GetCaseRefTx is GetCaseRef inside a transaction.
func (s *Store) GetCaseRefTx(tx *gorm.DB, id int64) (CaseRef, error) {
	var row struct {
		ID        int64
		CourtCode string
		CaseNo    string
		CaseType  string
		Status    string
		FiledOn   Date
		JudgeID   *int64
		Linkage   bool
		FastTrack bool
	}
	err := tx.Table("cases").Select("id, court_code, case_no, case_type, status, filed_on, judge_id, linkage, fast_track").
		Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return CaseRef{}, NotFound("案件")
	}
	if err != nil {
		return CaseRef{}, s.Err(err)
	}
	ref := CaseRef{ID: row.ID, CourtCode: row.CourtCode, CaseNo: row.CaseNo, CaseType: row.CaseType, Status: row.Status,
		FiledOn: row.FiledOn, Linkage: row.Linkage, FastTrack: row.FastTrack, MediatorIDs: []int64{}}
	if row.JudgeID != nil {
		ref.JudgeID = *row.JudgeID
	}
	if err := tx.Table("case_mediators").Where("case_id = ?", id).Order("user_id").Pluck("user_id", &ref.MediatorIDs).Error; err != nil {
		return CaseRef{}, s.Err(err)
	}
	return ref, nil
}

// recordCase returns the case the record id of table (what, in words) belongs to.
func (s *Store) recordCase(ctx context.Context, table, what string, id int64) (CaseRef, error) {
	var caseID int64
	err := s.DB.WithContext(ctx).Table(table).Where("id = ?", id).Limit(1).Pluck("case_id", &caseID).Error
	if err != nil {
		return CaseRef{}, s.Err(err)
	}
	if caseID == 0 {
		return CaseRef{}, NotFound(what)
	}
	return s.GetCaseRef(ctx, caseID)
}
