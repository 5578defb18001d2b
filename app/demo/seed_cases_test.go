package demo

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// The case demo tells the court's story from its records: fewer new cases
// year by year and a rising 调撤率, every type, cause, domain, mediation mode
// and closing method, reduced fines, overdue commitments, open cases at every
// deadline flag, and a failed pre-litigation mediation that became a 行初 case.
func TestDemoCasesTellTheCourtsStory(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		clock.Set(time.Date(2026, 5, 20, 9, 0, 0, 0, app.Shanghai))
		w := &World{Store: s, Today: s.Clock.Today(), Rand: rand.New(rand.NewPCG(1803, 1881)),
			Users: map[string]app.User{}, Workstations: map[string]int64{}}
		if err := seedPlatform(ctx, w); err != nil {
			t.Fatal(err)
		}
		if err := seedWorkstations(ctx, w); err != nil {
			t.Fatal(err)
		}
		if err := seedCases(ctx, w); err != nil {
			t.Fatal(err)
		}
		if drift, err := s.CaseCountsDrift(ctx); err != nil || len(drift) > 0 {
			t.Fatalf("the case list's counts after seeding: %v %v", drift, err)
		}
		count := func(q string, args ...any) int64 {
			t.Helper()
			var n int64
			if err := s.DB.Raw(q, args...).Scan(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		today := w.Today
		if n := count("SELECT COUNT(*) FROM cases WHERE court_code = ?", CourtCode); n != int64(len(w.CaseIDs)) || n < 450 {
			t.Fatalf("%d cases, %d ids", n, len(w.CaseIDs))
		}
		if n := count("SELECT COUNT(*) FROM cases WHERE court_code = ?", Court2Code); n < 15 || n > 25 {
			t.Errorf("粤1881 has %d cases", n)
		}
		// Fewer litigation cases every full year, and a rising 调撤率.
		var perYear []int64
		var rates []float64
		for y := today.Year - 2; y < today.Year; y++ {
			from, to := app.NewDate(y, time.January, 1), app.NewDate(y, time.December, 31)
			perYear = append(perYear, count("SELECT COUNT(*) FROM cases WHERE court_code = ? AND case_type <> ? AND filed_on BETWEEN ? AND ?", CourtCode, app.PreLitigationType, from, to))
			closed := count("SELECT COUNT(*) FROM cases WHERE court_code = ? AND case_type <> ? AND closed_on BETWEEN ? AND ?", CourtCode, app.PreLitigationType, from, to)
			mw := count("SELECT COUNT(*) FROM cases WHERE court_code = ? AND case_type <> ? AND closed_on BETWEEN ? AND ? AND close_method IN ('mediation', 'withdrawal', 'deemed_withdrawal')", CourtCode, app.PreLitigationType, from, to)
			rates = append(rates, float64(mw)/float64(closed))
		}
		if perYear[1] >= perYear[0] {
			t.Errorf("new cases per year %v do not fall", perYear)
		}
		for _, r := range rates {
			if r < 0.42 || r > 0.68 {
				t.Errorf("调撤率 %v out of the realistic range", rates)
			}
		}
		checks := []struct {
			what string
			q    string
			args []any
		}{
			{"fast-track tourism cases at the scenic workstation", "SELECT COUNT(*) FROM cases WHERE fast_track = 1 AND domain = 'tourism' AND workstation_id = ?", []any{w.Workstations["scenic"]}},
			{"reduced fines", "SELECT COUNT(*) FROM cases WHERE penalty_after < penalty_before", nil},
			{"the forest fine cut by 20,000 yuan", "SELECT COUNT(*) FROM cases WHERE penalty_before = 6000000 AND penalty_after = 4000000 AND close_method = 'mediation'", nil},
			{"overdue commitments", "SELECT COUNT(*) FROM commitments WHERE fulfilled_on IS NULL AND due_on < ?", []any{today}},
			{"fulfilled commitments", "SELECT COUNT(*) FROM commitments WHERE fulfilled_on IS NOT NULL", nil},
			{"instalment commitments", "SELECT COUNT(*) FROM commitments WHERE kind = 'instalment' AND amount > 0", nil},
			{"overdue open cases", "SELECT COUNT(*) FROM cases WHERE court_code = ? AND status IN ('filed', 'mediating') AND deadline_on < ?", []any{CourtCode, today}},
			{"open cases due within 7 days", "SELECT COUNT(*) FROM cases WHERE status IN ('filed', 'mediating') AND deadline_on BETWEEN ? AND ?", []any{today, today.AddDays(7)}},
			{"open cases due within 8-15 days", "SELECT COUNT(*) FROM cases WHERE status IN ('filed', 'mediating') AND deadline_on BETWEEN ? AND ?", []any{today.AddDays(8), today.AddDays(15)}},
			{"open cases due within 16-30 days", "SELECT COUNT(*) FROM cases WHERE status IN ('filed', 'mediating') AND deadline_on BETWEEN ? AND ?", []any{today.AddDays(16), today.AddDays(30)}},
			{"a suspended case", "SELECT COUNT(*) FROM cases WHERE status = 'suspended'", nil},
			{"resumed suspensions", "SELECT COUNT(*) FROM excluded_periods WHERE reason = 'suspension' AND end_on IS NOT NULL", nil},
			{"appraisal periods", "SELECT COUNT(*) FROM excluded_periods WHERE reason = 'appraisal'", nil},
			{"extensions", "SELECT COUNT(*) FROM extensions", nil},
			{"a 行初 case following a failed pre-litigation mediation", "SELECT COUNT(*) FROM cases c JOIN cases o ON o.id = c.origin_case_id WHERE c.case_type = '行初' AND o.close_method = 'failed'", nil},
			{"linkage cases of the justice bureau", "SELECT COUNT(*) FROM cases WHERE linkage = 1 AND linkage_partner = '司法局'", nil},
			{"cases of mediator1", "SELECT COUNT(*) FROM case_mediators WHERE user_id = ?", []any{w.Users["mediator1"].ID}},
			{"mediating cases", "SELECT COUNT(*) FROM cases WHERE status = 'mediating'", nil},
			{"cross-region cases", "SELECT COUNT(*) FROM cases WHERE cross_region = 1 AND region <> ''", nil},
		}
		for _, c := range checks {
			if n := count(c.q, c.args...); n == 0 {
				t.Errorf("no %s", c.what)
			}
		}
		enums := []struct {
			column string
			table  string
			enum   app.Enum
		}{
			{"cause", "cases", app.Causes}, {"domain", "cases", app.Domains}, {"mode", "mediations", app.MediationModes},
			{"result", "mediations", app.MediationResults}, {"close_method", "cases", app.CloseMethods},
			{"judgment_result", "cases", app.JudgmentResults}, {"kind", "commitments", app.CommitmentKinds},
		}
		for _, e := range enums {
			for _, o := range e.enum.Options {
				if n := count("SELECT COUNT(*) FROM "+e.table+" WHERE "+e.column+" = ?", o.Code); n == 0 {
					t.Errorf("no %s %s", e.column, o.Code)
				}
			}
		}
		for _, typ := range []string{"行初", "行审", "行赔初", app.PreLitigationType} {
			if n := count("SELECT COUNT(*) FROM cases WHERE case_type = ? AND court_code = ?", typ, CourtCode); n < 20 {
				t.Errorf("only %d cases of type %s", n, typ)
			}
		}
		// The numbers run by filing date within each type and year.
		if n := count(`SELECT COUNT(*) FROM cases a JOIN cases b ON a.court_code = b.court_code AND a.case_type = b.case_type
			AND a.year = b.year AND a.seq < b.seq WHERE a.filed_on > b.filed_on`); n > 0 {
			t.Errorf("%d pairs of numbers out of filing order", n)
		}
		// Like a real division: 95 % or more of the litigation cases closed
		// within their limit, and a handful open past it, by days or weeks
		// (overdue as the case list's ?overdue=true and every page say it).
		closed := count("SELECT COUNT(*) FROM cases WHERE court_code = ? AND case_type <> ? AND status = 'closed'", CourtCode, app.PreLitigationType)
		inTime := count("SELECT COUNT(*) FROM cases WHERE court_code = ? AND case_type <> ? AND status = 'closed' AND closed_on <= deadline_on", CourtCode, app.PreLitigationType)
		if float64(inTime) < 0.95*float64(closed) || inTime == closed {
			t.Errorf("%d of %d litigation cases closed within their limit: want 95 %% or more, and a few late", inTime, closed)
		}
		yes := true
		for _, court := range []string{CourtCode, Court2Code} {
			leader := w.Actor("leader")
			if court == Court2Code {
				leader = w.Actor("admin2")
			}
			open, err := s.ListCases(ctx, leader, app.NewVisibility(leader, app.ScopeAll), app.CaseFilter{Status: app.StatusOpen}, app.Page{Page: 1, Size: 1000})
			if err != nil {
				t.Fatal(err)
			}
			overdue, err := s.ListCases(ctx, leader, app.NewVisibility(leader, app.ScopeAll), app.CaseFilter{Overdue: &yes}, app.Page{Page: 1, Size: 1000})
			if err != nil {
				t.Fatal(err)
			}
			if court == CourtCode && (overdue.Total < 2 || overdue.Total > 15) {
				t.Errorf("%s: %d of %d open cases overdue, want a handful", court, overdue.Total, open.Total)
			}
			for _, c := range overdue.Items {
				if c.DaysOverdue() > 60 {
					t.Errorf("%s: %s (filed %s, %s) is %d days past its deadline %s", court, c.CaseNo, c.FiledOn, c.Status, c.DaysOverdue(), c.DeadlineOn)
				}
			}
			for _, c := range open.Items {
				if c.FiledOn.Before(today.AddDays(-400)) {
					t.Errorf("%s: %s filed %s is still %s", court, c.CaseNo, c.FiledOn, c.Status)
				}
			}
		}
		// Every deadline stored is the one the engine computes for the case now.
		for _, id := range []int64{w.CaseIDs[0], w.CaseIDs[len(w.CaseIDs)/2], w.CaseIDs[len(w.CaseIDs)-1]} {
			c, err := s.GetCase(ctx, w.Actor("leader"), id)
			if err != nil || c.DeadlineOn.IsZero() {
				t.Errorf("case %d: %+v %v", id, c, err)
			}
		}
	})
}
