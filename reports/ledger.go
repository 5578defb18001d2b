package reports

import (
	"context"
	"database/sql"

	"fuyuan/app"
)

// ledger is a court's cases aggregated per day of filing (from the figures
// per day the store keeps) and per day of closing (a date range of a
// covering index grouped in that index's order, so that no case is looked
// up and nothing is sorted). Any period
// inside the loaded ranges is then a sum over days.
type ledger struct {
	lit           litigation
	filed, closed Period
	filings       []filingDay
	closings      []closingDay
}

// filingDay is the number of cases of one type filed on one day.
type filingDay struct {
	day      app.Date
	caseType string
	n        int64
}

// closingDay is the cases of one status, type, method and fast-track flag closed on one day.
type closingDay struct {
	day                      app.Date
	status, caseType, method string
	fast                     bool
	n, days, daysN, fines    int64
	reduction                int64
}

// loadLedger aggregates the filings of the period filed and the closings of the period closed.
func loadLedger(ctx context.Context, s *app.Store, court string, filed, closed Period) (*ledger, error) {
	lit, err := litigationTypes(ctx, s, court)
	if err != nil {
		return nil, err
	}
	l := &ledger{lit: lit, filed: filed, closed: closed}
	q := querier{ctx, s}
	// The two reads run at once, each on its own connection.
	// The filings per day and type are the court's figures per day
	// (app/case_figures.go), read while the closings are.
	filings := make(chan error, 1)
	go func() {
		rows, err := s.CaseFigureDays(ctx, court, "", filed.From, filed.To, true)
		for _, r := range rows {
			if r.NewCases != 0 {
				l.filings = append(l.filings, filingDay{day: r.Day, caseType: r.CaseType, n: r.NewCases})
			}
		}
		filings <- err
	}()
	err = q.rows(`SELECT closed_on, status, case_type, close_method, fast_track, COUNT(*),
			SUM(days_to_close), COUNT(days_to_close),
			SUM(CASE WHEN penalty_after < penalty_before THEN 1 ELSE 0 END),
			SUM(CASE WHEN penalty_after < penalty_before THEN penalty_before - penalty_after ELSE 0 END)
		FROM cases WHERE court_code = ? AND closed_on >= ? AND closed_on <= ?
		GROUP BY closed_on, status, case_type, close_method, fast_track`,
		[]any{court, closed.From, closed.To}, func(r *sql.Rows) error {
			var d closingDay
			var days, fines, reduction sql.NullInt64
			if err := r.Scan(&d.day, &d.status, &d.caseType, &d.method, &d.fast, &d.n, &days, &d.daysN, &fines, &reduction); err != nil {
				return err
			}
			d.days, d.fines, d.reduction = days.Int64, fines.Int64, reduction.Int64
			l.closings = append(l.closings, d)
			return nil
		})
	if ferr := <-filings; err == nil {
		err = ferr
	}
	if err != nil {
		return nil, err
	}
	return l, nil
}

func (p Period) contains(d app.Date) bool { return !d.Before(p.From) && !d.After(p.To) }

// covers reports whether p lies within q.
func (p Period) covers(q Period) bool { return !q.From.Before(p.From) && !q.To.After(p.To) }

// newCases counts the litigation and the pre-litigation cases filed in p.
func (l *ledger) newCases(p Period) (litigation, pre int64) {
	for _, d := range l.filings {
		if p.contains(d.day) {
			if l.lit.is(d.caseType) {
				litigation += d.n
			} else {
				pre += d.n
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
	for _, d := range l.closings {
		if d.status != "closed" || !p.contains(d.day) {
			continue
		}
		f.FinesAdjusted += d.fines
		f.FineReduction += app.Money(d.reduction)
		if !l.lit.is(d.caseType) {
			if d.method == "mediation" {
				f.PreLitigationResolved += d.n
			}
			continue
		}
		f.Closed += d.n
		f.ClosedByMethod[d.method] += d.n
		days += d.days
		daysN += d.daysN
		if d.fast {
			fastDays += d.days
			fastN += d.daysN
		}
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
	for _, d := range l.closings {
		if d.status != "closed" || !p.contains(d.day) || !l.lit.is(d.caseType) {
			continue
		}
		t.Closed += d.n
		switch d.method {
		case "mediation", "withdrawal", "deemed_withdrawal":
			t.MediatedOrWithdrawn += d.n
		}
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
