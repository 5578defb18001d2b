package demo

import (
	"context"
	"math/rand/v2"
	"strings"

	"gorm.io/gorm"

	"fuyuan/app"
)

// The demo of "actually resolved" (案结事了): some resolved disputes come back
// as a new case of the same plaintiff against the same organ within a year
// (a few under a variant of the name: spaces, full-width brackets), and the
// follow-up visits that fell due are mostly recorded, a few of them finding
// the dispute revived or a commitment not yet kept; the 案结事了率 comes out
// somewhat below the share of mediations and withdrawals. Both draw from
// their own random source, so that the rest of the demo stays as it was.

// planRefilings adds to plans the re-filings of some of their resolutions.
func planRefilings(w *World, plans []demoCasePlan) []demoCasePlan {
	r := rand.New(rand.NewPCG(17, 1803))
	var out []demoCasePlan
	for _, p := range plans {
		if p.close == nil || !app.IsResolution(p.close.Method) || r.IntN(100) >= 5 {
			continue
		}
		filed := p.close.ClosedOn.AddDays(20 + r.IntN(320))
		if !filed.Before(w.Today) {
			continue
		}
		in := p.in
		in.CaseType, in.FiledOn, in.Simplified, in.FastTrack, in.WorkstationID = "行初", filed, false, false, nil
		in.MediatorIDs, in.Linkage, in.LinkagePartner = nil, p.in.Linkage, p.in.LinkagePartner
		switch r.IntN(4) {
		case 0:
			in.Plaintiff.Name = strings.NewReplacer("(", "（", ")", "）").Replace(in.Plaintiff.Name) + " "
		case 1:
			if n := []rune(in.Plaintiff.Name); len(n) > 1 {
				in.Plaintiff.Name = string(n[:1]) + " " + string(n[1:])
			}
		}
		np := demoCasePlan{in: in, judge: p.judge}
		if closeOn := filed.AddDays(60 + r.IntN(60)); closeOn.Before(w.Today) {
			np.close = &app.CloseInput{ClosedOn: closeOn, Method: "judgment", JudgmentResult: "uphold"}
		}
		out = append(out, np)
	}
	return append(plans, out...)
}

// seedVisits records the follow-up visits of 粤1803 that fell due before
// today, within days of the due day, by the case's judge: the older ones all
// but a few, those of the last six weeks about half.
func seedVisits(ctx context.Context, w *World) error {
	r := rand.New(rand.NewPCG(3, 6))
	s := w.Store
	list, err := s.ListVisits(ctx, app.CourtVisibility(CourtCode), app.VisitFilter{Status: app.VisitStatusOverdue}, app.Page{})
	if err != nil {
		return err
	}
	byID := map[int64]string{}
	for name, u := range w.Users {
		byID[u.ID] = name
	}
	methods := []string{"phone", "onsite", "letter"}
	const batch = 100
	for start := 0; start < len(list.Items); start += batch {
		end := min(start+batch, len(list.Items))
		err := s.Tx(ctx, func(tx *gorm.DB) error {
			for _, v := range list.Items[start:end] {
				// Visits fallen due in the last six weeks are about half still to
				// be made; older ones were made, but for the odd one forgotten.
				recent := !v.DueOn.Before(w.Today.AddDays(-45))
				if skip := r.IntN(1000); v.JudgeID == nil || recent && skip < 450 || !recent && skip < 6 {
					continue
				}
				roll := r.IntN(1000)
				on := v.DueOn.AddDays(r.IntN(12))
				if on.After(w.Today) {
					on = w.Today
				}
				outcome, notes := "resolved", "当事人表示协议已履行，争议已化解"
				switch {
				case roll < 45:
					outcome, notes = "revived", "当事人对处理结果仍有异议，已再次信访或表示将另行起诉"
				case roll < 110:
					outcome, notes = "commitment_pending", "承诺事项尚在履行中，已督促按期履行"
				}
				in := app.VisitInput{VisitedOn: on, Method: methods[r.IntN(len(methods))], Outcome: outcome, Notes: notes}
				if _, err := s.RecordVisitTx(tx, w.Actor(byID[*v.JudgeID]), v.ID, in); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
