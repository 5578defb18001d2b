package app_test

import (
	"context"
	"strings"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// TestDraftLetterIsEditedReturnedCorrectedAndApproved guards issue 15's
// letter blocker: the author edits a draft (version-checked), the leader
// returns it with a comment, the returned letter is the author's to find,
// the author's correction submits it again, and the leader approves it.
func TestDraftLetterIsEditedReturnedCorrectedAndApproved(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		c := apptest.MustCourts(t, s)
		judge, leader := c.Actor("judge1"), c.Actor("leader")
		l := linkageOK[app.Letter](t)(s.DraftLetter(ctx, judge, app.LetterInput{Kind: "pre_judgment", OrganID: c.Organ.ID,
			Problems: "处罚前未告知。", Suggestions: "建议纠正。"}))

		text := "处罚前未告知陈述申辩权利。"
		l = linkageOK[app.Letter](t)(s.EditLetter(ctx, judge, l.ID, app.LetterEdit{Version: l.Version, Problems: &text}))
		if l.Problems != text || l.Suggestions != "建议纠正。" || l.Status != app.LetterDraft || l.Version != 2 {
			t.Fatalf("after the edit: %+v", l)
		}
		if _, err := s.EditLetter(ctx, judge, l.ID, app.LetterEdit{Version: 1, Problems: &text}); app.ErrorCode(err) != app.ECONFLICT {
			t.Errorf("an edit of a stale version: %v, want a conflict", err)
		}
		if _, err := s.ReturnLetter(ctx, leader, l.ID, app.LetterNote{Comment: "  "}); app.ErrorCode(err) != app.EINVALID {
			t.Errorf("a return without a comment: %v, want invalid", err)
		}
		l = linkageOK[app.Letter](t)(s.ReturnLetter(ctx, leader, l.ID, app.LetterNote{Comment: "请写明处罚决定的文号。"}))
		if l.Status != app.LetterReturned || l.ReturnComment != "请写明处罚决定的文号。" || l.ReturnedByName != c.Users["leader"].Name || l.ReturnedAt == nil {
			t.Fatalf("after the return: %+v", l)
		}
		// The author finds it among their returned letters (their to-do).
		mine := linkageOK[app.List[app.Letter]](t)(s.ListLetters(ctx, app.NewVisibility(judge, app.ScopeAll), app.LetterFilter{Status: app.LetterReturned, DraftedBy: judge.UserID}, app.Page{Page: 1, Size: 20}))
		if mine.Total != 1 || mine.Items[0].ID != l.ID {
			t.Errorf("judge1's returned letters: %+v", mine)
		}
		if _, err := s.ApproveLetter(ctx, leader, l.ID, app.Date{}); app.ErrorCode(err) != app.ECONFLICT {
			t.Errorf("approving a returned letter before its correction: %v, want a conflict", err)
		}
		fixed := "处罚前未告知陈述申辩权利（清新林罚〔2025〕12号）。"
		l = linkageOK[app.Letter](t)(s.EditLetter(ctx, judge, l.ID, app.LetterEdit{Version: l.Version, Problems: &fixed}))
		if l.Status != app.LetterDraft || l.Problems != fixed {
			t.Fatalf("the correction did not submit the letter again: %+v", l)
		}
		l = linkageOK[app.Letter](t)(s.ApproveLetter(ctx, leader, l.ID, app.Date{}))
		if _, err := s.EditLetter(ctx, judge, l.ID, app.LetterEdit{Version: l.Version, Problems: &text}); app.ErrorCode(err) != app.ECONFLICT {
			t.Errorf("editing an approved letter: %v, want a conflict", err)
		}
		if _, err := s.WithdrawLetter(ctx, judge, l.ID, app.LetterNote{Reason: "不再需要"}); app.ErrorCode(err) != app.ECONFLICT {
			t.Errorf("withdrawing an approved letter: %v, want a conflict", err)
		}
		trail := linkageOK[[]app.AuditEntry](t)(s.AuditTrail(ctx, leader, "letter", l.ID))
		var actions []string
		for _, e := range trail {
			actions = append(actions, e.Action)
		}
		if got := strings.Join(actions, " "); got != "letter.draft letter.edit letter.return letter.edit letter.approve" {
			t.Errorf("audit trail %q", got)
		}
	})
}

// TestWithdrawnLetterStaysOnRecordAndGoesNoFurther: the author withdraws a
// draft with a reason; it is kept, and no step moves it on.
func TestWithdrawnLetterStaysOnRecordAndGoesNoFurther(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		c := apptest.MustCourts(t, s)
		judge := c.Actor("judge1")
		l := linkageOK[app.Letter](t)(s.DraftLetter(ctx, judge, app.LetterInput{Kind: "judicial", OrganID: c.Organ.ID, Problems: "问题", Suggestions: "建议"}))
		if _, err := s.WithdrawLetter(ctx, judge, l.ID, app.LetterNote{}); app.ErrorCode(err) != app.EINVALID {
			t.Errorf("a withdrawal without a reason: %v, want invalid", err)
		}
		l = linkageOK[app.Letter](t)(s.WithdrawLetter(ctx, judge, l.ID, app.LetterNote{Reason: "机关已自行纠正。"}))
		if l.Status != app.LetterWithdrawn || l.WithdrawReason != "机关已自行纠正。" || l.WithdrawnAt == nil {
			t.Fatalf("after the withdrawal: %+v", l)
		}
		text := "x"
		for name, err := range map[string]error{
			"approve":  second(s.ApproveLetter(ctx, c.Actor("leader"), l.ID, app.Date{})),
			"return":   second(s.ReturnLetter(ctx, c.Actor("leader"), l.ID, app.LetterNote{Comment: "改"})),
			"edit":     second(s.EditLetter(ctx, judge, l.ID, app.LetterEdit{Version: l.Version, Problems: &text})),
			"issue":    second(s.IssueLetter(ctx, c.Actor("leader"), l.ID, app.IssueInput{IssuedOn: app.MustDate("2025-06-01")})),
			"withdraw": second(s.WithdrawLetter(ctx, judge, l.ID, app.LetterNote{Reason: "再撤"})),
		} {
			if app.ErrorCode(err) != app.ECONFLICT {
				t.Errorf("%s a withdrawn letter: %v, want a conflict", name, err)
			}
		}
		if got := linkageOK[app.Letter](t)(s.GetLetter(ctx, judge, l.ID)); got.Status != app.LetterWithdrawn || got.Version != l.Version {
			t.Errorf("the withdrawn letter changed: %+v", got)
		}
	})
}

func second[T any](_ T, err error) error { return err }
