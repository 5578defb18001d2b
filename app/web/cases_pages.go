package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/app/form"
	"fuyuan/rbac"
)

// The pages of the case register: the list, the new-case form and one case
// with the forms of every step a user may take on it.

// caseFlashes are the messages shown after a step succeeded (?done=…).
var caseFlashes = map[string]string{
	"updated":           "案件信息已保存。",
	"unchanged":         "没有修改任何内容。",
	"assigned":          "承办法官和调解员已更新。",
	"suspended":         "已中止审理：审限自中止之日起暂停计算。恢复审理时，请在本页点击“恢复审理”。",
	"resumed":           "已恢复审理：审限已按中止的天数顺延，见上方“审限届满”。",
	"closed":            "已结案。结案信息见上方；如当事人作出了履行承诺，可继续在“履行承诺”中登记。",
	"mediation":         "调解记录已保存。",
	"mediation_linkage": "调解记录已保存。府院联合调解使本案成为府院联动案件，司法局联络员现在可以查阅本案。",
	"commitment":        "履行承诺已登记；到期未履行的承诺会标为“逾期未履行”。",
	"fulfilled":         "已登记承诺履行。",
	"excluded":          "扣除审限的期间已登记，审限已顺延。",
	"extension":         "延长审限已登记，审限届满日期已更新。",
	"hearing":           "开庭已安排。开庭后，请在“庭审”中登记行政机关负责人出庭应诉情况。",
	"heard":             "庭审情况已保存。",
	"appeal":            "上诉已登记；二审裁判后，请登记二审结果。",
	"decided":           "二审结果已登记。",
	"attachment":        "附件已上传，已收入卷宗。",
	"withdraw":          "附件已撤回：仍留档备查，不再收入卷宗。",
	"party":             "当事人已登记。",
	"party_removed":     "当事人已删除。",
	"act":               "被诉行政行为和诉讼请求已保存。",
	"document":          "文书已生成，见“文书与送达”；案件信息更正后可再次生成。",
	"served":            "送达情况已登记。",
}

// casesPage lists the court's cases the user may see, with filters and paging.
func (s *Server) casesPage(c *gin.Context) {
	pg, err := pageOf(c)
	if err != nil {
		s.renderError(c, err)
		return
	}
	f, err := app.ParseCaseFilter(c.Query)
	if err != nil {
		s.renderError(c, err)
		return
	}
	vis, err := s.caseVisibility(c)
	if err != nil {
		s.renderError(c, err)
		return
	}
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	list, err := s.Store.ListCases(ctx, a, vis, f, pg)
	if err != nil {
		s.renderError(c, err)
		return
	}
	types, err := s.Store.CaseTypes(ctx, a.Court)
	if err != nil {
		s.renderError(c, err)
		return
	}
	judges, err := s.Store.ListStaff(ctx, a, app.RoleJudge)
	if err != nil {
		s.renderError(c, err)
		return
	}
	var organs []app.Organ
	if s.Authz.Allowed(a, rbac.OrganRead) {
		ol, err := s.Store.ListOrgans(ctx, a, "", "", app.Page{Page: 1, Size: 1000})
		if err != nil {
			s.renderError(c, err)
			return
		}
		organs = ol.Items
	}
	filter := map[string]string{}
	for _, k := range []string{"q", "status", "case_type", "judge_id", "organ_id", "linkage", "overdue", "filed_from", "filed_to", "due_within"} {
		filter[k] = c.Query(k)
	}
	export := url.Values{}
	for k, v := range filter {
		if v != "" {
			export.Set(k, v)
		}
	}
	export.Set("sort", f.Sort)
	s.render(c, http.StatusOK, "case_list.html", "案件", gin.H{
		"Cases": list.Items, "Total": list.Total, "Pager": newPager(c, list.Total, pg.Page, pg.Size),
		"Filter": filter, "Types": types, "Judges": judges, "Organs": organs,
		"Sort": sortLinks(c, f.Sort), "Export": "/reports/cases.xlsx?" + export.Encode(),
		"Filtered": len(export) > 1, "Assigned": vis.Scope == app.ScopeAssigned,
		"MineOpen": vis.Scope == app.ScopeAssigned && c.Request.URL.RawQuery == mineOpenQuery,
	})
}

// sortLink is a sortable column header: where a click leads and which way it is sorted now.
type sortLink struct {
	Href string
	Mark string // "▲", "▼" or ""
}

// sortLinks gives each sortable column its link: ascending first, descending on a second click.
func sortLinks(c *gin.Context, current string) map[string]sortLink {
	out := map[string]sortLink{}
	for _, col := range []string{"case_no", "plaintiff", "filed_on", "status", "deadline_on", "closed_on"} {
		q := c.Request.URL.Query()
		q.Del("page")
		l := sortLink{}
		switch current {
		case col:
			q.Set("sort", "-"+col)
			l.Mark = "▲"
		case "-" + col:
			q.Set("sort", col)
			l.Mark = "▼"
		default:
			q.Set("sort", col)
		}
		l.Href = c.Request.URL.Path + "?" + q.Encode()
		out[col] = l
	}
	return out
}

// caseFormChoices are the lists a case form offers.
type caseFormChoices struct {
	Types        []app.CaseType
	Organs       []app.Organ
	Judges       []app.Staff
	Mediators    []app.Staff
	Workstations []app.WorkstationChoice
}

func (s *Server) caseFormChoices(c *gin.Context) (caseFormChoices, error) {
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	var ch caseFormChoices
	var err error
	if ch.Types, err = s.Store.CaseTypes(ctx, a.Court); err != nil {
		return ch, err
	}
	organs, err := s.Store.ListOrgans(ctx, a, "", "", app.Page{Page: 1, Size: 1000})
	if err != nil {
		return ch, err
	}
	ch.Organs = organs.Items
	if ch.Judges, err = s.Store.ListStaff(ctx, a, app.RoleJudge); err != nil {
		return ch, err
	}
	if ch.Mediators, err = s.Store.ListStaff(ctx, a, app.RoleMediator); err != nil {
		return ch, err
	}
	ch.Workstations, err = s.Store.WorkstationChoices(ctx, a)
	return ch, err
}

// caseNewPage shows the new-case form; ?origin_case_id=N files the litigation
// case that follows a failed pre-litigation mediation, with its parties filled in.
func (s *Server) caseNewPage(c *gin.Context) {
	a, _ := actorOf(c)
	form := map[string]string{
		"filed_on": s.Clock.Today().String(), "linkage_partner": "司法局", "plaintiff.kind": "individual",
		"case_type": "行初", "judge_id": strconv.FormatInt(a.UserID, 10),
	}
	if v := c.Query("origin_case_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			s.renderError(c, app.NotFound("诉前调解案件"))
			return
		}
		o, err := s.Store.GetCase(c.Request.Context(), a, id)
		if err != nil {
			s.renderError(c, err)
			return
		}
		form["origin_case_id"] = v
		form["cause"], form["domain"] = o.Cause, o.Domain
		form["plaintiff.name"], form["plaintiff.kind"] = o.Plaintiff.Name, o.Plaintiff.Kind
		form["organ_id"] = strconv.FormatInt(o.OrganID, 10)
		if o.Linkage {
			form["linkage"], form["linkage_partner"] = "1", o.LinkagePartner
		}
	}
	s.renderCaseNew(c, http.StatusOK, form, nil)
}

func (s *Server) renderCaseNew(c *gin.Context, status int, form, errs map[string]string) {
	ch, err := s.caseFormChoices(c)
	if err != nil {
		s.renderError(c, err)
		return
	}
	a, _ := actorOf(c)
	canAssign := s.Authz.Allowed(a, rbac.CaseAssign)
	if !canAssign {
		ch.Judges = slices.DeleteFunc(ch.Judges, func(j app.Staff) bool { return j.ID != a.UserID })
	}
	selected := map[int64]bool{}
	for _, v := range strings.Split(form["mediator_ids"], ",") {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			selected[id] = true
		}
	}
	var origin *app.Case
	if v := form["origin_case_id"]; v != "" {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			if o, err := s.Store.GetCase(c.Request.Context(), a, id); err == nil {
				origin = &o
			}
		}
	}
	s.renderForm(c, status, "case_new.html", "新立案件", gin.H{
		"Choices": ch, "CanAssign": canAssign, "SelectedMediators": selected, "Origin": origin,
	}, form, errs)
}

// caseCreateSubmit files the case of the new-case form and goes to its page.
func (s *Server) caseCreateSubmit(c *gin.Context) {
	if err := c.Request.ParseForm(); err != nil {
		s.renderError(c, app.Errorf(app.EINVALID, "表单内容无法读取"))
		return
	}
	in := app.CaseInputFromForm(c.Request.PostForm)
	a, _ := actorOf(c)
	k, err := s.Store.CreateCase(c.Request.Context(), a, in)
	if err != nil {
		e := s.asAppError(c, err)
		if e.Code != app.EINVALID {
			s.renderError(c, err)
			return
		}
		form := formValues(c, "case_type", "cause", "domain", "plaintiff.name", "plaintiff.kind", "organ_id", "filed_on",
			"judge_id", "linkage", "linkage_partner", "cross_region", "region", "workstation_id", "fast_track",
			"simplified", "penalty_before", "origin_case_id")
		form["mediator_ids"] = strings.Join(c.PostFormArray("mediator_ids"), ",")
		s.renderCaseNew(c, statusOf[e.Code], form, fieldsOrMessage(e))
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/cases/%d?done=created", k.ID))
}

// caseActions are the steps the user may take on the case now.
type caseActions struct {
	app.CaseSteps                // the steps on the case itself, as the domain answers them
	Audit, FollowUp, DraftLetter bool
	Hear, Appeal                 bool // schedule hearings and record them; record an appeal and its result
	CaseFile                     bool // add parties, generate documents and record their service (case:edit)
}

// caseDetailView is what the case page shows.
type caseDetailView struct {
	Case        app.Case
	Related     []app.RelatedCase
	Mediations  []app.Mediation
	Commitments []app.Commitment
	Periods     []app.ExcludedPeriod
	Extensions  []app.Extension
	Letters     []app.CaseLetter
	Audit       []auditRow
	May         caseActions
	Created     bool
	Flash       string
	Failed      string // the form whose post failed; it is shown open
	Methods     []app.Option
	Reasons     []app.Option
	Choices     caseFormChoices
	People      []app.Staff    // who a mediation record may name as participants by choice
	Selected    map[int64]bool // the mediators ticked in the assignment form
	TypeName    string
	Limit       string
	Workstation string
	Origin      *app.Case
	FollowedBy  []app.Case
	Mediators   []string // the names of the assigned mediators
	Hearings    []app.Hearing
	Appeals     []app.Appeal
	Litigation  bool // the case is tried (not a pre-litigation mediation)
	Resolved    caseResolved
	// Attachments of the case file, Targets the records the reader may attach
	// files to, Accept the upload input's accept list.
	Attachments []app.Attachment
	Targets     []uploadTarget
	Accept      string
	Parties     app.CaseParties
	Documents   []app.Document
	Kinds       []app.Option // the kinds of documents that may be generated
}

// casePage shows one case.
func (s *Server) casePage(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseRead)
	if !ok {
		return
	}
	s.renderCase(c, ref.ID, http.StatusOK, "", nil, nil)
}

func (s *Server) renderCase(c *gin.Context, id int64, status int, failed string, form, errs map[string]string) {
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	k, err := s.Store.GetCase(ctx, a, id)
	if err != nil {
		s.renderError(c, err)
		return
	}
	d, err := s.caseDetail(c, k)
	if err != nil {
		s.renderError(c, err)
		return
	}
	v := caseDetailView{Case: k, Related: d.RelatedOpenCases, Failed: failed,
		Created: c.Query("done") == "created", Flash: caseFlashes[c.Query("done")]}
	for _, o := range app.ExcludedReasons.Options {
		if o.Code != "suspension" { // recorded by suspending and resuming
			v.Reasons = append(v.Reasons, o)
		}
	}
	if v.Mediations, err = s.Store.ListMediations(ctx, a, id); err != nil {
		s.renderError(c, err)
		return
	}
	if v.Commitments, err = s.Store.ListCommitments(ctx, a, id); err != nil {
		s.renderError(c, err)
		return
	}
	if v.Periods, err = s.Store.ListExcludedPeriods(ctx, a, id); err != nil {
		s.renderError(c, err)
		return
	}
	if v.Extensions, err = s.Store.ListExtensions(ctx, a, id); err != nil {
		s.renderError(c, err)
		return
	}
	if v.Letters, err = s.Store.LettersOfCase(ctx, a, id); err != nil {
		s.renderError(c, err)
		return
	}
	obj := rbac.CaseObject(k.Ref())
	may := func(action rbac.Action) bool { return s.Authz.Authorize(a, action, obj) == nil }
	v.May = caseActions{CaseSteps: d.Steps,
		Audit: s.Authz.Allowed(a, rbac.AuditRead), DraftLetter: s.Authz.Allowed(a, rbac.LetterDraft),
	}
	v.Hearings, v.Appeals, v.Litigation = d.Hearings, d.Appeals, k.CaseType != app.PreLitigationType
	v.Attachments, v.Accept = d.Attachments, acceptAttachments
	services, err := s.Store.ServiceTargets(ctx, a, id)
	if err != nil {
		s.renderError(c, err)
		return
	}
	v.Targets = caseUploadTargets(s.Authz, a, k, v.Mediations, v.Commitments, services)
	v.May.Hear = v.Litigation && may(rbac.HearingWrite)
	v.May.Appeal = app.IsFirstInstance(k.CaseType) && may(rbac.AppealWrite)
	v.May.CaseFile = may(rbac.CaseEdit)
	v.Parties, v.Documents, v.Kinds = d.CaseParties, d.Documents, app.DocumentKinds.Options
	if v.May.Audit {
		trail, err := s.Store.AuditTrail(ctx, a, "case", id)
		if err != nil {
			s.renderError(c, err)
			return
		}
		v.Audit = auditRows(trail)
	}
	types, err := s.Store.CaseTypes(ctx, a.Court)
	if err != nil {
		s.renderError(c, err)
		return
	}
	for _, t := range types {
		if t.Code == k.CaseType {
			v.TypeName, v.Limit = t.Name, limitText(t, k.Simplified)
		}
	}
	v.Methods = app.CloseMethodsFor(k.CaseType)
	if v.May.Mediate {
		// The people a mediation record may name by choice: the liaison, mediators and judges.
		if v.People, err = s.Store.ListStaff(ctx, a, app.RoleLiaison, app.RoleMediator, app.RoleJudge); err != nil {
			s.renderError(c, err)
			return
		}
	}
	if v.May.Edit || v.May.Assign || v.May.Mediators {
		if v.Choices, err = s.caseFormChoices(c); err != nil {
			s.renderError(c, err)
			return
		}
	}
	staff, err := s.Store.ListStaff(ctx, a, app.RoleMediator)
	if err != nil {
		s.renderError(c, err)
		return
	}
	for _, m := range staff {
		if slices.Contains(k.MediatorIDs, m.ID) {
			v.Mediators = append(v.Mediators, m.Name)
		}
	}
	if form == nil {
		form = map[string]string{}
	}
	if failed != "edit" {
		for key, val := range editDefaults(k) {
			form["edit."+key] = val
		}
	}
	if failed != "assign" {
		form["assign.version"] = strconv.Itoa(k.Version)
		form["assign.judge_id"] = strconv.FormatInt(k.JudgeID, 10)
	}
	v.Selected = map[int64]bool{}
	if failed == "assign" {
		for _, x := range strings.Split(form["assign.mediator_ids"], ",") {
			if id, err := strconv.ParseInt(x, 10, 64); err == nil {
				v.Selected[id] = true
			}
		}
	} else {
		for _, id := range k.MediatorIDs {
			v.Selected[id] = true
		}
	}
	if k.WorkstationID != nil {
		if ws, err := s.Store.WorkstationChoices(ctx, a); err == nil {
			for _, w := range ws {
				if w.ID == *k.WorkstationID {
					v.Workstation = w.Name
				}
			}
		}
	}
	if k.OriginCaseID != nil {
		if o, err := s.Store.GetCase(ctx, a, *k.OriginCaseID); err == nil && s.mayReadCase(a, o.Ref()) {
			v.Origin = &o
		}
	}
	if k.CaseType == app.PreLitigationType && k.Method == "failed" {
		following, err := s.Store.CasesFollowing(ctx, a, k.ID)
		if err != nil {
			s.renderError(c, err)
			return
		}
		for _, f := range following {
			if s.mayReadCase(a, f.Ref()) {
				v.FollowedBy = append(v.FollowedBy, f)
			}
		}
		// One follow-up at most, whether or not this user may read it.
		v.May.FollowUp = len(following) == 0 && s.Authz.Allowed(a, rbac.CaseCreate)
	}
	if v.Resolved, err = s.resolvedOf(ctx, a, k, d, form["visit.visit_id"]); err != nil {
		s.renderError(c, err)
		return
	}
	s.renderForm(c, status, "case_detail.html", k.CaseNo, v, form, errs)
}

// editDefaults are the values the edit form starts with: the case's own.
func editDefaults(k app.Case) map[string]string {
	box := func(b bool) string {
		if b {
			return "1"
		}
		return ""
	}
	m := map[string]string{
		"version": strconv.Itoa(k.Version), "cause": k.Cause, "domain": k.Domain, "plaintiff.name": k.Plaintiff.Name,
		"plaintiff.kind": k.Plaintiff.Kind, "organ_id": strconv.FormatInt(k.OrganID, 10), "filed_on": k.FiledOn.String(),
		"linkage": box(k.Linkage), "linkage_partner": k.LinkagePartner, "cross_region": box(k.CrossRegion), "region": k.Region,
		"fast_track": box(k.FastTrack), "simplified": box(k.Simplified), "penalty_before": "",
	}
	if k.WorkstationID != nil {
		m["workstation_id"] = strconv.FormatInt(*k.WorkstationID, 10)
	}
	if k.PenaltyBefore != nil {
		m["penalty_before"] = k.PenaltyBefore.Yuan()
	}
	return m
}

// limitText describes a case type's time limit in words.
func limitText(t app.CaseType, simplified bool) string {
	switch {
	case simplified && t.SimplifiedDays > 0:
		return fmt.Sprintf("简易程序 %d 日", t.SimplifiedDays)
	case t.LimitMonths > 0:
		return fmt.Sprintf("%d 个月", t.LimitMonths)
	}
	return fmt.Sprintf("%d 日", t.LimitDays)
}

// caseStepFailed shows a failed form on the case page (bad input, or a step
// not allowed now), with what was typed and why it failed; anything else is the error page.
func (s *Server) caseStepFailed(c *gin.Context, id int64, formName string, err error, fields ...string) {
	e := s.asAppError(c, err)
	if e.Code != app.EINVALID && e.Code != app.ECONFLICT {
		s.renderError(c, err)
		return
	}
	form := map[string]string{}
	for _, f := range fields {
		form[formName+"."+f] = strings.Join(c.PostFormArray(f), ",")
	}
	errs := map[string]string{"_": stepFailure[formName] + e.Message}
	for k, v := range e.Fields {
		errs[formName+"."+k] = v
	}
	s.renderCase(c, id, statusOf[e.Code], formName, form, errs)
}

// stepFailure introduces the error of each form of the case page.
var stepFailure = map[string]string{
	"edit": "案件信息未保存：", "assign": "指派未保存：", "suspend": "未能中止：", "resume": "未能恢复审理：",
	"close": "未能结案：", "mediation": "调解记录未保存：", "commitment": "履行承诺未保存：", "fulfil": "未能登记履行：",
	"excluded": "扣除期间未保存：", "extension": "延长审限未保存：",
	"hearing": "开庭未安排：", "heard": "庭审情况未保存：", "appeal": "上诉未登记：", "decide": "二审结果未登记：",
	"attachment": "附件未上传：", "withdraw": "附件未撤回：",
	"party": "当事人未保存：", "act": "被诉行政行为未保存：", "document": "文书未生成：", "service": "送达情况未保存：",
}

// formDate reads a date input; a bad one is recorded in p.
func formDate(c *gin.Context, name string, p app.Problems) app.Date {
	d, _ := form.Parse(p, name, c.PostForm(name), "日期格式应为 YYYY-MM-DD，且须真实存在", app.ParseDate)
	return d
}

// formMoney reads an amount in yuan; empty is nil, a bad one is recorded in p.
func formMoney(c *gin.Context, name string, p app.Problems) *app.Money {
	m, ok := form.Parse(p, name, c.PostForm(name), "金额应为不小于 0 的数字（元），最多两位小数", app.ParseYuan)
	if !ok {
		return nil
	}
	return &m
}

// doneOrFailed finishes a step of the case page: back to the page with the
// flash on success (post-redirect-get), the form with its errors on failure.
func (s *Server) doneOrFailed(c *gin.Context, id int64, formName, done string, p app.Problems, step func() error, fields ...string) {
	err := p.Err()
	if err == nil {
		err = step()
	}
	if err != nil {
		s.caseStepFailed(c, id, formName, err, fields...)
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/cases/%d?done=%s", id, done))
}

func (s *Server) caseEditSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	if err := c.Request.ParseForm(); err != nil {
		s.renderError(c, app.Errorf(app.EINVALID, "表单内容无法读取"))
		return
	}
	form := url.Values{}
	for k, v := range c.Request.PostForm {
		form[k] = v
	}
	// Unticked checkboxes are not posted: the edit form sets them all.
	for _, box := range []string{"linkage", "cross_region", "fast_track", "simplified"} {
		if _, ok := form[box]; !ok {
			form.Set(box, "0")
		}
	}
	pt := app.CasePatchFromForm(form)
	// The judge and the mediators are changed by the assignment form only.
	pt.JudgeID, pt.MediatorIDs = app.Change[int64]{}, app.Change[[]int64]{}
	a, _ := actorOf(c)
	k, err := s.Store.UpdateCase(c.Request.Context(), a, ref.ID, pt)
	if err != nil {
		s.caseStepFailed(c, ref.ID, "edit", err, "version", "cause", "domain", "plaintiff.name", "plaintiff.kind", "organ_id",
			"filed_on", "linkage", "linkage_partner", "cross_region", "region", "workstation_id", "fast_track", "simplified", "penalty_before")
		return
	}
	done := "updated"
	if k.Version == pt.Version {
		done = "unchanged"
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/cases/%d?done=%s", ref.ID, done))
}

func (s *Server) caseAssignSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseRead)
	if !ok {
		return
	}
	p := app.Problems{}
	pt := app.CasePatch{}
	version, err := strconv.Atoi(c.PostForm("version"))
	if err != nil || version <= 0 {
		p.Add("version", "页面缺少版本号，请刷新后重试")
	}
	pt.Version = version
	// The judge's own form sets the mediators only; the leader's also the judge.
	if _, given := c.GetPostForm("judge_id"); given {
		judge, err := strconv.ParseInt(c.PostForm("judge_id"), 10, 64)
		if err != nil || judge <= 0 {
			p.Add("judge_id", "请选择承办法官")
		}
		pt.JudgeID = app.Change[int64]{Set: true, To: judge}
	}
	ids := []int64{}
	for _, v := range c.PostFormArray("mediator_ids") {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			p.Add("mediator_ids", "调解员选择不正确")
			continue
		}
		ids = append(ids, id)
	}
	pt.MediatorIDs = app.Change[[]int64]{Set: true, To: ids}
	if !s.authorizePatch(c, ref, pt) {
		return
	}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "assign", "assigned", p, func() error {
		_, err := s.Store.UpdateCase(c.Request.Context(), a, ref.ID, pt)
		return err
	}, "version", "judge_id", "mediator_ids")
}

func (s *Server) caseSuspendSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseSuspend)
	if !ok {
		return
	}
	p := app.Problems{}
	in := app.SuspendInput{On: formDate(c, "on", p), Reason: c.PostForm("reason")}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "suspend", "suspended", p, func() error {
		_, err := s.Store.SuspendCase(c.Request.Context(), a, ref.ID, in)
		return err
	}, "on", "reason")
}

func (s *Server) caseResumeSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseSuspend)
	if !ok {
		return
	}
	p := app.Problems{}
	in := app.ResumeInput{On: formDate(c, "on", p)}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "resume", "resumed", p, func() error {
		_, err := s.Store.ResumeCase(c.Request.Context(), a, ref.ID, in)
		return err
	}, "on")
}

func (s *Server) caseMediationSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseMediate)
	if !ok {
		return
	}
	p := app.Problems{}
	in := app.MediationInput{HeldOn: formDate(c, "held_on", p), Mode: c.PostForm("mode"), Location: c.PostForm("location"),
		Participants: c.PostForm("participants"), Result: c.PostForm("result"), Agreement: c.PostForm("agreement"), Notes: c.PostForm("notes")}
	for _, v := range c.PostFormArray("participant_ids") {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			in.ParticipantIDs = append(in.ParticipantIDs, id)
		} else {
			p.Add("participant_ids", "请从列表中勾选参加人员")
		}
	}
	a, _ := actorOf(c)
	err := p.Err()
	if err == nil {
		_, err = s.Store.RecordMediation(c.Request.Context(), a, ref.ID, in)
	}
	if err != nil {
		s.caseStepFailed(c, ref.ID, "mediation", err, "held_on", "mode", "location", "participants", "participant_ids", "result", "agreement", "notes")
		return
	}
	done := "mediation"
	if now, err := s.Store.GetCaseRef(c.Request.Context(), ref.ID); err == nil && now.Linkage && !ref.Linkage {
		done = "mediation_linkage"
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/cases/%d?done=%s", ref.ID, done))
}

func (s *Server) caseCommitmentSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseCommit)
	if !ok {
		return
	}
	p := app.Problems{}
	in := app.CommitmentInput{Kind: c.PostForm("kind"), DueOn: formDate(c, "due_on", p), Amount: formMoney(c, "amount", p), Notes: c.PostForm("notes")}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "commitment", "commitment", p, func() error {
		_, err := s.Store.AddCommitment(c.Request.Context(), a, ref.ID, in)
		return err
	}, "kind", "due_on", "amount", "notes")
}

func (s *Server) commitmentFulfilSubmit(c *gin.Context) {
	cm, ok := s.commitmentFor(c)
	if !ok {
		return
	}
	p := app.Problems{}
	in := app.FulfilInput{On: formDate(c, "on", p)}
	a, _ := actorOf(c)
	s.doneOrFailed(c, cm.CaseID, "fulfil", "fulfilled", p, func() error {
		_, err := s.Store.FulfilCommitment(c.Request.Context(), a, cm.ID, in)
		return err
	}, "on")
}

func (s *Server) caseExcludedPeriodSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	p := app.Problems{}
	in := app.ExcludedPeriodInput{Reason: c.PostForm("reason"), StartOn: formDate(c, "start_on", p), EndOn: formDate(c, "end_on", p), Notes: c.PostForm("notes")}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "excluded", "excluded", p, func() error {
		_, err := s.Store.AddExcludedPeriod(c.Request.Context(), a, ref.ID, in)
		return err
	}, "reason", "start_on", "end_on", "notes")
}

func (s *Server) caseExtensionSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	p := app.Problems{}
	in := app.ExtensionInput{ApprovedOn: formDate(c, "approved_on", p), NewDeadlineOn: formDate(c, "new_deadline_on", p),
		ApprovedBy: c.PostForm("approved_by"), Reason: c.PostForm("reason")}
	a, _ := actorOf(c)
	s.doneOrFailed(c, ref.ID, "extension", "extension", p, func() error {
		_, err := s.Store.AddExtension(c.Request.Context(), a, ref.ID, in)
		return err
	}, "approved_on", "new_deadline_on", "approved_by", "reason")
}
