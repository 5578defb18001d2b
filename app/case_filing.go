package app

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"gorm.io/gorm"
)

// Filing is one case of FileCasesTx: its input, the number a ledger gives
// it ("" for the next running number) and the closing the ledger records
// (nil: the case stays open).
type Filing struct {
	Input  CaseInput
	CaseNo string
	Close  *CloseInput
}

// Filed is what became of a Filing: the case as every read shows it after
// its filing and closing, or why it was refused (Err: bad input, a conflict
// or a forbidden filing; nothing of it was written, or, when its closing
// was refused, Case is the case filed and left open).
type Filed struct {
	Case Case
	Err  error
}

// FileCasesTx files cases inside tx, each by the rules of a filing through
// the form (CreateCaseTx is FileCasesTx with one): the filing rule, the
// input's checks, its references, a given number's checks, the running
// number, the deadline, the list's counts, the search's terms, the
// mediators, the case file, the links to the disputes it re-files and the
// audit entry. A filing with a closing is then closed by the rules of
// closeCaseTx (the permission to record closings is the caller's: the
// import's import:cases), with its visits and audit entry. The cases are
// written a few hundred rows to a statement, with the same outcome as
// filing and closing them one by one in their order: a case counts as
// resolved before the cases after it only. Numbers given are raised before
// the running numbers are taken (a ledger's rows with numbers go first).
//
// A refused filing is reported in its Filed and the others go on; err is
// anything else (the transaction must roll back).
func (s *Store) FileCasesTx(tx *gorm.DB, a Actor, fs []Filing) ([]Filed, error) {
	counts := NewFilingCounts()
	out, err := s.FileCasesCountedTx(tx, a, fs, counts)
	if err != nil {
		return nil, err
	}
	return out, s.AddFilingCountsTx(tx, counts)
}

// FilingCounts are the filings' contributions to the counts kept beside
// the cases (case_counts, case_day_counts, case_month_counts, case_search_counts,
// case_seq_tails, case_figure_days), summed by key until AddFilingCountsTx
// writes them: a transaction that files many batches (the ledger import)
// writes each key once instead of once per batch. Nothing of a filing reads
// these counts, so writing them later in the transaction leaves the same rows.
type FilingCounts struct {
	cases   map[caseCountKey]int
	search  map[searchCountKey]int
	tails   map[seqTailKey]int
	figures figureDeltas
}

// NewFilingCounts returns empty counts.
func NewFilingCounts() *FilingCounts {
	return &FilingCounts{cases: map[caseCountKey]int{}, search: map[searchCountKey]int{},
		tails: map[seqTailKey]int{}, figures: figureDeltas{}}
}

// addCase counts rec, a case about to be written, in the list's and the
// search's counts (its figures are counted from the case as written).
func (c *FilingCounts) addCase(rec caseRecord) {
	c.cases[caseCountKeyOf(rec)]++
	c.search[searchCountKeyOf(rec)]++
	c.tails[seqTailKeyOf(rec)]++
}

// AddFilingCountsTx writes the counts summed in c (each key once, in one
// order of keys) and empties c.
func (s *Store) AddFilingCountsTx(tx *gorm.DB, c *FilingCounts) error {
	if err := s.addListCountsTx(tx, c); err != nil {
		return err
	}
	if err := s.applyFiguresTx(tx, c.figures); err != nil {
		return err
	}
	*c = *NewFilingCounts()
	return nil
}

// addListCountsTx adds c's counts of the list and the search (case_counts,
// case_search_counts, case_seq_tails), each key once; not its figures.
func (s *Store) addListCountsTx(tx *gorm.DB, c *FilingCounts) error {
	if err := s.addCaseCountsTx(tx, c.cases); err != nil {
		return err
	}
	if err := s.addSearchCountsTx(tx, c.search); err != nil {
		return err
	}
	return s.addSeqTailsTx(tx, c.tails)
}

// FileCasesCountedTx is FileCasesTx adding the filings' contributions to
// the kept counts to counts instead of writing them: the caller writes
// them with AddFilingCountsTx before the transaction commits.
func (s *Store) FileCasesCountedTx(tx *gorm.DB, a Actor, fs []Filing, counts *FilingCounts) ([]Filed, error) {
	out := make([]Filed, len(fs))
	ins := make([]CaseInput, len(fs))
	probs := make([]Problems, len(fs))
	today := s.Clock.Today()
	var numbered []int // the filings that take the next running number
	for i, f := range fs {
		ins[i] = f.Input
		if s.Authz != nil {
			if err := ApplyFilingRule(s.Authz, a, &ins[i]); err != nil {
				out[i].Err = err
				continue
			}
		}
		probs[i] = ins[i].normalize(today)
		if f.CaseNo == "" && len(probs[i]) == 0 {
			numbered = append(numbered, i)
		}
	}
	seqs := make([]int, len(fs))
	cts := make([]CaseType, len(fs))
	givenNos := map[string]bool{} // the numbers given to the filings before
	for i, f := range fs {
		if out[i].Err != nil {
			continue
		}
		p := probs[i]
		ct, err := s.checkCaseReferencesTx(tx, a.Court, &ins[i], p)
		if err != nil {
			return nil, err
		}
		cts[i] = ct
		var no CaseNo
		if f.CaseNo != "" {
			if no, err = s.checkGivenCaseNoTx(tx, a.Court, ins[i], f.CaseNo, p); err != nil {
				return nil, err
			}
			if _, bad := p["case_no"]; !bad && givenNos[no.String()] {
				p.Add("case_no", "案号 "+no.String()+" 已被使用")
			}
			seqs[i] = no.Seq
		}
		if err := p.Err(); err != nil {
			out[i].Err = err
			continue
		}
		if f.CaseNo != "" {
			givenNos[no.String()] = true
			if err := s.RaiseNumber(tx, a.Court, "case:"+ins[i].CaseType, ins[i].FiledOn.Year, no.Seq); err != nil {
				return nil, err
			}
		}
	}
	dues := make([]Date, len(fs))
	for i := range fs {
		if out[i].Err != nil {
			continue
		}
		due, err := s.deadlineTx(tx, cts[i], ins[i].FiledOn, ins[i].Simplified, nil, nil)
		if err != nil {
			return nil, err
		}
		dues[i] = due
	}
	// The running numbers are taken once everything is read and checked,
	// right before the cases are written: the number row is the one every
	// filing of the type writes, and on a Galera cluster a transaction that
	// has written it is aborted by any filing another node commits
	// meanwhile, so the less of the transaction after it the better. (On
	// SQLite the transaction holds the write lock from its BEGIN, _txlock
	// immediate, wherever the number is taken; numbers given are raised
	// above first, so the running ones are taken past them.) Only the
	// filings still accepted take one, as when filed one by one; a case that
	// turns out to be bad later rolls back and gives its number back.
	numbered = slices.DeleteFunc(numbered, func(i int) bool { return out[i].Err != nil })
	if err := s.takeCaseNumbersTx(tx, a.Court, ins, numbered, seqs); err != nil {
		return nil, err
	}
	now := s.Clock.Now().UTC()
	var (
		recs []caseRecord
		at   []int // the filing of each record
		// the closing of each record, nil when it stays open
		closings = make([]*closing, len(fs))
	)
	for i := range fs {
		if out[i].Err != nil {
			continue
		}
		in := ins[i]
		due := dues[i]
		year := in.FiledOn.Year
		judge := in.JudgeID
		rec := caseRecord{
			CourtCode: a.Court, CaseNo: FormatCaseNo(year, a.Court, in.CaseType, seqs[i]), CaseType: in.CaseType,
			Year: year, Seq: seqs[i], Cause: in.Cause, Domain: in.Domain,
			PlaintiffName: in.Plaintiff.Name, PlaintiffKind: in.Plaintiff.Kind, PlaintiffKey: PlaintiffKey(in.Plaintiff.Name),
			OrganID: in.OrganID, FiledOn: in.FiledOn,
			JudgeID: &judge, Linkage: in.Linkage, LinkagePartner: in.LinkagePartner, CrossRegion: in.CrossRegion,
			Region: in.Region, WorkstationID: in.WorkstationID, FastTrack: in.FastTrack, Simplified: in.Simplified,
			PenaltyBefore: in.PenaltyBefore, Status: StatusFiled, OriginCaseID: in.OriginCaseID, Version: 1,
			DeadlineOn: due,
			CreatedAt:  now, UpdatedAt: now,
		}
		if a.UserID != 0 {
			uid := a.UserID
			rec.CreatedBy = &uid
		}
		// The closing, checked on the case as filed, is written with it:
		// the row a filing and then a closing leave (version 2), in one
		// INSERT instead of an INSERT and an UPDATE. A refused closing
		// leaves the case filed and open.
		if fs[i].Close != nil {
			cl, err := s.closingOf(rec, *fs[i].Close)
			if err != nil {
				out[i].Err = err
			} else {
				if err := rec.apply(cl.changes()); err != nil {
					return nil, err
				}
				rec.Version++
				closings[len(recs)] = &cl
			}
		}
		recs = append(recs, rec)
		at = append(at, i)
	}
	if len(recs) == 0 {
		return out, nil
	}
	if err := s.insertCasesTx(tx, a.Court, recs); err != nil {
		if IsDuplicate(err) && len(recs) == 1 {
			out[at[0]].Err = Invalid("case_no", "案号 "+recs[0].CaseNo+" 已被使用")
			return out, nil
		}
		if IsDuplicate(err) {
			return nil, Conflict("案号已被同时进行的其他立案使用，请重新提交")
		}
		return nil, err
	}
	var names, nos []string
	var mediators []any
	files := map[int64]CaseFileInput{}
	for n, rec := range recs {
		in := ins[at[n]]
		counts.addCase(rec)
		names, nos = append(names, rec.PlaintiffName), append(nos, rec.CaseNo)
		for _, m := range in.MediatorIDs {
			mediators = append(mediators, rec.ID, m)
		}
		files[rec.ID] = in.CaseFile
	}
	ids := make([]int64, len(recs))
	for n, rec := range recs {
		ids[n] = rec.ID
	}
	if err := s.addSearchTermsTx(tx, a.Court, names, nos); err != nil {
		return nil, err
	}
	if len(mediators) > 0 {
		q := "INSERT INTO case_mediators (case_id, user_id) VALUES " + strings.TrimSuffix(strings.Repeat("(?, ?), ", len(mediators)/2), ", ")
		if err := tx.Exec(q, mediators...).Error; err != nil {
			return nil, err
		}
	}
	if err := s.addCaseFilesTx(tx, a, ids, files); err != nil {
		return nil, err
	}
	// The new cases as every read shows them; a closed one's filing as it
	// was read before its closing.
	read, err := s.getCasesTx(tx, a.Court, ids)
	if err != nil {
		return nil, err
	}
	filed := make([]Case, len(recs))
	var resolved []resolvedCase
	for n, rec := range recs {
		out[at[n]].Case = read[n]
		filed[n] = read[n]
		if cl := closings[n]; cl != nil {
			filed[n] = openedCase(read[n], today)
			if IsResolution(cl.Method) {
				resolved = append(resolved, resolvedCase{rec.ID, cl.ClosedOn})
			}
		}
	}
	// The cases' contributions to case_figure_days, once, as filed and
	// closed: the same rows and sums as adding them when filed and moving
	// them when closed (a case counts one new case on its filing day either way).
	if err := counts.figures.addCasesTx(tx, ids, 1); err != nil {
		return nil, err
	}
	if err := s.scheduleVisitsTx(tx, a.Court, resolved...); err != nil {
		return nil, err
	}
	if err := s.linkRefilingsTx(tx, recs...); err != nil {
		return nil, err
	}
	for n := range recs {
		i := at[n]
		if err := s.Audit(tx, a, "case.create", "case", recs[n].ID, nil, filed[n]); err != nil {
			return nil, err
		}
		if closings[n] != nil {
			if err := s.Audit(tx, a, "case.close", "case", recs[n].ID, filed[n], out[i].Case); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// takeCaseNumbersTx gives the filings numbered (indexes of ins) the next
// running numbers of their type and year, in their order, into seqs.
func (s *Store) takeCaseNumbersTx(tx *gorm.DB, court string, ins []CaseInput, numbered []int, seqs []int) error {
	type key struct {
		caseType string
		year     int
	}
	var keys []key
	of := map[key][]int{}
	for _, i := range numbered {
		k := key{ins[i].CaseType, ins[i].FiledOn.Year}
		if of[k] == nil {
			keys = append(keys, k)
		}
		of[k] = append(of[k], i)
	}
	for _, k := range keys {
		first, err := s.NextNumbers(tx, court, "case:"+k.caseType, k.year, len(of[k]))
		if err != nil {
			return err
		}
		for n, i := range of[k] {
			seqs[i] = first + n
		}
	}
	return nil
}

// sqliteStatementValues is how many values a statement that writes many
// rows binds at most on SQLite: the pure-Go driver finds each value of a
// statement by a scan of all of them, so binding n values costs n²/2 steps
// (7,000 values, 200 cases to an INSERT: a third of a large import's CPU),
// while a statement's own cost is a few hundred values' worth.
const sqliteStatementValues = 500

// statementRows is how many rows of cols values each a statement writes:
// most, fewer on SQLite (sqliteStatementValues).
func statementRows(dialect string, cols, most int) int {
	if dialect != SQLite || cols <= 0 {
		return most
	}
	return max(1, min(most, sqliteStatementValues/cols))
}

// caseRecordColumns is the number of columns an INSERT of a caseRecord writes (about).
var caseRecordColumns = reflect.TypeOf(caseRecord{}).NumField()

// insertCasesTx writes new case rows a few hundred to a statement (on
// SQLite one: insertRowsSQLite) and sets their ids, read back by their
// numbers (a statement's ids are not consecutive on a Galera cluster, whose
// nodes interleave them).
func (s *Store) insertCasesTx(tx *gorm.DB, court string, recs []caseRecord) error {
	if s.Dialect == SQLite {
		// One row to a prepared statement, its id its own (insertRowsSQLite).
		return insertRowsSQLite(s, tx, recs)
	}
	if err := tx.CreateInBatches(&recs, statementRows(s.Dialect, caseRecordColumns, 200)).Error; err != nil {
		return err
	}
	if len(recs) == 1 {
		return nil
	}
	nos := make([]string, len(recs))
	for n, r := range recs {
		nos[n] = r.CaseNo
	}
	rows, err := tx.Table("cases").Select("id, case_no").Where("court_code = ? AND case_no IN ?", court, nos).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	id := make(map[string]int64, len(recs))
	for rows.Next() {
		var n int64
		var no string
		if err := rows.Scan(&n, &no); err != nil {
			return err
		}
		id[no] = n
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for n := range recs {
		if recs[n].ID = id[recs[n].CaseNo]; recs[n].ID == 0 {
			return fmt.Errorf("filing: case %s not found after its insert", recs[n].CaseNo)
		}
	}
	return nil
}

// getCasesTx reads cases of court as every read shows them, in the order of ids.
func (s *Store) getCasesTx(tx *gorm.DB, court string, ids []int64) ([]Case, error) {
	if len(ids) == 1 {
		c, err := s.getCaseTx(tx, court, ids[0])
		return []Case{c}, err
	}
	// By id alone: with the court too SQLite reads the court's index
	// entries (a million) for the ids instead of the ids; the court is
	// checked on the rows.
	rows, err := caseFrom(tx).Select(s.SelectCases(CaseRead{Names: true, Mediators: true})).
		Where("cases.id IN ?", ids).Rows()
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Case, len(ids))
	if err := s.ScanCases(rows, func(c Case) bool { byID[c.ID] = c; return true }); err != nil {
		return nil, err
	}
	out := make([]Case, len(ids))
	for n, id := range ids {
		c, ok := byID[id]
		if !ok || c.CourtCode != court {
			return nil, NotFound("案件")
		}
		out[n] = c
	}
	return out, nil
}

// caseBump is a change to the row of case ID, read at Version.
type caseBump struct {
	ID      int64
	Version int
	Changes map[string]any
}

// bumpCaseTx writes changes to a case row whose version was read as version;
// it adds one to the version and reports a stale version as a conflict.
func (s *Store) bumpCaseTx(tx *gorm.DB, id int64, version int, changes map[string]any) error {
	return s.bumpCasesTx(tx, caseBump{id, version, changes})
}

// bumpCasesTx is bumpCaseTx for several cases at once (each changing the
// same columns): one UPDATE, one read of their counted keys.
func (s *Store) bumpCasesTx(tx *gorm.DB, bumps ...caseBump) error {
	return s.bumpCasesFiguresTx(tx, true, bumps)
}

// bumpCasesFiguresTx is bumpCasesTx; with figured false it leaves the
// cases' contributions to case_figure_days to the caller (FileCasesTx,
// which adds those of the cases it files once they are closed).
func (s *Store) bumpCasesFiguresTx(tx *gorm.DB, figured bool, bumps []caseBump) error {
	if len(bumps) == 0 {
		return nil
	}
	cols := make([]string, 0, len(bumps[0].Changes))
	for c := range bumps[0].Changes {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	ids := make([]int64, len(bumps))
	for n, b := range bumps {
		ids[n] = b.ID
		if len(b.Changes) != len(cols) {
			return fmt.Errorf("bumpCasesTx: cases change different columns")
		}
		for _, c := range cols {
			if _, ok := b.Changes[c]; !ok {
				return fmt.Errorf("bumpCasesTx: cases change different columns")
			}
		}
	}
	// A change of status, judge or type moves the case to another count.
	deltas := map[caseCountKey]int{}
	counted := touchesCaseCounts(bumps[0].Changes)
	if counted {
		from, err := countedKeysTx(tx, bumps)
		if err != nil {
			return err
		}
		for n, b := range bumps {
			to, err := movedKey(from[n], b.Changes)
			if err != nil {
				return err
			}
			if from[n] != to {
				deltas[from[n]]--
				deltas[to]++
			}
		}
	}
	// A change of organ, plaintiff, type or number moves it in
	// case_search_counts and case_seq_tails.
	searchDeltas := map[searchCountKey]int{}
	tailDeltas := map[seqTailKey]int{}
	if touchesSearchCounts(bumps[0].Changes) {
		if err := searchCountDeltasTx(tx, bumps, searchDeltas, tailDeltas); err != nil {
			return err
		}
	}
	// A change of a column the figures depend on moves the cases'
	// contributions to case_figure_days: the old ones are taken away, the
	// new ones added.
	figures := figureDeltas{}
	refigured := figured && touchesCaseFigures(bumps[0].Changes)
	if refigured {
		if err := figures.addCasesTx(tx, ids, -1); err != nil {
			return err
		}
	}
	now := s.Clock.Now().UTC()
	if len(bumps) == 1 {
		changes := make(map[string]any, len(cols)+2)
		for c, v := range bumps[0].Changes {
			changes[c] = v
		}
		changes["version"] = gorm.Expr("version + 1")
		changes["updated_at"] = now
		res := tx.Table("cases").Where("id = ? AND version = ?", bumps[0].ID, bumps[0].Version).Updates(changes)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return StaleVersion()
		}
	} else {
		// Each column by the case's id: SET c = CASE id WHEN ? THEN ? … END,
		// for as many cases as a statement binds (statementRows).
		per := statementRows(s.Dialect, 2*len(cols)+3, len(bumps))
		for rest := bumps; len(rest) > 0; rest = rest[min(per, len(rest)):] {
			part := rest[:min(per, len(rest))]
			var sets []string
			var args []any
			byID := func(value func(b caseBump) any) string {
				for _, b := range part {
					args = append(args, b.ID, value(b))
				}
				return "CASE id" + strings.Repeat(" WHEN ? THEN ?", len(part)) + " END"
			}
			for _, c := range cols {
				sets = append(sets, c+" = "+byID(func(b caseBump) any { return b.Changes[c] }))
			}
			args = append(args, now)
			q := "UPDATE cases SET " + strings.Join(sets, ", ") + ", version = version + 1, updated_at = ? WHERE id IN ? AND version = "
			partIDs := make([]int64, len(part))
			for n, b := range part {
				partIDs[n] = b.ID
			}
			args = append(args, partIDs)
			q += byID(func(b caseBump) any { return b.Version })
			res := tx.Exec(q, args...)
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected != int64(len(part)) {
				return StaleVersion()
			}
		}
	}
	if refigured {
		if err := figures.addCasesTx(tx, ids, 1); err != nil {
			return err
		}
		if err := s.applyFiguresTx(tx, figures); err != nil {
			return err
		}
	}
	// The hearings, appeals and commitments carry some of the case's columns (hearing_dimensions.go).
	if err := copyCaseColumnsTx(tx, bumps[0].Changes, ids); err != nil {
		return err
	}
	if _, ok := bumps[0].Changes["plaintiff_name"]; ok {
		for _, b := range bumps {
			var court string
			if err := tx.Table("cases").Where("id = ?", b.ID).Pluck("court_code", &court).Error; err != nil {
				return err
			}
			name, _ := b.Changes["plaintiff_name"].(string)
			if err := s.addSearchTermsTx(tx, court, []string{name}, nil); err != nil {
				return err
			}
		}
	}
	if err := s.addSearchCountsTx(tx, searchDeltas); err != nil {
		return err
	}
	if err := s.addSeqTailsTx(tx, tailDeltas); err != nil {
		return err
	}
	return s.addCaseCountsTx(tx, deltas)
}
