package reports_test

import (
	"database/sql"
	"math"
	"reflect"
	"strconv"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/app/demo"
	"fuyuan/reports"
)

// generatedCases reads every litigation case of the demo court with its
// hearings and appeal as scriptCases, for the oracle, and the organs' regions.
func generatedCases(t *testing.T, s *app.Store) ([]scriptCase, map[int64]string) {
	t.Helper()
	db := s.DB
	rows := func(q string, each func(v []sql.NullString)) {
		t.Helper()
		r, err := db.Raw(q, demo.CourtCode).Rows()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		for r.Next() {
			v, err := apptest.ScanText(r)
			if err != nil {
				t.Fatal(err)
			}
			each(v)
		}
		if err := r.Err(); err != nil {
			t.Fatal(err)
		}
	}
	date := func(v sql.NullString) app.Date {
		if !v.Valid || v.String == "" {
			return app.Date{}
		}
		return app.MustDate(v.String[:10])
	}
	num := func(v sql.NullString) int64 {
		n, _ := strconv.ParseInt(v.String, 10, 64)
		return n
	}
	lit := map[string]bool{}
	rows(`SELECT code, litigation FROM case_types WHERE court_code = ?`, func(v []sql.NullString) {
		lit[v[0].String] = v[1].String == "1" || v[1].String == "true"
	})
	regions := map[int64]string{}
	rows(`SELECT id, region FROM organs WHERE court_code = ?`, func(v []sql.NullString) { regions[num(v[0])] = v[1].String })
	byID := map[int64]*scriptCase{}
	var ids []int64
	rows(`SELECT id, case_type, domain, cause, organ_id, judge_id, filed_on, closed_on, deadline_on, close_method,
		judgment_result, organ_corrected, status FROM cases WHERE court_code = ?`, func(v []sql.NullString) {
		if !lit[v[1].String] {
			return
		}
		c := &scriptCase{id: num(v[0]), caseType: v[1].String, domain: v[2].String, cause: v[3].String, organ: num(v[4]),
			judge: num(v[5]), filed: date(v[6]), deadline: date(v[8]), method: v[9].String, result: v[10].String,
			corrected: num(v[11]) != 0}
		if v[12].String == app.StatusClosed {
			c.closed = date(v[7])
		} else if v[7].Valid {
			t.Fatalf("case %d is %s with a closing day: the oracle does not read such a case", c.id, v[12].String)
		}
		byID[c.id] = c
		ids = append(ids, c.id)
	})
	rows(`SELECT case_id, held_on, head_notified, head_appeared, head_spoke, head_rank FROM hearings
		WHERE court_code = ? AND held_on IS NOT NULL`, func(v []sql.NullString) {
		if c := byID[num(v[0])]; c != nil {
			c.hearings = append(c.hearings, scriptHearing{held: date(v[1]), notified: num(v[2]) != 0,
				appeared: num(v[3]) != 0, spoke: num(v[4]) != 0, principal: v[5].String == "principal"})
		}
	})
	rows(`SELECT case_id, filed_on, decided_on, result FROM appeals WHERE court_code = ?`, func(v []sql.NullString) {
		if c := byID[num(v[0])]; c != nil {
			c.appealFiled, c.appealDecided, c.appealResult = date(v[1]), date(v[2]), v[3].String
		}
	})
	out := make([]scriptCase, 0, len(ids))
	for _, id := range ids {
		out = append(out, *byID[id])
	}
	return out, regions
}

// TestAccountabilityFiguresOfAGeneratedRegisterMatchARecount is the safety
// net of the figures' SQL: on a register made by `fuyuan gen`, the figures of
// the court and of every value of every dimension, for a year and for a
// month, equal the oracle's plain Go recount over the register's rows; and
// computing several dimensions in one pass (CaseFiguresByEach, as the white
// paper does) gives exactly the tables of one dimension at a time.
func TestAccountabilityFiguresOfAGeneratedRegisterMatchARecount(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		clock.Set(scaleToday)
		if err := demo.Generate(caseContext, s, demo.GenOptions{Cases: 4000}); err != nil {
			t.Fatal(err)
		}
		cases, regions := generatedCases(t, s)
		keyOf := map[string]func(scriptCase) string{
			"":          func(scriptCase) string { return "" },
			"organ":     func(c scriptCase) string { return strconv.FormatInt(c.organ, 10) },
			"region":    func(c scriptCase) string { return regions[c.organ] },
			"domain":    func(c scriptCase) string { return c.domain },
			"judge":     func(c scriptCase) string { return strconv.FormatInt(c.judge, 10) },
			"case_type": func(c scriptCase) string { return c.caseType },
			"cause":     func(c scriptCase) string { return c.cause },
		}
		dims := []string{"", "organ", "region", "domain", "judge", "case_type", "cause"}
		asOf := clock.Today()
		for _, p := range []reports.Period{
			{From: app.MustDate("2025-01-01"), To: app.MustDate("2025-12-31")},
			{From: app.MustDate("2025-12-01"), To: app.MustDate("2025-12-31")},
		} {
			want := oracle(cases, p, asOf)
			if want.HearingCases == 0 || want.OrganLost == 0 || want.Appealed == 0 || want.OpenAtStart == 0 || want.NewCases == 0 {
				t.Fatalf("%v: the register exercises too little: %+v", p, want)
			}
			if got, want := mustFigures(t, s, p, asOf).Resolution, resolutionRecount(t, s, p, asOf); !reflect.DeepEqual(got, want) {
				t.Errorf("%v: 案结事了 %+v, recounted %+v", p, got, want)
			}
			each, err := reports.CaseFiguresByEach(caseContext, s, demo.CourtCode, p, asOf, dims...)
			if err != nil {
				t.Fatal(err)
			}
			if n, err := s.CaseCopiesDrift(s.DB); err != nil || n != 0 {
				t.Fatalf("%d generated hearings differ from their case (%v)", n, err)
			}
			if drift, err := s.HearingLinksDrift(caseContext); err != nil || len(drift) > 0 {
				t.Fatalf("the generated hearings' links drifted (%v): %v", err, drift)
			}
			for i, by := range dims {
				one, err := reports.CaseFiguresBy(caseContext, s, demo.CourtCode, p, asOf, by)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(one, each[i]) {
					t.Errorf("%v by %q: one pass for every dimension differs from one dimension alone", p, by)
				}
				for _, d := range diffFigures(one.Total, want) {
					t.Errorf("%v by %q total: %s", p, by, d)
				}
				groups := map[string][]scriptCase{}
				for _, c := range cases {
					groups[keyOf[by](c)] = append(groups[keyOf[by](c)], c)
				}
				seen := map[string]bool{}
				for _, r := range one.Rows {
					seen[r.Key] = true
					for _, d := range diffFigures(r.CaseFigures, oracle(groups[r.Key], p, asOf)) {
						t.Errorf("%v by %s %s (%s): %s", p, by, r.Key, r.Label, d)
					}
				}
				for k, g := range groups {
					o := oracle(g, p, asOf)
					if by != "" && !seen[k] && (o.NewCases > 0 || o.Closed > 0 || o.HearingCases > 0 || o.OpenAtStart > 0 || o.LongPending > 0) {
						t.Errorf("%v by %s: %s missing from the rows", p, by, k)
					}
				}
			}
		}
	})
}

// TestCaseFiguresOfSeveralPeriodsInOnePassEqualEachPeriodAlone: the
// monthly report reads its four periods (the month and the year to date,
// this year and last, each as of its own day, the year to date by organ) in
// one pass; every table equals CaseFiguresBy of its period and dimension
// alone, and so do periods that overlap, nest or lie apart, as of other
// days, and a month before the register's first case (no organ's row).
func TestCaseFiguresOfSeveralPeriodsInOnePassEqualEachPeriodAlone(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		clock.Set(scaleToday)
		if err := demo.Generate(caseContext, s, demo.GenOptions{Cases: 4000}); err != nil {
			t.Fatal(err)
		}
		d := app.MustDate
		for _, tc := range []struct {
			ps   []reports.Period
			asOf []app.Date
			bys  []string
		}{
			{ // the monthly report of 2025-12
				ps: []reports.Period{{From: d("2025-12-01"), To: d("2025-12-31")}, {From: d("2024-12-01"), To: d("2024-12-31")},
					{From: d("2025-01-01"), To: d("2025-12-31")}, {From: d("2024-01-01"), To: d("2024-12-31")}},
				asOf: []app.Date{d("2025-12-31"), d("2024-12-31"), d("2025-12-31"), d("2024-12-31")},
				bys:  []string{"", "", "organ", ""},
			},
			{
				ps: []reports.Period{{From: d("2025-03-15"), To: d("2025-09-30")}, {From: d("2023-07-01"), To: d("2025-04-30")},
					{From: d("2025-06-01"), To: d("2025-06-30")}, {From: d("2026-01-01"), To: d("2026-01-10")}},
				asOf: []app.Date{d("2026-01-10"), d("2025-05-31"), d("2025-06-30"), d("2026-01-10")},
				bys:  []string{"judge", "region", "", "cause"},
			},
			{ // by organ, a year with a day and a month before the register's first case: organs without records have no row
				ps: []reports.Period{{From: d("2025-01-01"), To: d("2025-12-31")}, {From: d("2025-06-10"), To: d("2025-06-10")},
					{From: d("2000-01-01"), To: d("2000-01-31")}},
				asOf: []app.Date{d("2026-01-10"), d("2026-01-10"), d("2000-01-31")},
				bys:  []string{"organ", "organ", "organ"},
			},
		} {
			got, err := reports.CaseFiguresOfPeriods(caseContext, s, demo.CourtCode, tc.ps, tc.asOf, tc.bys)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range tc.ps {
				one, err := reports.CaseFiguresBy(caseContext, s, demo.CourtCode, p, tc.asOf[i], tc.bys[i])
				if err != nil {
					t.Fatal(err)
				}
				if i == 0 && (one.Total.HearingCases == 0 || one.Total.NewCases == 0) {
					t.Fatalf("%v: the register exercises too little: %+v", p, one.Total)
				}
				if !reflect.DeepEqual(one, got[i]) {
					t.Errorf("%v as of %v by %q: read with other periods differs from alone:\n%+v\n%+v", p, tc.asOf[i], tc.bys[i], got[i], one)
				}
			}
		}
	})
}

func mustFigures(t *testing.T, s *app.Store, p reports.Period, asOf app.Date) reports.CaseFigures {
	t.Helper()
	tab, err := reports.CaseFiguresBy(caseContext, s, demo.CourtCode, p, asOf, "")
	if err != nil {
		t.Fatal(err)
	}
	return tab.Total
}

// resolutionRecount counts the court's 案结事了 figures of the resolutions
// (pre-litigation ones included) in Go from the rows of cases, re-filings,
// visits and commitments. The generated register has no visits: visits_due
// and the rest stay 0 on both sides.
func resolutionRecount(t *testing.T, s *app.Store, p reports.Period, asOf app.Date) reports.Resolution {
	t.Helper()
	ids := func(q string, args ...any) map[int64]bool {
		var list []int64
		if err := s.DB.Raw(q, args...).Scan(&list).Error; err != nil {
			t.Fatal(err)
		}
		out := map[int64]bool{}
		for _, id := range list {
			out[id] = true
		}
		return out
	}
	resolved := ids(`SELECT id FROM cases WHERE court_code = ? AND status = 'closed' AND closed_on >= ? AND closed_on <= ?
		AND close_method IN ('mediation', 'withdrawal', 'deemed_withdrawal')`, demo.CourtCode, p.From, p.To)
	revived := ids(`SELECT case_id FROM case_refilings WHERE refiled_on <= ?`, asOf)
	for id := range ids(`SELECT case_id FROM visits WHERE outcome = 'revived' AND visited_on <= ?`, asOf) {
		revived[id] = true
	}
	type commitment struct {
		CaseID      int64
		DueOn       app.Date
		FulfilledOn *app.Date
	}
	var cs []commitment
	if err := s.DB.Raw(`SELECT case_id, due_on, fulfilled_on FROM commitments`).Scan(&cs).Error; err != nil {
		t.Fatal(err)
	}
	overdue := map[int64]bool{}
	for _, c := range cs {
		if c.DueOn.Before(asOf) && (c.FulfilledOn == nil || c.FulfilledOn.After(asOf)) {
			overdue[c.CaseID] = true
		}
	}
	var r reports.Resolution
	for id := range resolved {
		r.ResolvedDisputes++
		count(&r.Revived, revived[id])
		count(&r.CommitmentsOverdue, overdue[id])
		count(&r.NotActuallyResolved, revived[id] || overdue[id])
	}
	if r.CommitmentsOverdue == 0 && p.From.String() == "2025-01-01" {
		t.Fatalf("%v: no resolution with an overdue commitment in the register's year", p)
	}
	r.ActuallyResolvedRate = mustRate(r.ResolvedDisputes-r.NotActuallyResolved, r.ResolvedDisputes)
	return r
}

func mustRate(n, d int64) *float64 {
	if d == 0 {
		return nil
	}
	x := math.Round(float64(n)/float64(d)*10000) / 10000
	return &x
}

// TestHearingsCarryTheirCasesDimensions: a hearing carries its case's type,
// organ, judge, domain and cause, and an appeal and a commitment those and
// the case's status and closing day (a commitment its closing method too),
// read there by the figures by dimension, as scheduled or recorded and
// after the case's organ, judge, domain and cause change and it is closed;
// the figures by organ and by judge count the heard and appealed case
// under its new values.
func TestHearingsCarryTheirCasesDimensions(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		clock.Set(time.Date(2026, 3, 1, 9, 0, 0, 0, app.Shanghai))
		ct := apptest.MustCourts(t, s)
		admin, leader := ct.Actor("admin"), ct.Actor("leader")
		other := must(s.CreateOrgan(caseContext, admin, app.OrganInput{Name: "清远市清城区人社局", Kind: "人社局", Region: "清城区"}))
		k := must(s.CreateCase(caseContext, leader, app.CaseInput{CaseType: "行初", Cause: "行政处罚", Domain: "ecology",
			Plaintiff: app.Party{Name: "原告甲", Kind: "individual"}, OrganID: ct.Organ.ID, FiledOn: app.MustDate("2025-03-03"),
			JudgeID: ct.Users["judge1"].ID}))
		day := app.MustDate("2025-04-01")
		start, end, room, yes := app.MustMinute("2025-04-01T09:00"), app.MustMinute("2025-04-01T11:00"), "第一法庭", true
		if _, err := s.ScheduleHearing(caseContext, leader, k.ID, app.HearingInput{StartsAt: &start, EndsAt: &end, Room: &room,
			Confirm: true, HeldOn: &day, HeadNotified: &yes}); err != nil {
			t.Fatal(err)
		}
		drift := func(when string) {
			t.Helper()
			if n, err := s.CaseCopiesDrift(s.DB); err != nil || n != 0 {
				t.Fatalf("%s: %d hearings differ from their case (%v)", when, n, err)
			}
		}
		drift("scheduled")
		must(s.UpdateCase(caseContext, leader, k.ID, app.CasePatch{Version: k.Version,
			OrganID: app.Change[int64]{Set: true, To: other.ID}, Domain: app.Change[string]{Set: true, To: "labour"},
			Cause: app.Change[string]{Set: true, To: "工伤认定"}, JudgeID: app.Change[int64]{Set: true, To: ct.Users["judge2"].ID}}))
		drift("after the case changed")
		// A commitment, then closed by a judgment and appealed: the
		// commitment and the appeal carry the closed case's status and
		// closing day (and the commitment its method) too (00210, 00211).
		must(s.AddCommitment(caseContext, leader, k.ID, app.CommitmentInput{Kind: "restore", DueOn: app.MustDate("2025-06-30")}))
		drift("a commitment recorded")
		must(s.CloseCase(caseContext, leader, k.ID, app.CloseInput{ClosedOn: app.MustDate("2025-05-06"), Method: "judgment", JudgmentResult: "revoke"}))
		drift("closed")
		must(s.FileAppeal(caseContext, leader, k.ID, app.AppealInput{FiledOn: app.MustDate("2025-05-16"), Appellant: "organ"}))
		drift("appealed")
		p := reports.Period{From: app.MustDate("2025-01-01"), To: app.MustDate("2025-12-31")}
		tabs, err := reports.CaseFiguresByEach(caseContext, s, "粤1803", p, clock.Today(), "organ", "judge", "domain", "cause")
		if err != nil {
			t.Fatal(err)
		}
		want := []string{strconv.FormatInt(other.ID, 10), strconv.FormatInt(ct.Users["judge2"].ID, 10), "labour", "工伤认定"}
		for i, tab := range tabs {
			var heard, appealed []string
			for _, r := range tab.Rows {
				if r.HearingCases > 0 {
					heard = append(heard, r.Key)
				}
				if r.Appealed > 0 {
					appealed = append(appealed, r.Key)
				}
			}
			if !reflect.DeepEqual(heard, []string{want[i]}) || tab.Total.HearingCases != 1 {
				t.Errorf("%s: heard cases under %v (total %d), want %s", tab.By, heard, tab.Total.HearingCases, want[i])
			}
			if !reflect.DeepEqual(appealed, []string{want[i]}) || tab.Total.Appealed != 1 {
				t.Errorf("%s: appealed cases under %v (total %d), want %s", tab.By, appealed, tab.Total.Appealed, want[i])
			}
		}
	})
}
