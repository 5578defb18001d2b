package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// One case: GET /api/v1/cases/:id and the case page, which shows the forms
// of the steps app.StepsOn lets the user take.

// caseDetail adds the related open cases the user may see.
func (s *Server) caseDetail(c *gin.Context, k app.Case) (app.CaseDetail, error) {
	vis, err := s.caseVisibility(c)
	if err != nil {
		return app.CaseDetail{}, err
	}
	a, _ := actorOf(c)
	return s.Store.CaseDetailOf(c.Request.Context(), a, vis, k)
}

// answerCaseDetail answers the case k with its detail (caseDetail).
func (s *Server) answerCaseDetail(c *gin.Context, status int, k app.Case) {
	d, err := s.caseDetail(c, k)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(status, d)
}

func (s *Server) apiGetCase(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseRead)
	if !ok {
		return
	}
	a, _ := actorOf(c)
	k, err := s.Store.GetCase(c.Request.Context(), a, ref.ID)
	if err == nil && k.OriginCaseID != nil {
		var readable bool
		if readable, err = s.caseReadable(c, *k.OriginCaseID); !readable {
			k.OriginCaseID = nil
		}
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.answerCaseDetail(c, http.StatusOK, k)
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

	// ExtensionRequests of the case, the newest first; PendingExtension the
	// one awaiting the leader, ApprovedExtension the one awaiting the higher court.
	ExtensionRequests                   []app.ExtensionRequest
	PendingExtension, ApprovedExtension *app.ExtensionRequest
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
	if v.ExtensionRequests, err = s.Store.ListCaseExtensionRequests(ctx, a, id); err != nil {
		s.renderError(c, err)
		return
	}
	v.PendingExtension = app.FindExtensionRequest(v.ExtensionRequests, app.ExtensionPending)
	v.ApprovedExtension = app.FindExtensionRequest(v.ExtensionRequests, app.ExtensionApproved)
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
	if r := v.ApprovedExtension; r != nil && failed != "extension" {
		// The higher court's approval is recorded from the request the leader approved.
		in := r.Prefill()
		form["extension.new_deadline_on"], form["extension.reason"] = in.NewDeadlineOn.String(), in.Reason
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
