package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"fuyuan/app/form"
)

// Workstation is a judge workstation (法官工作室) the court keeps outside the
// courthouse: in a forest reserve, a scenic area, a mediation station or a
// cross-region office. Judges log the services they give there.
type Workstation struct {
	ID        int64     `json:"id" gorm:"primaryKey"`
	CourtCode string    `json:"-"`
	Kind      string    `json:"kind"`
	Name      string    `json:"name"`
	Place     string    `json:"place"`
	Partners  string    `json:"partners"`
	OpenedOn  Date      `json:"opened_on"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// TableName is the workstations table.
func (Workstation) TableName() string { return "workstations" }

// AgencyList is a list of bodies (partner agencies, issuing bodies) kept as
// one text. JSON may give it as a string or as an array of strings; an
// array is joined with the Chinese enumeration comma.
type AgencyList string

// AgencySeparator joins the names of an AgencyList given as an array.
const AgencySeparator = "、"

// UnmarshalJSON reads a string or an array of strings.
func (l *AgencyList) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err == nil {
		if s != nil {
			*l = AgencyList(strings.TrimSpace(*s))
		}
		return nil
	}
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return fmt.Errorf("应为字符串或字符串数组")
	}
	kept := names[:0]
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			kept = append(kept, n)
		}
	}
	*l = AgencyList(strings.Join(kept, AgencySeparator))
	return nil
}

// Names splits the list at the usual separators (、，,；;) for display.
func (l AgencyList) Names() []string {
	f := func(r rune) bool { return strings.ContainsRune("、，,；;\n", r) }
	var out []string
	for _, n := range strings.FieldsFunc(string(l), f) {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// WorkstationInput is the body of POST /workstations (every field) and of
// PATCH /workstations/:id (only the fields sent are changed).
type WorkstationInput struct {
	Kind     *string     `json:"kind"`
	Name     *string     `json:"name"`
	Place    *string     `json:"place"`
	Partners *AgencyList `json:"partners"`
	OpenedOn *Date       `json:"opened_on"`
}

// apply checks the fields sent and copies them onto w; creating requires all
// of kind, name and opened_on.
func (in WorkstationInput) apply(w *Workstation, creating bool) error {
	p := Problems{}
	if in.Kind != nil {
		if k, ok := WorkstationKinds.Parse(strings.TrimSpace(*in.Kind)); ok {
			w.Kind = k
		} else {
			p.Add("kind", "请选择工作室类型：森林法官工作室、景区法官工作室、行政争议调解工作站或跨区域联调办公室")
		}
	} else if creating {
		p.Add("kind", "请选择工作室类型")
	}
	if in.Name != nil {
		w.Name = strings.TrimSpace(*in.Name)
		if w.Name == "" || utf8.RuneCountInString(w.Name) > 100 {
			p.Add("name", "请填写工作室名称（最多 100 个字）")
		}
	} else if creating {
		p.Add("name", "请填写工作室名称")
	}
	if in.Place != nil {
		w.Place = form.Text(p, "place", *in.Place, "地点", 200)
	}
	if in.Partners != nil {
		w.Partners = form.Text(p, "partners", string(*in.Partners), "合作单位", 500)
	}
	given(&w.OpenedOn, in.OpenedOn)
	if (in.OpenedOn != nil || creating) && w.OpenedOn.IsZero() {
		p.Add("opened_on", "请填写设立日期（YYYY-MM-DD）")
	}
	return p.Err()
}

// Validate checks a workstation to be opened, without saving it.
func (in *WorkstationInput) Validate() error {
	var w Workstation
	return in.apply(&w, true)
}

// CreateWorkstation opens a workstation in the actor's court.
func (s *Store) CreateWorkstation(ctx context.Context, a Actor, in WorkstationInput) (Workstation, error) {
	w := Workstation{CourtCode: a.Court}
	if err := in.apply(&w, true); err != nil {
		return Workstation{}, err
	}
	now := s.Clock.Now().UTC()
	w.CreatedAt, w.UpdatedAt = now, now
	fresh := w
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		w = fresh // a retried transaction starts again from the input (Create sets the ID)
		if err := s.workstationNameFree(tx, a.Court, w.Name, 0); err != nil {
			return err
		}
		if err := tx.Create(&w).Error; err != nil {
			if IsDuplicate(err) {
				return Invalid("name", "本院已有同名工作室")
			}
			return err
		}
		return s.Audit(tx, a, "workstation.create", "workstation", w.ID, nil, w)
	})
	if err != nil {
		return Workstation{}, err
	}
	return w, nil
}

// UpdateWorkstation changes the fields sent of a workstation of the actor's court.
func (s *Store) UpdateWorkstation(ctx context.Context, a Actor, id int64, in WorkstationInput) (Workstation, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (Workstation, error) {
		before, err := s.workstationTx(tx, a.Court, id)
		if err != nil {
			return Workstation{}, err
		}
		w := before
		if err := in.apply(&w, false); err != nil {
			return Workstation{}, err
		}
		if w.Name != before.Name {
			if err := s.workstationNameFree(tx, a.Court, w.Name, id); err != nil {
				return Workstation{}, err
			}
		}
		w.UpdatedAt = s.Clock.Now().UTC()
		if err := tx.Model(&Workstation{}).Where("id = ? AND court_code = ?", id, a.Court).Updates(map[string]any{
			"kind": w.Kind, "name": w.Name, "place": w.Place, "partners": w.Partners, "opened_on": w.OpenedOn, "updated_at": w.UpdatedAt,
		}).Error; err != nil {
			if IsDuplicate(err) {
				return Workstation{}, Invalid("name", "本院已有同名工作室")
			}
			return Workstation{}, err
		}
		return w, s.Audit(tx, a, "workstation.update", "workstation", id, before, w)
	})
}

func (s *Store) workstationNameFree(tx *gorm.DB, court, name string, except int64) error {
	var n int64
	if err := tx.Model(&Workstation{}).Where("court_code = ? AND name = ? AND id <> ?", court, name, except).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return Invalid("name", "本院已有同名工作室")
	}
	return nil
}

func (s *Store) workstationTx(tx *gorm.DB, court string, id int64) (Workstation, error) {
	var w Workstation
	err := tx.Where("id = ? AND court_code = ?", id, court).Take(&w).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return w, NotFound("工作室")
	}
	return w, err
}

// GetWorkstation returns a workstation of the actor's court.
func (s *Store) GetWorkstation(ctx context.Context, a Actor, id int64) (Workstation, error) {
	w, err := s.workstationTx(s.DB.WithContext(ctx), a.Court, id)
	return w, s.Err(err)
}

// WorkstationRow is a workstation in the list, with this year's service figures.
type WorkstationRow struct {
	Workstation
	ServicesThisYear int64 `json:"services_this_year"`
	PeopleThisYear   int64 `json:"people_this_year"`
}

// ListWorkstations lists the workstations of the actor's court (optionally of
// one kind), in the order they were opened, with this year's figures.
func (s *Store) ListWorkstations(ctx context.Context, a Actor, kind string, pg Page) (List[WorkstationRow], error) {
	db := s.DB.WithContext(ctx).Model(&Workstation{}).Where("court_code = ?", a.Court)
	if kind != "" {
		db = db.Where("kind = ?", kind)
	}
	out := List[WorkstationRow]{Items: []WorkstationRow{}}
	if err := db.Count(&out.Total).Error; err != nil {
		return out, s.Err(err)
	}
	var ws []Workstation
	if err := db.Order("opened_on, id").Offset(pg.Offset()).Limit(pg.Size).Find(&ws).Error; err != nil {
		return out, s.Err(err)
	}
	if len(ws) == 0 {
		return out, nil
	}
	ids := make([]int64, len(ws))
	for i, w := range ws {
		ids[i] = w.ID
	}
	from, to := yearBounds(s.Clock.Today().Year)
	var sums []struct {
		WorkstationID int64
		N             int64
		People        int64
	}
	err := s.DB.WithContext(ctx).Table("workstation_services").
		Select("workstation_id, COUNT(*) AS n, COALESCE(SUM(people), 0) AS people").
		Where("court_code = ? AND workstation_id IN ? AND held_on >= ? AND held_on <= ?", a.Court, ids, from, to).
		Group("workstation_id").Scan(&sums).Error
	if err != nil {
		return out, s.Err(err)
	}
	byID := map[int64]int{}
	for i, w := range ws {
		out.Items = append(out.Items, WorkstationRow{Workstation: w})
		byID[w.ID] = i
	}
	for _, r := range sums {
		row := &out.Items[byID[r.WorkstationID]]
		row.ServicesThisYear, row.PeopleThisYear = r.N, r.People
	}
	return out, nil
}

// WorkstationChoice is a workstation as a form offers it.
type WorkstationChoice struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// WorkstationChoices lists every workstation of the actor's court by name, for forms.
func (s *Store) WorkstationChoices(ctx context.Context, a Actor) ([]WorkstationChoice, error) {
	out := []WorkstationChoice{}
	err := s.DB.WithContext(ctx).Model(&Workstation{}).Select("id, name, kind").
		Where("court_code = ?", a.Court).Order("opened_on, id").Scan(&out).Error
	return out, s.Err(err)
}

func yearBounds(year int) (Date, Date) {
	return NewDate(year, time.January, 1), NewDate(year, time.December, 31)
}
