package app

import (
	"cmp"
	"context"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"
)

// case_search_counts (00175) keeps the cases of a court per organ,
// plaintiff name, type and year of the number, in the transactions that
// file cases or change their organ, plaintiff or type. The total of a
// search of the court's whole list (q= alone) is then, for the terms of
// searchConds that a row of it decides (the organs, the plaintiffs, the
// numbers of a type and year q allows all of), the sum of those rows — a
// few thousand rows instead of up to every case (q=清远: 760,000 index
// entries) — plus a count of the cases of the other terms (some numbers of
// a type and year) that meet none of those.

// searchCountKey is one row of case_search_counts.
type searchCountKey struct {
	Court     string `gorm:"column:court_code"`
	OrganID   int64  `gorm:"column:organ_id"`
	Plaintiff string `gorm:"column:plaintiff_name"`
	CaseType  string `gorm:"column:case_type"`
	Year      int    `gorm:"column:year"`
}

func (k searchCountKey) compare(o searchCountKey) int {
	return cmp.Or(strings.Compare(k.Court, o.Court), cmp.Compare(k.OrganID, o.OrganID),
		strings.Compare(k.Plaintiff, o.Plaintiff), strings.Compare(k.CaseType, o.CaseType), cmp.Compare(k.Year, o.Year))
}

// searchCountColumns are the columns of a case that a change of moves it
// to another row of case_search_counts or of case_seq_tails.
var searchCountColumns = []string{"court_code", "organ_id", "plaintiff_name", "case_type", "year", "seq"}

// searchCountKeyOf is the key of a case about to be written.
func searchCountKeyOf(r caseRecord) searchCountKey {
	return searchCountKey{r.CourtCode, r.OrganID, r.PlaintiffName, r.CaseType, r.Year}
}

// searchCountsAdd adds to a row of case_search_counts.
var searchCountsAdd = onConflict{key: []string{"court_code", "organ_id", "plaintiff_name", "case_type", "year"}, add: []string{"n"}}

// addSearchCountsTx adds delta to the count of each key, in one order of
// keys so that two transactions never wait for each other's rows.
func (s *Store) addSearchCountsTx(tx *gorm.DB, deltas map[searchCountKey]int) error {
	keys := make([]searchCountKey, 0, len(deltas))
	for k, d := range deltas {
		if d != 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].compare(keys[j]) < 0 })
	tail := searchCountsAdd.sql(s.Dialect)
	chunk := statementRows(s.Dialect, 6, 300)
	for len(keys) > 0 {
		part := keys[:min(chunk, len(keys))]
		keys = keys[len(part):]
		args := make([]any, 0, 6*len(part))
		for _, k := range part {
			args = append(args, k.Court, k.OrganID, k.Plaintiff, k.CaseType, k.Year, deltas[k])
		}
		q := "INSERT INTO case_search_counts (court_code, organ_id, plaintiff_name, case_type, year, n) VALUES " +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?), ", len(part)), ", ") + tail
		if err := tx.Exec(q, args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// touchesSearchCounts reports whether changes to a case row can move it to
// another row of case_search_counts.
func touchesSearchCounts(changes map[string]any) bool {
	for _, c := range searchCountColumns {
		if _, ok := changes[c]; ok {
			return true
		}
	}
	return false
}

// searchCountDeltasTx adds to deltas and tails the moves of the cases of
// bumps, read at their versions (a case at another version is a conflict),
// from their rows of case_search_counts and case_seq_tails to those with
// changes applied. Before the cases are updated.
func searchCountDeltasTx(tx *gorm.DB, bumps []caseBump, deltas map[searchCountKey]int, tails map[seqTailKey]int) error {
	ids := make([]int64, len(bumps))
	for n, b := range bumps {
		ids[n] = b.ID
	}
	var rows []struct {
		ID        int64
		Version   int
		Court     string `gorm:"column:court_code"`
		OrganID   int64
		Plaintiff string `gorm:"column:plaintiff_name"`
		CaseType  string
		Year      int
		Seq       int
	}
	err := tx.Table("cases").Select("id, version, court_code, organ_id, plaintiff_name, case_type, year, seq").
		Where("id IN ?", ids).Scan(&rows).Error
	if err != nil {
		return err
	}
	at := make(map[int64]int, len(rows))
	for n, r := range rows {
		at[r.ID] = n
	}
	for _, b := range bumps {
		i, ok := at[b.ID]
		if !ok || rows[i].Version != b.Version {
			return StaleVersion()
		}
		r := rows[i]
		from := searchCountKey{r.Court, r.OrganID, r.Plaintiff, r.CaseType, r.Year}
		to, err := movedSearchCountKey(from, b.Changes)
		if err != nil {
			return err
		}
		if from != to {
			deltas[from]--
			deltas[to]++
		}
		seq := r.Seq
		if err := applyChanges("search counts", b.Changes, map[string]any{"seq": &seq}); err != nil {
			return err
		}
		fromTail := seqTailKey{from.Court, seqTail(r.Seq), from.CaseType, from.Year}
		if toTail := (seqTailKey{to.Court, seqTail(seq), to.CaseType, to.Year}); fromTail != toTail {
			tails[fromTail]--
			tails[toTail]++
		}
	}
	return nil
}

// movedSearchCountKey is k with the columns of changes applied.
func movedSearchCountKey(k searchCountKey, changes map[string]any) (searchCountKey, error) {
	err := applyChanges("search counts", changes, map[string]any{"court_code": &k.Court, "organ_id": &k.OrganID,
		"plaintiff_name": &k.Plaintiff, "case_type": &k.CaseType, "year": &k.Year})
	return k, err
}

// recountSearchCountsTx counts the cases of court afresh into
// case_search_counts (RecountCasesTx). The same as migration 00175.
func recountSearchCountsTx(tx *gorm.DB, court string) error {
	if err := tx.Exec("DELETE FROM case_search_counts WHERE court_code = ?", court).Error; err != nil {
		return err
	}
	name, tail := "plaintiff_name", ""
	if tx.Dialector.Name() == MySQL {
		// Groups that are one row of the key are added up (00175).
		name, tail = "plaintiff_name COLLATE utf8mb4_nopad_bin", searchCountsAdd.sql(MySQL)
	}
	return tx.Exec(`INSERT INTO case_search_counts (court_code, organ_id, plaintiff_name, case_type, year, n)
		SELECT court_code, organ_id, `+name+`, case_type, year, COUNT(*) FROM cases WHERE court_code = ?
		GROUP BY court_code, organ_id, `+name+`, case_type, year`+tail, court).Error
}

// countSearchKept counts the cases of a search of the court's whole list
// (f has q and no other filter, vis the whole court) from
// case_search_counts, for the conditions of conds that one of its rows
// decides, by countNumbers for the terms of numbers that name seqs (less
// those of their cases that an organ or a plaintiff counted already), and
// from the cases for the others (see above). ok is false when it does not
// apply.
func (s *Store) countSearchKept(db *gorm.DB, a Actor, vis Visibility, f CaseFilter, conds []sqlCond) (n int64, ok bool, err error) {
	rest := f
	rest.Q, rest.Sort = "", ""
	court, courtArgs, scoped := vis.Where(Columns{Court: "court_code"})
	if rest != (CaseFilter{}) || !scoped {
		return 0, false, nil
	}
	var kept, numbers, other []sqlCond
	var where []string
	var args []any
	for _, c := range conds {
		switch {
		case c.kept != "":
			kept = append(kept, c)
			where = append(where, c.kept)
			args = append(args, c.keptArgs...)
		case c.seqs != nil:
			numbers = append(numbers, c)
		default:
			other = append(other, c)
		}
	}
	if len(kept) == 0 && len(numbers) == 0 {
		return 0, false, nil
	}
	if len(kept) > 0 {
		err = db.Table("case_search_counts").Select("COALESCE(SUM(n), 0)").Where(court, courtArgs...).
			Where("("+strings.Join(where, " OR ")+")", args...).Scan(&n).Error
		if err != nil {
			return 0, false, err
		}
	}
	either := func(cs []sqlCond) (string, []any) {
		sqls := make([]string, len(cs))
		var args []any
		for i, c := range cs {
			sqls[i] = c.sql
			args = append(args, c.args...)
		}
		return "(" + strings.Join(sqls, " OR ") + ")", args
	}
	if len(numbers) > 0 {
		k, err := countNumbers(db, vis.Court, numbers)
		if err != nil {
			return 0, false, err
		}
		n += k
		// Those of them that the organs and plaintiffs counted already
		// (the kept numbers of a whole type and year are others).
		var named []sqlCond
		for _, c := range kept {
			if !c.number {
				named = append(named, c)
			}
		}
		// Each through its own index (the organs', the plaintiffs': a few
		// thousand cases after a ledger of names with digits), less those
		// of the ones before it: an OR of them read every case of the
		// court (q=33 after the ledger import: 0.7 s on SQLite).
		seqs, seqArgs := either(numbers)
		for i, c := range named {
			from := db.Table("cases")
			if c.from != "" {
				from = db.Table(c.from, c.fromArgs...)
			}
			q := s.whereCases(from, a, vis, rest).Where(seqs, seqArgs...).Where(c.sql, c.args...)
			for _, before := range named[:i] {
				q = q.Where("NOT "+before.sql, before.args...)
			}
			if err := q.Count(&k).Error; err != nil {
				return 0, false, err
			}
			n -= k
		}
	}
	for _, c := range other {
		q := s.whereCases(db.Table("cases"), a, vis, rest).Where(c.sql, c.args...)
		for _, k := range kept {
			q = q.Where("NOT "+k.sql, k.args...)
		}
		for _, t := range numbers {
			if !(c.number && t.number) { // terms of numbers are disjoint
				q = q.Where("NOT "+t.sql, t.args...)
			}
		}
		var k int64
		if err := q.Count(&k).Error; err != nil {
			return 0, false, err
		}
		n += k
	}
	return n, true, nil
}

// searchCountsDrift lists every row of case_search_counts that differs from
// a count of the cases themselves (CaseCountsDrift).
func (s *Store) searchCountsDrift(ctx context.Context) ([]string, error) {
	read := func(q string) (map[searchCountKey]int64, error) {
		var rows []struct {
			Court     string `gorm:"column:court_code"`
			OrganID   int64
			Plaintiff string `gorm:"column:plaintiff_name"`
			CaseType  string
			Year      int
			N         int64 `gorm:"column:n"`
		}
		if err := s.DB.WithContext(ctx).Raw(q).Scan(&rows).Error; err != nil {
			return nil, s.Err(err)
		}
		out := map[searchCountKey]int64{}
		for _, r := range rows {
			if r.N != 0 {
				out[searchCountKey{r.Court, r.OrganID, r.Plaintiff, r.CaseType, r.Year}] += r.N
			}
		}
		return out, nil
	}
	kept, err := read("SELECT court_code, organ_id, plaintiff_name, case_type, year, n FROM case_search_counts")
	if err != nil {
		return nil, err
	}
	name := "plaintiff_name"
	if s.Dialect == MySQL {
		name = "plaintiff_name COLLATE utf8mb4_nopad_bin"
	}
	real, err := read("SELECT court_code, organ_id, " + name + " AS plaintiff_name, case_type, year, COUNT(*) AS n FROM cases GROUP BY court_code, organ_id, " + name + ", case_type, year")
	if err != nil {
		return nil, err
	}
	var out []string
	for k, n := range real {
		if kept[k] != n {
			out = append(out, fmt.Sprintf("case_search_counts %+v: kept %d, counted %d", k, kept[k], n))
		}
	}
	for k, n := range kept {
		if _, ok := real[k]; !ok {
			out = append(out, fmt.Sprintf("case_search_counts %+v: kept %d, counted 0", k, n))
		}
	}
	return out, nil
}
