package app

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"fuyuan/app/form"
)

// Meetings and trainings (the "三会" of "两书三会"): annual trainings, quarterly
// joint meetings, monthly symposiums, enforcement trainings for the organs'
// officers and joint conferences. A meeting names the organs that took part,
// counts its attendances (人次), and may leave follow-up items with an owner
// and a due date. Every change is audited under entity "meeting".

// Meeting is a meeting or training with its organs and follow-up items.
type Meeting struct {
	ID          int64      `json:"id"`
	CourtCode   string     `json:"-"`
	Kind        string     `json:"kind"`
	HeldOn      Date       `json:"held_on"`
	Topic       string     `json:"topic"`
	OrganIDs    []int64    `json:"organ_ids" gorm:"-"`
	Organs      []OrganRef `json:"organs" gorm:"-"`
	Attendances int        `json:"attendances"`
	Speakers    string     `json:"speakers"`
	Decisions   string     `json:"decisions"`
	Followups   []Followup `json:"followups" gorm:"-"`
	CreatedBy   *int64     `json:"created_by"`
	CreatedAt   time.Time  `json:"created_at"`
}

// OrganRef names an organ.
type OrganRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Followup is an item a meeting decided on: what, who, by when, and when done.
type Followup struct {
	ID        int64  `json:"id"`
	MeetingID int64  `json:"meeting_id"`
	Item      string `json:"item"`
	Owner     string `json:"owner"`
	DueOn     Date   `json:"due_on"`
	DoneOn    Date   `json:"done_on"`
	// Overdue: not done and due_on is before today.
	Overdue bool `json:"overdue" gorm:"-"`
}

// meetingRecord is the row written for a meeting.
type meetingRecord struct {
	ID          int64 `gorm:"primaryKey"`
	CourtCode   string
	Kind        string
	HeldOn      Date
	Topic       string
	Attendances int
	Speakers    string
	Decisions   string
	CreatedBy   *int64
	CreatedAt   time.Time
}

func (meetingRecord) TableName() string { return "meetings" }

// followupRecord is the row written for a follow-up item.
type followupRecord struct {
	ID        int64 `gorm:"primaryKey"`
	MeetingID int64
	Item      string
	Owner     string
	DueOn     Date
}

func (followupRecord) TableName() string { return "meeting_followups" }

// FollowupInput is one follow-up item of a new meeting.
type FollowupInput struct {
	Item  string `json:"item"`
	Owner string `json:"owner"`
	DueOn Date   `json:"due_on"`
}

// MeetingInput is the body of POST /meetings.
type MeetingInput struct {
	Kind        string          `json:"kind"`
	HeldOn      Date            `json:"held_on"`
	Topic       string          `json:"topic"`
	OrganIDs    []int64         `json:"organ_ids"`
	Attendances int             `json:"attendances"`
	Speakers    string          `json:"speakers"`
	Decisions   string          `json:"decisions"`
	Followups   []FollowupInput `json:"followups"`
}

// maxAttendances bounds a meeting's attendances (人次) to catch typing slips.
const maxAttendances = 100000

// Validate checks the fields that need no database.
func (in *MeetingInput) Validate() error {
	p := Problems{}
	if k, ok := MeetingKinds.Parse(strings.TrimSpace(in.Kind)); ok {
		in.Kind = k
	} else {
		p.Add("kind", "请选择会议类型：年度培训会、季度联席会、月度座谈会、行政执法培训或府院联动联席会议")
	}
	if in.HeldOn.IsZero() {
		p.Add("held_on", "请填写会议日期")
	}
	in.Topic = strings.TrimSpace(in.Topic)
	if in.Topic == "" {
		p.Add("topic", "请填写会议主题")
	} else if utf8.RuneCountInString(in.Topic) > 200 {
		p.Add("topic", "主题最多 200 字")
	}
	if in.Attendances < 0 || in.Attendances > maxAttendances {
		p.Add("attendances", fmt.Sprintf("参会人次应为 0–%d 的整数", maxAttendances))
	}
	in.Speakers = strings.TrimSpace(in.Speakers)
	in.Decisions = strings.TrimSpace(in.Decisions)
	checkText(p, "speakers", in.Speakers, "", false)
	checkText(p, "decisions", in.Decisions, "", false)
	in.OrganIDs = form.DistinctIDs(p, "organ_ids", in.OrganIDs, "参会机关编号不正确")
	if len(in.Followups) > 50 {
		p.Add("followups", "一次会议最多登记 50 项会后落实事项")
	}
	for i := range in.Followups {
		f := &in.Followups[i]
		f.Item = strings.TrimSpace(f.Item)
		f.Owner = strings.TrimSpace(f.Owner)
		switch {
		case f.Item == "":
			p.Add("followups", fmt.Sprintf("第 %d 项落实事项：请填写事项内容", i+1))
		case utf8.RuneCountInString(f.Item) > 500:
			p.Add("followups", fmt.Sprintf("第 %d 项落实事项：内容最多 500 字", i+1))
		case utf8.RuneCountInString(f.Owner) > 100:
			p.Add("followups", fmt.Sprintf("第 %d 项落实事项：责任单位最多 100 字", i+1))
		case !f.DueOn.IsZero() && !in.HeldOn.IsZero() && f.DueOn.Before(in.HeldOn):
			p.Add("followups", fmt.Sprintf("第 %d 项落实事项：完成期限不能早于会议日期", i+1))
		}
	}
	return p.Err()
}

// RecordMeeting records a meeting or training of the actor's court with its
// organs and follow-up items. The organs must be the court's. A meeting may
// lie in the future (a planned one, shown as upcoming on the liaison's desk).
func (s *Store) RecordMeeting(ctx context.Context, a Actor, in MeetingInput) (Meeting, error) {
	if err := in.Validate(); err != nil {
		return Meeting{}, err
	}
	var out Meeting
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if len(in.OrganIDs) > 0 {
			var n int64
			if err := tx.Table("organs").Where("court_code = ? AND id IN ?", a.Court, in.OrganIDs).Count(&n).Error; err != nil {
				return err
			}
			if int(n) != len(in.OrganIDs) {
				return Invalid("organ_ids", "参会机关中有本院没有的机关，请从列表中选择")
			}
		}
		rec := meetingRecord{CourtCode: a.Court, Kind: in.Kind, HeldOn: in.HeldOn, Topic: in.Topic,
			Attendances: in.Attendances, Speakers: in.Speakers, Decisions: in.Decisions}
		if a.UserID != 0 {
			uid := a.UserID
			rec.CreatedBy = &uid
		}
		if err := tx.Create(&rec).Error; err != nil {
			return err
		}
		for _, id := range in.OrganIDs {
			if err := tx.Exec("INSERT INTO meeting_organs (meeting_id, organ_id) VALUES (?, ?)", rec.ID, id).Error; err != nil {
				return err
			}
		}
		for _, f := range in.Followups {
			fr := followupRecord{MeetingID: rec.ID, Item: f.Item, Owner: f.Owner, DueOn: f.DueOn}
			if err := tx.Create(&fr).Error; err != nil {
				return err
			}
		}
		var err error
		if out, err = s.getMeetingTx(tx, a.Court, rec.ID); err != nil {
			return err
		}
		return s.Audit(tx, a, "meeting.create", "meeting", rec.ID, nil, out)
	})
	return out, err
}

// GetMeeting returns a meeting of the actor's court.
func (s *Store) GetMeeting(ctx context.Context, a Actor, id int64) (Meeting, error) {
	m, err := s.getMeetingTx(s.DB.WithContext(ctx), a.Court, id)
	return m, s.Err(err)
}

func (s *Store) getMeetingTx(tx *gorm.DB, court string, id int64) (Meeting, error) {
	var ms []Meeting
	if err := tx.Table("meetings").Where("id = ? AND court_code = ?", id, court).Find(&ms).Error; err != nil {
		return Meeting{}, err
	}
	if len(ms) == 0 {
		return Meeting{}, NotFound("会议")
	}
	if err := s.fillMeetings(tx, ms); err != nil {
		return Meeting{}, err
	}
	return ms[0], nil
}

// fillMeetings loads the organs and follow-up items of the meetings, in two queries.
func (s *Store) fillMeetings(tx *gorm.DB, ms []Meeting) error {
	if len(ms) == 0 {
		return nil
	}
	ids := make([]int64, len(ms))
	byID := map[int64]*Meeting{}
	for i := range ms {
		ids[i] = ms[i].ID
		ms[i].OrganIDs, ms[i].Organs, ms[i].Followups = []int64{}, []OrganRef{}, []Followup{}
		byID[ms[i].ID] = &ms[i]
	}
	var organs []struct {
		MeetingID int64
		ID        int64
		Name      string
	}
	if err := tx.Raw(`SELECT mo.meeting_id, o.id, o.name FROM meeting_organs mo JOIN organs o ON o.id = mo.organ_id
		WHERE mo.meeting_id IN ? ORDER BY o.id`, ids).Scan(&organs).Error; err != nil {
		return err
	}
	for _, o := range organs {
		m := byID[o.MeetingID]
		m.OrganIDs = append(m.OrganIDs, o.ID)
		m.Organs = append(m.Organs, OrganRef{ID: o.ID, Name: o.Name})
	}
	var fs []Followup
	if err := tx.Table("meeting_followups").Where("meeting_id IN ?", ids).Order("id").Find(&fs).Error; err != nil {
		return err
	}
	today := s.Clock.Today()
	for _, f := range fs {
		f.Overdue = f.DoneOn.IsZero() && !f.DueOn.IsZero() && f.DueOn.Before(today)
		m := byID[f.MeetingID]
		m.Followups = append(m.Followups, f)
	}
	return nil
}

// MeetingFilter selects meetings for a list; From and To are inclusive.
type MeetingFilter struct {
	Kind string
	From Date
	To   Date
	// Ascending lists the earliest first (upcoming meetings); else the latest first.
	Ascending bool
}

// ListMeetings lists the meetings that vis sees and that match f.
func (s *Store) ListMeetings(ctx context.Context, vis Visibility, f MeetingFilter, pg Page) (List[Meeting], error) {
	p := Problems{}
	if f.Kind != "" && !MeetingKinds.Valid(f.Kind) {
		p.Add("kind", "会议类型应为 annual_training、quarterly_joint、monthly_symposium、enforcement_training 或 joint_conference")
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		p.Add("to", "结束日期不能早于开始日期")
	}
	if err := p.Err(); err != nil {
		return List[Meeting]{Items: []Meeting{}}, err
	}
	db := vis.Apply(s.DB.WithContext(ctx).Table("meetings"), MeetingColumns("meetings"))
	if f.Kind != "" {
		db = db.Where("kind = ?", f.Kind)
	}
	order := "held_on DESC, id DESC"
	if f.Ascending {
		order = "held_on, id"
	}
	out, err := pageOf[Meeting](withinDates(db, "held_on", f.From, f.To), pg, func(q *gorm.DB) *gorm.DB { return q.Order(order) })
	if err != nil {
		return out, s.Err(err)
	}
	return out, s.Err(s.fillMeetings(s.DB.WithContext(ctx), out.Items))
}

// CompleteFollowup marks a meeting's follow-up item done on the given date
// (zero: today). Marking a done item again is a conflict.
func (s *Store) CompleteFollowup(ctx context.Context, a Actor, meetingID, followupID int64, on Date) (Meeting, error) {
	today := s.Clock.Today()
	if on.IsZero() {
		on = today
	}
	if on.After(today) {
		return Meeting{}, Invalid("on", "完成日期不能晚于今天")
	}
	return inTx(ctx, s, func(tx *gorm.DB) (Meeting, error) {
		m, err := s.getMeetingTx(tx, a.Court, meetingID)
		if err != nil {
			return Meeting{}, err
		}
		var before *Followup
		for i := range m.Followups {
			if m.Followups[i].ID == followupID {
				before = &m.Followups[i]
			}
		}
		if before == nil {
			return Meeting{}, NotFound("落实事项")
		}
		if !before.DoneOn.IsZero() {
			return Meeting{}, Conflict("该事项已于%s完成", before.DoneOn.Chinese())
		}
		if on.Before(m.HeldOn) {
			return Meeting{}, Invalid("on", "完成日期不能早于会议日期（"+m.HeldOn.String()+"）")
		}
		res := tx.Exec("UPDATE meeting_followups SET done_on = ? WHERE id = ? AND meeting_id = ? AND done_on IS NULL", on, followupID, meetingID)
		if err := changedOne(res, Conflict("该事项刚被他人处理，请刷新后查看")); err != nil {
			return Meeting{}, err
		}
		out, err := s.getMeetingTx(tx, a.Court, meetingID)
		if err != nil {
			return Meeting{}, err
		}
		var after Followup
		for _, f := range out.Followups {
			if f.ID == followupID {
				after = f
			}
		}
		return out, s.Audit(tx, a, "meeting.followup_done", "meeting", meetingID, before, after)
	})
}

// OpenFollowup is a follow-up item not yet done, with its meeting.
type OpenFollowup struct {
	Followup
	MeetingKind  string `json:"meeting_kind"`
	MeetingTopic string `json:"meeting_topic"`
	HeldOn       Date   `json:"held_on"`
}

// ListOpenFollowups lists the court's follow-up items not yet done, those
// with the earliest due date first (items without a due date last).
func (s *Store) ListOpenFollowups(ctx context.Context, a Actor, limit int) ([]OpenFollowup, error) {
	var rows []OpenFollowup
	err := s.DB.WithContext(ctx).Raw(`SELECT f.id, f.meeting_id, f.item, f.owner, f.due_on, f.done_on,
		m.kind AS meeting_kind, m.topic AS meeting_topic, m.held_on
		FROM meeting_followups f JOIN meetings m ON m.id = f.meeting_id
		WHERE m.court_code = ? AND f.done_on IS NULL
		ORDER BY CASE WHEN f.due_on IS NULL THEN 1 ELSE 0 END, f.due_on, f.id LIMIT ?`, a.Court, limit).Scan(&rows).Error
	if err != nil {
		return nil, s.Err(err)
	}
	today := s.Clock.Today()
	for i := range rows {
		rows[i].Overdue = !rows[i].DueOn.IsZero() && rows[i].DueOn.Before(today)
	}
	if rows == nil {
		rows = []OpenFollowup{}
	}
	return rows, nil
}
