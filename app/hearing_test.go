package app_test

import (
	"errors"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

func ref[T any](v T) *T { return &v }

// slot is a hearing input for a slot of one day.
func slot(day, from, to, room string) app.HearingInput {
	return app.HearingInput{StartsAt: ref(app.MustMinute(day + "T" + from)), EndsAt: ref(app.MustMinute(day + "T" + to)), Room: ref(room)}
}

func countHearings(t *testing.T, s *app.Store) int64 {
	t.Helper()
	var n int64
	if err := s.DB.Table("hearings").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestHearingBadInputIsRefusedNamingTheFieldAndNothingSaved(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		setCaseToday(clock, "2025-07-01")
		k := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-05-10"))
		judge := ct.Actor("judge1")
		appeared := func(in app.HearingInput) app.HearingInput {
			in.HeadAppeared, in.HeadName, in.HeadRank = ref(true), ref("王局长"), ref("principal")
			return in
		}
		tests := []struct {
			name, field string
			in          app.HearingInput
		}{
			{"a hearing before the case was filed", "starts_at", slot("2025-05-09", "09:00", "10:00", "第一法庭")},
			{"end before start", "ends_at", slot("2025-06-09", "10:00", "09:00", "第一法庭")},
			{"end equal to start", "ends_at", slot("2025-06-09", "10:00", "10:00", "第一法庭")},
			{"no room", "room", slot("2025-06-09", "09:00", "10:00", " ")},
			{"a head who spoke without appearing", "head_spoke", func() app.HearingInput {
				in := slot("2025-06-09", "09:00", "10:00", "第一法庭")
				in.HeadSpoke = ref(true)
				return in
			}()},
			{"an appearance at a hearing still to come", "held_on", appeared(slot("2025-07-09", "09:00", "10:00", "第一法庭"))},
			{"held before filing", "held_on", func() app.HearingInput {
				in := slot("2025-06-09", "09:00", "10:00", "第一法庭")
				in.HeldOn = ref(app.MustDate("2025-05-01"))
				return in
			}()},
			{"an appearance without a rank", "head_rank", func() app.HearingInput {
				in := appeared(slot("2025-06-09", "09:00", "10:00", "第一法庭"))
				in.HeadRank = ref("")
				return in
			}()},
			{"an unknown rank", "head_rank", func() app.HearingInput {
				in := appeared(slot("2025-06-09", "09:00", "10:00", "第一法庭"))
				in.HeadRank = ref("chief")
				return in
			}()},
		}
		for _, tt := range tests {
			_, err := s.ScheduleHearing(caseCtx, judge, k.ID, tt.in)
			if errCode(err) != app.EINVALID || errFields(err)[tt.field] == "" {
				t.Errorf("%s: got %v, want 400 naming %s", tt.name, err, tt.field)
			}
		}
		if n := countHearings(t, s); n != 0 {
			t.Errorf("%d hearings saved from bad input", n)
		}
	})
}

func TestAppearanceOfAHeldHearingIsRecordedAndAudited(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		setCaseToday(clock, "2025-07-01")
		k := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-05-10"))
		judge := ct.Actor("judge1")
		h := caseMust(s.ScheduleHearing(caseCtx, judge, k.ID, slot("2025-06-20", "09:30", "11:30", "第一法庭")))
		if h.Held() || h.StartsAt.String() != "2025-06-20T09:30" {
			t.Fatalf("scheduled hearing: %+v", h)
		}
		in := app.HearingInput{HeadNotified: ref(true), HeadAppeared: ref(true), HeadName: ref("李明"), HeadPost: ref("副局长"),
			HeadRank: ref("副职"), HeadSpoke: ref(true), Representatives: ref("法制股 张三；律师 赵四")}
		got := caseMust(s.UpdateHearing(caseCtx, judge, h.ID, in))
		if got.HeldOn.String() != "2025-06-20" || got.HeadRank != "deputy" || !got.HeadSpoke || got.Version != 2 {
			t.Errorf("recorded hearing: %+v", got)
		}
		list := caseMust(s.ListHearings(caseCtx, judge, k.ID))
		if len(list) != 1 || list[0].HeadName != "李明" || list[0].CaseNo != k.CaseNo {
			t.Errorf("hearings of the case: %+v", list)
		}
		trail := caseMust(s.AuditTrail(caseCtx, ct.Actor("leader"), "case", k.ID))
		var actions []string
		for _, e := range trail {
			actions = append(actions, e.Action)
		}
		if len(actions) < 3 || actions[len(actions)-2] != "hearing.create" || actions[len(actions)-1] != "hearing.update" {
			t.Errorf("audit trail %v, want hearing.create then hearing.update", actions)
		}
		// A head who did not appear: no rank, spoke refused.
		_, err := s.UpdateHearing(caseCtx, judge, h.ID, app.HearingInput{HeadAppeared: ref(false), HeadName: ref(""), HeadPost: ref(""), HeadRank: ref("")})
		if errCode(err) != app.EINVALID || errFields(err)["head_spoke"] == "" {
			t.Errorf("head no longer appeared but still spoke: %v", err)
		}
	})
}

func TestSameJudgeOrRoomAtOverlappingTimesIsAConflictUnlessConfirmed(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		setCaseToday(clock, "2025-07-01")
		k1 := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-05-10"))
		k2 := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-05-11"))
		other := caseFiling(ct, "行初", "2025-05-12")
		other.JudgeID = ct.Users["judge2"].ID
		k3 := caseMust(s.CreateCase(caseCtx, ct.Actor("leader"), other))
		first := caseMust(s.ScheduleHearing(caseCtx, ct.Actor("judge1"), k1.ID, slot("2025-07-10", "09:00", "11:00", "第一法庭")))

		tests := []struct {
			name    string
			caseID  int64
			in      app.HearingInput
			clashes bool
		}{
			{"same judge, other room, overlapping", k2.ID, slot("2025-07-10", "10:30", "12:00", "第二法庭"), true},
			{"other judge, same room, overlapping", k3.ID, slot("2025-07-10", "08:00", "09:30", "第一法庭"), true},
			{"same judge and room, touching end", k2.ID, slot("2025-07-10", "11:00", "12:00", "第一法庭"), false},
			{"other judge, other room, overlapping", k3.ID, slot("2025-07-10", "09:00", "11:00", "第三法庭"), false},
		}
		for _, tt := range tests {
			before := countHearings(t, s)
			_, err := s.ScheduleHearing(caseCtx, ct.Actor("leader"), tt.caseID, tt.in)
			if !tt.clashes {
				if err != nil {
					t.Errorf("%s: %v", tt.name, err)
				}
				continue
			}
			var e *app.Error
			if !errors.As(err, &e) || e.Code != app.ECONFLICT {
				t.Errorf("%s: got %v, want a conflict", tt.name, err)
				continue
			}
			cs, _ := e.Details["conflicts"].([]app.BookingConflict)
			if len(cs) != 1 || cs[0].Kind != "hearing" || cs[0].ID != first.ID || cs[0].StartsAt.String() != "2025-07-10T09:00" || cs[0].What == "" {
				t.Errorf("%s: conflicts %+v, want the first hearing", tt.name, cs)
			}
			if countHearings(t, s) != before {
				t.Errorf("%s: a clashing hearing was saved", tt.name)
			}
		}
		confirmed := tests[0].in
		confirmed.Confirm = true
		if _, err := s.ScheduleHearing(caseCtx, ct.Actor("leader"), tests[0].caseID, confirmed); err != nil {
			t.Errorf("%s confirmed: %v", tests[0].name, err)
		}
		// Moving a hearing onto its own slot is not a clash with itself.
		if _, err := s.UpdateHearing(caseCtx, ct.Actor("judge1"), first.ID, slot("2025-07-10", "09:00", "10:00", "第一法庭")); err != nil && errCode(err) == app.ECONFLICT {
			var e *app.Error
			errors.As(err, &e)
			for _, c := range e.Details["conflicts"].([]app.BookingConflict) {
				if c.ID == first.ID {
					t.Errorf("a hearing clashes with itself: %+v", c)
				}
			}
		}
	})
}

func TestAppealsOnlyOfClosedFirstInstanceCasesAndDecidedAfterFiling(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		setCaseToday(clock, "2025-07-01")
		judge := ct.Actor("judge1")
		open := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-10"))
		review := fileCase(t, s, ct, caseFiling(ct, "行审", "2025-05-10"))
		caseMust(s.CloseCase(caseCtx, judge, review.ID, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "dismissal"}))
		closed := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-11"))
		caseMust(s.CloseCase(caseCtx, judge, closed.ID, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "judgment", JudgmentResult: "revoke"}))

		good := app.AppealInput{FiledOn: app.MustDate("2025-06-10"), Appellant: "organ", SecondCaseNo: "（2025）粤18行终34号"}
		bad := []struct {
			name, field string
			caseID      int64
			in          app.AppealInput
		}{
			{"a case not closed", "case_id", open.ID, good},
			{"not first-instance", "case_id", review.ID, good},
			{"filed before the closing", "filed_on", closed.ID, app.AppealInput{FiledOn: app.MustDate("2025-05-31"), Appellant: "organ"}},
			{"unknown appellant", "appellant", closed.ID, app.AppealInput{FiledOn: app.MustDate("2025-06-10"), Appellant: "court"}},
		}
		for _, tt := range bad {
			_, err := s.FileAppeal(caseCtx, judge, tt.caseID, tt.in)
			if errCode(err) != app.EINVALID || errFields(err)[tt.field] == "" {
				t.Errorf("%s: got %v, want 400 naming %s", tt.name, err, tt.field)
			}
		}
		ap := caseMust(s.FileAppeal(caseCtx, judge, closed.ID, good))
		if _, err := s.DecideAppeal(caseCtx, judge, ap.ID, app.AppealDecision{Result: "altered", DecidedOn: app.MustDate("2025-06-09")}); errCode(err) != app.EINVALID || errFields(err)["decided_on"] == "" {
			t.Errorf("decided before the appeal was filed: %v", err)
		}
		got := caseMust(s.DecideAppeal(caseCtx, judge, ap.ID, app.AppealDecision{Result: "发回重审", DecidedOn: app.MustDate("2025-06-30")}))
		if got.Result != "remanded" || got.DecidedOn.String() != "2025-06-30" {
			t.Errorf("decided appeal: %+v", got)
		}
		if _, err := s.DecideAppeal(caseCtx, judge, ap.ID, app.AppealDecision{Result: "upheld", DecidedOn: app.MustDate("2025-06-30")}); errCode(err) != app.ECONFLICT {
			t.Errorf("decided twice: %v", err)
		}
	})
}

func TestNewOutcomesOnClosing(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		setCaseToday(clock, "2025-07-01")
		judge := ct.Actor("judge1")
		k := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-10"))
		if _, err := s.CloseCase(caseCtx, judge, k.ID, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "judgment", JudgmentResult: "compensate"}); errFields(err)["judgment_result"] == "" {
			t.Errorf("判决赔偿 of a 行初 case: %v", err)
		}
		if _, err := s.CloseCase(caseCtx, judge, k.ID, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "mediation", OrganCorrected: true}); errFields(err)["organ_corrected"] == "" {
			t.Errorf("organ_corrected with a mediation: %v", err)
		}
		got := caseMust(s.CloseCase(caseCtx, judge, k.ID, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "withdrawal", OrganCorrected: true}))
		if !got.OrganCorrected || !caseMust(s.GetCase(caseCtx, judge, k.ID)).OrganCorrected {
			t.Errorf("organ_corrected not kept: %+v", got)
		}
		comp := fileCase(t, s, ct, caseFiling(ct, "行赔初", "2025-03-10"))
		got = caseMust(s.CloseCase(caseCtx, judge, comp.ID, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "judgment", JudgmentResult: "判决赔偿"}))
		if got.JudgmentResult != "compensate" {
			t.Errorf("行赔初 closed with %q", got.JudgmentResult)
		}
		inv := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-12"))
		got = caseMust(s.CloseCase(caseCtx, judge, inv.ID, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "judgment", JudgmentResult: "confirm_invalid"}))
		if got.JudgmentResult != "confirm_invalid" {
			t.Errorf("closed with %q", got.JudgmentResult)
		}
	})
}
