package app

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"
)

// CaseTypeInput is the body of POST /case-types: a new type of the court's
// dictionary, or new values for an existing code.
type CaseTypeInput struct {
	Code           string `json:"code"`
	Name           string `json:"name"`
	LimitMonths    int    `json:"limit_months"`
	LimitDays      int    `json:"limit_days"`
	SimplifiedDays int    `json:"simplified_days"`
	Litigation     *bool  `json:"litigation"`

	problems Problems
}

// CaseTypeInputFromForm reads the case-type form.
func CaseTypeInputFromForm(v url.Values) CaseTypeInput {
	f, p := fieldsFromForm(v), Problems{}
	num := func(key, what string) int {
		s := f.str(key)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			p.Add(key, what+"应为不小于 0 的整数")
		}
		return n
	}
	lit := f.boolean(p, "litigation", "诉讼案件")
	return CaseTypeInput{
		Code: f.str("code"), Name: f.str("name"), LimitMonths: num("limit_months", "审限月数"),
		LimitDays: num("limit_days", "审限天数"), SimplifiedDays: num("simplified_days", "简易程序天数"),
		Litigation: &lit, problems: p,
	}
}

func (in *CaseTypeInput) validate() error {
	p := Problems{}
	for k, v := range in.problems {
		p.Add(k, v)
	}
	in.Code = strings.TrimSpace(in.Code)
	in.Name = strings.TrimSpace(in.Name)
	han := in.Code != ""
	for _, r := range in.Code {
		if !unicode.Is(unicode.Han, r) {
			han = false
		}
	}
	if !han || utf8.RuneCountInString(in.Code) > 8 {
		p.Add("code", "类型代字应为 1–8 个汉字，如 行终、行审复（案号中紧跟法院代字）")
	}
	if in.Name == "" || utf8.RuneCountInString(in.Name) > 32 {
		p.Add("name", "请填写类型名称（最多 32 个字），如 行政二审")
	}
	switch {
	case in.LimitMonths < 0 || in.LimitMonths > 36:
		p.Add("limit_months", "审限月数应为 0–36")
	case in.LimitDays < 0 || in.LimitDays > 730:
		p.Add("limit_days", "审限天数应为 0–730")
	case (in.LimitMonths > 0) == (in.LimitDays > 0):
		p.Add("limit_months", "审限请填写月数或天数，二者只填其一")
	}
	if in.SimplifiedDays < 0 || in.SimplifiedDays > 365 {
		p.Add("simplified_days", "简易程序审限天数应为 0–365（0 表示不适用简易程序）")
	}
	return p.Err()
}

// SaveCaseType adds a type to the court's case-type dictionary, or changes the
// name of an existing one; it reports whether it created the type. The time
// limits of a type already used by cases cannot change (their deadlines were
// computed with them).
func (s *Store) SaveCaseType(ctx context.Context, a Actor, in CaseTypeInput) (CaseType, bool, error) {
	if err := in.validate(); err != nil {
		return CaseType{}, false, err
	}
	litigation := in.Code != PreLitigationType
	given(&litigation, in.Litigation)
	t := CaseType{CourtCode: a.Court, Code: in.Code, Name: in.Name, LimitMonths: in.LimitMonths, LimitDays: in.LimitDays,
		SimplifiedDays: in.SimplifiedDays, Litigation: litigation}
	created := false
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		created = false
		var old CaseType
		err := tx.Where("court_code = ? AND code = ?", a.Court, in.Code).Take(&old).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			created = true
			if err := tx.Create(&t).Error; err != nil {
				return err
			}
			return s.Audit(tx, a, "casetype.create", "casetype", 0, nil, t)
		}
		if err != nil {
			return err
		}
		if old.LimitMonths != t.LimitMonths || old.LimitDays != t.LimitDays || old.SimplifiedDays != t.SimplifiedDays {
			var n int64
			if err := tx.Table("cases").Where("court_code = ? AND case_type = ?", a.Court, in.Code).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return Conflict("已有 %d 件“%s”案件按原审限计算，不能修改该类型的审限；如需不同审限，请新增一个类型", n, in.Code)
			}
		}
		err = tx.Model(&CaseType{}).Where("court_code = ? AND code = ?", a.Court, in.Code).Updates(map[string]any{
			"name": t.Name, "limit_months": t.LimitMonths, "limit_days": t.LimitDays,
			"simplified_days": t.SimplifiedDays, "litigation": t.Litigation,
		}).Error
		if err != nil {
			return err
		}
		return s.Audit(tx, a, "casetype.update", "casetype", 0, old, t)
	})
	return t, created, err
}
