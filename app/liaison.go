package app

import (
	"context"
	"math"
	"sort"
	"strconv"
	"time"
)

// The liaison's desk (联络台): on one page, what the organs owe the court —
// letters awaiting their replies (overdue first), the open 府院联动 cases,
// the meetings to come, the follow-up items still open — and a scorecard per
// organ computed by SQL aggregates.

// LiaisonDesk is the answer of GET /liaison/desk.
type LiaisonDesk struct {
	Today Date `json:"today"`
	// Year is the year the scorecard's letter and case figures count.
	Year int `json:"year"`
	// LettersAwaitingReply: issued, not replied; overdue first, then by reply_due_on.
	LettersAwaitingReply []Letter `json:"letters_awaiting_reply"`
	// LinkageCases: open (not closed) 府院联动 cases the user may read, nearest deadline first.
	LinkageCases []LinkageCase `json:"linkage_cases"`
	// UpcomingMeetings: meetings held today or later, the earliest first.
	UpcomingMeetings []Meeting `json:"upcoming_meetings"`
	// OpenFollowups: follow-up items of meetings not yet done, the earliest due first.
	OpenFollowups []OpenFollowup `json:"open_followups"`
	// CommitmentsDue: unfulfilled commitments of 府院联动 cases due in the coming 30 days or overdue.
	CommitmentsDue []CommitmentDue `json:"commitments_due"`
	// Scorecard: one row per organ with any letter or case in the figures.
	Scorecard []OrganScore `json:"scorecard"`
}

// LinkageCase is an open 府院联动 case as the desk lists it.
type LinkageCase struct {
	ID             int64  `json:"id"`
	CaseNo         string `json:"case_no"`
	CaseType       string `json:"case_type"`
	Cause          string `json:"cause"`
	PlaintiffName  string `json:"plaintiff_name"`
	OrganID        int64  `json:"organ_id"`
	OrganName      string `json:"organ_name"`
	LinkagePartner string `json:"linkage_partner"`
	FiledOn        Date   `json:"filed_on"`
	Status         string `json:"status"`
	JudgeName      string `json:"judge_name"`
	// DeadlineView is the deadline seen from today, as on the case's page.
	DeadlineView `gorm:"-"`
	// StoredDeadline and SuspendedOn are what DeadlineView is computed from.
	StoredDeadline Date `json:"-" gorm:"column:deadline_on"`
	SuspendedOn    Date `json:"suspended_on"`
}

// OrganScore is one organ's line on the scorecard.
type OrganScore struct {
	OrganID   int64  `json:"organ_id"`
	OrganName string `json:"organ_name"`
	// LettersReceived: letters issued to the organ in the year (by issued_on).
	LettersReceived int64 `json:"letters_received"`
	// LettersReplied, LettersAdopted: of those, the ones it answered, and adopted.
	LettersReplied int64 `json:"letters_replied"`
	LettersAdopted int64 `json:"letters_adopted"`
	// AvgDaysToReply: mean days from issued_on to replied_on over the replied
	// ones, to one decimal; null when none was replied.
	AvgDaysToReply *float64 `json:"avg_days_to_reply"`
	// LettersAwaiting, LettersOverdue: letters (of any year) the organ has not
	// answered yet, and those of them past their reply_due_on — as of today.
	LettersAwaiting int64 `json:"letters_awaiting"`
	LettersOverdue  int64 `json:"letters_overdue"`
	// OpenLinkageCases: 府院联动 cases against the organ not yet closed.
	OpenLinkageCases int64 `json:"open_linkage_cases"`
	// CasesThisYear, CasesLastYear: litigation cases (every type but 行诉前调)
	// filed against the organ in the year and in the whole year before;
	// CasesSamePeriodLastYear counts the year before only up to the same day
	// of the year (同比) when the year is the current one.
	CasesThisYear           int64 `json:"cases_this_year"`
	CasesLastYear           int64 `json:"cases_last_year"`
	CasesSamePeriodLastYear int64 `json:"cases_same_period_last_year"`
}

// DeskOptions says what the desk shows to whom.
type DeskOptions struct {
	// Year of the scorecard's letter and case figures; 0 is the current year.
	Year int
	// Cases says which linkage cases the user may see (their case:read visibility).
	Cases Visibility
	// Meetings says which meetings the user may see (their meeting:read visibility).
	Meetings Visibility
}

// deskListLimit bounds each list of the desk.
const deskListLimit = 200

// LiaisonDesk gathers the liaison's desk for the actor's court.
func (s *Store) LiaisonDesk(ctx context.Context, a Actor, opts DeskOptions) (LiaisonDesk, error) {
	today := s.Clock.Today()
	if opts.Year == 0 {
		opts.Year = today.Year
	}
	if opts.Year < 1900 || opts.Year > 2999 {
		return LiaisonDesk{}, Invalid("year", "年份不正确")
	}
	d := LiaisonDesk{Today: today, Year: opts.Year}
	var err error
	if d.LettersAwaitingReply, err = s.lettersAwaitingReply(ctx, a, today); err != nil {
		return d, err
	}
	if d.LinkageCases, err = s.openLinkageCases(ctx, opts.Cases, today); err != nil {
		return d, err
	}
	upcoming, err := s.ListMeetings(ctx, opts.Meetings, MeetingFilter{From: today, Ascending: true}, Page{Page: 1, Size: 20})
	if err != nil {
		return d, err
	}
	d.UpcomingMeetings = upcoming.Items
	if d.OpenFollowups, err = s.ListOpenFollowups(ctx, a, deskListLimit); err != nil {
		return d, err
	}
	if d.CommitmentsDue, err = s.CommitmentsDue(ctx, opts.Cases, true, deskListLimit); err != nil {
		return d, err
	}
	if d.Scorecard, err = s.OrganScorecard(ctx, a, opts.Year); err != nil {
		return d, err
	}
	return d, nil
}

// lettersAwaitingReply lists the issued, unanswered letters: overdue first,
// then by reply deadline.
func (s *Store) lettersAwaitingReply(ctx context.Context, a Actor, today Date) ([]Letter, error) {
	var ls []Letter
	err := s.DB.WithContext(ctx).Raw(letterSelect+` WHERE l.court_code = ? AND l.status = ?
		ORDER BY CASE WHEN l.reply_due_on < ? THEN 0 ELSE 1 END, l.reply_due_on, l.id LIMIT ?`,
		a.Court, LetterIssued, today, deskListLimit).Scan(&ls).Error
	if err != nil {
		return nil, s.Err(err)
	}
	for i := range ls {
		ls[i].markOverdue(today)
	}
	if ls == nil {
		ls = []Letter{}
	}
	return ls, nil
}

// openLinkageCases lists the open 府院联动 cases the user may see, nearest deadline first.
func (s *Store) openLinkageCases(ctx context.Context, vis Visibility, today Date) ([]LinkageCase, error) {
	out := []LinkageCase{}
	if vis.None() {
		return out, nil
	}
	cond, args, _ := vis.Where(CaseColumns("c"))
	q := `SELECT c.id, c.case_no, c.case_type, c.cause, c.plaintiff_name, c.organ_id, o.name AS organ_name,
		c.linkage_partner, c.filed_on, c.deadline_on, c.status, COALESCE(u.name, '') AS judge_name,
		` + SuspendedOnSQL("c") + ` AS suspended_on
		FROM cases c JOIN organs o ON o.id = c.organ_id LEFT JOIN users u ON u.id = c.judge_id
		WHERE ` + cond + ` AND c.linkage = 1 AND c.status <> 'closed'`
	q += " ORDER BY c.deadline_on, c.id LIMIT ?"
	args = append(args, deskListLimit)
	if err := s.DB.WithContext(ctx).Raw(q, args...).Scan(&out).Error; err != nil {
		return nil, s.Err(err)
	}
	for i := range out {
		out[i].DeadlineView = ViewDeadline(out[i].Status, out[i].StoredDeadline, out[i].SuspendedOn, today)
	}
	return out, nil
}

// daysBetween is the SQL for the number of days from column a to column b.
func (s *Store) daysBetween(a, b string) string {
	if s.Dialect == MySQL {
		return "DATEDIFF(" + b + ", " + a + ")"
	}
	return "CAST(julianday(" + b + ") - julianday(" + a + ") AS INTEGER)"
}

// OrganScorecard computes the scorecard of every organ of the actor's court
// that has a figure other than zero, for the given year: those with overdue
// letters first, then those with letters awaiting a reply, then the rest.
func (s *Store) OrganScorecard(ctx context.Context, a Actor, year int) ([]OrganScore, error) {
	today := s.Clock.Today()
	from, to := NewDate(year, time.January, 1), NewDate(year, time.December, 31)
	lastFrom, lastTo := NewDate(year-1, time.January, 1), NewDate(year-1, time.December, 31)
	sameTo := lastTo
	if year == today.Year {
		sameTo = today.SameDayLastYear()
	}
	db := s.DB.WithContext(ctx)
	scores := map[int64]*OrganScore{}
	get := func(id int64) *OrganScore {
		if sc, ok := scores[id]; ok {
			return sc
		}
		sc := &OrganScore{OrganID: id}
		scores[id] = sc
		return sc
	}

	var letters []struct {
		OrganID                    int64
		Received, Replied, Adopted int64
		ReplyDays                  int64
		Awaiting, Overdue          int64
	}
	inYear := "l.issued_on >= ? AND l.issued_on <= ?"
	err := db.Raw(`SELECT l.organ_id,
		SUM(CASE WHEN `+inYear+` THEN 1 ELSE 0 END) AS received,
		SUM(CASE WHEN `+inYear+` AND l.replied_on IS NOT NULL THEN 1 ELSE 0 END) AS replied,
		SUM(CASE WHEN `+inYear+` AND l.replied_on IS NOT NULL AND l.adopted = 1 THEN 1 ELSE 0 END) AS adopted,
		SUM(CASE WHEN `+inYear+` AND l.replied_on IS NOT NULL THEN `+s.daysBetween("l.issued_on", "l.replied_on")+` ELSE 0 END) AS reply_days,
		SUM(CASE WHEN l.status = ? THEN 1 ELSE 0 END) AS awaiting,
		SUM(CASE WHEN l.status = ? AND l.reply_due_on < ? THEN 1 ELSE 0 END) AS overdue
		FROM letters l WHERE l.court_code = ? AND l.issued_on IS NOT NULL GROUP BY l.organ_id`,
		from, to, from, to, from, to, from, to, LetterIssued, LetterIssued, today, a.Court).Scan(&letters).Error
	if err != nil {
		return nil, s.Err(err)
	}
	for _, r := range letters {
		sc := get(r.OrganID)
		sc.LettersReceived, sc.LettersReplied, sc.LettersAdopted = r.Received, r.Replied, r.Adopted
		sc.LettersAwaiting, sc.LettersOverdue = r.Awaiting, r.Overdue
		if r.Replied > 0 {
			avg := math.Round(float64(r.ReplyDays)/float64(r.Replied)*10) / 10
			sc.AvgDaysToReply = &avg
		}
	}

	var cases []struct {
		OrganID                      int64
		ThisYear, LastYear, SameTime int64
		OpenLinkage                  int64
	}
	err = db.Raw(`SELECT c.organ_id,
		SUM(CASE WHEN c.case_type <> ? AND c.filed_on >= ? AND c.filed_on <= ? THEN 1 ELSE 0 END) AS this_year,
		SUM(CASE WHEN c.case_type <> ? AND c.filed_on >= ? AND c.filed_on <= ? THEN 1 ELSE 0 END) AS last_year,
		SUM(CASE WHEN c.case_type <> ? AND c.filed_on >= ? AND c.filed_on <= ? THEN 1 ELSE 0 END) AS same_time,
		SUM(CASE WHEN c.linkage = 1 AND c.status <> 'closed' THEN 1 ELSE 0 END) AS open_linkage
		FROM cases c WHERE c.court_code = ? AND ((c.filed_on >= ? AND c.filed_on <= ?) OR (c.linkage = 1 AND c.status <> 'closed'))
		GROUP BY c.organ_id`,
		PreLitigationType, from, to, PreLitigationType, lastFrom, lastTo, PreLitigationType, lastFrom, sameTo,
		a.Court, lastFrom, to).Scan(&cases).Error
	if err != nil {
		return nil, s.Err(err)
	}
	for _, r := range cases {
		sc := get(r.OrganID)
		sc.CasesThisYear, sc.CasesLastYear, sc.CasesSamePeriodLastYear = r.ThisYear, r.LastYear, r.SameTime
		sc.OpenLinkageCases = r.OpenLinkage
	}

	var organs []OrganRef
	if err := db.Table("organs").Select("id, name").Where("court_code = ?", a.Court).Find(&organs).Error; err != nil {
		return nil, s.Err(err)
	}
	out := []OrganScore{}
	for _, o := range organs {
		sc, ok := scores[o.ID]
		if !ok || (sc.LettersReceived == 0 && sc.LettersAwaiting == 0 && sc.OpenLinkageCases == 0 &&
			sc.CasesThisYear == 0 && sc.CasesLastYear == 0) {
			continue
		}
		sc.OrganName = o.Name
		out = append(out, *sc)
	}
	sort.SliceStable(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.LettersOverdue != y.LettersOverdue {
			return x.LettersOverdue > y.LettersOverdue
		}
		if x.LettersAwaiting != y.LettersAwaiting {
			return x.LettersAwaiting > y.LettersAwaiting
		}
		if x.OpenLinkageCases != y.OpenLinkageCases {
			return x.OpenLinkageCases > y.OpenLinkageCases
		}
		return x.OrganID < y.OrganID
	})
	return out, nil
}

// AvgDaysText is the average days to reply with one decimal, "" when no letter was replied.
func (o OrganScore) AvgDaysText() string {
	if o.AvgDaysToReply == nil {
		return ""
	}
	return strconv.FormatFloat(*o.AvgDaysToReply, 'f', 1, 64)
}
