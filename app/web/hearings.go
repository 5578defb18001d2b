package web

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// recordFor loads the case a hearing or an appeal (:id) belongs to and
// authorises action on that case; it writes the error and reports success.
func (s *Server) recordFor(c *gin.Context, action rbac.Action, caseOf func(context.Context, int64) (app.CaseRef, error)) (int64, app.CaseRef, bool) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return 0, app.CaseRef{}, false
	}
	ref, err := caseOf(c.Request.Context(), id)
	if err != nil {
		s.failAuto(c, err)
		return 0, ref, false
	}
	return id, ref, s.authorize(c, action, rbac.CaseObject(ref))
}

// noCheck is the check of an input whose rules the store applies (it needs the case).
func noCheck() error { return nil }

func (s *Server) apiListHearings(c *gin.Context) {
	apiCaseItems(s, c, s.Store.ListHearings)
}

func (s *Server) apiScheduleHearing(c *gin.Context) {
	apiCaseStep(s, c, rbac.HearingWrite, s.bindFields, http.StatusCreated, s.Store.ScheduleHearing)
}

func (s *Server) apiUpdateHearing(c *gin.Context) {
	apiRecordStep(s, c, rbac.HearingWrite, s.Store.HearingCase, s.bindFields, http.StatusOK, s.Store.UpdateHearing)
}

func (s *Server) apiFileAppeal(c *gin.Context) {
	apiCaseStep(s, c, rbac.AppealWrite, s.bindFields, http.StatusCreated, s.Store.FileAppeal)
}

func (s *Server) apiDecideAppeal(c *gin.Context) {
	apiRecordStep(s, c, rbac.AppealWrite, s.Store.AppealCase, s.bindFields, http.StatusOK, s.Store.DecideAppeal)
}

// hearingFields are the inputs of the hearing forms of the case page.
var hearingFields = []string{"starts_at", "ends_at", "room", "held_on", "head_notified", "head_appeared", "head_name",
	"head_post", "head_rank", "head_spoke", "representatives", "absence_reason", "confirm"}

// hearingForm reads a hearing form of the case page: the slot (schedule) or
// what happened (record); a checkbox not posted is false.
func hearingForm(c *gin.Context, p app.Problems, slot, record bool) app.HearingInput {
	in := app.HearingInput{Confirm: c.PostForm("confirm") == "1"}
	minute := func(name string) *app.Minute {
		if m := formMinute(c, name, app.Date{}, p); !m.IsZero() {
			return &m
		}
		return nil
	}
	text := func(name string) *string { v := c.PostForm(name); return &v }
	box := func(name string) *bool { v := c.PostForm(name) == "1"; return &v }
	if slot {
		in.StartsAt, in.EndsAt, in.Room = minute("starts_at"), minute("ends_at"), text("room")
	}
	if record {
		held := formDate(c, "held_on", p)
		in.HeldOn = &held
		in.HeadNotified, in.HeadAppeared, in.HeadSpoke = box("head_notified"), box("head_appeared"), box("head_spoke")
		in.HeadName, in.HeadPost, in.HeadRank = text("head_name"), text("head_post"), text("head_rank")
		in.Representatives, in.AbsenceReason = text("representatives"), text("absence_reason")
	}
	return in
}

func (s *Server) caseHearingSubmit(c *gin.Context) {
	caseStepSubmit(s, c, rbac.HearingWrite, "hearing", "hearing", func(p app.Problems) app.HearingInput {
		return hearingForm(c, p, true, false)
	}, s.Store.ScheduleHearing, hearingFields...)
}

func (s *Server) hearingUpdateSubmit(c *gin.Context) {
	recordStepSubmit(s, c, rbac.HearingWrite, s.Store.HearingCase, "heard", "heard", func(p app.Problems) app.HearingInput {
		return hearingForm(c, p, c.PostForm("starts_at") != "", true)
	}, s.Store.UpdateHearing, append(hearingFields, "hearing_id")...)
}

func (s *Server) caseAppealSubmit(c *gin.Context) {
	caseStepSubmit(s, c, rbac.AppealWrite, "appeal", "appeal", func(p app.Problems) app.AppealInput {
		return app.AppealInput{FiledOn: formDate(c, "filed_on", p), Appellant: c.PostForm("appellant"), SecondCaseNo: c.PostForm("second_case_no")}
	}, s.Store.FileAppeal, "filed_on", "appellant", "second_case_no")
}

func (s *Server) appealDecideSubmit(c *gin.Context) {
	recordStepSubmit(s, c, rbac.AppealWrite, s.Store.AppealCase, "decide", "decided", func(p app.Problems) app.AppealDecision {
		return app.AppealDecision{Result: c.PostForm("result"), DecidedOn: formDate(c, "decided_on", p), SecondCaseNo: c.PostForm("second_case_no")}
	}, s.Store.DecideAppeal, "result", "decided_on", "second_case_no")
}
