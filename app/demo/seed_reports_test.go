package demo

import (
	"context"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/reports"
)

// The whole demo seeds, and /reports has an archive: the last three months,
// each stored once by the system with its SHA-256.
func TestDemoArchivesTheLastMonthsReports(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		if err := Seed(ctx, s); err != nil {
			t.Fatal(err)
		}
		list, err := reports.ListArchive(ctx, s, CourtCode, 100)
		if err != nil {
			t.Fatal(err)
		}
		this := reports.MonthOf(s.Clock.Today())
		if len(list) != archivedMonths {
			t.Fatalf("%d archived reports, want %d: %+v", len(list), archivedMonths, list)
		}
		for i, a := range list {
			if want := this.Add(-1 - i).String(); a.Month != want || a.Version != 1 || len(a.SHA256) != 64 || a.Size == 0 {
				t.Errorf("archive %d: %+v, want month %s version 1", i, a, want)
			}
		}
		f, err := reports.Stats(ctx, s, CourtCode, reports.YearToDate(s.Clock.Today()), s.Clock.Today())
		if err != nil {
			t.Fatal(err)
		}
		if f.NewCases == 0 || f.Closed == 0 {
			t.Errorf("the demo year has no figures: %+v", f)
		}
	})
}
