package app

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"fuyuan/app/form"
)

// Appellants are who appealed a first-instance judgment.
var Appellants = Enum{"appellant", []Option{{"plaintiff", "原告"}, {"organ", "行政机关"}, {"both", "双方"}}}

// AppealResults are the second-instance results of an appeal.
var AppealResults = Enum{"result", []Option{
	{"upheld", "维持"}, {"altered", "改判"}, {"remanded", "发回重审"}, {"withdrawn", "撤回上诉"},
}}

// FirstInstanceTypes are the case types whose closing may be appealed (一审).
var FirstInstanceTypes = []string{"行初", CompensationType}

// IsFirstInstance reports whether cases of the type are first-instance cases.
func IsFirstInstance(caseType string) bool {
	for _, t := range FirstInstanceTypes {
		if t == caseType {
			return true
		}
	}
	return false
}

// Reversed reports whether a second-instance result reverses the first
// instance (发改: altered or remanded).
func Reversed(result string) bool { return result == "altered" || result == "remanded" }

// Appeal is an appeal (上诉) of a closed first-instance case and its
// second-instance result.
type Appeal struct {
	ID           int64     `json:"id" gorm:"primaryKey"`
	CourtCode    string    `json:"-"`
	CaseID       int64     `json:"case_id"`
	CaseNo       string    `json:"case_no" gorm:"->;-:migration"`
	FiledOn      Date      `json:"filed_on"`
	Appellant    string    `json:"appellant"`
	SecondCaseNo string    `json:"second_case_no"`
	Result       string    `json:"result"`
	DecidedOn    Date      `json:"decided_on"`
	CreatedBy    *int64    `json:"created_by"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// TableName is the appeals table.
func (Appeal) TableName() string { return "appeals" }

// AppealInput is the body of POST /cases/:id/appeals.
type AppealInput struct {
	FiledOn      Date   `json:"filed_on"`
	Appellant    string `json:"appellant"`
	SecondCaseNo string `json:"second_case_no"`
}

// AppealDecision is the body of POST /appeals/:id/decide.
type AppealDecision struct {
	Result       string `json:"result"`
	DecidedOn    Date   `json:"decided_on"`
	SecondCaseNo string `json:"second_case_no"`
}

// FileAppeal records the appeal of a closed first-instance case (行初,
// 行赔初) of the actor's court, filed on or after its closing.
func (s *Store) FileAppeal(ctx context.Context, a Actor, caseID int64, in AppealInput) (Appeal, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (Appeal, error) { return s.FileAppealTx(tx, a, caseID, in) })
}

// FileAppealTx is FileAppeal inside tx.
func (s *Store) FileAppealTx(tx *gorm.DB, a Actor, caseID int64, in AppealInput) (Appeal, error) {
	var ap Appeal
	err := func() error {
		c, err := s.lockCaseForTx(tx, a, caseID, ActionAppealWrite)
		if err != nil {
			return err
		}
		p := Problems{}
		switch {
		case !IsFirstInstance(c.CaseType):
			p.Add("case_id", c.CaseNo+" 不是一审案件（行初、行赔初），不能登记上诉")
		case c.Status != StatusClosed:
			p.Add("case_id", c.CaseNo+" 尚未结案，结案后才能登记上诉")
		default:
			s.checkEventDay(p, "filed_on", "上诉日期", in.FiledOn, c.ClosedOn)
		}
		appellant := parseEnumField(p, "appellant", Appellants, in.Appellant, "上诉人应为 plaintiff（原告）、organ（行政机关）或 both（双方）")
		second := form.Text(p, "second_case_no", in.SecondCaseNo, "二审案号", 64)
		if err := p.Err(); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&Appeal{}).Where("case_id = ?", caseID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return Conflict("%s 已登记上诉，请在原上诉记录上登记二审结果", c.CaseNo)
		}
		now := s.Clock.Now().UTC()
		ap = Appeal{CourtCode: a.Court, CaseID: caseID, FiledOn: in.FiledOn, Appellant: appellant, SecondCaseNo: second,
			CreatedBy: actorID(a), CreatedAt: now, UpdatedAt: now}
		if err := tx.Omit("CaseNo").Create(&ap).Error; err != nil {
			return err
		}
		if err := appealCopy.copyTx(tx, "id = ?", ap.ID); err != nil {
			return err
		}
		ap.CaseNo = c.CaseNo
		return s.Audit(tx, a, "appeal.create", "case", caseID, nil, map[string]any{"appeal": ap})
	}()
	return ap, err
}

// DecideAppeal records the second-instance result of an appeal, decided on
// or after the appeal was filed. A decided appeal is not decided again.
func (s *Store) DecideAppeal(ctx context.Context, a Actor, id int64, in AppealDecision) (Appeal, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (Appeal, error) { return s.DecideAppealTx(tx, a, id, in) })
}

// DecideAppealTx is DecideAppeal inside tx.
func (s *Store) DecideAppealTx(tx *gorm.DB, a Actor, id int64, in AppealDecision) (Appeal, error) {
	var ap Appeal
	err := func() error {
		before, err := s.getAppealTx(tx, a.Court, id)
		if err != nil {
			return err
		}
		// The case's lock serialises the changes of its appeals, and the
		// actor's appeal:write is decided on the locked case; the appeal is
		// read again under it.
		if _, err := s.lockCaseForTx(tx, a, before.CaseID, ActionAppealWrite); err != nil {
			return err
		}
		if before, err = s.getAppealTx(tx, a.Court, id); err != nil {
			return err
		}
		if before.Result != "" {
			return Conflict("该上诉已于 %s 登记二审结果", before.DecidedOn)
		}
		p := Problems{}
		result := parseEnumField(p, "result", AppealResults, in.Result, "二审结果应为 upheld（维持）、altered（改判）、remanded（发回重审）或 withdrawn（撤回上诉）")
		s.checkEventDay(p, "decided_on", "二审裁判日期", in.DecidedOn, before.FiledOn)
		second := before.SecondCaseNo
		if v := strings.TrimSpace(in.SecondCaseNo); v != "" {
			second = form.Text(p, "second_case_no", v, "二审案号", 64)
		}
		if err := p.Err(); err != nil {
			return err
		}
		ap = before
		ap.Result, ap.DecidedOn, ap.SecondCaseNo, ap.UpdatedAt = result, in.DecidedOn, second, s.Clock.Now().UTC()
		if err := tx.Model(&Appeal{}).Where("id = ?", id).Updates(map[string]any{
			"result": ap.Result, "decided_on": ap.DecidedOn, "second_case_no": ap.SecondCaseNo, "updated_at": ap.UpdatedAt,
		}).Error; err != nil {
			return err
		}
		return s.Audit(tx, a, "appeal.decide", "case", ap.CaseID, map[string]any{"appeal": before}, map[string]any{"appeal": ap})
	}()
	return ap, err
}

// AppealCase returns the case an appeal belongs to, for authorisation; it
// does not filter by court (the caller's authorisation does).
func (s *Store) AppealCase(ctx context.Context, id int64) (CaseRef, error) {
	return s.recordCase(ctx, "appeals", "上诉记录", id)
}

func (s *Store) getAppealTx(tx *gorm.DB, court string, id int64) (Appeal, error) {
	return take[Appeal](tx.Table("appeals a").Select("a.*, k.case_no").Joins("JOIN cases k ON k.id = a.case_id").
		Where("a.id = ? AND a.court_code = ?", id, court), "上诉记录")
}

// ListAppeals lists the appeals of a case of the actor's court.
func (s *Store) ListAppeals(ctx context.Context, a Actor, caseID int64) ([]Appeal, error) {
	items := []Appeal{}
	err := s.DB.WithContext(ctx).Table("appeals a").Select("a.*, k.case_no").Joins("JOIN cases k ON k.id = a.case_id").
		Where("a.case_id = ? AND a.court_code = ?", caseID, a.Court).Order("a.filed_on, a.id").Scan(&items).Error
	return items, s.Err(err)
}
