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

// TestGenerateWithOneSeedMakesOneRegister generates a register twice with
// the same seed and clock, on each database, and compares every table of
// the two (password hashes, whose salts are random, left out): gen is
// repeatable, so that the registers of two builds can be compared byte for
// byte. Both are free of drift in their kept counts. With FUYUAN_GEN_DUMP
// set, the dump is also written to FUYUAN_GEN_DUMP/<dialect>.txt, of
// FUYUAN_GEN_DUMP_CASES cases (2,000 by default; 100,000 were compared
// between builds in docs/benchmarks.md).
func TestGenerateWithOneSeedMakesOneRegister(t *testing.T) {
	n := 2000
	if v := os.Getenv("FUYUAN_GEN_DUMP_CASES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			t.Fatalf("FUYUAN_GEN_DUMP_CASES=%q: want a positive number", v)
		}
	}
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		again := apptest.MustOpen(t, s.Dialect, app.NewFakeClock(apptest.DefaultNow))
		first, second := generateDump(t, s, n), generateDump(t, again, n)
		if first != second {
			a, b := strings.Split(first, "\n"), strings.Split(second, "\n")
			for i := range min(len(a), len(b)) {
				if a[i] != b[i] {
					t.Fatalf("two registers of one seed differ at line %d:\n%s\n%s", i+1, a[i], b[i])
				}
			}
			t.Fatalf("two registers of one seed differ in length: %d and %d lines", len(a), len(b))
		}
		if !strings.Contains(first, "== cases (") {
			t.Fatal("the dump has no cases table")
		}
		if dir := os.Getenv("FUYUAN_GEN_DUMP"); dir != "" {
			if err := os.WriteFile(filepath.Join(dir, s.Dialect+".txt"), []byte(first), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// generateDump generates n cases into s with a fixed seed, checks the kept
// counts for drift, and returns every table's rows as sorted text.
func generateDump(t *testing.T, s *app.Store, n int) string {
	t.Helper()
	ctx := context.Background()
	if err := demo.Generate(ctx, s, demo.GenOptions{Cases: n, Seed: 20261207}); err != nil {
		t.Fatal(err)
	}
	d1, err := s.CaseCountsDrift(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d2, err := s.CaseFigureDaysDrift(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if drift := append(d1, d2...); len(drift) > 0 {
		t.Errorf("drift: %d rows, first %s", len(drift), drift[0])
	}
	var f strings.Builder
	var tables []string
	q := "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name"
	if s.Dialect == app.SQLite {
		q = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
	}
	if err := s.DB.Raw(q).Scan(&tables).Error; err != nil {
		t.Fatal(err)
	}
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
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		sort.Strings(lines)
		fmt.Fprintf(&f, "== %s (%s) %d rows\n", tb, strings.Join(cols, ","), len(lines))
		for _, l := range lines {
			fmt.Fprintln(&f, l)
		}
	}
	return f.String()
}
