// Package reportstest inserts the records the statistics count straight into
// the tables (every NOT NULL column filled), so that tests of figures and
// reports can script a court's year without going through the services.
package reportstest

import (
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"fuyuan/app"
)

// Fixture inserts records of one court.
type Fixture struct {
	T      testing.TB
	S      *app.Store
	Court  string
	Organ  int64 // default defendant and addressee
	Judge  int64 // default judge, drafter and recorder
	seq    map[string]int
	nextWS int
	cases  int
	tx     *gorm.DB // set inside InTx
}

// recount brings case_counts up to the cases written here without the store.
func (f *Fixture) recount() {
	f.T.Helper()
	if err := app.RecountCasesTx(f.db(), f.Court); err != nil {
		f.T.Fatal(err)
	}
}

// db is the open transaction of InTx, else the store's database.
func (f *Fixture) db() *gorm.DB {
	if f.tx != nil {
		return f.tx
	}
	return f.S.DB
}

// InTx runs fn with every insert of the fixture in one transaction (much
// faster on SQLite, above all under the race detector).
func (f *Fixture) InTx(fn func()) {
	f.T.Helper()
	err := f.S.DB.Transaction(func(tx *gorm.DB) error {
		f.tx = tx
		defer func() { f.tx = nil }()
		fn()
		return nil
	})
	if err != nil {
		f.T.Fatal(err)
	}
}

// New returns a fixture for court; organ and judge are the defaults of every record.
func New(t testing.TB, s *app.Store, court string, organ, judge int64) *Fixture {
	return &Fixture{T: t, S: s, Court: court, Organ: organ, Judge: judge, seq: map[string]int{}}
}

// Case is a case row; zero fields get defaults (行初, filed, 行政处罚 …).
type Case struct {
	Type          string
	CaseNo        string
	FiledOn       app.Date
	Status        string
	ClosedOn      app.Date
	Method        string
	Result        string
	Deadline      app.Date
	Plaintiff     string
	PlaintiffKind string
	Cause         string
	Domain        string
	Judge         int64
	Organ         int64
	Linkage       bool
	CrossRegion   bool
	FastTrack     bool
	PenaltyBefore *app.Money
	PenaltyAfter  *app.Money
}

// Yuan returns a pointer to an amount in yuan, for the penalty fields.
func Yuan(y int64) *app.Money { m := app.Money(y * 100); return &m }

func (f *Fixture) exec(q string, args ...any) int64 {
	f.T.Helper()
	res := f.db().Exec(q, args...)
	if res.Error != nil {
		f.T.Fatalf("fixture: %v\n%s", res.Error, q)
	}
	var id int64
	if err := f.db().Raw("SELECT MAX(id) FROM " + tableOf(q)).Scan(&id).Error; err != nil {
		f.T.Fatal(err)
	}
	return id
}

func tableOf(insert string) string {
	var table string
	fmt.Sscanf(insert, "INSERT INTO %s", &table)
	return table
}

func now() time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) }

// Case inserts a case and returns its id. A closed case gets closed_on,
// close_method and days_to_close; the number is the next free one of its type and year.
func (f *Fixture) Case(c Case) int64 {
	f.T.Helper()
	if c.Type == "" {
		c.Type = "行初"
	}
	if c.FiledOn.IsZero() {
		f.T.Fatal("fixture: a case needs FiledOn")
	}
	if c.Status == "" {
		c.Status = "filed"
		if !c.ClosedOn.IsZero() {
			c.Status = "closed"
		}
	}
	if c.Deadline.IsZero() {
		c.Deadline = c.FiledOn.AddMonths(6)
	}
	def := func(p *string, v string) {
		if *p == "" {
			*p = v
		}
	}
	f.cases++
	def(&c.Plaintiff, fmt.Sprintf("原告%d", f.cases))
	def(&c.PlaintiffKind, "individual")
	def(&c.Cause, "行政处罚")
	def(&c.Domain, "ecology")
	if c.Judge == 0 {
		c.Judge = f.Judge
	}
	if c.Organ == 0 {
		c.Organ = f.Organ
	}
	key := fmt.Sprintf("%s|%d", c.Type, c.FiledOn.Year)
	f.seq[key]++
	n := f.seq[key]
	if c.CaseNo == "" {
		c.CaseNo = fmt.Sprintf("（%d）%s%s%d号", c.FiledOn.Year, f.Court, c.Type, n)
	}
	var closed, days any
	if !c.ClosedOn.IsZero() {
		closed = c.ClosedOn
		days = c.ClosedOn.DaysSince(c.FiledOn)
	}
	var pb, pa any
	if c.PenaltyBefore != nil {
		pb = int64(*c.PenaltyBefore)
	}
	if c.PenaltyAfter != nil {
		pa = int64(*c.PenaltyAfter)
	}
	id := f.exec(`INSERT INTO cases (court_code, case_no, case_type, year, seq, cause, domain, plaintiff_name,
		plaintiff_kind, organ_id, filed_on, judge_id, linkage, linkage_partner, cross_region, region, fast_track,
		simplified, penalty_before, penalty_after, status, deadline_on, closed_on, close_method, judgment_result,
		days_to_close, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		f.Court, c.CaseNo, c.Type, c.FiledOn.Year, n, c.Cause, c.Domain, c.Plaintiff,
		c.PlaintiffKind, c.Organ, c.FiledOn, c.Judge, c.Linkage, linkagePartner(c.Linkage), c.CrossRegion, "", c.FastTrack,
		pb, pa, c.Status, c.Deadline, closed, c.Method, c.Result,
		days, now(), now())
	f.recount()
	return id
}

func linkagePartner(linkage bool) string {
	if linkage {
		return "司法局"
	}
	return ""
}

// Mediation inserts a mediation record of a case.
func (f *Fixture) Mediation(caseID int64, heldOn app.Date, mode, result string) int64 {
	f.T.Helper()
	return f.exec(`INSERT INTO mediations (court_code, case_id, held_on, mode, location, participants, result,
		agreement, notes, created_by, created_at) VALUES (?, ?, ?, ?, '', '', ?, '', '', ?, ?)`,
		f.Court, caseID, heldOn, mode, result, f.Judge, now())
}

// Circuit inserts a circuit hearing.
func (f *Fixture) Circuit(heldOn app.Date, place string, crossRegion bool, audience int) int64 {
	f.T.Helper()
	return f.exec(`INSERT INTO circuits (court_code, held_on, place, region, cross_region, judge_id, audience,
		notes, created_by, created_at) VALUES (?, ?, ?, '', ?, ?, ?, '', ?, ?)`,
		f.Court, heldOn, place, crossRegion, f.Judge, audience, f.Judge, now())
}

// Inspection inserts an on-site inspection of a case.
func (f *Fixture) Inspection(caseID int64, heldOn app.Date) int64 {
	f.T.Helper()
	return f.exec(`INSERT INTO inspections (court_code, case_id, held_on, place, findings, created_by, created_at)
		VALUES (?, ?, ?, '现场', '', ?, ?)`, f.Court, caseID, heldOn, f.Judge, now())
}

// Letter is an advisory letter row; zero dates stay NULL.
type Letter struct {
	Kind       string
	IssuedOn   app.Date
	ReplyDueOn app.Date
	RepliedOn  app.Date
	Adopted    bool
}

// Letter inserts an advisory letter; its status follows from its dates.
func (f *Fixture) Letter(l Letter) int64 {
	f.T.Helper()
	status := "approved"
	var year, seq, no, issued, due, replied, adopted any
	if !l.IssuedOn.IsZero() {
		status = "issued"
		key := "letter|" + l.Kind + fmt.Sprint(l.IssuedOn.Year)
		f.seq[key]++
		year, seq = l.IssuedOn.Year, f.seq[key]
		no = fmt.Sprintf("%s〔%d〕%d号", l.Kind, l.IssuedOn.Year, f.seq[key])
		issued = l.IssuedOn
		if l.ReplyDueOn.IsZero() {
			l.ReplyDueOn = l.IssuedOn.AddDays(30)
		}
		due = l.ReplyDueOn
	}
	if !l.RepliedOn.IsZero() {
		status = "replied"
		replied = l.RepliedOn
		adopted = l.Adopted
	}
	return f.exec(`INSERT INTO letters (court_code, kind, year, seq, letter_no, organ_id, problems, suggestions,
		status, drafted_by, issued_on, reply_due_on, replied_on, adopted, measures, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, '问题', '建议', ?, ?, ?, ?, ?, ?, '', 1, ?, ?)`,
		f.Court, l.Kind, year, seq, no, f.Organ, status, f.Judge, issued, due, replied, adopted, now(), now())
}

// Meeting inserts a meeting or training.
func (f *Fixture) Meeting(kind string, heldOn app.Date, attendances int) int64 {
	f.T.Helper()
	return f.exec(`INSERT INTO meetings (court_code, kind, held_on, topic, attendances, speakers, decisions,
		created_by, created_at) VALUES (?, ?, ?, '主题', ?, '', '', ?, ?)`,
		f.Court, kind, heldOn, attendances, f.Judge, now())
}

// Workstation inserts a judge workstation.
func (f *Fixture) Workstation(kind string) int64 {
	f.T.Helper()
	f.nextWS++
	return f.exec(`INSERT INTO workstations (court_code, kind, name, place, partners, created_at, updated_at)
		VALUES (?, ?, ?, '', '', ?, ?)`, f.Court, kind, fmt.Sprintf("工作室%d", f.nextWS), now(), now())
}

// Service inserts a workstation service.
func (f *Fixture) Service(workstation int64, kind string, heldOn app.Date, people int) int64 {
	f.T.Helper()
	return f.exec(`INSERT INTO workstation_services (court_code, workstation_id, kind, held_on, people, notes,
		created_by, created_at) VALUES (?, ?, ?, ?, ?, '', ?, ?)`,
		f.Court, workstation, kind, heldOn, people, f.Judge, now())
}
