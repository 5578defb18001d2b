package demo_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/app/demo"
)

// TestGenerateDump writes every table of a register generated with a fixed
// seed and clock to FUYUAN_GEN_DUMP/<dialect>.txt (FUYUAN_GEN_DUMP_CASES
// cases, 100,000 by default): to compare the registers of two builds byte
// for byte. Password hashes (random salts) are left out.
func TestGenerateDump(t *testing.T) {
	dir := os.Getenv("FUYUAN_GEN_DUMP")
	if dir == "" {
		t.Skip("FUYUAN_GEN_DUMP not set")
	}
	n := 100000
	if v := os.Getenv("FUYUAN_GEN_DUMP_CASES"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		if err := demo.Generate(ctx, s, demo.GenOptions{Cases: n, Seed: 20261207}); err != nil {
			t.Fatal(err)
		}
		var drift []string
		d1, err := s.CaseCountsDrift(ctx)
		if err != nil {
			t.Fatal(err)
		}
		d2, err := s.CaseFigureDaysDrift(ctx)
		if err != nil {
			t.Fatal(err)
		}
		drift = append(d1, d2...)
		if len(drift) > 0 {
			t.Errorf("drift: %d rows, first %s", len(drift), drift[0])
		}
		var tables []string
		if s.Dialect == app.SQLite {
			s.DB.Raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").Scan(&tables)
		} else {
			s.DB.Raw("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name").Scan(&tables)
		}
		f, err := os.Create(filepath.Join(dir, s.Dialect+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, tb := range tables {
			if tb == "goose_db_version" {
				continue
			}
			rows, err := s.DB.Raw("SELECT * FROM " + tb).Rows()
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			var lines []string
			for rows.Next() {
				vals, err := apptest.ScanText(rows)
				if err != nil {
					t.Fatal(err)
				}
				var b strings.Builder
				for i, v := range vals {
					if strings.Contains(cols[i], "hash") {
						b.WriteString("\t-")
						continue
					}
					if !v.Valid {
						b.WriteString("\tNULL")
					} else {
						b.WriteString("\t" + strconv.Quote(v.String))
					}
				}
				lines = append(lines, b.String())
			}
			rows.Close()
			sort.Strings(lines)
			fmt.Fprintf(f, "== %s (%s) %d rows\n", tb, strings.Join(cols, ","), len(lines))
			for _, l := range lines {
				fmt.Fprintln(f, l)
			}
		}
	})
}
