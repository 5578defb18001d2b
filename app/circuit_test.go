package app_test

import (
	"context"
	"errors"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

func asError(err error, e **app.Error) bool { return errors.As(err, e) }

// fieldProblem returns the reason given for field, "" when err names none.
func fieldProblem(err error, field string) string {
	var e *app.Error
	if !errors.As(err, &e) || e.Code != app.EINVALID {
		return ""
	}
	return e.Fields[field]
}

func TestCircuitHearingsNameJudgesAndCasesOfTheCourt(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		judge1 := ct.Actor("judge1")
		own := insertFieldCase(t, s, fieldCase{Court: "粤1803", OrganID: ct.Organ.ID, JudgeID: judge1.UserID, FiledOn: "2025-05-10"})
		foreign := insertFieldCase(t, s, fieldCase{Court: "粤1881", OrganID: ct.Organ2.ID, FiledOn: "2025-05-10"})
		ok := app.CircuitInput{HeldOn: app.MustDate("2025-06-12"), Place: "太平镇人民法庭", Region: "清新区", Audience: 40}
		tests := []struct {
			rule  string
			edit  func(in *app.CircuitInput)
			field string
		}{
			{"the date is required", func(in *app.CircuitInput) { in.HeldOn = app.Date{} }, "held_on"},
			{"a hearing is scheduled at most a year ahead", func(in *app.CircuitInput) { in.HeldOn = app.MustDate("2026-07-03") }, "held_on"},
			{"the place is required", func(in *app.CircuitInput) { in.Place = "  " }, "place"},
			{"a cross-regional hearing names the region it went to", func(in *app.CircuitInput) { in.CrossRegion, in.Region = true, "" }, "region"},
			{"the judge is a judge of the court", func(in *app.CircuitInput) { in.JudgeID = ct.Users["mediator1"].ID }, "judge_id"},
			{"a judge of another court is refused", func(in *app.CircuitInput) { in.JudgeID = ct.Users["judge3"].ID }, "judge_id"},
			{"the cases are the court's", func(in *app.CircuitInput) { in.CaseIDs = []int64{own, foreign} }, "case_ids"},
			{"the audience is not negative", func(in *app.CircuitInput) { in.Audience = -1 }, "audience"},
		}
		for _, tc := range tests {
			t.Run(tc.rule, func(t *testing.T) {
				in := ok
				tc.edit(&in)
				_, err := s.CreateCircuit(ctx, judge1, in)
				if fieldProblem(err, tc.field) == "" {
					t.Fatalf("got %v, want a problem with %s", err, tc.field)
				}
			})
		}
		// A valid one: the judge defaults to the actor; the same case twice counts once.
		in := ok
		in.CaseIDs = []int64{own, own}
		c := must(s.CreateCircuit(ctx, judge1, in))(t)
		if c.JudgeID == nil || *c.JudgeID != judge1.UserID || len(c.Cases) != 1 || c.Cases[0].ID != own || c.Upcoming {
			t.Fatalf("created %+v", c)
		}
		// An upcoming hearing may be scheduled; it shows as upcoming.
		next := ok
		next.HeldOn, next.JudgeID, next.CrossRegion, next.Region = app.MustDate("2025-07-15"), ct.Users["judge2"].ID, true, "英德市"
		must(s.CreateCircuit(ctx, judge1, next))(t)
		list := must(s.ListCircuits(ctx, ct.Actor("leader"), app.CircuitFilter{}, app.Page{Page: 1, Size: 10}))(t)
		if list.Total != 2 || !list.Items[0].Upcoming || list.Items[0].JudgeName != "judge2姓名" || len(list.Items[1].CaseIDs) != 1 {
			t.Errorf("list %+v", list)
		}
		up := must(s.UpcomingCircuits(ctx, judge1, 5))(t)
		if len(up) != 1 || up[0].Region != "英德市" {
			t.Errorf("upcoming %+v", up)
		}
		if other := must(s.ListCircuits(ctx, ct.Actor("judge3"), app.CircuitFilter{}, app.Page{Page: 1, Size: 10}))(t); other.Total != 0 {
			t.Errorf("粤1881 sees %d hearings of 粤1803", other.Total)
		}
		var n int64
		s.DB.Table("circuits").Count(&n)
		if n != 2 {
			t.Errorf("%d circuits saved, want 2 (nothing of the refused ones)", n)
		}
	})
}

// Acceptance 3 of issue 5: two circuit hearings, one of them cross-regional,
// and one inspection are what the statistics of the period count.
func TestTwoHearingsOneCrossRegionalAndOneInspectionAreCounted(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		judge1 := ct.Actor("judge1")
		k := insertFieldCase(t, s, fieldCase{Court: "粤1803", OrganID: ct.Organ.ID, JudgeID: judge1.UserID, FiledOn: "2025-04-01"})
		must(s.CreateCircuit(ctx, judge1, app.CircuitInput{HeldOn: app.MustDate("2025-05-08"), Place: "山塘镇", Region: "清新区", CaseIDs: []int64{k}, Audience: 35}))(t)
		must(s.CreateCircuit(ctx, judge1, app.CircuitInput{HeldOn: app.MustDate("2025-06-18"), Place: "英德市连江口镇", Region: "英德市", CrossRegion: true, Audience: 60}))(t)
		must(s.CreateInspection(ctx, judge1, app.InspectionInput{CaseID: k, HeldOn: app.MustDate("2025-05-20"), Place: "山塘镇林地", Findings: "占用林地约 0.2 公顷"}))(t)

		from, to := app.MustDate("2025-01-01"), app.MustDate("2025-06-30")
		f := must(s.CircuitFigures(ctx, ct.Actor("leader"), from, to))(t)
		if f.Hearings != 2 || f.CrossRegion != 1 || f.Audience != 95 {
			t.Errorf("figures %+v, want 2 hearings, 1 cross-regional, 95 audience", f)
		}
		ins := must(s.ListInspections(ctx, ct.Actor("leader"), app.InspectionFilter{From: from, To: to}, app.Page{Page: 1, Size: 10}))(t)
		if ins.Total != 1 || ins.Items[0].CaseNo == "" {
			t.Errorf("inspections %+v", ins)
		}
		// The statistics read these tables directly: the columns must say the same.
		var row struct{ Hearings, CrossRegion, Inspections int64 }
		err := s.DB.Raw(`SELECT (SELECT COUNT(*) FROM circuits WHERE court_code = ? AND held_on >= ? AND held_on <= ?) AS hearings,
			(SELECT COUNT(*) FROM circuits WHERE court_code = ? AND held_on >= ? AND held_on <= ? AND cross_region = 1) AS cross_region,
			(SELECT COUNT(*) FROM inspections WHERE court_code = ? AND held_on >= ? AND held_on <= ?) AS inspections`,
			"粤1803", from, to, "粤1803", from, to, "粤1803", from, to).Scan(&row).Error
		if err != nil {
			t.Fatal(err)
		}
		if row.Hearings != 2 || row.CrossRegion != 1 || row.Inspections != 1 {
			t.Errorf("tables say %+v", row)
		}
		if f := must(s.CircuitFigures(ctx, ct.Actor("judge3"), from, to))(t); f.Hearings != 0 {
			t.Errorf("粤1881 counts %+v", f)
		}
	})
}

func TestInspectionDatesFollowTheCase(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		judge1 := ct.Actor("judge1")
		k := insertFieldCase(t, s, fieldCase{Court: "粤1803", OrganID: ct.Organ.ID, JudgeID: judge1.UserID, FiledOn: "2025-04-01"})
		foreign := insertFieldCase(t, s, fieldCase{Court: "粤1881", OrganID: ct.Organ2.ID, FiledOn: "2025-04-01"})
		good := app.InspectionInput{CaseID: k, HeldOn: app.MustDate("2025-05-20"), Place: "山塘镇林地", Findings: "已补植"}
		tests := []struct {
			rule  string
			edit  func(in *app.InspectionInput)
			code  string
			field string
		}{
			{"the case is required", func(in *app.InspectionInput) { in.CaseID = 0 }, app.EINVALID, "case_id"},
			{"not after today", func(in *app.InspectionInput) { in.HeldOn = app.MustDate("2025-07-02") }, app.EINVALID, "held_on"},
			{"not before the case was filed", func(in *app.InspectionInput) { in.HeldOn = app.MustDate("2025-03-31") }, app.EINVALID, "held_on"},
			{"findings are required", func(in *app.InspectionInput) { in.Findings = "" }, app.EINVALID, "findings"},
			{"another court's case is not found", func(in *app.InspectionInput) { in.CaseID = foreign }, app.ENOTFOUND, ""},
			{"an absent case is not found", func(in *app.InspectionInput) { in.CaseID = foreign + 1000 }, app.ENOTFOUND, ""},
		}
		for _, tc := range tests {
			t.Run(tc.rule, func(t *testing.T) {
				in := good
				tc.edit(&in)
				_, err := s.CreateInspection(ctx, judge1, in)
				if app.ErrorCode(err) != tc.code || (tc.field != "" && fieldProblem(err, tc.field) == "") {
					t.Fatalf("got %v, want %s %s", err, tc.code, tc.field)
				}
			})
		}
		ins := must(s.CreateInspection(ctx, judge1, good))(t)
		trail := must(s.AuditTrail(ctx, judge1, "inspection", ins.ID))(t)
		if len(trail) != 1 || trail[0].Action != "inspection.create" {
			t.Errorf("audit %+v", trail)
		}
	})
}

func TestProtectionOrdersBelongToTheCourtAndItsWorkstations(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		ws := must(s.CreateWorkstation(ctx, ct.Actor("admin"), app.WorkstationInput{
			Kind: strp("forest"), Name: strp("石门台森林法官工作室"), OpenedOn: datep("2023-05-01")}))(t)
		ws2 := must(s.CreateWorkstation(ctx, ct.Actor("admin2"), app.WorkstationInput{
			Kind: strp("forest"), Name: strp("英德森林法官工作室"), OpenedOn: datep("2023-05-01")}))(t)
		judge := ct.Actor("judge1")
		good := app.ProtectionOrderInput{IssuedOn: app.MustDate("2025-06-05"), Issuers: "清新区人民法院、石门台保护区管理局",
			Area: "石门台保护区核心区", Content: "禁止在保护区内滥伐林木、非法采砂", WorkstationID: ws.ID}
		for _, tc := range []struct {
			rule  string
			edit  func(in *app.ProtectionOrderInput)
			field string
		}{
			{"issued on a date", func(in *app.ProtectionOrderInput) { in.IssuedOn = app.Date{} }, "issued_on"},
			{"not issued in the future", func(in *app.ProtectionOrderInput) { in.IssuedOn = app.MustDate("2025-07-09") }, "issued_on"},
			{"issuers are named", func(in *app.ProtectionOrderInput) { in.Issuers = " " }, "issuers"},
			{"an area is protected", func(in *app.ProtectionOrderInput) { in.Area = "" }, "area"},
			{"the order says something", func(in *app.ProtectionOrderInput) { in.Content = "" }, "content"},
			{"the workstation is the court's", func(in *app.ProtectionOrderInput) { in.WorkstationID = ws2.ID }, "workstation_id"},
		} {
			t.Run(tc.rule, func(t *testing.T) {
				in := good
				tc.edit(&in)
				if _, err := s.CreateProtectionOrder(ctx, judge, in); fieldProblem(err, tc.field) == "" {
					t.Fatalf("got %v, want a problem with %s", err, tc.field)
				}
			})
		}
		po := must(s.CreateProtectionOrder(ctx, judge, good))(t)
		plain := good
		plain.WorkstationID = 0
		must(s.CreateProtectionOrder(ctx, judge, plain))(t)
		list := must(s.ListProtectionOrders(ctx, judge, ws.ID, app.Page{Page: 1, Size: 10}))(t)
		if list.Total != 1 || list.Items[0].ID != po.ID || list.Items[0].WorkstationName != "石门台森林法官工作室" {
			t.Errorf("by workstation %+v", list)
		}
		if all := must(s.ListProtectionOrders(ctx, judge, 0, app.Page{Page: 1, Size: 10}))(t); all.Total != 2 {
			t.Errorf("all %d", all.Total)
		}
		if f := must(s.WorkstationFigures(ctx, judge, ws.ID))(t); f.ProtectionOrders != 1 {
			t.Errorf("figures count %d orders", f.ProtectionOrders)
		}
	})
}
