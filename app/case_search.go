package app

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// The case list's search (q=) keeps its meaning — the cases whose number,
// plaintiff or organ's name contains q, as the database's LIKE '%q%' finds
// them — but finds them from indexes instead of reading every case of the
// court. It needs case_search, which the store keeps in the transaction
// that files a case or renames its plaintiff (and RecountCases refreshes
// after a bulk load):
//
//   - kind 'p': every plaintiff name of the court's cases. The plaintiffs
//     that contain q are found among these (a few hundred or thousand names,
//     not a million cases), then their cases through cases_court_plaintiff,
//     each case's own name checked with the same LIKE once more. Beyond
//     maxSearchNames names, a subquery of them on SQLite, each case's name
//     checked along the list's order on MariaDB (findSearchConds).
//   - kind 'c': every character of the court's case numbers. A q with a
//     character that no case number has (a name: 张, 林业开发) cannot be in a
//     number, and the numbers are not read at all; otherwise (digits, 行初)
//     the type, year and seq the number must have are worked out and read
//     through their index (case_search_number.go).
//
// The organs that contain q are read from organs (a few dozen), their cases
// through cases_court_organ_list. docs/architecture.md says why this rather than
// a full-text index.
const (
	searchPlaintiff  = "p"
	searchCaseNoChar = "c"
)

// maxSearchNames is how many matching plaintiff names are sent as a list;
// beyond it they are not sent (the databases' limits on parameters):
// a subquery, or the cases' own names checked (findSearchConds).
var maxSearchNames = 500

// maxSearchNumbers is how many cases found by their number are named by id.
var maxSearchNumbers = 1000

// maxListedNumbers is how many seqs a search by number may name at most
// for their cases to be read and named by id as literals (above
// maxSearchNumbers); beyond it each range of seqs is a condition.
var maxListedNumbers = 20000

// searchByID is the condition of the cases a search names by their ids.
const searchByID = "(cases.id IN ?)"

// sqlCond is an SQL condition with its arguments.
type sqlCond struct {
	sql  string
	args []any
	// number: a term of numberSearch, which keeps no case another keeps.
	number bool
	// kept: the same condition on the columns of case_search_counts, when
	// a row of it decides it (countSearchKept); "" otherwise.
	kept     string
	keptArgs []any
	// seqs: a term of numberSearch that names seqs of one type and year
	// (ranges of them, a single seq as [seq, seq]), counted with the other
	// such terms of the search (countNumbers).
	seqs *numberTerm
	// listed: the ids of the cases of a numberSearch, as literals.
	listed bool
	// manyNames: the plaintiffs of more than maxSearchNames names, not
	// sent (findSearchConds).
	manyNames bool
	// from: the table of cases to count those of the condition from, read
	// from its own index, when the database would read every case of the
	// court for it ("" otherwise: cases).
	from     string
	fromArgs []any
	// index: the index of cases that reads the cases of the condition
	// (its column after the court's code), which SQLite is told to read
	// them through where it chose a filter's index instead
	// (countWideFiltered).
	index string
}

// searchConds are the conditions on cases of which a case whose number,
// plaintiff or organ's name contains text (LIKE '%text%') meets at least
// one, and no other case any: none when no case can contain it. In this
// order: the organ, the plaintiff, the number.
func (s *Store) searchConds(db *gorm.DB, court, text string) ([]sqlCond, error) {
	var memo map[[2]string][]sqlCond
	if ctx := db.Statement.Context; ctx != nil {
		memo, _ = ctx.Value(searchCondsKey{}).(map[[2]string][]sqlCond)
	}
	if conds, ok := memo[[2]string{court, text}]; ok {
		return conds, nil
	}
	conds, err := s.findSearchConds(db, court, text)
	if err == nil {
		conds, err = namedIfFew(db, court, conds)
	}
	if err == nil && memo != nil {
		memo[[2]string{court, text}] = conds
	}
	return conds, err
}

// searchCondsKey is the key of the context value of withSearchConds.
type searchCondsKey struct{}

// withSearchConds is ctx in which searchConds works out a search's
// conditions once: the count, the choice of table and the page of one
// list (ListCases) read the same, at a third of the statements. Not for
// contexts that outlive one list or are shared between goroutines.
func withSearchConds(ctx context.Context) context.Context {
	return context.WithValue(ctx, searchCondsKey{}, map[[2]string][]sqlCond{})
}

// findSearchConds is searchConds without withSearchConds.
func (s *Store) findSearchConds(db *gorm.DB, court, text string) ([]sqlCond, error) {
	like := Contains(text)
	db = db.Session(&gorm.Session{NewDB: true})
	var conds []sqlCond
	var organs []int64
	if err := db.Table("organs").Where(Like("name"), like).Pluck("id", &organs).Error; err != nil {
		return nil, err
	}
	if len(organs) > 0 {
		conds = append(conds, sqlCond{sql: "(cases.organ_id IN ?)", args: []any{organs}, kept: "organ_id IN ?", keptArgs: []any{organs},
			index: "cases_court_organ_list"})
	}
	var names []string
	err := db.Table("case_search").Where("court_code = ? AND kind = ?", court, searchPlaintiff).
		Where(Like("term"), like).Limit(maxSearchNames+1).Pluck("term", &names).Error
	if err != nil {
		return nil, err
	}
	switch {
	case len(names) > maxSearchNames:
		// So many names (a ledger of 50,000 plaintiffs named 原告NNNNN…
		// 林业开发有限公司: q=原告, q=有限公司) find so many cases that
		// naming them gains MariaDB nothing: each case's own name is
		// checked with LIKE along the index the page reads in its order
		// (which holds the name, 00350), a few entries for each case of the
		// page. A subquery of case_search here cost it a quarter of a second
		// whatever the page: it materialized the 50,000 terms in a temporary
		// table on disk before reading a case. SQLite reads that subquery
		// in-process, and through it the names' index, which holds the
		// list's filters (cases_search_plaintiff), where a status or a type
		// leaves the order's index few cases: it keeps it. The total is the
		// kept counts' (countSearchKept); whether they are few enough to
		// name is read there too (namedIfFew).
		sql, args := "("+Like("cases.plaintiff_name")+")", []any{like}
		if s.Dialect == SQLite {
			sql = "(cases.plaintiff_name IN (SELECT cs.term FROM case_search cs WHERE cs.court_code = ? AND cs.kind = ? AND " +
				Like("cs.term") + ") AND " + Like("cases.plaintiff_name") + ")"
			args = []any{court, searchPlaintiff, like, like}
		}
		c := sqlCond{sql: sql, args: args, kept: Like("plaintiff_name"), keptArgs: []any{like}, manyNames: true, index: "cases_search_plaintiff"}
		if s.Dialect == MySQL {
			// The cases of a number whose names are among these
			// (countSearchKept: q=33 after the ledger import, 3,600 names)
			// are counted from the names, each once (DISTINCT in the
			// cases' collation: case_search's terms compare trailing
			// spaces, utf8mb4_nopad_bin), joined to their cases: the LIKE
			// on the names alone read every case of the court (q=33: 2.2 s
			// of mariadbd a request).
			c.from = "(SELECT DISTINCT cs.term COLLATE utf8mb4_bin AS name FROM case_search cs WHERE cs.court_code = ? AND cs.kind = ? AND " +
				Like("cs.term") + ") names STRAIGHT_JOIN cases ON cases.court_code = ? AND cases.plaintiff_name = names.name"
			c.fromArgs = []any{court, searchPlaintiff, like, court}
		}
		conds = append(conds, c)
	case len(names) > 0:
		conds = append(conds, sqlCond{sql: "(cases.plaintiff_name IN ? AND " + Like("cases.plaintiff_name") + ")", args: []any{names, like},
			kept: Like("plaintiff_name"), keptArgs: []any{like}, index: "cases_search_plaintiff"})
	}
	inNumbers, err := mayBeInCaseNumbers(db, court, text)
	if err != nil {
		return nil, err
	}
	if inNumbers {
		// From the type, year and seq a q allows (case_search_number.go),
		// else, for a q of digits alone in too many seqs, with LIKE. The
		// cases found are named by id when they are few, so that the list
		// does not read every case along its order to fill a page with
		// them (a whole number: one case, a million read); else each term
		// is a condition of its own, counted on its own index (countSearch).
		terms, ok, err := numberSearch(db, court, text, s.Dialect == SQLite)
		if err != nil {
			return nil, err
		}
		if !ok {
			terms = []sqlCond{numberLike(court, text)}
		}
		if len(terms) == 1 && terms[0].seqs != nil && terms[0].seqs.wide != nil {
			// Digits in too many seqs to name (q=33): counted from their
			// runs (countWide), their cases read by id only when few.
			n, err := countNumbers(db, court, terms)
			if err != nil {
				return nil, err
			}
			if n > int64(maxSearchNumbers) {
				return append(conds, terms...), nil
			}
		}
		if len(terms) > 1 && countable(terms) {
			// On MariaDB, seqs that name a few thousand cases and that
			// case_seq_tails does not count (q=100, not q=12号): their ids,
			// read from cases_number alone (the index entries the count
			// would read), are the condition, so that the page reads its
			// order's index alone (listTable) instead of the row of each
			// case it passes; and the total is how many. (SQLite reads
			// those rows in-process faster than a list of literals; the
			// ids of q=12号 cost MariaDB a lookup each where its count is
			// a few rows: docs/benchmarks.md.)
			runs := numberRuns(terms)
			named := seqsNamed(runs)
			if s.Dialect == MySQL && seqTailsOf(terms) == nil && named > maxSearchNumbers && named <= maxListedNumbers {
				ids, err := numberIDs(db, court, runs)
				if err != nil {
					return nil, err
				}
				set := terms[0].seqs.set
				set.total = int64(len(ids))
				switch {
				case len(ids) == 0:
					return conds, nil
				case len(ids) <= maxSearchNumbers:
					return append(conds, sqlCond{sql: searchByID, args: []any{ids}}), nil
				}
				return append(conds, sqlCond{sql: "(cases.id IN (" + intList(ids) + "))", number: true,
					seqs: &numberTerm{set: set}, listed: true}), nil
			}
			// Too many to name by id, as countNumbers counts them: not read.
			n, err := countNumbers(db, court, terms)
			if err != nil {
				return nil, err
			}
			if n > int64(maxSearchNumbers) {
				return append(conds, terms...), nil
			}
		}
		var ids []int64
		for _, t := range terms {
			var more []int64
			err := db.Table("cases").Where(t.sql, t.args...).Limit(maxSearchNumbers+1-len(ids)).Pluck("id", &more).Error
			if err != nil {
				return nil, err
			}
			if ids = append(ids, more...); len(ids) > maxSearchNumbers {
				break
			}
		}
		switch {
		case len(ids) == 0:
		case len(ids) <= maxSearchNumbers:
			conds = append(conds, sqlCond{sql: searchByID, args: []any{ids}})
		default:
			conds = append(conds, terms...)
		}
	}
	return conds, nil
}

// numberLike is the condition of the cases of court whose number contains
// text, as LIKE finds it (the search by number when numberSearch names
// too many seqs).
func numberLike(court, text string) sqlCond {
	return sqlCond{sql: "(cases.court_code = ? AND " + Like("cases.case_no") + ")", args: []any{court, Contains(text)}}
}

// namedIfFew is conds as one condition naming their cases by id when they
// find few cases in all (maxSearchNumbers), as numberSearch names the
// cases of a number. The page would otherwise check them against every
// case of the court along its order's index, reading each case's row:
// after a ledger of 50,000 plaintiffs named 原告NNNNN…, q=原告3371 (ten
// names) or q=3371 (names and numbers) read a million rows for a page of
// ten. The ids are read through each condition's own index
// (cases_court_plaintiff, cases_court_organ_list), at most maxSearchNumbers + 1
// of them. A condition that finds more cases, or a term of numbers too
// many to name, leaves conds as they are.
func namedIfFew(db *gorm.DB, court string, conds []sqlCond) ([]sqlCond, error) {
	if len(conds) == 0 || len(conds) == 1 && conds[0].sql == searchByID {
		return conds, nil
	}
	for _, c := range conds {
		if c.number && c.sql != searchByID {
			return conds, nil
		}
	}
	db = db.Session(&gorm.Session{NewDB: true})
	var ids []int64
	for _, c := range conds {
		if c.sql == searchByID {
			ids = append(ids, c.args[0].([]int64)...)
			continue
		}
		if c.manyNames {
			// Their cases from the kept counts first: with names this many,
			// reading cases until maxSearchNumbers + 1 are found read every
			// name of the court's index of names (q=原告: 110,000 entries)
			// when they were many. Each row counts at least one case: more
			// than maxSearchNumbers of them are too many.
			var n int64
			err := db.Raw("SELECT COALESCE(SUM(n), 0) FROM (SELECT n FROM case_search_counts WHERE court_code = ? AND n > 0 AND "+
				c.kept+" LIMIT ?) k", append(append([]any{court}, c.keptArgs...), maxSearchNumbers+1)...).Scan(&n).Error
			if err != nil || n > int64(maxSearchNumbers) {
				return conds, err
			}
		}
		var found []int64
		err := db.Table("cases").Where("cases.court_code = ?", court).Where(c.sql, c.args...).
			Limit(maxSearchNumbers+1).Pluck("id", &found).Error
		if err != nil || len(found) > maxSearchNumbers {
			return conds, err
		}
		ids = append(ids, found...)
	}
	slices.Sort(ids)
	switch ids = slices.Compact(ids); {
	case len(ids) == 0:
		return nil, nil
	case len(ids) > maxSearchNumbers:
		return conds, nil
	}
	return []sqlCond{{sql: searchByID, args: []any{ids}}}, nil
}

// whereSearch adds to q, a query on cases, the condition that the case's
// number, plaintiff or organ's name contains text (LIKE '%text%').
func (s *Store) whereSearch(q *gorm.DB, court, text string) *gorm.DB {
	conds, err := s.searchConds(q, court, text)
	if err != nil {
		_ = q.AddError(err)
		return q
	}
	if len(conds) == 0 {
		return q.Where("1 = 0")
	}
	sqls := make([]string, len(conds))
	var args []any
	for i, c := range conds {
		sqls[i] = c.sql
		args = append(args, c.args...)
	}
	return q.Where("("+strings.Join(sqls, " OR ")+")", args...)
}

// countSearch counts the cases ListCases finds for f with a search: as the
// sum of the cases of each of searchConds' conditions that meet none of the
// conditions before it, so that each count reads one index (an OR of them
// read every case of the court). ok is false when there is one condition
// or none (then the plain count is as fast).
func (s *Store) countSearch(db *gorm.DB, a Actor, vis Visibility, f CaseFilter) (n int64, ok bool, err error) {
	conds, err := s.searchConds(db, vis.Court, f.Q)
	if err != nil {
		return 0, false, err
	}
	if n, ok, err := s.countSearchKept(db, a, vis, f, conds); ok || err != nil {
		return n, ok, err
	}
	if n, ok, err := s.countWideFiltered(db, a, vis, f, conds); ok || err != nil {
		return n, ok, err
	}
	if len(conds) < 2 {
		return 0, false, nil
	}
	rest := f
	rest.Q = ""
	for i, c := range conds {
		q := s.whereCases(db.Table("cases"), a, vis, rest).Where(c.sql, c.args...)
		for _, before := range conds[:i] {
			if !(c.number && before.number) { // terms of numbers are disjoint
				q = q.Where("NOT "+before.sql, before.args...)
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

// countWideFiltered counts the cases of a search whose last condition is
// the term of digits in too many seqs to list (wideNumberTerm: q=33) under
// a filter (q=33&status=closed), where countSearch would match LIKE on the
// numbers of every case the filter leaves: the cases of the conditions
// before it (an organ, plaintiffs) each less those before it, as
// countSearch counts them, then the term's cases by their runs of seqs
// (countWideRuns) less those of them that these conditions counted, each
// read through its own index (as countSearchKept). ok is false when it
// does not apply.
func (s *Store) countWideFiltered(db *gorm.DB, a Actor, vis Visibility, f CaseFilter, conds []sqlCond) (n int64, ok bool, err error) {
	if len(conds) == 0 || conds[len(conds)-1].seqs == nil || conds[len(conds)-1].seqs.wide == nil {
		return 0, false, nil
	}
	rest := f
	rest.Q = ""
	wide, named := conds[len(conds)-1], conds[:len(conds)-1]
	n, ok, err = s.countWideRuns(db, a, vis, rest, wide.seqs.wide)
	if !ok || err != nil {
		return 0, false, err
	}
	for i, c := range named {
		from := db.Table("cases")
		switch {
		case c.from != "":
			from = db.Table(c.from, c.fromArgs...)
		case s.Dialect == SQLite && c.index != "":
			// With the numbers' LIKE, SQLite read every case of the
			// filter along its index (q=33&status=closed: 0.4 s).
			from = db.Table(s.NamedIndex("cases", c.index))
		}
		// Those of the term counted already left out in the same
		// statement (case_no is NOT NULL): a count of them apart read the
		// condition's cases twice (after the ledger import, q=33's 3,600
		// names: their subquery matched LIKE on every name of the court
		// each time).
		var k int64
		q := s.whereCases(from, a, vis, rest).Where(c.sql, c.args...)
		for _, before := range named[:i] {
			q = q.Where("NOT "+before.sql, before.args...)
		}
		if err := q.Where("NOT "+wide.sql, wide.args...).Count(&k).Error; err != nil {
			return 0, false, err
		}
		n += k
	}
	return n, true, nil
}

// mayBeInCaseNumbers reports whether text may occur in one of court's case
// numbers: false when one of its characters occurs in none (compared with
// LIKE, as the search compares: on SQLite, ASCII letters in either case).
func mayBeInCaseNumbers(db *gorm.DB, court, text string) (bool, error) {
	seen := map[rune]bool{}
	for _, r := range text {
		if seen[r] {
			continue
		}
		seen[r] = true
		var n int64
		err := db.Table("case_search").Where("court_code = ? AND kind = ?", court, searchCaseNoChar).
			Where(Like("term"), Exactly(string(r))).Limit(1).Count(&n).Error
		if err != nil || n == 0 {
			return false, err
		}
	}
	return true, nil
}

// searchTerm is one row of case_search of a court.
type searchTerm struct {
	Kind string `gorm:"column:kind"`
	Term string `gorm:"column:term"`
}

// addSearchTermsTx adds to case_search what cases with these plaintiffs
// and numbers (either may be empty or "") need there. It reads first and
// writes only the terms missing, so that filings do not lock the rows they
// all share (the characters of the numbers); two adding one term at once
// both write it, the second a no-op. A few hundred cases' terms (a bulk
// filing) take one read and one write.
func (s *Store) addSearchTermsTx(tx *gorm.DB, court string, plaintiffs, caseNos []string) error {
	var want []searchTerm
	var names, chars []string
	for _, name := range plaintiffs {
		if name != "" && !slices.Contains(names, name) {
			names = append(names, name)
			want = append(want, searchTerm{searchPlaintiff, name})
		}
	}
	for _, no := range caseNos {
		for _, r := range no {
			if c := string(r); !slices.Contains(chars, c) {
				chars = append(chars, c)
				want = append(want, searchTerm{searchCaseNoChar, c})
			}
		}
	}
	if len(want) == 0 {
		return nil
	}
	var have []searchTerm
	err := tx.Table("case_search").Select("kind, term").
		Where("court_code = ? AND ((kind = ? AND term IN ?) OR (kind = ? AND term IN ?))",
			court, searchPlaintiff, append(names, ""), searchCaseNoChar, append(chars, "")).Scan(&have).Error
	if err != nil {
		return err
	}
	want = slices.DeleteFunc(want, func(t searchTerm) bool { return slices.Contains(have, t) })
	if len(want) == 0 {
		return nil
	}
	slices.SortFunc(want, func(a, b searchTerm) int {
		if c := strings.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		return strings.Compare(a.Term, b.Term)
	})
	q := "INSERT INTO case_search (court_code, kind, term) VALUES " +
		strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", len(want)), ", ") +
		onConflict{key: []string{"court_code", "kind", "term"}}.sql(s.Dialect)
	args := make([]any, 0, 3*len(want))
	for _, t := range want {
		args = append(args, court, t.Kind, t.Term)
	}
	return tx.Exec(q, args...).Error
}

// refreshSearchTermsTx adds to case_search the terms of every case of court:
// after a bulk load that wrote cases without the store. The same as the
// migration that made the table (00102).
func refreshSearchTermsTx(tx *gorm.DB, court string) error {
	var stmts []string
	if tx.Dialector.Name() == MySQL {
		stmts = []string{
			`INSERT IGNORE INTO case_search (court_code, kind, term)
			SELECT DISTINCT court_code, 'p', plaintiff_name COLLATE utf8mb4_nopad_bin FROM cases WHERE court_code = ?`,
			`INSERT IGNORE INTO case_search (court_code, kind, term)
			WITH RECURSIVE src(court, s) AS (
				SELECT DISTINCT court_code, CONCAT('（', year, '）', court_code, case_type, '号0123456789') FROM cases WHERE court_code = ?
				UNION SELECT court_code, case_no FROM cases WHERE court_code = ?
					AND CAST(case_no AS BINARY) <> CAST(CONCAT('（', year, '）', court_code, case_type, seq, '号') AS BINARY)
			), ch(court, s, i) AS (
				SELECT court, s, 1 FROM src WHERE CHAR_LENGTH(s) > 0
				UNION ALL SELECT court, s, i + 1 FROM ch WHERE i < CHAR_LENGTH(s)
			)
			SELECT DISTINCT court, 'c', SUBSTRING(s, i, 1) FROM ch`,
		}
	} else {
		stmts = []string{
			`INSERT OR IGNORE INTO case_search (court_code, kind, term)
			SELECT DISTINCT court_code, 'p', plaintiff_name FROM cases WHERE court_code = ?`,
			`INSERT OR IGNORE INTO case_search (court_code, kind, term)
			WITH RECURSIVE src(court, s) AS (
				SELECT DISTINCT court_code, '（' || year || '）' || court_code || case_type || '号0123456789' FROM cases WHERE court_code = ?
				UNION SELECT court_code, case_no FROM cases WHERE court_code = ?
					AND case_no <> '（' || year || '）' || court_code || case_type || seq || '号'
			), ch(court, s, i) AS (
				SELECT court, s, 1 FROM src WHERE length(s) > 0
				UNION ALL SELECT court, s, i + 1 FROM ch WHERE i < length(s)
			)
			SELECT DISTINCT court, 'c', substr(s, i, 1) FROM ch`,
		}
	}
	if err := tx.Exec(stmts[0], court).Error; err != nil {
		return err
	}
	return tx.Exec(stmts[1], court, court).Error
}
