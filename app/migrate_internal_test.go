package app

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"

	"fuyuan/app/apptest/mysqlenv"
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
	p, done, err := s.migrations()
	if err != nil {
		t.Fatal(err)
	}
	defer done()
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

// Migrations connect without the read timeout of the store's connections: a
// migration's one statement over a million cases (an index built, a table
// filled from every case) may take longer than it on a loaded machine, and
// a migration cut off midway leaves MariaDB's schema half changed (its DDL
// is not transactional). A store whose reads time out after one second
// stands for it here: a statement of 1.5 s fails on its connections and
// succeeds on the migrations'.
func TestMigrationsOutlastTheReadTimeout(t *testing.T) {
	cfg := oneSecondReadTimeout(t)
	s, err := Open(Options{Dialect: MySQL, DSN: cfg.FormatDSN()}, SystemClock{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.SQL().ExecContext(ctx, "DO SLEEP(1.5)"); err == nil {
		t.Fatal("a 1.5 s statement on the store's connections: no error, want the 1 s read timeout")
	}
	m, err := sql.Open("mysql", s.migrateDSN)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if _, err := m.ExecContext(ctx, "DO SLEEP(1.5)"); err != nil {
		t.Fatalf("a 1.5 s statement on the migrations' connections: %v", err)
	}
}

// The maintenance store (WithoutReadTimeout: fuyuan gen's and fuyuan
// recount's recounts) connects to the same database without the read
// timeout: with the store's reads timing out after one second, a 1.5 s
// statement fails on the store and succeeds on it, in a transaction too,
// and it reads and writes the store's database. On SQLite it is the store.
func TestTheMaintenanceStoreOutlastsTheReadTimeout(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx := context.Background()
	t.Run("sqlite", func(t *testing.T) {
		s, err := Open(Options{DSN: filepath.Join(t.TempDir(), "fuyuan.db")}, SystemClock{}, log)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		u, done, err := s.WithoutReadTimeout()
		if err != nil {
			t.Fatal(err)
		}
		done()
		if u != s {
			t.Error("on SQLite the maintenance store is not the store itself")
		}
		var one int
		if err := s.SQL().QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
			t.Errorf("the store after done: %d, %v (want it still open)", one, err)
		}
	})
	t.Run("mysql", func(t *testing.T) {
		cfg := oneSecondReadTimeout(t)
		s, err := Open(Options{Dialect: MySQL, DSN: cfg.FormatDSN()}, SystemClock{}, log)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.SQL().ExecContext(ctx, "DO SLEEP(1.5)"); err == nil {
			t.Fatal("a 1.5 s statement on the store's connections: no error, want the 1 s read timeout")
		}
		u, done, err := s.WithoutReadTimeout()
		if err != nil {
			t.Fatal(err)
		}
		defer done()
		if u == s || u.Dialect != MySQL {
			t.Fatalf("maintenance store %p (%s), store %p: want another MySQL store", u, u.Dialect, s)
		}
		var db, udb string
		if err := s.SQL().QueryRowContext(ctx, "SELECT DATABASE()").Scan(&db); err != nil {
			t.Fatal(err)
		}
		err = u.Tx(ctx, func(tx *gorm.DB) error {
			if err := tx.Exec("DO SLEEP(1.5)").Error; err != nil {
				return err
			}
			return tx.Raw("SELECT DATABASE()").Scan(&udb).Error
		})
		if err != nil {
			t.Fatalf("a 1.5 s statement in a transaction of the maintenance store: %v", err)
		}
		if udb != db {
			t.Errorf("maintenance store's database %q, the store's %q", udb, db)
		}
	})
}

// oneSecondReadTimeout is the test's MariaDB DSN with a read timeout of one
// second, standing for the store's 30 s; without MariaDB the test is
// skipped, or fails where MariaDB is required (mysqlenv, as for every test).
func oneSecondReadTimeout(t *testing.T) *gomysql.Config {
	t.Helper()
	cfg := mysqlenv.Config(t)
	cfg.ReadTimeout = time.Second
	return cfg
}
