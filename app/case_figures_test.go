package app_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// TestCaseFigureDaysEqualARebuildAfterRandomWrites: the figures per day the
// store keeps in each write's transaction (case_figure_days) equal a rebuild
// from the cases after a random sequence of filings, edits of organ, judge,
// domain, cause and filing day, closings by every method and result,
// suspensions and resumptions, mediations, hearings, appeals and visits, on
// both databases; refused writes (a closing before the filing, a stale
// version) move nothing.
func TestCaseFigureDaysEqualARebuildAfterRandomWrites(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		leader, judge1 := ct.Actor("leader"), ct.Actor("judge1")
		setCaseToday(clock, "2025-12-20")
		organ2 := caseMust(s.CreateOrgan(caseCtx, ct.Actor("admin"), app.OrganInput{Name: "清远市清城区市场监督管理局", Kind: "市场监管局", Region: "清城区"}))
		organs := []int64{ct.Organ.ID, organ2.ID}
		judges := []int64{ct.Users["judge1"].ID, ct.Users["judge2"].ID}
		types := []string{"行初", "行审", app.CompensationType, app.PreLitigationType}
		methods := []string{"judgment", "mediation", "withdrawal", "deemed_withdrawal", "dismissal", "transfer", "termination"}
		results := []string{"revoke", "uphold", "compensate", "confirm_invalid", "alter"}
		rng := rand.New(rand.NewPCG(16, 21))
		day := func(lo int) app.Date { return app.MustDate("2025-01-01").AddDays(lo + rng.IntN(40)) }
		check := func(step string) {
			t.Helper()
			drift, err := s.CaseFigureDaysDrift(caseCtx)
			if err != nil {
				t.Fatal(err)
			}
			if len(drift) > 0 {
				t.Fatalf("after %s the figures per day drifted: %v", step, drift)
			}
			// And the links of the hearings (00160) stay those of their cases' hearings.
			if drift, err := s.HearingLinksDrift(caseCtx); err != nil || len(drift) > 0 {
				t.Fatalf("after %s the hearings' links drifted (%v): %v", step, err, drift)
			}
			// And the case's columns the hearings and appeals carry (00111, 00210).
			if n, err := s.CaseCopiesDrift(s.DB); err != nil || n != 0 {
				t.Fatalf("after %s %d hearings or appeals differ from their case (%v)", step, n, err)
			}
		}
		var ids, hearings, heard []int64
		done := map[string]int{}
		for i := range 300 {
			op := rng.IntN(10)
			if len(ids) < 6 {
				op = 0
			}
			var id int64
			if len(ids) > 0 {
				id = ids[rng.IntN(len(ids))]
			}
			var err error
			step := ""
			switch op {
			case 0, 1: // filing
				in := caseFiling(ct, types[rng.IntN(len(types))], day(0).String())
				in.OrganID, in.JudgeID = organs[rng.IntN(2)], judges[rng.IntN(2)]
				in.Domain = app.Domains.Options[rng.IntN(len(app.Domains.Options))].Code
				in.Cause = app.Causes.Options[rng.IntN(3)].Code
				in.FastTrack = rng.IntN(3) == 0
				if rng.IntN(2) == 0 {
					before := app.Money(1000 * (1 + rng.IntN(5)))
					in.PenaltyBefore = &before
				}
				var c app.Case
				c, err = s.CreateCase(caseCtx, judge1, in)
				ids = append(ids, c.ID)
				step = "a filing"
			case 2: // an edit of organ, judge, domain, cause or filing day
				c := caseMust(s.GetCase(caseCtx, leader, id))
				p := app.CasePatch{Version: c.Version}
				switch rng.IntN(7) {
				case 0:
					p.OrganID = app.Change[int64]{Set: true, To: organs[rng.IntN(2)]}
				case 1:
					p.JudgeID = app.Change[int64]{Set: true, To: judges[rng.IntN(2)]}
				case 2:
					p.Domain = app.Change[string]{Set: true, To: app.Domains.Options[rng.IntN(len(app.Domains.Options))].Code}
				case 3:
					p.Cause = app.Change[string]{Set: true, To: app.Causes.Options[rng.IntN(3)].Code}
				case 4:
					p.FastTrack = app.Change[bool]{Set: true, To: !c.FastTrack}
				case 5:
					var before *app.Money
					if c.PenaltyBefore == nil {
						m := app.Money(1000 * (1 + rng.IntN(5)))
						before = &m
					}
					p.PenaltyBefore = app.Change[*app.Money]{Set: true, To: before}
				default:
					p.FiledOn = app.Change[app.Date]{Set: true, To: day(0)}
				}
				_, err = s.UpdateCase(caseCtx, leader, id, p)
				step = "an edit"
			case 3, 4: // a closing (refused when before the filing or the case is closed)
				in := app.CloseInput{ClosedOn: day(30), Method: methods[rng.IntN(len(methods))], OrganCorrected: rng.IntN(2) == 0}
				if in.Method == "judgment" {
					in.JudgmentResult = results[rng.IntN(len(results))]
				}
				if in.Method != "withdrawal" {
					in.OrganCorrected = false
				}
				// A fine adjusted on two closings in three of cases with one, kept on the others.
				if c, gerr := s.GetCase(caseCtx, leader, id); gerr == nil && c.PenaltyBefore != nil {
					after := *c.PenaltyBefore - app.Money(min(1, rng.IntN(3))*500)
					in.PenaltyAfter = &after
				}
				_, err = s.CloseCase(caseCtx, leader, id, in)
				step = "a closing " + in.Method
			case 5:
				_, err = s.SuspendCase(caseCtx, judge1, id, app.SuspendInput{On: day(20), Reason: "鉴定"})
				step = "a suspension"
			case 6:
				_, err = s.ResumeCase(caseCtx, judge1, id, app.ResumeInput{On: day(40)})
				step = "a resumption"
			case 7:
				_, err = s.RecordMediation(caseCtx, judge1, id, app.MediationInput{HeldOn: day(20), Mode: "onsite", Result: "continuing"})
				step = "a mediation"
			case 8:
				if len(hearings) > 0 && rng.IntN(2) == 0 {
					// What happened at a hearing: held on a day, with the
					// head's flags, which the hearings' links follow.
					h := hearings[rng.IntN(len(hearings))]
					held, yes, no := day(40), true, false
					flag := func() *bool {
						if rng.IntN(2) == 0 {
							return &yes
						}
						return &no
					}
					in := app.HearingInput{HeldOn: &held, HeadNotified: flag(), HeadAppeared: flag()}
					if *in.HeadAppeared {
						rank := []string{"principal", "deputy"}[rng.IntN(2)]
						in.HeadSpoke, in.HeadRank, in.HeadName, in.HeadPost = flag(), &rank, ref("王局长"), ref("局长")
					} else {
						in.HeadSpoke, in.HeadRank, in.HeadName, in.HeadPost = &no, ref(""), ref(""), ref("")
					}
					_, err = s.UpdateHearing(caseCtx, leader, h, in)
					step = "a hearing held"
					break
				}
				if len(heard) > 0 && rng.IntN(3) > 0 {
					id = heard[rng.IntN(len(heard))] // a case's further hearing
				}
				d := day(40).String()
				var h app.Hearing
				h, err = s.ScheduleHearing(caseCtx, leader, id, slot(d, fmt.Sprintf("%02d:00", 8+i%9), fmt.Sprintf("%02d:30", 8+i%9), "第一法庭"))
				if err == nil {
					hearings, heard = append(hearings, h.ID), append(heard, id)
				}
				step = "a hearing"
			default:
				if rng.IntN(2) == 0 {
					_, err = s.FileAppeal(caseCtx, leader, id, app.AppealInput{FiledOn: day(80), Appellant: "organ"})
					step = "an appeal"
				} else {
					_, err = s.RecordVisit(caseCtx, leader, id, app.VisitInput{VisitedOn: day(120), Method: app.VisitMethods.Options[0].Code, Outcome: "resolved"})
					step = "a visit"
				}
			}
			if err != nil && app.ErrorCode(err) == "" {
				t.Fatalf("%s of case %d: %v", step, id, err)
			}
			if err == nil {
				done[step]++
			}
			if i%20 == 0 || op <= 4 {
				check(fmt.Sprintf("write %d (%s, %v)", i, step, err))
			}
		}
		check("every write")
		// The kept closings' days, fast-track days and fines were written to.
		rows, err := s.CaseFigureDays(caseCtx, ct.Organ.CourtCode, "", app.MustDate("2025-01-01"), app.MustDate("2026-12-31"), false)
		if err != nil {
			t.Fatal(err)
		}
		var sum app.FigureMeasures
		for _, r := range rows {
			sum.Add(r.FigureMeasures, 1)
		}
		if sum.DaysN == 0 || sum.FastDaysN == 0 || sum.FinesAdjusted == 0 {
			t.Fatalf("too few closings with days, fast track or fines: %+v (writes: %v)", sum, done)
		}
		closings := 0
		for _, m := range methods {
			closings += done["a closing "+m]
		}
		if done["an edit"] < 5 || closings < 8 || done["a closing judgment"] < 1 || done["a hearing"] < 3 || done["a hearing held"] < 2 {
			t.Fatalf("too few writes took: %v", done)
		}
		t.Logf("writes: %v", done)
		// A rebuild writes the same rows (fuyuan recount).
		if err := s.RecountCases(caseCtx, ct.Organ.CourtCode); err != nil {
			t.Fatal(err)
		}
		check("a recount")
		// And so does fuyuan recount's relinking of hearings changed by hand.
		if err := s.DB.Exec(`UPDATE hearings SET prev_held_on = ? WHERE held_on IS NOT NULL`, app.MustDate("2020-01-01")).Error; err != nil {
			t.Fatal(err)
		}
		if n, err := s.RelinkHearings(caseCtx, ct.Organ.CourtCode); err != nil || n == 0 {
			t.Fatalf("relinked %d hearings (%v), want the ones changed by hand", n, err)
		}
		check("a relink")
	})
}
