// Command statsplans runs what GET /api/v1/stats runs for the year 2025 as
// of 2026-01-10 (the registers of scripts/bench.sh), without `by` and with
// each -by given, captures every statement through gorm's logger, and then
// runs each distinct statement alone, printing the process CPU and wall time
// it took, its rows and its plan (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on
// MariaDB). For comparing registers (docs/benchmarks.md, tenth round):
//
//	go run ./scripts/statsplans -db sqlite -dsn /tmp/x/fuyuan.db -by organ
//	go run ./scripts/statsplans -db mysql -dsn 'root@tcp(127.0.0.1:3306)/x_1m' -by organ,judge
//
// It only reads; run it on a copy all the same (the store opens SQLite in
// WAL mode).
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"strings"
	"sync"
	"syscall"
	"time"

	"gorm.io/gorm/logger"

	"fuyuan/app"
	"fuyuan/reports"
)

// capture keeps the SQL of every statement while on.
type capture struct {
	logger.Interface
	mu   sync.Mutex
	on   bool
	sqls []string
}

func (c *capture) LogMode(logger.LogLevel) logger.Interface { return c }

func (c *capture) Trace(_ context.Context, _ time.Time, fc func() (string, int64), _ error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.on {
		q, _ := fc()
		c.sqls = append(c.sqls, q)
	}
}

func (c *capture) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.sqls
	c.sqls, c.on = nil, false
	return out
}

// cpu is the process's user and system CPU time so far.
func cpu() time.Duration {
	var r syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r)
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}

func main() {
	dialect := flag.String("db", app.SQLite, "sqlite or mysql")
	dsn := flag.String("dsn", "", "the SQLite file or the MariaDB DSN")
	bys := flag.String("by", "", "dimensions besides the court's total, comma-separated (organ,region,domain,judge,case_type,cause)")
	court := flag.String("court", "粤1803", "the court")
	flag.Parse()
	today := app.NewDate(2026, 1, 10)
	s, err := app.Open(app.Options{Dialect: *dialect, DSN: *dsn}, app.NewSystemClock(today), nil)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	c := &capture{Interface: logger.Discard}
	s.DB.Logger = c
	s.DB.Config.Logger = c
	ctx := context.Background()
	p := reports.Period{From: app.NewDate(2025, 1, 1), To: app.NewDate(2025, 12, 31)}
	dims := []string{""}
	if *bys != "" {
		dims = append(dims, strings.Split(*bys, ",")...)
	}
	for _, by := range dims {
		c.mu.Lock()
		c.on = true
		c.mu.Unlock()
		t0, c0 := time.Now(), cpu()
		if by == "" {
			_, err = reports.Stats(ctx, s, *court, p, today)
		} else {
			_, err = reports.CaseFiguresBy(ctx, s, *court, p, today, by)
		}
		wall, used := time.Since(t0), cpu()-c0
		sqls := c.take()
		if err != nil {
			log.Fatalf("by=%q: %v", by, err)
		}
		fmt.Printf("=== by=%q: %v wall, %v CPU, %d statements (several at once)\n", by, wall.Round(time.Millisecond), used.Round(time.Millisecond), len(sqls))
		seen := map[string]bool{}
		for _, q := range sqls {
			if seen[q] {
				continue
			}
			seen[q] = true
			explain(s.SQL(), *dialect, q)
		}
	}
}

// explain runs q alone, then prints its cost and plan.
func explain(db *sql.DB, dialect, q string) {
	t0, c0 := time.Now(), cpu()
	n, err := count(db, q)
	fmt.Printf("--- %v CPU, %v wall, %d rows, err %v\n%s\n", (cpu() - c0).Round(time.Millisecond), time.Since(t0).Round(time.Millisecond),
		n, err, strings.Join(strings.Fields(q), " "))
	ex := "EXPLAIN QUERY PLAN "
	if dialect == app.MySQL {
		ex = "EXPLAIN "
	}
	rows, err := db.Query(ex + q)
	if err != nil {
		fmt.Println("   plan:", err)
		return
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	for rows.Next() {
		v := make([]sql.NullString, len(cols))
		dest := make([]any, len(cols))
		for i := range v {
			dest[i] = &v[i]
		}
		if err := rows.Scan(dest...); err != nil {
			fmt.Println("   plan:", err)
			return
		}
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = x.String
		}
		fmt.Println("   plan:", strings.Join(parts, " | "))
	}
}

func count(db *sql.DB, q string) (int, error) {
	rows, err := db.Query(q)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}
