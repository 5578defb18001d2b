package app_test

import (
	"context"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// BenchmarkListRegister lists the pages scripts/wrk-list.lua asks, in its
// order (one thread: k = 0, 1, 2, …), as the leader of the register of
// FUYUAN_BENCH_REGISTER (a SQLite file or, with
// FUYUAN_BENCH_REGISTER_DIALECT=mysql, a MariaDB DSN), never migrated, on
// 2026-01-10 (scripts/bench.sh's day); skipped without it. An op is one
// page: its bytes and allocations are the list's own, without HTTP.
func BenchmarkListRegister(b *testing.B) {
	s := apptest.OpenRegister(b, app.NewFakeClock(time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)))
	a := leaderOf(b, s)
	vis := app.NewVisibility(a, app.ScopeAll)
	statuses := []string{"", "filed", "mediating", "suspended", "closed", "open"}
	types := []string{"", "行初", "行审", "行诉前调", "行赔初"}
	judges := []int64{0, 3, 4}
	const pages = 2000
	combos := len(statuses) * len(types) * len(judges)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for k := 0; k < b.N; k++ {
		c, r := k%combos, k/combos
		f := app.CaseFilter{Status: statuses[c%len(statuses)], CaseType: types[c/len(statuses)%len(types)],
			JudgeID: judges[c/(len(statuses)*len(types))%len(judges)], Sort: app.DefaultCaseSort}
		var pg app.Page
		if r%2 == 0 {
			h := r / 2
			pg = app.Page{Page: h%10 + 1, Size: 10 + h/10%90}
			if pg.Size >= 20 {
				pg.Size++
			}
		} else {
			h := (r - 1) / 2
			pg = app.Page{Page: 11 + (h*7919+c*37)%(pages-10), Size: 20}
		}
		if _, err := s.ListCases(ctx, a, vis, f, pg); err != nil {
			b.Fatal(err)
		}
	}
}
