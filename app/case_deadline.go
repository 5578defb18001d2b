package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"fuyuan/app/deadline"
	"fuyuan/app/form"
)

// DeadlineView is a case's deadline as the API, every page, list, desk and
// sheet show it: the deadline, the days left, the flag (30/15/7/overdue) and
// whether the clock is paused. ViewDeadline computes it in Go and the SQL
// below (SuspendedOnSQL, clockRunsSQL, whereOverdue, whereDueWithin)
// filters by it, both from deadline.See: the rule and the law are there.
type DeadlineView struct {
	// DeadlineOn is the last day of the time limit: the stored deadline
	// (extensions and finished excluded periods applied), or while a case is
	// paused, today plus its frozen days left.
	DeadlineOn Date `json:"deadline_on"`
	// DaysLeft is DeadlineOn − today (negative when passed); frozen while the
	// case is paused; null once closed.
	DaysLeft *int `json:"days_left"`
	// DeadlineFlag is "30", "15" or "7" within that many days, "overdue"
	// when passed, "" otherwise (and always "" when closed or paused).
	DeadlineFlag string `json:"deadline_flag"`
	// DeadlinePaused: the clock is stopped by a suspension that began in time.
	DeadlinePaused bool `json:"deadline_paused"`
}

// ViewDeadline is the deadline view on today of a case of status whose
// stored deadline is deadlineOn and whose open suspension (if suspended)
// began on suspendedOn. A closed case has its deadline and nothing else.
func ViewDeadline(status string, deadlineOn, suspendedOn, today Date) DeadlineView {
	if status == StatusClosed {
		return DeadlineView{DeadlineOn: deadlineOn}
	}
	if status != StatusSuspended {
		suspendedOn = Date{}
	}
	v := deadline.See(deadline.Date(deadlineOn), deadline.Date(suspendedOn), deadline.Date(today))
	left := v.DaysLeft
	return DeadlineView{DeadlineOn: Date(v.Deadline), DaysLeft: &left, DeadlineFlag: v.Flag, DeadlinePaused: v.Paused}
}

// Overdue reports whether the time limit has passed on an open case.
func (v DeadlineView) Overdue() bool { return v.DeadlineFlag == deadline.FlagOverdue }

// DaysOverdue is how many days the time limit has passed (0 when it has not).
func (v DeadlineView) DaysOverdue() int {
	if !v.Overdue() {
		return 0
	}
	return -*v.DaysLeft
}

// DueToday reports whether today is the last day of a running case's time limit.
func (v DeadlineView) DueToday() bool { return v.DeadlineFlag == deadline.Flag7 && *v.DaysLeft == 0 }

// Label is the view in words, as the sheets show it: 已超审限 n 天,
// 今日届满, 剩 n 天, 审限暂停（剩 n 天）; "" once closed.
func (v DeadlineView) Label() string {
	switch {
	case v.DaysLeft == nil:
		return ""
	case v.DeadlinePaused:
		return "审限暂停（剩 " + strconv.Itoa(*v.DaysLeft) + " 天）"
	case v.Overdue():
		return "已超审限 " + strconv.Itoa(v.DaysOverdue()) + " 天"
	case v.DueToday():
		return "今日届满"
	}
	return "剩 " + strconv.Itoa(*v.DaysLeft) + " 天"
}

// SuspendedOnSQL is the day the open suspension of a suspended case in
// table t began (NULL for any other case): ViewDeadline's suspendedOn, for
// every read that shows a deadline.
func SuspendedOnSQL(t string) string {
	return "CASE WHEN " + suspendedSQL(t) + " THEN (SELECT MAX(ep.start_on) FROM excluded_periods ep WHERE " + openSuspensionSQL(t) + ") END"
}

// suspendedOnJoin is SuspendedOnSQL as a join of the case in table t to its
// open suspension, ep, whose start_on is then the day (NULL for any other
// case; several open suspensions are a row each, and ScanCases keeps the
// latest start, as MAX).
func suspendedOnJoin(t string) string {
	return "LEFT JOIN excluded_periods ep ON " + openSuspensionSQL(t) + " AND " + suspendedSQL(t)
}

// suspendedSQL is the condition on the case in table t that it is suspended.
func suspendedSQL(t string) string {
	return t + ".status = '" + StatusSuspended + "'"
}

// openSuspensionSQL is the condition on ep, a row of excluded_periods, that
// it is a period of the case in table t that has not ended: its open
// suspension.
func openSuspensionSQL(t string) string {
	return "ep.case_id = " + t + ".id AND ep.end_on IS NULL"
}

// clockRunsSQL is the condition on the case in table t that its clock runs:
// open and not paused (ViewDeadline gives it a flag). Paused is
// deadline.See's rule: suspended, by a suspension that began on or before
// the stored deadline.
func clockRunsSQL(t string) string {
	return t + ".status IN ('" + StatusFiled + "', '" + StatusMediating + "', '" + StatusSuspended + "') AND NOT (" +
		suspendedSQL(t) + " AND EXISTS (SELECT 1 FROM excluded_periods ep WHERE " + openSuspensionSQL(t) +
		" AND ep.start_on <= " + t + ".deadline_on))"
}

// whereOverdue keeps the cases whose DeadlineView is overdue on today (or,
// with overdue false, every other case).
func whereOverdue(q *gorm.DB, overdue bool, today Date) *gorm.DB {
	cond := "(" + clockRunsSQL("cases") + " AND cases.deadline_on < ?)"
	if !overdue {
		cond = "NOT " + cond
	}
	return q.Where(cond, today)
}

// whereDueWithin keeps the cases whose DeadlineView has from 0 to days days left on today.
func whereDueWithin(q *gorm.DB, days int, today Date) *gorm.DB {
	return q.Where(clockRunsSQL("cases")+" AND cases.deadline_on >= ? AND cases.deadline_on <= ?", today, today.AddDays(days))
}

// ExcludedPeriod is a period that stops a case's clock (中止, 鉴定, 公告,
// 管辖异议); the deadline moves by its days (end_on − start_on). A suspension
// has no end_on until the case is resumed.
type ExcludedPeriod struct {
	ID        int64     `json:"id" gorm:"primaryKey"`
	CaseID    int64     `json:"case_id"`
	Reason    string    `json:"reason"`
	StartOn   Date      `json:"start_on"`
	EndOn     Date      `json:"end_on"`
	Days      int       `json:"days" gorm:"-"`
	Notes     string    `json:"notes"`
	CreatedBy *int64    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
}

// TableName is the excluded periods table.
func (ExcludedPeriod) TableName() string { return "excluded_periods" }

func (e ExcludedPeriod) period() deadline.Period {
	return deadline.Period{Start: deadline.Date(e.StartOn), End: deadline.Date(e.EndOn)}
}

// Extension is an extension of a case's time limit approved by the higher court.
type Extension struct {
	ID            int64     `json:"id" gorm:"primaryKey"`
	CaseID        int64     `json:"case_id"`
	ApprovedOn    Date      `json:"approved_on"`
	NewDeadlineOn Date      `json:"new_deadline_on"`
	ApprovedBy    string    `json:"approved_by"`
	Reason        string    `json:"reason"`
	CreatedBy     *int64    `json:"-"`
	CreatedAt     time.Time `json:"created_at"`
}

// TableName is the extensions table.
func (Extension) TableName() string { return "extensions" }

// ExcludedPeriodInput is the body of POST /cases/:id/excluded-periods. A
// suspension (中止) is recorded by suspend and resume instead.
type ExcludedPeriodInput struct {
	Reason  string `json:"reason"`
	StartOn Date   `json:"start_on"`
	EndOn   Date   `json:"end_on"`
	Notes   string `json:"notes"`
}

// maxExtensionReason bounds the reason of an extension (runes).
const maxExtensionReason = 32

// ExtensionInput is the body of POST /cases/:id/extensions.
type ExtensionInput struct {
	ApprovedOn    Date   `json:"approved_on"`
	NewDeadlineOn Date   `json:"new_deadline_on"`
	ApprovedBy    string `json:"approved_by"`
	Reason        string `json:"reason"`
}

// courtCalendarTx loads the calendar the court's deadlines are reckoned
// with: the national days and the court's own (the national one wins a day
// both name), from `from` to 90 days after `last` (zero: every day). Every
// deadline of the court is computed with it, and with it only.
//
// In a transaction of Store.Tx the court's whole calendar is read once and
// kept until the transaction writes to holidays (changes.go): an import
// files thousands of cases with it.
func (s *Store) courtCalendarTx(tx *gorm.DB, court string, from, last Date) (*deadline.Calendar, error) {
	if l := txOf(tx); l != nil {
		l.mu.Lock()
		cal := l.calendars[court]
		l.mu.Unlock()
		if cal != nil {
			return cal, nil
		}
		cal, err := s.readCourtCalendarTx(tx, court, Date{}, Date{})
		if err != nil {
			return nil, err
		}
		l.mu.Lock()
		if l.calendars == nil {
			l.calendars = map[string]*deadline.Calendar{}
		}
		l.calendars[court] = cal
		l.mu.Unlock()
		return cal, nil
	}
	return s.readCourtCalendarTx(tx, court, from, last)
}

func (s *Store) readCourtCalendarTx(tx *gorm.DB, court string, from, last Date) (*deadline.Calendar, error) {
	q := tx.Where("court_code IN ?", []string{NationalCalendar, court})
	if !from.IsZero() {
		// No run of holidays is anywhere near this long; the window only bounds the read.
		q = q.Where("day >= ? AND day <= ?", from, last.AddDays(90))
	}
	var rows []Holiday
	if err := q.Order("court_code DESC").Find(&rows).Error; err != nil {
		return nil, err
	}
	cal := deadline.NewCalendar()
	for _, h := range rows { // the court's days first, the national ones over them
		cal.Set(deadline.Date(h.Day), h.Kind)
	}
	return cal, nil
}

// deadlineCase is what the engine needs to know of a case of type ct.
func deadlineCase(ct CaseType, filed Date, simplified bool, periods []ExcludedPeriod, exts []Extension) deadline.Case {
	k := deadline.Case{
		FiledOn: deadline.Date(filed),
		Limit:   deadline.LimitOf(ct.LimitMonths, ct.LimitDays, ct.SimplifiedDays, simplified),
	}
	for _, p := range periods {
		k.Excluded = append(k.Excluded, p.period())
	}
	for _, e := range exts {
		k.Extensions = append(k.Extensions, deadline.Extension{ApprovedOn: deadline.Date(e.ApprovedOn), NewDeadline: deadline.Date(e.NewDeadlineOn)})
	}
	return k
}

// deadlineOf computes the effective deadline of a case of type ct with a whole calendar.
func deadlineOf(cal *deadline.Calendar, ct CaseType, filed Date, simplified bool, periods []ExcludedPeriod, exts []Extension) Date {
	return Date(cal.Deadline(deadlineCase(ct, filed, simplified, periods, exts)))
}

// deadlineTx computes the effective deadline of a case of type ct (of its
// court), reading only the part of the court's calendar from its filing to
// its latest possible last day that the holiday rule needs (whether a period
// started in time depends on the deadline as it then stood, holidays included).
func (s *Store) deadlineTx(tx *gorm.DB, ct CaseType, filed Date, simplified bool, periods []ExcludedPeriod, exts []Extension) (Date, error) {
	k := deadlineCase(ct, filed, simplified, periods, exts)
	cal, err := s.courtCalendarTx(tx, ct.CourtCode, filed, Date(k.LastDay()))
	if err != nil {
		return Date{}, err
	}
	return Date(cal.Deadline(k)), nil
}

// computeDeadlineTx computes the deadline of a case record from its type,
// its excluded periods and its extensions as they are in the database.
func (s *Store) computeDeadlineTx(tx *gorm.DB, r caseRecord) (Date, error) {
	var ct CaseType
	if err := tx.Where("court_code = ? AND code = ?", r.CourtCode, r.CaseType).Take(&ct).Error; err != nil {
		return Date{}, err
	}
	var periods []ExcludedPeriod
	if err := tx.Where("case_id = ?", r.ID).Order("start_on, id").Find(&periods).Error; err != nil {
		return Date{}, err
	}
	var exts []Extension
	if err := tx.Where("case_id = ?", r.ID).Order("approved_on, id").Find(&exts).Error; err != nil {
		return Date{}, err
	}
	return s.deadlineTx(tx, ct, r.FiledOn, r.Simplified, periods, exts)
}

// ListExcludedPeriods lists the excluded periods of a case of the actor's court.
func (s *Store) ListExcludedPeriods(ctx context.Context, a Actor, caseID int64) ([]ExcludedPeriod, error) {
	items := []ExcludedPeriod{}
	err := s.DB.WithContext(ctx).Where("case_id = ? AND case_id IN (SELECT id FROM cases WHERE court_code = ?)", caseID, a.Court).
		Order("start_on, id").Find(&items).Error
	for i := range items {
		items[i].Days = items[i].period().Days()
	}
	return items, s.Err(err)
}

// ListExtensions lists the approved extensions of a case of the actor's court.
func (s *Store) ListExtensions(ctx context.Context, a Actor, caseID int64) ([]Extension, error) {
	items := []Extension{}
	err := s.DB.WithContext(ctx).Where("case_id = ? AND case_id IN (SELECT id FROM cases WHERE court_code = ?)", caseID, a.Court).
		Order("approved_on, id").Find(&items).Error
	return items, s.Err(err)
}

// AddExcludedPeriod records a finished period of 鉴定, 公告 or 管辖异议 that stops
// the clock of a case; the deadline moves by its days.
func (s *Store) AddExcludedPeriod(ctx context.Context, a Actor, caseID int64, in ExcludedPeriodInput) (ExcludedPeriod, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (ExcludedPeriod, error) { return s.AddExcludedPeriodTx(tx, a, caseID, in) })
}

// AddExcludedPeriodTx is AddExcludedPeriod inside tx.
func (s *Store) AddExcludedPeriodTx(tx *gorm.DB, a Actor, caseID int64, in ExcludedPeriodInput) (ExcludedPeriod, error) {
	var ep ExcludedPeriod
	r, err := s.lockCaseForTx(tx, a, caseID, ActionCaseEdit)
	if err != nil {
		return ep, err
	}
	if r.Status == StatusClosed {
		return ep, Conflict("案件已结案，不能再登记扣除审限的期间")
	}
	p := Problems{}
	reason := strings.TrimSpace(in.Reason)
	switch code, ok := ExcludedReasons.Parse(reason); {
	case reason == "":
		p.Add("reason", "请选择扣除事由：鉴定、公告或管辖异议")
	case !ok:
		p.Add("reason", "扣除事由应为鉴定、公告或管辖异议")
	case code == "suspension":
		p.Add("reason", "中止请使用“中止审理”登记，恢复审理时自动计算期间")
	default:
		reason = code
	}
	s.checkDaySinceFiling(p, "start_on", "开始日期", "请填写开始日期", in.StartOn, r.FiledOn)
	switch {
	case in.EndOn.IsZero():
		p.Add("end_on", "请填写结束日期")
	case !in.StartOn.IsZero() && !in.EndOn.After(in.StartOn):
		p.Add("end_on", "结束日期应晚于开始日期")
	}
	notes := form.Text(p, "notes", in.Notes, "说明", 500)
	if err := p.Err(); err != nil {
		return ep, err
	}
	if err := s.checkNoOverlapTx(tx, caseID, in.StartOn, in.EndOn, "start_on"); err != nil {
		return ep, err
	}
	ep = ExcludedPeriod{CaseID: caseID, Reason: reason, StartOn: in.StartOn, EndOn: in.EndOn, Notes: notes,
		CreatedBy: actorID(a), CreatedAt: s.Clock.Now().UTC()}
	if err := tx.Create(&ep).Error; err != nil {
		return ep, err
	}
	ep.Days = ep.period().Days()
	return ep, s.moveDeadlineTx(tx, a, r, nil, "case.excluded_period", map[string]any{"excluded_period": ep})
}

// checkNoOverlapTx refuses a period [start, end) (end zero: still running)
// that overlaps an excluded period already recorded for the case.
func (s *Store) checkNoOverlapTx(tx *gorm.DB, caseID int64, start, end Date, field string) error {
	var existing []ExcludedPeriod
	if err := tx.Where("case_id = ?", caseID).Find(&existing).Error; err != nil {
		return err
	}
	for _, e := range existing {
		endsAfterStart := e.EndOn.IsZero() || e.EndOn.After(start)
		startsBeforeEnd := end.IsZero() || e.StartOn.Before(end)
		if endsAfterStart && startsBeforeEnd {
			until := "至今"
			if !e.EndOn.IsZero() {
				until = "至 " + e.EndOn.String()
			}
			return Invalid(field, "与已登记的"+ExcludedReasons.Label(e.Reason)+"期间（"+e.StartOn.String()+" "+until+"）重叠")
		}
	}
	return nil
}

// AddExtension records an extension of the time limit approved by the higher
// court; its new deadline becomes the case's deadline, and it completes the
// case's request the leader approved (extension_request.go).
func (s *Store) AddExtension(ctx context.Context, a Actor, caseID int64, in ExtensionInput) (Extension, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (Extension, error) { return s.AddExtensionTx(tx, a, caseID, in) })
}

// AddExtensionTx is AddExtension inside tx.
func (s *Store) AddExtensionTx(tx *gorm.DB, a Actor, caseID int64, in ExtensionInput) (Extension, error) {
	var ext Extension
	r, err := s.lockCaseForTx(tx, a, caseID, ActionCaseEdit)
	if err != nil {
		return ext, err
	}
	if r.Status == StatusClosed {
		return ext, Conflict("案件已结案，不能再延长审限")
	}
	p := Problems{}
	s.checkDaySinceFiling(p, "approved_on", "批准日期", "请填写批准日期", in.ApprovedOn, r.FiledOn)
	switch {
	case in.NewDeadlineOn.IsZero():
		p.Add("new_deadline_on", "请填写延长后的审限届满日期")
	case !in.NewDeadlineOn.After(r.DeadlineOn):
		p.Add("new_deadline_on", "延长后的审限应晚于当前审限（"+r.DeadlineOn.String()+"）")
	}
	approvedBy := form.Required(p, "approved_by", in.ApprovedBy, "批准机关", "请填写批准机关（如 清远市中级人民法院）", 100)
	reason := form.Text(p, "reason", in.Reason, "延长理由", maxExtensionReason)
	if err := p.Err(); err != nil {
		return ext, err
	}
	ext = Extension{CaseID: caseID, ApprovedOn: in.ApprovedOn, NewDeadlineOn: in.NewDeadlineOn, ApprovedBy: approvedBy,
		Reason: reason, CreatedBy: actorID(a), CreatedAt: s.Clock.Now().UTC()}
	if err := tx.Create(&ext).Error; err != nil {
		return ext, err
	}
	if err := s.completeExtensionRequestsTx(tx, a, ext); err != nil {
		return ext, err
	}
	return ext, s.moveDeadlineTx(tx, a, r, nil, "case.extension", map[string]any{"extension": ext})
}

// moveDeadlineTx recomputes the deadline of case r after a change of its
// periods or extensions, writes it with the other changes (adding one to the
// version) and audits the change with what it recorded.
func (s *Store) moveDeadlineTx(tx *gorm.DB, a Actor, r caseRecord, changes map[string]any, action string, recorded map[string]any) error {
	before, err := s.getCaseTx(tx, r.CourtCode, r.ID)
	if err != nil {
		return err
	}
	if changes == nil {
		changes = map[string]any{}
	}
	due, err := s.computeDeadlineTx(tx, r)
	if err != nil {
		return err
	}
	changes["deadline_on"] = due
	if err := s.bumpCaseTx(tx, r.ID, r.Version, changes); err != nil {
		return err
	}
	after, err := s.getCaseTx(tx, r.CourtCode, r.ID)
	if err != nil {
		return err
	}
	if recorded == nil {
		recorded = map[string]any{}
	}
	recorded["case"] = after
	return s.Audit(tx, a, action, "case", r.ID, before, recorded)
}

// NewCaseDeadlines returns the deadline of a new case of the court (no
// excluded periods, no extensions) by type, filing day and procedure, with
// the calendar and the case types read once: for generated and imported data.
// An unknown type gets the general six months.
func (s *Store) NewCaseDeadlines(ctx context.Context, court string) (func(caseType string, filedOn Date, simplified bool) Date, error) {
	db := s.DB.WithContext(ctx)
	cal, err := s.courtCalendarTx(db, court, Date{}, Date{})
	if err != nil {
		return nil, s.Err(err)
	}
	var types []CaseType
	if err := db.Where("court_code = ?", court).Find(&types).Error; err != nil {
		return nil, s.Err(err)
	}
	byCode := map[string]CaseType{}
	for _, t := range types {
		byCode[t.Code] = t
	}
	return func(caseType string, filedOn Date, simplified bool) Date {
		ct, ok := byCode[caseType]
		if !ok {
			ct = CaseType{LimitMonths: 6}
		}
		return deadlineOf(cal, ct, filedOn, simplified, nil, nil)
	}, nil
}

// refreshOpenDeadlinesTx recomputes the deadlines of the open cases of the
// actor's court (their calendar is the one that changed) whose deadline may
// move when day changes in the calendar; each deadline that moves is written
// like any change of the case (its version goes up) and audited on the case
// with what changed in the calendar.
func (s *Store) refreshOpenDeadlinesTx(tx *gorm.DB, a Actor, day Date, recorded map[string]any) error {
	// A moved last day lies at most a few weeks after the day that changed
	// (the longest holiday run); the window is generous.
	var recs []caseRecord
	err := tx.Where("court_code = ? AND status <> ? AND deadline_on >= ? AND deadline_on <= ?", a.Court, StatusClosed, day.AddDays(-1), day.AddDays(40)).
		Order("id").Find(&recs).Error
	if err != nil {
		return err
	}
	for _, r := range recs {
		// The case as it is now, locked, so that the version written is its own.
		r, err := s.lockCaseTx(tx, r.CourtCode, r.ID)
		if err != nil {
			return err
		}
		due, err := s.computeDeadlineTx(tx, r)
		if err != nil {
			return err
		}
		if due == r.DeadlineOn || r.Status == StatusClosed {
			continue
		}
		rec := map[string]any{}
		for k, v := range recorded {
			rec[k] = v
		}
		if err := s.moveDeadlineTx(tx, a, r, nil, "case.deadline_calendar", rec); err != nil {
			return err
		}
	}
	return nil
}

func actorID(a Actor) *int64 {
	if a.UserID == 0 {
		return nil
	}
	id := a.UserID
	return &id
}
