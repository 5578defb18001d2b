package reports

import (
	"context"

	"fuyuan/app"
)

// ledger is a court's cases aggregated per day and case type, filings and
// closings alike, from the figures per day the store keeps
// (app.CaseFigureContribution): any period inside the loaded span is then a
// sum over days, no case read.
type ledger struct {
	lit  litigation
	span Period
	days []app.FigureDayRow
}

// loadLedger reads the court's figures per day and type of span.
func loadLedger(ctx context.Context, s *app.Store, court string, span Period) (*ledger, error) {
	lit, err := litigationTypes(ctx, s, court)
	if err != nil {
		return nil, err
	}
	days, err := s.CaseFigureDays(ctx, court, "", span.From, span.To, true)
	if err != nil {
		return nil, err
	}
	return &ledger{lit: lit, span: span, days: days}, nil
}

func (p Period) contains(d app.Date) bool { return !d.Before(p.From) && !d.After(p.To) }

// covers reports whether p lies within q.
func (p Period) covers(q Period) bool { return !q.From.Before(p.From) && !q.To.After(p.To) }

// newCases counts the litigation and the pre-litigation cases filed in p.
func (l *ledger) newCases(p Period) (litigation, pre int64) {
	for _, d := range l.days {
		if d.NewCases != 0 && p.contains(d.Day) {
			if l.lit.is(d.CaseType) {
				litigation += d.NewCases
			} else {
				pre += d.NewCases
			}
		}
	}
	return litigation, pre
}

// addCases adds the figures of filings and closings in p: new cases, closings
// by method (a suspended or open case is not closed), the rates, resolved
// disputes, average days and fines adjusted.
func (l *ledger) addCases(f *Figures, p Period) {
	f.NewCases, f.PreLitigationReceived = l.newCases(p)
	var days, daysN, fastDays, fastN int64
	for _, d := range l.days {
		if d.Closed == 0 || !p.contains(d.Day) {
			continue
		}
		f.FinesAdjusted += d.FinesAdjusted
		f.FineReduction += app.Money(d.FineReduction)
		if !l.lit.is(d.CaseType) {
			f.PreLitigationResolved += d.Mediated
			continue
		}
		f.Closed += d.Closed
		for _, m := range litigationMethods {
			f.ClosedByMethod[m] += d.ClosedByMethod(m)
		}
		days += d.DaysSum
		daysN += d.DaysN
		fastDays += d.FastDaysSum
		fastN += d.FastDaysN
	}
	f.MediationRate = Rate(f.Mediated(), f.Closed)
	f.WithdrawalRate = Rate(f.Withdrawn(), f.Closed)
	f.MediationWithdrawalRate = Rate(f.Mediated()+f.Withdrawn(), f.Closed)
	f.ResolvedDisputes = f.Mediated() + f.Withdrawn() + f.PreLitigationResolved
	f.AvgDaysToClose = avgDays(days, daysN)
	f.AvgDaysToCloseFastTrack = avgDays(fastDays, fastN)
}

// point is the trend figures of p.
func (l *ledger) point(p Period) TrendPoint {
	t := TrendPoint{Period: p}
	t.NewCases, _ = l.newCases(p)
	for _, d := range l.days {
		if d.Closed == 0 || !p.contains(d.Day) || !l.lit.is(d.CaseType) {
			continue
		}
		t.Closed += d.Closed
		t.MediatedOrWithdrawn += d.Mediated + d.Withdrawn
	}
	t.MediationWithdrawalRate = Rate(t.MediatedOrWithdrawn, t.Closed)
	return t
}

// is reports whether cases of type t are litigation; a type missing from the
// dictionary counts as litigation unless it is pre-litigation mediation.
func (l litigation) is(t string) bool {
	if v, ok := l[t]; ok {
		return v
	}
	return t != app.PreLitigationType
}
