package reports

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"fuyuan/app"
)

// Archived is one stored version of a month's report. The stored bytes
// never change: generating the month again stores a new version beside it.
type Archived struct {
	ID              int64     `json:"id"`
	CourtCode       string    `json:"-"`
	Month           string    `json:"month"`
	Version         int       `json:"version"`
	SHA256          string    `json:"sha256" gorm:"column:sha256"`
	Size            int64     `json:"size"`
	GeneratedBy     *int64    `json:"generated_by"`
	GeneratedByName string    `json:"generated_by_name" gorm:"-"`
	GeneratedAt     time.Time `json:"generated_at"`
}

// archiveRow is a row of report_archive with its content.
type archiveRow struct {
	Archived
	Content []byte
}

// TableName is the archive table.
func (archiveRow) TableName() string { return "report_archive" }

// CheckArchiveMonth refuses a month that has not begun yet.
func CheckArchiveMonth(m Month, today app.Date) error {
	if MonthOf(today).Before(m) {
		return app.Invalid("month", "不能生成尚未开始的月份的报表")
	}
	return nil
}

// Archive generates the monthly report of the actor's court for month m and
// stores it as the month's next version with its SHA-256, audited as
// entity "report". Earlier versions are left as they are.
func Archive(ctx context.Context, s *app.Store, a app.Actor, m Month) (Archived, error) {
	if err := CheckArchiveMonth(m, s.Clock.Today()); err != nil {
		return Archived{}, err
	}
	content, err := generate(ctx, s, a.Court, m)
	if err != nil {
		return Archived{}, err
	}
	var out Archived
	// Two leaders generating the same month at once both get a version: a
	// clash on (court, month, version) is retried with the next number.
	for attempt := 0; attempt < 5; attempt++ {
		err = s.Tx(ctx, func(tx *gorm.DB) error {
			var last int
			if err := tx.Raw("SELECT COALESCE(MAX(version), 0) FROM report_archive WHERE court_code = ? AND month = ?",
				a.Court, m.String()).Scan(&last).Error; err != nil {
				return err
			}
			out, err = store(tx, s, a, m, last+1, content)
			return err
		})
		if !app.IsDuplicate(err) {
			break
		}
	}
	return out, err
}

// ArchiveIfMissing stores version 1 of month m for court unless the month
// has a version already; it reports whether it stored one. Several
// instances may run it at once: only one version 1 can exist.
func ArchiveIfMissing(ctx context.Context, s *app.Store, court string, m Month) (bool, error) {
	var n int64
	if err := s.DB.WithContext(ctx).Table("report_archive").Where("court_code = ? AND month = ?", court, m.String()).
		Count(&n).Error; err != nil {
		return false, s.Err(err)
	}
	if n > 0 {
		return false, nil
	}
	content, err := generate(ctx, s, court, m)
	if err != nil {
		return false, err
	}
	system := app.Actor{Court: court, Username: "system"}
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Table("report_archive").Where("court_code = ? AND month = ?", court, m.String()).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return errArchived
		}
		_, err := store(tx, s, system, m, 1, content)
		return err
	})
	if errors.Is(err, errArchived) || app.IsDuplicate(err) {
		return false, nil
	}
	return err == nil, err
}

var errArchived = errors.New("month already archived")

// generate writes the court's whole monthly report (every case: the archive is the court's record).
func generate(ctx context.Context, s *app.Store, court string, m Month) ([]byte, error) {
	var buf bytes.Buffer
	if err := Monthly(ctx, s, court, m, app.CourtVisibility(court), &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func store(tx *gorm.DB, s *app.Store, a app.Actor, m Month, version int, content []byte) (Archived, error) {
	sum := sha256.Sum256(content)
	row := archiveRow{Archived: Archived{
		CourtCode: a.Court, Month: m.String(), Version: version, SHA256: hex.EncodeToString(sum[:]),
		Size: int64(len(content)), GeneratedAt: s.Clock.Now().UTC(),
	}, Content: content}
	if a.UserID != 0 {
		uid := a.UserID
		row.GeneratedBy = &uid
	}
	if err := tx.Create(&row).Error; err != nil {
		return Archived{}, err
	}
	out := row.Archived
	out.GeneratedByName = a.Name
	if out.GeneratedByName == "" {
		out.GeneratedByName = "系统（月末自动归档）"
	}
	return out, s.Audit(tx, a, "report.archive", "report", out.ID, nil, map[string]any{
		"month": out.Month, "version": out.Version, "sha256": out.SHA256, "size": out.Size,
	})
}

// ListArchive lists the archived reports of court, newest month and version first.
func ListArchive(ctx context.Context, s *app.Store, court string, limit int) ([]Archived, error) {
	var rows []struct {
		Archived
		UserName *string
	}
	err := s.DB.WithContext(ctx).Table("report_archive r").
		Select("r.id, r.court_code, r.month, r.version, r.sha256, r.size, r.generated_by, r.generated_at, u.name AS user_name").
		Joins("LEFT JOIN users u ON u.id = r.generated_by").
		Where("r.court_code = ?", court).Order("r.month DESC, r.version DESC").Limit(limit).Scan(&rows).Error
	out := make([]Archived, 0, len(rows))
	for _, r := range rows {
		a := r.Archived
		a.GeneratedByName = "系统（月末自动归档）"
		if r.UserName != nil {
			a.GeneratedByName = *r.UserName
		}
		out = append(out, a)
	}
	return out, s.Err(err)
}

// ArchivedFile returns one archived report of court with its stored bytes;
// another court's is "not found".
func ArchivedFile(ctx context.Context, s *app.Store, court string, id int64) (Archived, []byte, error) {
	var row archiveRow
	err := s.DB.WithContext(ctx).Where("id = ? AND court_code = ?", id, court).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Archived{}, nil, app.NotFound("归档报表")
	}
	if err != nil {
		return Archived{}, nil, s.Err(err)
	}
	return row.Archived, row.Content, nil
}

// ArchivePreviousMonths stores, for every court, the previous month's report
// when it is missing; it is what the month-end archiver runs.
func ArchivePreviousMonths(ctx context.Context, s *app.Store, log *slog.Logger) error {
	var courts []string
	if err := s.DB.WithContext(ctx).Table("courts").Order("code").Pluck("code", &courts).Error; err != nil {
		return s.Err(err)
	}
	prev := MonthOf(s.Clock.Today()).Add(-1)
	for _, c := range courts {
		var stored bool
		err := s.InBackground(ctx, func(ctx context.Context) (err error) {
			stored, err = ArchiveIfMissing(ctx, s, c, prev)
			return err
		})
		if err != nil {
			return err
		}
		if stored && log != nil {
			log.Info("monthly report archived", "court", c, "month", prev.String())
		}
	}
	return nil
}

// RunArchiver archives the previous month's report of every court at
// start-up when it is missing and then checks every interval, so that on the
// first day of each month the month that just ended is archived. It returns
// when ctx ends.
func RunArchiver(ctx context.Context, s *app.Store, log *slog.Logger, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := ArchivePreviousMonths(ctx, s, log); err != nil && ctx.Err() == nil && log != nil {
			log.Warn("month-end archive failed; will retry", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// GeneratedAtText is when the version was generated, in Shanghai time.
func (a Archived) GeneratedAtText() string {
	return a.GeneratedAt.In(app.Shanghai).Format("2006-01-02 15:04")
}
