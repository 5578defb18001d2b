package app_test

import (
	"context"
	"io/fs"
	"testing"

	"github.com/pressly/goose/v3"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/migrations"
)

// TestCourtHolidaysMigrationGivesEachCourtItsOwnAdditions: when the shared
// calendar is split (00027), a day a court's admin had added becomes that
// court's own, and the official days and days nobody entered through the app
// stay national.
func TestCourtHolidaysMigrationGivesEachCourtItsOwnAdditions(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		dialect, dir, fsys := goose.DialectSQLite3, "sqlite", fs.FS(migrations.SQLite)
		if s.Dialect == app.MySQL {
			dialect, dir, fsys = goose.DialectMySQL, "mysql", migrations.MySQL
		}
		sub, err := fs.Sub(fsys, dir)
		if err != nil {
			t.Fatal(err)
		}
		p, err := goose.NewProvider(dialect, s.SQL(), sub)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.ApplyVersion(ctx, 27, false); err != nil {
			t.Fatalf("down 00027: %v", err)
		}
		// The shared calendar as it was: 粤1881's admin added 2027-01-01; 2027-02-06 came in by SQL.
		for _, q := range []string{
			"INSERT INTO holidays (day, kind, note) VALUES ('2027-01-01', 'holiday', '元旦')",
			"INSERT INTO holidays (day, kind, note) VALUES ('2027-02-06', 'workday', '')",
		} {
			if err := s.DB.Exec(q).Error; err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Audit(s.DB, ct.Actor("admin2"), "holiday.save", "holiday", 20270101, nil, map[string]any{"day": "2027-01-01"}); err != nil {
			t.Fatal(err)
		}
		if _, err := p.ApplyVersion(ctx, 27, true); err != nil {
			t.Fatalf("up 00027: %v", err)
		}
		for day, want := range map[string]string{"2027-01-01": "粤1881", "2027-02-06": "", "2026-10-01": "", "2025-01-28": ""} {
			var courts []string
			if err := s.DB.Table("holidays").Where("day = ?", day).Pluck("court_code", &courts).Error; err != nil {
				t.Fatal(err)
			}
			if len(courts) != 1 || courts[0] != want {
				t.Errorf("%s after the split: courts %q, want [%q]", day, courts, want)
			}
		}
		// 粤1881's day counts for 粤1881 only.
		for court, want := range map[string]bool{"粤1881": true, "粤1803": false} {
			days, err := s.ListHolidays(ctx, court, 2027)
			if err != nil {
				t.Fatal(err)
			}
			got := false
			for _, h := range days {
				got = got || h.Day == app.MustDate("2027-01-01")
			}
			if got != want {
				t.Errorf("%s's 2027 calendar has 2027-01-01: %v, want %v", court, got, want)
			}
		}
	})
}
