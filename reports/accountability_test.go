package reports_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/reports"
)

// scriptCase is one case of the accountability year as the test recorded it:
// the oracle below computes every figure of domain.md from these records
// with plain loops, independently of the SQL.
type scriptCase struct {
	id                         int64
	caseType, domain, cause    string
	organ                      int64
	judge                      int64
	filed, closed, deadline    app.Date
	method, result             string
	corrected                  bool
	hearings                   []scriptHearing
	appealFiled, appealDecided app.Date
	appealResult               string
}

type scriptHearing struct {
	held                                 app.Date
	notified, appeared, spoke, principal bool
}

// accountabilityYear records, in 粤1803, cases filed 2023–2025 against three
// organs in two regions, by two judges, in every domain: closings by every
// method and judgment result (2024, 2025 and 2026), hearings with and without
// the head, notified or not, held in 2024 and 2025, appeals with every result,
// cases open at the start of 2025 and long pending at its end; plus a
// pre-litigation mediation and another court's case that no figure counts.
func accountabilityYear(t *testing.T, s *app.Store, clock *app.FakeClock) (*apptest.Court, []scriptCase, map[int64]string) {
	t.Helper()
	ctx := caseContext
	clock.Set(time.Date(2026, 3, 1, 9, 0, 0, 0, app.Shanghai))
	ct := apptest.MustCourts(t, s)
	admin, leader := ct.Actor("admin"), ct.Actor("leader")
	organs := []app.Organ{ct.Organ,
		must(s.CreateOrgan(ctx, admin, app.OrganInput{Name: "清远市清新区自然资源局", Kind: "自然资源局", Region: "清新区"})),
		must(s.CreateOrgan(ctx, admin, app.OrganInput{Name: "清远市清城区人社局", Kind: "人社局", Region: "清城区"})),
	}
	regions := map[int64]string{}
	for _, o := range organs {
		regions[o.ID] = o.Region
	}
	judges := []int64{ct.Users["judge1"].ID, ct.Users["judge2"].ID}
	domains := []string{"ecology", "tourism", "enterprise", "labour", "other"}
	causes := []string{"行政处罚", "工伤认定", "山林权属"}
	closings := []struct{ method, result string }{
		{"judgment", "uphold"}, {"judgment", "revoke"}, {"mediation", ""}, {"withdrawal", ""},
		{"judgment", "confirm_illegal"}, {"deemed_withdrawal", ""}, {"judgment", "confirm_invalid"},
		{"dismissal", ""}, {"judgment", "alter"}, {"withdrawal", "corrected"}, {"judgment", "order_perform"},
		{"judgment", "compensate"},
	}
	var out []scriptCase
	for i := 0; i < 60; i++ {
		sc := scriptCase{caseType: "行初", domain: domains[i%5], cause: causes[i%3], organ: organs[i%3].ID, judge: judges[(i/3)%2]}
		switch {
		case i%7 == 3:
			sc.caseType = "行赔初"
		case i%11 == 5:
			sc.caseType = "行审"
		}
		switch {
		case i < 12:
			sc.filed = app.NewDate(2023, time.Month(1+i), 5+i%20)
		case i < 30:
			sc.filed = app.NewDate(2024, time.Month(1+i%12), 3+i%25)
		default:
			sc.filed = app.NewDate(2025, time.Month(1+i%11), 2+i%26)
		}
		in := app.CaseInput{CaseType: sc.caseType, Cause: sc.cause, Domain: sc.domain,
			Plaintiff: app.Party{Name: fmt.Sprintf("原告%d", i), Kind: "individual"}, OrganID: sc.organ, FiledOn: sc.filed, JudgeID: sc.judge}
		k := must(s.CreateCase(ctx, leader, in))
		sc.id, sc.deadline = k.ID, k.DeadlineOn
		// Hearings: none for every fifth case; one or two otherwise.
		if i%5 != 4 {
			for j := 0; j < 1+i%2; j++ {
				day := sc.filed.AddDays(20 + 40*j + i%9)
				h := scriptHearing{held: day, notified: i%3 != 1, appeared: (i+j)%4 != 0}
				h.spoke = h.appeared && (i+j)%3 != 2
				h.principal = h.appeared && i%2 == 0
				start, end := app.MustMinute(day.String()+"T09:00"), app.MustMinute(day.String()+"T11:00")
				room := "第一法庭"
				held := day
				in := app.HearingInput{StartsAt: &start, EndsAt: &end, Room: &room, Confirm: true, HeldOn: &held,
					HeadNotified: &h.notified, HeadAppeared: &h.appeared, HeadSpoke: &h.spoke}
				if h.appeared {
					name, rank := "负责人", "deputy"
					if h.principal {
						rank = "principal"
					}
					in.HeadName, in.HeadRank = &name, &rank
				} else if h.notified {
					reason := "公务冲突"
					in.AbsenceReason = &reason
				}
				if _, err := s.ScheduleHearing(ctx, leader, k.ID, in); err != nil {
					t.Fatalf("hearing of case %d: %v", i, err)
				}
				sc.hearings = append(sc.hearings, h)
			}
		}
		// Closings: most cases close 30–250 days after filing (some after
		// their deadline), every ninth stays open.
		if i%9 != 8 {
			cl := closings[i%len(closings)]
			if cl.result == "compensate" && sc.caseType != "行赔初" {
				cl = closings[0]
			}
			closed := sc.filed.AddDays(100 + (i*37)%160)
			for _, h := range sc.hearings {
				if closed.Before(h.held) {
					closed = h.held.AddDays(3)
				}
			}
			if closed.After(app.NewDate(2026, 2, 27)) {
				closed = app.NewDate(2026, 2, 27)
			}
			sc.closed, sc.method = closed, cl.method
			in := app.CloseInput{ClosedOn: closed, Method: cl.method}
			if cl.result == "corrected" {
				in.OrganCorrected, sc.corrected = true, true
			} else {
				in.JudgmentResult, sc.result = cl.result, cl.result
			}
			if _, err := s.CloseCase(ctx, leader, k.ID, in); err != nil {
				t.Fatalf("closing case %d: %v", i, err)
			}
			// Appeals of first-instance judgments, with every result.
			if (sc.caseType == "行初" || sc.caseType == "行赔初") && cl.method == "judgment" && i%4 != 1 {
				sc.appealFiled = closed.AddDays(10)
				if sc.appealFiled.After(app.NewDate(2026, 3, 1)) {
					sc.appealFiled = app.NewDate(2026, 3, 1)
				}
				ap := must(s.FileAppeal(ctx, leader, k.ID, app.AppealInput{FiledOn: sc.appealFiled, Appellant: "organ"}))
				if i%3 != 0 && !sc.appealFiled.After(app.NewDate(2026, 2, 1)) {
					sc.appealDecided = sc.appealFiled.AddDays(25)
					sc.appealResult = []string{"upheld", "altered", "remanded", "withdrawn"}[i%4]
					must(s.DecideAppeal(ctx, leader, ap.ID, app.AppealDecision{Result: sc.appealResult, DecidedOn: sc.appealDecided}))
				}
			}
		}
		out = append(out, sc)
	}
	// Not counted: a pre-litigation mediation with its closing, and 粤1881's case.
	pre := must(s.CreateCase(ctx, leader, app.CaseInput{CaseType: app.PreLitigationType, Cause: "行政处罚", Domain: "ecology",
		Plaintiff: app.Party{Name: "诉前原告", Kind: "individual"}, OrganID: organs[0].ID, FiledOn: app.MustDate("2025-03-03"), JudgeID: judges[0]}))
	must(s.CloseCase(ctx, leader, pre.ID, app.CloseInput{ClosedOn: app.MustDate("2025-03-20"), Method: "mediation"}))
	other := must(s.CreateCase(ctx, ct.Actor("judge3"), app.CaseInput{CaseType: "行初", Cause: "行政处罚", Domain: "ecology",
		Plaintiff: app.Party{Name: "英德原告", Kind: "individual"}, OrganID: ct.Organ2.ID, FiledOn: app.MustDate("2025-03-03"), JudgeID: ct.Users["judge3"].ID}))
	must(s.CloseCase(ctx, ct.Actor("judge3"), other.ID, app.CloseInput{ClosedOn: app.MustDate("2025-05-20"), Method: "judgment", JudgmentResult: "revoke"}))
	return ct, out, regions
}

// oracle computes the case figures of domain.md from the script's records.
func oracle(cases []scriptCase, p reports.Period, asOf app.Date) reports.CaseFigures {
	var f reports.CaseFigures
	a := &f.Accountability
	in := func(d app.Date) bool { return !d.IsZero() && !d.Before(p.From) && !d.After(p.To) }
	cutoff := p.To.AddMonths(-12)
	for _, c := range cases {
		if in(c.filed) {
			f.NewCases++
		}
		closedIn := in(c.closed)
		openOn := func(d app.Date) bool { return !c.filed.After(d) && (c.closed.IsZero() || c.closed.After(d)) }
		if openOn(p.From.AddDays(-1)) {
			a.OpenAtStart++
		}
		if openOn(p.To) && c.filed.Before(cutoff) {
			a.LongPending++
		}
		var heard, appeared, notified, spoke, principal bool
		for _, h := range c.hearings {
			if in(h.held) {
				heard = true
				appeared = appeared || h.appeared
				notified = notified || h.notified
				spoke = spoke || (h.appeared && h.spoke)
				principal = principal || (h.appeared && h.principal)
			}
		}
		if heard {
			a.HearingCases++
			count(&a.HeadAppearedCases, appeared)
			count(&a.HeadNotifiedCases, notified)
			count(&a.HeadNotifiedAppearedCases, notified && appeared)
			count(&a.HeadSpokeCases, spoke)
			count(&a.PrincipalHeadCases, principal)
		}
		if !closedIn {
			continue
		}
		f.Closed++
		count(&f.Mediated, c.method == "mediation")
		count(&f.Withdrawn, c.method == "withdrawal" || c.method == "deemed_withdrawal")
		lost := c.method == "judgment" && (c.result == "revoke" || c.result == "alter" || c.result == "confirm_illegal" ||
			c.result == "confirm_invalid" || c.result == "order_perform" || (c.result == "compensate" && c.caseType == "行赔初"))
		count(&a.OrganLost, lost)
		count(&a.Corrected, lost || (c.method == "withdrawal" && c.corrected))
		count(&a.ClosedWithinLimit, !c.closed.After(c.deadline))
		if c.caseType == "行初" || c.caseType == "行赔初" {
			a.FirstInstanceClosed++
			count(&a.Appealed, !c.appealFiled.IsZero() && !c.appealFiled.After(asOf))
			count(&a.Reversed, (c.appealResult == "altered" || c.appealResult == "remanded") && !c.appealDecided.After(asOf))
		}
	}
	rate := func(n, d int64) *float64 {
		if d == 0 {
			return nil
		}
		r := math.Round(float64(n)/float64(d)*10000) / 10000
		return &r
	}
	f.MediationWithdrawalRate = rate(f.Mediated+f.Withdrawn, f.Closed)
	a.HeadAppearanceRate = rate(a.HeadAppearedCases, a.HearingCases)
	a.HeadNotifiedAppearanceRate = rate(a.HeadNotifiedAppearedCases, a.HeadNotifiedCases)
	a.HeadSpokeRate = rate(a.HeadSpokeCases, a.HeadAppearedCases)
	a.PrincipalHeadRate = rate(a.PrincipalHeadCases, a.HeadAppearedCases)
	a.OrganLossRate = rate(a.OrganLost, f.Closed)
	a.CorrectionRate = rate(a.Corrected, f.Closed)
	a.AcceptanceRate = rate(a.FirstInstanceClosed-a.Appealed, a.FirstInstanceClosed)
	a.ReversalRate = rate(a.Reversed, a.FirstInstanceClosed)
	a.ClosedWithinLimitRate = rate(a.ClosedWithinLimit, f.Closed)
	a.ClosureRatio = rate(f.Closed, f.NewCases)
	a.ClearanceRate = rate(f.Closed, a.OpenAtStart+f.NewCases)
	return f
}

var caseContext = context.Background()

// must returns v, panicking on err (the script's steps are all valid).
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func jsonMarshal(v any) ([]byte, error)   { return json.Marshal(v) }
func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
func containsAll(s string, subs ...string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}

func count(n *int64, yes bool) {
	if yes {
		*n++
	}
}

// diffFigures lists the figures of got that differ from want. The figures
// of 案结事了 are resolved_test.go's: this year's script records no visits.
func diffFigures(got, want reports.CaseFigures) []string {
	got.Resolution, want.Resolution = reports.Resolution{}, reports.Resolution{}
	var out []string
	g, w := figureMap(got), figureMap(want)
	for k, wv := range w {
		if g[k] != wv {
			out = append(out, fmt.Sprintf("%s = %s, want %s", k, g[k], wv))
		}
	}
	return out
}

func figureMap(f reports.CaseFigures) map[string]string {
	m := map[string]string{}
	b, _ := jsonMarshal(f)
	var raw map[string]any
	jsonUnmarshal(b, &raw)
	for k, v := range raw {
		m[k] = fmt.Sprint(v)
	}
	return m
}

// TestAccountabilityFiguresOfAScriptedYearAreExact is issue 16's first
// acceptance line: each formula of domain.md ("Outcomes and agency
// accountability") exact for the court and per organ, region, domain, judge,
// case type and cause; a zero denominator is null; the rows of every
// dimension add up to the court's total.
func TestAccountabilityFiguresOfAScriptedYearAreExact(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct, cases, regions := accountabilityYear(t, s, clock)
		p := reports.Period{From: app.MustDate("2025-01-01"), To: app.MustDate("2025-12-31")}
		asOf := clock.Today()
		want := oracle(cases, p, asOf)
		if want.Closed == 0 || want.OrganLost == 0 || want.Corrected == want.OrganLost || want.Reversed == 0 ||
			want.Appealed == want.FirstInstanceClosed || want.HeadAppearedCases == want.HearingCases || want.LongPending == 0 ||
			want.OpenAtStart == 0 || want.ClosedWithinLimit == want.Closed || want.HeadNotifiedCases == want.HearingCases {
			t.Fatalf("the script does not exercise every rule: %+v", want)
		}
		total, err := reports.CaseFiguresBy(caseContext, s, "粤1803", p, asOf, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diffFigures(total.Total, want) {
			t.Errorf("court: %s", d)
		}
		// /stats without by carries the same figures.
		st, err := reports.Stats(caseContext, s, "粤1803", p, asOf)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diffFigures(reports.CaseFigures{Accountability: st.Accountability}, reports.CaseFigures{Accountability: want.Accountability}) {
			t.Errorf("stats: %s", d)
		}
		if st.NewCases != want.NewCases || st.Closed != want.Closed {
			t.Errorf("stats: new %d closed %d, want %d %d", st.NewCases, st.Closed, want.NewCases, want.Closed)
		}
		keyOf := map[string]func(scriptCase) string{
			"organ":     func(c scriptCase) string { return strconv.FormatInt(c.organ, 10) },
			"region":    func(c scriptCase) string { return regions[c.organ] },
			"domain":    func(c scriptCase) string { return c.domain },
			"judge":     func(c scriptCase) string { return strconv.FormatInt(c.judge, 10) },
			"case_type": func(c scriptCase) string { return c.caseType },
			"cause":     func(c scriptCase) string { return c.cause },
		}
		for _, by := range []string{"organ", "region", "domain", "judge", "case_type", "cause"} {
			tab, err := reports.CaseFiguresBy(caseContext, s, "粤1803", p, asOf, by)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range diffFigures(tab.Total, want) {
				t.Errorf("%s total: %s", by, d)
			}
			groups := map[string][]scriptCase{}
			for _, c := range cases {
				groups[keyOf[by](c)] = append(groups[keyOf[by](c)], c)
			}
			var sum reports.CaseFigures
			seen := map[string]bool{}
			for _, r := range tab.Rows {
				seen[r.Key] = true
				if r.Label == "" {
					t.Errorf("%s row %s has no label", by, r.Key)
				}
				for _, d := range diffFigures(r.CaseFigures, oracle(groups[r.Key], p, asOf)) {
					t.Errorf("%s %s (%s): %s", by, r.Key, r.Label, d)
				}
				sumCounts(&sum, r.CaseFigures)
			}
			for k, g := range groups {
				o := oracle(g, p, asOf)
				if !seen[k] && (o.NewCases > 0 || o.Closed > 0 || o.HearingCases > 0 || o.OpenAtStart > 0) {
					t.Errorf("%s %s missing from the rows", by, k)
				}
			}
			// The counts of the rows add up to the total.
			for _, k := range countKeys {
				if figureMap(sum)[k] != figureMap(tab.Total)[k] {
					t.Errorf("%s: rows add up to %s = %s, total %s", by, k, figureMap(sum)[k], figureMap(tab.Total)[k])
				}
			}
		}
		_ = ct
	})
}

// countKeys are the figures that are counts (they add up across rows).
var countKeys = []string{"new_cases", "closed", "mediated", "withdrawn", "hearing_cases", "head_appeared_cases",
	"head_notified_cases", "head_notified_appeared_cases", "head_spoke_cases", "principal_head_cases", "organ_lost",
	"corrected", "first_instance_closed", "appealed", "reversed", "closed_within_limit", "open_at_start", "long_pending"}

func sumCounts(sum *reports.CaseFigures, f reports.CaseFigures) {
	sum.NewCases += f.NewCases
	sum.Closed += f.Closed
	sum.Mediated += f.Mediated
	sum.Withdrawn += f.Withdrawn
	a, b := &sum.Accountability, f.Accountability
	a.HearingCases += b.HearingCases
	a.HeadAppearedCases += b.HeadAppearedCases
	a.HeadNotifiedCases += b.HeadNotifiedCases
	a.HeadNotifiedAppearedCases += b.HeadNotifiedAppearedCases
	a.HeadSpokeCases += b.HeadSpokeCases
	a.PrincipalHeadCases += b.PrincipalHeadCases
	a.OrganLost += b.OrganLost
	a.Corrected += b.Corrected
	a.FirstInstanceClosed += b.FirstInstanceClosed
	a.Appealed += b.Appealed
	a.Reversed += b.Reversed
	a.ClosedWithinLimit += b.ClosedWithinLimit
	a.OpenAtStart += b.OpenAtStart
	a.LongPending += b.LongPending
}

// TestAccountabilityRateWithNothingToCountIsNull: a zero denominator is null, never 0.
func TestAccountabilityRateWithNothingToCountIsNull(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		accountabilityYear(t, s, clock)
		// 2022: nothing was filed, heard or closed.
		p := reports.Period{From: app.MustDate("2022-01-01"), To: app.MustDate("2022-12-31")}
		tab, err := reports.CaseFiguresBy(caseContext, s, "粤1803", p, clock.Today(), "organ")
		if err != nil {
			t.Fatal(err)
		}
		m := figureMap(tab.Total)
		for _, k := range []string{"head_appearance_rate", "head_notified_appearance_rate", "head_spoke_rate", "principal_head_rate",
			"organ_loss_rate", "correction_rate", "acceptance_rate", "reversal_rate", "closed_within_limit_rate", "closure_ratio",
			"clearance_rate", "mediation_withdrawal_rate"} {
			if m[k] != "<nil>" {
				t.Errorf("%s = %s with nothing to count, want null", k, m[k])
			}
		}
		b, _ := jsonMarshal(tab.Total)
		if !containsAll(string(b), `"organ_loss_rate":null`, `"head_appearance_rate":null`) {
			t.Errorf("JSON: %s", b)
		}
	})
}

// TestMonthlyReportShowsEachOrganAndTheEfficiencyFigures: the monthly report
// gains the sheet of how each organ fares in the year to date (cases, lost,
// loss rate, heads appeared, appearance rate, letters issued and adopted)
// and the efficiency figures on its summary, each equal to /stats; a rate
// with nothing to count is "—".
func TestMonthlyReportShowsEachOrganAndTheEfficiencyFigures(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		_, cases, _ := accountabilityYear(t, s, clock)
		var xlsx bytes.Buffer
		if err := reports.Monthly(caseContext, s, "粤1803", reports.Month{Year: 2025, Month: 12}, app.CourtVisibility("粤1803"), &xlsx); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&xlsx)
		if err != nil {
			t.Fatal(err)
		}
		ytd := reports.Period{From: app.MustDate("2025-01-01"), To: app.MustDate("2025-12-31")}
		want, err := reports.CaseFiguresBy(caseContext, s, "粤1803", ytd, clock.Today(), "organ")
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(reports.SheetOrgans)
		if err != nil {
			t.Fatal(err)
		}
		byLabel := map[string][]string{}
		for _, r := range rows {
			if len(r) > 0 {
				byLabel[r[0]] = r
			}
		}
		pct := func(v *float64) string {
			if v == nil {
				return "—"
			}
			return fmt.Sprintf("%.2f%%", *v*100)
		}
		check := func(label string, c reports.CaseFigures) {
			r := byLabel[label]
			got := strings.Join(r, "|")
			w := fmt.Sprintf("%s|%d|%d|%d|%s|%d|%d|%s", label, c.NewCases, c.Closed, c.OrganLost, pct(c.OrganLossRate),
				c.HearingCases, c.HeadAppearedCases, pct(c.HeadAppearanceRate))
			if !strings.HasPrefix(got, w+"|") {
				t.Errorf("organ sheet row %q, want %q…", got, w)
			}
		}
		for _, r := range want.Rows {
			check(r.Label, r.CaseFigures)
		}
		check("合计", want.Total)
		if len(cases) == 0 || len(want.Rows) != 3 {
			t.Fatalf("organs: %d", len(want.Rows))
		}

		summary, err := f.GetRows(reports.SheetSummary)
		if err != nil {
			t.Fatal(err)
		}
		lines := map[string][]string{}
		for _, r := range summary {
			if len(r) > 0 {
				lines[r[0]] = r
			}
		}
		at := func(from, to string) reports.CaseFigures {
			tab, err := reports.CaseFiguresBy(caseContext, s, "粤1803", reports.Period{From: app.MustDate(from), To: app.MustDate(to)}, clock.Today(), "")
			if err != nil {
				t.Fatal(err)
			}
			return tab.Total
		}
		// 本月, 去年同月, 本年累计, 去年同期: columns 2, 3, 5 and 6 of the summary.
		periods := []reports.CaseFigures{at("2025-12-01", "2025-12-31"), at("2024-12-01", "2024-12-31"),
			at("2025-01-01", "2025-12-31"), at("2024-01-01", "2024-12-31")}
		for _, m := range []struct {
			label string
			value func(reports.CaseFigures) string
		}{
			{"法定审限内结案率", func(c reports.CaseFigures) string { return pct(c.ClosedWithinLimitRate) }},
			{"结收比", func(c reports.CaseFigures) string { return pct(c.ClosureRatio) }},
			{"结案率", func(c reports.CaseFigures) string { return pct(c.ClearanceRate) }},
			{"长期未结案件（期末）", func(c reports.CaseFigures) string { return fmt.Sprint(c.LongPending) }},
		} {
			r := lines[m.label]
			if len(r) < 6 {
				t.Errorf("summary has no line %s: %q", m.label, r)
				continue
			}
			for i, col := range []int{1, 2, 4, 5} {
				want := m.value(periods[i])
				if r[col] != want {
					t.Errorf("summary %s column %d: %q, want %q", m.label, col+1, r[col], want)
				}
			}
		}
		// January 2023 closed nothing: its 法定审限内结案率 is "—", never 0.
		xlsx.Reset()
		if err := reports.Monthly(caseContext, s, "粤1803", reports.Month{Year: 2023, Month: 1}, app.CourtVisibility("粤1803"), &xlsx); err != nil {
			t.Fatal(err)
		}
		jan, err := excelize.OpenReader(&xlsx)
		if err != nil {
			t.Fatal(err)
		}
		janRows, _ := jan.GetRows(reports.SheetSummary)
		for _, r := range janRows {
			if len(r) > 1 && r[0] == "法定审限内结案率" && r[1] != "—" {
				t.Errorf("January 2023 closed nothing, its 法定审限内结案率 is %q, want —", r[1])
			}
		}
	})
}

// The month-end archive runs as background work (app.Store.InBackground),
// its readers one after the other: the same report, byte for byte.
func TestMonthlyReportInTheBackgroundIsTheSame(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		accountabilityYear(t, s, clock)
		report := func(ctx context.Context) []byte {
			var xlsx bytes.Buffer
			if err := reports.Monthly(ctx, s, "粤1803", reports.Month{Year: 2025, Month: 12}, app.CourtVisibility("粤1803"), &xlsx); err != nil {
				t.Fatal(err)
			}
			return xlsx.Bytes()
		}
		want := report(caseContext)
		err := s.InBackground(caseContext, func(ctx context.Context) error {
			if !app.Background(ctx) {
				t.Error("InBackground's context is not background work")
			}
			if got := report(ctx); !bytes.Equal(got, want) {
				t.Errorf("the report in the background differs: %d bytes, %d in a request", len(got), len(want))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
