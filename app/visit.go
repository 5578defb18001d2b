package app

import (
	"context"
	"sort"
	"strings"
	"time"
	"unicode"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"fuyuan/app/deadline"
	"fuyuan/app/form"
)

// Actually resolved (案结事了), domain.md: a dispute closed by mediation or
// withdrawal, or resolved before litigation, is followed up by two visits
// (回访) 3 and 6 months after its closing; a new case of the same plaintiff
// against the same organ within 12 months after the closing is a re-filing.

// ActionCaseVisit records a follow-up visit of a case (its judge or an assigned mediator).
const ActionCaseVisit Action = "case:visit"

// ResolvedMethods are the closing methods that resolve a dispute: litigation
// closed by mediation, withdrawal or deemed withdrawal, and a pre-litigation
// mediation closed as mediation (化解成功).
var ResolvedMethods = []string{"mediation", "withdrawal", "deemed_withdrawal"}

// IsResolution reports whether a closing by method resolved the dispute.
func IsResolution(method string) bool {
	for _, m := range ResolvedMethods {
		if m == method {
			return true
		}
	}
	return false
}

// ResolvedSQL is IsResolution as a condition on the cases table under alias t.
func ResolvedSQL(t string) string {
	return t + ".status = '" + StatusClosed + "' AND " + t + ".close_method IN " + ResolvedMethodsSQL()
}

// ResolvedMethodsSQL is ResolvedMethods as an SQL list: ('mediation', …).
func ResolvedMethodsSQL() string {
	return "('" + strings.Join(ResolvedMethods, "', '") + "')"
}

// VisitRounds are the months after the closing at which visits fall due.
var VisitRounds = []int{3, 6}

// RefilingMonths is how long after a resolution a new case of the same
// plaintiff against the same organ is a re-filing.
const RefilingMonths = 12

// VisitMethods and VisitOutcomes are how a visit was made and what it found.
var (
	VisitMethods  = Enum{"method", []Option{{"phone", "电话回访"}, {"onsite", "实地回访"}, {"letter", "信函回访"}}}
	VisitOutcomes = Enum{"outcome", []Option{{"resolved", "已化解"}, {"commitment_pending", "承诺尚未履行完毕"}, {"revived", "争议再起"}}}
)

// PlaintiffKey is a plaintiff's name as re-filings compare it: without
// spaces, full-width letters, digits and signs folded to half-width, Latin
// letters in lower case (“清远市 绿源（集团）” and “清远市绿源(集团)” are one).
func PlaintiffKey(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == '\u3000' || unicode.IsSpace(r):
			continue
		case r >= '\uFF01' && r <= '\uFF5E':
			r -= 0xFEE0
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// VisitDue is the day a visit falls due months after a closing, counted like
// a time limit (deadline package): the same day of the month (or the month's
// last day), moved to the next working day of the court's calendar.
func VisitDue(cal *deadline.Calendar, closed Date, months int) Date {
	return Date(cal.NextWorkingDay(deadline.Limit{Months: months}.End(deadline.Date(closed))))
}

// Visit is a follow-up visit (回访) of a resolved case.
type Visit struct {
	ID          int64      `json:"id" gorm:"primaryKey"`
	CourtCode   string     `json:"-"`
	CaseID      int64      `json:"case_id"`
	CaseNo      string     `json:"case_no" gorm:"->"`
	Round       int        `json:"round" gorm:"column:months"`
	DueOn       Date       `json:"due_on"`
	VisitedOn   Date       `json:"visited_on"`
	VisitedBy   *int64     `json:"visited_by"`
	VisitorName string     `json:"visitor_name" gorm:"->"`
	Method      string     `json:"method"`
	Outcome     string     `json:"outcome"`
	Notes       string     `json:"notes"`
	JudgeID     *int64     `json:"judge_id" gorm:"->"`
	JudgeName   string     `json:"judge_name" gorm:"->"`
	Plaintiff   string     `json:"plaintiff" gorm:"->"`
	ClosedOn    Date       `json:"closed_on" gorm:"->"`
	Overdue     bool       `json:"overdue" gorm:"-"`
	CreatedAt   time.Time  `json:"created_at"`
	RecordedAt  *time.Time `json:"recorded_at"`
}

// TableName is the visits table.
func (Visit) TableName() string { return "visits" }

// Done reports whether the visit was recorded.
func (v Visit) Done() bool { return !v.VisitedOn.IsZero() }

func (v *Visit) see(today Date) { v.Overdue = !v.Done() && v.DueOn.Before(today) }

// VisitInput is the body of POST /visits/:id.
type VisitInput struct {
	VisitedOn Date   `json:"visited_on"`
	Method    string `json:"method"`
	Outcome   string `json:"outcome"`
	Notes     string `json:"notes"`
}

// resolvedCase is a case resolved (IsResolution) on Closed.
type resolvedCase struct {
	ID     int64
	Closed Date
}

// scheduleVisitsTx creates the visits of cases of court just resolved
// (none twice: the unique key case_id + months keeps what exists), in one
// statement for a few hundred.
func (s *Store) scheduleVisitsTx(tx *gorm.DB, court string, cases ...resolvedCase) error {
	if len(cases) == 0 {
		return nil
	}
	last := VisitRounds[len(VisitRounds)-1]
	from, to := cases[0].Closed, cases[0].Closed
	for _, c := range cases {
		if c.Closed.Before(from) {
			from = c.Closed
		}
		if to.Before(c.Closed) {
			to = c.Closed
		}
	}
	cal, err := s.courtCalendarTx(tx, court, from, to.AddMonths(last))
	if err != nil {
		return err
	}
	now := s.Clock.Now().UTC()
	vs := make([]Visit, 0, len(cases)*len(VisitRounds))
	for _, c := range cases {
		vs = append(vs, visitsOf(cal, court, c.ID, c.Closed, now)...)
	}
	return tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(vs, 500).Error
}

// visitsOf are the visits of a case of court resolved on closed.
func visitsOf(cal *deadline.Calendar, court string, caseID int64, closed Date, now time.Time) []Visit {
	vs := make([]Visit, 0, len(VisitRounds))
	for _, m := range VisitRounds {
		vs = append(vs, Visit{CourtCode: court, CaseID: caseID, Round: m, DueOn: VisitDue(cal, closed, m), CreatedAt: now})
	}
	return vs
}

// visitFrom is the FROM clause of a visit with its case, judge and visitor.
func visitFrom(db *gorm.DB) *gorm.DB {
	return db.Table("visits v").
		Joins("JOIN cases c ON c.id = v.case_id").
		Joins("LEFT JOIN users j ON j.id = c.judge_id").
		Joins("LEFT JOIN users vu ON vu.id = v.visited_by").
		Select("v.*, c.case_no, c.judge_id, j.name AS judge_name, vu.name AS visitor_name, c.plaintiff_name AS plaintiff, c.closed_on")
}

// RecordVisit records a follow-up visit: by the case's judge or an assigned
// mediator (case:visit on the locked case), on a day from the closing to
// today, with a method and an outcome of the lists; twice is a conflict.
func (s *Store) RecordVisit(ctx context.Context, a Actor, id int64, in VisitInput) (Visit, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (Visit, error) { return s.RecordVisitTx(tx, a, id, in) })
}

// RecordVisitTx is RecordVisit inside tx.
func (s *Store) RecordVisitTx(tx *gorm.DB, a Actor, id int64, in VisitInput) (Visit, error) {
	v, err := take[Visit](tx.Table("visits").Where("id = ? AND court_code = ?", id, a.Court), "回访")
	if err != nil {
		return v, err
	}
	r, err := s.lockCaseForTx(tx, a, v.CaseID, ActionCaseVisit)
	if err != nil {
		return v, err
	}
	if v.Done() {
		return v, Conflict("该次回访已于 %s 登记", v.VisitedOn)
	}
	p := Problems{}
	s.checkEventDay(p, "visited_on", "回访日期", in.VisitedOn, r.ClosedOn)
	method := parseEnumField(p, "method", VisitMethods, in.Method, "回访方式应为电话回访、实地回访或信函回访")
	outcome := parseEnumField(p, "outcome", VisitOutcomes, in.Outcome, "回访结果应为已化解、承诺尚未履行完毕或争议再起")
	notes := form.Text(p, "notes", in.Notes, "回访情况", 2000)
	if err := p.Err(); err != nil {
		return v, err
	}
	before := v
	now := s.Clock.Now().UTC()
	res := tx.Table("visits").Where("id = ? AND visited_on IS NULL", id).Updates(map[string]any{
		"visited_on": in.VisitedOn, "visited_by": a.UserID, "method": method, "outcome": outcome, "notes": notes, "recorded_at": now,
	})
	if err := changedOne(res, Conflict("该次回访已登记")); err != nil {
		return v, err
	}
	uid := a.UserID
	v.VisitedOn, v.VisitedBy, v.Method, v.Outcome, v.Notes, v.RecordedAt = in.VisitedOn, &uid, method, outcome, notes, &now
	v.CaseNo, v.VisitorName, v.ClosedOn = r.CaseNo, a.Name, r.ClosedOn
	v.see(s.Clock.Today())
	return v, s.Audit(tx, a, "case.visit", "case", v.CaseID, map[string]any{"visit": before}, map[string]any{"visit": v})
}

// GetVisit returns a visit of the actor's court with its case number.
func (s *Store) GetVisit(ctx context.Context, a Actor, id int64) (Visit, error) {
	v, err := take[Visit](visitFrom(s.DB.WithContext(ctx)).Where("v.id = ? AND v.court_code = ?", id, a.Court), "回访")
	v.see(s.Clock.Today())
	return v, s.Err(err)
}

// VisitsOfCase lists the visits of a case of the actor's court, by round.
func (s *Store) VisitsOfCase(ctx context.Context, a Actor, caseID int64) ([]Visit, error) {
	items := []Visit{}
	err := visitFrom(s.DB.WithContext(ctx)).Where("v.case_id = ? AND v.court_code = ?", caseID, a.Court).Order("v.months").Find(&items).Error
	today := s.Clock.Today()
	for i := range items {
		items[i].see(today)
	}
	return items, s.Err(err)
}

// Visit statuses of GET /visits.
const (
	VisitStatusDue     = "due"     // not recorded, due today or later
	VisitStatusOverdue = "overdue" // not recorded, due before today
	VisitStatusDone    = "done"    // recorded
)

// VisitFilter selects visits: by status (VisitStatusDue, VisitStatusOverdue, VisitStatusDone
// or "" for all), by due day from–to (either may be zero) and by judge.
type VisitFilter struct {
	Status   string
	From, To Date
	JudgeID  int64
	Open     bool // only the visits not yet recorded
}

// ParseVisitStatus checks a status of GET /visits ("" is every visit).
func ParseVisitStatus(p Problems, v string) string {
	switch v = strings.TrimSpace(v); v {
	case "", VisitStatusDue, VisitStatusOverdue, VisitStatusDone:
		return v
	}
	p.Add("status", "状态应为 due（待回访）、overdue（逾期未回访）或 done（已回访）")
	return ""
}

// whereVisits applies the filter to a query of visitFrom on today.
func whereVisits(q *gorm.DB, vis Visibility, f VisitFilter, today Date) *gorm.DB {
	q = vis.Apply(q.Where("v.court_code = ?", vis.Court), CaseColumns("c"))
	switch f.Status {
	case VisitStatusDue:
		q = q.Where("v.visited_on IS NULL AND v.due_on >= ?", today)
	case VisitStatusOverdue:
		q = q.Where("v.visited_on IS NULL AND v.due_on < ?", today)
	case VisitStatusDone:
		q = q.Where("v.visited_on IS NOT NULL")
	}
	q = withinDates(q, "v.due_on", f.From, f.To)
	if f.JudgeID > 0 {
		q = q.Where("c.judge_id = ?", f.JudgeID)
	}
	if f.Open {
		q = q.Where("v.visited_on IS NULL")
	}
	return q
}

// ListVisits lists the visits the visibility sees that match the filter: the
// open ones by due day, the recorded ones latest first.
func (s *Store) ListVisits(ctx context.Context, vis Visibility, f VisitFilter, pg Page) (List[Visit], error) {
	out := List[Visit]{Items: []Visit{}}
	today := s.Clock.Today()
	db := s.DB.WithContext(ctx)
	if err := whereVisits(db.Table("visits v").Joins("JOIN cases c ON c.id = v.case_id"), vis, f, today).Count(&out.Total).Error; err != nil {
		return out, s.Err(err)
	}
	order := "v.due_on, v.id"
	if f.Status == VisitStatusDone {
		order = "v.visited_on DESC, v.id DESC"
	}
	q := whereVisits(visitFrom(db), vis, f, today).Order(order)
	if pg.Size > 0 {
		q = q.Offset(pg.Offset()).Limit(pg.Size)
	}
	if err := q.Find(&out.Items).Error; err != nil {
		return out, s.Err(err)
	}
	for i := range out.Items {
		out.Items[i].see(today)
	}
	return out, nil
}

// JudgeVisits are the open visits of one judge's cases: due within the
// coming 30 days and overdue.
type JudgeVisits struct {
	JudgeID   int64  `json:"judge_id"`
	JudgeName string `json:"judge_name"`
	DueSoon   int64  `json:"due_soon"`
	Overdue   int64  `json:"overdue"`
}

// VisitsByJudge counts the open visits the visibility sees per judge: due in
// the coming 30 days and overdue (the chief's view of who is behind).
func (s *Store) VisitsByJudge(ctx context.Context, vis Visibility) ([]JudgeVisits, error) {
	today := s.Clock.Today()
	items := []JudgeVisits{}
	q := s.DB.WithContext(ctx).Table("visits v").Joins("JOIN cases c ON c.id = v.case_id").Joins("LEFT JOIN users j ON j.id = c.judge_id").
		Select(`COALESCE(c.judge_id, 0) AS judge_id, COALESCE(MAX(j.name), '') AS judge_name,
			SUM(CASE WHEN v.due_on >= ? AND v.due_on <= ? THEN 1 ELSE 0 END) AS due_soon,
			SUM(CASE WHEN v.due_on < ? THEN 1 ELSE 0 END) AS overdue`, today, today.AddDays(30), today).
		Where("v.court_code = ? AND v.visited_on IS NULL AND v.due_on <= ?", vis.Court, today.AddDays(30))
	err := vis.Apply(q, CaseColumns("c")).Group("COALESCE(c.judge_id, 0)").Order("overdue DESC, due_soon DESC, judge_id").Scan(&items).Error
	return items, s.Err(err)
}

// CaseLink is a case another case links to (a re-filing or what it re-files).
type CaseLink struct {
	ID       int64  `json:"id"`
	CaseNo   string `json:"case_no"`
	FiledOn  Date   `json:"filed_on"`
	ClosedOn Date   `json:"closed_on"`
}

// Refilings returns the re-filings of a case (new cases of its plaintiff
// against its organ within 12 months after it was resolved) and the resolved
// cases it re-files, those the visibility sees.
func (s *Store) Refilings(ctx context.Context, vis Visibility, caseID int64) (refilings, refilingOf []CaseLink, err error) {
	db := s.DB.WithContext(ctx)
	refilings, refilingOf = []CaseLink{}, []CaseLink{}
	q := db.Table("case_refilings r").Joins("JOIN cases c ON c.id = r.refiling_id").
		Select("c.id, c.case_no, c.filed_on, c.closed_on").Where("r.case_id = ? AND r.court_code = ?", caseID, vis.Court)
	if err = vis.Apply(q, CaseColumns("c")).Order("c.filed_on, c.id").Scan(&refilings).Error; err != nil {
		return nil, nil, s.Err(err)
	}
	q = db.Table("case_refilings r").Joins("JOIN cases c ON c.id = r.case_id").
		Select("c.id, c.case_no, c.filed_on, c.closed_on").Where("r.refiling_id = ? AND r.court_code = ?", caseID, vis.Court)
	err = vis.Apply(q, CaseColumns("c")).Order("c.closed_on, c.id").Scan(&refilingOf).Error
	return refilings, refilingOf, s.Err(err)
}

// linkRefilingsTx links cases just filed, in the order they were filed, to
// the resolved cases of their plaintiff against their organ closed within
// 12 months before each was filed: of recs, a case re-files only those
// before it. The resolved cases are read from the index of plaintiff keys
// alone (its columns are all the query needs), one range of it per
// plaintiff and organ.
func (s *Store) linkRefilingsTx(tx *gorm.DB, recs ...caseRecord) error {
	type pair struct {
		key   string
		organ int64
	}
	type window struct{ from, to Date }
	var pairs []pair
	windows := map[pair]window{}
	pos := map[int64]int{}
	for n, rec := range recs {
		pos[rec.ID] = n
		if rec.PlaintiffKey == "" {
			continue
		}
		p := pair{rec.PlaintiffKey, rec.OrganID}
		w := window{rec.FiledOn.AddMonths(-RefilingMonths).AddDays(-1), rec.FiledOn}
		if old, ok := windows[p]; !ok {
			pairs = append(pairs, p)
		} else {
			if old.from.Before(w.from) {
				w.from = old.from
			}
			if w.to.Before(old.to) {
				w.to = old.to
			}
		}
		windows[p] = w
	}
	if len(pairs) == 0 {
		return nil
	}
	type resolved struct {
		ID           int64
		ClosedOn     Date
		PlaintiffKey string
		OrganID      int64
	}
	// A SELECT per plaintiff and organ, a UNION ALL of 200 at most (SQLite
	// takes 500): an OR of them is planned as a range of closing days.
	// MariaDB chooses the index of plaintiff keys for each SELECT, but only
	// after estimating a range in each of the two dozen indexes that begin
	// with the court's code: three quarters of the statement's time, and
	// the import's largest statement time (docs/benchmarks.md); the index
	// is named for it.
	from := s.ForcedIndex("cases c", "cases_court_plaintiff_key")
	one := "SELECT c.id, c.closed_on, c.plaintiff_key, c.organ_id FROM " + from + " WHERE c.court_code = ? AND c.plaintiff_key = ? AND c.organ_id = ?" +
		" AND c.closed_on >= ? AND c.closed_on <= ? AND " + ResolvedSQL("c")
	var found []resolved
	for len(pairs) > 0 {
		part := pairs[:min(200, len(pairs))]
		pairs = pairs[len(part):]
		var args []any
		for _, p := range part {
			args = append(args, recs[0].CourtCode, p.key, p.organ, windows[p].from, windows[p].to)
		}
		var got []resolved
		if err := tx.Raw(strings.TrimSuffix(strings.Repeat(one+" UNION ALL ", len(part)), " UNION ALL "), args...).Scan(&got).Error; err != nil {
			return err
		}
		found = append(found, got...)
	}
	// In the order the cases were closed, as each case's links were made.
	sort.Slice(found, func(i, j int) bool {
		if found[i].ClosedOn != found[j].ClosedOn {
			return found[i].ClosedOn.Before(found[j].ClosedOn)
		}
		return found[i].ID < found[j].ID
	})
	byPair := map[pair][]resolved{}
	for _, o := range found {
		p := pair{o.PlaintiffKey, o.OrganID}
		byPair[p] = append(byPair[p], o)
	}
	now := s.Clock.Now().UTC()
	var links []caseRefiling
	for n, rec := range recs {
		for _, o := range byPair[pair{rec.PlaintiffKey, rec.OrganID}] {
			if o.ID == rec.ID || !IsRefiling(o.ClosedOn, rec.FiledOn) {
				continue
			}
			if at, ours := pos[o.ID]; ours && at > n {
				continue // filed after rec
			}
			links = append(links, caseRefiling{CaseID: o.ID, RefilingID: rec.ID, CourtCode: rec.CourtCode, RefiledOn: rec.FiledOn, CreatedAt: now})
		}
	}
	if len(links) == 0 {
		return nil
	}
	return tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(&links, 200).Error
}

// IsRefiling reports whether a case filed on filed re-files a dispute
// resolved on closed: filed on or after the closing and within 12 months of it.
func IsRefiling(closed, filed Date) bool {
	return !filed.Before(closed) && !filed.After(closed.AddMonths(RefilingMonths))
}

// caseRefiling is a row of case_refilings: refiling_id re-files case_id.
type caseRefiling struct {
	CaseID     int64 `gorm:"primaryKey;autoIncrement:false"`
	RefilingID int64 `gorm:"primaryKey;autoIncrement:false"`
	CourtCode  string
	RefiledOn  Date
	CreatedAt  time.Time
}

func (caseRefiling) TableName() string { return "case_refilings" }

// Reconciled is what ReconcileResolutions did.
type Reconciled struct {
	Keys      int // cases whose plaintiff key was filled in
	Visits    int // visits created
	Refilings int // re-filings linked
}

// ReconcileResolutions brings the register as it stands in line with the
// rules of "actually resolved" (`fuyuan visits`): it fills in the plaintiff
// keys of cases written without the store (bulk loads, cases older than the
// keys), creates the visits of every resolution that lacks them and links
// every re-filing not yet linked. Running it twice creates nothing the
// second time (visits are unique per case and round, links per pair).
func (s *Store) ReconcileResolutions(ctx context.Context) (Reconciled, error) {
	var out Reconciled
	db := s.DB.WithContext(ctx)
	const batch = 1000
	// Plaintiff keys.
	for last := int64(0); ; {
		var rows []struct {
			ID            int64
			PlaintiffName string
		}
		if err := db.Table("cases").Select("id, plaintiff_name").Where("id > ? AND plaintiff_key = ''", last).
			Order("id").Limit(batch).Scan(&rows).Error; err != nil {
			return out, s.Err(err)
		}
		if len(rows) == 0 {
			break
		}
		err := s.Tx(ctx, func(tx *gorm.DB) error {
			for _, r := range rows {
				if k := PlaintiffKey(r.PlaintiffName); k != "" {
					if err := tx.Table("cases").Where("id = ?", r.ID).UpdateColumn("plaintiff_key", k).Error; err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return out, err
		}
		out.Keys += len(rows)
		last = rows[len(rows)-1].ID
	}
	// Visits of resolutions that lack one.
	cals := map[string]*deadline.Calendar{}
	for last := int64(0); ; {
		var rows []struct {
			ID        int64
			CourtCode string
			ClosedOn  Date
		}
		if err := db.Table("cases c").Select("c.id, c.court_code, c.closed_on").
			Where("c.id > ? AND "+ResolvedSQL("c")+" AND (SELECT COUNT(*) FROM visits v WHERE v.case_id = c.id) < ?", last, len(VisitRounds)).
			Order("c.id").Limit(batch).Scan(&rows).Error; err != nil {
			return out, s.Err(err)
		}
		if len(rows) == 0 {
			break
		}
		now := s.Clock.Now().UTC()
		var vs []Visit
		for _, r := range rows {
			cal, ok := cals[r.CourtCode]
			if !ok {
				var err error
				if cal, err = s.courtCalendarTx(db, r.CourtCode, Date{}, Date{}); err != nil {
					return out, s.Err(err)
				}
				cals[r.CourtCode] = cal
			}
			vs = append(vs, visitsOf(cal, r.CourtCode, r.ID, r.ClosedOn, now)...)
		}
		err := s.Tx(ctx, func(tx *gorm.DB) error {
			var before, after int64
			if err := tx.Table("visits").Count(&before).Error; err != nil {
				return err
			}
			if err := tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(vs, 500).Error; err != nil {
				return err
			}
			if err := tx.Table("visits").Count(&after).Error; err != nil {
				return err
			}
			out.Visits += int(after - before)
			return nil
		})
		if err != nil {
			return out, err
		}
		last = rows[len(rows)-1].ID
	}
	// Re-filings not yet linked: each resolved case looks up the later
	// cases of its plaintiff against its organ through the keys' index.
	for last := int64(0); ; {
		var rows []struct {
			OldID, NewID      int64
			CourtCode         string
			ClosedOn, FiledOn Date
		}
		err := db.Table("cases o").Joins("JOIN cases n ON n.court_code = o.court_code AND n.plaintiff_key = o.plaintiff_key AND n.organ_id = o.organ_id AND n.id <> o.id AND n.filed_on >= o.closed_on").
			Select("o.id AS old_id, n.id AS new_id, o.court_code, o.closed_on, n.filed_on").
			Where("o.id > ? AND "+ResolvedSQL("o")+" AND o.plaintiff_key <> ''", last).
			Where("NOT EXISTS (SELECT 1 FROM case_refilings r WHERE r.case_id = o.id AND r.refiling_id = n.id)").
			Order("o.id, n.id").Limit(batch).Scan(&rows).Error
		if err != nil {
			return out, s.Err(err)
		}
		if len(rows) == 0 {
			break
		}
		now := s.Clock.Now().UTC()
		var links []caseRefiling
		for _, r := range rows {
			if IsRefiling(r.ClosedOn, r.FiledOn) {
				links = append(links, caseRefiling{CaseID: r.OldID, RefilingID: r.NewID, CourtCode: r.CourtCode, RefiledOn: r.FiledOn, CreatedAt: now})
			}
		}
		if len(links) > 0 {
			if err := s.Tx(ctx, func(tx *gorm.DB) error {
				return tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(links, 500).Error
			}); err != nil {
				return out, err
			}
			out.Refilings += len(links)
		}
		// The next batch starts after the last old case seen whole: the
		// batch may end in the middle of one case's later cases.
		next := rows[len(rows)-1].OldID
		if len(rows) == batch && next != rows[0].OldID {
			next = prevOld(rows[len(rows)-1].OldID, func(i int) int64 { return rows[i].OldID }, len(rows))
		}
		last = next
	}
	return out, nil
}

// prevOld is the last old case id of a batch before its final one (whose
// later cases may continue in the next batch).
func prevOld(final int64, at func(int) int64, n int) int64 {
	for i := n - 1; i >= 0; i-- {
		if at(i) != final {
			return at(i)
		}
	}
	return final
}
