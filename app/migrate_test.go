package app_test

import (
	"context"
	"io/fs"
	"slices"
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

// tablesWithoutPrimaryKey lists the migrated schema's tables that have no
// primary key. Galera replicates rows by their primary key and refuses (or
// replicates unreliably) writes to a table without one, so every table of
// both dialects must have one (deploy/README.md, the Galera recipe).
func tablesWithoutPrimaryKey(t *testing.T, s *app.Store) (tables, missing []string) {
	t.Helper()
	q := `SELECT m.name, MAX(p.pk) > 0 FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' GROUP BY m.name ORDER BY m.name`
	if s.Dialect == app.MySQL {
		q = `SELECT t.TABLE_NAME, EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS c
			WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.CONSTRAINT_TYPE = 'PRIMARY KEY')
		FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' ORDER BY t.TABLE_NAME`
	}
	rows, err := s.SQL().Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			name string
			pk   bool
		)
		if err := rows.Scan(&name, &pk); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
		if !pk {
			missing = append(missing, name)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return tables, missing
}

func TestEveryTableHasAPrimaryKey(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		tables, missing := tablesWithoutPrimaryKey(t, s)
		if len(tables) < 20 {
			t.Fatalf("only %d tables in the migrated schema: %v", len(tables), tables)
		}
		if !slices.Contains(tables, "goose_db_version") {
			t.Errorf("the migrations' own table is not among %v", tables)
		}
		if len(missing) > 0 {
			t.Errorf("tables without a primary key (Galera needs one on every table): %s", strings.Join(missing, ", "))
		}
		// The check sees a table without one.
		if err := s.DB.Exec("CREATE TABLE pk_probe (a BIGINT NOT NULL, b BIGINT NOT NULL)").Error; err != nil {
			t.Fatal(err)
		}
		defer s.DB.Exec("DROP TABLE pk_probe")
		if _, missing := tablesWithoutPrimaryKey(t, s); !slices.Equal(missing, []string{"pk_probe"}) {
			t.Errorf("a table made without a primary key: the check names %v", missing)
		}
	})
}
