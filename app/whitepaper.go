package app

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"fuyuan/app/form"
)

// WhitePaper is the division chief's own chapters of a year's white paper
// (行政审判白皮书): 存在问题 and 意见建议, written in the system and kept
// across regenerations of the document, whose other chapters come from the records.
type WhitePaper struct {
	CourtCode   string    `json:"-" gorm:"primaryKey"`
	Year        int       `json:"year" gorm:"primaryKey"`
	Problems    string    `json:"problems"`
	Suggestions string    `json:"suggestions"`
	UpdatedBy   *int64    `json:"updated_by"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// TableName is the white_papers table.
func (WhitePaper) TableName() string { return "white_papers" }

// WhitePaperInput is the body of PUT /white-papers/:year.
type WhitePaperInput struct {
	Problems    string `json:"problems"`
	Suggestions string `json:"suggestions"`
}

// CheckWhitePaperYear refuses a year before 2000 or after today's.
func CheckWhitePaperYear(year int, today Date) error {
	if year < 2000 || year > today.Year {
		return Invalid("year", "年度应为 2000 年至今年之间的年份")
	}
	return nil
}

// GetWhitePaper returns the chief's chapters of the year (empty when none yet).
func (s *Store) GetWhitePaper(ctx context.Context, a Actor, year int) (WhitePaper, error) {
	if err := CheckWhitePaperYear(year, s.Clock.Today()); err != nil {
		return WhitePaper{}, err
	}
	w := WhitePaper{CourtCode: a.Court, Year: year}
	err := s.DB.WithContext(ctx).Where("court_code = ? AND year = ?", a.Court, year).Take(&w).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return w, nil
	}
	return w, s.Err(err)
}

// SaveWhitePaper writes the chief's chapters of the year (audited).
func (s *Store) SaveWhitePaper(ctx context.Context, a Actor, year int, in WhitePaperInput) (WhitePaper, error) {
	if err := CheckWhitePaperYear(year, s.Clock.Today()); err != nil {
		return WhitePaper{}, err
	}
	p := Problems{}
	w := WhitePaper{CourtCode: a.Court, Year: year, UpdatedBy: actorID(a), UpdatedAt: s.Clock.Now().UTC(),
		Problems:    form.Text(p, "problems", in.Problems, "存在问题", 20000),
		Suggestions: form.Text(p, "suggestions", in.Suggestions, "意见建议", 20000)}
	if err := p.Err(); err != nil {
		return WhitePaper{}, err
	}
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		var before *WhitePaper
		var old WhitePaper
		err := tx.Where("court_code = ? AND year = ?", a.Court, year).Take(&old).Error
		switch {
		case err == nil:
			before = &old
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return err
		}
		if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&w).Error; err != nil {
			return err
		}
		return s.Audit(tx, a, "whitepaper.save", "whitepaper", int64(year), before, w)
	})
	return w, err
}
