// Package reports computes fuyuan's statistics with SQL aggregates straight
// from the tables and writes the spreadsheets: the monthly report (月度报表),
// its month-end archive, the case-list export and the ledger import.
//
// It imports package app only; HTTP and authorisation live in app/web.
package reports

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"fuyuan/app"
)

// Period is a span of calendar dates, both ends included.
type Period struct {
	From, To app.Date
}

// Valid reports whether the period is set and From is not after To.
func (p Period) Valid() bool { return !p.From.IsZero() && !p.To.IsZero() && !p.From.After(p.To) }

// YearToDate is 1 January of d's year to d.
func YearToDate(d app.Date) Period { return Period{app.NewDate(d.Year, 1, 1), d} }

// LastYear is the same period one year earlier (同比), each end by app.Date.SameDayLastYear.
func (p Period) LastYear() Period { return Period{p.From.SameDayLastYear(), p.To.SameDayLastYear()} }

// The methods that close a litigation case, in the order of domain.md.
var litigationMethods = []string{"judgment", "mediation", "withdrawal", "deemed_withdrawal", "dismissal", "transfer", "termination"}

// LitigationMethods returns the closing methods of litigation cases in the order of domain.md.
func LitigationMethods() []string { return append([]string(nil), litigationMethods...) }

// Figures are the statistics of domain.md for one court and one period, under
// the keys of api.md. Every figure is counted by the date of its own event.
//
// Readings of domain.md that it leaves open:
//   - closed, the closing rates and both average-days figures are over
//     litigation cases (every type but 行诉前调) closed in the period, the
//     averages being the AVG of the stored days_to_close;
//   - fines_adjusted and fine_reduction count every case closed in the period
//     (pre-litigation mediations included) whose penalty_after is below its
//     penalty_before;
//   - new_cases_by_year holds the three calendar years up to the year of
//     `to`, that year counted up to `to`.
type Figures struct {
	NewCases                   int64            `json:"new_cases"`
	Closed                     int64            `json:"closed"`
	ClosedByMethod             map[string]int64 `json:"closed_by_method"`
	MediationRate              *float64         `json:"mediation_rate"`
	WithdrawalRate             *float64         `json:"withdrawal_rate"`
	MediationWithdrawalRate    *float64         `json:"mediation_withdrawal_rate"`
	PreLitigationReceived      int64            `json:"pre_litigation_received"`
	PreLitigationResolved      int64            `json:"pre_litigation_resolved"`
	ResolvedDisputes           int64            `json:"resolved_disputes"`
	CircuitHearings            int64            `json:"circuit_hearings"`
	CrossRegionCircuitHearings int64            `json:"cross_region_circuit_hearings"`
	Inspections                int64            `json:"inspections"`
	JointMediations            int64            `json:"joint_mediations"`
	LettersIssued              map[string]int64 `json:"letters_issued"`
	LettersReplied             int64            `json:"letters_replied"`
	LettersAdopted             int64            `json:"letters_adopted"`
	AdoptionRate               *float64         `json:"adoption_rate"`
	LettersOverdue             int64            `json:"letters_overdue"`
	Trainings                  int64            `json:"trainings"`
	TrainingAttendances        int64            `json:"training_attendances"`
	Meetings                   map[string]int64 `json:"meetings"`
	WorkstationServices        map[string]int64 `json:"workstation_services"`
	WorkstationPeople          int64            `json:"workstation_people"`
	FinesAdjusted              int64            `json:"fines_adjusted"`
	FineReduction              app.Money        `json:"fine_reduction"`
	AvgDaysToClose             *float64         `json:"avg_days_to_close"`
	AvgDaysToCloseFastTrack    *float64         `json:"avg_days_to_close_fast_track"`
	NewCasesByYear             map[string]int64 `json:"new_cases_by_year"`
	// Accountability are the figures of agency accountability (行政应诉).
	Accountability
	// Resolution are the figures of 案结事了 (its resolved_disputes is the one above).
	Resolution
}

// Mediated returns the litigation cases closed by mediation.
func (f Figures) Mediated() int64 { return f.ClosedByMethod["mediation"] }

// Withdrawn returns the litigation cases closed by withdrawal or deemed withdrawal.
func (f Figures) Withdrawn() int64 {
	return f.ClosedByMethod["withdrawal"] + f.ClosedByMethod["deemed_withdrawal"]
}

// LettersIssuedTotal returns the letters issued in the period, all kinds together.
func (f Figures) LettersIssuedTotal() int64 {
	var n int64
	for _, v := range f.LettersIssued {
		n += v
	}
	return n
}

// MeetingsTotal returns the meetings held in the period, all kinds together.
func (f Figures) MeetingsTotal() int64 {
	var n int64
	for _, v := range f.Meetings {
		n += v
	}
	return n
}

// ServicesTotal returns the workstation services in the period, all kinds together.
func (f Figures) ServicesTotal() int64 {
	var n int64
	for _, v := range f.WorkstationServices {
		n += v
	}
	return n
}

// Rate is num/den rounded to 4 decimals; nil when den is 0: a rate with
// nothing to count is unknown, not zero (null in JSON, "—" in a sheet).
func Rate(num, den int64) *float64 {
	if den == 0 {
		return nil
	}
	r := math.Round(float64(num)/float64(den)*10000) / 10000
	return &r
}

// avgDays is sum/n rounded to 1 decimal; nil (unknown) when n is 0.
func avgDays(sum, n int64) *float64 {
	if n == 0 {
		return nil
	}
	a := math.Round(float64(sum)/float64(n)*10) / 10
	return &a
}

// Stats computes the figures of court for the period; letters_overdue is
// counted as of asOf (today for /stats, the period's end for archived months).
// The new cases of the last three years are counted while the period's
// figures are aggregated, each on its own connection.
func Stats(ctx context.Context, s *app.Store, court string, p Period, asOf app.Date) (Figures, error) {
	return stats(ctx, s, court, p, asOf, true)
}

// stats is Stats, without the accountability figures unless accountable (the
// white paper computes them with its tables by dimension, in the same pass).
func stats(ctx context.Context, s *app.Store, court string, p Period, asOf app.Date, accountable bool) (Figures, error) {
	// New litigation cases of the last three years up to `to`.
	years := make([]Period, 0, 3)
	for y := p.To.Year - 2; y <= p.To.Year; y++ {
		end := app.NewDate(y, 12, 31)
		if y == p.To.Year {
			end = p.To
		}
		years = append(years, Period{app.NewDate(y, 1, 1), end})
	}
	var perYear []int64
	counted := make(chan error, 1)
	go func() {
		var err error
		perYear, err = NewCasesIn(ctx, s, court, years)
		counted <- err
	}()
	f, err := periodFigures(ctx, s, court, p, asOf, accountable)
	if cerr := <-counted; err == nil {
		err = cerr
	}
	if err != nil {
		return f, err
	}
	for i, y := range years {
		f.NewCasesByYear[strconv.Itoa(y.From.Year)] = perYear[i]
	}
	return f, nil
}

// PeriodFigures is Stats without new_cases_by_year (left empty), for a
// comparison period whose yearly trend is not shown. The other records are
// aggregated while the cases are: addRecords and addCases fill different
// fields of the figures.
func PeriodFigures(ctx context.Context, s *app.Store, court string, p Period, asOf app.Date) (Figures, error) {
	return periodFigures(ctx, s, court, p, asOf, true)
}

func periodFigures(ctx context.Context, s *app.Store, court string, p Period, asOf app.Date, withAccountability bool) (Figures, error) {
	f := newFigures()
	records := make(chan error, 1)
	go func() { records <- addRecords(ctx, s, court, p, asOf, &f) }()
	accountable := make(chan error, 1)
	go func() {
		if !withAccountability {
			accountable <- nil
			return
		}
		t, err := CaseFiguresBy(ctx, s, court, p, asOf, "")
		f.Accountability = t.Total.Accountability
		f.Resolution = t.Total.Resolution
		accountable <- err
	}()
	l, err := loadLedger(ctx, s, court, p)
	if rerr := <-records; err == nil {
		err = rerr
	}
	if aerr := <-accountable; err == nil {
		err = aerr
	}
	if err != nil {
		return f, err
	}
	l.addCases(&f, p)
	return f, nil
}

func newFigures() Figures {
	return Figures{
		ClosedByMethod:      zeroes(litigationMethods),
		LettersIssued:       zeroes(codes(app.LetterKinds)),
		Meetings:            zeroes(codes(app.MeetingKinds)),
		WorkstationServices: zeroes(codes(app.ServiceKinds)),
		NewCasesByYear:      map[string]int64{},
	}
}

// addRecords adds the figures of every record but cases: mediation records,
// circuits, inspections, letters, meetings and workstation services, each
// by the date of its own event; letters_overdue as of asOf.
func addRecords(ctx context.Context, s *app.Store, court string, p Period, asOf app.Date, f *Figures) error {
	q := querier{ctx: ctx, s: s}
	// Field work and mediation records, by held_on.
	if err := q.row(`SELECT COUNT(*), SUM(CASE WHEN cross_region <> 0 THEN 1 ELSE 0 END) FROM circuits
		WHERE court_code = ? AND held_on >= ? AND held_on <= ?`,
		[]any{court, p.From, p.To}, &f.CircuitHearings, nullable(&f.CrossRegionCircuitHearings)); err != nil {
		return err
	}
	if err := q.row(`SELECT COUNT(*) FROM inspections WHERE court_code = ? AND held_on >= ? AND held_on <= ?`,
		[]any{court, p.From, p.To}, &f.Inspections); err != nil {
		return err
	}
	// The joint mediations from their own index (00230, MariaDB's 00270,
	// which it uses only when told): the held ones of the two modes only.
	mediations := s.ForcedIndex("mediations", "mediations_court_joint")
	if err := q.row(`SELECT COUNT(*) FROM `+mediations+`
		WHERE court_code = ? AND held_on >= ? AND held_on <= ? AND mode IN ('joint', 'cross_region') AND scheduled = 0`,
		[]any{court, p.From, p.To}, &f.JointMediations); err != nil {
		return err
	}

	// Letters: issued by issued_on, replied and adopted by replied_on, overdue as of asOf.
	kinds := codes(app.LetterKinds)
	sums, sumArgs := countEach("kind", kinds)
	issued := make([]any, len(kinds))
	counts := make([]sql.NullInt64, len(kinds))
	for i := range counts {
		issued[i] = &counts[i]
	}
	if err := q.row(`SELECT `+sums+` FROM letters WHERE court_code = ? AND issued_on >= ? AND issued_on <= ?`,
		append(sumArgs, court, p.From, p.To), issued...); err != nil {
		return err
	}
	for i, k := range kinds {
		f.LettersIssued[k] = counts[i].Int64
	}
	if err := q.row(`SELECT COUNT(*), SUM(CASE WHEN adopted <> 0 THEN 1 ELSE 0 END) FROM letters
		WHERE court_code = ? AND replied_on >= ? AND replied_on <= ?`,
		[]any{court, p.From, p.To}, &f.LettersReplied, nullable(&f.LettersAdopted)); err != nil {
		return err
	}
	f.AdoptionRate = Rate(f.LettersAdopted, f.LettersReplied)
	var err error
	if f.LettersOverdue, err = lettersOverdue(q, court, asOf); err != nil {
		return err
	}

	// Meetings and trainings, by held_on.
	err = q.rows(`SELECT kind, COUNT(*), SUM(attendances) FROM meetings
		WHERE court_code = ? AND held_on >= ? AND held_on <= ? GROUP BY kind`,
		[]any{court, p.From, p.To}, func(r *sql.Rows) error {
			var k string
			var n int64
			var att sql.NullInt64
			if err := r.Scan(&k, &n, &att); err != nil {
				return err
			}
			f.Meetings[k] += n
			if k == "enforcement_training" {
				f.Trainings += n
				f.TrainingAttendances += att.Int64
			}
			return nil
		})
	if err != nil {
		return err
	}

	// Workstation services, by held_on.
	err = q.rows(`SELECT kind, COUNT(*), SUM(people) FROM (`+app.WorkstationServiceRows+`) s
		WHERE court_code = ? AND held_on >= ? AND held_on <= ? GROUP BY kind`,
		[]any{court, p.From, p.To}, func(r *sql.Rows) error {
			var k string
			var n int64
			var people sql.NullInt64
			if err := r.Scan(&k, &n, &people); err != nil {
				return err
			}
			f.WorkstationServices[k] += n
			f.WorkstationPeople += people.Int64
			return nil
		})
	return err
}

// lettersOverdue counts the letters issued by asOf, due before asOf and not
// replied by asOf. With asOf = today this is "issued, not replied, past due".
// They are counted from the index by status and due day, which holds the
// issue and reply days (00167; the unary plus keeps SQLite from reading
// every letter issued by asOf from the issue days' index instead).
func lettersOverdue(q querier, court string, asOf app.Date) (int64, error) {
	var n int64
	err := q.row(`SELECT COUNT(*) FROM letters
		WHERE court_code = ? AND status IN ('issued', 'replied') AND reply_due_on < ?
		AND +issued_on <= ? AND (replied_on IS NULL OR replied_on > ?)`,
		[]any{court, asOf, asOf, asOf}, &n)
	return n, err
}

// litigation is the court's case-type dictionary reduced to "is this type litigation".
type litigation map[string]bool

// sql returns a condition on case_type that holds for litigation cases, with
// its arguments: every type but the dictionary's non-litigation ones (and
// 行诉前调, should the dictionary miss it).
func (l litigation) sql() (string, []any) {
	var non []string
	for code, lit := range l {
		if !lit {
			non = append(non, code)
		}
	}
	if _, ok := l[app.PreLitigationType]; !ok {
		non = append(non, app.PreLitigationType)
	}
	sort.Strings(non)
	args := make([]any, len(non))
	for i, c := range non {
		args[i] = c
	}
	return "case_type NOT IN (" + placeholders(len(non)) + ")", args
}

// countEach returns one SUM per value counting the rows whose col holds it, with the arguments.
func countEach(col string, values []string) (string, []any) {
	parts := make([]string, len(values))
	args := make([]any, len(values))
	for i, v := range values {
		parts[i] = "SUM(CASE WHEN " + col + " = ? THEN 1 ELSE 0 END)"
		args[i] = v
	}
	return strings.Join(parts, ", "), args
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func litigationTypes(ctx context.Context, s *app.Store, court string) (litigation, error) {
	l := litigation{}
	q := querier{ctx: ctx, s: s}
	err := q.rows(`SELECT code, litigation FROM case_types WHERE court_code = ?`, []any{court}, func(r *sql.Rows) error {
		var code string
		var lit bool
		if err := r.Scan(&code, &lit); err != nil {
			return err
		}
		l[code] = lit
		return nil
	})
	return l, err
}

func zeroes(keys []string) map[string]int64 {
	m := make(map[string]int64, len(keys))
	for _, k := range keys {
		m[k] = 0
	}
	return m
}

func codes(e app.Enum) []string {
	out := make([]string, len(e.Options))
	for i, o := range e.Options {
		out[i] = o.Code
	}
	return out
}

// querier runs read-only SQL with the store's error normalisation.
type querier struct {
	ctx context.Context
	s   *app.Store
}

// rows runs q and calls each for every row.
func (q querier) rows(query string, args []any, each func(*sql.Rows) error) error {
	rows, err := q.s.DB.WithContext(q.ctx).Raw(query, args...).Rows()
	if err != nil {
		return q.s.Err(fmt.Errorf("statistics query: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return q.s.Err(fmt.Errorf("statistics row: %w", err))
		}
	}
	return q.s.Err(rows.Err())
}

// row runs q, which answers one row, into dest.
func (q querier) row(query string, args []any, dest ...any) error {
	return q.rows(query, args, func(r *sql.Rows) error { return r.Scan(dest...) })
}

// nullInt scans a nullable integer (a SUM over no rows) into an int64, NULL being 0.
type nullInt struct{ p *int64 }

func nullable(p *int64) nullInt { return nullInt{p} }

// Scan implements sql.Scanner.
func (n nullInt) Scan(v any) error {
	var x sql.NullInt64
	if err := x.Scan(v); err != nil {
		return err
	}
	*n.p = x.Int64
	return nil
}
