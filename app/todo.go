package app

import (
	"context"
	"fmt"
	"sort"
	"sync"
)

// The to-do list (待办): what each role has to do now, each item one click
// from the page where it is done. It is computed on request from the records
// themselves (nothing is stored), so an item leaves the list the moment the
// thing is done.
//
// Extension point: a part of the app adds items by registering a TodoSource
// for the roles it concerns, from an init function in its own file, e.g.
//
//	func init() { RegisterTodoSource(RoleJudge, visitsDueTodo) }
//
// (app/todo_resolved.go adds "visits due" and "commitments due" that way).
// A source lists the actor's items of its kind on today; it reads with the
// actor's court and user id and shows only what the actor's role may open.
// Items of all sources are merged and ordered by due date (undated last).

// TodoItem is one thing a user has to do.
type TodoItem struct {
	// Kind says what sort of item it is (one of the Todo… constants, or a registered source's own).
	Kind string `json:"kind"`
	// Title is the item in words, as the list shows it.
	Title string `json:"title"`
	// DueOn is the day it is due by (nil when it has no date).
	DueOn    *Date  `json:"due_on"`
	CaseID   *int64 `json:"case_id,omitempty"`
	LetterID *int64 `json:"letter_id,omitempty"`
	// Link is the page where the item is done.
	Link string `json:"link"`
	// Overdue: the due day has passed.
	Overdue bool `json:"overdue"`
	// Key, when set, makes the item a reminder too: the daily sweep raises
	// one notification per user and key (SweepNotifications), so a key names
	// the event ("case:12:deadline:15:2025-12-01"), not the item.
	Key string `json:"-"`
}

// Kinds of the to-do items of this file.
const (
	TodoDeadline        = "deadline"        // a judge's own case at 30/15/7 days or past its deadline
	TodoHearing         = "hearing"         // a judge's hearing in the next 7 days
	TodoLetterReturned  = "letter_returned" // the author's letter returned for revision
	TodoLetterApproval  = "letter_approval" // a draft awaiting the leader's approval
	TodoCaseOverdue     = "case_overdue"    // the court's cases past their deadline, by judge
	TodoMediationIdle   = "mediation_idle"  // a mediator's open case with no mediation in 14 days
	TodoLetterReply     = "letter_reply"    // an issued letter awaiting the organ's reply
	TodoFollowup        = "followup"        // a meeting's follow-up item due
	TodoLinkageHearing  = "linkage_hearing" // a hearing of a 府院联动 case coming
	todoItemsPerSource  = 50                // each source lists at most this many items
	todoHearingDays     = 7                 // hearings this many days ahead
	todoMediationIdle   = 14                // days without a mediation record
	todoFollowupAhead   = 7                 // follow-ups due within this many days
	todoLinkageDaysHead = 14                // linkage hearings this many days ahead
)

// TodoSource lists the actor's items of one kind on today.
type TodoSource func(ctx context.Context, s *Store, a Actor, today Date) ([]TodoItem, error)

var (
	todoMu      sync.RWMutex
	todoSources = map[string][]TodoSource{}
)

// RegisterTodoSource adds a source of to-do items for a role (call it from an init function).
func RegisterTodoSource(role string, src TodoSource) {
	todoMu.Lock()
	defer todoMu.Unlock()
	todoSources[role] = append(todoSources[role], src)
}

func init() {
	RegisterTodoSource(RoleJudge, judgeDeadlinesTodo)
	RegisterTodoSource(RoleJudge, judgeHearingsTodo)
	RegisterTodoSource(RoleJudge, lettersReturnedTodo)
	RegisterTodoSource(RoleLeader, lettersToApproveTodo)
	RegisterTodoSource(RoleLeader, overdueByJudgeTodo)
	RegisterTodoSource(RoleLeader, lettersReturnedTodo)
	RegisterTodoSource(RoleMediator, idleMediationsTodo)
	RegisterTodoSource(RoleLiaison, lettersAwaitingReplyTodo)
	RegisterTodoSource(RoleLiaison, followupsDueTodo)
	RegisterTodoSource(RoleLiaison, linkageHearingsTodo)
}

// Todo is the actor's to-do list on the court's today: the items of every
// source registered for the actor's role, the earliest due first.
func (s *Store) Todo(ctx context.Context, a Actor) ([]TodoItem, error) {
	today := s.Clock.Today()
	todoMu.RLock()
	srcs := append([]TodoSource(nil), todoSources[a.Role]...)
	todoMu.RUnlock()
	items := []TodoItem{}
	for _, src := range srcs {
		got, err := src(ctx, s, a, today)
		if err != nil {
			return nil, err
		}
		for _, it := range got {
			if it.DueOn != nil && it.DueOn.Before(today) {
				it.Overdue = true
			}
			items = append(items, it)
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		di, dj := items[i].DueOn, items[j].DueOn
		switch {
		case di == nil:
			return false
		case dj == nil:
			return true
		}
		return di.Before(*dj)
	})
	return items, nil
}

func datePtr(d Date) *Date {
	if d.IsZero() {
		return nil
	}
	return &d
}

func idPtr(id int64) *int64 { return &id }

// caseTodo is the item of a case whose deadline view is flagged.
func caseTodo(kind, prefix string, c Case) TodoItem {
	it := TodoItem{Kind: kind, Title: prefix + c.CaseNo + " " + c.DeadlineView.Label(), DueOn: datePtr(c.DeadlineOn),
		CaseID: idPtr(c.ID), Link: fmt.Sprintf("/cases/%d", c.ID)}
	if kind == TodoDeadline { // the judge is reminded of each threshold crossed (30, 15, 7, passed)
		it.Key = fmt.Sprintf("case:%d:deadline:%s:%s", c.ID, c.DeadlineFlag, c.DeadlineOn)
	}
	return it
}

// judgeDeadlinesTodo: the judge's own running cases at 30/15/7 days or past their deadline.
func judgeDeadlinesTodo(ctx context.Context, s *Store, a Actor, today Date) ([]TodoItem, error) {
	vis := CourtVisibility(a.Court)
	pg := Page{Page: 1, Size: todoItemsPerSource}
	yes := true
	overdue, err := s.ListCases(ctx, a, vis, CaseFilter{JudgeID: a.UserID, Overdue: &yes, Sort: "deadline_on"}, pg)
	if err != nil {
		return nil, err
	}
	due, err := s.ListCases(ctx, a, vis, CaseFilter{JudgeID: a.UserID, DueWithin: 30, Sort: "deadline_on"}, pg)
	if err != nil {
		return nil, err
	}
	var out []TodoItem
	for _, c := range append(overdue.Items, due.Items...) {
		out = append(out, caseTodo(TodoDeadline, "审限：", c))
	}
	return out, nil
}

// upcomingHearing is a hearing row of the to-do lists.
type upcomingHearing struct {
	ID       int64
	CaseID   int64
	CaseNo   string
	StartsAt Minute
	Room     string
}

// upcomingHearings lists the hearings not yet held that start from today up to days ahead, matching cond.
func (s *Store) upcomingHearings(ctx context.Context, court string, today Date, days int, cond string, args ...any) ([]upcomingHearing, error) {
	var rows []upcomingHearing
	q := `SELECT h.id, h.case_id, c.case_no, h.starts_at, h.room FROM hearings h JOIN cases c ON c.id = h.case_id
		WHERE h.court_code = ? AND h.held_on IS NULL AND h.starts_at >= ? AND h.starts_at < ? AND ` + cond +
		` ORDER BY h.starts_at, h.id LIMIT ?`
	all := append([]any{court, today.String() + "T00:00", today.AddDays(days+1).String() + "T00:00"}, args...)
	all = append(all, todoItemsPerSource)
	if err := s.DB.WithContext(ctx).Raw(q, all...).Scan(&rows).Error; err != nil {
		return nil, s.Err(err)
	}
	return rows, nil
}

func hearingTodo(kind string, h upcomingHearing) TodoItem {
	day := h.StartsAt.Date()
	title := fmt.Sprintf("开庭：%s %s %s", h.CaseNo, h.StartsAt.String()[:10]+" "+h.StartsAt.Clock(), h.Room)
	return TodoItem{Kind: kind, Title: title, DueOn: datePtr(day), CaseID: idPtr(h.CaseID),
		Link: fmt.Sprintf("/cases/%d#hearings", h.CaseID)}
}

// judgeHearingsTodo: the judge's hearings in the next 7 days.
func judgeHearingsTodo(ctx context.Context, s *Store, a Actor, today Date) ([]TodoItem, error) {
	rows, err := s.upcomingHearings(ctx, a.Court, today, todoHearingDays, "COALESCE(h.judge_id, c.judge_id) = ?", a.UserID)
	if err != nil {
		return nil, err
	}
	var out []TodoItem
	for _, h := range rows {
		out = append(out, hearingTodo(TodoHearing, h))
	}
	return out, nil
}

func letterName(l Letter) string {
	if l.LetterNo != "" {
		return l.LetterNo
	}
	return fmt.Sprintf("%s（第 %d 号草稿）", LetterKinds.Label(l.Kind), l.ID)
}

func letterTodo(kind, title string, l Letter, due Date) TodoItem {
	return TodoItem{Kind: kind, Title: title, DueOn: datePtr(due), CaseID: l.CaseID, LetterID: idPtr(l.ID),
		Link: fmt.Sprintf("/letters/%d", l.ID)}
}

// lettersReturnedTodo: the author's letters returned for revision.
func lettersReturnedTodo(ctx context.Context, s *Store, a Actor, today Date) ([]TodoItem, error) {
	list, err := s.ListLetters(ctx, CourtVisibility(a.Court), LetterFilter{Status: LetterReturned, DraftedBy: a.UserID},
		Page{Page: 1, Size: todoItemsPerSource})
	if err != nil {
		return nil, err
	}
	var out []TodoItem
	for _, l := range list.Items {
		out = append(out, letterTodo(TodoLetterReturned, "退回修改："+letterName(l)+" 致 "+l.OrganName, l, Date{}))
	}
	return out, nil
}

// lettersToApproveTodo: the court's drafts awaiting the leader's approval.
func lettersToApproveTodo(ctx context.Context, s *Store, a Actor, today Date) ([]TodoItem, error) {
	list, err := s.ListLetters(ctx, CourtVisibility(a.Court), LetterFilter{Status: LetterDraft}, Page{Page: 1, Size: todoItemsPerSource})
	if err != nil {
		return nil, err
	}
	var out []TodoItem
	for _, l := range list.Items {
		out = append(out, letterTodo(TodoLetterApproval, "待审批："+letterName(l)+" 致 "+l.OrganName+"（"+l.DraftedByName+" 起草）", l, Date{}))
	}
	return out, nil
}

// overdueByJudgeTodo: the court's cases past their deadline, grouped by judge.
func overdueByJudgeTodo(ctx context.Context, s *Store, a Actor, today Date) ([]TodoItem, error) {
	yes := true
	list, err := s.ListCases(ctx, a, CourtVisibility(a.Court), CaseFilter{Overdue: &yes, Sort: "deadline_on"}, Page{Page: 1, Size: todoItemsPerSource})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(list.Items, func(i, j int) bool { return list.Items[i].JudgeName < list.Items[j].JudgeName })
	var out []TodoItem
	for _, c := range list.Items {
		judge := c.JudgeName
		if judge == "" {
			judge = "未指定法官"
		}
		out = append(out, caseTodo(TodoCaseOverdue, "超审限（"+judge+"）：", c))
	}
	return out, nil
}

// idleMediationsTodo: the mediator's open assigned cases with no mediation record in 14 days.
func idleMediationsTodo(ctx context.Context, s *Store, a Actor, today Date) ([]TodoItem, error) {
	var rows []struct {
		ID      int64
		CaseNo  string
		FiledOn Date
		LastOn  Date
	}
	since := today.AddDays(-todoMediationIdle)
	err := s.DB.WithContext(ctx).Raw(`SELECT c.id, c.case_no, c.filed_on,
		(SELECT MAX(m.held_on) FROM mediations m WHERE m.case_id = c.id AND m.scheduled = 0) AS last_on
		FROM cases c JOIN case_mediators cm ON cm.case_id = c.id
		WHERE c.court_code = ? AND cm.user_id = ? AND c.status <> ? AND c.filed_on <= ?
		AND NOT EXISTS (SELECT 1 FROM mediations m WHERE m.case_id = c.id AND m.scheduled = 0 AND m.held_on > ?)
		ORDER BY c.id LIMIT ?`, a.Court, a.UserID, StatusClosed, since, since, todoItemsPerSource).Scan(&rows).Error
	if err != nil {
		return nil, s.Err(err)
	}
	var out []TodoItem
	for _, r := range rows {
		from, what := r.FiledOn, "立案后"
		if !r.LastOn.IsZero() {
			from, what = r.LastOn, "上次调解后"
		}
		due := from.AddDays(todoMediationIdle)
		out = append(out, TodoItem{Kind: TodoMediationIdle, Title: fmt.Sprintf("调解：%s %s %d 天无调解记录", r.CaseNo, what, today.DaysSince(from)),
			DueOn: datePtr(due), CaseID: idPtr(r.ID), Link: fmt.Sprintf("/cases/%d#mediations", r.ID),
			Key: fmt.Sprintf("case:%d:mediation_idle:%s", r.ID, from)})
	}
	return out, nil
}

// lettersAwaitingReplyTodo: issued letters awaiting the organs' replies.
func lettersAwaitingReplyTodo(ctx context.Context, s *Store, a Actor, today Date) ([]TodoItem, error) {
	ls, err := s.lettersAwaitingReply(ctx, a, today)
	if err != nil {
		return nil, err
	}
	var out []TodoItem
	for i, l := range ls {
		if i == todoItemsPerSource {
			break
		}
		out = append(out, letterTodo(TodoLetterReply, "待回复："+letterName(l)+" 致 "+l.OrganName, l, l.ReplyDueOn))
	}
	return out, nil
}

// followupsDueTodo: meeting follow-up items due within 7 days or past due.
func followupsDueTodo(ctx context.Context, s *Store, a Actor, today Date) ([]TodoItem, error) {
	rows, err := s.ListOpenFollowups(ctx, a, deskListLimit)
	if err != nil {
		return nil, err
	}
	limit := today.AddDays(todoFollowupAhead)
	var out []TodoItem
	for _, f := range rows {
		if f.DueOn.IsZero() || f.DueOn.After(limit) || len(out) == todoItemsPerSource {
			continue
		}
		out = append(out, TodoItem{Kind: TodoFollowup, Title: "会议落实：" + f.Item + "（" + f.MeetingTopic + "）",
			DueOn: datePtr(f.DueOn), Link: fmt.Sprintf("/meetings/%d", f.MeetingID), Key: fmt.Sprintf("followup:%d:%s", f.ID, f.DueOn)})
	}
	return out, nil
}

// linkageHearingsTodo: hearings of 府院联动 cases in the next 14 days.
func linkageHearingsTodo(ctx context.Context, s *Store, a Actor, today Date) ([]TodoItem, error) {
	rows, err := s.upcomingHearings(ctx, a.Court, today, todoLinkageDaysHead, "c.linkage = 1")
	if err != nil {
		return nil, err
	}
	var out []TodoItem
	for _, h := range rows {
		it := hearingTodo(TodoLinkageHearing, h)
		it.Title = "联动案件" + it.Title
		out = append(out, it)
	}
	return out, nil
}
