package app

import (
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
// it (q=1, q=12: a large part of the register) the numbers are matched
// with LIKE as before. At 1M cases q=100 names about 6,000 and q=12号
// 7,000 (0.3 s of LIKE on SQLite before, 1.5–3 s under load).
const maxNumberSeqs = 20000

// seqsPerTerm is how many seqs one term names (the length of a statement).
const seqsPerTerm = 1000

// seqDigits is how many digits a seq may have at most (the ranges of a
// prefix stop at the counter's last anyway).
const seqDigits = 10

// numberSeqs is what a q allows of the seqs of one type and year.
type numberSeqs struct {
	all     bool
	tooMany bool     // more than maxNumberSeqs seqs
	ranges  [][2]int // BETWEEN
	seqs    []int    // IN
}

// numberSearch is the conditions on cases that keep those whose number
// contains text, as LIKE would find it (fold: SQLite's LIKE ignores the
// case of ASCII letters): disjoint, each a range of cases_number (court,
// type, year and a range of seqs or seqs named), so that each is counted
// and read on its own index (SQLite reads an OR of them by scanning the
// court). None: no number contains text. ok is false when text would name
// too many seqs.
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
	named := 0
	set := &numberSet{total: -1}
	for _, c := range counters {
		typ := strings.TrimPrefix(c.Kind, "case:")
		m := matchNumber([]rune(norm("（"+strconv.Itoa(c.Year)+"）"+court+typ)), q, c.Last)
		if named += len(m.seqs); m.tooMany || named > maxNumberSeqs {
			return nil, false, nil
		}
		pair := "cases.court_code = ? AND cases.case_type = ? AND cases.year = ?"
		if m.all {
			terms = append(terms, sqlCond{sql: "(" + pair + ")", args: []any{court, typ, c.Year}, number: true,
				kept: "(case_type = ? AND year = ?)", keptArgs: []any{typ, c.Year}})
			continue
		}
		var tailed []int
		if tails != nil && len(m.ranges) == 0 && endsWith(m.seqs, q[:len(q)-1]) {
			tailed = tails // every seq that ends with q's digits (eachSeqWith), and no other
		}
		for _, r := range m.ranges {
			terms = append(terms, sqlCond{sql: "(" + pair + " AND cases.seq BETWEEN ? AND ?)", args: []any{court, typ, c.Year, r[0], r[1]}, number: true,
				seqs: &numberTerm{set, typ, c.Year, [][2]int{r}, nil}})
		}
		for seqs := range slices.Chunk(m.seqs, seqsPerTerm) {
			ranges := make([][2]int, len(seqs))
			for i, seq := range seqs {
				ranges[i] = [2]int{seq, seq}
			}
			terms = append(terms, sqlCond{sql: "(" + pair + " AND cases.seq IN (" + intList(seqs) + "))", args: []any{court, typ, c.Year},
				number: true, seqs: &numberTerm{set, typ, c.Year, ranges, tailed}})
		}
	}
	return terms, true, nil
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
	var counts []string
	var args []any
	for _, p := range numberRuns(terms) {
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
	set.total = n
	return n, nil
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
	for i := range out {
		ranges := out[i].runs
		slices.SortFunc(ranges, func(a, b [2]int) int { return a[0] - b[0] })
		var runs [][2]int
		var singles []int
		for _, r := range ranges {
			if last := len(runs) - 1; last >= 0 && runs[last][1]+1 >= r[0] {
				runs[last][1] = max(runs[last][1], r[1])
				continue
			}
			runs = append(runs, r)
		}
		runs = slices.DeleteFunc(runs, func(r [2]int) bool {
			if r[0] == r[1] {
				singles = append(singles, r[0])
				return true
			}
			return false
		})
		out[i].runs, out[i].singles = runs, singles
	}
	return out
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
	var ids []int64
	if len(pairs) == 0 {
		return ids, nil
	}
	err := db.Raw("SELECT id FROM cases WHERE court_code = ? AND ("+strings.Join(pairs, " OR ")+")",
		append([]any{court}, args...)...).Scan(&ids).Error
	if err != nil {
		return nil, err
	}
	slices.Sort(ids)
	return ids, nil
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
// seq + "号".
func matchNumber(prefix, q []rune, last int) numberSeqs {
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
		m.tooMany = !eachSeqWith(digits, end == "号", last, add)
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
// d (or, atEnd, end with d); false when there are more than maxNumberSeqs.
func eachSeqWith(d string, atEnd bool, last int, add func(int)) bool {
	dv, err := strconv.Atoi(d)
	if err != nil || len(d) > seqDigits {
		return true
	}
	n := 0
	// seq = high·10^(p+len(d)) + d·10^p + low, low < 10^p: d ends p digits
	// from the right. A seq has no leading zero: d begins it (high = 0)
	// only when d does not begin with 0.
	for p, pow := 0, 1; p == 0 || !atEnd && p+len(d) <= seqDigits; p, pow = p+1, pow*10 {
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
			for low := 0; low < pow && base+low <= last; low++ {
				if n++; n > maxNumberSeqs {
					return false
				}
				add(base + low)
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
