package app_test

import (
	"context"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/rbac"
)

// withAuthz gives the store the policy's enforcer, as the web server does:
// the case services then decide authorisation on the locked row.
func withAuthz(t *testing.T, s *app.Store) *rbac.Enforcer {
	t.Helper()
	en, err := rbac.New(s.DB, apptest.Quiet())
	if err != nil {
		t.Fatal(err)
	}
	s.Authz = en
	return en
}

// TestJudgeCannotCloseACaseReassignedBetweenPageLoadAndSubmit interleaves
// a reassignment between the read the page (and the old handler's check)
// was made on and the close: the service decides on the locked row, so
// judge2 may no longer close the case that is judge1's by then — with the
// page's version (a conflict at the latest) or without one.
func TestJudgeCannotCloseACaseReassignedBetweenPageLoadAndSubmit(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		en := withAuthz(t, s)
		leader, judge2 := ct.Actor("leader"), ct.Actor("judge2")
		in := caseFiling(ct, "行初", "2025-03-01")
		in.JudgeID = ct.Users["judge2"].ID
		k := caseMust(s.CreateCase(ctx, leader, in))

		// The page load: judge2 is the judge, the close form is offered.
		ref := caseMust(s.GetCaseRef(ctx, k.ID))
		if err := en.Authorize(judge2, rbac.CaseClose, rbac.CaseObject(ref)); err != nil {
			t.Fatalf("judge2 may not close their own case at page load: %v", err)
		}
		// Meanwhile the leader gives the case to judge1.
		caseMust(s.UpdateCase(ctx, leader, k.ID, app.CasePatch{Version: k.Version,
			JudgeID: app.Change[int64]{Set: true, To: ct.Users["judge1"].ID}}))

		closing := app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "withdrawal"}
		for _, version := range []int{k.Version, 0} {
			closing.Version = version
			_, err := s.CloseCase(ctx, judge2, k.ID, closing)
			if code := app.ErrorCode(err); code != app.EFORBIDDEN {
				t.Errorf("judge2 closing judge1's case (page version %d): %v, want forbidden", version, err)
			}
		}
		if got := caseMust(s.GetCase(ctx, leader, k.ID)); got.Status == app.StatusClosed {
			t.Fatalf("the case was closed by judge2: %+v", got)
		}
		// The new judge closes it, with a stale page version refused first.
		judge1 := ct.Actor("judge1")
		closing.Version = k.Version
		if _, err := s.CloseCase(ctx, judge1, k.ID, closing); app.ErrorCode(err) != app.ECONFLICT {
			t.Errorf("closing with the version before the reassignment: %v, want conflict", err)
		}
		closing.Version = k.Version + 1
		caseMust(s.CloseCase(ctx, judge1, k.ID, closing))
	})
}

// TestCaseServicesDecideEachActionOnTheLockedRow: every case service that
// changes a case refuses a user the policy does not let take its action on
// that case, whatever the web layer checked before.
func TestCaseServicesDecideEachActionOnTheLockedRow(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		withAuthz(t, s)
		k := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-01")) // judge1's
		judge2, mediator := ct.Actor("judge2"), ct.Actor("mediator1")
		on := app.MustDate("2025-05-01")
		tests := []struct {
			rule string
			do   func() error
		}{
			{"another judge may not suspend", func() error {
				_, err := s.SuspendCase(ctx, judge2, k.ID, app.SuspendInput{On: on})
				return err
			}},
			{"another judge may not close", func() error {
				_, err := s.CloseCase(ctx, judge2, k.ID, app.CloseInput{ClosedOn: on, Method: "withdrawal"})
				return err
			}},
			{"another judge may not edit", func() error {
				_, err := s.UpdateCase(ctx, judge2, k.ID, app.CasePatch{Version: k.Version, Cause: app.Change[string]{Set: true, To: "行政许可"}})
				return err
			}},
			{"a judge may not reassign", func() error {
				_, err := s.UpdateCase(ctx, ct.Actor("judge1"), k.ID, app.CasePatch{Version: k.Version,
					JudgeID: app.Change[int64]{Set: true, To: ct.Users["judge2"].ID}})
				return err
			}},
			{"a mediator not assigned may not mediate", func() error {
				_, err := s.RecordMediation(ctx, mediator, k.ID, app.MediationInput{})
				return err
			}},
			{"another judge may not add a commitment", func() error {
				_, err := s.AddCommitment(ctx, judge2, k.ID, app.CommitmentInput{})
				return err
			}},
			{"another judge may not extend", func() error {
				_, err := s.AddExtension(ctx, judge2, k.ID, app.ExtensionInput{})
				return err
			}},
		}
		for _, tt := range tests {
			if err := tt.do(); app.ErrorCode(err) != app.EFORBIDDEN {
				t.Errorf("%s: %v, want forbidden", tt.rule, err)
			}
		}
		if _, err := s.CloseCase(ctx, ct.Actor("judge3"), k.ID, app.CloseInput{ClosedOn: on, Method: "withdrawal"}); app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("another court's judge closing: %v, want not found", err)
		}
	})
}

// TestHearingsAndAppealsAreDecidedOnTheLockedCase: a hearing is scheduled
// or recorded, an appeal filed or decided, only by a user whose
// hearing:write or appeal:write reaches the case as it stands in the
// transaction: judge2, judge of the case when the page was loaded, may no
// longer schedule or record a hearing once the case is judge1's, and no
// judge files or decides an appeal of another judge's case.
func TestHearingsAndAppealsAreDecidedOnTheLockedCase(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		en := withAuthz(t, s)
		setCaseToday(clock, "2025-07-01")
		leader, judge1, judge2 := ct.Actor("leader"), ct.Actor("judge1"), ct.Actor("judge2")
		in := caseFiling(ct, "行初", "2025-03-01")
		in.JudgeID = ct.Users["judge2"].ID
		k := caseMust(s.CreateCase(ctx, leader, in))
		h := caseMust(s.ScheduleHearing(ctx, judge2, k.ID, slot("2025-06-09", "09:00", "10:00", "第一法庭")))

		// The page load: judge2 is the judge, the hearing forms are offered.
		ref := caseMust(s.GetCaseRef(ctx, k.ID))
		if err := en.Authorize(judge2, rbac.HearingWrite, rbac.CaseObject(ref)); err != nil {
			t.Fatalf("judge2 may not schedule a hearing of their own case at page load: %v", err)
		}
		// Meanwhile the leader gives the case to judge1.
		caseMust(s.UpdateCase(ctx, leader, k.ID, app.CasePatch{Version: k.Version,
			JudgeID: app.Change[int64]{Set: true, To: ct.Users["judge1"].ID}}))
		if _, err := s.ScheduleHearing(ctx, judge2, k.ID, slot("2025-06-10", "09:00", "10:00", "第二法庭")); app.ErrorCode(err) != app.EFORBIDDEN {
			t.Errorf("judge2 scheduling a hearing of judge1's case: %v, want forbidden", err)
		}
		held := app.MustDate("2025-06-09")
		if _, err := s.UpdateHearing(ctx, judge2, h.ID, app.HearingInput{HeldOn: &held}); app.ErrorCode(err) != app.EFORBIDDEN {
			t.Errorf("judge2 recording the hearing of judge1's case: %v, want forbidden", err)
		}
		if n := countHearings(t, s); n != 1 {
			t.Errorf("%d hearings, want the one scheduled before the reassignment", n)
		}
		caseMust(s.UpdateHearing(ctx, judge1, h.ID, app.HearingInput{HeldOn: &held}))

		caseMust(s.CloseCase(ctx, judge1, k.ID, app.CloseInput{ClosedOn: app.MustDate("2025-06-20"), Method: "judgment", JudgmentResult: "revoke"}))
		appeal := app.AppealInput{FiledOn: app.MustDate("2025-06-25"), Appellant: "organ"}
		if _, err := s.FileAppeal(ctx, judge2, k.ID, appeal); app.ErrorCode(err) != app.EFORBIDDEN {
			t.Errorf("judge2 filing an appeal of judge1's case: %v, want forbidden", err)
		}
		ap := caseMust(s.FileAppeal(ctx, judge1, k.ID, appeal))
		decision := app.AppealDecision{Result: "upheld", DecidedOn: app.MustDate("2025-06-30")}
		if _, err := s.DecideAppeal(ctx, judge2, ap.ID, decision); app.ErrorCode(err) != app.EFORBIDDEN {
			t.Errorf("judge2 deciding the appeal of judge1's case: %v, want forbidden", err)
		}
		if _, err := s.DecideAppeal(ctx, ct.Actor("judge3"), ap.ID, decision); app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("another court's judge deciding the appeal: %v, want not found", err)
		}
		caseMust(s.DecideAppeal(ctx, judge1, ap.ID, decision))
	})
}
