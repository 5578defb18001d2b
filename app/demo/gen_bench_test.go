package demo_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/app/demo"
)

// benchCases is how many cases a benchmark generates: FUYUAN_BENCH_CASES,
// or 20,000 so that a run with -benchtime=1x stays short.
func benchCases(b *testing.B) int {
	if v := os.Getenv("FUYUAN_BENCH_CASES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("FUYUAN_BENCH_CASES=%q: want a positive number", v)
		}
		return n
	}
	return 20000
}

// BenchmarkGenerate measures `fuyuan gen`: cases generated per second into
// a fresh database, secondary indexes rebuilt and counters raised included.
func BenchmarkGenerate(b *testing.B) {
	for _, dialect := range []string{app.SQLite, app.MySQL} {
		b.Run(dialect, func(b *testing.B) {
			n := benchCases(b)
			var total time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				clock := app.NewFakeClock(apptest.DefaultNow)
				var s *app.Store
				if dialect == app.SQLite {
					s = apptest.MustOpenSQLite(b, clock)
				} else {
					s = apptest.MustOpenMySQL(b, clock)
				}
				b.StartTimer()
				start := time.Now()
				if err := demo.Generate(context.Background(), s, demo.GenOptions{Cases: n}); err != nil {
					b.Fatal(err)
				}
				total += time.Since(start)
			}
			b.ReportMetric(float64(n*b.N)/total.Seconds(), "cases/s")
		})
	}
}
