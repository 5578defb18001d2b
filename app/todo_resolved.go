package app

import (
	"context"
	"fmt"
)

// What "actually resolved" (案结事了) brings to people's to-do lists: the
// follow-up visits and the commitments (复绿, 完善手续, 分期赔偿 …) falling due in
// the coming 30 days or already overdue — a judge's on their own cases, the
// liaison's on the 府院联动 cases (the liaison desk).

// Kinds of the to-do items of this file.
const (
	TodoVisit      = "visit"      // a follow-up visit of a judge's resolved case due or overdue
	TodoCommitment = "commitment" // a commitment in a judge's case due or overdue
)

func init() {
	RegisterTodoSource(RoleJudge, visitsDueTodo)
	RegisterTodoSource(RoleJudge, commitmentsDueTodo)
}

// visitsDueTodo: the visits of the judge's own resolved cases due within 30 days or overdue.
func visitsDueTodo(ctx context.Context, s *Store, a Actor, today Date) ([]TodoItem, error) {
	vs, err := s.VisitsToDo(ctx, NewVisibility(a, ScopeOwn), todoItemsPerSource)
	if err != nil {
		return nil, err
	}
	var out []TodoItem
	for _, v := range vs {
		out = append(out, TodoItem{Kind: TodoVisit, Title: fmt.Sprintf("回访：%s 结案后 %d 个月回访（%s）", v.CaseNo, v.Round, v.Plaintiff),
			DueOn: datePtr(v.DueOn), CaseID: idPtr(v.CaseID), Link: fmt.Sprintf("/cases/%d#visit-%d", v.CaseID, v.ID)})
	}
	return out, nil
}

// commitmentsDueTodo: the unfulfilled commitments of the judge's own cases due within 30 days or overdue.
func commitmentsDueTodo(ctx context.Context, s *Store, a Actor, today Date) ([]TodoItem, error) {
	cs, err := s.CommitmentsDue(ctx, NewVisibility(a, ScopeOwn), false, todoItemsPerSource)
	if err != nil {
		return nil, err
	}
	var out []TodoItem
	for _, c := range cs {
		out = append(out, TodoItem{Kind: TodoCommitment, Title: fmt.Sprintf("履行承诺：%s %s（%s）", c.CaseNo, CommitmentKinds.Label(c.Kind), c.OrganName),
			DueOn: datePtr(c.DueOn), CaseID: idPtr(c.CaseID), Link: fmt.Sprintf("/cases/%d#commitments", c.CaseID)})
	}
	return out, nil
}

// ResolvedDueDays is how far ahead visits and commitments come to the to-do list.
const ResolvedDueDays = 30

// CommitmentDue is an unfulfilled commitment due within ResolvedDueDays or overdue, with its case.
type CommitmentDue struct {
	ID            int64  `json:"id"`
	CaseID        int64  `json:"case_id"`
	CaseNo        string `json:"case_no"`
	Kind          string `json:"kind"`
	DueOn         Date   `json:"due_on"`
	Amount        *Money `json:"amount"`
	Notes         string `json:"notes"`
	JudgeID       *int64 `json:"judge_id"`
	JudgeName     string `json:"judge_name"`
	OrganName     string `json:"organ_name"`
	PlaintiffName string `json:"plaintiff_name"`
	Linkage       bool   `json:"linkage"`
	Overdue       bool   `json:"overdue" gorm:"-"`
}

// CommitmentsDue lists the unfulfilled commitments of the cases the
// visibility sees (only 府院联动 cases with linkageOnly) due within
// ResolvedDueDays of today or overdue, the earliest due first, at most limit.
func (s *Store) CommitmentsDue(ctx context.Context, vis Visibility, linkageOnly bool, limit int) ([]CommitmentDue, error) {
	today := s.Clock.Today()
	items := []CommitmentDue{}
	q := s.DB.WithContext(ctx).Table("commitments cm").
		Joins("JOIN cases c ON c.id = cm.case_id").
		Joins("JOIN organs o ON o.id = c.organ_id").
		Joins("LEFT JOIN users j ON j.id = c.judge_id").
		Select("cm.id, cm.case_id, c.case_no, cm.kind, cm.due_on, cm.amount, cm.notes, c.judge_id, j.name AS judge_name, o.name AS organ_name, c.plaintiff_name, c.linkage").
		Where("cm.court_code = ? AND cm.fulfilled_on IS NULL AND cm.due_on <= ?", vis.Court, today.AddDays(ResolvedDueDays))
	if linkageOnly {
		q = q.Where("c.linkage <> 0")
	}
	q = vis.Apply(q, CaseColumns("c")).Order("cm.due_on, cm.id")
	if limit > 0 {
		q = q.Limit(limit)
	}
	if err := q.Scan(&items).Error; err != nil {
		return nil, s.Err(err)
	}
	for i := range items {
		items[i].Overdue = items[i].DueOn.Before(today)
	}
	return items, nil
}

// VisitsToDo lists the follow-up visits not yet made of the cases the
// visibility sees, due within ResolvedDueDays of today or overdue, the
// earliest due first, at most limit.
func (s *Store) VisitsToDo(ctx context.Context, vis Visibility, limit int) ([]Visit, error) {
	list, err := s.ListVisits(ctx, vis, VisitFilter{Open: true, To: s.Clock.Today().AddDays(ResolvedDueDays)}, Page{Page: 1, Size: limit})
	return list.Items, err
}
