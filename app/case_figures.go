package app

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// The case figures per day and dimension (table case_figure_days, migration
// 00140). CaseFigureContribution is the one rule of what a case adds to
// them; the store applies the difference between a case's contribution
// before and after each write inside that write's transaction (the filings
// of FileCasesTx, bumpCasesTx), RecountCaseFiguresTx rebuilds a court's rows from the cases
// (fuyuan recount, fuyuan gen, Store.Migrate after 00140) and
// CaseFigureDaysDrift compares the kept rows with a rebuild. reports reads
// the filings and closings of a period from it (accountability.go).

// FigureDims are the dimensions the table is kept by: "" is the court (its
// rows are per case type, which is also the by=case_type dimension); a
// region is its organs' rows added up.
var FigureDims = []string{"", "organ", "judge", "domain", "cause"}

// FigureKey is one row of case_figure_days.
type FigureKey struct {
	Court    string
	Dim      string
	Val      string
	Day      Date
	CaseType string
}

func (k FigureKey) compare(o FigureKey) int {
	return cmp.Or(strings.Compare(k.Court, o.Court), strings.Compare(k.Dim, o.Dim), k.Day.Time().Compare(o.Day.Time()),
		strings.Compare(k.Val, o.Val), strings.Compare(k.CaseType, o.CaseType))
}

// FigureMeasures are the counts of a row: the cases filed on its day
// (new_cases; filed_closed those of them closed since, at any date) and the
// cases closed on its day (status closed): by method, lost by the organ,
// corrected, within their time limit, and resolved (案结事了's resolutions);
// closed by each other method (mediated is mediation's), the sum and the
// number of their stored days_to_close (all, and of fast-track cases), and
// the fines adjusted (penalty_after below penalty_before) with the sum of
// the reductions (migration 00166, for the monthly report's closings).
type FigureMeasures struct {
	NewCases, FiledClosed, Closed, Mediated, Withdrawn, Lost, Corrected, WithinLimit, Resolved int64

	ByJudgment, ByWithdrawal, ByDeemedWithdrawal, ByDismissal, ByTransfer, ByTermination int64
	DaysSum, DaysN, FastDaysSum, FastDaysN, FinesAdjusted, FineReduction                 int64
}

// figureColumns are the measures' columns, in the order of FigureMeasures.
var figureColumns = []string{"new_cases", "filed_closed", "closed", "mediated", "withdrawn", "lost", "corrected", "within_limit", "resolved",
	"by_judgment", "by_withdrawal", "by_deemed_withdrawal", "by_dismissal", "by_transfer", "by_termination",
	"days_sum", "days_n", "fast_days_sum", "fast_days_n", "fines_adjusted", "fine_reduction"}

func (m *FigureMeasures) fields() []*int64 {
	return []*int64{&m.NewCases, &m.FiledClosed, &m.Closed, &m.Mediated, &m.Withdrawn, &m.Lost, &m.Corrected, &m.WithinLimit, &m.Resolved,
		&m.ByJudgment, &m.ByWithdrawal, &m.ByDeemedWithdrawal, &m.ByDismissal, &m.ByTransfer, &m.ByTermination,
		&m.DaysSum, &m.DaysN, &m.FastDaysSum, &m.FastDaysN, &m.FinesAdjusted, &m.FineReduction}
}

// ClosedByMethod returns the closings of method (a code of CloseMethods).
func (m FigureMeasures) ClosedByMethod(method string) int64 {
	switch method {
	case "judgment":
		return m.ByJudgment
	case "mediation":
		return m.Mediated
	case "withdrawal":
		return m.ByWithdrawal
	case "deemed_withdrawal":
		return m.ByDeemedWithdrawal
	case "dismissal":
		return m.ByDismissal
	case "transfer":
		return m.ByTransfer
	case "termination":
		return m.ByTermination
	}
	return 0
}

// Add adds o times sign.
func (m *FigureMeasures) Add(o FigureMeasures, sign int64) {
	of := o.fields()
	for i, p := range m.fields() {
		*p += sign * *of[i]
	}
}

func (m FigureMeasures) zero() bool { return m == FigureMeasures{} }

// FigureCase is what a case's contribution depends on: the columns of
// cases in figureCaseColumns.
type FigureCase struct {
	Court          string
	FiledOn        Date
	ClosedOn       Date
	Status         string
	CaseType       string
	OrganID        int64
	JudgeID        int64 // 0: none
	Domain         string
	Cause          string
	CloseMethod    string
	JudgmentResult string
	OrganCorrected bool
	DeadlineOn     Date
	DaysToClose    sql.NullInt64
	FastTrack      bool
	PenaltyBefore  sql.NullInt64
	PenaltyAfter   sql.NullInt64
}

// figureCaseColumns are the columns of cases read into a FigureCase, in
// the order of scanFigureCase.
var figureCaseColumns = []string{"court_code", "filed_on", "closed_on", "status", "case_type", "organ_id", "judge_id", "domain",
	"cause", "close_method", "judgment_result", "organ_corrected", "deadline_on", "days_to_close", "fast_track", "penalty_before", "penalty_after"}

// figureCaseSelect is the select list of figureCaseColumns.
const figureCaseSelect = "court_code, filed_on, closed_on, status, case_type, organ_id, COALESCE(judge_id, 0), domain, " +
	"cause, COALESCE(close_method, ''), COALESCE(judgment_result, ''), organ_corrected, deadline_on, days_to_close, fast_track, " +
	"penalty_before, penalty_after"

func scanFigureCase(r interface{ Scan(...any) error }) (FigureCase, error) {
	var c FigureCase
	err := r.Scan(&c.Court, &c.FiledOn, &c.ClosedOn, &c.Status, &c.CaseType, &c.OrganID, &c.JudgeID, &c.Domain,
		&c.Cause, &c.CloseMethod, &c.JudgmentResult, &c.OrganCorrected, &c.DeadlineOn, &c.DaysToClose, &c.FastTrack,
		&c.PenaltyBefore, &c.PenaltyAfter)
	return c, err
}

// CaseFigureContribution is what case c adds to case_figure_days: under
// each dimension's value, one on its filing day, and (closed) the
// closing's counts on its closing day. Figures of litigation only and of
// first-instance cases only are chosen by the case type of the row when read.
func CaseFigureContribution(c FigureCase, each func(FigureKey, FigureMeasures)) {
	closed := c.Status == StatusClosed && !c.ClosedOn.IsZero()
	filed := FigureMeasures{NewCases: 1}
	var closing FigureMeasures
	if closed {
		filed.FiledClosed = 1
		closing.Closed = 1
		switch c.CloseMethod {
		case "judgment":
			closing.ByJudgment = 1
		case "mediation":
			closing.Mediated = 1
		case "withdrawal":
			closing.Withdrawn, closing.ByWithdrawal = 1, 1
		case "deemed_withdrawal":
			closing.Withdrawn, closing.ByDeemedWithdrawal = 1, 1
		case "dismissal":
			closing.ByDismissal = 1
		case "transfer":
			closing.ByTransfer = 1
		case "termination":
			closing.ByTermination = 1
		}
		if c.DaysToClose.Valid {
			closing.DaysSum, closing.DaysN = c.DaysToClose.Int64, 1
			if c.FastTrack {
				closing.FastDaysSum, closing.FastDaysN = c.DaysToClose.Int64, 1
			}
		}
		if c.PenaltyBefore.Valid && c.PenaltyAfter.Valid && c.PenaltyAfter.Int64 < c.PenaltyBefore.Int64 {
			closing.FinesAdjusted, closing.FineReduction = 1, c.PenaltyBefore.Int64-c.PenaltyAfter.Int64
		}
		if OrganLost(c.CaseType, c.CloseMethod, c.JudgmentResult) {
			closing.Lost = 1
			closing.Corrected = 1
		} else if c.CloseMethod == "withdrawal" && c.OrganCorrected {
			closing.Corrected = 1
		}
		if !c.DeadlineOn.IsZero() && !c.ClosedOn.After(c.DeadlineOn) {
			closing.WithinLimit = 1
		}
		if IsResolution(c.CloseMethod) {
			closing.Resolved = 1
		}
	}
	for _, dim := range FigureDims {
		val := ""
		switch dim {
		case "organ":
			val = strconv.FormatInt(c.OrganID, 10)
		case "judge":
			val = strconv.FormatInt(c.JudgeID, 10)
		case "domain":
			val = c.Domain
		case "cause":
			val = c.Cause
		}
		k := FigureKey{Court: c.Court, Dim: dim, Val: val, Day: c.FiledOn, CaseType: c.CaseType}
		if !c.FiledOn.IsZero() {
			each(k, filed)
		}
		if closed {
			k.Day = c.ClosedOn
			each(k, closing)
		}
	}
}

// figureDeltas are differences to add to case_figure_days.
type figureDeltas map[FigureKey]FigureMeasures

// add adds sign times case c's contribution.
func (d figureDeltas) add(c FigureCase, sign int64) {
	CaseFigureContribution(c, func(k FigureKey, m FigureMeasures) {
		x := d[k]
		x.Add(m, sign)
		d[k] = x
	})
}

// touchesCaseFigures reports whether changes to a case row can change its contribution.
func touchesCaseFigures(changes map[string]any) bool {
	for _, c := range figureCaseColumns {
		if _, ok := changes[c]; ok {
			return true
		}
	}
	return false
}

// addCasesTx adds sign times the contribution of cases ids, read as
// they are now in tx, to d.
func (d figureDeltas) addCasesTx(tx *gorm.DB, ids []int64, sign int64) error {
	rows, err := tx.Raw("SELECT "+figureCaseSelect+" FROM cases WHERE id IN ?", ids).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanFigureCase(rows)
		if err != nil {
			return err
		}
		d.add(c, sign)
	}
	return rows.Err()
}

// applyFiguresTx adds the deltas to case_figure_days, rows in one order so
// that two transactions never wait for each other's rows.
func (s *Store) applyFiguresTx(tx *gorm.DB, d figureDeltas) error {
	keys := make([]FigureKey, 0, len(d))
	for k, m := range d {
		if !m.zero() {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].compare(keys[j]) < 0 })
	return insertFigureRows(tx, s.Dialect, keys, d, true)
}

// insertFigureRows writes the rows of keys, many to a statement; with add
// set an existing row's measures are raised by them.
func insertFigureRows(tx *gorm.DB, dialect string, keys []FigureKey, d figureDeltas, add bool) error {
	batch := statementRows(dialect, 5+len(figureColumns), 200)
	cols := "court_code, dim, val, day, case_type, " + strings.Join(figureColumns, ", ")
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", 5+len(figureColumns)), ", ") + ")"
	var tail string
	if add {
		tail = onConflict{key: []string{"court_code", "dim", "day", "val", "case_type"}, add: figureColumns}.sql(dialect)
	}
	for len(keys) > 0 {
		n := min(len(keys), batch)
		args := make([]any, 0, n*(5+len(figureColumns)))
		for _, k := range keys[:n] {
			args = append(args, k.Court, k.Dim, k.Val, k.Day, k.CaseType)
			m := d[k]
			for _, p := range m.fields() {
				args = append(args, *p)
			}
		}
		q := "INSERT INTO case_figure_days (" + cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", n), ", ") + tail
		if err := tx.Exec(q, args...).Error; err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

// countCaseFigures computes the rows of court (every court when "") from
// the cases themselves.
func countCaseFigures(ctx context.Context, db *gorm.DB, court string) (figureDeltas, error) {
	q := "SELECT " + figureCaseSelect + " FROM cases"
	var args []any
	if court != "" {
		q += " WHERE court_code = ?"
		args = append(args, court)
	}
	rows, err := db.WithContext(ctx).Raw(q, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	d := figureDeltas{}
	for rows.Next() {
		c, err := scanFigureCase(rows)
		if err != nil {
			return nil, err
		}
		d.add(c, 1)
	}
	return d, rows.Err()
}

// RecountCaseFiguresTx rebuilds court's rows of case_figure_days from its
// cases, inside tx: after a bulk load that wrote cases without the store.
func RecountCaseFiguresTx(tx *gorm.DB, court string) error {
	d, err := countCaseFigures(tx.Statement.Context, tx, court)
	if err != nil {
		return err
	}
	return replaceCaseFiguresTx(tx, court, d)
}

// replaceCaseFiguresTx replaces court's rows of case_figure_days with d,
// the contributions of every case of court.
func replaceCaseFiguresTx(tx *gorm.DB, court string, d figureDeltas) error {
	if err := tx.Exec("DELETE FROM case_figure_days WHERE court_code = ?", court).Error; err != nil {
		return err
	}
	keys := make([]FigureKey, 0, len(d))
	for k, m := range d {
		if !m.zero() {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].compare(keys[j]) < 0 })
	return insertFigureRows(tx, tx.Dialector.Name(), keys, d, false)
}

// recountAllCaseFigures rebuilds case_figure_days for every court (after
// migration 00140 created it).
func (s *Store) recountAllCaseFigures(ctx context.Context) error {
	var courts []string
	if err := s.DB.WithContext(ctx).Raw("SELECT code FROM courts ORDER BY code").Scan(&courts).Error; err != nil {
		return err
	}
	for _, c := range courts {
		if err := s.Tx(ctx, func(tx *gorm.DB) error { return RecountCaseFiguresTx(tx, c) }); err != nil {
			return fmt.Errorf("case figures of %s: %w", c, err)
		}
	}
	return nil
}

// CaseFigureDaysDrift lists every row of case_figure_days that differs from
// a rebuild from the cases themselves (nil when they agree): for tests and
// for checks after a repair by hand.
func (s *Store) CaseFigureDaysDrift(ctx context.Context) ([]string, error) {
	real, err := countCaseFigures(ctx, s.DB, "")
	if err != nil {
		return nil, s.Err(err)
	}
	rows, err := s.DB.WithContext(ctx).Raw("SELECT court_code, dim, val, day, case_type, " + strings.Join(figureColumns, ", ") +
		" FROM case_figure_days").Rows()
	if err != nil {
		return nil, s.Err(err)
	}
	defer rows.Close()
	kept := figureDeltas{}
	for rows.Next() {
		var k FigureKey
		var m FigureMeasures
		dest := []any{&k.Court, &k.Dim, &k.Val, &k.Day, &k.CaseType}
		for _, p := range m.fields() {
			dest = append(dest, p)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, s.Err(err)
		}
		kept[k] = m
	}
	if err := rows.Err(); err != nil {
		return nil, s.Err(err)
	}
	var out []string
	for k, m := range real {
		if !m.zero() && kept[k] != m {
			out = append(out, fmt.Sprintf("%+v: kept %+v, counted %+v", k, kept[k], m))
		}
	}
	for k, m := range kept {
		if _, ok := real[k]; !ok && !m.zero() {
			out = append(out, fmt.Sprintf("%+v: kept %+v, counted nothing", k, m))
		}
	}
	sort.Strings(out)
	return out, nil
}

// FigureDayRow is a dimension's value's measures over a span of days (or
// on one Day), per case type.
type FigureDayRow struct {
	Val, CaseType string
	Day           Date // zero unless per day
	FigureMeasures
}

// CaseFigureDays sums court's rows of dimension dim (one of FigureDims)
// from from to to, per value and case type (and per day, with perDay).
func (s *Store) CaseFigureDays(ctx context.Context, court, dim string, from, to Date, perDay bool) ([]FigureDayRow, error) {
	sums := make([]string, len(figureColumns))
	for i, c := range figureColumns {
		sums[i] = "SUM(" + c + ")"
	}
	day, groupDay := "NULL", ""
	if perDay {
		day, groupDay = "day", ", day"
	}
	rows, err := s.DB.WithContext(ctx).Raw("SELECT val, case_type, "+day+", "+strings.Join(sums, ", ")+
		" FROM case_figure_days WHERE court_code = ? AND dim = ? AND day >= ? AND day <= ? GROUP BY val, case_type"+groupDay,
		court, dim, from, to).Rows()
	if err != nil {
		return nil, s.Err(err)
	}
	defer rows.Close()
	var out []FigureDayRow
	for rows.Next() {
		var r FigureDayRow
		dest := []any{&r.Val, &r.CaseType, &r.Day}
		for _, p := range r.fields() {
			dest = append(dest, p)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, s.Err(err)
		}
		out = append(out, r)
	}
	return out, s.Err(rows.Err())
}

// caseFigureDaysMigrations are the migrations that create case_figure_days
// or add measures to it: Store.Migrate refills it after them.
var caseFigureDaysMigrations = map[int64]bool{140: true, 166: true}
