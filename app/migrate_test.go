package app_test

import (
	"context"
	"io/fs"
	"strings"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/migrations"
)

func migrationNames(t *testing.T, fsys fs.FS, dir string) []string {
	t.Helper()
	names, err := fs.Glob(fsys, dir+"/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		names[i] = strings.TrimPrefix(n, dir+"/")
	}
	return names
}

func TestBothDialectsHaveTheSameMigrations(t *testing.T) {
	a := migrationNames(t, migrations.SQLite, "sqlite")
	b := migrationNames(t, migrations.MySQL, "mysql")
	if strings.Join(a, ",") != strings.Join(b, ",") {
		t.Fatalf("sqlite migrations %v differ from mysql migrations %v", a, b)
	}
	if len(a) == 0 {
		t.Fatal("no migrations")
	}
}

func TestMigrateTwiceIsANoOp(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		n, err := s.Migrate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatalf("second migrate applied %d migrations", n)
		}
		v, err := s.MigrationVersion(context.Background())
		if err != nil || v < 7 {
			t.Fatalf("version %d, %v", v, err)
		}
	})
}
