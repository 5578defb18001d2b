// Package apptest opens real databases for tests: SQLite always, and MariaDB
// or MySQL when FUYUAN_TEST_MYSQL_DSN is set (a fresh database per test).
// With FUYUAN_TEST_MYSQL_REQUIRED=1 a missing or unreachable MariaDB fails
// the test instead of skipping it.
package apptest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"fuyuan/app"
	"fuyuan/app/apptest/mysqlenv"
)

// PasswordCost is the bcrypt cost of the test stores' password hashes: the
// least bcrypt allows, so that the race detector's runs stay short. The
// server's own cost (app.BcryptCost) is checked by cmd/fuyuan's tests.
const PasswordCost = bcrypt.MinCost

// Quiet is a logger that discards everything (set FUYUAN_TEST_LOG=1 to see it).
func Quiet() *slog.Logger {
	if os.Getenv("FUYUAN_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// DefaultNow is the time test clocks start at: 2025-07-01 09:00 in Shanghai.
var DefaultNow = time.Date(2025, 7, 1, 9, 0, 0, 0, app.Shanghai)

// MustOpenSQLite opens a migrated SQLite database in a temporary folder.
func MustOpenSQLite(t testing.TB, clock app.Clock) *app.Store {
	t.Helper()
	return mustOpenMigrated(t, app.SQLite, filepath.Join(t.TempDir(), "test.db"), clock)
}

// mustOpenMigrated opens the database dsn of dialect, closed when the test
// ends, and migrates it.
func mustOpenMigrated(t testing.TB, dialect, dsn string, clock app.Clock) *app.Store {
	t.Helper()
	s, err := app.Open(app.Options{Dialect: dialect, DSN: dsn, PasswordCost: PasswordCost}, clock, Quiet())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// MySQLRequired reports whether the MariaDB tests must run.
func MySQLRequired() bool { return mysqlenv.Required() }

// MustOpenMySQL creates a fresh database on the server of FUYUAN_TEST_MYSQL_DSN,
// migrates it and drops it when the test ends. It skips the test (or fails it,
// when required) without a server.
func MustOpenMySQL(t testing.TB, clock app.Clock) *app.Store {
	t.Helper()
	return mustOpenMigrated(t, app.MySQL, FreshMySQLDSN(t), clock)
}

// MustOpen opens a fresh migrated database of dialect (app.SQLite or
// app.MySQL, which skips or fails like MustOpenMySQL).
func MustOpen(t testing.TB, dialect string, clock app.Clock) *app.Store {
	t.Helper()
	if dialect == app.MySQL {
		return MustOpenMySQL(t, clock)
	}
	return MustOpenSQLite(t, clock)
}

// BenchCases is how many cases a benchmark generates: FUYUAN_BENCH_CASES, or
// 20,000 so that a run with -benchtime=1x (CI's) stays short. The figures of
// docs/benchmarks.md come from runs with FUYUAN_BENCH_CASES=1000000.
func BenchCases(t testing.TB) int {
	t.Helper()
	v := os.Getenv("FUYUAN_BENCH_CASES")
	if v == "" {
		return 20000
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("FUYUAN_BENCH_CASES=%q: want a positive number", v)
	}
	return n
}

// ScanText reads the current row of rows as text, one value per column
// (NULL as an invalid value), whatever the columns' types.
func ScanText(rows *sql.Rows) ([]sql.NullString, error) {
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	return vals, rows.Scan(ptrs...)
}

// ForEachDB runs fn as a subtest on SQLite and on MariaDB (when configured),
// each with a fresh migrated database and a fake clock at DefaultNow.
func ForEachDB(t *testing.T, fn func(t *testing.T, s *app.Store, clock *app.FakeClock)) {
	t.Helper()
	for _, dialect := range []string{app.SQLite, app.MySQL} {
		t.Run(dialect, func(t *testing.T) {
			clock := app.NewFakeClock(DefaultNow)
			fn(t, MustOpen(t, dialect, clock), clock)
		})
	}
}

// Court is a test court with a user of every role, plus a second court.
type Court struct {
	Store  *app.Store
	Users  map[string]app.User // admin, leader, judge1, judge2, mediator1, liaison1, admin2, judge3
	Organ  app.Organ           // an organ of 粤1803
	Organ2 app.Organ           // an organ of 粤1881
}

// Actor returns a user of the test courts as an actor.
func (c *Court) Actor(username string) app.Actor { return c.Users[username].Actor() }

// Password is the password of every test user.
const Password = "test-password-1"

// MustCourts creates 粤1803 and 粤1881 with one user of every role.
func MustCourts(t testing.TB, s *app.Store) *Court {
	t.Helper()
	ctx := context.Background()
	c := &Court{Store: s, Users: map[string]app.User{}}
	for _, ct := range [][2]string{{"粤1803", "清新区人民法院"}, {"粤1881", "英德市人民法院"}} {
		if _, err := s.EnsureCourt(ctx, ct[0], ct[1]); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []struct{ name, role, court string }{
		{"admin", "admin", "粤1803"}, {"leader", "leader", "粤1803"}, {"judge1", "judge", "粤1803"},
		{"judge2", "judge", "粤1803"}, {"mediator1", "mediator", "粤1803"}, {"liaison1", "liaison", "粤1803"},
		{"admin2", "admin", "粤1881"}, {"judge3", "judge", "粤1881"},
	} {
		user, err := s.SeedUser(ctx, u.court, u.name, u.name+"姓名", u.role, Password)
		if err != nil {
			t.Fatal(err)
		}
		c.Users[u.name] = user
	}
	var err error
	c.Organ, err = s.CreateOrgan(ctx, c.Actor("admin"), app.OrganInput{Name: "清远市清新区林业局", Kind: "林业局", Region: "清新区"})
	if err != nil {
		t.Fatal(err)
	}
	c.Organ2, err = s.CreateOrgan(ctx, c.Actor("admin2"), app.OrganInput{Name: "英德市林业局", Kind: "林业局", Region: "英德市"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Must fails the test on err.
func Must[T any](t testing.TB, v T, err error) T {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Name returns a unique name with the given prefix.
func Name(prefix string) string {
	b := make([]byte, 3)
	rand.Read(b)
	return fmt.Sprintf("%s%s", prefix, hex.EncodeToString(b))
}

// FreshMySQLDSN creates an empty database on the server of FUYUAN_TEST_MYSQL_DSN
// and returns its DSN (dropped when the test ends); it skips like MustOpenMySQL.
func FreshMySQLDSN(t testing.TB) string {
	t.Helper()
	cfg := mysqlenv.Config(t)
	admin, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "fuyuan_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP DATABASE " + name)
		admin.Close()
	})
	cfg.DBName = name
	return cfg.FormatDSN()
}

// OpenRegister opens the existing register of FUYUAN_BENCH_REGISTER (a
// SQLite file or, with FUYUAN_BENCH_REGISTER_DIALECT=mysql, a MariaDB DSN)
// as it is, never migrated, on clock; it is closed when b ends. The
// benchmark is skipped without it.
func OpenRegister(b *testing.B, clock app.Clock) *app.Store {
	b.Helper()
	dsn := os.Getenv("FUYUAN_BENCH_REGISTER")
	if dsn == "" {
		b.Skip("FUYUAN_BENCH_REGISTER is not set")
	}
	dialect := os.Getenv("FUYUAN_BENCH_REGISTER_DIALECT")
	if dialect == "" {
		dialect = app.SQLite
	}
	s, err := app.Open(app.Options{Dialect: dialect, DSN: dsn}, clock, Quiet())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}
