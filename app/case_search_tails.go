package app

import (
	"cmp"
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// case_seq_tails (00195) keeps the cases of a court per tail of their seq
// (the last three digits of the number's seq, seqTail), type and year, in
// the transactions that file cases. A search for the numbers ending with
// up to three digits and 号 (q=12号: every type and year, 10,000 cases at
// 1M) is then counted from the rows of the tails that end with them
// (tailsEndingWith: 11 per type and year for 12号) instead of one lookup
// of cases_number per case (countSearchKept).

// seqTail is the tail of seq in case_seq_tails: seq itself below 1000,
// else 1000 + its last three digits (the tail "012" of 1012 is not 12's).
func seqTail(seq int) int {
	if seq < 1000 {
		return seq
	}
	return 1000 + seq%1000
}

// seqTailSQL is seqTail of the column seq in SQL.
const seqTailSQL = "CASE WHEN seq < 1000 THEN seq ELSE 1000 + seq % 1000 END"

// maxTailDigits is how many digits a tail has at most.
const maxTailDigits = 3

// tailDigits is the digits of the seqs whose tail is t, as they end.
func tailDigits(t int) string {
	if t < 1000 {
		return strconv.Itoa(t)
	}
	return fmt.Sprintf("%03d", t-1000)
}

// tailsEndingWith is every tail whose seqs end with digits (ASCII, at most
// maxTailDigits of them): a seq ends with them exactly when its tail does.
func tailsEndingWith(digits string) []int {
	var tails []int
	for t := 1; t < 2000; t++ {
		if strings.HasSuffix(tailDigits(t), digits) {
			tails = append(tails, t)
		}
	}
	return tails
}

// seqTailKey is one row of case_seq_tails.
type seqTailKey struct {
	Court    string `gorm:"column:court_code"`
	Tail     int    `gorm:"column:tail"`
	CaseType string `gorm:"column:case_type"`
	Year     int    `gorm:"column:year"`
}

func (k seqTailKey) compare(o seqTailKey) int {
	return cmp.Or(strings.Compare(k.Court, o.Court), cmp.Compare(k.Tail, o.Tail),
		strings.Compare(k.CaseType, o.CaseType), cmp.Compare(k.Year, o.Year))
}

// seqTailKeyOf is the key of a case about to be written.
func seqTailKeyOf(r caseRecord) seqTailKey {
	return seqTailKey{r.CourtCode, seqTail(r.Seq), r.CaseType, r.Year}
}

// addSeqTailsTx adds delta to the count of each key, in one order of keys
// so that two transactions never wait for each other's rows.
func (s *Store) addSeqTailsTx(tx *gorm.DB, deltas map[seqTailKey]int) error {
	keys := make([]seqTailKey, 0, len(deltas))
	for k, d := range deltas {
		if d != 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].compare(keys[j]) < 0 })
	tail := onConflict{key: []string{"court_code", "tail", "case_type", "year"}, add: []string{"n"}}.sql(s.Dialect)
	chunk := statementRows(s.Dialect, 5, 300)
	for len(keys) > 0 {
		part := keys[:min(chunk, len(keys))]
		keys = keys[len(part):]
		args := make([]any, 0, 5*len(part))
		for _, k := range part {
			args = append(args, k.Court, k.Tail, k.CaseType, k.Year, deltas[k])
		}
		q := "INSERT INTO case_seq_tails (court_code, tail, case_type, year, n) VALUES " +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?), ", len(part)), ", ") + tail
		if err := tx.Exec(q, args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// recountSeqTailsTx counts the cases of court afresh into case_seq_tails
// (RecountCasesTx). The same as migration 00195.
func recountSeqTailsTx(tx *gorm.DB, court string) error {
	if err := tx.Exec("DELETE FROM case_seq_tails WHERE court_code = ?", court).Error; err != nil {
		return err
	}
	return tx.Exec(`INSERT INTO case_seq_tails (court_code, tail, case_type, year, n)
		SELECT court_code, `+seqTailSQL+`, case_type, year, COUNT(*) FROM cases WHERE court_code = ?
		GROUP BY court_code, `+seqTailSQL+`, case_type, year`, court).Error
}

// countSeqTails is how many cases of court of the types and years of
// pairs ("type\x00year") have a seq whose tail is one of tails.
func countSeqTails(db *gorm.DB, court string, tails []int, pairs map[string]bool) (int64, error) {
	sums, err := seqTailSums(db, court, "tail IN ?", tails)
	if err != nil {
		return 0, err
	}
	var n int64
	for k, s := range sums {
		if pairs[k] {
			n += s
		}
	}
	return n, nil
}

// seqTailSums adds up the rows of case_seq_tails of court that meet cond
// (with args) by type and year (typeYear): the cases of each whose tail
// cond allows.
func seqTailSums(db *gorm.DB, court, cond string, args ...any) (map[string]int64, error) {
	var rows []struct {
		CaseType string `gorm:"column:case_type"`
		Year     int    `gorm:"column:year"`
		N        int64  `gorm:"column:n"`
	}
	err := db.Table("case_seq_tails").Select("case_type, year, SUM(n) AS n").Where("court_code = ?", court).
		Where(cond, args...).Group("case_type, year").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	sums := make(map[string]int64, len(rows))
	for _, r := range rows {
		sums[typeYear(r.CaseType, r.Year)] = r.N
	}
	return sums, nil
}

// typeYear is the key of a type and year in the pairs of countSeqTails.
func typeYear(typ string, year int) string {
	return typ + "\x00" + strconv.Itoa(year)
}

// seqTailsDrift lists every row of case_seq_tails that differs from a
// count of the cases themselves (CaseCountsDrift).
func (s *Store) seqTailsDrift(ctx context.Context) ([]string, error) {
	read := func(q string) (map[seqTailKey]int64, error) {
		var rows []struct {
			seqTailKey
			N int64 `gorm:"column:n"`
		}
		if err := s.DB.WithContext(ctx).Raw(q).Scan(&rows).Error; err != nil {
			return nil, s.Err(err)
		}
		out := map[seqTailKey]int64{}
		for _, r := range rows {
			if r.N != 0 {
				out[r.seqTailKey] += r.N
			}
		}
		return out, nil
	}
	kept, err := read("SELECT court_code, tail, case_type, year, n FROM case_seq_tails")
	if err != nil {
		return nil, err
	}
	real, err := read("SELECT court_code, " + seqTailSQL + " AS tail, case_type, year, COUNT(*) AS n FROM cases GROUP BY court_code, " +
		seqTailSQL + ", case_type, year")
	if err != nil {
		return nil, err
	}
	var out []string
	for k, n := range real {
		if kept[k] != n {
			out = append(out, fmt.Sprintf("case_seq_tails %+v: kept %d, counted %d", k, kept[k], n))
		}
	}
	for k, n := range kept {
		if _, ok := real[k]; !ok {
			out = append(out, fmt.Sprintf("case_seq_tails %+v: kept %d, counted 0", k, n))
		}
	}
	return out, nil
}
