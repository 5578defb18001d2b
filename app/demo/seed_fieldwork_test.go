package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// demoFieldCases inserts cases of 粤1803 straight into the cases table (the
// case register is another part's), one filed every ten days over the
// seeded years, a third of them closed thirty days later.
func demoFieldCases(t *testing.T, w *World) []int64 {
	t.Helper()
	s := w.Store
	now := s.Clock.Now().UTC()
	var ids []int64
	judges := []int64{w.Users["judge1"].ID, w.Users["judge2"].ID}
	causes := []string{"山林权属", "行政处罚", "自然资源监管", "工伤认定"}
	i := 0
	for day := app.NewDate(w.Today.Year-2, 1, 5); day.Before(w.Today); day = day.AddDays(10) {
		i++
		no := fmt.Sprintf("（%d）粤1803行初%d号", day.Year, i)
		var closed, days any
		status := "filed"
		if i%3 == 0 && day.AddDays(30).Before(w.Today) {
			status, closed, days = "closed", day.AddDays(30), 30
		}
		err := s.DB.Exec(`INSERT INTO cases (court_code, case_no, case_type, year, seq, cause, domain, plaintiff_name, plaintiff_kind,
			organ_id, filed_on, judge_id, status, deadline_on, closed_on, days_to_close, created_at, updated_at)
			VALUES (?, ?, '行初', ?, ?, ?, 'ecology', '村民', 'individual', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			CourtCode, no, day.Year, i, causes[i%len(causes)], w.Organs[0].ID, day, judges[i%2], status, day.AddMonths(6), closed, days, now, now).Error
		if err != nil {
			t.Fatal(err)
		}
		var id int64
		s.DB.Raw("SELECT id FROM cases WHERE case_no = ?", no).Scan(&id)
		ids = append(ids, id)
	}
	return ids
}

// The field-work demo gives the workstation pages, the calendar and the
// statistics something true to show: the four workstations of 粤1803, a
// service log of every kind, seven cross-regional circuit hearings a year and
// some upcoming ones, about fifteen inspections a year and the 石门台 order.
func TestDemoFieldworkSeedsWorkstationsServicesHearingsInspectionsAndOrders(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		w := &World{Store: s, Today: s.Clock.Today(), Rand: rand.New(rand.NewPCG(1803, 1881)),
			Users: map[string]app.User{}, Workstations: map[string]int64{}}
		for _, step := range []func(context.Context, *World) error{seedPlatform, seedWorkstations} {
			if err := step(ctx, w); err != nil {
				t.Fatal(err)
			}
		}
		for _, k := range app.WorkstationKinds.Options {
			if w.Workstations[k.Code] == 0 {
				t.Errorf("no %s workstation in w.Workstations", k.Code)
			}
		}
		w.CaseIDs = demoFieldCases(t, w)
		if err := seedFieldwork(ctx, w); err != nil {
			t.Fatal(err)
		}
		count := func(q string, args ...any) int64 {
			t.Helper()
			var n int64
			if err := s.DB.Raw(q, args...).Scan(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		forest := w.Workstations["forest"]
		var ws app.Workstation
		s.DB.Where("id = ?", forest).Take(&ws)
		if ws.Name != "石门台森林法官工作室" || ws.Place != "广东石门台国家级自然保护区" || ws.Partners != "石门台保护区管理局" {
			t.Errorf("forest workstation %+v", ws)
		}
		var scenic app.Workstation
		s.DB.Where("id = ?", w.Workstations["scenic"]).Take(&scenic)
		if scenic.Name != "古龙峡景区法官工作室" || scenic.Partners != "古龙峡景区管理方、清新区文广旅体局" {
			t.Errorf("scenic workstation %+v", scenic)
		}
		for _, kind := range []string{"forest", "scenic"} {
			for _, sk := range app.ServiceKinds.Options {
				if n := count("SELECT COUNT(*) FROM workstation_services WHERE workstation_id = ? AND kind = ?", w.Workstations[kind], sk.Code); n == 0 {
					t.Errorf("%s workstation has no %s service", kind, sk.Code)
				}
			}
		}
		if n := count("SELECT COUNT(*) FROM workstation_services WHERE held_on > ?", w.Today); n != 0 {
			t.Errorf("%d services after today", n)
		}
		last := w.Today.Year - 1
		from, to := app.NewDate(last, 1, 1), app.NewDate(last, 12, 31)
		if n := count("SELECT COUNT(*) FROM circuits WHERE cross_region = 1 AND held_on >= ? AND held_on <= ?", from, to); n != 7 {
			t.Errorf("%d cross-regional hearings in %d, want 7", n, last)
		}
		if n := count("SELECT COUNT(*) FROM circuits WHERE held_on > ?", w.Today); n < 2 {
			t.Errorf("%d upcoming hearings", n)
		}
		if n := count("SELECT COUNT(*) FROM circuit_cases"); n == 0 {
			t.Error("no case heard at a circuit hearing")
		}
		if n := count("SELECT COUNT(*) FROM inspections WHERE held_on >= ? AND held_on <= ?", from, to); n < 12 || n > 16 {
			t.Errorf("%d inspections in %d, want about 15", n, last)
		}
		if n := count("SELECT COUNT(*) FROM protection_orders WHERE workstation_id = ?", forest); n != 1 {
			t.Errorf("%d protection orders at 石门台", n)
		}
		// Every record is audited like one made through the pages.
		if n := count("SELECT COUNT(*) FROM audit_log WHERE action = 'workstation_service.create'"); n != count("SELECT COUNT(*) FROM workstation_services") {
			t.Errorf("services not audited one by one")
		}
	})
}

// Without the case part's cases, field work still seeds (hearings without cases, no inspections).
func TestDemoFieldworkWithoutCases(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		w := &World{Store: s, Today: s.Clock.Today(), Rand: rand.New(rand.NewPCG(1803, 1881)),
			Users: map[string]app.User{}, Workstations: map[string]int64{}}
		for _, step := range []func(context.Context, *World) error{seedPlatform, seedWorkstations, seedFieldwork} {
			if err := step(ctx, w); err != nil {
				t.Fatal(err)
			}
		}
		var hearings, inspections int64
		s.DB.Table("circuits").Count(&hearings)
		s.DB.Table("inspections").Count(&inspections)
		if hearings == 0 || inspections != 0 {
			t.Errorf("%d hearings, %d inspections", hearings, inspections)
		}
	})
}
