package reports_test

import (
	"context"
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/reports"
	"fuyuan/reports/reportstest"
)

// scripted opens the two test courts and records the scripted year in 粤1803,
// with a little of the same in 粤1881 that must never be counted.
func scripted(t *testing.T, s *app.Store, clock *app.FakeClock) (*apptest.Court, reportstest.Year) {
	t.Helper()
	clock.Set(time.Date(2026, 1, 10, 9, 0, 0, 0, app.Shanghai))
	courts := apptest.MustCourts(t, s)
	f := reportstest.New(t, s, "粤1803", courts.Organ.ID, courts.Users["judge1"].ID)
	y := reportstest.ScriptedYear(f)
	other := reportstest.New(t, s, "粤1881", courts.Organ2.ID, courts.Users["judge3"].ID)
	for i := 0; i < 5; i++ {
		d := app.NewDate(2025, 3, 1+i)
		id := other.Case(reportstest.Case{FiledOn: d})
		other.S.DB.Exec("UPDATE cases SET status = 'closed', closed_on = ?, close_method = 'mediation', days_to_close = 3 WHERE id = ?", d.AddDays(3), id)
		other.Circuit(d, "英德", true, 10)
		other.Meeting("enforcement_training", d, 99)
	}
	return courts, y
}

func mean(xs []int) *float64 {
	sum := 0
	for _, x := range xs {
		sum += x
	}
	return ptr(math.Round(float64(sum)/float64(len(xs))*10) / 10)
}

func ptr(v float64) *float64 { return &v }

// TestScriptedYearGivesTheFiguresOfDomainRules is issue 6's first acceptance
// line on the statistics: every figure by the date of its own event, per court.
func TestScriptedYearGivesTheFiguresOfDomainRules(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		_, y := scripted(t, s, clock)
		ctx := context.Background()
		got, err := reports.Stats(ctx, s, "粤1803", reports.Period{From: app.MustDate("2025-01-01"), To: app.MustDate("2025-12-31")}, s.Clock.Today())
		if err != nil {
			t.Fatal(err)
		}
		want := reports.Figures{
			NewCases: 30, Closed: 40,
			ClosedByMethod: map[string]int64{"judgment": 8, "mediation": 12, "withdrawal": 14, "deemed_withdrawal": 4,
				"dismissal": 2, "transfer": 0, "termination": 0},
			MediationRate: ptr(0.3), WithdrawalRate: ptr(0.45), MediationWithdrawalRate: ptr(0.75),
			PreLitigationReceived: 70, PreLitigationResolved: 60, ResolvedDisputes: 90,
			CircuitHearings: 9, CrossRegionCircuitHearings: 7, Inspections: 15, JointMediations: 52,
			LettersIssued:  map[string]int64{"pre_judgment": 5, "coordination": 3, "judicial": 2},
			LettersReplied: 6, LettersAdopted: 5, AdoptionRate: ptr(0.8333), LettersOverdue: 2,
			Trainings: 7, TrainingAttendances: 120 + 130 + 140 + 150 + 160 + 170 + 180,
			Meetings: map[string]int64{"annual_training": 1, "quarterly_joint": 1, "monthly_symposium": 1,
				"enforcement_training": 7, "joint_conference": 1},
			WorkstationServices: map[string]int64{"consultation": 4, "circuit_hearing": 3, "publicity": 2, "mediation": 5},
			WorkstationPeople:   (10 + 11 + 12 + 13) + (10 + 11 + 12) + (10 + 11) + (10 + 11 + 12 + 13 + 14),
			FinesAdjusted:       3, FineReduction: y.Reduction,
			AvgDaysToClose: mean(y.Days), AvgDaysToCloseFastTrack: mean(y.FastDays),
			NewCasesByYear: map[string]int64{"2023": 40, "2024": 35, "2025": 30},
		}
		if y.Reduction != 60000*100 {
			t.Fatalf("script reduction %v", y.Reduction)
		}
		// The accountability figures have their own scripted year (accountability_test.go),
		// and so have those of 案结事了 (resolved_test.go).
		got.Accountability = reports.Accountability{}
		got.Resolution = reports.Resolution{}
		if !reflect.DeepEqual(got, want) {
			g, _ := json.MarshalIndent(got, "", " ")
			w, _ := json.MarshalIndent(want, "", " ")
			t.Fatalf("figures:\n%s\nwant:\n%s", g, w)
		}
	})
}

// TestFiguresCountEachEventByItsOwnDate guards the rule that a closing is
// counted by closed_on and a filing by filed_on, period boundaries included,
// and that a suspended case is not closed.
func TestFiguresCountEachEventByItsOwnDate(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		courts := apptest.MustCourts(t, s)
		f := reportstest.New(t, s, "粤1803", courts.Organ.ID, courts.Users["judge1"].ID)
		d := app.MustDate
		f.Case(reportstest.Case{FiledOn: d("2024-12-31"), ClosedOn: d("2025-01-01"), Method: "mediation"})
		f.Case(reportstest.Case{FiledOn: d("2025-01-01"), ClosedOn: d("2025-03-31"), Method: "judgment"})
		f.Case(reportstest.Case{FiledOn: d("2025-03-31"), ClosedOn: d("2025-04-01"), Method: "withdrawal"})
		f.Case(reportstest.Case{FiledOn: d("2025-02-01"), Status: "suspended"})
		ctx := context.Background()
		cases := []struct {
			name             string
			from, to         string
			newCases, closed int64
			rate             *float64
		}{
			{"first quarter", "2025-01-01", "2025-03-31", 3, 2, ptr(0.5)},
			{"one day, both ends", "2025-03-31", "2025-03-31", 1, 1, ptr(0)},
			{"april", "2025-04-01", "2025-04-30", 0, 1, ptr(1)},
			{"nothing closed: the rate is unknown", "2025-05-01", "2025-05-31", 0, 0, nil},
		}
		for _, c := range cases {
			got, err := reports.Stats(ctx, s, "粤1803", reports.Period{From: d(c.from), To: d(c.to)}, d(c.to))
			if err != nil {
				t.Fatal(err)
			}
			if got.NewCases != c.newCases || got.Closed != c.closed || !reflect.DeepEqual(got.MediationWithdrawalRate, c.rate) {
				t.Errorf("%s: new %d closed %d rate %v, want %d %d %v", c.name, got.NewCases, got.Closed, got.MediationWithdrawalRate, c.newCases, c.closed, c.rate)
			}
		}
	})
}

func TestRateIsRoundedToFourDecimalsAndUnknownWithoutDenominator(t *testing.T) {
	cases := []struct {
		num, den int64
		want     *float64
	}{{1, 3, ptr(0.3333)}, {2, 3, ptr(0.6667)}, {0, 0, nil}, {5, 0, nil}, {30, 40, ptr(0.75)}, {1, 1, ptr(1)}, {0, 4, ptr(0)}}
	for _, c := range cases {
		if got := reports.Rate(c.num, c.den); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Rate(%d, %d) = %v, want %v", c.num, c.den, got, c.want)
		}
	}
}

// A rate or an average with a zero denominator is null in JSON, never 0
// (domain.md, "Outcomes and agency accountability").
func TestRatesWithNothingToCountAreNullInJSON(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		_, _ = scripted(t, s, clock)
		got, err := reports.Stats(context.Background(), s, "粤1803", reports.Period{From: app.MustDate("2030-01-01"), To: app.MustDate("2030-01-31")}, s.Clock.Today())
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(got)
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"mediation_rate", "withdrawal_rate", "mediation_withdrawal_rate", "adoption_rate", "avg_days_to_close", "avg_days_to_close_fast_track"} {
			if v, ok := m[key]; !ok || v != nil {
				t.Errorf("%s = %v (present %v), want null", key, v, ok)
			}
		}
	})
}

func TestTrendCountsMonthsByTheirOwnEvents(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		_, _ = scripted(t, s, clock)
		ctx := context.Background()
		months := reports.LastMonths(reports.Month{Year: 2025, Month: 12}, 12)
		var periods []reports.Period
		for _, m := range months {
			periods = append(periods, m.Period())
		}
		trend, err := reports.Trend(ctx, s, "粤1803", periods)
		if err != nil {
			t.Fatal(err)
		}
		var newCases, closed, mw int64
		for i, p := range trend {
			f, err := reports.Stats(ctx, s, "粤1803", p.Period, p.Period.To)
			if err != nil {
				t.Fatal(err)
			}
			if p.NewCases != f.NewCases || p.Closed != f.Closed || !reflect.DeepEqual(p.MediationWithdrawalRate, f.MediationWithdrawalRate) {
				t.Errorf("month %s: trend %+v, stats new %d closed %d rate %v", months[i], p, f.NewCases, f.Closed, f.MediationWithdrawalRate)
			}
			newCases += p.NewCases
			closed += p.Closed
			mw += p.MediatedOrWithdrawn
		}
		if newCases != 30 || closed != 40 || mw != 30 {
			t.Errorf("year from months: new %d closed %d mediated or withdrawn %d", newCases, closed, mw)
		}
	})
}
