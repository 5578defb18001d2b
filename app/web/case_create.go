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

// Filing a case (立案): the JSON handler and the new-case page with its
// form side by side. The filing rule is app.ApplyFilingRule's.

func (s *Server) apiCreateCase(c *gin.Context) {
	var in app.CaseInput
	if !s.bindJSON(c, &in) {
		return
	}
	a, _ := actorOf(c)
	ctx := c.Request.Context()
	created, err := s.Store.CreateCase(ctx, a, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.answerCaseDetail(c, http.StatusCreated, created)
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
	if !s.parseForm(c) {
		return
	}
	in := app.CaseInputFromForm(c.Request.PostForm)
	a, _ := actorOf(c)
	k, err := s.Store.CreateCase(c.Request.Context(), a, in)
	s.formDone(c, err, fmt.Sprintf("/cases/%d?done=created", k.ID), func(status int, errs map[string]string) {
		form := formValues(c, "case_type", "cause", "domain", "plaintiff.name", "plaintiff.kind", "organ_id", "filed_on",
			"judge_id", "linkage", "linkage_partner", "cross_region", "region", "workstation_id", "fast_track",
			"simplified", "penalty_before", "origin_case_id")
		form["mediator_ids"] = strings.Join(c.PostFormArray("mediator_ids"), ",")
		s.renderCaseNew(c, status, form, errs)
	}, app.EINVALID)
}
