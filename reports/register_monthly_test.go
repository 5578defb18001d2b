package reports_test

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"fuyuan/app"
	"fuyuan/app/demo"
	"fuyuan/reports"
)

// BenchmarkMonthlyRegister writes the monthly report of 2025-12 on an
// existing register, opened as it is and never migrated nor written
// (FUYUAN_BENCH_REGISTER and FUYUAN_BENCH_REGISTER_DIALECT as for
// BenchmarkExportRegister): its CPU profile is the report's alone. With
// FUYUAN_BENCH_MONTHLY_OUT (a directory) it first writes there the report
// and, as JSON, the case figures of 2025, of 2025-12 and of 2024-03-15 to
// 2025-02-10 by every dimension, to compare two builds byte for byte.
func BenchmarkMonthlyRegister(b *testing.B) {
	s, clock := openRegister(b)
	month := reports.Month{Year: 2025, Month: 12}
	vis := app.CourtVisibility(demo.CourtCode)
	if dir := os.Getenv("FUYUAN_BENCH_MONTHLY_OUT"); dir != "" {
		f, err := os.Create(filepath.Join(dir, "monthly.xlsx"))
		if err != nil {
			b.Fatal(err)
		}
		if err := reports.Monthly(caseContext, s, demo.CourtCode, month, vis, f); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		var tables []reports.FigureTable
		for _, p := range []reports.Period{
			{From: app.MustDate("2025-01-01"), To: app.MustDate("2025-12-31")},
			{From: app.MustDate("2025-12-01"), To: app.MustDate("2025-12-31")},
			{From: app.MustDate("2024-03-15"), To: app.MustDate("2025-02-10")},
		} {
			for _, by := range []string{"", "organ", "region", "domain", "judge", "case_type", "cause"} {
				t, err := reports.CaseFiguresBy(caseContext, s, demo.CourtCode, p, clock.Today(), by)
				if err != nil {
					b.Fatal(err)
				}
				tables = append(tables, t)
			}
		}
		j, err := json.Marshal(tables)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "figures.json"), j, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		if err := reports.Monthly(caseContext, s, demo.CourtCode, month, vis, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
