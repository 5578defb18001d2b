package app

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"fuyuan/app/form"
)

// WorkstationService is one entry of a workstation's service log: a legal
// consultation, a circuit hearing, a law-publicity event or a dispute
// mediation held there, with the number of people served.
type WorkstationService struct {
	ID            int64     `json:"id" gorm:"primaryKey"`
	CourtCode     string    `json:"-"`
	WorkstationID int64     `json:"workstation_id"`
	Kind          string    `json:"kind"`
	HeldOn        Date      `json:"held_on"`
	People        int       `json:"people"`
	Notes         string    `json:"notes"`
	CreatedBy     *int64    `json:"created_by"`
	RecordedBy    string    `json:"recorded_by" gorm:"->"`
	CreatedAt     time.Time `json:"created_at"`
}

// TableName is the service-log table.
func (WorkstationService) TableName() string { return "workstation_services" }

// MaxPeoplePerService bounds the people served by one entry of a service log.
const MaxPeoplePerService = 100000

// ServiceInput is the body of POST /workstations/:id/services.
type ServiceInput struct {
	Kind   string `json:"kind"`
	HeldOn Date   `json:"held_on"`
	People int    `json:"people"`
	Notes  string `json:"notes"`
}

// Validate checks a service entry; a service is logged after it took place,
// so its date cannot be after today.
func (in *ServiceInput) Validate(today Date) error {
	p := Problems{}
	if k, ok := ServiceKinds.Parse(strings.TrimSpace(in.Kind)); ok {
		in.Kind = k
	} else {
		p.Add("kind", "请选择服务类型：法律咨询、巡回审判、普法宣传或纠纷调处")
	}
	switch {
	case in.HeldOn.IsZero():
		p.Add("held_on", "请填写服务日期（YYYY-MM-DD）")
	case in.HeldOn.After(today):
		p.Add("held_on", "服务日期不能晚于今天（先开展服务，再登记）")
	}
	if in.People < 1 || in.People > MaxPeoplePerService {
		p.Add("people", "服务人数应为 1–100000 的整数（人次）")
	}
	in.Notes = form.Text(p, "notes", in.Notes, "备注", 2000)
	return p.Err()
}

// LogService records a service given at a workstation of the actor's court.
func (s *Store) LogService(ctx context.Context, a Actor, workstationID int64, in ServiceInput) (WorkstationService, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (WorkstationService, error) {
		ws, err := s.workstationTx(tx, a.Court, workstationID)
		if err != nil {
			return WorkstationService{}, err
		}
		if err := in.Validate(s.Clock.Today()); err != nil {
			return WorkstationService{}, err
		}
		if !ws.OpenedOn.IsZero() && in.HeldOn.Before(ws.OpenedOn) {
			return WorkstationService{}, Invalid("held_on", "服务日期不能早于工作室设立日期 "+ws.OpenedOn.String())
		}
		sv := WorkstationService{CourtCode: a.Court, WorkstationID: ws.ID, Kind: in.Kind, HeldOn: in.HeldOn,
			People: in.People, Notes: in.Notes, CreatedBy: actorID(a), RecordedBy: a.Name, CreatedAt: s.Clock.Now().UTC()}
		if err := tx.Create(&sv).Error; err != nil {
			return WorkstationService{}, err
		}
		return sv, s.Audit(tx, a, "workstation_service.create", "workstation_service", sv.ID, nil, sv)
	})
}

// ServiceFilter narrows a service log.
type ServiceFilter struct {
	Kind     string
	From, To Date
}

// ListServices lists the service log of a workstation of the actor's court, newest first.
func (s *Store) ListServices(ctx context.Context, a Actor, workstationID int64, f ServiceFilter, pg Page) (List[WorkstationService], error) {
	db := s.DB.WithContext(ctx)
	if _, err := s.workstationTx(db, a.Court, workstationID); err != nil {
		return List[WorkstationService]{Items: []WorkstationService{}}, s.Err(err)
	}
	q := db.Table("workstation_services ws").Where("ws.court_code = ? AND ws.workstation_id = ?", a.Court, workstationID)
	if f.Kind != "" {
		q = q.Where("ws.kind = ?", f.Kind)
	}
	out, err := pageOf[WorkstationService](withinDates(q, "ws.held_on", f.From, f.To), pg, func(q *gorm.DB) *gorm.DB {
		return q.Select("ws.*, COALESCE(u.name, '') AS recorded_by").Joins("LEFT JOIN users u ON u.id = ws.created_by").
			Order("ws.held_on DESC, ws.id DESC")
	})
	return out, s.Err(err)
}

// WorkstationServiceRows is the one definition of a workstation's services
// for every figure that counts them: the services recorded at it, and each
// circuit hearing held at it as one 巡回审判 serving its audience (so a
// circuit is entered once, on the circuit page, and counted once). Use it as
// a derived table: FROM (`+WorkstationServiceRows+`) s, with the columns
// court_code, workstation_id, kind, held_on, people.
const WorkstationServiceRows = `SELECT court_code, workstation_id, kind, held_on, people FROM workstation_services
	UNION ALL SELECT court_code, workstation_id, 'circuit_hearing', held_on, audience FROM circuits WHERE workstation_id IS NOT NULL`

// ServiceFigure is one kind of service at a workstation: how many times it
// was given and how many people it served, this year and since opening.
type ServiceFigure struct {
	Kind           string `json:"kind"`
	Label          string `json:"label"`
	ThisYear       int64  `json:"this_year"`
	PeopleThisYear int64  `json:"people_this_year"`
	Total          int64  `json:"total"`
	PeopleTotal    int64  `json:"people_total"`
}

// WorkstationFigures are the figures shown on a workstation's page.
type WorkstationFigures struct {
	Year                    int             `json:"year"`
	Services                []ServiceFigure `json:"services"` // every kind of service, once
	ServicesThisYear        int64           `json:"services_this_year"`
	PeopleThisYear          int64           `json:"people_this_year"`
	ServicesTotal           int64           `json:"services_total"`
	PeopleTotal             int64           `json:"people_total"`
	CasesFiled              int64           `json:"cases_filed"`
	CasesFiledThisYear      int64           `json:"cases_filed_this_year"`
	FastTrackCases          int64           `json:"fast_track_cases"`
	FastTrackOpen           int64           `json:"fast_track_open"`
	AvgDaysToCloseFastTrack *float64        `json:"avg_days_to_close_fast_track"`
	ProtectionOrders        int64           `json:"protection_orders"`
}

// WorkstationFigures counts a workstation's services (per kind, this year
// and overall), the cases filed at it, its fast-track cases and protection orders.
func (s *Store) WorkstationFigures(ctx context.Context, a Actor, workstationID int64) (WorkstationFigures, error) {
	db := s.DB.WithContext(ctx)
	if _, err := s.workstationTx(db, a.Court, workstationID); err != nil {
		return WorkstationFigures{}, s.Err(err)
	}
	year := s.Clock.Today().Year
	from, to := yearBounds(year)
	f := WorkstationFigures{Year: year}
	var rows []struct {
		Kind           string
		ThisYear       int64
		PeopleThisYear int64
		Total          int64
		PeopleTotal    int64
	}
	err := db.Table("("+WorkstationServiceRows+") s").
		Select(`kind,
			COALESCE(SUM(CASE WHEN held_on >= ? AND held_on <= ? THEN 1 ELSE 0 END), 0) AS this_year,
			COALESCE(SUM(CASE WHEN held_on >= ? AND held_on <= ? THEN people ELSE 0 END), 0) AS people_this_year,
			COUNT(*) AS total, COALESCE(SUM(people), 0) AS people_total`, from, to, from, to).
		Where("court_code = ? AND workstation_id = ?", a.Court, workstationID).
		Group("kind").Scan(&rows).Error
	if err != nil {
		return f, s.Err(err)
	}
	for _, o := range ServiceKinds.Options {
		sf := ServiceFigure{Kind: o.Code, Label: o.Label}
		for _, r := range rows {
			if r.Kind == o.Code {
				sf.ThisYear, sf.PeopleThisYear, sf.Total, sf.PeopleTotal = r.ThisYear, r.PeopleThisYear, r.Total, r.PeopleTotal
			}
		}
		f.Services = append(f.Services, sf)
		f.ServicesThisYear += sf.ThisYear
		f.PeopleThisYear += sf.PeopleThisYear
		f.ServicesTotal += sf.Total
		f.PeopleTotal += sf.PeopleTotal
	}
	var cs struct {
		Filed         int64
		FiledThisYear int64
		FastTrack     int64
		FastTrackOpen int64
		AvgDays       *float64
	}
	err = db.Table("cases").
		Select(`COUNT(*) AS filed,
			COALESCE(SUM(CASE WHEN filed_on >= ? AND filed_on <= ? THEN 1 ELSE 0 END), 0) AS filed_this_year,
			COALESCE(SUM(CASE WHEN fast_track = 1 THEN 1 ELSE 0 END), 0) AS fast_track,
			COALESCE(SUM(CASE WHEN fast_track = 1 AND status <> 'closed' THEN 1 ELSE 0 END), 0) AS fast_track_open,
			AVG(CASE WHEN fast_track = 1 AND status = 'closed' THEN days_to_close END) AS avg_days`, from, to).
		Where("court_code = ? AND workstation_id = ?", a.Court, workstationID).Scan(&cs).Error
	if err != nil {
		return f, s.Err(err)
	}
	f.CasesFiled, f.CasesFiledThisYear, f.FastTrackCases, f.FastTrackOpen = cs.Filed, cs.FiledThisYear, cs.FastTrack, cs.FastTrackOpen
	f.AvgDaysToCloseFastTrack = roundDays(cs.AvgDays)
	err = db.Table("protection_orders").Where("court_code = ? AND workstation_id = ?", a.Court, workstationID).Count(&f.ProtectionOrders).Error
	return f, s.Err(err)
}

// roundDays rounds an average number of days to two decimals; nil stays nil.
func roundDays(v *float64) *float64 {
	if v == nil {
		return nil
	}
	r := float64(int64(*v*100+0.5)) / 100
	return &r
}
