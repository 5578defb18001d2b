package reports_test

import (
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

// openRegister is apptest.OpenRegister on a clock at scaleToday.
func openRegister(b *testing.B) (*app.Store, *app.FakeClock) {
	clock := app.NewFakeClock(scaleToday)
	return apptest.OpenRegister(b, clock), clock
}
