package demo_test

import (
	"context"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/app/demo"
)

// BenchmarkGenerate measures `fuyuan gen`: cases generated per second into
// a fresh database, secondary indexes rebuilt and counters raised included.
func BenchmarkGenerate(b *testing.B) {
	for _, dialect := range []string{app.SQLite, app.MySQL} {
		b.Run(dialect, func(b *testing.B) {
			n := apptest.BenchCases(b)
			var total time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				clock := app.NewFakeClock(apptest.DefaultNow)
				s := apptest.MustOpen(b, dialect, clock)
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
