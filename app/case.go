package app

import (
	"context"
	"errors"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Case statuses.
const (
	StatusFiled     = "filed"
	StatusMediating = "mediating"
	StatusSuspended = "suspended"
	StatusClosed    = "closed"
)

// Open reports whether the case is not closed.
func (c Case) Open() bool { return c.Status != StatusClosed }

// Ref returns the case as other parts and the authorisation layer see it.
func (c Case) Ref() CaseRef {
	return CaseRef{ID: c.ID, CourtCode: c.CourtCode, CaseNo: c.CaseNo, CaseType: c.CaseType, Status: c.Status,
		FiledOn: c.FiledOn, JudgeID: c.JudgeID, MediatorIDs: c.MediatorIDs, Linkage: c.Linkage, FastTrack: c.FastTrack}
}

// CaseDetail is a case with the court's other open cases of the same
// plaintiff or organ (the answer of POST /cases and GET /cases/:id).
type CaseDetail struct {
	Case
	RelatedOpenCases []RelatedCase `json:"related_open_cases"`
	Hearings         []Hearing     `json:"hearings"`
	Appeals          []Appeal      `json:"appeals"`
	// Refilings are the new cases that re-file this resolved dispute and
	// RefilingOf the resolved cases this case re-files (争议再起).
	Refilings  []CaseLink `json:"refilings"`
	RefilingOf []CaseLink `json:"refiling_of"`
	// Attachments are the case file's attachments (CaseAttachments), the withdrawn included.
	Attachments []Attachment `json:"attachments"`
	// CaseParties are the parties in full, the challenged act and the claims.
	CaseParties
	// Documents are the documents generated for the case, with their service.
	Documents []Document `json:"documents"`
	// Steps are the steps the reader may take on the case now (StepsOn).
	Steps CaseSteps `json:"steps"`
}

// caseRecord is a row of the cases table.
type caseRecord struct {
	ID             int64 `gorm:"primaryKey"`
	CourtCode      string
	CaseNo         string
	CaseType       string
	Year           int
	Seq            int
	Cause          string
	Domain         string
	PlaintiffName  string
	PlaintiffKind  string
	PlaintiffKey   string // the name as re-filings compare it (PlaintiffKey)
	OrganID        int64
	FiledOn        Date
	JudgeID        *int64
	Linkage        bool
	LinkagePartner string
	CrossRegion    bool
	Region         string
	WorkstationID  *int64
	FastTrack      bool
	Simplified     bool
	PenaltyBefore  *Money
	PenaltyAfter   *Money
	Status         string
	DeadlineOn     Date
	ClosedOn       Date
	CloseMethod    string
	JudgmentResult string
	OrganCorrected bool
	DaysToClose    *int
	OriginCaseID   *int64
	Version        int
	CreatedBy      *int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// TableName is the cases table.
func (caseRecord) TableName() string { return "cases" }

// GetCase returns a case of the actor's court.
func (s *Store) GetCase(ctx context.Context, a Actor, id int64) (Case, error) {
	return s.getCaseTx(s.DB.WithContext(ctx), a.Court, id)
}

func (s *Store) getCaseTx(tx *gorm.DB, court string, id int64) (Case, error) {
	rows, err := caseFrom(tx).Select(s.SelectCases(CaseRead{Names: true, Mediators: true})).
		Where("cases.id = ? AND cases.court_code = ?", id, court).Rows()
	if err != nil {
		return Case{}, s.Err(err)
	}
	var c Case
	found := false
	if err := s.ScanCases(rows, func(got Case) bool { c, found = got, true; return false }); err != nil {
		return Case{}, err
	}
	if !found {
		return Case{}, NotFound("案件")
	}
	return c, nil
}

// lockCaseTx reads the case row for a change inside tx; the row (on SQLite
// the database) stays locked until the transaction ends, so concurrent
// changes queue.
func (s *Store) lockCaseTx(tx *gorm.DB, court string, id int64) (caseRecord, error) {
	var r caseRecord
	listCourt(tx, court) // what the change writes is in this court's list (changes.go)
	q := tx.Where("id = ? AND court_code = ?", id, court)
	if s.Dialect == MySQL {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	} else if err := tx.Exec("UPDATE cases SET version = version WHERE id = ? AND court_code = ?", id, court).Error; err != nil {
		// SQLite has no row locks: a write takes the database's write lock
		// now, before the reads, so that concurrent changes queue.
		return r, err
	}
	err := q.Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, NotFound("案件")
	}
	return r, err
}

// CreateCase files a new case in the actor's court and gives it the next
// number of its type and year.
//
// The instance's filings of a court run one at a time (filingLock).
func (s *Store) CreateCase(ctx context.Context, a Actor, in CaseInput) (Case, error) {
	unlock, err := s.filingLock(ctx, a.Court)
	if err != nil {
		return Case{}, err
	}
	defer unlock()
	return inTx(ctx, s, func(tx *gorm.DB) (Case, error) { return s.CreateCaseTx(tx, a, in, "") })
}

// CreateCaseTx files a case inside tx (FileCasesTx with one filing). With
// caseNo "" the case takes the next running number of (court, type, year of
// filed_on); a given caseNo (an imported ledger) must parse, match the
// court, type and year, and be unused, and the running number is raised
// past it.
func (s *Store) CreateCaseTx(tx *gorm.DB, a Actor, in CaseInput, caseNo string) (Case, error) {
	out, err := s.FileCasesTx(tx, a, []Filing{{Input: in, CaseNo: caseNo}})
	if err != nil {
		return Case{}, err
	}
	return out[0].Case, out[0].Err
}

// checkCaseReferencesTx checks what the input refers to in the court: the
// case type, organ, judge, mediators, workstation and the origin case. It
// records each bad one in p and returns the case type.
func (s *Store) checkCaseReferencesTx(tx *gorm.DB, court string, in *CaseInput, p Problems) (CaseType, error) {
	var ct CaseType
	if in.CaseType != "" {
		var err error
		ct, err = txMemo(tx, "case_types", court+"\x00"+in.CaseType, func() (CaseType, error) {
			var ct CaseType
			return ct, tx.Where("court_code = ? AND code = ?", court, in.CaseType).Take(&ct).Error
		})
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			p.Add("case_type", "案件类型“"+in.CaseType+"”不在本院的案件类型字典中（如 行初、行审、行赔初、行诉前调）")
		case err != nil:
			return ct, err
		case in.Simplified && ct.SimplifiedDays == 0:
			p.Add("simplified", "“"+ct.Code+"”案件不适用简易程序")
		}
	}
	var err error
	if in.OrganID > 0 {
		if _, err = s.checkOrganTx(tx, court, in.OrganID, p); err != nil {
			return ct, err
		}
	}
	if in.JudgeID > 0 {
		found, err := txMemo(tx, "users", "judge\x00"+court+"\x00"+strconv.FormatInt(in.JudgeID, 10), func() ([]string, error) {
			var found []string
			return found, tx.Table("users").Where("id = ? AND court_code = ? AND role = ? AND disabled = ?", in.JudgeID, court, RoleJudge, false).
				Pluck("name", &found).Error
		})
		if err != nil {
			return ct, err
		}
		if len(found) == 0 {
			p.Add("judge_id", "承办法官应为本院在职的法官")
		}
	}
	if err := s.checkStaffTx(tx, court, "mediator_ids", in.MediatorIDs, RoleMediator, "调解员应为本院在职的调解员", p); err != nil {
		return ct, err
	}
	if in.WorkstationID != nil {
		if err := s.checkWorkstationTx(tx, court, *in.WorkstationID, p); err != nil {
			return ct, err
		}
	}
	if in.OriginCaseID != nil {
		if err := s.checkOriginTx(tx, court, in.CaseType, *in.OriginCaseID, p); err != nil {
			return ct, err
		}
	}
	return ct, nil
}

// checkOrganTx checks that the organ is the court's and returns its name.
func (s *Store) checkOrganTx(tx *gorm.DB, court string, id int64, p Problems) (string, error) {
	names, err := txMemo(tx, "organs", court+"\x00"+strconv.FormatInt(id, 10), func() ([]string, error) {
		var names []string
		return names, tx.Table("organs").Where("id = ? AND court_code = ?", id, court).Pluck("name", &names).Error
	})
	if err != nil {
		return "", err
	}
	if len(names) == 0 {
		p.Add("organ_id", "被告行政机关不存在，请从列表中选择（新机关请先在“行政机关”中添加）")
		return "", nil
	}
	return names[0], nil
}

func (s *Store) checkStaffTx(tx *gorm.DB, court, field string, ids []int64, role, why string, p Problems) error {
	if len(ids) == 0 {
		return nil
	}
	var n int64
	err := tx.Table("users").Where("id IN ? AND court_code = ? AND role = ? AND disabled = ?", ids, court, role, false).Count(&n).Error
	if err != nil {
		return err
	}
	if int(n) != len(ids) {
		p.Add(field, why)
	}
	return nil
}

func (s *Store) checkWorkstationTx(tx *gorm.DB, court string, id int64, p Problems) error {
	var n int64
	if err := tx.Table("workstations").Where("id = ? AND court_code = ?", id, court).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		p.Add("workstation_id", "法官工作室不存在")
	}
	return nil
}

// checkOriginTx checks that a case follows a failed pre-litigation mediation
// of the court that no other case follows yet.
func (s *Store) checkOriginTx(tx *gorm.DB, court, caseType string, id int64, p Problems) error {
	if caseType == PreLitigationType {
		p.Add("origin_case_id", "诉前调解案件不能再关联诉前调解案件")
		return nil
	}
	var o caseRecord
	err := tx.Where("id = ? AND court_code = ?", id, court).Take(&o).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		p.Add("origin_case_id", "关联的诉前调解案件不存在")
		return nil
	}
	if err != nil {
		return err
	}
	if o.CaseType != PreLitigationType || o.Status != StatusClosed || o.CloseMethod != "failed" {
		p.Add("origin_case_id", "只能关联以“调解不成”结案的诉前调解（行诉前调）案件")
		return nil
	}
	var n int64
	if err := tx.Table("cases").Where("origin_case_id = ? AND court_code = ?", id, court).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		p.Add("origin_case_id", "该诉前调解案件已有转立的诉讼案件")
	}
	return nil
}

// checkGivenCaseNoTx checks a case number given with the case (an imported ledger).
func (s *Store) checkGivenCaseNoTx(tx *gorm.DB, court string, in CaseInput, caseNo string, p Problems) (CaseNo, error) {
	var codes []string
	if err := tx.Table("case_types").Where("court_code = ?", court).Pluck("code", &codes).Error; err != nil {
		return CaseNo{}, err
	}
	n, err := ParseCaseNo(caseNo, codes)
	if err != nil {
		p.Add("case_no", err.Error())
		return n, nil
	}
	switch {
	case n.Court != court:
		p.Add("case_no", "案号中的法院代字“"+n.Court+"”不是本院（"+court+"）")
	case n.Type != in.CaseType:
		p.Add("case_no", "案号中的案件类型“"+n.Type+"”与所填类型不一致")
	case !in.FiledOn.IsZero() && n.Year != in.FiledOn.Year:
		p.Add("case_no", "案号中的年份与立案日期的年份不一致")
	default:
		var used int64
		err := tx.Table("cases").Where("court_code = ? AND (case_no = ? OR (case_type = ? AND year = ? AND seq = ?))",
			court, n.String(), n.Type, n.Year, n.Seq).Count(&used).Error
		if err != nil {
			return n, err
		}
		if used > 0 {
			p.Add("case_no", "案号 "+n.String()+" 已被使用")
		}
	}
	return n, nil
}

// setMediatorsTx replaces the mediators of a case.
func (s *Store) setMediatorsTx(tx *gorm.DB, caseID int64, ids []int64) error {
	if err := tx.Exec("DELETE FROM case_mediators WHERE case_id = ?", caseID).Error; err != nil {
		return err
	}
	for _, id := range ids {
		if err := tx.Exec("INSERT INTO case_mediators (case_id, user_id) VALUES (?, ?)", caseID, id).Error; err != nil {
			return err
		}
	}
	return nil
}
