package app

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"fuyuan/app/form"
)

// HeadRanks are the ranks of an organ's head who appears in court.
var HeadRanks = Enum{"head_rank", []Option{{"principal", "正职"}, {"deputy", "副职"}}}

// Hearing is a hearing (庭审, 开庭审理) of a litigation case: when and where
// it is scheduled, the day it was held, and how the defendant organ appeared
// (行政机关负责人出庭应诉): whether its head was notified, appeared, at which
// rank, and spoke in court (出声).
type Hearing struct {
	ID              int64     `json:"id" gorm:"primaryKey"`
	CourtCode       string    `json:"-"`
	CaseID          int64     `json:"case_id"`
	CaseNo          string    `json:"case_no" gorm:"->;-:migration"`
	JudgeID         *int64    `json:"judge_id"`
	StartsAt        Minute    `json:"starts_at"`
	EndsAt          Minute    `json:"ends_at"`
	Room            string    `json:"room"`
	HeldOn          Date      `json:"held_on"`
	HeadNotified    bool      `json:"head_notified"`
	HeadAppeared    bool      `json:"head_appeared"`
	HeadName        string    `json:"head_name"`
	HeadPost        string    `json:"head_post"`
	HeadRank        string    `json:"head_rank"`
	HeadSpoke       bool      `json:"head_spoke"`
	Representatives string    `json:"representatives"`
	AbsenceReason   string    `json:"absence_reason"`
	Version         int       `json:"version"`
	CreatedBy       *int64    `json:"created_by"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// TableName is the hearings table.
func (Hearing) TableName() string { return "hearings" }

// Held reports whether the hearing took place (its day is recorded).
func (h Hearing) Held() bool { return !h.HeldOn.IsZero() }

// HearingInput is the body of POST /cases/:id/hearings and PATCH
// /hearings/:id. A field left out keeps its value (PATCH); Confirm books the
// slot despite clashes with other bookings.
type HearingInput struct {
	StartsAt        *Minute `json:"starts_at"`
	EndsAt          *Minute `json:"ends_at"`
	Room            *string `json:"room"`
	HeldOn          *Date   `json:"held_on"`
	HeadNotified    *bool   `json:"head_notified"`
	HeadAppeared    *bool   `json:"head_appeared"`
	HeadName        *string `json:"head_name"`
	HeadPost        *string `json:"head_post"`
	HeadRank        *string `json:"head_rank"`
	HeadSpoke       *bool   `json:"head_spoke"`
	Representatives *string `json:"representatives"`
	AbsenceReason   *string `json:"absence_reason"`
	Confirm         bool    `json:"confirm"`
	Version         *int    `json:"version"`
}

// apply writes the given fields of in onto h.
func (in HearingInput) apply(h *Hearing) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = strings.TrimSpace(*v)
		}
	}
	given(&h.StartsAt, in.StartsAt)
	given(&h.EndsAt, in.EndsAt)
	given(&h.HeldOn, in.HeldOn)
	set(&h.Room, in.Room)
	set(&h.HeadName, in.HeadName)
	set(&h.HeadPost, in.HeadPost)
	set(&h.HeadRank, in.HeadRank)
	set(&h.Representatives, in.Representatives)
	set(&h.AbsenceReason, in.AbsenceReason)
	given(&h.HeadNotified, in.HeadNotified)
	given(&h.HeadAppeared, in.HeadAppeared)
	given(&h.HeadSpoke, in.HeadSpoke)
}

// checkHearing is the rule of a hearing's record, the same for a new one and
// a change: times in order and not before the case was filed (nor after it
// was closed), the appearance consistent (a head who spoke appeared, a head
// who appeared has a name and a rank), and what happened recorded only for a
// hearing that was held. A hearing with an appearance and no day held on is
// taken to be held on the day it started, when that day has come.
func checkHearing(h *Hearing, c caseRecord, today Date) error {
	p := Problems{}
	switch {
	case h.StartsAt.IsZero():
		p.Add("starts_at", "请填写开庭时间（格式 YYYY-MM-DDTHH:MM）")
	case h.StartsAt.Date().Before(c.FiledOn):
		p.Add("starts_at", "开庭时间不能早于立案日期 "+c.FiledOn.String())
	case !c.ClosedOn.IsZero() && h.StartsAt.Date().After(c.ClosedOn):
		p.Add("starts_at", "开庭时间不能晚于结案日期 "+c.ClosedOn.String())
	}
	switch {
	case h.EndsAt.IsZero():
		p.Add("ends_at", "请填写预计结束时间（格式 YYYY-MM-DDTHH:MM）")
	case !h.StartsAt.IsZero():
		checkSlotEnd(p, h.StartsAt, h.EndsAt)
	}
	h.Room = form.Text(p, "room", h.Room, "法庭", 64)
	if h.Room == "" {
		p.Add("room", "请填写开庭的法庭或地点")
	}
	appearance := h.HeadAppeared || h.HeadSpoke || h.HeadName != "" || h.HeadRank != "" || h.AbsenceReason != "" || h.Representatives != ""
	if h.HeldOn.IsZero() && appearance && !h.StartsAt.IsZero() && !h.StartsAt.Date().After(today) {
		h.HeldOn = h.StartsAt.Date()
	}
	switch {
	case h.HeldOn.IsZero() && appearance:
		p.Add("held_on", "庭审尚未举行，不能登记出庭应诉情况；开庭后再登记")
	case h.HeldOn.IsZero():
	case h.HeldOn.Before(c.FiledOn):
		p.Add("held_on", "开庭日期不能早于立案日期 "+c.FiledOn.String())
	case h.HeldOn.After(today):
		p.Add("held_on", "开庭日期不能晚于今天")
	case !c.ClosedOn.IsZero() && h.HeldOn.After(c.ClosedOn):
		p.Add("held_on", "开庭日期不能晚于结案日期 "+c.ClosedOn.String())
	}
	if h.HeadSpoke && !h.HeadAppeared {
		p.Add("head_spoke", "负责人未出庭，不能登记为出庭发言（出声）")
	}
	if h.HeadRank != "" {
		code, ok := HeadRanks.Parse(h.HeadRank)
		if !ok {
			p.Add("head_rank", "负责人职级应为 principal（正职）或 deputy（副职）")
		}
		h.HeadRank = code
	}
	h.HeadName = form.Text(p, "head_name", h.HeadName, "负责人姓名", 64)
	h.HeadPost = form.Text(p, "head_post", h.HeadPost, "负责人职务", 64)
	if h.HeadAppeared {
		if h.HeadName == "" {
			p.Add("head_name", "负责人出庭时请填写其姓名")
		}
		if h.HeadRank == "" {
			p.Add("head_rank", "负责人出庭时请选择其职级：正职或副职")
		}
		if h.AbsenceReason != "" {
			p.Add("absence_reason", "负责人已出庭，无需填写未出庭原因")
		}
	} else if h.HeadRank != "" || h.HeadName != "" || h.HeadPost != "" {
		p.Add("head_appeared", "填写了出庭负责人的姓名、职务或职级，请同时勾选“负责人出庭”")
	}
	h.Representatives = form.Text(p, "representatives", h.Representatives, "其他出庭人员", 1000)
	h.AbsenceReason = form.Text(p, "absence_reason", h.AbsenceReason, "未出庭原因", 1000)
	return p.Err()
}

// ScheduleHearing records a hearing of a litigation case of the actor's
// court. A slot that clashes with another booking of the case's judge or the
// room is refused (409 with the clashes) unless in.Confirm.
func (s *Store) ScheduleHearing(ctx context.Context, a Actor, caseID int64, in HearingInput) (Hearing, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (Hearing, error) { return s.ScheduleHearingTx(tx, a, caseID, in) })
}

// ScheduleHearingTx is ScheduleHearing inside tx.
func (s *Store) ScheduleHearingTx(tx *gorm.DB, a Actor, caseID int64, in HearingInput) (Hearing, error) {
	c, err := s.lockCaseForTx(tx, a, caseID, ActionHearingWrite)
	if err != nil {
		return Hearing{}, err
	}
	if !s.isLitigationTx(tx, c.CourtCode, c.CaseType) {
		return Hearing{}, Conflict("%s 是诉前调解案件，不开庭审理", c.CaseNo)
	}
	h := Hearing{CourtCode: a.Court, CaseID: c.ID, JudgeID: c.JudgeID, Version: 1, CreatedBy: actorID(a)}
	in.apply(&h)
	if err := checkHearing(&h, c, s.Clock.Today()); err != nil {
		return Hearing{}, err
	}
	if err := checkWorkingHours(h.StartsAt, h.EndsAt, in.Confirm); err != nil {
		return Hearing{}, err
	}
	if err := s.checkBookingTx(tx, a.Court, h, c, in.Confirm); err != nil {
		return Hearing{}, err
	}
	h.CreatedAt = s.Clock.Now().UTC()
	h.UpdatedAt = h.CreatedAt
	if err := tx.Omit("CaseNo").Create(&h).Error; err != nil {
		return Hearing{}, err
	}
	if err := hearingCopy.copyTx(tx, "id = ?", h.ID); err != nil {
		return Hearing{}, err
	}
	if err := linkCaseHearingsTx(tx, c.ID); err != nil {
		return Hearing{}, err
	}
	h.CaseNo = c.CaseNo
	if err := s.hearingNoticesTx(tx, a, h, c.CaseNo, false); err != nil {
		return Hearing{}, err
	}
	return h, s.Audit(tx, a, "hearing.create", "case", c.ID, nil, map[string]any{"hearing": h})
}

// UpdateHearing changes a hearing: a new slot (checked for clashes again) or
// what happened at it (the day held, the organ's appearance).
func (s *Store) UpdateHearing(ctx context.Context, a Actor, id int64, in HearingInput) (Hearing, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (Hearing, error) {
		ref, err := s.getHearingTx(tx, a.Court, id)
		if err != nil {
			return Hearing{}, err
		}
		// The case's lock serialises the changes of its hearings, and the
		// actor's hearing:write is decided on the locked case; the hearing is
		// read again under it.
		c, err := s.lockCaseForTx(tx, a, ref.CaseID, ActionHearingWrite)
		if err != nil {
			return Hearing{}, err
		}
		before, err := s.getHearingTx(tx, a.Court, id)
		if err != nil {
			return Hearing{}, err
		}
		if in.Version != nil && *in.Version != before.Version {
			return Hearing{}, StaleVersion()
		}
		h := before
		in.apply(&h)
		if err := checkHearing(&h, c, s.Clock.Today()); err != nil {
			return Hearing{}, err
		}
		if h.StartsAt != before.StartsAt || h.EndsAt != before.EndsAt {
			if err := checkWorkingHours(h.StartsAt, h.EndsAt, in.Confirm); err != nil {
				return Hearing{}, err
			}
		}
		if h.StartsAt != before.StartsAt || h.EndsAt != before.EndsAt || h.Room != before.Room {
			if err := s.checkBookingTx(tx, a.Court, h, c, in.Confirm); err != nil {
				return Hearing{}, err
			}
		}
		h.Version = before.Version + 1
		h.UpdatedAt = s.Clock.Now().UTC()
		res := tx.Model(&Hearing{}).Where("id = ? AND version = ?", id, before.Version).Updates(map[string]any{
			"starts_at": h.StartsAt, "ends_at": h.EndsAt, "room": h.Room, "held_on": h.HeldOn,
			"head_notified": h.HeadNotified, "head_appeared": h.HeadAppeared, "head_name": h.HeadName,
			"head_post": h.HeadPost, "head_rank": h.HeadRank, "head_spoke": h.HeadSpoke,
			"representatives": h.Representatives, "absence_reason": h.AbsenceReason,
			"version": h.Version, "updated_at": h.UpdatedAt,
		})
		if err := changedOne(res, StaleVersion()); err != nil {
			return Hearing{}, err
		}
		if err := linkCaseHearingsTx(tx, c.ID); err != nil {
			return Hearing{}, err
		}
		moved := h.StartsAt != before.StartsAt || h.EndsAt != before.EndsAt || h.Room != before.Room
		if moved || h.Held() {
			if err := s.hearingNoticesTx(tx, a, h, c.CaseNo, true); err != nil {
				return Hearing{}, err
			}
		}
		return h, s.Audit(tx, a, "hearing.update", "case", c.ID, map[string]any{"hearing": before}, map[string]any{"hearing": h})
	})
}

// checkBookingTx refuses a hearing slot that clashes with another booking of
// the case's judge or the room, unless confirmed.
func (s *Store) checkBookingTx(tx *gorm.DB, court string, h Hearing, c caseRecord, confirm bool) error {
	if confirm {
		return nil
	}
	b := Booking{Kind: CalendarHearing, ID: h.ID, CaseID: h.CaseID, Room: h.Room, StartsAt: h.StartsAt, EndsAt: h.EndsAt}
	if c.JudgeID != nil {
		b.JudgeID = *c.JudgeID
	}
	clashes, err := BookingConflictsTx(tx, court, b)
	if err != nil {
		return err
	}
	if len(clashes) > 0 {
		return BookingConflictError(clashes)
	}
	return nil
}

// HearingCase returns the case a hearing belongs to, for authorisation; it
// does not filter by court (the caller's authorisation does).
func (s *Store) HearingCase(ctx context.Context, id int64) (CaseRef, error) {
	return s.recordCase(ctx, "hearings", "庭审记录", id)
}

func (s *Store) getHearingTx(tx *gorm.DB, court string, id int64) (Hearing, error) {
	return take[Hearing](tx.Table("hearings h").Select("h.*, k.case_no").Joins("JOIN cases k ON k.id = h.case_id").
		Where("h.id = ? AND h.court_code = ?", id, court), "庭审记录")
}

// ListHearings lists the hearings of a case of the actor's court in time order.
func (s *Store) ListHearings(ctx context.Context, a Actor, caseID int64) ([]Hearing, error) {
	items := []Hearing{}
	err := s.DB.WithContext(ctx).Table("hearings h").Select("h.*, k.case_no").Joins("JOIN cases k ON k.id = h.case_id").
		Where("h.case_id = ? AND h.court_code = ?", caseID, a.Court).Order("h.starts_at, h.id").Scan(&items).Error
	return items, s.Err(err)
}

// isLitigationTx reports whether cases of the type are litigation cases in
// the court's dictionary (every type but 行诉前调 unless the court says so).
func (s *Store) isLitigationTx(tx *gorm.DB, court, caseType string) bool {
	var lit []bool
	if err := tx.Table("case_types").Where("court_code = ? AND code = ?", court, caseType).Limit(1).Pluck("litigation", &lit).Error; err != nil || len(lit) == 0 {
		return caseType != PreLitigationType
	}
	return lit[0]
}
