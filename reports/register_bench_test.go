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
	s, _ := openRegister(b)
	benchExport(b, s)
}

// openRegister opens the existing register of FUYUAN_BENCH_REGISTER (a
// SQLite file or, with FUYUAN_BENCH_REGISTER_DIALECT=mysql, a MariaDB DSN)
// as it is, never migrated, on a clock at scaleToday; it is closed when b
// ends. The benchmark is skipped without it.
func openRegister(b *testing.B) (*app.Store, *app.FakeClock) {
	b.Helper()
	dsn := os.Getenv("FUYUAN_BENCH_REGISTER")
	if dsn == "" {
		b.Skip("FUYUAN_BENCH_REGISTER is not set")
	}
	dialect := os.Getenv("FUYUAN_BENCH_REGISTER_DIALECT")
	if dialect == "" {
		dialect = app.SQLite
	}
	clock := app.NewFakeClock(scaleToday)
	s, err := app.Open(app.Options{Dialect: dialect, DSN: dsn}, clock, apptest.Quiet())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s, clock
}
