package app

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// The search's case numbers. Every case number is FormatCaseNo(year, court,
// type, seq) — the store makes it so, and a number given at filing must
// have that form (ParseCaseNo, checkGivenCaseNoTx) — so a q is in a number
// when it is in "（year）court type" + the digits of seq + "号". For each
// type and year the court has numbered cases in (counters, "case:" + type,
// whose last is at least every seq of them), numberSearch works out which
// seqs that allows: all of them, those beginning with some digits (a range
// per length), one, or those whose digits contain (or end with) q's digits,
// enumerated. The cases are then found through cases_number (court_code,
// case_type, year, seq) instead of matching LIKE on every number of the
// court (1,000,000 at 1M cases: 0.3–5 s).

// maxNumberSeqs is how many seqs a search by digits alone may name; beyond
// it (q=1, q=12, q=33: a large part of the register) the numbers are
// matched with LIKE, and counted from runs of seqs (wideSeqs). At 1M cases
// q=100 names about 6,000 and q=12号 7,000 (0.3 s of LIKE on SQLite before,
// 1.5–3 s under load).
var maxNumberSeqs = 20000

// maxNumberRuns is how many runs of seqs a search by digits may name at
// most to be counted from them (wideSeqs); beyond it (a counter's last
// far above the register's cases: a number given at filing) its count
// reads every number of the court, as LIKE finds them.
const maxNumberRuns = 1 << 18

// seqsPerTerm is how many seqs one term names (the length of a statement).
const seqsPerTerm = 1000

// seqDigits is how many digits a seq may have at most (the ranges of a
// prefix stop at the counter's last anyway).
const seqDigits = 10

// numberSeqs is what a q allows of the seqs of one type and year.
type numberSeqs struct {
	all     bool
	tooMany bool     // more seqs than matchNumber may list
	ranges  [][2]int // BETWEEN
	seqs    []int    // IN
	// runs: when tooMany, every seq allowed, as disjoint runs in
	// ascending order (nil when more than maxNumberRuns).
	runs [][2]int
	// prefixed: q begins in the prefix and goes on into the seq (the seqs
	// allowed are not only those whose digits hold q).
	prefixed bool
}

// numberSearch is the conditions on cases that keep those whose number
// contains text, as LIKE would find it (fold: SQLite's LIKE ignores the
// case of ASCII letters): disjoint, each a range of cases_number (court,
// type, year and a range of seqs or seqs named), so that each is counted
// and read on its own index (SQLite reads an OR of them by scanning the
// court). None: no number contains text. When text names more than
// maxNumberSeqs seqs, one term of LIKE counted from runs of seqs
// (wideNumberTerm); ok is false when not even those can be counted.
func numberSearch(db *gorm.DB, court, text string, fold bool) (terms []sqlCond, ok bool, err error) {
	var counters []struct {
		Kind string `gorm:"column:kind"`
		Year int    `gorm:"column:year"`
		Last int    `gorm:"column:last"`
	}
	err = db.Table("counters").Select("kind, year, last").Where("court_code = ? AND kind LIKE 'case:%'", court).
		Order("kind, year").Scan(&counters).Error
	if err != nil {
		return nil, false, err
	}
	norm := func(s string) string { return s }
	if fold {
		norm = FoldASCII
	}
	q := []rune(norm(text))
	// q=12号: the seqs of every type and year that end with 12, which
	// case_seq_tails counts.
	var tails []int
	if digits, end := splitSeq(q); end == "号" && digits != "" && len(digits) <= maxTailDigits {
		tails = tailsEndingWith(digits)
	}
	var matches []pairMatch
	named, wide := 0, false
	for _, c := range counters {
		typ := strings.TrimPrefix(c.Kind, "case:")
		// Once the search is wide, its seqs are not listed (q=3 would list
		// maxNumberSeqs of every type and year in vain).
		most := maxNumberSeqs - named
		if wide {
			most = 0
		}
		m := matchNumber([]rune(norm("（"+strconv.Itoa(c.Year)+"）"+court+typ)), q, c.Last, most)
		named += len(m.seqs)
		wide = wide || m.tooMany || named > maxNumberSeqs
		matches = append(matches, pairMatch{typ, c.Year, c.Last, m})
	}
	if wide {
		return wideNumberTerm(court, text, matches)
	}
	set := &numberSet{total: -1}
	for _, pm := range matches {
		typ, m := pm.caseType, pm.m
		pair := "cases.court_code = ? AND cases.case_type = ? AND cases.year = ?"
		if m.all {
			terms = append(terms, sqlCond{sql: "(" + pair + ")", args: []any{court, typ, pm.year}, number: true,
				kept: "(case_type = ? AND year = ?)", keptArgs: []any{typ, pm.year}})
			continue
		}
		var tailed []int
		if tails != nil && len(m.ranges) == 0 && endsWith(m.seqs, q[:len(q)-1]) {
			tailed = tails // every seq that ends with q's digits (eachSeqWith), and no other
		}
		for _, r := range m.ranges {
			terms = append(terms, sqlCond{sql: "(" + pair + " AND cases.seq BETWEEN ? AND ?)", args: []any{court, typ, pm.year, r[0], r[1]}, number: true,
				seqs: &numberTerm{set: set, caseType: typ, year: pm.year, ranges: [][2]int{r}}})
		}
		for seqs := range slices.Chunk(m.seqs, seqsPerTerm) {
			ranges := make([][2]int, len(seqs))
			for i, seq := range seqs {
				ranges[i] = [2]int{seq, seq}
			}
			terms = append(terms, sqlCond{sql: "(" + pair + " AND cases.seq IN (" + intList(seqs) + "))", args: []any{court, typ, pm.year},
				number: true, seqs: &numberTerm{set: set, caseType: typ, year: pm.year, ranges: ranges, tails: tailed}})
		}
	}
	return terms, true, nil
}

// pairMatch is what matchNumber allows of the seqs of one type and year
// (a counter of the court, whose last it is).
type pairMatch struct {
	caseType string
	year     int
	last     int
	m        numberSeqs
}

// wideNumberTerm is the term of a search whose digits name too many seqs
// to list (q=33: 37,000 at 1M cases): the numbers matched with LIKE, as
// the page reads them (along the list's order a few percent of the cases
// match), and counted by countNumbers from the runs of seqs each type and
// year allows (wideSeqs) rather than by LIKE over every case of the court.
// ok is false when some type and year allows more than maxNumberRuns runs.
func wideNumberTerm(court, text string, matches []pairMatch) (terms []sqlCond, ok bool, err error) {
	w := &wideSeqs{like: Contains(text), lasts: map[string]int64{}}
	if d, end := splitSeq([]rune(text)); end == "" {
		w.digits = d
	}
	for _, pm := range matches {
		w.lasts[pm.caseType] += int64(pm.last)
		p := widePair{caseType: pm.caseType, year: pm.year, last: pm.last, all: pm.m.all, prefixed: pm.m.prefixed}
		switch {
		case p.all:
		case pm.m.tooMany:
			if pm.m.runs == nil {
				return nil, false, nil
			}
			p.runs = pm.m.runs
		default:
			p.runs = slices.Clone(pm.m.ranges)
			for _, seq := range pm.m.seqs {
				p.runs = append(p.runs, [2]int{seq, seq})
			}
			p.runs = mergeRuns(p.runs)
		}
		if p.all || len(p.runs) > 0 {
			w.pairs = append(w.pairs, p)
		}
	}
	c := numberLike(court, text)
	c.number = true
	c.seqs = &numberTerm{set: &numberSet{total: -1}, wide: w}
	return []sqlCond{c}, true, nil
}

// wideSeqs is what the term of wideNumberTerm allows of the seqs of each
// type and year, and its LIKE pattern.
type wideSeqs struct {
	like string
	// digits: the search's text when it is ASCII digits alone, else "".
	digits string
	pairs  []widePair
	// lasts: the lasts of the counters of each type, added up.
	lasts map[string]int64
}

// widePair is what a wide term allows of the seqs 1…last of one type and
// year: all of them, or runs (disjoint, ascending).
type widePair struct {
	caseType string
	year     int
	last     int
	all      bool
	runs     [][2]int
	prefixed bool // numberSeqs.prefixed
}

// numberSet is what the terms of one numberSearch share: their count once
// countNumbers has it (-1 before).
type numberSet struct {
	total int64
}

// numberTerm is what a term of numberSearch names: some seqs of a type
// and year, and tails when every term of the search names the seqs of its
// type and year whose tail is one of them (case_seq_tails).
type numberTerm struct {
	set      *numberSet
	caseType string
	year     int
	ranges   [][2]int
	tails    []int
	// wide: the term of wideNumberTerm, alone in its search.
	wide *wideSeqs
}

// countable reports whether every term of conds is a term of numberSearch
// that names seqs (countNumbers counts them).
func countable(conds []sqlCond) bool {
	for _, c := range conds {
		if c.seqs == nil {
			return false
		}
	}
	return len(conds) > 0
}

// countNumbers counts the cases of court of terms, terms of one
// numberSearch that name seqs (countable), without reading them one by
// one: from case_seq_tails when they are the seqs that end with some
// digits (q=12号), else from cases_number by runs of consecutive seqs
// (q=100: 1000–1009, 10000–10099, 100000–100999 …) and lists of the seqs
// that have no neighbour. Terms name no seq twice (numberSearch).
func countNumbers(db *gorm.DB, court string, terms []sqlCond) (int64, error) {
	set := terms[0].seqs.set
	if set.total >= 0 {
		return set.total, nil
	}
	if w := terms[0].seqs.wide; w != nil {
		k, err := countWide(db, court, w)
		if err != nil {
			return 0, err
		}
		set.total = k
		return k, nil
	}
	pairs := map[string]bool{}
	for _, t := range terms {
		pairs[typeYear(t.seqs.caseType, t.seqs.year)] = true
	}
	if tails := seqTailsOf(terms); tails != nil {
		k, err := countSeqTails(db, court, tails, pairs)
		if err != nil {
			return 0, err
		}
		set.total = k
		return k, nil
	}
	n, err := countRuns(db, court, numberRuns(terms))
	if err != nil {
		return 0, err
	}
	set.total = n
	return n, nil
}

// countRuns counts the cases of court whose seqs runs name, from
// cases_number: a range of it per run, a list per thousand singles.
func countRuns(db *gorm.DB, court string, runs []pairRuns) (int64, error) {
	var counts []string
	var args []any
	for _, p := range runs {
		head := "(SELECT COUNT(*) FROM cases WHERE court_code = ? AND case_type = ? AND year = ? AND seq "
		for _, r := range p.runs {
			counts = append(counts, head+"BETWEEN "+strconv.Itoa(r[0])+" AND "+strconv.Itoa(r[1])+")")
			args = append(args, court, p.caseType, p.year)
		}
		for seqs := range slices.Chunk(p.singles, seqsPerTerm) {
			counts = append(counts, head+"IN ("+intList(seqs)+"))")
			args = append(args, court, p.caseType, p.year)
		}
	}
	var n int64
	// A statement sums a hundred counts (SQLite's limit on the depth of
	// an expression is 1,000).
	for len(counts) > 0 {
		part := min(len(counts), 100)
		var k int64
		if err := db.Raw("SELECT "+strings.Join(counts[:part], " + "), args[:3*part]...).Scan(&k).Error; err != nil {
			return 0, err
		}
		n += k
		counts, args = counts[part:], args[3*part:]
	}
	return n, nil
}

// countWide counts the cases of court of a wide term (wideNumberTerm)
// without reading them one by one. The seqs of a type and year are unique
// (cases_number), at least 1 (ParseCaseNo, the counter) and at most the
// counter's last (numberSearch): a type and year has at most last cases,
// and when it has last, its seqs are exactly 1…last and the cases the term
// allows are as many as the seqs of its runs. So when a type has as many
// cases (case_counts: a few hundred rows) as the lasts of its years add
// up to, every year of it has; the years of the other types are counted
// from case_seq_tails (its rows of a type and year add up to its cases),
// those with gaps on cases_number by runs (countRuns), or, when they are
// more than maxNumberSeqs, with LIKE on the numbers of that type and year.
func countWide(db *gorm.DB, court string, w *wideSeqs) (int64, error) {
	var types []struct {
		CaseType string `gorm:"column:case_type"`
		N        int64  `gorm:"column:n"`
	}
	err := db.Table("case_counts").Select("case_type, SUM(n) AS n").Where("court_code = ?", court).
		Group("case_type").Scan(&types).Error
	if err != nil {
		return 0, err
	}
	total := map[string]int64{}
	for _, t := range types {
		total[t.CaseType] = t.N
	}
	var gapped []string
	for typ, last := range w.lasts {
		if total[typ] != last {
			gapped = append(gapped, typ)
		}
	}
	slices.Sort(gapped)
	cases := map[string]int64{}
	if len(gapped) > 0 {
		if cases, err = seqTailSums(db, court, "case_type IN ?", gapped); err != nil {
			return 0, err
		}
	}
	var n int64
	var sparse []pairRuns
	for _, p := range w.pairs {
		k := int64(p.last)
		if slices.Contains(gapped, p.caseType) {
			k = cases[typeYear(p.caseType, p.year)]
		}
		switch {
		case p.all:
			n += k
		case k == int64(p.last):
			for _, r := range p.runs {
				n += int64(r[1] - r[0] + 1)
			}
		case len(p.runs) <= maxNumberSeqs:
			sparse = append(sparse, splitRuns(p.caseType, p.year, p.runs))
		default:
			err := db.Table("cases").Where("court_code = ? AND case_type = ? AND year = ? AND "+Like("case_no"),
				court, p.caseType, p.year, w.like).Count(&k).Error
			if err != nil {
				return 0, err
			}
			n += k
		}
	}
	k, err := countRuns(db, court, sparse)
	return n + k, err
}

// maxFilteredRuns is how many runs of seqs a wide term may name at most
// for its cases under a filter to be counted by their runs
// (countWideRuns); beyond it they are counted with LIKE over every case
// the filter leaves.
var maxFilteredRuns = 50000

// countWideRuns counts the cases of a wide term (wideNumberTerm) that
// whereCases keeps for rest (a filter: a status, a judge …), where the
// arithmetic of countWide does not hold: those whose seq holds the digits
// in its last four (countWideTails), then the others by their runs of
// seqs, each read as a range of cases_number_filters (00380: the number,
// the status and the judge; another filter is checked on the row), q=33:
// 10,000 runs, 37,000 cases at 1M, rather than LIKE on every case the
// filter leaves (q=33&status=closed: 500,000). ok is false when a type and
// year allows every seq (its runs are the whole of it) or the runs are more
// than maxFilteredRuns.
func (s *Store) countWideRuns(db *gorm.DB, a Actor, vis Visibility, rest CaseFilter, w *wideSeqs) (n int64, ok bool, err error) {
	for _, p := range w.pairs {
		if p.all {
			return 0, false, nil
		}
	}
	if n, pairs, extra, ok, err := s.countWideTails(db, a, vis, rest, w); err != nil || ok {
		if err != nil {
			return 0, false, err
		}
		k, ok, err := s.countRunsFiltered(db, a, vis, rest, pairs, extra)
		return n + k, ok, err
	}
	return s.countRunsFiltered(db, a, vis, rest, w.pairs, sqlCond{})
}

// countRunsFiltered counts the cases of the runs of seqs of pairs that
// whereCases keeps for rest and that meet extra (when it has one), each
// run read as a range of cases_number_filters; ok is false beyond
// maxFilteredRuns runs.
func (s *Store) countRunsFiltered(db *gorm.DB, a Actor, vis Visibility, rest CaseFilter, pairs []widePair, extra sqlCond) (n int64, ok bool, err error) {
	var runs []pairRuns
	named := 0
	for _, p := range pairs {
		if len(p.runs) > 0 {
			runs = append(runs, splitRuns(p.caseType, p.year, p.runs))
			named += len(p.runs)
		}
	}
	if named > maxFilteredRuns {
		return 0, false, nil
	}
	if named == 0 {
		return 0, true, nil
	}
	var from *gorm.DB
	if s.Dialect == SQLite {
		// The runs as the rows of one JSON argument, each joined to its
		// range of the index: the text of 10,000 ranges took SQLite
		// longer to parse than to count their cases, and an OR of them
		// was read by scanning the court.
		rows := make([][4]any, 0, named)
		for _, p := range pairs {
			for _, r := range p.runs {
				rows = append(rows, [4]any{p.caseType, p.year, r[0], r[1]})
			}
		}
		js, err := json.Marshal(rows)
		if err != nil {
			return 0, false, err
		}
		from = db.Table("json_each(?) r CROSS JOIN cases INDEXED BY cases_number_filters ON cases.court_code = ?"+
			" AND cases.case_type = json_extract(r.value, '$[0]') AND cases.year = json_extract(r.value, '$[1]')"+
			" AND cases.seq BETWEEN json_extract(r.value, '$[2]') AND json_extract(r.value, '$[3]')", string(js), vis.Court)
	} else {
		// An OR of the ranges, which MariaDB reads as one list of ranges
		// of the index (as numberIDs, cases_number); forced, where a
		// filter's own index would have it read every case of the filter.
		cond, args := runsCond(runs)
		from = db.Table(s.ForcedIndex("cases", "cases_number_filters")).Where("court_code = ? AND "+cond, append([]any{vis.Court}, args...)...)
	}
	if extra.sql != "" {
		from = from.Where(extra.sql, extra.args...)
	}
	err = s.whereCases(from, a, vis, rest).Count(&n).Error
	return n, err == nil, err
}

// seqTailMod is the modulus of the seq's tail that cases_seq_tail
// (00430) holds: its last four digits.
var seqTailMod = 10000

// seqTailCol is the tail of the case's seq (seq % seqTailMod) as
// cases_seq_tail holds it (MariaDB: its virtual column seq_tail), and
// whether that index holds it.
func (s *Store) seqTailCol() (string, bool) {
	if seqTailMod != 10000 {
		return "(cases.seq % " + strconv.Itoa(seqTailMod) + ")", false
	}
	if s.Dialect == MySQL {
		return "cases.seq_tail", true
	}
	return "(cases.seq % 10000)", true
}

// countWideTails counts the cases of a wide term of digits alone (q=33)
// that whereCases keeps for rest and whose seq holds the digits in its last
// four (seqTailMod): by the tails that hold them (q=33: 280 of 10,000),
// each a range of cases_seq_tail (00430: the court, the tail, the status,
// the judge), the filter checked on the index: about one seek per tail
// instead of one per run of seqs (q=33: 10,000 runs, most of them single
// seqs 33, 133, 233 …, and most of the time of countRunsFiltered). A seq
// below the modulus is its tail; one at or above it holds the digits in its
// last four when the tail padded with zeros to four digits does. pairs are
// the runs of the seqs that hold the digits only further to the left (q=33:
// 33000–33999, 133000–133999 …), which extra (no tail that holds them)
// keeps to the cases not counted here. ok is false when the term is not of
// digits alone or a type and year's runs are not only the seqs whose
// digits hold them (q begins in the number's prefix: prefixed).
func (s *Store) countWideTails(db *gorm.DB, a Actor, vis Visibility, rest CaseFilter, w *wideSeqs) (n int64, pairs []widePair, extra sqlCond, ok bool, err error) {
	d := w.digits
	if d == "" {
		return 0, nil, sqlCond{}, false, nil
	}
	width := len(strconv.Itoa(seqTailMod - 1))
	first := max(0, width-len(d)+1) // d ends at least this far from the right: not in the tail
	for _, p := range w.pairs {
		if p.all || p.prefixed {
			return 0, nil, sqlCond{}, false, nil
		}
		q := widePair{caseType: p.caseType, year: p.year, last: p.last}
		eachRunFrom(d, false, first, p.last, func(lo, hi int) bool {
			q.runs = append(q.runs, [2]int{lo, hi})
			return true
		})
		if q.runs = mergeRuns(q.runs); len(q.runs) > 0 {
			pairs = append(pairs, q)
		}
	}
	// below: the tails whose seq (below the modulus) holds d; above: those
	// whose seqs at or above it hold d in their last digits (a superset).
	var below, above []int
	zeros := strings.Repeat("0", width)
	for t := range seqTailMod {
		digits := strconv.Itoa(t)
		if strings.Contains(digits, d) {
			below = append(below, t)
		}
		if strings.Contains(zeros[len(digits):]+digits, d) {
			above = append(above, t)
		}
	}
	col, indexed := s.seqTailCol()
	if len(above) > 0 {
		extra = sqlCond{sql: "NOT " + col + " IN (" + intList(above) + ")"}
	}
	if len(above) == 0 {
		return 0, pairs, extra, true, nil
	}
	cond := col + " IN (" + intList(below) + ")"
	if len(below) == 0 {
		cond = "1 = 0"
	}
	if len(above) > len(below) {
		// Digits beginning with 0 (q=03): in the tail 0003 of 10003, not
		// in the seq 3.
		var more []int
		for _, t := range above {
			if _, found := slices.BinarySearch(below, t); !found {
				more = append(more, t)
			}
		}
		cond = "(" + cond + " OR (" + col + " IN (" + intList(more) + ") AND cases.seq >= " + strconv.Itoa(seqTailMod) + "))"
	}
	table := "cases"
	if indexed {
		table = s.NamedIndex("cases", "cases_seq_tail")
	}
	err = s.whereCases(db.Table(table), a, vis, rest).Where("cases.court_code = ? AND "+cond, vis.Court).Count(&n).Error
	return n, pairs, extra, err == nil, err
}

// seqTailsOf is the tails of case_seq_tails whose rows count the cases of
// terms (countable), nil when they do not.
func seqTailsOf(terms []sqlCond) []int {
	for _, t := range terms {
		if t.seqs.tails == nil {
			return nil
		}
	}
	return terms[0].seqs.tails
}

// pairRuns is what terms of one numberSearch name of one type and year:
// runs of consecutive seqs (each read as one range of cases_number) and the
// seqs that have no neighbour.
type pairRuns struct {
	caseType string
	year     int
	runs     [][2]int
	singles  []int
}

// numberRuns is the seqs that terms (countable) name, by type and year, as
// runs and singles: q=100 names 1000–1009, 10000–10099, 100000–100999 …
// Terms name no seq twice (numberSearch).
func numberRuns(terms []sqlCond) []pairRuns {
	var out []pairRuns
	at := map[string]int{}
	for _, t := range terms {
		k := typeYear(t.seqs.caseType, t.seqs.year)
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, pairRuns{caseType: t.seqs.caseType, year: t.seqs.year})
		}
		out[i].runs = append(out[i].runs, t.seqs.ranges...)
	}
	for i, p := range out {
		out[i] = splitRuns(p.caseType, p.year, mergeRuns(p.runs))
	}
	return out
}

// mergeRuns is the seqs of ranges as disjoint runs in ascending order
// (ranges sorted in place).
func mergeRuns(ranges [][2]int) [][2]int {
	slices.SortFunc(ranges, func(a, b [2]int) int { return a[0] - b[0] })
	var runs [][2]int
	for _, r := range ranges {
		if last := len(runs) - 1; last >= 0 && runs[last][1]+1 >= r[0] {
			runs[last][1] = max(runs[last][1], r[1])
			continue
		}
		runs = append(runs, r)
	}
	return runs
}

// splitRuns is runs (mergeRuns) of one type and year as pairRuns: the
// runs of more than one seq, and the singles.
func splitRuns(caseType string, year int, runs [][2]int) pairRuns {
	p := pairRuns{caseType: caseType, year: year}
	for _, r := range runs {
		if r[0] == r[1] {
			p.singles = append(p.singles, r[0])
		} else {
			p.runs = append(p.runs, r)
		}
	}
	return p
}

// seqsNamed is how many seqs runs name, and so how many cases at most
// (cases_number is unique).
func seqsNamed(runs []pairRuns) int {
	n := 0
	for _, p := range runs {
		n += len(p.singles)
		for _, r := range p.runs {
			n += r[1] - r[0] + 1
		}
	}
	return n
}

// numberIDs is the ids of the cases of court whose seqs runs name, read
// from cases_number alone in one statement (a range of it per run, the
// singles in lists of fewer than 1,000, below which MariaDB keeps a list
// rather than making it a subquery: in_predicate_conversion_threshold), in
// ascending order. (A UNION ALL of a statement per run took MariaDB twice
// the CPU: docs/benchmarks.md.)
func numberIDs(db *gorm.DB, court string, runs []pairRuns) ([]int64, error) {
	var ids []int64
	cond, args := runsCond(runs)
	if cond == "" {
		return ids, nil
	}
	err := db.Raw("SELECT id FROM cases WHERE court_code = ? AND "+cond, append([]any{court}, args...)...).Scan(&ids).Error
	if err != nil {
		return nil, err
	}
	slices.Sort(ids)
	return ids, nil
}

// runsCond is the condition on the columns of cases (unqualified) of the
// seqs runs name, by type and year: a range of cases_number per run, the
// singles in lists of fewer than 1,000 (numberIDs); "" when they name none.
func runsCond(runs []pairRuns) (string, []any) {
	var pairs []string
	var args []any
	for _, p := range runs {
		var seqs []string
		for _, r := range p.runs {
			seqs = append(seqs, "seq BETWEEN "+strconv.Itoa(r[0])+" AND "+strconv.Itoa(r[1]))
		}
		for list := range slices.Chunk(p.singles, seqsPerTerm-1) {
			seqs = append(seqs, "seq IN ("+intList(list)+")")
		}
		if len(seqs) > 0 {
			pairs = append(pairs, "(case_type = ? AND year = ? AND ("+strings.Join(seqs, " OR ")+"))")
			args = append(args, p.caseType, p.year)
		}
	}
	if len(pairs) == 0 {
		return "", nil
	}
	return "(" + strings.Join(pairs, " OR ") + ")", args
}

// intList is seqs as the SQL list of their literals. Named by value, not
// by a parameter each: SQLite (modernc) read the newest page of a search
// with 18 lists of 1,000 parameters in 160 ms, and of literals in 6 ms.
func intList[T int | int64](seqs []T) string {
	var b strings.Builder
	for i, seq := range seqs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(int64(seq), 10))
	}
	return b.String()
}

// matchNumber is what q allows of the seqs 1…last of the numbers prefix +
// seq + "号", tooMany (and runs) when its digits are in more than most
// seqs.
func matchNumber(prefix, q []rune, last, most int) numberSeqs {
	var m numberSeqs
	if len(q) == 0 || last < 1 {
		return m
	}
	seen := map[int]bool{}
	add := func(seq int) {
		if seq >= 1 && seq <= last && !seen[seq] {
			seen[seq] = true
			m.seqs = append(m.seqs, seq)
		}
	}
	// q begins in the prefix.
	for i := range prefix {
		n := min(len(q), len(prefix)-i)
		if string(prefix[i:i+n]) != string(q[:n]) {
			continue
		}
		rest := q[n:]
		if len(rest) == 0 {
			m.all = true
			return m
		}
		m.prefixed = true
		digits, end := splitSeq(rest)
		switch {
		case digits == "" || digits[0] == '0':
		case end == "号":
			if seq, err := strconv.Atoi(digits); err == nil {
				add(seq)
			}
		case end == "":
			// The seqs that begin with digits: one range per length.
			lo, err := strconv.Atoi(digits)
			for hi := lo; err == nil && lo <= last && len(digits) <= seqDigits; lo, hi = lo*10, hi*10+9 {
				m.ranges = append(m.ranges, [2]int{lo, min(hi, last)})
				digits += "0"
			}
		}
	}
	// q begins in the seq's digits.
	if digits, end := splitSeq(q); digits != "" && (end == "" || end == "号") {
		fromPrefix := slices.Clone(m.seqs)
		if !eachSeqWith(digits, end == "号", last, most, add) {
			m.tooMany = true
			m.runs = seqRunsWith(digits, end == "号", last, m.ranges, fromPrefix)
		}
	}
	// q is the final 号.
	if string(q) == "号" {
		m.all = true
	}
	// The seqs named that no range has: the terms stay disjoint.
	m.seqs = slices.DeleteFunc(m.seqs, func(seq int) bool {
		return slices.ContainsFunc(m.ranges, func(r [2]int) bool { return r[0] <= seq && seq <= r[1] })
	})
	return m
}

// endsWith reports whether every seq of seqs ends with digits.
func endsWith(seqs []int, digits []rune) bool {
	for _, seq := range seqs {
		if !strings.HasSuffix(strconv.Itoa(seq), string(digits)) {
			return false
		}
	}
	return true
}

// splitSeq splits s into its leading ASCII digits and the rest.
func splitSeq(s []rune) (digits, rest string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return string(s[:i]), string(s[i:])
}

// eachSeqWith calls add with every seq from 1 to last whose digits contain
// d (or, atEnd, end with d); false when there are more than most.
func eachSeqWith(d string, atEnd bool, last, most int, add func(int)) bool {
	n := 0
	return eachRunWith(d, atEnd, last, func(lo, hi int) bool {
		for seq := lo; seq <= hi; seq++ {
			if n++; n > most {
				return false
			}
			add(seq)
		}
		return true
	})
}

// seqRunsWith is the seqs from 1 to last whose digits contain d (or,
// atEnd, end with d), with those of ranges and seqs, as disjoint runs in
// ascending order: q=33 is 33, 133, 233 … (one each), 330–339, 1330–1339 …
// (ten each), 3300–3399 … and 33000–33999 …; nil when there are more than
// maxNumberRuns runs.
func seqRunsWith(d string, atEnd bool, last int, ranges [][2]int, seqs []int) [][2]int {
	runs := slices.Clone(ranges)
	for _, seq := range seqs {
		runs = append(runs, [2]int{seq, seq})
	}
	ok := eachRunWith(d, atEnd, last, func(lo, hi int) bool {
		runs = append(runs, [2]int{lo, hi})
		return len(runs) <= maxNumberRuns
	})
	if !ok {
		return nil
	}
	return mergeRuns(runs)
}

// eachRunWith calls yield with every run of consecutive seqs from 1 to
// last in which d ends the same number of digits from the right (or, atEnd,
// ends the seq), ascending within each; the runs of different positions
// overlap (3333). It stops, false, when yield returns false.
func eachRunWith(d string, atEnd bool, last int, yield func(lo, hi int) bool) bool {
	return eachRunFrom(d, atEnd, 0, last, yield)
}

// eachRunFrom is eachRunWith for the runs in which d ends at least first
// digits from the right.
func eachRunFrom(d string, atEnd bool, first, last int, yield func(lo, hi int) bool) bool {
	dv, err := strconv.Atoi(d)
	if err != nil || len(d) > seqDigits || atEnd && first > 0 {
		return true
	}
	pow0 := 1
	for range first {
		pow0 *= 10
	}
	// seq = high·10^(p+len(d)) + d·10^p + low, low < 10^p: d ends p digits
	// from the right. A seq has no leading zero: d begins it (high = 0)
	// only when d does not begin with 0.
	for p, pow := first, pow0; p == first || !atEnd && p+len(d) <= seqDigits; p, pow = p+1, pow*10 {
		block := pow
		for range len(d) {
			block *= 10
		}
		high := 0
		if d[0] == '0' {
			high = 1
		}
		if high*block+dv*pow > last {
			break
		}
		for ; high*block+dv*pow <= last; high++ {
			base := high*block + dv*pow
			if !yield(base, min(base+pow-1, last)) {
				return false
			}
		}
	}
	return true
}

// FoldASCII folds ASCII letters to lower case, as SQLite's LIKE compares them
// (and the search by number does).
func FoldASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}
