package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"fuyuan/app"
	"fuyuan/rbac"
)

// Meetings and trainings: JSON handlers and the pages (the list with its
// recording form, and one meeting with its follow-up items).

// meetingFilterOf reads the list filters of GET /meetings.
func (s *Server) meetingFilterOf(c *gin.Context) (app.MeetingFilter, error) {
	bad := app.Problems{}
	f := app.MeetingFilter{Kind: c.Query("kind"), From: queryDate(c, "from", bad), To: queryDate(c, "to", bad)}
	return f, bad.Err()
}

func (s *Server) apiListMeetings(c *gin.Context) {
	apiList(s, c, rbac.MeetingRead, s.meetingFilterOf, s.Store.ListMeetings)
}

func (s *Server) apiRecordMeeting(c *gin.Context) {
	apiSave(s, c, http.StatusCreated, s.Store.RecordMeeting)
}

// meetingOfCourt loads the meeting of the :id parameter for an action on it:
// meetings belong to the court as a whole, so the check is the court's.
func (s *Server) meetingOfCourt(c *gin.Context, action rbac.Action) (app.Meeting, bool) {
	id, ok := s.idParam(c, "id")
	if !ok {
		return app.Meeting{}, false
	}
	a, _ := actorOf(c)
	m, err := s.Store.GetMeeting(c.Request.Context(), a, id)
	if err != nil {
		s.failAuto(c, err)
		return m, false
	}
	obj := rbac.Object{Kind: "meeting", Court: a.Court}
	if m.CreatedBy != nil {
		obj.Owner = *m.CreatedBy
	}
	return m, s.authorize(c, action, obj)
}

func (s *Server) apiGetMeeting(c *gin.Context) {
	m, ok := s.meetingOfCourt(c, rbac.MeetingRead)
	if !ok {
		return
	}
	c.JSON(http.StatusOK, m)
}

// followupDoneInput is the body of POST /meetings/:id/followups/:fid/done.
type followupDoneInput struct {
	On app.Date `json:"on"`
}

// followupOf loads the meeting of :id for marking its follow-up :fid done.
func (s *Server) followupOf(c *gin.Context) (app.Meeting, int64, bool) {
	m, ok := s.meetingOfCourt(c, rbac.MeetingWrite)
	if !ok {
		return m, 0, false
	}
	fid, ok := s.idParam(c, "fid")
	return m, fid, ok
}

func (s *Server) apiCompleteFollowup(c *gin.Context) {
	m, fid, ok := s.followupOf(c)
	if !ok {
		return
	}
	apiStep(s, c, m.ID, s.bindOptionalJSON, http.StatusOK, func(ctx context.Context, a app.Actor, id int64, in followupDoneInput) (app.Meeting, error) {
		return s.Store.CompleteFollowup(ctx, a, id, fid, in.On)
	})
}

// followupRows is how many blank follow-up rows the meeting form offers.
const followupRows = 3

// followupRow is one row of follow-up inputs on the meeting form.
type followupRow struct {
	N                  int
	Item, Owner, DueOn string
}

// meetingsPage lists the meetings with filters and, for those who may, the form to record one.
func (s *Server) meetingsPage(c *gin.Context) {
	s.renderMeetings(c, http.StatusOK, nil, nil, nil, nil)
}

func (s *Server) renderMeetings(c *gin.Context, status int, form, errs map[string]string, checked map[int64]bool, rows []followupRow) {
	pg, f, list, err := listOf(s, c, rbac.MeetingRead, s.meetingFilterOf, s.Store.ListMeetings)
	var organs app.List[app.Organ]
	if err == nil {
		organs, err = s.organChoices(c)
	}
	if err != nil {
		s.renderError(c, err)
		return
	}
	if rows == nil {
		for i := 1; i <= followupRows; i++ {
			rows = append(rows, followupRow{N: i})
		}
	}
	if checked == nil {
		checked = map[int64]bool{}
	}
	s.renderForm(c, status, "meeting_list.html", "会议培训", gin.H{
		"Meetings": list.Items, "Pager": newPager(c, list.Total, pg.Page, pg.Size), "Organs": organs.Items,
		"Kind": f.Kind, "From": f.From, "To": f.To, "Checked": checked, "Rows": rows,
	}, form, errs)
}

// meetingRecordSubmit records a meeting from the page's form.
func (s *Server) meetingRecordSubmit(c *gin.Context) {
	bad := app.Problems{}
	in := app.MeetingInput{Kind: c.PostForm("kind"), Topic: c.PostForm("topic"), Speakers: c.PostForm("speakers"),
		Decisions: c.PostForm("decisions"), HeldOn: postedDate(c, "held_on", bad)}
	if v := c.PostForm("attendances"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			bad.Add("attendances", "参会人次应为整数")
		}
		in.Attendances = n
	}
	checked := map[int64]bool{}
	for _, v := range c.PostFormArray("organ_ids") {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			bad.Add("organ_ids", "请从列表中勾选参会机关")
			continue
		}
		checked[id] = true
		in.OrganIDs = append(in.OrganIDs, id)
	}
	items, owners, dues := c.PostFormArray("followup_item"), c.PostFormArray("followup_owner"), c.PostFormArray("followup_due_on")
	var rows []followupRow
	for i := range items {
		row := followupRow{N: i + 1, Item: items[i]}
		if i < len(owners) {
			row.Owner = owners[i]
		}
		if i < len(dues) {
			row.DueOn = dues[i]
		}
		rows = append(rows, row)
		if row.Item == "" && row.Owner == "" && row.DueOn == "" {
			continue
		}
		f := app.FollowupInput{Item: row.Item, Owner: row.Owner}
		if row.DueOn != "" {
			d, err := app.ParseDate(row.DueOn)
			if err != nil {
				bad.Add("followups", fmt.Sprintf("第 %d 项落实事项：完成期限的日期不正确", i+1))
			}
			f.DueOn = d
		}
		in.Followups = append(in.Followups, f)
	}
	a, _ := actorOf(c)
	err := bad.Err()
	var m app.Meeting
	if err == nil {
		m, err = s.Store.RecordMeeting(c.Request.Context(), a, in)
	}
	s.formDone(c, err, fmt.Sprintf("/meetings/%d?done=recorded", m.ID), func(status int, errs map[string]string) {
		form := formValues(c, "kind", "held_on", "topic", "attendances", "speakers", "decisions")
		s.renderMeetings(c, status, form, errs, checked, rows)
	}, app.EINVALID)
}

// meetingPage shows one meeting with its follow-up items.
func (s *Server) meetingPage(c *gin.Context) {
	m, ok := s.meetingOfCourt(c, rbac.MeetingRead)
	if !ok {
		return
	}
	s.renderMeeting(c, m, http.StatusOK, nil)
}

func (s *Server) renderMeeting(c *gin.Context, m app.Meeting, status int, errs map[string]string) {
	flash := map[string]string{"recorded": "会议已登记。", "followup": "落实事项已标记为完成。"}[c.Query("done")]
	s.renderForm(c, status, "meeting_detail.html", app.MeetingKinds.Label(m.Kind)+" · "+m.Topic,
		gin.H{"Meeting": m, "Flash": flash}, nil, errs)
}

// followupDoneSubmit marks a follow-up item done from the meeting page.
func (s *Server) followupDoneSubmit(c *gin.Context) {
	m, fid, ok := s.followupOf(c)
	if !ok {
		return
	}
	bad := app.Problems{}
	on := postedDate(c, "on", bad)
	a, _ := actorOf(c)
	err := bad.Err()
	if err == nil {
		_, err = s.Store.CompleteFollowup(c.Request.Context(), a, m.ID, fid, on)
	}
	s.formDone(c, err, fmt.Sprintf("/meetings/%d?done=followup", m.ID), func(status int, errs map[string]string) {
		s.renderMeeting(c, m, status, errs)
	}, app.EINVALID, app.ECONFLICT)
}
