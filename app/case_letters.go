package app

import "context"

// CaseLetter is an advisory letter as the page of its case lists it.
type CaseLetter struct {
	ID         int64  `json:"id"`
	Kind       string `json:"kind"`
	LetterNo   string `json:"letter_no"`
	Status     string `json:"status"`
	OrganName  string `json:"organ_name"`
	IssuedOn   Date   `json:"issued_on"`
	ReplyDueOn Date   `json:"reply_due_on"`
	RepliedOn  Date   `json:"replied_on"`
}

// LettersOfCase lists the advisory letters written in a case of the actor's court.
func (s *Store) LettersOfCase(ctx context.Context, a Actor, caseID int64) ([]CaseLetter, error) {
	items := []CaseLetter{}
	err := s.DB.WithContext(ctx).Table("letters").
		Select("letters.id, letters.kind, COALESCE(letters.letter_no, '') AS letter_no, letters.status, organs.name AS organ_name, letters.issued_on, letters.reply_due_on, letters.replied_on").
		Joins("JOIN organs ON organs.id = letters.organ_id").
		Where("letters.case_id = ? AND letters.court_code = ?", caseID, a.Court).
		Order("letters.id").Scan(&items).Error
	return items, s.Err(err)
}
