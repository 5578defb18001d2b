package demo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"

	"fuyuan/app"
)

// GenOptions says how many synthetic cases to generate and how to report progress.
type GenOptions struct {
	Cases    int
	Batch    int                   // cases per transaction (default 10,000)
	Progress func(done, total int) // called after each batch; may be nil
	Seed     uint64                // the random source's seed; 0: the time
}

// Generate fills the database with n realistic synthetic cases of the demo
// court 粤1803 filed on the working days (and a few weekend days) of the
// three years up to today, in the order of filing, with proportional
// mediations, closings, commitments, letters, circuit hearings, inspections
// and workstation services (no audit entries: this is load-test data, not
// court work). The demo court and its accounts are created first when
// missing.
//
// One goroutine makes the rows of a batch while another writes the
// previous one in its own transaction. SQLite is written through SQLite's C
// interface with reused prepared statements (sqliteLoader), with the
// secondary indexes dropped during the load and built again after it;
// MySQL with multi-row prepared INSERTs.
func Generate(ctx context.Context, s *app.Store, opt GenOptions) (err error) {
	if opt.Batch <= 0 {
		opt.Batch = 10000
	}
	g, err := newGenerator(ctx, s, opt)
	if err != nil {
		return err
	}
	if s.Dialect == app.SQLite {
		err = g.loadSQLite(ctx)
	} else {
		err = g.loadSQL(ctx)
	}
	// The counters are raised over every number handed out, even by a load
	// that broke off, so that the register never hands one out twice.
	rerr := s.Tx(context.WithoutCancel(ctx), func(tx *gorm.DB) error {
		for k, last := range g.seq {
			if err := s.RaiseNumber(tx, CourtCode, "case:"+k.typ, k.year, last); err != nil {
				return err
			}
		}
		for k, last := range g.letterSeq {
			if err := s.RaiseNumber(tx, CourtCode, "letter:"+k.typ, k.year, last); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if rerr != nil {
		return rerr
	}
	// The loaders write cases without the store: the list's counts afresh,
	// on connections without MySQL's read timeout (one of the recount's
	// statements reads every case).
	u, done, err := s.WithoutReadTimeout()
	if err != nil {
		return err
	}
	defer done()
	if g.counts != nil {
		return u.RecountCasesCounted(context.WithoutCancel(ctx), CourtCode, g.counts)
	}
	return u.RecountCases(context.WithoutCancel(ctx), CourtCode)
}

// loadSQLite loads the batches into SQLite. Writing a million rows through
// a dozen indexes is slow in SQLite; dropping the secondary indexes and
// building them again afterwards (one sort each, in a large sort memory)
// is several times faster.
func (g *generator) loadSQLite(ctx context.Context) (err error) {
	var path string
	if err := g.s.DB.WithContext(ctx).Raw("SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&path).Error; err != nil {
		return err
	}
	indexes, err := dropSQLiteIndexes(ctx, g.s, genTables)
	if err != nil {
		return err
	}
	// A fresh register (no case yet) is loaded without the WAL: see
	// sqliteLoader.withoutWAL. The store's idle connections, which keep the
	// file in WAL mode while they are open, are closed for the load.
	fresh := g.lastID == 0
	if fresh {
		if sqlDB, derr := g.s.DB.DB(); derr == nil {
			sqlDB.SetMaxIdleConns(0)
			defer sqlDB.SetMaxIdleConns(app.SQLiteIdleConns)
		}
	}
	l, err := openSQLiteLoader(path)
	if err != nil {
		for _, idx := range indexes {
			g.s.DB.WithContext(context.WithoutCancel(ctx)).Exec(idx)
		}
		return err
	}
	defer func() {
		if cerr := l.close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	if fresh {
		wal, werr := l.withoutWAL()
		if werr != nil {
			err = werr
		}
		// The register goes back to WAL (the store's mode) whatever happens.
		defer func() {
			if werr := wal(); werr != nil && err == nil {
				err = werr
			}
		}()
		if err != nil {
			return err
		}
	}
	err = g.run(ctx, l)
	// The indexes come back even when the load failed or was cancelled.
	if ierr := l.exec("PRAGMA cache_size = -262144"); ierr != nil && err == nil {
		err = ierr
	}
	for _, idx := range indexes {
		if ierr := l.exec(idx); ierr != nil && err == nil {
			err = ierr
		}
	}
	return err
}

// loadSQL loads the batches into MySQL, without the secondary indexes that
// no foreign key needs, which are built again afterwards.
func (g *generator) loadSQL(ctx context.Context) (err error) {
	l, err := openSQLLoader(ctx, g.s)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := l.close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	// The indexes come back even when the load failed or was cancelled.
	defer func() {
		if ierr := l.addIndexes(); ierr != nil && err == nil {
			err = ierr
		}
	}()
	if err := l.dropIndexes(genTables); err != nil {
		return err
	}
	return g.run(ctx, l)
}

// loader writes the rows of one batch in one transaction.
type loader interface {
	load(batch []*rows) error
	close() error
}

// run makes the batches in one goroutine and loads them in this one; two
// batches are in flight, one being filled while the other is written.
func (g *generator) run(ctx context.Context, l loader) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	free := make(chan []*rows, 2)
	full := make(chan []*rows, 1)
	free <- newBatch()
	free <- newBatch()
	made := make(chan error, 1)
	go func() {
		defer close(full)
		for done := 0; done < g.opt.Cases; {
			var b []*rows
			select {
			case b = <-free:
			case <-ctx.Done():
				made <- ctx.Err()
				return
			}
			n := min(g.opt.Batch, g.opt.Cases-done)
			g.batch(b, done, n)
			done += n
			full <- b
		}
		made <- nil
	}()
	done := 0
	for b := range full {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := l.load(b); err != nil {
			cancel()
			for range full {
			}
			return err
		}
		done += b[0].n
		for _, rs := range b {
			rs.reset()
		}
		free <- b
		if g.opt.Progress != nil {
			g.opt.Progress(done, g.opt.Cases)
		}
	}
	return <-made
}

type seqKey struct {
	typ  string
	year int
}

type generator struct {
	s            *app.Store
	opt          GenOptions
	deadline     func(caseType string, filed app.Date, simplified bool) app.Date
	deadlines    map[deadlineKey]app.Date
	r            *rand.Rand
	today        app.Date
	start        app.Date
	days         int
	filings      []float64 // cumulative share of the filings by the end of each day
	lastID       int64     // the highest case id so far
	judges       []int64
	mediators    []int64
	creator      int64
	organs       []int64
	workstations []int64
	seq          map[seqKey]int
	letterSeq    map[seqKey]int
	appealSeq    int // the running number of the generated second-instance cases
	now          time.Time
	// counts counts the generated cases' kept counts (the list's, the
	// search's, the figures per day) as they are made, when the court had
	// no cases before (nil otherwise: the final recount reads every case).
	// Then they are every case of the court, as gen writes into a register
	// nothing else writes to while it runs.
	counts *app.CaseCounts
}

func newGenerator(ctx context.Context, s *app.Store, opt GenOptions) (*generator, error) {
	var n int64
	if err := s.DB.WithContext(ctx).Table("courts").Where("code = ?", CourtCode).Count(&n).Error; err != nil {
		return nil, err
	}
	if n == 0 {
		w := &World{Store: s, Today: s.Clock.Today(), Rand: rand.New(rand.NewPCG(1803, 1881)),
			Users: map[string]app.User{}, Workstations: map[string]int64{}}
		if err := seedPlatform(ctx, w); err != nil {
			return nil, err
		}
		if err := seedWorkstations(ctx, w); err != nil {
			return nil, err
		}
	}
	seed := opt.Seed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	g := &generator{s: s, opt: opt, r: rand.New(rand.NewPCG(seed, 9)),
		today: s.Clock.Today(), seq: map[seqKey]int{}, letterSeq: map[seqKey]int{}, now: s.Clock.Now().UTC(),
		deadlines: map[deadlineKey]app.Date{}}
	g.start = app.NewDate(g.today.Year-2, 1, 1)
	g.days = g.today.DaysSince(g.start) + 1
	g.filings = filingShares(g.start, g.days)
	db := s.DB.WithContext(ctx)
	var err error
	if err := db.Raw("SELECT COALESCE(MAX(id), 0) FROM cases").Scan(&g.lastID).Error; err != nil {
		return nil, err
	}
	var had int64
	if err := db.Raw("SELECT COUNT(*) FROM cases WHERE court_code = ?", CourtCode).Scan(&had).Error; err != nil {
		return nil, err
	}
	if had == 0 {
		g.counts = app.NewCaseCounts()
	}
	if err = db.Table("users").Where("court_code = ? AND role = ?", CourtCode, app.RoleJudge).Order("id").Pluck("id", &g.judges).Error; err != nil {
		return nil, err
	}
	if err := db.Table("users").Where("court_code = ? AND role = ?", CourtCode, app.RoleMediator).Order("id").Pluck("id", &g.mediators).Error; err != nil {
		return nil, err
	}
	if err := db.Table("organs").Where("court_code = ?", CourtCode).Order("id").Pluck("id", &g.organs).Error; err != nil {
		return nil, err
	}
	if err := db.Table("workstations").Where("court_code = ?", CourtCode).Order("id").Pluck("id", &g.workstations).Error; err != nil {
		return nil, err
	}
	if len(g.judges) == 0 || len(g.organs) == 0 {
		return nil, fmt.Errorf("gen: court %s has no judges or no organs", CourtCode)
	}
	g.creator = g.judges[0]
	// The same engine as the case register, so that overdue filters are true.
	if g.deadline, err = s.NewCaseDeadlines(ctx, CourtCode); err != nil {
		return nil, err
	}
	var counters []struct {
		Kind string
		Year int
		Last int
	}
	if err := db.Table("counters").Where("court_code = ?", CourtCode).Find(&counters).Error; err != nil {
		return nil, err
	}
	for _, c := range counters {
		if typ, ok := strings.CutPrefix(c.Kind, "case:"); ok {
			g.seq[seqKey{typ, c.Year}] = c.Last
		} else if kind, ok := strings.CutPrefix(c.Kind, "letter:"); ok {
			g.letterSeq[seqKey{kind, c.Year}] = c.Last
		}
	}
	return g, nil
}

// filingShares returns, for each of the days from start, the share of a
// run's filings made by the end of that day: a working day weighs ten times
// a weekend day (online filings), so that cases are filed mostly on working
// days.
func filingShares(start app.Date, days int) []float64 {
	out := make([]float64, days)
	total := 0.0
	for i := range out {
		w := 10.0
		if wd := start.AddDays(i).Weekday(); wd == time.Saturday || wd == time.Sunday {
			w = 1
		}
		total += w
		out[i] = total
	}
	for i := range out {
		out[i] /= total
	}
	return out
}

// filedOn is the filing day of the i-th of n cases: the days follow the
// filing shares, in order, so that case ids grow with filing dates as in a
// real register.
func (g *generator) filedOn(i, n int) app.Date {
	q := (float64(i) + 0.5) / float64(n)
	day := sort.SearchFloat64s(g.filings, q)
	return g.start.AddDays(min(day, g.days-1))
}

type deadlineKey struct {
	typ        string
	filed      app.Date
	simplified bool
}

// deadlineOf is the deadline engine's answer, remembered: a million cases
// fall on a few thousand (type, day) pairs.
func (g *generator) deadlineOf(typ string, filed app.Date, simplified bool) app.Date {
	k := deadlineKey{typ, filed, simplified}
	d, ok := g.deadlines[k]
	if !ok {
		d = g.deadline(typ, filed, simplified)
		g.deadlines[k] = d
	}
	return d
}

// weighted picks from choices by weight.
func weighted[T any](r *rand.Rand, choices []T, weights []int) T {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := r.IntN(total)
	for i, w := range weights {
		if x < w {
			return choices[i]
		}
		x -= w
	}
	return choices[len(choices)-1]
}

var (
	genTypes         = []string{"行初", "行审", "行赔初", app.PreLitigationType}
	genTypeWeights   = []int{55, 15, 5, 25}
	genCauses        = []string{"行政处罚", "行政强制", "行政许可", "工伤认定", "行政复议", "行政协议", "山林权属", "自然资源监管", "信息公开", "其他"}
	genCauseWeights  = []int{25, 8, 8, 15, 6, 5, 10, 12, 6, 5}
	genDomains       = []string{"ecology", "tourism", "enterprise", "labour", "other"}
	genMethods       = []string{"judgment", "mediation", "withdrawal", "deemed_withdrawal", "dismissal", "transfer", "termination"}
	genMethodWeights = []int{30, 22, 26, 6, 10, 3, 3}
	genResults       = []string{"uphold", "revoke", "alter", "confirm_illegal", "order_perform"}
	genSurnames      = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁")
	genGiven         = []string{"建国", "秀英", "伟", "芳", "志强", "丽娟", "海涛", "晓敏", "国平", "文华", "春梅", "明", "静", "俊杰", "桂兰"}
	genFirms         = []string{"清新旅游开发有限公司", "石门台生态农业有限公司", "古龙峡漂流有限公司", "太平镇林场", "清远建材有限公司", "广东山水文旅有限公司", "北江采砂有限公司", "禾云茶业合作社"}
)

func (g *generator) caseTypeYear(typ string, year int) int {
	k := seqKey{typ, year}
	g.seq[k]++
	return g.seq[k]
}

// The tables the generator writes, in the order of a batch, with their columns.
var genColumns = [][2]string{
	{"cases", "id, court_code, case_no, case_type, year, seq, cause, domain, plaintiff_name, plaintiff_kind, plaintiff_key, organ_id, filed_on, judge_id, linkage, linkage_partner, cross_region, region, workstation_id, fast_track, simplified, penalty_before, penalty_after, status, deadline_on, closed_on, close_method, judgment_result, organ_corrected, days_to_close, origin_case_id, version, created_by, created_at, updated_at"},
	{"case_mediators", "case_id, user_id"},
	{"excluded_periods", "case_id, reason, start_on, end_on, notes, created_by, created_at"},
	{"mediations", "court_code, case_id, held_on, mode, location, participants, result, agreement, notes, created_by, created_at"},
	{"commitments", "court_code, case_id, kind, due_on, amount, notes, fulfilled_on, created_by, created_at, case_status, case_closed_on, case_close_method, case_type, organ_id, case_judge_id, domain, cause"},
	{"letters", "court_code, kind, year, seq, letter_no, case_id, organ_id, problems, suggestions, status, drafted_by, approved_by, approved_on, issued_on, reply_due_on, replied_on, adopted, measures, version, created_at, updated_at"},
	{"circuits", "court_code, held_on, place, region, cross_region, judge_id, audience, notes, created_by, created_at"},
	{"inspections", "court_code, case_id, held_on, place, findings, created_by, created_at"},
	{"workstation_services", "court_code, workstation_id, kind, held_on, people, notes, created_by, created_at"},
	{"hearings", "court_code, case_id, judge_id, starts_at, ends_at, room, held_on, head_notified, head_appeared, head_name, head_post, head_rank, head_spoke, representatives, absence_reason, version, created_by, created_at, updated_at, case_type, organ_id, case_judge_id, domain, cause"},
	{"appeals", "court_code, case_id, filed_on, appellant, second_case_no, result, decided_on, created_by, created_at, updated_at, case_status, case_closed_on, case_type, organ_id, case_judge_id, domain, cause"},
}

// genTables are the tables the generator writes.
var genTables = func() []string {
	out := make([]string, len(genColumns))
	for i, t := range genColumns {
		out[i] = t[0]
	}
	return out
}()

// newBatch returns empty rows for every table of genColumns.
func newBatch() []*rows {
	b := make([]*rows, len(genColumns))
	for i, t := range genColumns {
		b[i] = newRows(t[0], t[1])
	}
	return b
}

// batch fills b with cases first+1 … first+n of the run and their related records.
func (g *generator) batch(b []*rows, first, n int) {
	cases, mediators, excluded, mediations, commitments, letters, circuits, inspections, services, hearings, appeals :=
		b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10]
	r := g.r
	for i := 0; i < n; i++ {
		g.lastID++
		id := g.lastID
		filed := g.filedOn(first+i, g.opt.Cases)
		typ := weighted(r, genTypes, genTypeWeights)
		seq := g.caseTypeYear(typ, filed.Year)
		caseNo := fmt.Sprintf("（%d）%s%s%d号", filed.Year, CourtCode, typ, seq)
		cause := weighted(r, genCauses, genCauseWeights)
		domain := genDomains[r.IntN(len(genDomains))]
		plaintiff, kind := g.plaintiff()
		judge := g.judges[r.IntN(len(g.judges))]
		simplified := typ == "行初" && r.IntN(4) == 0
		linkage := r.IntN(4) == 0
		partner := ""
		if linkage {
			partner = "司法局"
		}
		cross := r.IntN(10) == 0
		region := ""
		if cross {
			region = []string{"英德市", "佛冈县", "阳山县", "连州市"}[r.IntN(4)]
		}
		var ws any
		fast := domain == "tourism" && r.IntN(3) == 0
		if fast && len(g.workstations) > 0 {
			ws = g.workstations[r.IntN(len(g.workstations))]
		}
		var penaltyBefore, penaltyAfter any
		if cause == "行政处罚" {
			pb := int64(1000+r.IntN(100000)) * 100
			penaltyBefore = pb
		}
		deadline := g.deadlineOf(typ, filed, simplified)
		age := g.today.DaysSince(filed)
		status := "filed"
		var closedOn any
		var closedDate app.Date
		method, result := "", ""
		var days any
		closeChance := min(95, age/2)
		if r.IntN(100) < closeChance {
			span := max(1, min(age, deadline.DaysSince(filed)+10))
			d := 1 + r.IntN(span)
			if fast {
				d = 1 + r.IntN(min(span, 10))
			}
			closed := filed.AddDays(d)
			status = "closed"
			closedOn, closedDate = closed.String(), closed
			days = d
			if typ == app.PreLitigationType {
				method = weighted(r, []string{"mediation", "failed"}, []int{80, 20})
			} else {
				method = weighted(r, genMethods, genMethodWeights)
			}
			if method == "judgment" {
				result = genResults[r.IntN(len(genResults))]
				if typ == app.CompensationType && r.IntN(2) == 0 {
					result = "compensate"
				}
			}
			if pb, ok := penaltyBefore.(int64); ok {
				pa := pb
				if method == "mediation" || r.IntN(5) == 0 {
					pa = pb - pb/int64(2+r.IntN(8))
				}
				penaltyAfter = pa
			}
		} else if r.IntN(8) == 0 && age > 0 {
			status = "suspended"
			excluded.add(id, "suspension", filed.AddDays(r.IntN(age)).String(), nil, "", judge, g.now)
		} else if r.IntN(3) == 0 {
			status = "mediating"
		}
		corrected := method == "withdrawal" && r.IntN(100) < 40
		organ := g.organs[r.IntN(len(g.organs))]
		cases.add(id, CourtCode, caseNo, typ, filed.Year, seq, cause, domain, plaintiff, kind, app.PlaintiffKey(plaintiff), organ,
			filed.String(), judge, linkage, partner, cross, region, ws, fast, simplified, penaltyBefore, penaltyAfter,
			status, deadline.String(), closedOn, method, result, corrected, days, nil, 1, g.creator, g.now, g.now)
		if g.counts != nil {
			// The case as a recount reads it back.
			fc := app.FigureCase{Court: CourtCode, FiledOn: filed, ClosedOn: closedDate, Status: status, CaseType: typ,
				OrganID: organ, JudgeID: judge, Domain: domain, Cause: cause, CloseMethod: method, JudgmentResult: result,
				OrganCorrected: corrected, DeadlineOn: deadline, FastTrack: fast}
			if d, ok := days.(int); ok {
				fc.DaysToClose = sql.NullInt64{Int64: int64(d), Valid: true}
			}
			if pb, ok := penaltyBefore.(int64); ok {
				fc.PenaltyBefore = sql.NullInt64{Int64: pb, Valid: true}
			}
			if pa, ok := penaltyAfter.(int64); ok {
				fc.PenaltyAfter = sql.NullInt64{Int64: pa, Valid: true}
			}
			g.counts.Add(app.CountedCase{FigureCase: fc, PlaintiffName: plaintiff, Year: filed.Year, Seq: seq})
		}
		g.hearingAndAppeal(hearings, appeals, id, typ, filed, closedOn, method, result, judge, caseDimensions{organ, domain, cause})
		if len(g.mediators) > 0 && r.IntN(5) == 0 {
			mediators.add(id, g.mediators[r.IntN(len(g.mediators))])
		}
		if status == "mediating" || method == "mediation" || method == "withdrawal" || (typ == app.PreLitigationType) || r.IntN(6) == 0 {
			held := filed.AddDays(r.IntN(max(1, min(age, 40))))
			mode := weighted(r, []string{"onsite", "online", "joint", "cross_region"}, []int{50, 20, 22, 8})
			res := "continuing"
			if method == "mediation" {
				res = "success"
			} else if status == "closed" {
				res = "failed"
			}
			mediations.add(CourtCode, id, held.String(), mode, "清新区人民法院调解室", "原告、被告机关负责人", res, "", "", judge, g.now)
		}
		if method == "mediation" && r.IntN(3) == 0 {
			due := filed.AddDays(60 + r.IntN(200))
			var fulfilled any
			if due.Before(g.today) && r.IntN(4) != 0 {
				fulfilled = due.AddDays(-r.IntN(20)).String()
			}
			commitments.add(CourtCode, id, weighted(r, []string{"restore", "permit", "instalment", "other"}, []int{4, 3, 3, 1}),
				due.String(), int64(r.IntN(50000))*100, "", fulfilled, judge, g.now, status, closedOn, method, typ, organ, judge, domain, cause)
		}
		if r.IntN(50) == 0 {
			g.letter(letters, id, filed, judge)
		}
		if r.IntN(200) == 0 {
			held := filed.AddDays(r.IntN(30))
			circuits.add(CourtCode, held.String(), "巡回审判点", region, cross, judge, 20+r.IntN(200), "", judge, g.now)
		}
		if r.IntN(100) == 0 {
			inspections.add(CourtCode, id, filed.AddDays(3+r.IntN(30)).String(), "案涉林地现场", "现场与卫星图斑位置一致", judge, g.now)
		}
		if len(g.workstations) > 0 && r.IntN(100) == 0 {
			services.add(CourtCode, g.workstations[r.IntN(len(g.workstations))],
				weighted(r, []string{"consultation", "circuit_hearing", "publicity", "mediation"}, []int{4, 1, 3, 2}),
				filed.String(), 1+r.IntN(150), "", judge, g.now)
		}
	}
}

// hearingAndAppeal adds, in proportion, the hearing of a litigation case
// (most judgments, some other closings and open cases), with the organ's
// appearance when it was held, and the appeal of a first-instance judgment
// with its second-instance result when decided.
// caseDimensions are the values of a case its hearings, appeals and commitments carry (migrations 00111, 00210, 00211), besides its type and judge.
type caseDimensions struct {
	organ         int64
	domain, cause string
}

func (g *generator) hearingAndAppeal(hearings, appeals *rows, id int64, typ string, filed app.Date, closedOn any, method, result string, judge int64, dims caseDimensions) {
	r := g.r
	if typ == app.PreLitigationType || typ == "行审" {
		return
	}
	last := g.today.AddDays(30)
	if c, ok := closedOn.(string); ok {
		last = app.MustDate(c)
	}
	if (method == "judgment" || r.IntN(100) < 35) && last.DaysSince(filed) > 2 {
		day := filed.AddDays(1 + r.IntN(last.DaysSince(filed)-1))
		start := day.String() + []string{"T09:00", "T14:30"}[r.IntN(2)]
		end := start[:11] + "11:00"
		if start[11:] == "14:30" {
			end = start[:11] + "16:30"
		}
		room := []string{"第一法庭", "第二法庭", "第三法庭"}[r.IntN(3)]
		var held any
		notified, appeared, spoke := r.IntN(100) < 85, false, false
		name, post, rank, absence := "", "", "", ""
		if !day.After(g.today) {
			held = day.String()
			appeared = notified && r.IntN(100) < 65 || !notified && r.IntN(100) < 10
			if appeared {
				spoke = r.IntN(100) < 75
				rank = weighted(r, []string{"principal", "deputy"}, []int{35, 65})
				name, post = "王"+[]string{"建华", "志强", "国平"}[r.IntN(3)], map[string]string{"principal": "局长", "deputy": "副局长"}[rank]
			} else if notified {
				absence = "公务冲突"
			}
		}
		hearings.add(CourtCode, id, judge, start, end, room, held, notified, appeared, name, post, rank, spoke, "法制股工作人员", absence, 1, judge, g.now, g.now,
			typ, dims.organ, judge, dims.domain, dims.cause)
	}
	c, closed := closedOn.(string)
	if !closed || method != "judgment" || !app.IsFirstInstance(typ) || r.IntN(100) >= 30 {
		return
	}
	filedOn := app.MustDate(c).AddDays(10)
	if filedOn.After(g.today) {
		return
	}
	g.appealSeq++
	var res, decided any
	if d := filedOn.AddDays(60 + r.IntN(60)); !d.After(g.today) {
		res, decided = weighted(r, []string{"upheld", "altered", "remanded", "withdrawn"}, []int{70, 9, 7, 14}), d.String()
	} else {
		res = ""
	}
	appellant := "plaintiff"
	if app.OrganLost(typ, method, result) {
		appellant = "organ"
	}
	appeals.add(CourtCode, id, filedOn.String(), appellant, fmt.Sprintf("（%d）粤18行终%d号", filedOn.Year, g.appealSeq), res, decided, judge, g.now, g.now,
		"closed", c, typ, dims.organ, judge, dims.domain, dims.cause)
}

func (g *generator) plaintiff() (string, string) {
	r := g.r
	if r.IntN(3) == 0 {
		return genFirms[r.IntN(len(genFirms))], "enterprise"
	}
	return string(genSurnames[r.IntN(len(genSurnames))]) + genGiven[r.IntN(len(genGiven))], "individual"
}

var letterCodes = map[string]string{"pre_judgment": "行建前", "coordination": "行协建", "judicial": "司建"}

func (g *generator) letter(rs *rows, caseID int64, filed app.Date, judge int64) {
	r := g.r
	kind := weighted(r, []string{"pre_judgment", "coordination", "judicial"}, []int{5, 2, 3})
	issued := filed.AddDays(10 + r.IntN(60))
	if !issued.Before(g.today) {
		rs.add(CourtCode, kind, nil, nil, nil, caseID, g.organs[r.IntN(len(g.organs))], "执法程序存在瑕疵", "完善执法程序", "draft",
			judge, nil, nil, nil, nil, nil, nil, "", 1, g.now, g.now)
		return
	}
	k := seqKey{kind, issued.Year}
	g.letterSeq[k]++
	seq := g.letterSeq[k]
	no := fmt.Sprintf("（%d）%s%s%d号", issued.Year, CourtCode, letterCodes[kind], seq)
	due := issued.AddDays(30)
	status := "issued"
	var replied, adopted any
	// Most organs reply, a few late; a reply never lies in the future.
	if on := issued.AddDays(5 + r.IntN(40)); r.IntN(6) != 0 && !on.After(g.today) {
		status = "replied"
		replied = on.String()
		adopted = r.IntN(5) != 0
	}
	rs.add(CourtCode, kind, issued.Year, seq, no, caseID, g.organs[r.IntN(len(g.organs))], "执法程序存在瑕疵", "完善执法程序", status,
		judge, judge, issued.String(), issued.String(), due.String(), replied, adopted, "", 1, g.now, g.now)
}

// dropSQLiteIndexes drops the secondary indexes of tables and returns the
// statements that create them again.
func dropSQLiteIndexes(ctx context.Context, s *app.Store, tables []string) ([]string, error) {
	var idx []struct {
		Name string
		SQL  string `gorm:"column:sql"`
	}
	err := s.DB.WithContext(ctx).Raw("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ? ORDER BY name", tables).Scan(&idx).Error
	if err != nil {
		return nil, err
	}
	var create []string
	for _, i := range idx {
		if err := s.DB.WithContext(ctx).Exec("DROP INDEX " + i.Name).Error; err != nil {
			for _, c := range create {
				s.DB.WithContext(context.WithoutCancel(ctx)).Exec(c)
			}
			return nil, err
		}
		create = append(create, i.SQL)
	}
	return create, nil
}

// rows accumulates values for multi-row INSERTs into one table.
type rows struct {
	table, cols string
	ncol        int
	vals        []any
	n           int
}

func newRows(table, cols string) *rows {
	return &rows{table: table, cols: cols, ncol: len(strings.Split(cols, ","))}
}

func (r *rows) add(v ...any) {
	if len(v) != r.ncol {
		panic(fmt.Sprintf("gen: %s takes %d values, got %d", r.table, r.ncol, len(v)))
	}
	r.vals = append(r.vals, v...)
	r.n++
}

// reset empties the rows, keeping their memory.
func (r *rows) reset() {
	clear(r.vals)
	r.vals, r.n = r.vals[:0], 0
}
