package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// Mediations of a case (调解): the JSON handlers and the case page's form
// side by side.

func (s *Server) apiListMediations(c *gin.Context) {
	apiCaseItems(s, c, s.Store.ListMediations)
}

func (s *Server) apiRecordMediation(c *gin.Context) {
	apiCaseStep(s, c, rbac.CaseMediate, s.bindJSON, http.StatusCreated, s.Store.RecordMediation)
}

func (s *Server) caseMediationSubmit(c *gin.Context) {
	ref, ok := s.caseFor(c, rbac.CaseMediate)
	if !ok {
		return
	}
	p := app.Problems{}
	in := app.MediationInput{HeldOn: formDate(c, "held_on", p), Mode: c.PostForm("mode"), Location: c.PostForm("location"),
		Participants: c.PostForm("participants"), Result: c.PostForm("result"), Agreement: c.PostForm("agreement"), Notes: c.PostForm("notes"),
		Confirm: c.PostForm("confirm") == "1"}
	in.StartsAt, in.EndsAt = formMinute(c, "starts_at", in.HeldOn, p), formMinute(c, "ends_at", in.HeldOn, p)
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
		s.caseStepFailed(c, ref.ID, "mediation", err, "held_on", "starts_at", "ends_at", "mode", "location", "participants", "participant_ids", "result", "agreement", "notes")
		return
	}
	done := "mediation"
	if now, err := s.Store.GetCaseRef(c.Request.Context(), ref.ID); err == nil && now.Linkage && !ref.Linkage {
		done = "mediation_linkage"
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/cases/%d?done=%s", ref.ID, done))
}
