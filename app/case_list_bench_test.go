package app_test

import (
	"context"
	"reflect"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/app/demo"
)

// leaderOf returns the demo court's leader as an actor.
func leaderOf(t testing.TB, s *app.Store) app.Actor {
	t.Helper()
	var u app.User
	if err := s.DB.Where("court_code = ? AND username = ?", demo.CourtCode, "leader").Take(&u).Error; err != nil {
		t.Fatal(err)
	}
	return u.Actor()
}

// EachCase and ListCases scan their rows by hand; GetCase through gorm. A
// generated register (suspensions, mediators, closings, fines) must read the
// same through all three.
func TestEachCaseReadsEveryFieldAsListCases(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		if err := demo.Generate(ctx, s, demo.GenOptions{Cases: 1500}); err != nil {
			t.Fatal(err)
		}
		a := leaderOf(t, s)
		// Beside the register's one mediator a case: a suspended case with
		// a second mediator and a second open suspension (a row each in a
		// joined read), and a case of three mediators.
		var mediators []int64
		if err := s.DB.Raw("SELECT id FROM users ORDER BY id LIMIT 3").Scan(&mediators).Error; err != nil || len(mediators) < 3 {
			t.Fatalf("mediators %v: %v", mediators, err)
		}
		var suspended, open int64
		if err := s.DB.Raw(`SELECT MIN(c.id) FROM cases c JOIN case_mediators cm ON cm.case_id = c.id
			WHERE c.status = ? AND cm.user_id <> ?`, app.StatusSuspended, mediators[0]).Scan(&suspended).Error; err != nil || suspended == 0 {
			t.Fatalf("no suspended case with a mediator: %v", err)
		}
		if err := s.DB.Raw("SELECT MIN(id) FROM cases WHERE status = ? AND id NOT IN (SELECT case_id FROM case_mediators)", app.StatusMediating).Scan(&open).Error; err != nil || open == 0 {
			t.Fatalf("no mediating case without mediators: %v", err)
		}
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{"INSERT INTO case_mediators (case_id, user_id) VALUES (?, ?)", []any{suspended, mediators[0]}},
			{`INSERT INTO excluded_periods (case_id, reason, start_on, notes, created_at)
				SELECT case_id, reason, start_on, 'second', created_at FROM excluded_periods WHERE case_id = ? AND end_on IS NULL`, []any{suspended}},
			{"INSERT INTO case_mediators (case_id, user_id) VALUES (?, ?), (?, ?), (?, ?)", []any{open, mediators[2], open, mediators[0], open, mediators[1]}},
		} {
			if err := s.DB.Exec(q.sql, q.args...).Error; err != nil {
				t.Fatal(err)
			}
		}
		several := 0 // the cases read with more than one mediator
		for _, f := range []app.CaseFilter{{Sort: app.DefaultCaseSort}, {Status: app.StatusSuspended, Sort: "deadline_on"}} {
			var streamed []app.Case
			if err := s.EachCase(ctx, a, app.NewVisibility(a, app.ScopeAll), f, func(c app.Case) error {
				streamed = append(streamed, c)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			var listed []app.Case
			for page := 1; ; page++ {
				l, err := s.ListCases(ctx, a, app.NewVisibility(a, app.ScopeAll), f, app.Page{Page: page, Size: 100})
				if err != nil {
					t.Fatal(err)
				}
				listed = append(listed, l.Items...)
				if len(l.Items) < 100 {
					break
				}
			}
			if len(streamed) == 0 || len(streamed) != len(listed) {
				t.Fatalf("%+v: EachCase gave %d cases, ListCases %d", f, len(streamed), len(listed))
			}
			var mediated, paused int
			for i := range listed {
				// EachCase reads no mediators; everything else is the same.
				withMediators := streamed[i]
				withMediators.MediatorIDs = listed[i].MediatorIDs
				if len(streamed[i].MediatorIDs) > 0 || !reflect.DeepEqual(withMediators, listed[i]) {
					t.Fatalf("%+v: case %d differs:\nEachCase  %+v\nListCases %+v", f, i, streamed[i], listed[i])
				}
				if i%7 == 0 || len(listed[i].MediatorIDs) > 0 || !listed[i].SuspendedOn.IsZero() {
					got, err := s.GetCase(ctx, a, listed[i].ID)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(got, listed[i]) {
						t.Fatalf("%+v: case %d differs:\nGetCase   %+v\nListCases %+v", f, i, got, listed[i])
					}
				}
				if len(listed[i].MediatorIDs) > 0 {
					mediated++
				}
				if len(listed[i].MediatorIDs) > 1 {
					several++
				}
				if !listed[i].SuspendedOn.IsZero() {
					paused++
				}
			}
			if f.Status == "" && (mediated == 0 || paused == 0 || several != 2) {
				t.Fatalf("the register has %d cases with mediators (%d with several) and %d suspended: nothing compared", mediated, several, paused)
			}
		}
	})
}

// BenchmarkEachCase streams the whole generated register, as the case-list
// export reads it (FUYUAN_BENCH_CASES cases, default 20,000; see reports'
// BenchmarkScale for the export itself).
func BenchmarkEachCase(b *testing.B) {
	n := apptest.BenchCases(b)
	for _, dialect := range []string{app.SQLite, app.MySQL} {
		b.Run(dialect, func(b *testing.B) {
			clock := app.NewFakeClock(apptest.DefaultNow)
			s := apptest.MustOpen(b, dialect, clock)
			ctx := context.Background()
			if err := demo.Generate(ctx, s, demo.GenOptions{Cases: n}); err != nil {
				b.Fatal(err)
			}
			a := leaderOf(b, s)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				got := 0
				if err := s.EachCase(ctx, a, app.NewVisibility(a, app.ScopeAll), app.CaseFilter{Sort: app.DefaultCaseSort}, func(app.Case) error {
					got++
					return nil
				}); err != nil {
					b.Fatal(err)
				}
				if got != n {
					b.Fatalf("streamed %d cases of %d", got, n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/case")
		})
	}
}
