package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"fuyuan/app/form"
)

// Circuit is a circuit hearing (巡回审判): the court sits away from the
// courthouse — in a village, a reserve, a scenic area or, across regions, in
// another county — hears cases there before an audience (旁听).
type Circuit struct {
	ID        int64  `json:"id" gorm:"primaryKey"`
	CourtCode string `json:"-"`
	HeldOn    Date   `json:"held_on"`
	// StartsAt and EndsAt, when given, book the judge and the place (else an all-day item).
	StartsAt    Minute `json:"starts_at"`
	EndsAt      Minute `json:"ends_at"`
	Place       string `json:"place"`
	Region      string `json:"region"`
	CrossRegion bool   `json:"cross_region"`
	JudgeID     *int64 `json:"judge_id"`
	JudgeName   string `json:"judge_name" gorm:"->"`
	Audience    int    `json:"audience"`
	Notes       string `json:"notes"`
	// WorkstationID names the judge workstation the hearing was held at; it
	// then counts once among that workstation's services (WorkstationServiceRows).
	WorkstationID   *int64        `json:"workstation_id"`
	WorkstationName string        `json:"workstation_name" gorm:"->"`
	CaseIDs         []int64       `json:"case_ids" gorm:"-"`
	Cases           []CircuitCase `json:"cases" gorm:"-"`
	Upcoming        bool          `json:"upcoming" gorm:"-"` // held after today: a scheduled hearing
	CreatedBy       *int64        `json:"created_by"`
	CreatedAt       time.Time     `json:"created_at"`
}

// TableName is the circuit-hearing table.
func (Circuit) TableName() string { return "circuits" }

// CircuitCase is a case heard at a circuit hearing.
type CircuitCase struct {
	ID     int64  `json:"id"`
	CaseNo string `json:"case_no"`
}

// MaxCircuitCases bounds the cases heard at one circuit hearing.
const MaxCircuitCases = 50

// MaxScheduleDays is how far ahead a circuit hearing may be scheduled.
const MaxScheduleDays = 366

// CircuitInput is the body of POST /circuits. A hearing may be recorded after
// it took place or scheduled ahead; judge_id defaults to the actor. With
// starts_at and ends_at it books the judge and the place: a clash with
// another booking is refused (409) unless Confirm.
type CircuitInput struct {
	HeldOn      Date    `json:"held_on"`
	StartsAt    Minute  `json:"starts_at"`
	EndsAt      Minute  `json:"ends_at"`
	Confirm     bool    `json:"confirm"`
	Place       string  `json:"place"`
	Region      string  `json:"region"`
	CrossRegion bool    `json:"cross_region"`
	JudgeID     int64   `json:"judge_id"`
	CaseIDs     []int64 `json:"case_ids"`
	Audience    int     `json:"audience"`
	Notes       string  `json:"notes"`
	// WorkstationID, when not 0, is the court's workstation the hearing was held at.
	WorkstationID int64 `json:"workstation_id"`
}

// Validate checks the fields that need no database.
func (in *CircuitInput) Validate() error {
	p := Problems{}
	checkOptionalSlot(p, &in.HeldOn, in.StartsAt, in.EndsAt)
	if in.HeldOn.IsZero() {
		p.Add("held_on", "请填写开庭日期（YYYY-MM-DD）")
	}
	in.Place = strings.TrimSpace(in.Place)
	if in.Place == "" || utf8.RuneCountInString(in.Place) > 191 {
		p.Add("place", "请填写巡回审判地点（最多 191 个字）")
	}
	if in.Region = form.Text(p, "region", in.Region, "地区", 64); in.CrossRegion && in.Region == "" {
		p.Add("region", "跨区域巡回审判请填写所到的地区（如 英德市）")
	}
	if in.JudgeID < 0 {
		p.Add("judge_id", "请选择本院的承办法官")
	}
	if in.WorkstationID < 0 {
		p.Add("workstation_id", "请从列表中选择本院的法官工作室")
	}
	if in.Audience < 0 || in.Audience > 100000 {
		p.Add("audience", "旁听人数应为 0–100000 的整数")
	}
	in.CaseIDs = form.DistinctIDs(p, "case_ids", in.CaseIDs, "案件编号应为正整数")
	if len(in.CaseIDs) > MaxCircuitCases {
		p.Add("case_ids", fmt.Sprintf("一次巡回审判最多登记 %d 件案件", MaxCircuitCases))
	}
	in.Notes = form.Text(p, "notes", in.Notes, "备注", 2000)
	return p.Err()
}

// CreateCircuit records a circuit hearing of the actor's court. The judge
// must be an active judge of the court and every case one of the court's.
func (s *Store) CreateCircuit(ctx context.Context, a Actor, in CircuitInput) (Circuit, error) {
	if in.JudgeID == 0 {
		in.JudgeID = a.UserID
	}
	if err := in.Validate(); err != nil {
		return Circuit{}, err
	}
	if in.HeldOn.After(s.Clock.Today().AddDays(MaxScheduleDays)) {
		return Circuit{}, Invalid("held_on", fmt.Sprintf("巡回审判最多提前 %d 天排期", MaxScheduleDays))
	}
	if err := checkWorkingHours(in.StartsAt, in.EndsAt, in.Confirm); err != nil {
		return Circuit{}, err
	}
	var c Circuit
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		judge, err := s.courtJudgeTx(tx, a.Court, in.JudgeID)
		if err != nil {
			return err
		}
		cases, err := s.courtCasesTx(tx, a.Court, in.CaseIDs)
		if err != nil {
			return err
		}
		if !in.Confirm {
			clashes, err := BookingConflictsTx(tx, a.Court, Booking{Kind: CalendarCircuit, JudgeID: judge.ID, Room: in.Place,
				StartsAt: in.StartsAt, EndsAt: in.EndsAt})
			if err != nil {
				return err
			}
			if len(clashes) > 0 {
				return BookingConflictError(clashes)
			}
		}
		jid, uid := judge.ID, a.UserID
		c = Circuit{CourtCode: a.Court, HeldOn: in.HeldOn, StartsAt: in.StartsAt, EndsAt: in.EndsAt, Place: in.Place, Region: in.Region, CrossRegion: in.CrossRegion,
			JudgeID: &jid, JudgeName: judge.Name, Audience: in.Audience, Notes: in.Notes, CreatedBy: &uid, CreatedAt: s.Clock.Now().UTC()}
		if in.WorkstationID != 0 {
			w, err := s.workstationTx(tx, a.Court, in.WorkstationID)
			if err != nil {
				if ErrorCode(err) == ENOTFOUND {
					return Invalid("workstation_id", "本院没有该法官工作室，请从列表中选择")
				}
				return err
			}
			wid := in.WorkstationID
			c.WorkstationID, c.WorkstationName = &wid, w.Name
		}
		if err := tx.Create(&c).Error; err != nil {
			return err
		}
		for _, cs := range cases {
			if err := tx.Exec("INSERT INTO circuit_cases (circuit_id, case_id) VALUES (?, ?)", c.ID, cs.ID).Error; err != nil {
				return err
			}
		}
		c.Cases, c.CaseIDs = cases, in.CaseIDs
		c.Upcoming = c.HeldOn.After(s.Clock.Today())
		return s.Audit(tx, a, "circuit.create", "circuit", c.ID, nil, c)
	})
	if err != nil {
		return Circuit{}, err
	}
	return c, nil
}

// courtJudgeTx returns the active judge id of the court, or a judge_id field error.
func (s *Store) courtJudgeTx(tx *gorm.DB, court string, id int64) (Staff, error) {
	var judges []Staff
	err := tx.Model(&User{}).Where("id = ? AND court_code = ? AND role = ? AND disabled = ?", id, court, RoleJudge, false).
		Limit(1).Find(&judges).Error
	if err != nil {
		return Staff{}, err
	}
	if len(judges) == 0 {
		return Staff{}, Invalid("judge_id", "请选择本院在职的承办法官")
	}
	return judges[0], nil
}

// courtCasesTx returns the cases of the court with the given ids in that
// order, or a case_ids field error naming one that is not the court's.
func (s *Store) courtCasesTx(tx *gorm.DB, court string, ids []int64) ([]CircuitCase, error) {
	out := []CircuitCase{}
	if len(ids) == 0 {
		return out, nil
	}
	var found []CircuitCase
	if err := tx.Table("cases").Select("id, case_no").Where("court_code = ? AND id IN ?", court, ids).Scan(&found).Error; err != nil {
		return nil, err
	}
	for _, id := range ids {
		i := slices.IndexFunc(found, func(c CircuitCase) bool { return c.ID == id })
		if i < 0 {
			return nil, Invalid("case_ids", fmt.Sprintf("编号为 %d 的案件不存在或不属于本院", id))
		}
		out = append(out, found[i])
	}
	return out, nil
}

// circuitColumns are what a circuit is read with: its row, its judge's and its workstation's names.
const circuitColumns = "c.*, COALESCE(u.name, '') AS judge_name, COALESCE(w.name, '') AS workstation_name"

// CircuitFilter narrows the list of circuit hearings.
type CircuitFilter struct {
	From, To    Date
	JudgeID     int64
	CrossRegion *bool
}

// ListCircuits lists the circuit hearings of the actor's court, the latest
// first, each with the cases heard.
func (s *Store) ListCircuits(ctx context.Context, a Actor, f CircuitFilter, pg Page) (List[Circuit], error) {
	out := List[Circuit]{Items: []Circuit{}}
	q := s.DB.WithContext(ctx).Table("circuits c").Where("c.court_code = ?", a.Court)
	if !f.From.IsZero() {
		q = q.Where("c.held_on >= ?", f.From)
	}
	if !f.To.IsZero() {
		q = q.Where("c.held_on <= ?", f.To)
	}
	if f.JudgeID != 0 {
		q = q.Where("c.judge_id = ?", f.JudgeID)
	}
	if f.CrossRegion != nil {
		q = q.Where("c.cross_region = ?", *f.CrossRegion)
	}
	if err := q.Count(&out.Total).Error; err != nil {
		return out, s.Err(err)
	}
	err := q.Select(circuitColumns).Joins("LEFT JOIN users u ON u.id = c.judge_id").Joins("LEFT JOIN workstations w ON w.id = c.workstation_id").
		Order("c.held_on DESC, c.id DESC").Offset(pg.Offset()).Limit(pg.Size).Scan(&out.Items).Error
	if err != nil {
		return out, s.Err(err)
	}
	return out, s.Err(s.fillCircuitCases(ctx, out.Items))
}

// CircuitsBetween lists the circuit hearings of the actor's court held from
// from to to (inclusive), in date order, for the calendar.
func (s *Store) CircuitsBetween(ctx context.Context, a Actor, from, to Date) ([]Circuit, error) {
	items := []Circuit{}
	err := s.DB.WithContext(ctx).Table("circuits c").Select(circuitColumns).
		Joins("LEFT JOIN users u ON u.id = c.judge_id").Joins("LEFT JOIN workstations w ON w.id = c.workstation_id").
		Where("c.court_code = ? AND c.held_on >= ? AND c.held_on <= ?", a.Court, from, to).
		Order("c.held_on, c.id").Limit(1000).Scan(&items).Error
	if err != nil {
		return items, s.Err(err)
	}
	return items, s.Err(s.fillCircuitCases(ctx, items))
}

// UpcomingCircuits lists the next n circuit hearings after today.
func (s *Store) UpcomingCircuits(ctx context.Context, a Actor, n int) ([]Circuit, error) {
	items := []Circuit{}
	err := s.DB.WithContext(ctx).Table("circuits c").Select(circuitColumns).
		Joins("LEFT JOIN users u ON u.id = c.judge_id").Joins("LEFT JOIN workstations w ON w.id = c.workstation_id").
		Where("c.court_code = ? AND c.held_on > ?", a.Court, s.Clock.Today()).
		Order("c.held_on, c.id").Limit(n).Scan(&items).Error
	if err != nil {
		return items, s.Err(err)
	}
	return items, s.Err(s.fillCircuitCases(ctx, items))
}

func (s *Store) fillCircuitCases(ctx context.Context, items []Circuit) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]int64, len(items))
	at := map[int64]int{}
	today := s.Clock.Today()
	for i := range items {
		ids[i] = items[i].ID
		at[items[i].ID] = i
		items[i].CaseIDs, items[i].Cases = []int64{}, []CircuitCase{}
		items[i].Upcoming = items[i].HeldOn.After(today)
	}
	var rows []struct {
		CircuitID int64
		ID        int64
		CaseNo    string
	}
	err := s.DB.WithContext(ctx).Table("circuit_cases cc").Select("cc.circuit_id, k.id, k.case_no").
		Joins("JOIN cases k ON k.id = cc.case_id").Where("cc.circuit_id IN ?", ids).
		Order("cc.circuit_id, k.id").Scan(&rows).Error
	if err != nil {
		return err
	}
	for _, r := range rows {
		c := &items[at[r.CircuitID]]
		c.CaseIDs = append(c.CaseIDs, r.ID)
		c.Cases = append(c.Cases, CircuitCase{ID: r.ID, CaseNo: r.CaseNo})
	}
	return nil
}

// A circuit hearing with times books its judge and its place.
func init() { bookingSources = append(bookingSources, circuitSlots) }

// circuitSlots are the circuit hearings with times: their judge and their place.
func circuitSlots(tx *gorm.DB, court string, from, to Minute) ([]bookedSlot, error) {
	q := tx.Table("circuits x").Select("x.id, x.starts_at, x.ends_at, x.place, x.judge_id, COALESCE(u.name, '') AS judge").
		Joins("LEFT JOIN users u ON u.id = x.judge_id")
	return scanSlotsTx(q, CalendarCircuit, "同一地点", court, from, to, func(r slotRow) string { return "巡回审判 " + r.Place })
}

// FieldworkCaseChoice is a case as a field-work form offers it.
type FieldworkCaseChoice struct {
	ID            int64  `json:"id"`
	CaseNo        string `json:"case_no"`
	PlaintiffName string `json:"plaintiff_name"`
	OrganName     string `json:"organ_name"`
	Status        string `json:"status"`
}

// FieldworkCaseChoices lists the cases a field-work form may name: the
// court's cases not yet closed or closed since closedSince, newest first;
// vis keeps the cases the user may name.
func (s *Store) FieldworkCaseChoices(ctx context.Context, vis Visibility, closedSince Date) ([]FieldworkCaseChoice, error) {
	out := []FieldworkCaseChoice{}
	q := vis.Apply(s.DB.WithContext(ctx).Table("cases c"), CaseColumns("c")).
		Select("c.id, c.case_no, c.plaintiff_name, o.name AS organ_name, c.status").
		Joins("LEFT JOIN organs o ON o.id = c.organ_id").
		Where("(c.status <> 'closed' OR c.closed_on >= ?)", closedSince)
	err := q.Order("c.filed_on DESC, c.id DESC").Limit(500).Scan(&out).Error
	return out, s.Err(err)
}

// CircuitFigures sum up the circuit hearings of a period.
type CircuitFigures struct {
	Hearings    int64 `json:"hearings"`
	CrossRegion int64 `json:"cross_region"`
	Audience    int64 `json:"audience"`
}

// CircuitFigures counts the circuit hearings of the actor's court held from
// from to to (inclusive): all, cross-regional, and their audience.
func (s *Store) CircuitFigures(ctx context.Context, a Actor, from, to Date) (CircuitFigures, error) {
	var f CircuitFigures
	err := s.DB.WithContext(ctx).Table("circuits").
		Select(`COUNT(*) AS hearings, COALESCE(SUM(CASE WHEN cross_region = 1 THEN 1 ELSE 0 END), 0) AS cross_region,
			COALESCE(SUM(audience), 0) AS audience`).
		Where("court_code = ? AND held_on >= ? AND held_on <= ?", a.Court, from, to).Scan(&f).Error
	return f, s.Err(err)
}
