package reports_test

import (
	"os"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// BenchmarkExportRegister is BenchmarkScale's export-100k (ExportCases of
// the latest 100,000 filings against a bare StreamWriter writing the same
// cells) on an existing register, opened as it is and never migrated nor
// written: FUYUAN_BENCH_REGISTER is its SQLite file (e.g.
// /tmp/final/sqlite/fuyuan.db) or, with FUYUAN_BENCH_REGISTER_DIALECT=mysql,
// its MariaDB DSN. Skipped without.
func BenchmarkExportRegister(b *testing.B) {
	dsn := os.Getenv("FUYUAN_BENCH_REGISTER")
	if dsn == "" {
		b.Skip("FUYUAN_BENCH_REGISTER is not set")
	}
	dialect := os.Getenv("FUYUAN_BENCH_REGISTER_DIALECT")
	if dialect == "" {
		dialect = app.SQLite
	}
	s, err := app.Open(app.Options{Dialect: dialect, DSN: dsn}, app.NewFakeClock(scaleToday), apptest.Quiet())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	benchExport(b, s)
}
