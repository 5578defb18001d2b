package demo

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/reports"
)

// The demo of 案结事了: visits recorded over the three years, some finding the
// dispute revived, re-filings linked (one under a variant of the name),
// overdue commitments, and a 案结事了率 somewhat below one.
func TestDemoVisitsRefilingsAndTheActuallyResolvedRate(t *testing.T) {
	s := apptest.MustOpenSQLite(t, app.NewFakeClock(time.Date(2026, 5, 20, 9, 0, 0, 0, app.Shanghai)))
	ctx := context.Background()
	w := &World{Store: s, Today: s.Clock.Today(), Rand: rand.New(rand.NewPCG(1803, 1881)),
		Users: map[string]app.User{}, Workstations: map[string]int64{}}
	for _, step := range []func(context.Context, *World) error{seedPlatform, seedWorkstations, seedCases, seedVisits} {
		if err := step(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	count := func(q string, args ...any) int64 {
		t.Helper()
		var n int64
		if err := s.DB.Raw(q, args...).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	for y := w.Today.Year - 2; y <= w.Today.Year; y++ {
		if n := count("SELECT COUNT(*) FROM visits WHERE visited_on BETWEEN ? AND ?", app.NewDate(y, 1, 1), app.NewDate(y, 12, 31)); n == 0 && y > w.Today.Year-2 {
			t.Errorf("no visits recorded in %d", y)
		}
	}
	links := count("SELECT COUNT(*) FROM case_refilings")
	variants := count("SELECT COUNT(*) FROM case_refilings r JOIN cases o ON o.id = r.case_id JOIN cases n ON n.id = r.refiling_id WHERE o.plaintiff_name <> n.plaintiff_name")
	revived := count("SELECT COUNT(*) FROM visits WHERE outcome = 'revived'")
	overdue := count("SELECT COUNT(*) FROM commitments WHERE fulfilled_on IS NULL AND due_on < ?", w.Today)
	pending := count("SELECT COUNT(*) FROM visits WHERE visited_on IS NULL AND due_on < ?", w.Today)
	if links < 3 || variants == 0 || revived < 3 || overdue == 0 || pending == 0 {
		t.Errorf("re-filings %d (variants %d), revived visits %d, overdue commitments %d, visits not made %d", links, variants, revived, overdue, pending)
	}
	last := reports.Period{From: app.NewDate(w.Today.Year-1, 1, 1), To: app.NewDate(w.Today.Year-1, 12, 31)}
	f, err := reports.Stats(ctx, s, CourtCode, last, w.Today)
	if err != nil {
		t.Fatal(err)
	}
	if f.ActuallyResolvedRate == nil || *f.ActuallyResolvedRate < 0.75 || *f.ActuallyResolvedRate > 0.95 || f.Revived == 0 || f.CommitmentsOverdue == 0 {
		t.Errorf("last year: resolved %d, revived %d, commitments overdue %d, 案结事了率 %v", f.ResolvedDisputes, f.Revived, f.CommitmentsOverdue, f.ActuallyResolvedRate)
	}
	t.Logf("last year: resolved %d, revived %d, commitments overdue %d, 案结事了率 %.4f, 调撤率 %.4f; visits due %d done %d overdue %d; links %d",
		f.ResolvedDisputes, f.Revived, f.CommitmentsOverdue, *f.ActuallyResolvedRate, *f.MediationWithdrawalRate, f.VisitsDue, f.VisitsDone, f.VisitsOverdue, links)
}
