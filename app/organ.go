package app

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"fuyuan/app/form"
)

// Organ is an administrative organ (行政机关), the defendant of administrative cases
// and the addressee of advisory letters.
type Organ struct {
	ID        int64     `json:"id" gorm:"primaryKey"`
	CourtCode string    `json:"-"`
	Name      string    `json:"name"`
	Kind      string    `json:"kind"`
	Region    string    `json:"region"`
	CreatedAt time.Time `json:"created_at"`
}

// OrganInput is the body of POST /organs.
type OrganInput struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Region string `json:"region"`
}

// Validate checks an organ's fields.
func (in *OrganInput) Validate() error {
	p := Problems{}
	in.Name = strings.TrimSpace(in.Name)
	in.Region = strings.TrimSpace(in.Region)
	if in.Name == "" || utf8.RuneCountInString(in.Name) > 100 {
		p.Add("name", "请填写机关名称（最多 100 个字）")
	}
	if k, ok := OrganKinds.Parse(strings.TrimSpace(in.Kind)); ok {
		in.Kind = k
	} else {
		p.Add("kind", "机关类别不在字典中（如 林业局、自然资源局、人社局、文广旅体局）")
	}
	in.Region = form.Text(p, "region", in.Region, "地区", 64)
	return p.Err()
}

// CreateOrgan adds an organ to the actor's court.
func (s *Store) CreateOrgan(ctx context.Context, a Actor, in OrganInput) (Organ, error) {
	if err := in.Validate(); err != nil {
		return Organ{}, err
	}
	return inTx(ctx, s, func(tx *gorm.DB) (Organ, error) { return s.CreateOrganTx(tx, a, in) })
}

// CreateOrganTx adds a validated organ inside tx; a duplicate name is a field error.
func (s *Store) CreateOrganTx(tx *gorm.DB, a Actor, in OrganInput) (Organ, error) {
	if err := s.authorizeCourt(a, ActionOrganWrite); err != nil {
		return Organ{}, err
	}
	return s.createOrganTx(tx, a, in)
}

// CreateImportedOrganTx registers an organ that a ledger import names, if
// the policy lets the importer do so (organ:import).
func (s *Store) CreateImportedOrganTx(tx *gorm.DB, a Actor, in OrganInput) (Organ, error) {
	if err := s.authorizeCourt(a, ActionOrganImport); err != nil {
		// A row problem for the import (which lists them all), not a 403 of the whole file.
		return Organ{}, Invalid("name", "“"+in.Name+"”尚未登记，您无权在导入时新建行政机关；请先由管理员登记该机关")
	}
	return s.createOrganTx(tx, a, in)
}

func (s *Store) createOrganTx(tx *gorm.DB, a Actor, in OrganInput) (Organ, error) {
	var n int64
	if err := tx.Model(&Organ{}).Where("court_code = ? AND name = ?", a.Court, in.Name).Count(&n).Error; err != nil {
		return Organ{}, err
	}
	if n > 0 {
		return Organ{}, Invalid("name", "该机关已存在")
	}
	o := Organ{CourtCode: a.Court, Name: in.Name, Kind: in.Kind, Region: in.Region}
	if err := tx.Create(&o).Error; err != nil {
		return Organ{}, err
	}
	return o, s.Audit(tx, a, "organ.create", "organ", o.ID, nil, o)
}

// ListOrgans lists the organs of the actor's court, filtered by name or kind.
func (s *Store) ListOrgans(ctx context.Context, a Actor, q, kind string, pg Page) (List[Organ], error) {
	db := s.DB.WithContext(ctx).Model(&Organ{}).Where("court_code = ?", a.Court)
	if q != "" {
		db = db.Where(Like("name"), Contains(q))
	}
	if kind != "" {
		db = db.Where("kind = ?", kind)
	}
	out, err := pageOf[Organ](db, pg, func(q *gorm.DB) *gorm.DB { return q.Order("id") })
	return out, s.Err(err)
}

// GetOrgan returns an organ of the actor's court.
func (s *Store) GetOrgan(ctx context.Context, a Actor, id int64) (Organ, error) {
	o, err := take[Organ](s.DB.WithContext(ctx).Where("id = ? AND court_code = ?", id, a.Court), "行政机关")
	return o, s.Err(err)
}

// Like returns "col LIKE ? ESCAPE '!'", the same on both databases; pair it with Contains.
func Like(col string) string { return col + " LIKE ? ESCAPE '!'" }

// Contains returns the LIKE pattern matching s anywhere, its wildcards escaped.
func Contains(s string) string { return "%" + likeEscaper.Replace(s) + "%" }

// Exactly returns the LIKE pattern matching s alone, its wildcards escaped.
func Exactly(s string) string { return likeEscaper.Replace(s) }

var likeEscaper = strings.NewReplacer("!", "!!", "%", "!%", "_", "!_")
