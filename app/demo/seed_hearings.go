package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"gorm.io/gorm"

	"fuyuan/app"
)

// Hearings, appeals and the finer outcomes of the demo cases: over the three
// years more organ heads are notified, appear, speak and appear as 正职 (as
// 府院联动 intends), and fewer first-instance judgments are appealed.

// appearanceMix is one year's shares, oldest year first.
type appearanceMix struct {
	notified, appeared, unnotifiedAppeared, spoke, principal, appealed float64
}

var appearanceMixes = []appearanceMix{
	{notified: .68, appeared: .46, unnotifiedAppeared: .05, spoke: .58, principal: .22, appealed: .38},
	{notified: .82, appeared: .63, unnotifiedAppeared: .08, spoke: .74, principal: .33, appealed: .31},
	{notified: .94, appeared: .81, unnotifiedAppeared: .12, spoke: .88, principal: .45, appealed: .24},
}

var (
	hearingRooms   = []string{"第一法庭", "第二法庭", "第三法庭", "太平镇巡回法庭"}
	hearingSlots   = [][2]string{{"09:00", "11:00"}, {"09:30", "11:30"}, {"14:30", "16:30"}, {"15:00", "17:00"}}
	headPosts      = map[string][]string{"principal": {"局长", "主任", "镇长"}, "deputy": {"副局长", "副主任", "副镇长"}}
	absenceReasons = []string{"因公务冲突未能出庭，委托副职及法制机构负责人出庭", "参加上级部门会议", "因病请假，已书面说明", "正在外地处置突发事件"}
	staffReps      = []string{"法制股股长", "执法大队大队长", "办公室主任", "业务股工作人员"}
)

// mixOf is the appearance mix of the year of d (the demo's three years end today).
func mixOf(w *World, d app.Date) appearanceMix {
	i := 2 - (w.Today.Year - d.Year)
	return appearanceMixes[max(0, min(i, 2))]
}

// outcomes is the world's second random stream, made on first use.
func outcomes(w *World) *rand.Rand {
	if w.Outcomes == nil {
		w.Outcomes, w.appeals = rand.New(rand.NewPCG(16, 1803)), map[int]int{}
	}
	return w.Outcomes
}

// planOutcomes adds to a litigation case's plan its hearings, then the finer
// outcome of its closing (确认无效, 判决赔偿 for 行赔初, withdrawal after the
// organ corrected its act) and the appeal of a first-instance judgment.
func planOutcomes(w *World, p *demoCasePlan, closeOn app.Date, closed bool) {
	r := outcomes(w)
	t := p.in.CaseType
	if t == app.PreLitigationType || t == "行审" {
		return
	}
	method := ""
	if p.close != nil {
		method = p.close.Method
	}
	n := 0
	switch {
	case method == "judgment":
		n = 1 + r.IntN(2)
	case method == "dismissal" && r.IntN(100) < 40, (method == "withdrawal" || method == "mediation") && r.IntN(100) < 25:
		n = 1
	case !closed && r.IntN(100) < 55:
		n = 1
	}
	last := closeOn.AddDays(-3)
	if !closed {
		last = w.Today.AddDays(40)
	}
	first := p.in.FiledOn.AddDays(25)
	for i := 0; i < n && !first.After(last); i++ {
		span := last.DaysSince(first)
		day := first.AddDays(span * (i + 1) / (n + 1))
		for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			day = day.AddDays(1)
		}
		if day.After(last) {
			break
		}
		slot := hearingSlots[r.IntN(len(hearingSlots))]
		start, end := app.MustMinute(day.String()+"T"+slot[0]), app.MustMinute(day.String()+"T"+slot[1])
		room := hearingRooms[demoWeighted(r, []int{0, 1, 2, 3}, []int{40, 30, 20, 10})]
		in := app.HearingInput{StartsAt: &start, EndsAt: &end, Room: &room}
		if !day.After(w.Today) {
			held := day
			mx := mixOf(w, day)
			notified := r.Float64() < mx.notified
			appeared := notified && r.Float64() < mx.appeared || !notified && r.Float64() < mx.unnotifiedAppeared
			in.HeldOn, in.HeadNotified, in.HeadAppeared = &held, &notified, &appeared
			rep := staffReps[r.IntN(len(staffReps))] + "、委托律师"
			in.Representatives = &rep
			if appeared {
				rank := "deputy"
				if r.Float64() < mx.principal {
					rank = "principal"
				}
				spoke := r.Float64() < mx.spoke
				name := caseSurnames[r.IntN(len(caseSurnames))] + caseGivenNames[r.IntN(len(caseGivenNames))]
				post := headPosts[rank][r.IntN(len(headPosts[rank]))]
				in.HeadRank, in.HeadSpoke, in.HeadName, in.HeadPost = &rank, &spoke, &name, &post
			} else if notified {
				reason := absenceReasons[r.IntN(len(absenceReasons))]
				in.AbsenceReason = &reason
			}
		} else {
			notified := r.Float64() < mixOf(w, day).notified
			in.HeadNotified = &notified
		}
		p.hearings = append(p.hearings, in)
	}
	if p.close == nil {
		return
	}
	switch {
	case method == "judgment" && t == app.CompensationType:
		p.close.JudgmentResult = demoWeighted(r, []string{"uphold", "compensate"}, []int{55, 45})
	case method == "judgment" && r.IntN(100) < 4:
		p.close.JudgmentResult = "confirm_invalid"
	case method == "withdrawal" && r.IntN(100) < 45:
		p.close.OrganCorrected = true // 被告改变行政行为后原告撤诉
	}
	if method != "judgment" || !app.IsFirstInstance(t) || r.Float64() >= mixOf(w, closeOn).appealed {
		return
	}
	filed := closeOn.AddDays(8 + r.IntN(7))
	if filed.After(w.Today) {
		return
	}
	w.appeals[filed.Year]++
	kind := "行终"
	if t == app.CompensationType {
		kind = "行赔终"
	}
	second := fmt.Sprintf("（%d）粤18%s%d号", filed.Year, kind, w.appeals[filed.Year])
	appellant := "plaintiff"
	if lost := app.OrganLost(t, method, p.close.JudgmentResult); lost {
		appellant = demoWeighted(r, []string{"organ", "plaintiff", "both"}, []int{60, 25, 15})
	}
	p.appeal = &app.AppealInput{FiledOn: filed, Appellant: appellant, SecondCaseNo: second}
	decided := filed.AddDays(60 + r.IntN(70))
	if decided.After(w.Today) {
		return
	}
	p.decision = &app.AppealDecision{DecidedOn: decided,
		Result: demoWeighted(r, []string{"upheld", "altered", "remanded", "withdrawn"}, []int{70, 9, 7, 14})}
}

// runHearings schedules the planned hearings of a case; a slot that clashes
// with another booking of the judge or the room moves on by a day, up to
// five times, as long as it stays a valid day for the case; failing that the
// first slot is kept, confirmed.
func runHearings(tx *gorm.DB, w *World, judge app.Actor, caseID int64, hearings []app.HearingInput) error {
	for _, planned := range hearings {
		if !tryHearingSlots(tx, w, judge, caseID, planned) {
			planned.Confirm = true
			if _, err := w.Store.ScheduleHearingTx(tx, judge, caseID, planned); err != nil {
				return fmt.Errorf("hearing: %w", err)
			}
		}
	}
	return nil
}

// tryHearingSlots books the hearing at its slot or one of the next days, and
// reports whether it did.
func tryHearingSlots(tx *gorm.DB, w *World, judge app.Actor, caseID int64, in app.HearingInput) bool {
	for try := 0; try < 5; try++ {
		if _, err := w.Store.ScheduleHearingTx(tx, judge, caseID, in); err == nil {
			return true
		} else if app.ErrorCode(err) != app.ECONFLICT {
			return false
		}
		start, end := in.StartsAt.Add(24*time.Hour), in.EndsAt.Add(24*time.Hour)
		in.StartsAt, in.EndsAt = &start, &end
		if in.HeldOn != nil {
			held := start.Date()
			if held.After(w.Today) {
				return false
			}
			in.HeldOn = &held
		}
	}
	return false
}
