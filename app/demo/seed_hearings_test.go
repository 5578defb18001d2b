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

// The demo's hearings tell the story 府院联动 intends: year by year more
// organ heads appear in court and speak, and first-instance judgments are
// accepted more often; every accountability figure has something to show.
func TestDemoAppearanceRisesOverTheThreeYears(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		clock.Set(time.Date(2026, 5, 20, 9, 0, 0, 0, app.Shanghai))
		w := &World{Store: s, Today: s.Clock.Today(), Rand: rand.New(rand.NewPCG(1803, 1881)),
			Users: map[string]app.User{}, Workstations: map[string]int64{}}
		for _, step := range []func(context.Context, *World) error{seedPlatform, seedWorkstations, seedCases} {
			if err := step(ctx, w); err != nil {
				t.Fatal(err)
			}
		}
		var rates []float64
		for _, y := range []int{2024, 2025} {
			p := reports.Period{From: app.NewDate(y, 1, 1), To: app.NewDate(y, 12, 31)}
			tab, err := reports.CaseFiguresBy(ctx, s, CourtCode, p, w.Today, "organ")
			if err != nil {
				t.Fatal(err)
			}
			f := tab.Total
			if f.HearingCases < 50 || f.OrganLost == 0 || f.Corrected <= f.OrganLost || f.Appealed == 0 || f.HeadAppearanceRate == nil ||
				f.HeadSpokeRate == nil || f.PrincipalHeadRate == nil || f.ClosedWithinLimitRate == nil || len(tab.Rows) < 5 {
				t.Errorf("%d: the demo leaves an accountability figure empty: %+v", y, f)
				continue
			}
			rates = append(rates, *f.HeadAppearanceRate)
			t.Logf("%d: hearing cases %d, appearance %.2f, spoke %.2f, principal %.2f, lost %d, corrected %d, appealed %d of %d, reversed %d",
				y, f.HearingCases, *f.HeadAppearanceRate, *f.HeadSpokeRate, *f.PrincipalHeadRate, f.OrganLost, f.Corrected, f.Appealed, f.FirstInstanceClosed, f.Reversed)
		}
		if len(rates) == 2 && rates[1] <= rates[0] {
			t.Errorf("负责人出庭应诉率 %.4f in 2024 and %.4f in 2025: it should rise", rates[0], rates[1])
		}
	})
}
