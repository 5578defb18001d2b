package reports_test

import (
	"context"
	"os"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/rbac"
	"fuyuan/reports"
)

// BenchmarkImportRegister reads a ledger (FUYUAN_BENCH_LEDGER, an .xlsx of
// scripts/ledgerxlsx) and imports it as the leader of 粤1803 into an
// existing register (FUYUAN_BENCH_REGISTER as BenchmarkExportRegister's:
// a SQLite file or, with FUYUAN_BENCH_REGISTER_DIALECT=mysql, a MariaDB
// DSN), as the import page does, with the shipped policy. It WRITES the
// register (every run adds the ledger's cases): give it a copy. Skipped
// without both. With -cpuprofile, the import's profile without a server.
func BenchmarkImportRegister(b *testing.B) {
	ledger := os.Getenv("FUYUAN_BENCH_LEDGER")
	if ledger == "" {
		b.Skip("FUYUAN_BENCH_LEDGER is not set")
	}
	content, err := os.ReadFile(ledger)
	if err != nil {
		b.Fatal(err)
	}
	s, _ := openRegister(b)
	if s.Authz, err = rbac.New(s.DB, apptest.Quiet()); err != nil {
		b.Fatal(err)
	}
	var a app.Actor
	if err := s.DB.Table("users").Select("id AS user_id, username, name, role, court_code AS court").
		Where("username = ?", "leader").Scan(&a).Error; err != nil || a.UserID == 0 {
		b.Fatalf("the leader: %+v %v", a, err)
	}
	ctx := context.Background()
	for b.Loop() {
		rows, parsed, err := reports.ReadLedger(ctx, content)
		if err != nil || len(parsed) > 0 {
			b.Fatal(err, parsed)
		}
		n, err := reports.ImportLedger(ctx, s, a, rows, nil)
		if err != nil || n != len(rows) {
			b.Fatal(n, err)
		}
	}
}
