package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// SuspendInput is the body of POST /cases/:id/suspend: the day the case is
// suspended and why (中止 by default; 鉴定, 公告 or 管辖异议 with no end known yet).
type SuspendInput struct {
	On     Date   `json:"on"`
	Reason string `json:"reason"`
}

// ResumeInput is the body of POST /cases/:id/resume.
type ResumeInput struct {
	On Date `json:"on"`
}

// CloseInput is the body of POST /cases/:id/close.
type CloseInput struct {
	ClosedOn       Date   `json:"closed_on"`
	Method         string `json:"method"`
	JudgmentResult string `json:"judgment_result"`
	PenaltyAfter   *Money `json:"penalty_after"`
	// OrganCorrected, with a withdrawal: the plaintiff withdrew because the
	// organ changed or withdrew its act (被告改变行政行为).
	OrganCorrected bool `json:"organ_corrected"`
	// Version, when given, is the version of the case the closing was
	// decided on (the page's); a case changed since is a conflict.
	Version int `json:"version"`
}

// SuspendCase suspends a running case (中止): its clock stops from that day
// until it is resumed.
func (s *Store) SuspendCase(ctx context.Context, a Actor, id int64, in SuspendInput) (Case, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (Case, error) { return s.SuspendCaseTx(tx, a, id, in) })
}

// SuspendCaseTx is SuspendCase inside tx.
func (s *Store) SuspendCaseTx(tx *gorm.DB, a Actor, id int64, in SuspendInput) (Case, error) {
	r, err := s.lockCaseForTx(tx, a, id, ActionCaseSuspend)
	if err != nil {
		return Case{}, err
	}
	switch r.Status {
	case StatusClosed:
		return Case{}, Conflict("案件已结案，不能中止")
	case StatusSuspended:
		return Case{}, Conflict("案件已处于中止状态")
	}
	p := Problems{}
	reason := "suspension"
	if v := strings.TrimSpace(in.Reason); v != "" {
		code, ok := ExcludedReasons.Parse(v)
		if !ok {
			p.Add("reason", "中止事由应为中止、鉴定、公告或管辖异议")
		}
		reason = code
	}
	s.checkEventDay(p, "on", "中止日期", in.On, r.FiledOn)
	if err := p.Err(); err != nil {
		return Case{}, err
	}
	if err := s.checkNoOverlapTx(tx, id, in.On, Date{}, "on"); err != nil {
		return Case{}, err
	}
	ep := ExcludedPeriod{CaseID: id, Reason: reason, StartOn: in.On, CreatedBy: actorID(a), CreatedAt: s.Clock.Now().UTC()}
	if err := tx.Create(&ep).Error; err != nil {
		return Case{}, err
	}
	if err := s.moveDeadlineTx(tx, a, r, map[string]any{"status": StatusSuspended}, "case.suspend", map[string]any{"excluded_period": ep}); err != nil {
		return Case{}, err
	}
	return s.getCaseTx(tx, a.Court, id)
}

// ResumeCase resumes a suspended case: the suspension ends that day and the
// deadline moves by its days. The case returns to mediating when it has
// mediation records, else to filed.
func (s *Store) ResumeCase(ctx context.Context, a Actor, id int64, in ResumeInput) (Case, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (Case, error) { return s.ResumeCaseTx(tx, a, id, in) })
}

// ResumeCaseTx is ResumeCase inside tx.
func (s *Store) ResumeCaseTx(tx *gorm.DB, a Actor, id int64, in ResumeInput) (Case, error) {
	r, err := s.lockCaseForTx(tx, a, id, ActionCaseSuspend)
	if err != nil {
		return Case{}, err
	}
	if r.Status != StatusSuspended {
		return Case{}, Conflict("案件未处于中止状态，无需恢复")
	}
	var open ExcludedPeriod
	if err := tx.Where("case_id = ? AND end_on IS NULL", id).Order("start_on DESC").Take(&open).Error; err != nil {
		return Case{}, err
	}
	p := Problems{}
	s.checkEventDay(p, "on", "恢复日期", in.On, open.StartOn)
	if err := p.Err(); err != nil {
		return Case{}, err
	}
	if err := tx.Model(&ExcludedPeriod{}).Where("id = ?", open.ID).Update("end_on", in.On).Error; err != nil {
		return Case{}, err
	}
	open.EndOn = in.On
	open.Days = open.period().Days()
	status := StatusFiled
	var n int64
	if err := tx.Table("mediations").Where("case_id = ? AND scheduled = ?", id, false).Count(&n).Error; err != nil {
		return Case{}, err
	}
	if n > 0 {
		status = StatusMediating
	}
	if err := s.moveDeadlineTx(tx, a, r, map[string]any{"status": status}, "case.resume", map[string]any{"excluded_period": open}); err != nil {
		return Case{}, err
	}
	return s.getCaseTx(tx, a.Court, id)
}

// checkEventDay checks the day of an event on a case: given, not before
// notBefore (the filing or the suspension) and not after today.
func (s *Store) checkEventDay(p Problems, field, what string, d, notBefore Date) {
	s.checkDay(p, field, what, "请填写"+what+"（格式 YYYY-MM-DD）", what+"不能早于 "+notBefore.String(), d, notBefore)
}

// checkDaySinceFiling checks the day of a step on a case filed on filedOn:
// given (else missing), not before the filing and not after today.
func (s *Store) checkDaySinceFiling(p Problems, field, what, missing string, d, filedOn Date) {
	s.checkDay(p, field, what, missing, what+"不能早于立案日期（"+filedOn.String()+"）", d, filedOn)
}

// checkDay adds missing when d is not given, early when it lies before
// notBefore, and what 不能晚于今天 when it lies after today.
func (s *Store) checkDay(p Problems, field, what, missing, early string, d, notBefore Date) {
	switch {
	case d.IsZero():
		p.Add(field, missing)
	case d.Before(notBefore):
		p.Add(field, early)
	case d.After(s.Clock.Today()):
		p.Add(field, what+"不能晚于今天")
	}
}

// CloseCase closes a case with its method (and judgment result) and, for a
// fine, the amount after the case.
func (s *Store) CloseCase(ctx context.Context, a Actor, id int64, in CloseInput) (Case, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (Case, error) { return s.CloseCaseTx(tx, a, id, in) })
}

// CloseCaseTx closes a case inside tx, if the actor may close it as it is
// now (case:close decided on the locked row). It stores closed_on, the
// method, the judgment result, days_to_close (closed_on − filed_on) and
// penalty_after. A 行诉前调 case closes only as mediation (化解成功) or
// failed (调解不成). Closing twice or closing a suspended case is a conflict;
// closed_on before filed_on is bad input.
func (s *Store) CloseCaseTx(tx *gorm.DB, a Actor, id int64, in CloseInput) (Case, error) {
	r, err := s.lockCaseForTx(tx, a, id, ActionCaseClose)
	if err != nil {
		return Case{}, err
	}
	return s.closeCaseTx(tx, a, r, in)
}

// closeCaseTx closes the locked case r.
func (s *Store) closeCaseTx(tx *gorm.DB, a Actor, r caseRecord, in CloseInput) (Case, error) {
	id := r.ID
	cl, err := s.closingOf(r, in)
	if err != nil {
		return Case{}, err
	}
	before, err := s.getCaseTx(tx, a.Court, id)
	if err != nil {
		return Case{}, err
	}
	if err := s.bumpCaseTx(tx, id, r.Version, cl.changes()); err != nil {
		return Case{}, err
	}
	if IsResolution(cl.Method) {
		if err := s.scheduleVisitsTx(tx, a.Court, resolvedCase{id, in.ClosedOn}); err != nil {
			return Case{}, err
		}
	}
	after := cl.closed(before)
	return after, s.Audit(tx, a, "case.close", "case", id, before, after)
}

// closing is a closing of a case that its checks (closingOf) allowed.
type closing struct {
	CloseInput
	Method, Result string // codes
	Days           int    // closed_on − filed_on
}

// closingOf checks a closing of the case r as it is: not closed twice, not
// while suspended, a real day not before the filing nor after today, a
// method of its type, a judgment's result, a penalty not raised.
func (s *Store) closingOf(r caseRecord, in CloseInput) (closing, error) {
	if in.Version > 0 && in.Version != r.Version {
		return closing{}, StaleVersion()
	}
	switch r.Status {
	case StatusClosed:
		return closing{}, Conflict("案件已于 %s 结案，不能重复结案", r.ClosedOn)
	case StatusSuspended:
		return closing{}, Conflict("案件处于中止状态，请先恢复审理再结案")
	}
	p := Problems{}
	s.checkDaySinceFiling(p, "closed_on", "结案日期", "请填写结案日期（格式 YYYY-MM-DD）", in.ClosedOn, r.FiledOn)
	method, ok := CloseMethods.Parse(strings.TrimSpace(in.Method))
	switch {
	case strings.TrimSpace(in.Method) == "":
		p.Add("method", "请选择结案方式")
	case !ok:
		p.Add("method", "结案方式不正确")
	case !slices.ContainsFunc(CloseMethodsFor(r.CaseType), func(o Option) bool { return o.Code == method }):
		if r.CaseType == PreLitigationType {
			p.Add("method", "诉前调解案件只能以“调解”（化解成功）或“调解不成”结案")
		} else {
			p.Add("method", "“调解不成”只适用于诉前调解案件；诉讼案件请选择判决、撤诉等方式")
		}
	}
	result := ""
	if method == "judgment" {
		v, ok := JudgmentResults.Parse(strings.TrimSpace(in.JudgmentResult))
		switch {
		case !ok:
			p.Add("judgment_result", "判决结案请选择判决结果（维持/驳回诉讼请求、撤销、变更、确认违法、确认无效、责令履行、判决赔偿）")
		case v == "compensate" && r.CaseType != CompensationType:
			p.Add("judgment_result", "“判决赔偿”只适用于行政赔偿案件（"+CompensationType+"）")
		}
		result = v
	}
	if in.OrganCorrected && method != "withdrawal" {
		p.Add("organ_corrected", "“被告改变行政行为后撤诉”只适用于准予撤诉结案")
	}
	if in.PenaltyAfter != nil {
		switch {
		case r.PenaltyBefore == nil:
			p.Add("penalty_after", "本案未登记原处罚金额，请先在“修改案件信息”中填写原处罚金额")
		case *in.PenaltyAfter > *r.PenaltyBefore:
			p.Add("penalty_after", "结案后的处罚金额不能高于原处罚金额（"+r.PenaltyBefore.Yuan()+" 元）")
		}
	}
	if err := p.Err(); err != nil {
		return closing{}, err
	}
	return closing{CloseInput: in, Method: method, Result: result, Days: in.ClosedOn.DaysSince(r.FiledOn)}, nil
}

// changes are the columns of cases the closing writes.
func (cl closing) changes() map[string]any {
	changes := map[string]any{
		"status": StatusClosed, "closed_on": cl.ClosedOn, "close_method": cl.Method,
		"judgment_result": cl.Result, "days_to_close": cl.Days, "organ_corrected": cl.OrganCorrected,
	}
	if cl.PenaltyAfter != nil {
		changes["penalty_after"] = *cl.PenaltyAfter
	}
	return changes
}

// apply sets the columns of changes (closing.changes) on a case row about
// to be written.
func (r *caseRecord) apply(changes map[string]any) error {
	for c, v := range changes {
		switch c {
		case "status":
			r.Status = v.(string)
		case "closed_on":
			r.ClosedOn = v.(Date)
		case "close_method":
			r.CloseMethod = v.(string)
		case "judgment_result":
			r.JudgmentResult = v.(string)
		case "days_to_close":
			days := v.(int)
			r.DaysToClose = &days
		case "organ_corrected":
			r.OrganCorrected = v.(bool)
		case "penalty_after":
			m := v.(Money)
			r.PenaltyAfter = &m
		default:
			return fmt.Errorf("caseRecord.apply: column %s", c)
		}
	}
	return nil
}

// opened is a case filed and closed by cl in one write (FileCasesTx), as
// read after both, as it was read before its closing (closed's inverse).
func openedCase(after Case, today Date) Case {
	before := after
	before.Status, before.ClosedOn, before.Method, before.JudgmentResult = StatusFiled, Date{}, "", ""
	before.DaysToClose, before.Version, before.OrganCorrected = nil, after.Version-1, false
	before.PenaltyAfter = nil // a filing writes none
	before.DeadlineView = ViewDeadline(StatusFiled, after.DeadlineOn, Date{}, today)
	return before
}

// closed is the case before, as read before the closing, closed.
func (cl closing) closed(before Case) Case {
	after := before
	days := cl.Days
	after.Status, after.ClosedOn, after.Method, after.JudgmentResult = StatusClosed, cl.ClosedOn, cl.Method, cl.Result
	after.DaysToClose, after.Version, after.DaysLeft, after.DeadlineFlag = &days, before.Version+1, nil, ""
	after.OrganCorrected = cl.OrganCorrected
	if cl.PenaltyAfter != nil {
		after.PenaltyAfter = cl.PenaltyAfter
	}
	return after
}
