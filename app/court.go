package app

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// Court is a tenant: every record belongs to exactly one court.
type Court struct {
	Code            string    `json:"code" gorm:"primaryKey"`
	Name            string    `json:"name"`
	LetterReplyDays int       `json:"letter_reply_days"`
	CreatedAt       time.Time `json:"-"`
}

// CaseType is an entry of a court's case-type dictionary with its time limit.
type CaseType struct {
	CourtCode      string `json:"-" gorm:"primaryKey"`
	Code           string `json:"code" gorm:"primaryKey"`
	Name           string `json:"name"`
	LimitMonths    int    `json:"limit_months"`
	LimitDays      int    `json:"limit_days"`
	SimplifiedDays int    `json:"simplified_days"`
	Litigation     bool   `json:"litigation"`
}

// PreLitigationType is the type code of pre-litigation mediation (not a litigation case).
const PreLitigationType = "行诉前调"

// CompensationType is the type code of first-instance administrative compensation (行政赔偿一审).
const CompensationType = "行赔初"

// DefaultCaseTypes are the case types every new court starts with.
var DefaultCaseTypes = []CaseType{
	{Code: "行初", Name: "行政一审", LimitMonths: 6, SimplifiedDays: 45, Litigation: true},
	{Code: "行审", Name: "非诉执行审查", LimitDays: 30, Litigation: true},
	{Code: "行赔初", Name: "行政赔偿一审", LimitMonths: 6, Litigation: true},
	{Code: PreLitigationType, Name: "诉前调解", LimitDays: 30, Litigation: false},
}

// EnsureCourt creates the court with its default case types unless it exists;
// it reports whether it created it.
func (s *Store) EnsureCourt(ctx context.Context, code, name string) (bool, error) {
	created := false
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		created = false
		var c Court
		err := tx.Where("code = ?", code).Take(&c).Error
		if err == nil {
			return nil
		}
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		c = Court{Code: code, Name: name, LetterReplyDays: 30, CreatedAt: s.Clock.Now().UTC()}
		if err := tx.Create(&c).Error; err != nil {
			return err
		}
		for _, t := range DefaultCaseTypes {
			t.CourtCode = code
			if err := tx.Create(&t).Error; err != nil {
				return err
			}
		}
		created = true
		return s.Audit(tx, Actor{Court: code, Username: "system"}, "court.create", "court", 0, nil, c)
	})
	return created, err
}

// GetCourt returns the court with the given code.
func (s *Store) GetCourt(ctx context.Context, code string) (Court, error) {
	c, err := take[Court](s.DB.WithContext(ctx).Where("code = ?", code), "法院")
	return c, s.Err(err)
}

// CaseTypes returns the court's case-type dictionary, longest code first (the
// order in which a case number is parsed: 行审复 before 行审).
func (s *Store) CaseTypes(ctx context.Context, court string) ([]CaseType, error) {
	var ts []CaseType
	err := s.DB.WithContext(ctx).Where("court_code = ?", court).Find(&ts).Error
	sortTypesLongestFirst(ts)
	return ts, s.Err(err)
}

func sortTypesLongestFirst(ts []CaseType) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && len([]rune(ts[j].Code)) > len([]rune(ts[j-1].Code)); j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

// CountCourts returns how many courts exist (0 on a fresh database).
func (s *Store) CountCourts(ctx context.Context) (int64, error) {
	var n int64
	err := s.DB.WithContext(ctx).Model(&Court{}).Count(&n).Error
	return n, s.Err(err)
}

// CourtNames returns the names of the courts served, by code: the login
// page names them, before anyone says which court they are from.
func (s *Store) CourtNames(ctx context.Context) ([]string, error) {
	var names []string
	err := s.DB.WithContext(ctx).Model(&Court{}).Order("code").Pluck("name", &names).Error
	return names, s.Err(err)
}
