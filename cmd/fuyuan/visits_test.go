package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"fuyuan/app"
)

// TestVisitsCommandGivesTheRegistersClosingsTheirVisitsOnce: a bulk-loaded
// register (no visits, no plaintiff keys) gets two visits per resolution from
// `fuyuan visits`, and a second run creates nothing.
func TestVisitsCommandGivesTheRegistersClosingsTheirVisitsOnce(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("FUYUAN_DATA", dir)
	t.Setenv("FUYUAN_DB", "sqlite")
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	captureStdout(t, func() {
		if err := run(context.Background(), []string{"gen", "-cases", "300"}, quiet); err != nil {
			t.Fatal(err)
		}
	})
	s, err := app.Open(app.Options{Dialect: app.SQLite, DSN: filepath.Join(dir, "fuyuan.db")}, app.SystemClock{}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.DB.Exec("DELETE FROM visits").Error; err != nil {
		t.Fatal(err)
	}
	var resolved int64
	if err := s.DB.Table("cases c").Where(app.ResolvedSQL("c")).Count(&resolved).Error; err != nil || resolved == 0 {
		t.Fatalf("resolved cases in the generated register: %d %v", resolved, err)
	}
	count := func() (n int64) {
		if err := s.DB.Table("visits").Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	out := captureStdout(t, func() {
		if err := run(ctx, []string{"visits"}, quiet); err != nil {
			t.Fatal(err)
		}
	})
	if got := count(); got != 2*resolved || !strings.Contains(out, "created ") {
		t.Fatalf("after the first run: %d visits for %d resolutions; said %q", got, resolved, out)
	}
	out = captureStdout(t, func() {
		if err := run(ctx, []string{"visits"}, quiet); err != nil {
			t.Fatal(err)
		}
	})
	if got := count(); got != 2*resolved || !strings.Contains(out, "created 0 follow-up visits, linked 0 re-filings, keyed 0 plaintiffs") {
		t.Fatalf("after the second run: %d visits for %d resolutions; said %q", got, resolved, out)
	}
}
