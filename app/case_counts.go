package app

import (
	"cmp"
	"context"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"
)

// caseCountKey is one row of case_day_counts: the cases of a court with
// one judge (0: none), one type and one status filed on one day; without
// the day (dayless), one row of case_counts.
type caseCountKey struct {
	Court    string `gorm:"column:court_code"`
	JudgeID  int64  `gorm:"column:judge_id"`
	CaseType string `gorm:"column:case_type"`
	Status   string `gorm:"column:status"`
	FiledOn  Date   `gorm:"column:filed_on"`
}

func (k caseCountKey) less(o caseCountKey) bool {
	return cmp.Or(strings.Compare(k.Court, o.Court), cmp.Compare(k.JudgeID, o.JudgeID),
		strings.Compare(k.CaseType, o.CaseType), strings.Compare(k.Status, o.Status),
		strings.Compare(k.FiledOn.String(), o.FiledOn.String())) < 0
}

// dayless is the key of k's row of case_counts.
func (k caseCountKey) dayless() caseCountKey {
	k.FiledOn = Date{}
	return k
}

// monthly is the key of k's row of case_month_counts: its day is the first
// of its month.
func (k caseCountKey) monthly() caseCountKey {
	k.FiledOn = NewDate(k.FiledOn.Year, k.FiledOn.Month, 1)
	return k
}

// caseCountColumns are the columns of cases a count depends on.
var caseCountColumns = []string{"court_code", "judge_id", "case_type", "status", "filed_on"}

// addCaseCountsTx adds delta to the count of each key in case_day_counts,
// to that of its month in case_month_counts and to that of its court,
// judge, type and status in case_counts, in one order of keys so that two
// transactions never wait for each other's rows; the keys of a bulk filing
// a few hundred rows to a statement.
func (s *Store) addCaseCountsTx(tx *gorm.DB, deltas map[caseCountKey]int) error {
	totals := map[caseCountKey]int{}
	months := map[caseCountKey]int{}
	for k, d := range deltas {
		totals[k.dayless()] += d
		months[k.monthly()] += d
	}
	for _, k := range sortedKeys(totals) {
		listCourt(tx, k.Court)
	}
	if err := addCountRowsTx(tx, "case_counts", "", totals); err != nil {
		return err
	}
	if err := addCountRowsTx(tx, "case_month_counts", "filed_month", months); err != nil {
		return err
	}
	return addCountRowsTx(tx, "case_day_counts", "filed_on", deltas)
}

// addCountRowsTx adds each delta to the n of its key's row in table, whose
// key is the court, the judge, the type, the status and, when day names it,
// the column of the key's day (case_counts has none); in the order of the
// keys, a few hundred rows to a statement.
func addCountRowsTx(tx *gorm.DB, table, day string, deltas map[caseCountKey]int) error {
	cols, values := "court_code, judge_id, case_type, status", "(?, ?, ?, ?, ?)"
	if day != "" {
		cols, values = cols+", "+day, "(?, ?, ?, ?, ?, ?)"
	}
	head := "INSERT INTO " + table + " (" + cols + ", n) VALUES "
	tail := onConflict{key: strings.Split(cols, ", "), add: []string{"n"}}.sql(tx.Dialector.Name())
	const chunk = 300
	keys := sortedKeys(deltas)
	for len(keys) > 0 {
		part := keys[:min(chunk, len(keys))]
		keys = keys[len(part):]
		var vals []any
		for _, k := range part {
			vals = append(vals, k.Court, k.JudgeID, k.CaseType, k.Status)
			if day != "" {
				vals = append(vals, k.FiledOn)
			}
			vals = append(vals, deltas[k])
		}
		q := head + strings.TrimSuffix(strings.Repeat(values+", ", len(part)), ", ") + tail
		if err := tx.Exec(q, vals...).Error; err != nil {
			return err
		}
	}
	return nil
}

// sortedKeys are the keys of deltas whose delta is not 0, in order.
func sortedKeys(deltas map[caseCountKey]int) []caseCountKey {
	keys := make([]caseCountKey, 0, len(deltas))
	for k, d := range deltas {
		if d != 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].less(keys[j]) })
	return keys
}

// caseCountKeyOf is the key of a case about to be written.
func caseCountKeyOf(r caseRecord) caseCountKey {
	k := caseCountKey{Court: r.CourtCode, CaseType: r.CaseType, Status: r.Status, FiledOn: r.FiledOn}
	if r.JudgeID != nil {
		k.JudgeID = *r.JudgeID
	}
	return k
}

// touchesCaseCounts reports whether changes to a case row can move it to
// another row of case_counts.
func touchesCaseCounts(changes map[string]any) bool {
	for _, c := range caseCountColumns {
		if _, ok := changes[c]; ok {
			return true
		}
	}
	return false
}

// countedKeysTx reads the counted keys of the cases of bumps at their
// versions (a case at another version is a conflict).
func countedKeysTx(tx *gorm.DB, bumps []caseBump) ([]caseCountKey, error) {
	ids := make([]int64, len(bumps))
	for n, b := range bumps {
		ids[n] = b.ID
	}
	var rows []struct {
		ID       int64
		Version  int
		Court    string `gorm:"column:court_code"`
		JudgeID  int64
		CaseType string
		Status   string
		FiledOn  Date
	}
	err := tx.Table("cases").Select("id, version, court_code, COALESCE(judge_id, 0) AS judge_id, case_type, status, filed_on").
		Where("id IN ?", ids).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	at := make(map[int64]int, len(rows))
	for n, r := range rows {
		at[r.ID] = n
	}
	keys := make([]caseCountKey, len(bumps))
	for n, b := range bumps {
		i, ok := at[b.ID]
		if !ok || rows[i].Version != b.Version {
			return nil, StaleVersion()
		}
		r := rows[i]
		keys[n] = caseCountKey{r.Court, r.JudgeID, r.CaseType, r.Status, r.FiledOn}
	}
	return keys, nil
}

// movedKey is k with the count columns of changes applied.
func movedKey(k caseCountKey, changes map[string]any) (caseCountKey, error) {
	err := applyChanges("case counts", changes, map[string]any{"court_code": &k.Court, "judge_id": &k.JudgeID,
		"case_type": &k.CaseType, "status": &k.Status, "filed_on": &k.FiledOn})
	return k, err
}

// applyChanges sets each field of fields (a pointer to it by its column)
// to its column's value in changes, the changes to a case row of
// bumpCasesTx; a value of another type than the field's is an error (of
// what). A nil judge (*int64 or nil) is 0, as the counts keep it.
func applyChanges(what string, changes map[string]any, fields map[string]any) error {
	for col, v := range changes {
		dst, ok := fields[col]
		if !ok {
			continue
		}
		bad := fmt.Errorf("%s: %s = %T", what, col, v)
		switch p := dst.(type) {
		case *string:
			s, ok := v.(string)
			if !ok {
				return bad
			}
			*p = s
		case *Date:
			d, ok := v.(Date)
			if !ok {
				return bad
			}
			*p = d
		case *int64:
			n, ok := changedInt(v)
			if !ok {
				return bad
			}
			*p = n
		case *int:
			n, ok := changedInt(v)
			if !ok {
				return bad
			}
			*p = int(n)
		default:
			return fmt.Errorf("%s: field of %s is %T", what, col, dst)
		}
	}
	return nil
}

// changedInt is the integer value of a change: a nil judge (*int64 or
// nil) is 0.
func changedInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case *int64:
		if x == nil {
			return 0, true
		}
		return *x, true
	case nil:
		return 0, true
	}
	return 0, false
}

// countFromCaseCounts answers a count of ListCases from case_counts when
// the filter and the scope use nothing but the court, the status, the type
// and the judge; ok is false for any other filter or scope.
func (s *Store) countFromCaseCounts(db *gorm.DB, a Actor, vis Visibility, f CaseFilter) (n int64, ok bool, err error) {
	q, args, ok := caseCountsSum(vis, f)
	if !ok {
		return 0, false, nil
	}
	// One row and one column, read without gorm's Scan: its reflection
	// was a third of the count's CPU under the list's load; and on db's
	// connection (the pool or its transaction) without gorm's Raw.
	if err := db.Statement.ConnPool.QueryRowContext(db.Statement.Context, q, args...).Scan(&n); err != nil {
		return 0, false, err
	}
	return n, true, nil
}

// caseCountsSum is the statement of countFromCaseCounts and its
// arguments: one row, the count; ok is false when case_counts cannot
// answer f under vis.
func caseCountsSum(vis Visibility, f CaseFilter) (q string, args []any, ok bool) {
	rest := f
	rest.Status, rest.CaseType, rest.JudgeID, rest.Sort = "", "", 0, ""
	// case_counts has the court and the judge: the scopes that read nothing else.
	cond, args, ok := vis.Where(Columns{Court: "court_code", Owner: "judge_id"})
	if rest != (CaseFilter{}) || !ok {
		return "", nil, false
	}
	var b strings.Builder
	b.WriteString("SELECT COALESCE(SUM(n), 0) FROM case_counts WHERE ")
	b.WriteString(cond)
	if f.JudgeID > 0 {
		b.WriteString(" AND judge_id = ?")
		args = append(args, f.JudgeID)
	}
	if f.CaseType != "" {
		b.WriteString(" AND case_type = ?")
		args = append(args, f.CaseType)
	}
	if c, arg, ok := statusCond("status", f.Status); ok {
		b.WriteString(" AND " + c)
		args = append(args, arg)
	}
	return b.String(), args, true
}

// RecountCases counts the cases of court afresh into case_counts,
// case_figure_days, case_search_counts and case_seq_tails, and adds
// their search terms to case_search: after a bulk load that wrote cases
// without the store (fuyuan gen, test fixtures).
func (s *Store) RecountCases(ctx context.Context, court string) error {
	return s.Tx(ctx, func(tx *gorm.DB) error { return RecountCasesTx(tx, court) })
}

// CountedCase is a case as a bulk load writes it in cases, with the
// columns the kept counts read: those of its figures, its plaintiff and its
// number's year and seq.
type CountedCase struct {
	FigureCase
	PlaintiffName string
	Year, Seq     int
}

// CaseCounts are the kept counts (FilingCounts: case_counts and
// case_day_counts, case_search_counts, case_seq_tails, case_figure_days)
// of cases counted one by one (Add): for a bulk load that writes cases
// without the store and counts them as it makes them
// (Store.RecountCasesCounted).
type CaseCounts struct{ c *FilingCounts }

// NewCaseCounts returns counts of no case.
func NewCaseCounts() *CaseCounts { return &CaseCounts{NewFilingCounts()} }

// Add counts case c, as it is written in cases, under the keys a filing
// counts it under (FileCasesCountedTx) and with the figures a recount reads
// (countCaseFigures).
func (k *CaseCounts) Add(c CountedCase) {
	judge := c.JudgeID
	k.c.addCase(caseRecord{CourtCode: c.Court, CaseType: c.CaseType, Year: c.Year, Seq: c.Seq, PlaintiffName: c.PlaintiffName,
		OrganID: c.OrganID, FiledOn: c.FiledOn, JudgeID: &judge, Status: c.Status})
	k.c.figures.add(c.FigureCase, 1)
}

// RecountCasesCounted is RecountCases with court's kept counts counted
// beforehand, from every case of court, by the one who wrote them (fuyuan
// gen, as it generates them): the rows of case_counts, case_day_counts,
// case_search_counts, case_seq_tails and case_figure_days are written from
// counts instead of from a reading of every case.
func (s *Store) RecountCasesCounted(ctx context.Context, court string, counts *CaseCounts) error {
	return s.Tx(ctx, func(tx *gorm.DB) error {
		listCourt(tx, court)
		for _, t := range []string{"case_counts", "case_month_counts", "case_day_counts", "case_search_counts", "case_seq_tails"} {
			if err := tx.Exec("DELETE FROM "+t+" WHERE court_code = ?", court).Error; err != nil {
				return err
			}
		}
		c := counts.c
		if err := s.addListCountsTx(tx, c); err != nil {
			return err
		}
		if err := replaceCaseFiguresTx(tx, court, c.figures); err != nil {
			return err
		}
		return refreshSearchTermsTx(tx, court)
	})
}

// recountMonthCountsTx counts court's case_month_counts afresh from its
// case_day_counts, each day under its month (caseCountKey.monthly).
func recountMonthCountsTx(tx *gorm.DB, court string) error {
	if err := tx.Exec("DELETE FROM case_month_counts WHERE court_code = ?", court).Error; err != nil {
		return err
	}
	rows, err := tx.Raw("SELECT judge_id, case_type, status, filed_on, n FROM case_day_counts WHERE court_code = ?", court).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	months := map[caseCountKey]int{}
	for rows.Next() {
		k, n := caseCountKey{Court: court}, 0
		if err := rows.Scan(&k.JudgeID, &k.CaseType, &k.Status, &k.FiledOn, &n); err != nil {
			return err
		}
		months[k.monthly()] += n
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := rows.Close(); err != nil {
		return err
	}
	return addCountRowsTx(tx, "case_month_counts", "filed_month", months)
}

// RecountCasesTx is RecountCases inside the transaction tx.
func RecountCasesTx(tx *gorm.DB, court string) error {
	listCourt(tx, court)
	if err := tx.Exec("DELETE FROM case_counts WHERE court_code = ?", court).Error; err != nil {
		return err
	}
	err := tx.Exec(`INSERT INTO case_counts (court_code, judge_id, case_type, status, n)
		SELECT court_code, COALESCE(judge_id, 0), case_type, status, COUNT(*) FROM cases WHERE court_code = ?
		GROUP BY court_code, COALESCE(judge_id, 0), case_type, status`, court).Error
	if err != nil {
		return err
	}
	if err := tx.Exec("DELETE FROM case_day_counts WHERE court_code = ?", court).Error; err != nil {
		return err
	}
	err = tx.Exec(`INSERT INTO case_day_counts (court_code, judge_id, case_type, status, filed_on, n)
		SELECT court_code, COALESCE(judge_id, 0), case_type, status, filed_on, COUNT(*) FROM cases WHERE court_code = ?
		GROUP BY court_code, COALESCE(judge_id, 0), case_type, status, filed_on`, court).Error
	if err != nil {
		return err
	}
	if err := recountMonthCountsTx(tx, court); err != nil {
		return err
	}
	// The figures per day (case_figures.go).
	if err := RecountCaseFiguresTx(tx, court); err != nil {
		return err
	}
	// The search's counts (case_search_counts.go).
	if err := recountSearchCountsTx(tx, court); err != nil {
		return err
	}
	// The search's counts of the seqs' tails (case_search_tails.go).
	if err := recountSeqTailsTx(tx, court); err != nil {
		return err
	}
	// The search's terms (case_search.go), which a bulk load did not add.
	return refreshSearchTermsTx(tx, court)
}

// CaseCountsDrift lists every row of case_counts, case_day_counts, case_month_counts,
// case_search_counts and case_seq_tails that differs from a count of the cases themselves (none when they agree):
// for tests and for checks after a repair by hand.
func (s *Store) CaseCountsDrift(ctx context.Context) ([]string, error) {
	type row struct {
		Court    string `gorm:"column:court_code"`
		JudgeID  int64  `gorm:"column:judge_id"`
		CaseType string `gorm:"column:case_type"`
		Status   string `gorm:"column:status"`
		FiledOn  Date   `gorm:"column:filed_on"`
		N        int64  `gorm:"column:n"`
	}
	read := func(q string) (map[caseCountKey]int64, error) {
		var rows []row
		if err := s.DB.WithContext(ctx).Raw(q).Scan(&rows).Error; err != nil {
			return nil, s.Err(err)
		}
		out := map[caseCountKey]int64{}
		for _, r := range rows {
			if r.N != 0 {
				out[caseCountKey{r.Court, r.JudgeID, r.CaseType, r.Status, r.FiledOn}] = r.N
			}
		}
		return out, nil
	}
	var out []string
	compare := func(table string, kept, real map[caseCountKey]int64) {
		for k, n := range real {
			if kept[k] != n {
				out = append(out, fmt.Sprintf("%s %+v: kept %d, counted %d", table, k, kept[k], n))
			}
		}
		for k, n := range kept {
			if _, ok := real[k]; !ok {
				out = append(out, fmt.Sprintf("%s %+v: kept %d, counted 0", table, k, n))
			}
		}
	}
	for _, q := range []struct{ table, day string }{{"case_counts", ""}, {"case_day_counts", ", filed_on"}} {
		kept, err := read("SELECT court_code, judge_id, case_type, status" + q.day + ", n FROM " + q.table)
		if err != nil {
			return nil, err
		}
		real, err := read(`SELECT court_code, COALESCE(judge_id, 0) AS judge_id, case_type, status` + q.day + `, COUNT(*) AS n
			FROM cases GROUP BY court_code, COALESCE(judge_id, 0), case_type, status` + q.day)
		if err != nil {
			return nil, err
		}
		compare(q.table, kept, real)
		if q.table == "case_day_counts" {
			// The months: the cases' days, each under its month.
			months := map[caseCountKey]int64{}
			for k, n := range real {
				months[k.monthly()] += n
			}
			kept, err := read("SELECT court_code, judge_id, case_type, status, filed_month AS filed_on, n FROM case_month_counts")
			if err != nil {
				return nil, err
			}
			compare("case_month_counts", kept, months)
		}
	}
	drift, err := s.searchCountsDrift(ctx)
	if err != nil {
		return nil, err
	}
	out = append(out, drift...)
	if drift, err = s.seqTailsDrift(ctx); err != nil {
		return nil, err
	}
	out = append(out, drift...)
	sort.Strings(out)
	return out, nil
}
