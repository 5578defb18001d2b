package app

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"fuyuan/app/form"
)

// Requests to extend a case's time limit (延长审限申请). The case's judge asks
// (a reason, and how many days or until when); a leader (院庭长) agrees to put
// the request to the higher court (approved, 同意报请上级法院) or refuses it
// (不予报请) with a comment; the judge may withdraw a pending request.
// Recording the higher court's approval (AddExtension) completes an approved
// request. One request per case is pending at a time; every step is decided
// on the case's locked row, audited on the case, and brings its reminder
// (extensionRequestNoticesTx). Nothing is deleted.

// The statuses of a request.
const (
	ExtensionPending   = "pending"
	ExtensionApproved  = "approved"
	ExtensionRefused   = "refused"
	ExtensionWithdrawn = "withdrawn"
	ExtensionCompleted = "completed"
)

// ExtensionRequestStatuses are the statuses of a request in words.
var ExtensionRequestStatuses = Enum{"extension_status", []Option{
	{ExtensionPending, "待审批"}, {ExtensionApproved, "同意报请上级法院"}, {ExtensionRefused, "不予报请"},
	{ExtensionWithdrawn, "已撤回"}, {ExtensionCompleted, "上级法院已批准"},
}}

// ActionExtensionDecide is a leader's decision on a request (approve or refuse).
const ActionExtensionDecide Action = "extension:decide"

// TodoExtensionRequest is the kind of the leader's to-do item (and the
// reminders) of a request.
const TodoExtensionRequest = "extension_request"

// maxExtensionDays bounds the days a request may ask for.
const maxExtensionDays = 366

func init() { RegisterTodoSource(RoleLeader, extensionRequestsTodo) }

// ExtensionRequest is a judge's request to extend a case's time limit.
type ExtensionRequest struct {
	ID        int64  `json:"id" gorm:"primaryKey"`
	CourtCode string `json:"-"`
	CaseID    int64  `json:"case_id"`
	CaseNo    string `json:"case_no" gorm:"->"`
	Status    string `json:"status"`
	Reason    string `json:"reason"`
	// DeadlineOn is the case's deadline when the request was made.
	DeadlineOn Date `json:"deadline_on"`
	// RequestedDeadlineOn is the deadline asked for; Days the days it adds.
	RequestedDeadlineOn Date      `json:"requested_deadline_on"`
	Days                int       `json:"days" gorm:"-"`
	RequestedBy         int64     `json:"requested_by"`
	RequestedByName     string    `json:"requested_by_name" gorm:"->"`
	RequestedAt         time.Time `json:"requested_at"`
	// DecidedBy, DecidedAt and Comment are the leader's decision (or the judge's withdrawal).
	DecidedBy     *int64     `json:"decided_by"`
	DecidedByName string     `json:"decided_by_name" gorm:"->"`
	DecidedAt     *time.Time `json:"decided_at"`
	Comment       string     `json:"comment"`
	// ExtensionID is the extension recorded from the higher court's approval.
	ExtensionID *int64 `json:"extension_id"`
	Version     int    `json:"version"`
	// CaseDeadlineOn is the case's deadline now.
	CaseDeadlineOn Date `json:"case_deadline_on" gorm:"->"`
}

// TableName is the extension requests table.
func (ExtensionRequest) TableName() string { return "extension_requests" }

// ExtensionRequestInput is the body of POST /cases/:id/extension-requests:
// the reason, and the days to add to the current deadline or the deadline asked for.
type ExtensionRequestInput struct {
	Reason        string `json:"reason"`
	Days          int    `json:"days"`
	NewDeadlineOn Date   `json:"new_deadline_on"`
}

// ExtensionDecision is the body of POST /extension-requests/:id/approve,
// refuse and withdraw; a version (not 0) must be the request's.
type ExtensionDecision struct {
	Comment string `json:"comment"`
	Version int    `json:"version"`
}

func extensionRequestsQuery(db *gorm.DB) *gorm.DB {
	return db.Table("extension_requests r").
		Select("r.*, k.case_no, k.deadline_on AS case_deadline_on, COALESCE(u.name, '') AS requested_by_name, COALESCE(d.name, '') AS decided_by_name").
		Joins("JOIN cases k ON k.id = r.case_id").
		Joins("LEFT JOIN users u ON u.id = r.requested_by").
		Joins("LEFT JOIN users d ON d.id = r.decided_by")
}

func scanExtensionRequests(q *gorm.DB) ([]ExtensionRequest, error) {
	items := []ExtensionRequest{}
	if err := q.Scan(&items).Error; err != nil {
		return nil, err
	}
	for i := range items {
		items[i].Days = items[i].RequestedDeadlineOn.DaysSince(items[i].DeadlineOn)
	}
	return items, nil
}

// ListCaseExtensionRequests lists the requests of a case of the actor's court, the newest first.
func (s *Store) ListCaseExtensionRequests(ctx context.Context, a Actor, caseID int64) ([]ExtensionRequest, error) {
	items, err := scanExtensionRequests(extensionRequestsQuery(s.DB.WithContext(ctx)).
		Where("r.case_id = ? AND r.court_code = ?", caseID, a.Court).Order("r.id DESC"))
	return items, s.Err(err)
}

// ExtensionRequestFilter chooses requests: of one status ("" every status),
// of open cases only, at most Limit (0: all).
type ExtensionRequestFilter struct {
	Status    string
	OpenCases bool
	Limit     int
}

// ListExtensionRequests lists the requests of the cases the visibility sees
// that f chooses, the oldest first.
func (s *Store) ListExtensionRequests(ctx context.Context, vis Visibility, f ExtensionRequestFilter) ([]ExtensionRequest, error) {
	if f.Status != "" && !ExtensionRequestStatuses.Valid(f.Status) {
		return nil, Invalid("status", "状态应为 pending、approved、refused、withdrawn 或 completed")
	}
	q := extensionRequestsQuery(s.DB.WithContext(ctx)).Where("r.court_code = ?", vis.Court)
	if f.Status != "" {
		q = q.Where("r.status = ?", f.Status)
	}
	if f.OpenCases {
		q = q.Where("k.status <> ?", StatusClosed)
	}
	q = vis.Apply(q, CaseColumns("k")).Order("r.id")
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	items, err := scanExtensionRequests(q)
	return items, s.Err(err)
}

// ExtensionRequestCase returns the case a request belongs to, for
// authorisation; it does not filter by court (the caller's authorisation does).
func (s *Store) ExtensionRequestCase(ctx context.Context, id int64) (CaseRef, error) {
	return s.recordCase(ctx, "extension_requests", "延长审限申请", id)
}

func getExtensionRequestTx(tx *gorm.DB, court string, id int64) (ExtensionRequest, error) {
	r, err := take[ExtensionRequest](extensionRequestsQuery(tx).Where("r.id = ? AND r.court_code = ?", id, court), "延长审限申请")
	r.Days = r.RequestedDeadlineOn.DaysSince(r.DeadlineOn)
	return r, err
}

// RequestExtension records the judge's request to extend the time limit of an open case.
func (s *Store) RequestExtension(ctx context.Context, a Actor, caseID int64, in ExtensionRequestInput) (ExtensionRequest, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (ExtensionRequest, error) {
		var out ExtensionRequest
		r, err := s.lockCaseForTx(tx, a, caseID, ActionCaseEdit)
		if err != nil {
			return out, err
		}
		if r.Status == StatusClosed {
			return out, Invalid("case", "案件已结案，不能申请延长审限")
		}
		var pending int64
		if err := tx.Model(&ExtensionRequest{}).Where("case_id = ? AND status = ?", caseID, ExtensionPending).Count(&pending).Error; err != nil {
			return out, err
		}
		if pending > 0 {
			return out, Conflict("本案已有待审批的延长审限申请，请等待院庭长审批或先撤回")
		}
		p := Problems{}
		reason := form.Text(p, "reason", in.Reason, "申请理由", 500)
		if reason == "" {
			p.Add("reason", "请填写申请延长审限的理由")
		}
		want := in.NewDeadlineOn
		switch {
		case in.Days < 0 || in.Days > maxExtensionDays:
			p.Add("days", fmt.Sprintf("延长天数应在 1 至 %d 天之间", maxExtensionDays))
		case in.Days > 0 && !want.IsZero() && want != r.DeadlineOn.AddDays(in.Days):
			p.Add("new_deadline_on", "申请延长至的日期与延长天数不一致，只填其中一项即可")
		case in.Days > 0:
			want = r.DeadlineOn.AddDays(in.Days)
		case want.IsZero():
			p.Add("new_deadline_on", "请填写延长天数或申请延长至的日期")
		case !want.After(r.DeadlineOn):
			p.Add("new_deadline_on", "申请延长至的日期应晚于当前审限（"+r.DeadlineOn.String()+"）")
		}
		if err := p.Err(); err != nil {
			return out, err
		}
		req := ExtensionRequest{CourtCode: r.CourtCode, CaseID: caseID, Status: ExtensionPending, Reason: reason,
			DeadlineOn: r.DeadlineOn, RequestedDeadlineOn: want, RequestedBy: a.UserID, RequestedAt: s.Clock.Now().UTC(), Version: 1}
		if err := tx.Create(&req).Error; err != nil {
			return out, err
		}
		if out, err = getExtensionRequestTx(tx, a.Court, req.ID); err != nil {
			return out, err
		}
		if err := s.extensionRequestNoticesTx(tx, out); err != nil {
			return out, err
		}
		return out, s.Audit(tx, a, "case.extension_request", "case", caseID, nil, map[string]any{"extension_request": out})
	})
}

// ApproveExtensionRequest records a leader's agreement to put a pending
// request to the higher court (同意报请上级法院).
func (s *Store) ApproveExtensionRequest(ctx context.Context, a Actor, id int64, in ExtensionDecision) (ExtensionRequest, error) {
	return s.decideExtensionRequest(ctx, a, id, in, ActionExtensionDecide, ExtensionApproved)
}

// RefuseExtensionRequest records a leader's refusal of a pending request
// (不予报请); the comment says why.
func (s *Store) RefuseExtensionRequest(ctx context.Context, a Actor, id int64, in ExtensionDecision) (ExtensionRequest, error) {
	return s.decideExtensionRequest(ctx, a, id, in, ActionExtensionDecide, ExtensionRefused)
}

// WithdrawExtensionRequest records the judge's withdrawal of a pending request.
func (s *Store) WithdrawExtensionRequest(ctx context.Context, a Actor, id int64, in ExtensionDecision) (ExtensionRequest, error) {
	return s.decideExtensionRequest(ctx, a, id, in, ActionCaseEdit, ExtensionWithdrawn)
}

// decideExtensionRequest moves pending request id to status, the actor
// being allowed action on its (locked) case.
func (s *Store) decideExtensionRequest(ctx context.Context, a Actor, id int64, in ExtensionDecision, action Action, status string) (ExtensionRequest, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (ExtensionRequest, error) {
		var out ExtensionRequest
		before, err := getExtensionRequestTx(tx, a.Court, id)
		if err != nil {
			return out, err
		}
		// The case's lock serialises the changes of its requests; the request is read again under it.
		r, err := s.lockCaseForTx(tx, a, before.CaseID, action)
		if err != nil {
			return out, err
		}
		if before, err = getExtensionRequestTx(tx, a.Court, id); err != nil {
			return out, err
		}
		if before.Status != ExtensionPending {
			return out, Conflict("该延长审限申请已是“%s”，不能再处理", ExtensionRequestStatuses.Label(before.Status))
		}
		if in.Version != 0 && in.Version != before.Version {
			return out, StaleVersion()
		}
		p := Problems{}
		comment := form.Text(p, "comment", in.Comment, "意见", 500)
		if status == ExtensionRefused && comment == "" {
			p.Add("comment", "请填写不予报请的理由")
		}
		if err := p.Err(); err != nil {
			return out, err
		}
		if status == ExtensionApproved && r.Status == StatusClosed {
			return out, Conflict("案件已结案，不需要再报请延长审限")
		}
		now := s.Clock.Now().UTC()
		res := tx.Model(&ExtensionRequest{}).Where("id = ? AND status = ? AND version = ?", id, ExtensionPending, before.Version).
			Updates(map[string]any{"status": status, "decided_by": a.UserID, "decided_at": now, "comment": comment, "version": before.Version + 1})
		if err := changedOne(res, StaleVersion()); err != nil {
			return out, err
		}
		if out, err = getExtensionRequestTx(tx, a.Court, id); err != nil {
			return out, err
		}
		if err := s.extensionRequestNoticesTx(tx, out); err != nil {
			return out, err
		}
		return out, s.Audit(tx, a, "case.extension_request."+status, "case", out.CaseID,
			map[string]any{"extension_request": before}, map[string]any{"extension_request": out})
	})
}

// completeExtensionRequestsTx links the approved requests of a case to the
// extension ext the higher court approved, completing them.
func (s *Store) completeExtensionRequestsTx(tx *gorm.DB, a Actor, ext Extension) error {
	var approved []ExtensionRequest
	if err := tx.Where("case_id = ? AND status = ?", ext.CaseID, ExtensionApproved).Order("id").Find(&approved).Error; err != nil {
		return err
	}
	for _, before := range approved {
		if err := tx.Model(&ExtensionRequest{}).Where("id = ?", before.ID).
			Updates(map[string]any{"status": ExtensionCompleted, "extension_id": ext.ID, "version": before.Version + 1}).Error; err != nil {
			return err
		}
		out, err := getExtensionRequestTx(tx, before.CourtCode, before.ID)
		if err != nil {
			return err
		}
		if err := s.extensionRequestNoticesTx(tx, out); err != nil {
			return err
		}
		if err := s.Audit(tx, a, "case.extension_request."+ExtensionCompleted, "case", ext.CaseID,
			map[string]any{"extension_request": before}, map[string]any{"extension_request": out}); err != nil {
			return err
		}
	}
	return nil
}

// Prefill is the record of the higher court's approval as far as the
// approved request r knows it: the deadline asked for, and the reason when it
// fits an extension's.
func (r ExtensionRequest) Prefill() ExtensionInput {
	in := ExtensionInput{NewDeadlineOn: r.RequestedDeadlineOn}
	if utf8.RuneCountInString(r.Reason) <= maxExtensionReason {
		in.Reason = r.Reason
	}
	return in
}

// FindExtensionRequest is the first of a case's requests in status, if any:
// the pending one, or the approved one awaiting the higher court.
func FindExtensionRequest(items []ExtensionRequest, status string) *ExtensionRequest {
	for i := range items {
		if items[i].Status == status {
			return &items[i]
		}
	}
	return nil
}

// extensionRequestNoticesTx raises the reminder of a request's new stage
// (pending: the court's leaders; approved or refused: the judge who asked)
// and retires those of its earlier stages; once withdrawn or completed, all.
func (s *Store) extensionRequestNoticesTx(tx *gorm.DB, r ExtensionRequest) error {
	var key, title string
	var to []int64
	switch r.Status {
	case ExtensionPending:
		key = fmt.Sprintf("extreq:%d:pending", r.ID)
		title = fmt.Sprintf("延长审限申请待审批：%s（%s 申请延至 %s）", r.CaseNo, r.RequestedByName, r.RequestedDeadlineOn)
		var err error
		if to, err = courtUsersTx(tx, r.CourtCode, RoleLeader); err != nil {
			return err
		}
	case ExtensionApproved:
		key, to = fmt.Sprintf("extreq:%d:approved", r.ID), []int64{r.RequestedBy}
		title = fmt.Sprintf("延长审限申请已同意报请上级法院：%s（%s 同意）；上级法院批准后请登记延长审限", r.CaseNo, r.DecidedByName)
	case ExtensionRefused:
		key, to = fmt.Sprintf("extreq:%d:refused", r.ID), []int64{r.RequestedBy}
		title = fmt.Sprintf("延长审限申请不予报请：%s，意见：%s", r.CaseNo, r.Comment)
	}
	if err := s.retireNoticesTx(tx, r.CourtCode, fmt.Sprintf("extreq:%d:", r.ID), key); err != nil || key == "" {
		return err
	}
	for _, u := range to {
		n := Notice{UserID: u, Key: key, Kind: TodoExtensionRequest, Title: title, Link: extensionRequestLink(r.CaseID), CaseID: idPtr(r.CaseID)}
		if err := s.NotifyTx(tx, r.CourtCode, n); err != nil {
			return err
		}
	}
	return nil
}

func extensionRequestLink(caseID int64) string {
	return fmt.Sprintf("/cases/%d#extension-requests", caseID)
}

// extensionRequestsTodo: the court's pending requests of open cases, for the
// leader to decide (a case closed meanwhile needs no more time).
func extensionRequestsTodo(ctx context.Context, s *Store, a Actor, today Date) ([]TodoItem, error) {
	list, err := s.ListExtensionRequests(ctx, CourtVisibility(a.Court), ExtensionRequestFilter{Status: ExtensionPending, OpenCases: true, Limit: todoItemsPerSource})
	if err != nil {
		return nil, err
	}
	var out []TodoItem
	for _, r := range list {
		out = append(out, TodoItem{Kind: TodoExtensionRequest,
			Title: fmt.Sprintf("延长审限申请：%s（%s 申请延长 %d 天，至 %s）", r.CaseNo, r.RequestedByName, r.Days, r.RequestedDeadlineOn),
			DueOn: datePtr(r.CaseDeadlineOn), CaseID: idPtr(r.CaseID), Link: extensionRequestLink(r.CaseID)})
	}
	return out, nil
}
