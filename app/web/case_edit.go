package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// Editing and reassigning a case: PATCH /api/v1/cases/:id and the case
// page's edit and assign forms side by side (app.AuthorizePatch decides
// which action a patch needs; the service decides again on the locked row).

func (s *Server) apiUpdateCase(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseRead)
	if !ok {
		return
	}
	var pt app.CasePatch
	if !s.bindJSON(c, &pt) {
		return
	}
	if !s.authorizePatch(c, ref, pt) {
		return
	}
	a, _ := actorOf(c)
	k, err := s.Store.UpdateCase(c.Request.Context(), a, ref.ID, pt)
	apiAnswer(s, c, http.StatusOK, k, err)
}

// authorizePatch applies app.AuthorizePatch before the patch is read
// further (the service decides again on the locked row).
func (s *Server) authorizePatch(c *gin.Context, ref app.CaseRef, pt app.CasePatch) bool {
	a, _ := actorOf(c)
	if err := app.AuthorizePatch(s.Authz, a, ref, pt); err != nil {
		s.failAuto(c, err)
		return false
	}
	return true
}

func (s *Server) caseEditSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseEdit)
	if !ok {
		return
	}
	if !s.parseForm(c) {
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
