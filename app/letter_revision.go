package app

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Revising a draft before it is approved: the author edits or withdraws it,
// the leader returns it for revision with a comment. A returned letter is
// the author's to-do until the author edits it, which submits it again.

// maxLetterNote is the longest return comment or withdrawal reason accepted.
const maxLetterNote = 1000

// LetterEdit is the body of PATCH /letters/:id: the fields to change (absent
// ones are kept; case_id 0 unlinks the case) and the version the author saw.
type LetterEdit struct {
	Version     int     `json:"version"`
	Kind        *string `json:"kind"`
	CaseID      *int64  `json:"case_id"`
	OrganID     *int64  `json:"organ_id"`
	Problems    *string `json:"problems"`
	Suggestions *string `json:"suggestions"`
}

// EditLetter changes a draft or returned letter (its author's authorisation
// is the caller's). A returned letter goes back to draft: it awaits approval
// again. A stale version, or a letter no longer editable, is a conflict.
func (s *Store) EditLetter(ctx context.Context, a Actor, id int64, in LetterEdit) (Letter, error) {
	if in.Version <= 0 {
		return Letter{}, Invalid("version", "请提供建议函的版本号（version），以免覆盖他人的修改")
	}
	return s.changeLetter(ctx, a, id, "letter.edit", func(tx *gorm.DB, before Letter) (string, []any, error) {
		if !before.Editable() {
			return "", nil, Conflict("该建议函%s，不能再修改", statusPhrase(before))
		}
		if before.Version != in.Version {
			return "", nil, Conflict("该建议函已被他人修改（当前第 %d 版），请刷新后再改", before.Version)
		}
		next := LetterInput{Kind: before.Kind, CaseID: before.CaseID, OrganID: before.OrganID,
			Problems: before.Problems, Suggestions: before.Suggestions}
		given(&next.Kind, in.Kind)
		if in.CaseID != nil {
			next.CaseID = in.CaseID
		}
		given(&next.OrganID, in.OrganID)
		given(&next.Problems, in.Problems)
		given(&next.Suggestions, in.Suggestions)
		if err := next.Validate(); err != nil {
			return "", nil, err
		}
		if err := checkLetterRefsTx(tx, a.Court, next); err != nil {
			return "", nil, err
		}
		return `UPDATE letters SET kind = ?, case_id = ?, organ_id = ?, problems = ?, suggestions = ?, status = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND court_code = ? AND version = ? AND status IN (?, ?)`,
			[]any{next.Kind, next.CaseID, next.OrganID, next.Problems, next.Suggestions, LetterDraft,
				s.Clock.Now().UTC(), id, a.Court, in.Version, LetterDraft, LetterReturned}, nil
	})
}

// LetterNote is the body of POST /letters/:id/return ({comment}) and
// /withdraw ({reason}); version, when given, must be the one the user saw.
type LetterNote struct {
	Comment string `json:"comment"`
	Reason  string `json:"reason"`
	Version int    `json:"version"`
}

// checkNote validates the one text of a return or withdrawal.
func checkNote(field, text, missing string) (string, error) {
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return text, Invalid(field, missing)
	case utf8.RuneCountInString(text) > maxLetterNote:
		return text, Invalid(field, "内容过长（最多 1000 字）")
	}
	return text, nil
}

// ReturnLetter sends a draft back to its author for revision with the
// leader's comment (draft → returned). The comment stays on the letter, for
// the author's to-do and the letter page, until the next return replaces it.
func (s *Store) ReturnLetter(ctx context.Context, a Actor, id int64, in LetterNote) (Letter, error) {
	comment, err := checkNote("comment", in.Comment, "请写明退回修改的意见")
	if err != nil {
		return Letter{}, err
	}
	return s.reviseLetter(ctx, a, id, in.Version, "letter.return", []string{LetterDraft},
		"只有待审批的草稿可以退回修改",
		`status = ?, returned_by = ?, returned_at = ?, return_comment = ?`,
		LetterReturned, a.UserID, s.Clock.Now().UTC(), comment)
}

// WithdrawLetter records that the author withdrew a draft or returned letter
// with a reason (→ withdrawn). The letter stays on record.
func (s *Store) WithdrawLetter(ctx context.Context, a Actor, id int64, in LetterNote) (Letter, error) {
	reason, err := checkNote("reason", in.Reason, "请写明撤回的理由")
	if err != nil {
		return Letter{}, err
	}
	return s.reviseLetter(ctx, a, id, in.Version, "letter.withdraw", []string{LetterDraft, LetterReturned},
		"审批后不能撤回",
		`status = ?, withdrawn_at = ?, withdraw_reason = ?`,
		LetterWithdrawn, s.Clock.Now().UTC(), reason)
}

// reviseLetter applies set (with its args) to a letter whose status is one
// of from, checking the version when one is given, and audits it as action.
func (s *Store) reviseLetter(ctx context.Context, a Actor, id int64, version int, action string, from []string,
	notNow, set string, args ...any) (Letter, error) {
	return s.changeLetter(ctx, a, id, action, func(_ *gorm.DB, before Letter) (string, []any, error) {
		if !slices.Contains(from, before.Status) {
			return "", nil, Conflict("该建议函%s，%s", statusPhrase(before), notNow)
		}
		if version != 0 && version != before.Version {
			return "", nil, Conflict("该建议函已被他人修改（当前第 %d 版），请刷新后查看", before.Version)
		}
		q := `UPDATE letters SET ` + set + `, version = version + 1, updated_at = ? WHERE id = ? AND court_code = ? AND version = ?`
		return q, append(args, s.Clock.Now().UTC(), id, a.Court, before.Version), nil
	})
}
