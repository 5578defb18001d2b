package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"gorm.io/gorm"

	"fuyuan/app"
)

// GenOptions says how many synthetic cases to generate and how to report progress.
type GenOptions struct {
	Cases    int
	Batch    int                   // rows per transaction (default 10,000)
	Progress func(done, total int) // called after each batch; may be nil
}

// Generate fills the database with n realistic synthetic cases of the demo
// court 粤1803 spread over the three years up to today, with proportional
// mediations, closings, commitments, letters, circuit hearings, inspections
// and workstation services. It writes with multi-row INSERTs in batched
// transactions (no audit entries: this is load-test data, not court work).
// The demo court and its accounts are created first when missing.
func Generate(ctx context.Context, s *app.Store, opt GenOptions) (err error) {
	if opt.Batch <= 0 {
		opt.Batch = 10000
	}
	g, err := newGenerator(ctx, s, opt)
	if err != nil {
		return err
	}
	if s.Dialect == app.SQLite {
		// Writing a million rows through a dozen indexes is slow in SQLite;
		// dropping the secondary indexes and building them again afterwards
		// (one sort each) is several times faster.
		restore, err := dropSQLiteIndexes(ctx, s, genTables)
		if err != nil {
			return err
		}
		defer func() {
			if rerr := restore(); rerr != nil && err == nil {
				err = rerr
			}
		}()
	}
	for done := 0; done < opt.Cases; {
		n := min(opt.Batch, opt.Cases-done)
		if err := s.Tx(ctx, func(tx *gorm.DB) error {
			if s.Dialect == app.SQLite {
				// A large page cache: the indexes of a million cases are written all over.
				if err := tx.Exec("PRAGMA cache_size = -524288").Error; err != nil {
					return err
				}
			}
			return g.batch(tx, n)
		}); err != nil {
			return err
		}
		done += n
		if opt.Progress != nil {
			opt.Progress(done, opt.Cases)
		}
	}
	return s.Tx(ctx, func(tx *gorm.DB) error {
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
}

type seqKey struct {
	typ  string
	year int
}

type generator struct {
	s            *app.Store
	opt          GenOptions
	deadline     func(caseType string, filed app.Date, simplified bool) app.Date
	r            *rand.Rand
	today        app.Date
	start        app.Date
	days         int
	judges       []int64
	mediators    []int64
	creator      int64
	organs       []int64
	workstations []int64
	seq          map[seqKey]int
	letterSeq    map[seqKey]int
	now          time.Time
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
	g := &generator{s: s, opt: opt, r: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9)),
		today: s.Clock.Today(), seq: map[seqKey]int{}, letterSeq: map[seqKey]int{}, now: s.Clock.Now().UTC()}
	g.start = app.NewDate(g.today.Year-2, 1, 1)
	g.days = g.today.DaysSince(g.start) + 1
	db := s.DB.WithContext(ctx)
	var err error
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
	if g.deadline, err = s.DeadlineFunc(ctx, CourtCode); err != nil {
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

// batch writes n cases and their related records.
func (g *generator) batch(tx *gorm.DB, n int) error {
	var firstID int64
	if err := tx.Raw("SELECT COALESCE(MAX(id), 0) FROM cases").Scan(&firstID).Error; err != nil {
		return err
	}
	cases := newRows("cases", "id, court_code, case_no, case_type, year, seq, cause, domain, plaintiff_name, plaintiff_kind, organ_id, filed_on, judge_id, linkage, linkage_partner, cross_region, region, workstation_id, fast_track, simplified, penalty_before, penalty_after, status, deadline_on, closed_on, close_method, judgment_result, days_to_close, origin_case_id, version, created_by, created_at, updated_at")
	mediators := newRows("case_mediators", "case_id, user_id")
	mediations := newRows("mediations", "court_code, case_id, held_on, mode, location, participants, result, agreement, notes, created_by, created_at")
	commitments := newRows("commitments", "court_code, case_id, kind, due_on, amount, notes, fulfilled_on, created_by, created_at")
	letters := newRows("letters", "court_code, kind, year, seq, letter_no, case_id, organ_id, problems, suggestions, status, drafted_by, approved_by, approved_on, issued_on, reply_due_on, replied_on, adopted, measures, version, created_at, updated_at")
	circuits := newRows("circuits", "court_code, held_on, place, region, cross_region, judge_id, audience, notes, created_by, created_at")
	inspections := newRows("inspections", "court_code, case_id, held_on, place, findings, created_by, created_at")
	excluded := newRows("excluded_periods", "case_id, reason, start_on, end_on, notes, created_by, created_at")
	services := newRows("workstation_services", "court_code, workstation_id, kind, held_on, people, notes, created_by, created_at")
	r := g.r
	for i := 0; i < n; i++ {
		id := firstID + int64(i) + 1
		filed := g.start.AddDays(r.IntN(g.days))
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
		deadline := g.deadline(typ, filed, simplified)
		age := g.today.DaysSince(filed)
		status := "filed"
		var closedOn any
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
			closedOn = closed.String()
			days = d
			if typ == app.PreLitigationType {
				method = weighted(r, []string{"mediation", "failed"}, []int{80, 20})
			} else {
				method = weighted(r, genMethods, genMethodWeights)
			}
			if method == "judgment" {
				result = genResults[r.IntN(len(genResults))]
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
		cases.add(id, CourtCode, caseNo, typ, filed.Year, seq, cause, domain, plaintiff, kind, g.organs[r.IntN(len(g.organs))],
			filed.String(), judge, linkage, partner, cross, region, ws, fast, simplified, penaltyBefore, penaltyAfter,
			status, deadline.String(), closedOn, method, result, days, nil, 1, g.creator, g.now, g.now)
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
				due.String(), int64(r.IntN(50000))*100, "", fulfilled, judge, g.now)
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
	for _, rs := range []*rows{cases, mediators, excluded, mediations, commitments, letters, circuits, inspections, services} {
		if err := rs.flush(tx, g.s.Dialect); err != nil {
			return err
		}
	}
	return nil
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

// genTables are the tables the generator writes.
var genTables = []string{"cases", "case_mediators", "excluded_periods", "mediations", "commitments", "letters", "circuits", "inspections", "workstation_services"}

// dropSQLiteIndexes drops the secondary indexes of tables and returns the
// function that creates them again.
func dropSQLiteIndexes(ctx context.Context, s *app.Store, tables []string) (func() error, error) {
	var idx []struct {
		Name string
		SQL  string `gorm:"column:sql"`
	}
	err := s.DB.WithContext(ctx).Raw("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ?", tables).Scan(&idx).Error
	if err != nil {
		return nil, err
	}
	for _, i := range idx {
		if err := s.DB.WithContext(ctx).Exec("DROP INDEX " + i.Name).Error; err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, i := range idx {
			if err := s.DB.WithContext(context.WithoutCancel(ctx)).Exec(i.SQL).Error; err != nil {
				return fmt.Errorf("recreate index %s: %w", i.Name, err)
			}
		}
		return nil
	}, nil
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

// flush inserts the accumulated rows. MySQL gets multi-row INSERTs of 500
// rows to save round trips; SQLite gets one prepared single-row INSERT run
// per row, because the pure-Go driver binds parameters in quadratic time.
func (r *rows) flush(tx *gorm.DB, dialect string) error {
	ctx, pool := tx.Statement.Context, tx.Statement.ConnPool
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", r.ncol), ",") + ")"
	if dialect == app.SQLite {
		stmt, err := pool.PrepareContext(ctx, "INSERT INTO "+r.table+" ("+r.cols+") VALUES "+one)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i := 0; i < r.n; i++ {
			if _, err := stmt.ExecContext(ctx, r.vals[i*r.ncol:(i+1)*r.ncol]...); err != nil {
				return fmt.Errorf("insert %s: %w", r.table, err)
			}
		}
		r.vals, r.n = r.vals[:0], 0
		return nil
	}
	const per = 500
	for start := 0; start < r.n; start += per {
		end := min(r.n, start+per)
		q := "INSERT INTO " + r.table + " (" + r.cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(one+",", end-start), ",")
		// Straight to the connection: gorm's statement building is slow for thousands of values.
		if _, err := pool.ExecContext(ctx, q, r.vals[start*r.ncol:end*r.ncol]...); err != nil {
			return fmt.Errorf("insert %s: %w", r.table, err)
		}
	}
	r.vals, r.n = r.vals[:0], 0
	return nil
}
