package app_test

import (
	"context"
	"encoding/json"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

func strp(s string) *string { return &s }

func datep(s string) *app.Date {
	d := app.MustDate(s)
	return &d
}

func TestPartnersAreAStringOrAListOfStrings(t *testing.T) {
	tests := []struct {
		rule string
		json string
		want string
		bad  bool
	}{
		{"a string is kept as typed", `"石门台保护区管理局"`, "石门台保护区管理局", false},
		{"an array is joined with 、", `["古龙峡景区管理方", " 清新区文广旅体局 ", ""]`, "古龙峡景区管理方、清新区文广旅体局", false},
		{"null leaves it empty", `null`, "", false},
		{"a number is refused", `12`, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.rule, func(t *testing.T) {
			var l app.AgencyList
			err := json.Unmarshal([]byte(tc.json), &l)
			if (err != nil) != tc.bad {
				t.Fatalf("err %v, bad %v", err, tc.bad)
			}
			if string(l) != tc.want {
				t.Errorf("got %q, want %q", l, tc.want)
			}
		})
	}
	if got := app.AgencyList("保护区管理局、景区管理方，文旅部门").Names(); len(got) != 3 || got[2] != "文旅部门" {
		t.Errorf("names %v", got)
	}
}

func TestWorkstationFiguresGiveEveryKindOnceWithPeopleServed(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		ws := must(s.CreateWorkstation(ctx, ct.Actor("admin"), app.WorkstationInput{
			Kind: strp("scenic"), Name: strp("古龙峡景区法官工作室"), Place: strp("清新区浸潭镇古龙峡景区"), OpenedOn: datep("2024-03-01")}))(t)
		judge := ct.Actor("judge1")
		for _, in := range []app.ServiceInput{
			{Kind: "consultation", HeldOn: app.MustDate("2025-06-02"), People: 12},
			{Kind: "publicity", HeldOn: app.MustDate("2025-06-10"), People: 200, Notes: "景区商户普法"},
			{Kind: "mediation", HeldOn: app.MustDate("2025-06-20"), People: 3},
			{Kind: "consultation", HeldOn: app.MustDate("2024-10-02"), People: 5}, // last year
		} {
			must(s.LogService(ctx, judge, ws.ID, in))(t)
		}
		// Another workstation's services do not count.
		other := must(s.CreateWorkstation(ctx, ct.Actor("admin"), app.WorkstationInput{
			Kind: strp("forest"), Name: strp("石门台森林法官工作室"), OpenedOn: datep("2024-01-01")}))(t)
		must(s.LogService(ctx, judge, other.ID, app.ServiceInput{Kind: "publicity", HeldOn: app.MustDate("2025-06-11"), People: 80}))(t)

		f := must(s.WorkstationFigures(ctx, judge, ws.ID))(t)
		want := map[string][4]int64{ // this year: count, people; total: count, people
			"consultation": {1, 12, 2, 17}, "publicity": {1, 200, 1, 200}, "mediation": {1, 3, 1, 3}, "circuit_hearing": {0, 0, 0, 0},
		}
		if len(f.Services) != len(app.ServiceKinds.Options) {
			t.Fatalf("%d kinds, want each of %d once: %+v", len(f.Services), len(app.ServiceKinds.Options), f.Services)
		}
		seen := map[string]bool{}
		for _, sf := range f.Services {
			if seen[sf.Kind] {
				t.Errorf("kind %s twice", sf.Kind)
			}
			seen[sf.Kind] = true
			got := [4]int64{sf.ThisYear, sf.PeopleThisYear, sf.Total, sf.PeopleTotal}
			if got != want[sf.Kind] {
				t.Errorf("%s: %v, want %v", sf.Kind, got, want[sf.Kind])
			}
		}
		if f.Year != 2025 || f.ServicesThisYear != 3 || f.PeopleThisYear != 215 || f.ServicesTotal != 4 || f.PeopleTotal != 220 {
			t.Errorf("totals %+v", f)
		}
		// 粤1881 cannot see or log at 粤1803's workstation.
		if _, err := s.WorkstationFigures(ctx, ct.Actor("judge3"), ws.ID); app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("other court figures: %v", err)
		}
		if _, err := s.LogService(ctx, ct.Actor("judge3"), ws.ID, app.ServiceInput{Kind: "mediation", HeldOn: app.MustDate("2025-06-20"), People: 1}); app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("other court logs: %v", err)
		}
		list := must(s.ListServices(ctx, judge, ws.ID, app.ServiceFilter{}, app.Page{Page: 1, Size: 10}))(t)
		if list.Total != 4 || list.Items[0].Kind != "mediation" || list.Items[0].RecordedBy != "judge1姓名" {
			t.Errorf("log %+v", list)
		}
	})
}

func TestServiceLogRejectsBadEntries(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		ws := must(s.CreateWorkstation(ctx, ct.Actor("admin"), app.WorkstationInput{
			Kind: strp("mediation_station"), Name: strp("太平镇行政争议调解工作站"), OpenedOn: datep("2025-03-01")}))(t)
		tests := []struct {
			rule  string
			in    app.ServiceInput
			field string
		}{
			{"the kind is one of the four services", app.ServiceInput{Kind: "banquet", HeldOn: app.MustDate("2025-06-01"), People: 3}, "kind"},
			{"a Chinese label is accepted for the kind", app.ServiceInput{Kind: "法律咨询", HeldOn: app.MustDate("2025-06-01"), People: 3}, ""},
			{"the date is required", app.ServiceInput{Kind: "mediation", People: 3}, "held_on"},
			{"a service is logged after it happened", app.ServiceInput{Kind: "mediation", HeldOn: app.MustDate("2025-07-02"), People: 3}, "held_on"},
			{"not before the workstation opened", app.ServiceInput{Kind: "mediation", HeldOn: app.MustDate("2025-02-28"), People: 3}, "held_on"},
			{"at least one person is served", app.ServiceInput{Kind: "mediation", HeldOn: app.MustDate("2025-06-01"), People: 0}, "people"},
		}
		for _, tc := range tests {
			t.Run(tc.rule, func(t *testing.T) {
				_, err := s.LogService(ctx, ct.Actor("judge1"), ws.ID, tc.in)
				if tc.field == "" {
					if err != nil {
						t.Fatal(err)
					}
					return
				}
				var e *app.Error
				if app.ErrorCode(err) != app.EINVALID || !asError(err, &e) || e.Fields[tc.field] == "" {
					t.Fatalf("got %v, want a problem with %s", err, tc.field)
				}
			})
		}
		var n int64
		s.DB.Table("workstation_services").Where("workstation_id = ?", ws.ID).Count(&n)
		if n != 1 {
			t.Errorf("%d services saved, want only the good one", n)
		}
	})
}

func TestWorkstationNamesAreUniqueInACourtAndEditsAreAudited(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		admin := ct.Actor("admin")
		in := app.WorkstationInput{Kind: strp("forest"), Name: strp("石门台森林法官工作室"), OpenedOn: datep("2023-05-01")}
		ws := must(s.CreateWorkstation(ctx, admin, in))(t)
		if _, err := s.CreateWorkstation(ctx, admin, in); app.ErrorCode(err) != app.EINVALID {
			t.Fatalf("duplicate name: %v", err)
		}
		// Another court may use the same name.
		must(s.CreateWorkstation(ctx, ct.Actor("admin2"), in))(t)
		var partners app.AgencyList
		json.Unmarshal([]byte(`["石门台保护区管理局","英德市林业局"]`), &partners)
		got := must(s.UpdateWorkstation(ctx, admin, ws.ID, app.WorkstationInput{Partners: &partners, Place: strp("石门台保护区")}))(t)
		if got.Partners != "石门台保护区管理局、英德市林业局" || got.Name != "石门台森林法官工作室" || got.Kind != "forest" {
			t.Errorf("updated %+v", got)
		}
		if _, err := s.UpdateWorkstation(ctx, ct.Actor("admin2"), ws.ID, app.WorkstationInput{Place: strp("x")}); app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("other court edit: %v", err)
		}
		trail := must(s.AuditTrail(ctx, admin, "workstation", ws.ID))(t)
		if len(trail) != 2 || trail[0].Action != "workstation.create" || trail[1].Action != "workstation.update" || len(trail[1].Before) == 0 {
			t.Errorf("audit %+v", trail)
		}
	})
}

// TestCircuitHeldAtAWorkstationCountsOnceInItsFigures guards issue 15: a
// circuit hearing that names the workstation it was held at is one 巡回审判
// among that workstation's services (its audience the people served), entered
// once on the circuit page; another court's workstation cannot be named.
func TestCircuitHeldAtAWorkstationCountsOnceInItsFigures(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		ws := must(s.CreateWorkstation(ctx, ct.Actor("admin"), app.WorkstationInput{
			Kind: strp("forest"), Name: strp("石门台森林法官工作室"), OpenedOn: datep("2024-01-01")}))(t)
		judge := ct.Actor("judge1")
		must(s.LogService(ctx, judge, ws.ID, app.ServiceInput{Kind: "circuit_hearing", HeldOn: app.MustDate("2025-05-02"), People: 10}))(t)
		c := must(s.CreateCircuit(ctx, judge, app.CircuitInput{HeldOn: app.MustDate("2025-06-12"), Place: "石门台保护区管理站",
			Audience: 40, WorkstationID: ws.ID}))(t)
		if c.WorkstationID == nil || *c.WorkstationID != ws.ID || c.WorkstationName != "石门台森林法官工作室" {
			t.Fatalf("circuit %+v", c)
		}
		must(s.CreateCircuit(ctx, judge, app.CircuitInput{HeldOn: app.MustDate("2025-06-13"), Place: "太平镇", Audience: 7}))(t)
		f := must(s.WorkstationFigures(ctx, judge, ws.ID))(t)
		for _, sf := range f.Services {
			if sf.Kind == "circuit_hearing" && (sf.Total != 2 || sf.PeopleTotal != 50) {
				t.Errorf("circuit hearings at the workstation: %d, %d people; want 2 and 50", sf.Total, sf.PeopleTotal)
			}
		}
		list := must(s.ListCircuits(ctx, judge, app.CircuitFilter{}, app.Page{Page: 1, Size: 10}))(t)
		for _, k := range list.Items {
			if k.ID == c.ID && k.WorkstationName != "石门台森林法官工作室" {
				t.Errorf("the list reads the circuit without its workstation: %+v", k)
			}
		}
		other := must(s.CreateWorkstation(ctx, ct.Actor("admin2"), app.WorkstationInput{
			Kind: strp("scenic"), Name: strp("英西峰林景区法官工作室"), OpenedOn: datep("2024-01-01")}))(t)
		if _, err := s.CreateCircuit(ctx, judge, app.CircuitInput{HeldOn: app.MustDate("2025-06-14"), Place: "英西峰林", WorkstationID: other.ID}); errFields(err)["workstation_id"] == "" {
			t.Errorf("naming another court's workstation: %v", err)
		}
	})
}
