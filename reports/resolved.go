package reports

import (
	"context"
	"database/sql"

	"fuyuan/app"
)

// Resolution are the figures of domain.md "Actually resolved" (案结事了) for
// one period, under the keys of api.md, counted over the disputes resolved
// in the period (litigation closed by mediation, withdrawal or deemed
// withdrawal, and pre-litigation mediations resolved, by closed_on):
//   - revived: of those, cases with a re-filing filed by asOf or a visit
//     recorded by asOf with outcome revived;
//   - commitments_overdue: of those, cases with a commitment due before asOf
//     and not fulfilled by asOf;
//   - actually_resolved_rate 案结事了率: (resolved − cases revived or with an
//     overdue commitment, each case once) / resolved; null without resolutions;
//   - visits_due: follow-up visits falling due in the period (of any
//     resolution); visits_done: of those, recorded by asOf; visits_overdue:
//     of those, due before asOf and not recorded by then.
type Resolution struct {
	ResolvedDisputes     int64    `json:"resolved_disputes"`
	Revived              int64    `json:"revived"`
	CommitmentsOverdue   int64    `json:"commitments_overdue"`
	NotActuallyResolved  int64    `json:"not_actually_resolved"`
	ActuallyResolvedRate *float64 `json:"actually_resolved_rate"`
	VisitsDue            int64    `json:"visits_due"`
	VisitsDone           int64    `json:"visits_done"`
	VisitsOverdue        int64    `json:"visits_overdue"`
}

// ActuallyResolved is the number of resolved disputes that stayed resolved.
func (r Resolution) ActuallyResolved() int64 { return r.ResolvedDisputes - r.NotActuallyResolved }

func (r *Resolution) add(o Resolution) {
	r.ResolvedDisputes += o.ResolvedDisputes
	r.Revived += o.Revived
	r.CommitmentsOverdue += o.CommitmentsOverdue
	r.NotActuallyResolved += o.NotActuallyResolved
	r.VisitsDue += o.VisitsDue
	r.VisitsDone += o.VisitsDone
	r.VisitsOverdue += o.VisitsOverdue
}

func (r *Resolution) rates() {
	r.ActuallyResolvedRate = nullRate(r.ResolvedDisputes-r.NotActuallyResolved, r.ResolvedDisputes)
}

// resolutionQueries are the SQL aggregates of Resolution, grouped by the
// dimension's column col of cases c (groupBy is "" for the court's total):
// one over the period's resolutions with a probe per case into its
// re-filings, visits and commitments (each through the case's index), one
// over the visits falling due in the period. Each calls each per group.
func resolutionQueries(ctx context.Context, s *app.Store, court string, p Period, asOf app.Date, col, groupBy string) []func(each func(key string, r Resolution)) error {
	q := querier{ctx, s}
	revived := `(EXISTS (SELECT 1 FROM case_refilings rf WHERE rf.case_id = c.id AND rf.refiled_on <= ?)
		OR EXISTS (SELECT 1 FROM visits rv WHERE rv.case_id = c.id AND rv.outcome = 'revived' AND rv.visited_on <= ?))`
	overdue := `EXISTS (SELECT 1 FROM commitments cm WHERE cm.case_id = c.id AND cm.due_on < ?
		AND (cm.fulfilled_on IS NULL OR cm.fulfilled_on > ?))`
	return []func(each func(string, Resolution)) error{
		func(each func(string, Resolution)) error {
			return q.rows(`SELECT `+col+`, COUNT(*),
				SUM(CASE WHEN `+revived+` THEN 1 ELSE 0 END),
				SUM(CASE WHEN `+overdue+` THEN 1 ELSE 0 END),
				SUM(CASE WHEN `+revived+` OR `+overdue+` THEN 1 ELSE 0 END)
				FROM cases c WHERE c.court_code = ? AND c.closed_on >= ? AND c.closed_on <= ? AND `+app.ResolvedSQL("c")+groupBy,
				[]any{asOf, asOf, asOf, asOf, asOf, asOf, asOf, asOf, court, p.From, p.To}, func(r *sql.Rows) error {
					var key string
					var x Resolution
					var rev, od, not sql.NullInt64
					if err := r.Scan(&key, &x.ResolvedDisputes, &rev, &od, &not); err != nil {
						return err
					}
					x.Revived, x.CommitmentsOverdue, x.NotActuallyResolved = rev.Int64, od.Int64, not.Int64
					each(key, x)
					return nil
				})
		},
		func(each func(string, Resolution)) error {
			return q.rows(`SELECT `+col+`, COUNT(*),
				SUM(CASE WHEN v.visited_on IS NOT NULL AND v.visited_on <= ? THEN 1 ELSE 0 END),
				SUM(CASE WHEN v.due_on < ? AND (v.visited_on IS NULL OR v.visited_on > ?) THEN 1 ELSE 0 END)
				FROM visits v JOIN cases c ON c.id = v.case_id
				WHERE v.court_code = ? AND v.due_on >= ? AND v.due_on <= ?`+groupBy,
				[]any{asOf, asOf, asOf, court, p.From, p.To}, func(r *sql.Rows) error {
					var key string
					var x Resolution
					var done, od sql.NullInt64
					if err := r.Scan(&key, &x.VisitsDue, &done, &od); err != nil {
						return err
					}
					x.VisitsDone, x.VisitsOverdue = done.Int64, od.Int64
					each(key, x)
					return nil
				})
		},
	}
}
