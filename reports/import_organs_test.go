package reports_test

import (
	"context"
	"errors"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/rbac"
	"fuyuan/reports"
)

// TestLedgerImportCreatesOrgansOnlyWhereThePolicySaysSo guards the rule that
// a ledger import registers the organs it names only under organ:import,
// which the policy grants the leader explicitly beside import:cases; without
// it the row is refused and nothing is imported. Closing the imported cases
// is part of import:cases itself (the leader has no case:close).
func TestLedgerImportCreatesOrgansOnlyWhereThePolicySaysSo(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		en, err := rbac.New(s.DB, apptest.Quiet())
		if err != nil {
			t.Fatal(err)
		}
		s.Authz = en
		leader := ct.Actor("leader")
		row := func(organ string) []reports.LedgerRow {
			return []reports.LedgerRow{{Row: 2, CaseType: "行初", Cause: "行政处罚", Domain: "ecology", Plaintiff: "张三",
				PlaintiffKind: "individual", Organ: organ, FiledOn: app.MustDate("2025-01-10"), Judge: "judge1",
				ClosedOn: app.MustDate("2025-03-10"), Method: "withdrawal"}}
		}
		organs := func(name string) int64 {
			var n int64
			if err := s.DB.Table("organs").Where("court_code = ? AND name = ?", leader.Court, name).Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n, err := reports.ImportLedger(ctx, s, leader, row("清远市清新区水利局"), nil); err != nil || n != 1 {
			t.Fatalf("the leader's import: %d, %v", n, err)
		}
		if organs("清远市清新区水利局") != 1 {
			t.Fatal("the leader's import did not register the organ it names")
		}
		if err := s.DB.Exec("DELETE FROM casbin_rule WHERE v2 = 'organ' AND v3 = 'import'").Error; err != nil {
			t.Fatal(err)
		}
		if err := en.Reload(ctx); err != nil {
			t.Fatal(err)
		}
		_, err = reports.ImportLedger(ctx, s, leader, row("清远市清新区交通运输局"), nil)
		var rows *reports.ErrLedgerRows
		if !errors.As(err, &rows) || len(rows.Errors) != 1 || rows.Errors[0].Field != reports.ColOrgan {
			t.Fatalf("import naming a new organ without organ:import: %v, want a row error on %s", err, reports.ColOrgan)
		}
		if organs("清远市清新区交通运输局") != 0 {
			t.Fatal("the organ was registered without organ:import")
		}
	})
}
