package reports_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/reports"
)

// benchCases is how many cases the benchmarks load: 1,000,000 unless
// FUYUAN_BENCH_CASES says otherwise.
func benchCases(b *testing.B) int {
	if v := os.Getenv("FUYUAN_BENCH_CASES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("FUYUAN_BENCH_CASES=%q", v)
		}
		return n
	}
	return 1_000_000
}

// loadCases bulk-inserts n cases of 粤1803 spread over the three years up
// to 2025-12-31, about two thirds of them closed, with multi-row INSERTs.
func loadCases(b testing.TB, s *app.Store, courts *apptest.Court, n int) {
	b.Helper()
	start := time.Now()
	const batch = 25 // the SQLite driver binds arguments in quadratic time
	types := []string{"行初", "行初", "行初", "行审", "行赔初", app.PreLitigationType}
	methods := []string{"judgment", "mediation", "withdrawal", "deemed_withdrawal", "dismissal", "withdrawal", "mediation"}
	first := app.MustDate("2023-01-01")
	judge := courts.Users["judge1"].ID
	stamp := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	seq := map[string]int{}
	// SQLite: the secondary indexes are dropped and built again after the
	// load, which sorts once instead of inserting a million times into each.
	var indexes []string
	if s.Dialect == app.SQLite {
		if err := s.DB.Raw("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL").
			Scan(&indexes).Error; err != nil {
			b.Fatal(err)
		}
		var names []string
		s.DB.Raw("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL").Scan(&names)
		for _, name := range names {
			if err := s.DB.Exec("DROP INDEX " + name).Error; err != nil {
				b.Fatal(err)
			}
		}
	}
	tx, err := s.SQL().Begin()
	if err != nil {
		b.Fatal(err)
	}
	err = func() error {
		for done := 0; done < n; {
			m := min(batch, n-done)
			var sb strings.Builder
			sb.WriteString(`INSERT INTO cases (court_code, case_no, case_type, year, seq, cause, domain, plaintiff_name,
				plaintiff_kind, organ_id, filed_on, judge_id, linkage, fast_track, penalty_before, penalty_after, status,
				deadline_on, closed_on, close_method, days_to_close, created_at, updated_at) VALUES `)
			args := make([]any, 0, m*23)
			for i := 0; i < m; i++ {
				k := done + i
				typ := types[k%len(types)]
				filed := first.AddDays(k * 1095 / n)
				key := fmt.Sprintf("%s%d", typ, filed.Year)
				seq[key]++
				var closed, method, days, status any = nil, "", nil, "filed"
				if k%3 != 0 {
					on := filed.AddDays(10 + k%120)
					if on.Before(app.MustDate("2026-01-01")) {
						closed, method, days, status = on, methods[k%len(methods)], on.DaysSince(filed), "closed"
						if typ == app.PreLitigationType {
							method = []string{"mediation", "failed"}[k%2]
						}
					}
				}
				var pb, pa any
				if k%17 == 0 {
					pb, pa = int64(5000000), int64(3000000)
				}
				if i > 0 {
					sb.WriteString(",")
				}
				sb.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
				args = append(args, "粤1803", fmt.Sprintf("（%d）粤1803%s%d号", filed.Year, typ, seq[key]), typ, filed.Year, seq[key],
					"行政处罚", "ecology", fmt.Sprintf("原告%d", k), "individual", courts.Organ.ID, filed, judge, k%5 == 0, k%7 == 0,
					pb, pa, status, filed.AddMonths(6), closed, method, days, stamp, stamp)
			}
			if _, err := tx.Exec(sb.String(), args...); err != nil {
				return err
			}
			done += m
		}
		return tx.Commit()
	}()
	if err != nil {
		tx.Rollback()
		b.Fatal(err)
	}
	for _, sql := range indexes {
		if err := s.DB.Exec(sql).Error; err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("loaded %d cases in %s", n, time.Since(start).Round(time.Millisecond))
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkReportsAtOneMillionCases guards that the statistics of a year and
// the monthly report stay fast at a million cases: the report must take less
// than 2 s of CPU (its two database readers run at once, so on two idle
// cores it takes well under that in wall time). CPU time is what is checked:
// wall time on a shared, loaded machine says little. SQLite always; MariaDB
// too with FUYUAN_BENCH_MYSQL=1 (and FUYUAN_TEST_MYSQL_DSN).
func BenchmarkReportsAtOneMillionCases(b *testing.B) {
	dialects := []string{app.SQLite}
	if os.Getenv("FUYUAN_BENCH_MYSQL") == "1" {
		dialects = append(dialects, app.MySQL)
	}
	for _, dialect := range dialects {
		b.Run(dialect, func(b *testing.B) {
			clock := app.NewFakeClock(time.Date(2026, 1, 10, 9, 0, 0, 0, app.Shanghai))
			var s *app.Store
			if dialect == app.SQLite {
				s = apptest.MustOpenSQLite(b, clock)
			} else {
				s = apptest.MustOpenMySQL(b, clock)
			}
			courts := apptest.MustCourts(b, s)
			n := benchCases(b)
			loadCases(b, s, courts, n)
			ctx := context.Background()
			b.Run("stats-year", func(b *testing.B) {
				start := cpuTime()
				for i := 0; i < b.N; i++ {
					if _, err := reports.Stats(ctx, s, "粤1803", reports.YearToDate(app.MustDate("2025-12-31")), clock.Today()); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
			})
			b.Run("monthly-report", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					start := cpuTime()
					if err := reports.Monthly(ctx, s, "粤1803", reports.Month{Year: 2025, Month: 11}, reports.AllCases, io.Discard); err != nil {
						b.Fatal(err)
					}
					used := cpuTime() - start
					b.ReportMetric(float64(used.Milliseconds()), "cpu-ms/op")
				}
			})
		})
	}
}
