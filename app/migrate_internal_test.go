package app

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
)

// A migration that lands on main after a later-numbered one (branches land
// in the order they finish) is applied to a database already past it,
// instead of refused as missing: 00165 undone alone on a migrated database
// stands for it, and the next Migrate applies it again.
func TestAMigrationBelowTheAppliedOnesIsApplied(t *testing.T) {
	ctx := context.Background()
	s, err := Open(Options{DSN: filepath.Join(t.TempDir(), "fuyuan.db")}, SystemClock{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	p, err := s.migrations()
	if err != nil {
		t.Fatal(err)
	}
	const below = 165
	if _, err := p.ApplyVersion(ctx, below, false); err != nil {
		t.Fatalf("undo %05d: %v", below, err)
	}
	n, err := s.Migrate(ctx)
	if err != nil {
		t.Fatalf("migrate with %05d missing below the applied ones: %v", below, err)
	}
	if n != 1 {
		t.Errorf("applied %d migrations, want 1 (%05d)", n, below)
	}
	var indexed int
	if err := s.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM pragma_index_info('mediations_court_held') WHERE name = 'scheduled'`).Scan(&indexed); err != nil || indexed != 1 {
		t.Errorf("mediations_court_held covers scheduled: %d, %v (want 00165 applied again)", indexed, err)
	}
}
