package reports_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/reports"
)

// resolvedScript records, in 粤1803, ten resolutions closed in 2025 (by
// mediation, withdrawal, deemed withdrawal and one pre-litigation mediation)
// and what came after them, seen on 2026-06-30:
//   - #0 is re-filed within 12 months under the same name and has a
//     commitment past due: revived and overdue, counted once;
//   - #1 is re-filed within 12 months under a full-width variant of its name;
//   - #2 has a visit that found the dispute revived;
//   - #3 has a commitment past due (unfulfilled);
//   - #4 is re-filed 13 months after its closing (not a re-filing);
//   - #5 has a commitment fulfilled, #6 one due after today;
//   - a judgment, and another organ's case of #0's plaintiff, count nothing.
func resolvedScript(t *testing.T, s *app.Store, clock *app.FakeClock) (*apptest.Court, []app.Case) {
	t.Helper()
	ctx := caseContext
	clock.Set(time.Date(2026, 6, 30, 9, 0, 0, 0, app.Shanghai))
	ct := apptest.MustCourts(t, s)
	judge := ct.Actor("judge1")
	other := must(s.CreateOrgan(ctx, ct.Actor("admin"), app.OrganInput{Name: "清远市清新区自然资源局", Kind: "自然资源局", Region: "清新区"}))
	file := func(caseType, plaintiff string, organ int64, filed string) app.Case {
		return must(s.CreateCase(ctx, judge, app.CaseInput{CaseType: caseType, Cause: "行政处罚", Domain: "ecology",
			Plaintiff: app.Party{Name: plaintiff, Kind: "enterprise"}, OrganID: organ, FiledOn: app.MustDate(filed), JudgeID: ct.Users["judge1"].ID}))
	}
	closeAs := func(c app.Case, on, method string) app.Case {
		in := app.CloseInput{ClosedOn: app.MustDate(on), Method: method}
		if method == "judgment" {
			in.JudgmentResult = "uphold"
		}
		return must(s.CloseCase(ctx, judge, c.ID, in))
	}
	names := []string{"ABC林业有限公司", "清远市 绿源（集团）有限公司", "张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十"}
	methods := []string{"mediation", "withdrawal", "deemed_withdrawal", "mediation", "withdrawal", "mediation", "mediation", "withdrawal", "deemed_withdrawal", "mediation"}
	var cases []app.Case
	for i, name := range names {
		ctype := "行初"
		if i == 9 {
			ctype = "行诉前调"
		}
		closed := []string{"2025-03-10", "2025-04-15", "2025-05-20", "2025-06-05", "2025-03-01", "2025-07-01", "2025-08-08", "2025-09-09", "2025-10-10", "2025-11-11"}[i]
		c := file(ctype, name, ct.Organ.ID, "2025-01-0"+string(rune('1'+i%9)))
		cases = append(cases, closeAs(c, closed, methods[i]))
	}
	// Not a resolution: closed by judgment.
	closeAs(file("行初", "郑十一", ct.Organ.ID, "2025-02-01"), "2025-06-01", "judgment")

	refiled := file("行初", "ABC林业有限公司", ct.Organ.ID, "2025-12-01")
	if len(mustDetail(t, s, ct, refiled).RefilingOf) != 1 {
		t.Fatalf("the re-filing of #0 is not linked at filing")
	}
	file("行初", "ABC林业有限公司", other.ID, "2025-12-02") // another organ: no re-filing
	file("行审", "  清远市绿源(集团)有限公司 ", ct.Organ.ID, "2026-02-01")
	file("行初", "王五", ct.Organ.ID, "2026-04-05") // 13 months after #4's closing

	visits := must(s.VisitsOfCase(ctx, judge, cases[2].ID))
	must(s.RecordVisit(ctx, judge, visits[0].ID, app.VisitInput{VisitedOn: visits[0].DueOn, Method: "phone", Outcome: "revived", Notes: "原告又提出信访"}))
	for i, due := range map[int]string{0: "2026-01-31", 3: "2026-03-31", 5: "2026-02-28", 6: "2026-08-31"} {
		cm := must(s.AddCommitment(ctx, judge, cases[i].ID, app.CommitmentInput{Kind: "restore", DueOn: app.MustDate(due), Notes: "全面复绿"}))
		if i == 5 {
			must(s.FulfilCommitment(ctx, judge, cm.ID, app.FulfilInput{On: app.MustDate("2026-02-20")}))
		}
	}
	return ct, cases
}

func mustDetail(t *testing.T, s *app.Store, ct *apptest.Court, c app.Case) app.CaseDetail {
	t.Helper()
	a := ct.Actor("judge1")
	return must(s.CaseDetailOf(caseContext, a, app.CourtVisibility(a.Court), c))
}

func TestActuallyResolvedCountsRevivedAndOverdueCasesOnce(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct, cases := resolvedScript(t, s, clock)
		year := reports.Period{From: app.MustDate("2025-01-01"), To: app.MustDate("2025-12-31")}
		today := app.MustDate("2026-06-30")
		check := func(t *testing.T) {
			t.Helper()
			st := must(reports.Stats(caseContext, s, "粤1803", year, today))
			if st.ResolvedDisputes != 10 || st.Resolution.ResolvedDisputes != 10 || st.Revived != 3 || st.CommitmentsOverdue != 2 ||
				st.ActuallyResolvedRate == nil || *st.ActuallyResolvedRate != 0.6 {
				t.Fatalf("figures: resolved %d/%d, revived %d, commitments_overdue %d, rate %v; want 10, 3, 2, 0.6",
					st.ResolvedDisputes, st.Resolution.ResolvedDisputes, st.Revived, st.CommitmentsOverdue, st.ActuallyResolvedRate)
			}
			// Visits due in 2025: 8 at 3 months, 5 at 6 months; #2's first recorded.
			if st.VisitsDue != 13 || st.VisitsDone != 1 || st.VisitsOverdue != 12 {
				t.Errorf("visits of 2025: due %d, done %d, overdue %d; want 13, 1, 12", st.VisitsDue, st.VisitsDone, st.VisitsOverdue)
			}
			for _, by := range []string{"organ", "region", "domain", "judge", "case_type", "cause"} {
				tab := must(reports.CaseFiguresBy(caseContext, s, "粤1803", year, today, by))
				var sum reports.Resolution
				for _, r := range tab.Rows {
					sum.ResolvedDisputes += r.ResolvedDisputes
					sum.Revived += r.Revived
					sum.CommitmentsOverdue += r.CommitmentsOverdue
				}
				if tab.Total.Revived != 3 || tab.Total.CommitmentsOverdue != 2 || *tab.Total.ActuallyResolvedRate != 0.6 ||
					sum.ResolvedDisputes != 10 || sum.Revived != 3 || sum.CommitmentsOverdue != 2 {
					t.Errorf("by %s: total %+v, rows add up to %+v", by, tab.Total.Resolution, sum)
				}
			}
			// A year with no resolution has no rate.
			none := must(reports.Stats(caseContext, s, "粤1803", reports.Period{From: app.MustDate("2024-01-01"), To: app.MustDate("2024-12-31")}, today))
			if none.ActuallyResolvedRate != nil {
				t.Errorf("rate without resolutions = %v, want null", *none.ActuallyResolvedRate)
			}
		}
		check(t)
		// The trend by month of closing: March 2025 has #0 (revived and overdue) and #4.
		months := []reports.Period{{From: app.MustDate("2025-03-01"), To: app.MustDate("2025-03-31")}, {From: app.MustDate("2025-12-01"), To: app.MustDate("2025-12-31")}}
		trend := must(reports.ResolutionTrend(caseContext, s, "粤1803", months, today))
		if trend[0].ResolvedDisputes != 2 || trend[0].ActuallyResolvedRate == nil || *trend[0].ActuallyResolvedRate != 0.5 || trend[1].ActuallyResolvedRate != nil {
			t.Errorf("trend: %+v %+v", trend[0], trend[1])
		}

		// The case pages' links: #1 re-filed under a full-width variant, #4 not (13 months).
		d1 := mustDetail(t, s, ct, cases[1])
		if len(d1.Refilings) != 1 || d1.Refilings[0].FiledOn != app.MustDate("2026-02-01") {
			t.Errorf("refilings of #1 = %+v", d1.Refilings)
		}
		if d4 := mustDetail(t, s, ct, cases[4]); len(d4.Refilings) != 0 {
			t.Errorf("refilings of #4 (13 months later) = %+v", d4.Refilings)
		}

		// Visits fall due 3 and 6 months after the closing, on the next working day.
		vs := must(s.VisitsOfCase(caseContext, ct.Actor("judge1"), cases[5].ID))
		if len(vs) != 2 || vs[0].Round != 3 || vs[0].DueOn != app.MustDate("2025-10-09") || vs[1].Round != 6 || vs[1].DueOn != app.MustDate("2026-01-04") {
			t.Fatalf("visits of the closing on 2025-07-01 = %+v; want 2025-10-09 and 2026-01-04", vs)
		}

		// The register as it stands: visits, links and keys made by the
		// command, exactly once.
		db := s.DB
		for _, q := range []string{"DELETE FROM case_refilings", "DELETE FROM visits WHERE outcome = ''", "UPDATE cases SET plaintiff_key = ''"} {
			if err := db.Exec(q).Error; err != nil {
				t.Fatal(err)
			}
		}
		first := must(s.ReconcileResolutions(caseContext))
		if first.Visits != 19 || first.Refilings != 2 || first.Keys != 15 {
			t.Errorf("first run: %+v; want 19 visits, 2 re-filings, 15 keys", first)
		}
		second := must(s.ReconcileResolutions(caseContext))
		if second.Visits != 0 || second.Refilings != 0 || second.Keys != 0 {
			t.Errorf("second run: %+v; want nothing", second)
		}
		var n int64
		db.Table("visits").Count(&n)
		if n != 20 {
			t.Errorf("visits after two runs = %d, want 20", n)
		}
		check(t)

		// The monthly report of December 2025 (as of its last day: #1's
		// re-filing and the commitments were still to come) and the white paper.
		sum := summaryOf(t, s, reports.Month{Year: 2025, Month: 12})
		if r := sum["案结事了率"]; len(r) < 5 || r[4] != "80.00%" || sum["　其中：争议再起"][4] != "2" || sum["应回访（到期日在期内）"][4] != "13" {
			t.Errorf("monthly summary: 案结事了率 %v, 争议再起 %v, 应回访 %v", r, sum["　其中：争议再起"], sum["应回访（到期日在期内）"])
		}
		if s.Dialect == app.SQLite {
			var b bytes.Buffer
			if err := reports.WhitePaper(caseContext, s, "粤1803", 2025, today, app.WhitePaper{}, &b); err != nil {
				t.Fatal(err)
			}
			text := strings.Join(whitePaperText(t, b.Bytes()), "")
			for _, want := range []string{"案结事了情况", "争议再起", "案结事了率60.00%", "到期回访13次，已回访1次，逾期未回访12次"} {
				if !strings.Contains(strings.Join(strings.Fields(text), ""), want) {
					t.Errorf("the white paper has no %q", want)
				}
			}
		}
	})
}
