package app_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

type caseTxDB = gorm.DB

var caseCtx = context.Background()

// filing returns a valid new-case input of 粤1803 filed by judge1 on filed.
func caseFiling(ct *apptest.Court, caseType, filed string) app.CaseInput {
	return app.CaseInput{
		CaseType: caseType, Cause: "行政处罚", Domain: "ecology",
		Plaintiff: app.Party{Name: "清远市绿源林业有限公司", Kind: "enterprise"},
		OrganID:   ct.Organ.ID, FiledOn: app.MustDate(filed), JudgeID: ct.Users["judge1"].ID,
	}
}

func fileCase(t *testing.T, s *app.Store, ct *apptest.Court, in app.CaseInput) app.Case {
	t.Helper()
	return caseMust(s.CreateCase(caseCtx, ct.Actor("judge1"), in))
}

func setCaseToday(clock *app.FakeClock, day string) {
	d := app.MustDate(day)
	clock.Set(time.Date(d.Year, d.Month, d.Day, 9, 0, 0, 0, app.Shanghai))
}

func errCode(err error) string { return app.ErrorCode(err) }

func errFields(err error) map[string]string {
	var e *app.Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

func TestDeadlinesOfFiledCasesFollowTheLimitsAndTheShippedCalendar(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		setCaseToday(clock, "2025-12-01")
		tests := []struct {
			name, caseType, filed string
			simplified            bool
			want                  string
		}{
			{"行初 filed 2025-03-04", "行初", "2025-03-04", false, "2025-09-04"},
			{"行初 filed 2025-04-01 ends after National Day", "行初", "2025-04-01", false, "2025-10-09"},
			{"simplified 行初 filed 2025-08-17", "行初", "2025-08-17", true, "2025-10-09"},
			{"行审 has 30 days", "行审", "2025-08-15", false, "2025-09-15"},
			{"行诉前调 has 30 days", "行诉前调", "2025-08-29", false, "2025-09-28"},
			{"行赔初 has six months", "行赔初", "2025-05-31", false, "2025-12-01"},
		}
		for _, tt := range tests {
			in := caseFiling(ct, tt.caseType, tt.filed)
			in.Simplified = tt.simplified
			c := fileCase(t, s, ct, in)
			if c.DeadlineOn.String() != tt.want {
				t.Errorf("%s: deadline %s, want %s", tt.name, c.DeadlineOn, tt.want)
			}
		}
	})
}

func TestSuspendingForTenDaysMovesTheDeadlineTenDays(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		setCaseToday(clock, "2025-04-10")
		c := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-05"))
		if c.DeadlineOn.String() != "2025-09-05" {
			t.Fatalf("deadline %s", c.DeadlineOn)
		}
		c = caseMust(s.SuspendCase(caseCtx, judge, c.ID, app.SuspendInput{On: app.MustDate("2025-04-10")}))
		if c.Status != app.StatusSuspended || c.DeadlineOn.String() != "2025-09-05" || c.DeadlineFlag != "" || *c.DaysLeft != 148 {
			t.Fatalf("suspended: %+v", c)
		}
		setCaseToday(clock, "2025-04-20")
		c = caseMust(s.ResumeCase(caseCtx, judge, c.ID, app.ResumeInput{On: app.MustDate("2025-04-20")}))
		if c.Status != app.StatusFiled || c.DeadlineOn.String() != "2025-09-15" {
			t.Fatalf("resumed: status %s deadline %s, want filed 2025-09-15", c.Status, c.DeadlineOn)
		}
		got := caseMust(s.GetCase(caseCtx, judge, c.ID))
		if got.DeadlineOn.String() != "2025-09-15" {
			t.Fatalf("stored deadline %s", got.DeadlineOn)
		}
		periods := caseMust(s.ListExcludedPeriods(caseCtx, judge, c.ID))
		if len(periods) != 1 || periods[0].Days != 10 || periods[0].Reason != "suspension" {
			t.Fatalf("periods %+v", periods)
		}
	})
}

func TestExcludedPeriodsAndExtensionsMoveTheStoredDeadline(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		setCaseToday(clock, "2025-09-01")
		c := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-04"))
		_, err := s.AddExcludedPeriod(caseCtx, judge, c.ID, app.ExcludedPeriodInput{Reason: "鉴定", StartOn: app.MustDate("2025-05-06"), EndOn: app.MustDate("2025-05-16")})
		if err != nil {
			t.Fatal(err)
		}
		c = caseMust(s.GetCase(caseCtx, judge, c.ID))
		if c.DeadlineOn.String() != "2025-09-15" { // 09-14 is a Sunday
			t.Fatalf("after appraisal: %s", c.DeadlineOn)
		}
		_, err = s.AddExcludedPeriod(caseCtx, judge, c.ID, app.ExcludedPeriodInput{Reason: "announcement", StartOn: app.MustDate("2025-05-10"), EndOn: app.MustDate("2025-05-20")})
		if errCode(err) != app.EINVALID || errFields(err)["start_on"] == "" {
			t.Fatalf("an overlapping period: %v", err)
		}
		_, err = s.AddExtension(caseCtx, judge, c.ID, app.ExtensionInput{ApprovedOn: app.MustDate("2025-08-20"), NewDeadlineOn: app.MustDate("2025-09-10"), ApprovedBy: "清远市中级人民法院"})
		if errCode(err) != app.EINVALID || errFields(err)["new_deadline_on"] == "" {
			t.Fatalf("an extension that shortens: %v", err)
		}
		_, err = s.AddExtension(caseCtx, judge, c.ID, app.ExtensionInput{ApprovedOn: app.MustDate("2025-08-20"), NewDeadlineOn: app.MustDate("2025-12-04"), ApprovedBy: "清远市中级人民法院", Reason: "案情复杂"})
		if err != nil {
			t.Fatal(err)
		}
		c = caseMust(s.GetCase(caseCtx, judge, c.ID))
		if c.DeadlineOn.String() != "2025-12-04" || c.Version != 3 {
			t.Fatalf("after extension: %s version %d", c.DeadlineOn, c.Version)
		}
		_, err = s.AddExcludedPeriod(caseCtx, judge, c.ID, app.ExcludedPeriodInput{Reason: "jurisdiction", StartOn: app.MustDate("2025-08-25"), EndOn: app.MustDate("2025-08-30")})
		if err != nil {
			t.Fatal(err)
		}
		c = caseMust(s.GetCase(caseCtx, judge, c.ID))
		if c.DeadlineOn.String() != "2025-12-09" {
			t.Fatalf("a period after the extension: %s", c.DeadlineOn)
		}
	})
}

func TestTwentyConcurrentFilingsGetTwentyConsecutiveNumbers(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		const n = 20
		var wg sync.WaitGroup
		nos := make([]string, n)
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				in := caseFiling(ct, "行初", "2025-03-04")
				in.Plaintiff.Name = fmt.Sprintf("原告%d", i)
				c, err := s.CreateCase(caseCtx, ct.Actor("judge1"), in)
				nos[i], errs[i] = c.CaseNo, err
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("filing %d: %v", i, err)
			}
		}
		slices.Sort(nos)
		var want []string
		for i := 1; i <= n; i++ {
			want = append(want, app.FormatCaseNo(2025, "粤1803", "行初", i))
		}
		slices.Sort(want)
		if !slices.Equal(nos, want) {
			t.Fatalf("numbers %v, want %v", nos, want)
		}
		next := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-05-04"))
		if next.CaseNo != "（2025）粤1803行初21号" {
			t.Fatalf("next number %s", next.CaseNo)
		}
		other := fileCase(t, s, ct, caseFiling(ct, "行审", "2025-05-04"))
		if other.CaseNo != "（2025）粤1803行审1号" {
			t.Fatalf("another type starts at 1: %s", other.CaseNo)
		}
		lastYear := fileCase(t, s, ct, caseFiling(ct, "行初", "2024-12-30"))
		if lastYear.CaseNo != "（2024）粤1803行初1号" {
			t.Fatalf("the year of filed_on counts: %s", lastYear.CaseNo)
		}
		judge3 := ct.Actor("judge3")
		in := caseFiling(ct, "行初", "2025-03-04")
		in.OrganID, in.JudgeID = ct.Organ2.ID, ct.Users["judge3"].ID
		c2 := caseMust(s.CreateCase(caseCtx, judge3, in))
		if c2.CaseNo != "（2025）粤1881行初1号" {
			t.Fatalf("another court starts at 1: %s", c2.CaseNo)
		}
	})
}

func TestABadCaseNamesEveryBadFieldAndSavesNothing(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		body := fmt.Sprintf(`{"case_type": "", "cause": "乱写的案由", "domain": "ecology",
			"plaintiff": {"name": "张三", "kind": "alien"}, "organ_id": 99999, "filed_on": "2025-02-30",
			"judge_id": %d, "mediator_ids": [%d], "penalty_before": "12.345"}`, ct.Users["judge1"].ID, ct.Users["judge2"].ID)
		var in app.CaseInput
		if err := json.Unmarshal([]byte(body), &in); err != nil {
			t.Fatal(err)
		}
		_, err := s.CreateCase(caseCtx, ct.Actor("judge1"), in)
		if errCode(err) != app.EINVALID {
			t.Fatalf("got %v", err)
		}
		f := errFields(err)
		for _, name := range []string{"case_type", "cause", "plaintiff.kind", "organ_id", "filed_on", "mediator_ids", "penalty_before"} {
			if f[name] == "" {
				t.Errorf("field %s not named: %v", name, f)
			}
		}
		for name, why := range f {
			if !isChinese(why) {
				t.Errorf("field %s: message %q is not Chinese", name, why)
			}
		}
		if _, ok := f["domain"]; ok {
			t.Errorf("a good field is named: %v", f)
		}
		var n int64
		s.DB.Table("cases").Count(&n)
		var counters int64
		s.DB.Table("counters").Count(&counters)
		if n != 0 || counters != 0 {
			t.Fatalf("saved %d cases, %d counters", n, counters)
		}
	})
}

func isChinese(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func TestCreateCaseChecksTheCourtOfEveryReference(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		tests := []struct {
			name  string
			edit  func(*app.CaseInput)
			field string
		}{
			{"another court's organ", func(in *app.CaseInput) { in.OrganID = ct.Organ2.ID }, "organ_id"},
			{"another court's judge", func(in *app.CaseInput) { in.JudgeID = ct.Users["judge3"].ID }, "judge_id"},
			{"a mediator as judge", func(in *app.CaseInput) { in.JudgeID = ct.Users["mediator1"].ID }, "judge_id"},
			{"a judge as mediator", func(in *app.CaseInput) { in.MediatorIDs = []int64{ct.Users["judge2"].ID} }, "mediator_ids"},
			{"an unknown type", func(in *app.CaseInput) { in.CaseType = "民初" }, "case_type"},
			{"simplified review", func(in *app.CaseInput) { in.CaseType, in.Simplified = "行审", true }, "simplified"},
			{"a filing in the future", func(in *app.CaseInput) { in.FiledOn = app.MustDate("2025-07-02") }, "filed_on"},
			{"an unknown workstation", func(in *app.CaseInput) { id := int64(4242); in.WorkstationID = &id }, "workstation_id"},
			{"an origin that is not a failed pre-litigation case", func(in *app.CaseInput) { id := int64(4242); in.OriginCaseID = &id }, "origin_case_id"},
			{"a cause label nobody knows", func(in *app.CaseInput) { in.Cause = "民间借贷" }, "cause"},
		}
		for _, tt := range tests {
			in := caseFiling(ct, "行初", "2025-03-04")
			tt.edit(&in)
			_, err := s.CreateCase(caseCtx, ct.Actor("judge1"), in)
			if errCode(err) != app.EINVALID || errFields(err)[tt.field] == "" {
				t.Errorf("%s: got %v, want field %s", tt.name, err, tt.field)
			}
		}
		in := caseFiling(ct, "行初", "2025-03-04")
		in.Cause, in.Domain, in.Plaintiff.Kind = "工伤认定", "劳动社保", "个人"
		c := fileCase(t, s, ct, in)
		if c.Cause != "工伤认定" || c.Domain != "labour" || c.Plaintiff.Kind != "individual" {
			t.Fatalf("labels are not turned into codes: %+v", c)
		}
	})
}

func TestAGivenCaseNumberMustFitAndRaisesTheCounter(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		a := ct.Actor("leader")
		create := func(no string, in app.CaseInput) (app.Case, error) {
			var c app.Case
			err := s.Tx(caseCtx, func(tx *caseTxDB) error {
				var err error
				c, err = s.CreateCaseTx(tx, a, in, no)
				return err
			})
			return c, err
		}
		c, err := create("(2025)粤1803行初12号", caseFiling(ct, "行初", "2025-03-04"))
		if err != nil || c.CaseNo != "（2025）粤1803行初12号" {
			t.Fatalf("given number: %+v %v", c.CaseNo, err)
		}
		for _, no := range []string{"（2025）粤1803行初12号", "（2024）粤1803行初13号", "（2025）粤1881行初13号", "（2025）粤1803行审13号", "2025粤1803行初13号"} {
			if _, err := create(no, caseFiling(ct, "行初", "2025-03-04")); errCode(err) != app.EINVALID || errFields(err)["case_no"] == "" {
				t.Errorf("number %s: got %v", no, err)
			}
		}
		next := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-05"))
		if next.CaseNo != "（2025）粤1803行初13号" {
			t.Fatalf("after an imported 12 the next is %s", next.CaseNo)
		}
	})
}

func TestStaleVersionIsAConflictAndAnEditBumpsTheVersion(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		c := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-04"))
		patch := func(body string) (app.Case, error) {
			var pt app.CasePatch
			if err := json.Unmarshal([]byte(body), &pt); err != nil {
				t.Fatal(err)
			}
			return s.UpdateCase(caseCtx, judge, c.ID, pt)
		}
		c2, err := patch(`{"version": 1, "cause": "行政许可", "plaintiff": {"name": "李四"}, "penalty_before": 20000}`)
		if err != nil || c2.Version != 2 || c2.Cause != "行政许可" || c2.Plaintiff.Name != "李四" || c2.Plaintiff.Kind != "enterprise" || c2.PenaltyBefore.Yuan() != "20000.00" {
			t.Fatalf("edit: %+v %v", c2, err)
		}
		if _, err := patch(`{"version": 1, "cause": "行政强制"}`); errCode(err) != app.ECONFLICT {
			t.Fatalf("stale version: %v", err)
		}
		if _, err := patch(`{"cause": "行政强制"}`); errCode(err) != app.EINVALID || errFields(err)["version"] == "" {
			t.Fatalf("no version: %v", err)
		}
		if _, err := patch(`{"version": 2, "case_type": "行审"}`); errCode(err) != app.EINVALID || errFields(err)["case_type"] == "" {
			t.Fatalf("type change: %v", err)
		}
		same, err := patch(`{"version": 2, "cause": "行政许可"}`)
		if err != nil || same.Version != 2 {
			t.Fatalf("a patch that changes nothing: %+v %v", same, err)
		}
		c3, err := patch(`{"version": 2, "filed_on": "2025-04-01", "penalty_before": null}`)
		if err != nil || c3.DeadlineOn.String() != "2025-10-09" || c3.PenaltyBefore != nil || c3.Version != 3 {
			t.Fatalf("refiling moves the deadline: %+v %v", c3, err)
		}
		if _, err := patch(`{"version": 3, "filed_on": "2024-12-01"}`); errCode(err) != app.EINVALID || errFields(err)["filed_on"] == "" {
			t.Fatalf("refiling into another year: %v", err)
		}
		trail := caseMust(s.AuditTrail(caseCtx, ct.Actor("leader"), "case", c.ID))
		if len(trail) != 3 || trail[1].Action != "case.update" {
			t.Fatalf("audit %+v", trail)
		}
	})
}

func TestClosingRules(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		fine := app.Money(4500000)
		tests := []struct {
			name     string
			caseType string
			suspend  bool
			in       app.CloseInput
			want     string // error code, "" for success
			field    string
		}{
			{"mediation closes a 行初 case", "行初", false, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "mediation"}, "", ""},
			{"a label is accepted", "行初", false, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "准予撤诉"}, "", ""},
			{"judgment needs a result", "行初", false, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "judgment"}, app.EINVALID, "judgment_result"},
			{"judgment with a result", "行初", false, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "judgment", JudgmentResult: "uphold"}, "", ""},
			{"closed_on before filed_on", "行初", false, app.CloseInput{ClosedOn: app.MustDate("2025-03-01"), Method: "withdrawal"}, app.EINVALID, "closed_on"},
			{"closed_on after today", "行初", false, app.CloseInput{ClosedOn: app.MustDate("2025-07-02"), Method: "withdrawal"}, app.EINVALID, "closed_on"},
			{"no method", "行初", false, app.CloseInput{ClosedOn: app.MustDate("2025-06-01")}, app.EINVALID, "method"},
			{"failed is only for pre-litigation", "行初", false, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "failed"}, app.EINVALID, "method"},
			{"pre-litigation closes as failed", "行诉前调", false, app.CloseInput{ClosedOn: app.MustDate("2025-03-20"), Method: "failed"}, "", ""},
			{"pre-litigation closes as mediation", "行诉前调", false, app.CloseInput{ClosedOn: app.MustDate("2025-03-20"), Method: "mediation"}, "", ""},
			{"pre-litigation does not close by judgment", "行诉前调", false, app.CloseInput{ClosedOn: app.MustDate("2025-03-20"), Method: "judgment", JudgmentResult: "uphold"}, app.EINVALID, "method"},
			{"a suspended case must be resumed first", "行初", true, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "withdrawal"}, app.ECONFLICT, ""},
			{"a fine cannot grow", "行初", false, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "mediation", PenaltyAfter: new(app.Money(5000000))}, app.EINVALID, "penalty_after"},
		}
		for _, tt := range tests {
			in := caseFiling(ct, tt.caseType, "2025-03-04")
			in.PenaltyBefore = &fine
			c := fileCase(t, s, ct, in)
			if tt.suspend {
				caseMust(s.SuspendCase(caseCtx, judge, c.ID, app.SuspendInput{On: app.MustDate("2025-05-01")}))
			}
			got, err := s.CloseCase(caseCtx, judge, c.ID, tt.in)
			if errCode(err) != tt.want && !(tt.want == "" && err == nil) {
				t.Errorf("%s: got %v, want %s", tt.name, err, tt.want)
				continue
			}
			if tt.field != "" && errFields(err)[tt.field] == "" {
				t.Errorf("%s: field %s not named in %v", tt.name, tt.field, err)
			}
			if tt.want != "" {
				after := caseMust(s.GetCase(caseCtx, judge, c.ID))
				if after.Status == app.StatusClosed || after.Version != c.Version+caseBtoi(tt.suspend) {
					t.Errorf("%s: a refused closing changed the case: %+v", tt.name, after)
				}
				continue
			}
			if got.Status != app.StatusClosed || got.ClosedOn != tt.in.ClosedOn || *got.DaysToClose != tt.in.ClosedOn.DaysSince(c.FiledOn) || got.DaysLeft != nil {
				t.Errorf("%s: closed case %+v", tt.name, got)
			}
			if _, err := s.CloseCase(caseCtx, judge, c.ID, tt.in); errCode(err) != app.ECONFLICT {
				t.Errorf("%s: closing twice: %v", tt.name, err)
			}
		}
		// A fine reduced in mediation.
		in := caseFiling(ct, "行初", "2025-03-04")
		in.PenaltyBefore = &fine
		c := fileCase(t, s, ct, in)
		after := app.Money(2500000)
		got := caseMust(s.CloseCase(caseCtx, judge, c.ID, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "mediation", PenaltyAfter: &after}))
		if got.PenaltyAfter == nil || *got.PenaltyAfter != after || got.Method != "mediation" {
			t.Fatalf("penalty after: %+v", got)
		}
	})
}

func caseBtoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestAFailedPreLitigationMediationCanBeFollowedByOneLitigationCase(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		pre := fileCase(t, s, ct, caseFiling(ct, "行诉前调", "2025-03-04"))
		in := caseFiling(ct, "行初", "2025-04-01")
		in.OriginCaseID = &pre.ID
		if _, err := s.CreateCase(caseCtx, judge, in); errFields(err)["origin_case_id"] == "" {
			t.Fatalf("an open pre-litigation case cannot be followed: %v", err)
		}
		caseMust(s.CloseCase(caseCtx, judge, pre.ID, app.CloseInput{ClosedOn: app.MustDate("2025-03-30"), Method: "failed"}))
		c := fileCase(t, s, ct, in)
		if c.OriginCaseID == nil || *c.OriginCaseID != pre.ID {
			t.Fatalf("origin %v", c.OriginCaseID)
		}
		if _, err := s.CreateCase(caseCtx, judge, in); errFields(err)["origin_case_id"] == "" {
			t.Fatalf("a second follower: %v", err)
		}
	})
}

func TestFirstMediationMovesAFiledCaseToMediating(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		c := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-04"))
		m, err := s.RecordMediation(caseCtx, ct.Actor("mediator1"), c.ID, app.MediationInput{HeldOn: app.MustDate("2025-03-20"), Mode: "府院联合调解", Result: "continuing", Participants: "林业局王科长"})
		if err != nil || m.Mode != "joint" || m.Result != "continuing" {
			t.Fatalf("mediation %+v %v", m, err)
		}
		c2 := caseMust(s.GetCase(caseCtx, judge, c.ID))
		if c2.Status != app.StatusMediating || c2.Version != 2 {
			t.Fatalf("status %s version %d", c2.Status, c2.Version)
		}
		caseMust(s.RecordMediation(caseCtx, judge, c.ID, app.MediationInput{HeldOn: app.MustDate("2025-04-20"), Mode: "onsite", Result: "success"}))
		c3 := caseMust(s.GetCase(caseCtx, judge, c.ID))
		if c3.Version != 2 {
			t.Fatalf("a second mediation changed the case: %d", c3.Version)
		}
		_, err = s.RecordMediation(caseCtx, judge, c.ID, app.MediationInput{HeldOn: app.MustDate("2025-03-01"), Mode: "飞鸽", Result: ""})
		if f := errFields(err); f["held_on"] == "" || f["mode"] == "" || f["result"] == "" {
			t.Fatalf("bad mediation: %v", err)
		}
		list := caseMust(s.ListMediations(caseCtx, judge, c.ID))
		if len(list) != 2 || list[0].CreatorName != "mediator1姓名" {
			t.Fatalf("list %+v", list)
		}
		// Suspending and resuming a mediating case keeps it mediating.
		caseMust(s.SuspendCase(caseCtx, judge, c.ID, app.SuspendInput{On: app.MustDate("2025-05-01"), Reason: "鉴定"}))
		back := caseMust(s.ResumeCase(caseCtx, judge, c.ID, app.ResumeInput{On: app.MustDate("2025-05-11")}))
		if back.Status != app.StatusMediating || back.DeadlineOn.String() != "2025-09-15" {
			t.Fatalf("resumed %s %s", back.Status, back.DeadlineOn)
		}
		caseMust(s.CloseCase(caseCtx, judge, c.ID, app.CloseInput{ClosedOn: app.MustDate("2025-06-01"), Method: "mediation"}))
		if _, err := s.RecordMediation(caseCtx, judge, c.ID, app.MediationInput{HeldOn: app.MustDate("2025-06-02"), Mode: "onsite", Result: "success"}); errCode(err) != app.ECONFLICT {
			t.Fatalf("mediation on a closed case: %v", err)
		}
	})
}

func TestSuspensionRules(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		c := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-04"))
		if _, err := s.ResumeCase(caseCtx, judge, c.ID, app.ResumeInput{On: app.MustDate("2025-05-01")}); errCode(err) != app.ECONFLICT {
			t.Fatalf("resuming a running case: %v", err)
		}
		if _, err := s.SuspendCase(caseCtx, judge, c.ID, app.SuspendInput{On: app.MustDate("2025-03-01")}); errFields(err)["on"] == "" {
			t.Fatalf("suspending before filing: %v", err)
		}
		if _, err := s.SuspendCase(caseCtx, judge, c.ID, app.SuspendInput{On: app.MustDate("2025-05-01"), Reason: "罢工"}); errFields(err)["reason"] == "" {
			t.Fatalf("unknown reason: %v", err)
		}
		caseMust(s.SuspendCase(caseCtx, judge, c.ID, app.SuspendInput{On: app.MustDate("2025-05-01")}))
		if _, err := s.SuspendCase(caseCtx, judge, c.ID, app.SuspendInput{On: app.MustDate("2025-05-02")}); errCode(err) != app.ECONFLICT {
			t.Fatalf("suspending twice: %v", err)
		}
		if _, err := s.ResumeCase(caseCtx, judge, c.ID, app.ResumeInput{On: app.MustDate("2025-04-30")}); errFields(err)["on"] == "" {
			t.Fatalf("resuming before the suspension: %v", err)
		}
		if _, err := s.AddExcludedPeriod(caseCtx, judge, c.ID, app.ExcludedPeriodInput{Reason: "appraisal", StartOn: app.MustDate("2025-05-10"), EndOn: app.MustDate("2025-05-12")}); errFields(err)["start_on"] == "" {
			t.Fatalf("a period inside a running suspension: %v", err)
		}
		caseMust(s.ResumeCase(caseCtx, judge, c.ID, app.ResumeInput{On: app.MustDate("2025-05-21")}))
		if _, err := s.SuspendCase(caseCtx, judge, c.ID, app.SuspendInput{On: app.MustDate("2025-05-10")}); errFields(err)["on"] == "" {
			t.Fatalf("a suspension inside a past one: %v", err)
		}
	})
}

func TestCommitmentsAreOverdueWhenUnfulfilledPastDue(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		c := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-04"))
		amount := app.Money(1000000)
		late := caseMust(s.AddCommitment(caseCtx, judge, c.ID, app.CommitmentInput{Kind: "复绿/整改", DueOn: app.MustDate("2025-06-30"), Notes: "全面复绿"}))
		soon := caseMust(s.AddCommitment(caseCtx, judge, c.ID, app.CommitmentInput{Kind: "instalment", DueOn: app.MustDate("2025-07-01"), Amount: &amount}))
		if !late.Overdue || soon.Overdue || late.Kind != "restore" {
			t.Fatalf("overdue: %+v %+v", late, soon)
		}
		if _, err := s.AddCommitment(caseCtx, judge, c.ID, app.CommitmentInput{Kind: "x", DueOn: app.MustDate("2025-01-01")}); errFields(err)["kind"] == "" || errFields(err)["due_on"] == "" {
			t.Fatalf("bad commitment: %v", err)
		}
		done := caseMust(s.FulfilCommitment(caseCtx, judge, late.ID, app.FulfilInput{On: app.MustDate("2025-07-01")}))
		if done.Overdue || done.FulfilledOn.String() != "2025-07-01" {
			t.Fatalf("fulfilled %+v", done)
		}
		if _, err := s.FulfilCommitment(caseCtx, judge, late.ID, app.FulfilInput{On: app.MustDate("2025-07-01")}); errCode(err) != app.ECONFLICT {
			t.Fatalf("fulfilling twice: %v", err)
		}
		if _, err := s.FulfilCommitment(caseCtx, ct.Actor("judge3"), soon.ID, app.FulfilInput{On: app.MustDate("2025-07-01")}); errCode(err) != app.ENOTFOUND {
			t.Fatalf("another court's commitment: %v", err)
		}
		list := caseMust(s.ListCommitments(caseCtx, judge, c.ID))
		if len(list) != 2 {
			t.Fatalf("list %+v", list)
		}
	})
}

func TestCaseListFiltersScopesAndSorts(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		setCaseToday(clock, "2025-09-10")
		old := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-04")) // deadline 09-04: overdue
		in := caseFiling(ct, "行审", "2025-08-20")                      // deadline 09-19: within 15 days
		in.Linkage, in.LinkagePartner = true, "司法局"
		in.Plaintiff.Name = "王五"
		link := fileCase(t, s, ct, in)
		in = caseFiling(ct, "行初", "2025-09-01")
		in.MediatorIDs = []int64{ct.Users["mediator1"].ID}
		assigned := fileCase(t, s, ct, in)
		closed := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-02-01"))
		caseMust(s.CloseCase(caseCtx, judge, closed.ID, app.CloseInput{ClosedOn: app.MustDate("2025-05-01"), Method: "withdrawal"}))

		ids := func(scope app.Scope, q map[string]string) []int64 {
			t.Helper()
			f, err := app.ParseCaseFilter(func(k string) string { return q[k] })
			if err != nil {
				t.Fatalf("filter %v: %v", q, err)
			}
			list := caseMust(s.ListCases(caseCtx, judge, app.NewVisibility(judge, scope), f, app.Page{Page: 1, Size: 100}))
			var out []int64
			for _, c := range list.Items {
				out = append(out, c.ID)
			}
			var streamed []int64
			if err := s.EachCase(caseCtx, judge, app.NewVisibility(judge, scope), f, func(c app.Case) error { streamed = append(streamed, c.ID); return nil }); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(out, streamed) || int(list.Total) != len(out) {
				t.Fatalf("EachCase %v differs from ListCases %v (total %d)", streamed, out, list.Total)
			}
			return out
		}
		tests := []struct {
			name  string
			scope app.Scope
			q     map[string]string
			want  []int64
		}{
			{"everything, newest filing first", app.ScopeAll, nil, []int64{assigned.ID, link.ID, old.ID, closed.ID}},
			{"overdue", app.ScopeAll, map[string]string{"overdue": "true"}, []int64{old.ID}},
			{"not overdue", app.ScopeAll, map[string]string{"overdue": "false", "sort": "filed_on"}, []int64{closed.ID, link.ID, assigned.ID}},
			{"linkage", app.ScopeAll, map[string]string{"linkage": "true"}, []int64{link.ID}},
			{"the liaison's scope", app.ScopeLinkage, nil, []int64{link.ID}},
			{"the mediator's scope", app.ScopeAssigned, nil, nil},
			{"closed", app.ScopeAll, map[string]string{"status": "closed"}, []int64{closed.ID}},
			{"open", app.ScopeAll, map[string]string{"status": "open", "sort": "deadline_on"}, []int64{old.ID, link.ID, assigned.ID}},
			{"type", app.ScopeAll, map[string]string{"case_type": "行审"}, []int64{link.ID}},
			{"search by plaintiff", app.ScopeAll, map[string]string{"q": "王五"}, []int64{link.ID}},
			{"search by number", app.ScopeAll, map[string]string{"q": "行审1号"}, []int64{link.ID}},
			{"search by organ, by number", app.ScopeAll, map[string]string{"q": "林业局", "sort": "case_no"}, []int64{old.ID, assigned.ID, closed.ID, link.ID}},
			{"a wildcard is searched literally", app.ScopeAll, map[string]string{"q": "%"}, nil},
			{"filed in a period", app.ScopeAll, map[string]string{"filed_from": "2025-03-01", "filed_to": "2025-08-31", "sort": "filed_on"}, []int64{old.ID, link.ID}},
			{"due within 15 days", app.ScopeAll, map[string]string{"due_within": "15"}, []int64{link.ID}},
			{"by organ and judge", app.ScopeAll, map[string]string{"organ_id": fmt.Sprint(ct.Organ.ID), "judge_id": fmt.Sprint(ct.Users["judge2"].ID)}, nil},
			{"an unknown scope sees nothing", "", nil, nil},
		}
		for _, tt := range tests {
			if got := ids(tt.scope, tt.q); !slices.Equal(got, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
			}
		}
		mediator := ct.Actor("mediator1")
		list := caseMust(s.ListCases(caseCtx, mediator, app.NewVisibility(mediator, app.ScopeAssigned), app.CaseFilter{}, app.Page{Page: 1, Size: 10}))
		if list.Total != 1 || list.Items[0].ID != assigned.ID {
			t.Fatalf("the mediator sees %+v", list)
		}
		other := caseMust(s.ListCases(caseCtx, ct.Actor("judge3"), app.NewVisibility(ct.Actor("judge3"), app.ScopeAll), app.CaseFilter{}, app.Page{Page: 1, Size: 10}))
		if other.Total != 0 {
			t.Fatalf("another court sees %d cases", other.Total)
		}
		got := caseMust(s.GetCase(caseCtx, judge, old.ID))
		if !got.Overdue() || got.DeadlineFlag != "overdue" || *got.DaysLeft != -6 {
			t.Fatalf("flags of the overdue case: %+v", got)
		}
		l := caseMust(s.GetCase(caseCtx, judge, link.ID))
		if l.DeadlineFlag != "15" || *l.DaysLeft != 9 {
			t.Fatalf("flags of the near case: %s %d", l.DeadlineFlag, *l.DaysLeft)
		}
		_, err := app.ParseCaseFilter(func(k string) string {
			return map[string]string{"sort": "password", "overdue": "maybe", "filed_from": "2025-13-01", "status": "lost", "judge_id": "x"}[k]
		})
		for _, name := range []string{"sort", "overdue", "filed_from", "status", "judge_id"} {
			if errFields(err)[name] == "" {
				t.Errorf("bad filter %s not named: %v", name, err)
			}
		}
		if _, err := s.GetCase(caseCtx, ct.Actor("judge3"), old.ID); errCode(err) != app.ENOTFOUND {
			t.Fatalf("another court's case: %v", err)
		}
	})
}

func TestRelatedOpenCasesShareThePlaintiffOrTheOrgan(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		other := caseMust(s.CreateOrgan(caseCtx, ct.Actor("admin"), app.OrganInput{Name: "清远市清新区人社局", Kind: "人社局"}))
		in := caseFiling(ct, "行初", "2025-03-04")
		in.Plaintiff.Name, in.OrganID = "赵六", other.ID
		samePlaintiff := fileCase(t, s, ct, in)
		sameOrgan := fileCase(t, s, ct, caseFiling(ct, "行审", "2025-03-05"))
		closed := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-06"))
		caseMust(s.CloseCase(caseCtx, judge, closed.ID, app.CloseInput{ClosedOn: app.MustDate("2025-04-01"), Method: "withdrawal"}))
		in = caseFiling(ct, "行初", "2025-03-04")
		in.Plaintiff.Name, in.OrganID = "孙七", other.ID
		unrelated := fileCase(t, s, ct, in)

		in = caseFiling(ct, "行初", "2025-06-01")
		in.Plaintiff.Name = "赵六"
		c := fileCase(t, s, ct, in)
		rel := caseMust(s.RelatedOpenCases(caseCtx, judge, app.NewVisibility(judge, app.ScopeAll), c))
		var got []int64
		for _, r := range rel {
			got = append(got, r.ID)
		}
		if !slices.Equal(got, []int64{samePlaintiff.ID, sameOrgan.ID}) || !rel[0].SamePlaintiff || rel[0].SameOrgan || !rel[1].SameOrgan {
			t.Fatalf("related %+v (unrelated %d, closed %d)", rel, unrelated.ID, closed.ID)
		}
		if rel := caseMust(s.RelatedOpenCases(caseCtx, ct.Actor("liaison1"), app.NewVisibility(ct.Actor("liaison1"), app.ScopeLinkage), c)); len(rel) != 0 {
			t.Fatalf("the liaison sees non-linkage related cases: %+v", rel)
		}
	})
}

func TestHolidayCalendarChangesMoveOpenDeadlines(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		admin := ct.Actor("admin")
		setCaseToday(clock, "2026-12-01")
		c := fileCase(t, s, ct, caseFiling(ct, "行审", "2026-12-01")) // 2026-12-31, a Thursday
		if c.DeadlineOn.String() != "2026-12-31" {
			t.Fatalf("deadline %s", c.DeadlineOn)
		}
		if _, err := s.SaveHoliday(caseCtx, admin, app.HolidayInput{Day: app.MustDate("2026-12-31"), Kind: "holiday", Note: "测试"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveHoliday(caseCtx, admin, app.HolidayInput{Day: app.MustDate("2027-01-01"), Kind: "holiday"}); err != nil {
			t.Fatal(err)
		}
		c = caseMust(s.GetCase(caseCtx, admin, c.ID))
		if c.DeadlineOn.String() != "2027-01-04" {
			t.Fatalf("after the new holidays: %s", c.DeadlineOn)
		}
		if err := s.DeleteHoliday(caseCtx, admin, app.MustDate("2026-12-31")); err != nil {
			t.Fatal(err)
		}
		c = caseMust(s.GetCase(caseCtx, admin, c.ID))
		if c.DeadlineOn.String() != "2026-12-31" {
			t.Fatalf("after the deletion: %s", c.DeadlineOn)
		}
		if _, err := s.SaveHoliday(caseCtx, admin, app.HolidayInput{Day: app.MustDate("2027-01-05"), Kind: "workday"}); errFields(err)["day"] == "" {
			t.Fatalf("a Tuesday as make-up working day: %v", err)
		}
		if _, err := s.SaveHoliday(caseCtx, admin, app.HolidayInput{Day: app.MustDate("2027-01-05"), Kind: "party"}); errFields(err)["kind"] == "" {
			t.Fatalf("an unknown kind: %v", err)
		}
		if err := s.DeleteHoliday(caseCtx, admin, app.MustDate("2027-03-03")); errCode(err) != app.ENOTFOUND {
			t.Fatalf("deleting a day not in the calendar: %v", err)
		}
		days := caseMust(s.ListHolidays(caseCtx, "粤1803", 2025))
		if len(days) != 33 {
			t.Fatalf("2025 ships %d entries, want 28 holidays + 5 workdays", len(days))
		}
		years := caseMust(s.HolidayYears(caseCtx, "粤1803"))
		if !slices.Equal(years, []int{2025, 2026, 2027}) {
			t.Fatalf("years %v", years)
		}
	})
}

func TestTheCaseTypeDictionaryCanBeExtended(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		admin := ct.Actor("admin")
		typ, created, err := s.SaveCaseType(caseCtx, admin, app.CaseTypeInput{Code: "行审复", Name: "非诉执行审查复议", LimitDays: 30})
		if err != nil || !created || !typ.Litigation {
			t.Fatalf("new type: %+v %v %v", typ, created, err)
		}
		c := fileCase(t, s, ct, caseFiling(ct, "行审复", "2025-03-04"))
		if c.CaseNo != "（2025）粤1803行审复1号" || c.DeadlineOn.String() != "2025-04-03" {
			t.Fatalf("case of the new type: %s %s", c.CaseNo, c.DeadlineOn)
		}
		types := caseMust(s.CaseTypes(caseCtx, "粤1803"))
		var codes []string
		for _, t := range types {
			codes = append(codes, t.Code)
		}
		n, err := app.ParseCaseNo(c.CaseNo, codes)
		if err != nil || n.Type != "行审复" {
			t.Fatalf("parse %s with %v: %+v %v", c.CaseNo, codes, n, err)
		}
		if _, _, err := s.SaveCaseType(caseCtx, admin, app.CaseTypeInput{Code: "行审复", Name: "改名", LimitDays: 45}); errCode(err) != app.ECONFLICT {
			t.Fatalf("changing the limit of a used type: %v", err)
		}
		renamed, created, err := s.SaveCaseType(caseCtx, admin, app.CaseTypeInput{Code: "行审复", Name: "非诉审查复议", LimitDays: 30})
		if err != nil || created || renamed.Name != "非诉审查复议" {
			t.Fatalf("rename: %+v %v %v", renamed, created, err)
		}
		for _, in := range []app.CaseTypeInput{
			{Code: "XZ", Name: "拉丁字母", LimitDays: 30},
			{Code: "行终", Name: "两种审限", LimitDays: 30, LimitMonths: 3},
			{Code: "行终", Name: "", LimitMonths: 3},
			{Code: "行终", Name: "没有审限"},
		} {
			if _, _, err := s.SaveCaseType(caseCtx, admin, in); errCode(err) != app.EINVALID {
				t.Errorf("%+v: %v", in, err)
			}
		}
		if other := caseMust(s.CaseTypes(caseCtx, "粤1881")); len(other) != 4 {
			t.Fatalf("another court's dictionary changed: %d types", len(other))
		}
	})
}

func TestEveryChangeOfACaseIsInItsAuditTrail(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge := ct.Actor("judge1")
		c := fileCase(t, s, ct, caseFiling(ct, "行初", "2025-03-04"))
		caseMust(s.UpdateCase(caseCtx, judge, c.ID, app.CasePatch{Version: 1, Region: app.Change[string]{Set: true, To: "太平镇"}}))
		caseMust(s.RecordMediation(caseCtx, judge, c.ID, app.MediationInput{HeldOn: app.MustDate("2025-03-10"), Mode: "onsite", Result: "partial"}))
		caseMust(s.SuspendCase(caseCtx, judge, c.ID, app.SuspendInput{On: app.MustDate("2025-04-01")}))
		caseMust(s.ResumeCase(caseCtx, judge, c.ID, app.ResumeInput{On: app.MustDate("2025-04-05")}))
		caseMust(s.AddExcludedPeriod(caseCtx, judge, c.ID, app.ExcludedPeriodInput{Reason: "公告", StartOn: app.MustDate("2025-05-01"), EndOn: app.MustDate("2025-05-31")}))
		caseMust(s.AddExtension(caseCtx, judge, c.ID, app.ExtensionInput{ApprovedOn: app.MustDate("2025-06-01"), NewDeadlineOn: app.MustDate("2026-01-30"), ApprovedBy: "中院"}))
		cm := caseMust(s.AddCommitment(caseCtx, judge, c.ID, app.CommitmentInput{Kind: "permit", DueOn: app.MustDate("2025-08-01")}))
		caseMust(s.FulfilCommitment(caseCtx, judge, cm.ID, app.FulfilInput{On: app.MustDate("2025-06-20")}))
		caseMust(s.CloseCase(caseCtx, judge, c.ID, app.CloseInput{ClosedOn: app.MustDate("2025-06-30"), Method: "mediation"}))
		trail := caseMust(s.AuditTrail(caseCtx, ct.Actor("leader"), "case", c.ID))
		var actions []string
		for _, e := range trail {
			actions = append(actions, e.Action)
			if e.Username != "judge1" || len(e.After) == 0 {
				t.Errorf("entry %+v", e)
			}
		}
		want := []string{"case.create", "case.update", "case.mediation", "case.suspend", "case.resume", "case.excluded_period",
			"case.extension", "case.commitment", "case.commitment_fulfil", "case.close"}
		if !slices.Equal(actions, want) {
			t.Fatalf("audit %v, want %v", actions, want)
		}
	})
}

// caseMust returns v, and stops the test (by a panic the test runner reports with
// its stack) when err is not nil.
func caseMust[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("unexpected error: %v", err))
	}
	return v
}
