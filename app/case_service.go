package app

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"fuyuan/app/form"
)

// ServiceMethods are the ways a document is served (送达方式).
var ServiceMethods = Enum{"method", []Option{
	{"direct", "直接送达"}, {"post", "邮寄送达"}, {"electronic", "电子送达"}, {"left", "留置送达"}, {"notice", "公告送达"},
}}

// NoticeDays is how long a 公告送达 runs (民事诉讼法第九十五条, applied in
// administrative cases): the period is excluded from the time limit.
const NoticeDays = 60

// DocumentService is the service (送达) of a generated document to one recipient.
type DocumentService struct {
	ID         int64  `json:"id" gorm:"primaryKey"`
	DocumentID int64  `json:"document_id"`
	CaseID     int64  `json:"case_id"`
	Recipient  string `json:"recipient"`
	Method     string `json:"method"`
	SentOn     Date   `json:"sent_on"`
	ServedOn   Date   `json:"served_on"`
	// ExcludedPeriodID is the excluded period a 公告送达 added.
	ExcludedPeriodID *int64    `json:"excluded_period_id"`
	CreatedBy        *int64    `json:"created_by"`
	CreatedAt        time.Time `json:"created_at"`
}

// TableName is the services table.
func (DocumentService) TableName() string { return "services" }

// Served says the recipient has received the document.
func (s DocumentService) Served() bool { return !s.ServedOn.IsZero() }

// DocumentServiceInput is the body of POST /documents/:id/services.
type DocumentServiceInput struct {
	Recipient string `json:"recipient"`
	Method    string `json:"method"`
	SentOn    Date   `json:"sent_on"`
	ServedOn  Date   `json:"served_on"`

	// problems are the values that did not decode (an impossible date).
	problems Problems
}

// UnmarshalJSON reads the body, keeping a value that does not decode as a problem of its field.
func (in *DocumentServiceInput) UnmarshalJSON(b []byte) error {
	p := Problems{}
	f := fieldsFromJSON(b, p)
	*in = DocumentServiceInput{Recipient: f.str("recipient"), Method: f.str("method"),
		SentOn: f.date(p, "sent_on", "送达日期"), ServedOn: f.date(p, "served_on", "送达完成日期"), problems: p}
	return nil
}

// RecordService records the service of a document (case:edit on its case).
// A 公告送达 adds an excluded period of NoticeDays from the day the notice
// was published (sent_on), through the one deadline rule (AddExcludedPeriodTx).
func (s *Store) RecordService(ctx context.Context, a Actor, documentID int64, in DocumentServiceInput) (DocumentService, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (DocumentService, error) { return s.RecordServiceTx(tx, a, documentID, in) })
}

// RecordServiceTx is RecordService inside tx.
func (s *Store) RecordServiceTx(tx *gorm.DB, a Actor, documentID int64, in DocumentServiceInput) (DocumentService, error) {
	var d Document
	if err := tx.Select("id, case_id, kind").Where("id = ? AND case_id IN (SELECT id FROM cases WHERE court_code = ?)", documentID, a.Court).
		Limit(1).Find(&d).Error; err != nil {
		return DocumentService{}, err
	}
	if d.ID == 0 {
		return DocumentService{}, NotFound("文书")
	}
	r, err := s.lockCaseForTx(tx, a, d.CaseID, ActionCaseEdit)
	if err != nil {
		return DocumentService{}, err
	}
	p := Problems{}
	for k, v := range in.problems {
		p.Add(k, v)
	}
	in.Recipient = form.Required(p, "recipient", in.Recipient, "受送达人", "请填写受送达人", 100)
	if code, ok := ServiceMethods.Parse(strings.TrimSpace(in.Method)); ok {
		in.Method = code
	} else {
		p.Add("method", "送达方式应为直接送达、邮寄送达、电子送达、留置送达或公告送达")
	}
	s.checkDaySinceFiling(p, "sent_on", "送达日期", "请填写送达（发出）日期", in.SentOn, r.FiledOn)
	if !in.ServedOn.IsZero() {
		switch {
		case in.ServedOn.After(s.Clock.Today()):
			p.Add("served_on", "送达完成日期不能晚于今天")
		case !in.SentOn.IsZero() && in.ServedOn.Before(in.SentOn):
			p.Add("served_on", "送达完成日期不能早于发出日期")
		}
	}
	if err := p.Err(); err != nil {
		return DocumentService{}, err
	}
	sv := DocumentService{DocumentID: d.ID, CaseID: d.CaseID, Recipient: in.Recipient, Method: in.Method, SentOn: in.SentOn,
		ServedOn: in.ServedOn, CreatedBy: actorID(a), CreatedAt: s.Clock.Now().UTC()}
	if in.Method == "notice" && r.Status != StatusClosed {
		epID, err := s.noticePeriodTx(tx, a, r, d, in)
		if err != nil {
			return DocumentService{}, err
		}
		sv.ExcludedPeriodID = epID
	}
	if err := tx.Create(&sv).Error; err != nil {
		return sv, err
	}
	return sv, s.Audit(tx, a, "case.service", "case", d.CaseID, nil, sv)
}

// noticePeriodTx adds the excluded period of a 公告送达: NoticeDays from the
// publication. A notice for several documents at once runs once: a period of
// 公告 already covering the day is the same notice, and nothing is added.
func (s *Store) noticePeriodTx(tx *gorm.DB, a Actor, r caseRecord, d Document, in DocumentServiceInput) (*int64, error) {
	end := in.SentOn.AddDays(NoticeDays)
	var existing []ExcludedPeriod
	if err := tx.Where("case_id = ? AND reason = ?", r.ID, "announcement").Find(&existing).Error; err != nil {
		return nil, err
	}
	for _, e := range existing {
		if !e.StartOn.After(in.SentOn) && (e.EndOn.IsZero() || e.EndOn.After(in.SentOn)) {
			id := e.ID
			return &id, nil
		}
	}
	ep, err := s.AddExcludedPeriodTx(tx, a, r.ID, ExcludedPeriodInput{Reason: "announcement", StartOn: in.SentOn, EndOn: end,
		Notes: "公告送达《" + DocumentKinds.Label(d.Kind) + "》，公告期" + strconv.Itoa(NoticeDays) + "日"})
	if err != nil {
		var e *Error
		if errors.As(err, &e) && e.Code == EINVALID {
			var why []string
			for _, m := range e.Fields {
				why = append(why, m)
			}
			return nil, Invalid("sent_on", "公告期间未能扣除审限："+strings.Join(why, "；"))
		}
		return nil, err
	}
	return &ep.ID, nil
}

// Services lists the service records of a case's documents.
func (s *Store) Services(ctx context.Context, a Actor, caseID int64) ([]DocumentService, error) {
	out := []DocumentService{}
	err := s.DB.WithContext(ctx).Where("case_id = ? AND case_id IN (SELECT id FROM cases WHERE court_code = ?)", caseID, a.Court).
		Order("id").Find(&out).Error
	return out, s.Err(err)
}
