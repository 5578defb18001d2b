package reports_test

import (
	"archive/zip"
	"compress/flate"
	"context"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"gorm.io/gorm"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/app/demo"
	"fuyuan/reports"
)

// exportCases is how many cases the export benchmark writes (at most).
const exportCases = 100_000

// scaleToday is the day the generated register ends: 2025 is a whole year.
var scaleToday = time.Date(2026, 1, 10, 9, 0, 0, 0, app.Shanghai)

// BenchmarkScale measures the reports and the case list on a register made
// by `fuyuan gen` (demo.Generate) in a fresh database, on SQLite and on
// MariaDB (with FUYUAN_TEST_MYSQL_DSN): the statistics of a whole year
// (/stats), the monthly report, the case-list export of 100,000 cases
// against a bare excelize StreamWriter writing the same cells in the same
// run, and pages of the case list with their count. With
// FUYUAN_BENCH_EXPLAIN=1 (and -v) the first run of each logs every SELECT
// it makes with the database's plan for it.
func BenchmarkScale(b *testing.B) {
	for _, dialect := range []string{app.SQLite, app.MySQL} {
		b.Run(dialect, func(b *testing.B) {
			clock := app.NewFakeClock(scaleToday)
			s := apptest.MustOpen(b, dialect, clock)
			ctx := context.Background()
			n := apptest.BenchCases(b)
			start := time.Now()
			if err := demo.Generate(ctx, s, demo.GenOptions{Cases: n}); err != nil {
				b.Fatal(err)
			}
			b.Logf("generated %d cases in %s", n, time.Since(start).Round(time.Millisecond))
			year := reports.Period{From: app.MustDate("2025-01-01"), To: app.MustDate("2025-12-31")}
			plans := explainer(b, s)

			b.Run("stats-year", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					plans.log(b, i)
					f, err := reports.Stats(ctx, s, demo.CourtCode, year, clock.Today())
					if err != nil {
						b.Fatal(err)
					}
					if f.NewCases == 0 {
						b.Fatal("no new cases in 2025")
					}
				}
			})
			b.Run("stats-by-organ-year", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					plans.log(b, i)
					t, err := reports.CaseFiguresBy(ctx, s, demo.CourtCode, year, clock.Today(), "organ")
					if err != nil {
						b.Fatal(err)
					}
					if len(t.Rows) == 0 || t.Total.HearingCases == 0 || t.Total.Appealed == 0 {
						b.Fatalf("no organ figures in 2025: %+v", t.Total)
					}
				}
			})
			b.Run("white-paper", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					plans.log(b, i)
					if err := reports.WhitePaper(ctx, s, demo.CourtCode, 2025, clock.Today(), app.WhitePaper{Year: 2025}, io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("monthly-report", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					plans.log(b, i)
					if err := reports.Monthly(ctx, s, demo.CourtCode, reports.Month{Year: 2025, Month: 12}, app.CourtVisibility(demo.CourtCode), io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("export-100k", func(b *testing.B) { benchExport(b, s) })
			benchList(b, s, plans)
		})
	}
}

// benchList lists page 3 (20 a page, the default order) of the register as
// the court's leader, and of judge1's own cases as judge1, with the filters
// of GET /cases: each run is the page and its count, as the endpoint reads them.
func benchList(b *testing.B, s *app.Store, plans *plans) {
	ctx := context.Background()
	plans.log(b, 1) // not the lookups of the users
	actor := func(username string) app.Actor {
		var u app.User
		if err := s.DB.Where("court_code = ? AND username = ?", demo.CourtCode, username).Take(&u).Error; err != nil {
			b.Fatal(err)
		}
		return u.Actor()
	}
	leader, judge := actor("leader"), actor("judge1")
	yes := true
	for _, c := range []struct {
		name  string
		a     app.Actor
		scope app.Scope
		f     app.CaseFilter
	}{
		{"list-status-filed", leader, app.ScopeAll, app.CaseFilter{Status: app.StatusFiled}},
		{"list-status-mediating", leader, app.ScopeAll, app.CaseFilter{Status: app.StatusMediating}},
		{"list-status-closed", leader, app.ScopeAll, app.CaseFilter{Status: app.StatusClosed}},
		{"list-all", leader, app.ScopeAll, app.CaseFilter{}},
		{"list-overdue", leader, app.ScopeAll, app.CaseFilter{Overdue: &yes}},
		{"list-judge", leader, app.ScopeAll, app.CaseFilter{JudgeID: judge.UserID}},
		{"list-q", leader, app.ScopeAll, app.CaseFilter{Q: "王建"}},
		{"list-own-filed", judge, app.ScopeOwn, app.CaseFilter{Status: app.StatusFiled}},
	} {
		c.f.Sort = app.DefaultCaseSort
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				plans.log(b, i)
				l, err := s.ListCases(ctx, c.a, app.NewVisibility(c.a, c.scope), c.f, app.Page{Page: 3, Size: 20})
				if err != nil {
					b.Fatal(err)
				}
				if i == 0 {
					b.ReportMetric(float64(l.Total), "total")
				}
			}
		})
	}
}

// plans logs the plan of every SELECT made during the first run of a
// benchmark, when FUYUAN_BENCH_EXPLAIN=1.
type plans struct {
	mu sync.Mutex
	b  *testing.B // the benchmark to log to; nil while not logging
}

// explainer hooks plans into the store's queries.
func explainer(b *testing.B, s *app.Store) *plans {
	p := &plans{}
	if os.Getenv("FUYUAN_BENCH_EXPLAIN") != "1" {
		return p
	}
	prefix := "EXPLAIN QUERY PLAN "
	if s.Dialect == app.MySQL {
		prefix = "EXPLAIN "
	}
	explain := func(db *gorm.DB) {
		p.mu.Lock()
		defer p.mu.Unlock()
		q := db.Statement.SQL.String()
		if p.b == nil || !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(q)), "SELECT") {
			return
		}
		rows, err := db.Statement.ConnPool.QueryContext(context.Background(), prefix+q, db.Statement.Vars...)
		if err != nil {
			p.b.Logf("explain: %v", err)
			return
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		out := []string{strings.Join(strings.Fields(q), " ")}
		for rows.Next() {
			vals, err := apptest.ScanText(rows)
			if err != nil {
				p.b.Logf("explain: %v", err)
				return
			}
			var parts []string
			for i, v := range vals {
				// SQLite: the plan's text; MariaDB: the columns that say how a table is read.
				switch cols[i] {
				case "detail", "table", "type", "key", "rows", "Extra":
					if v.Valid && v.String != "" {
						parts = append(parts, cols[i]+"="+v.String)
					}
				}
			}
			out = append(out, "    "+strings.Join(parts, " "))
		}
		p.b.Log(strings.Join(out, "\n"))
	}
	s.DB.Callback().Query().After("gorm:query").Register("bench:explain", explain)
	s.DB.Callback().Row().After("gorm:row").Register("bench:explain", explain)
	b.Cleanup(func() {
		s.DB.Callback().Query().Remove("bench:explain")
		s.DB.Callback().Row().Remove("bench:explain")
	})
	return p
}

// log turns logging on for run 0 of b and off for the others.
func (p *plans) log(b *testing.B, run int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.b = nil
	if run == 0 {
		p.b = b
	}
}

// benchExport writes the case list of the latest filings, about 100,000
// cases, with ExportCases (read from the database and streamed), then the
// same cells with a bare StreamWriter, alternately, and reports both times
// and their ratio. Both zip with flate's best speed, as ExportCases does.
func benchExport(b *testing.B, s *app.Store) {
	ctx := context.Background()
	var leader app.User
	if err := s.DB.Where("court_code = ? AND username = ?", demo.CourtCode, "leader").Take(&leader).Error; err != nil {
		b.Fatal(err)
	}
	a := leader.Actor()
	// The filing day from which on about exportCases cases were filed.
	var from app.Date
	err := s.DB.Raw("SELECT filed_on FROM cases WHERE court_code = ? ORDER BY filed_on DESC, id DESC LIMIT 1 OFFSET ?",
		demo.CourtCode, exportCases-1).Scan(&from).Error
	if err != nil {
		b.Fatal(err)
	}
	f := app.CaseFilter{FiledFrom: from, Sort: app.DefaultCaseSort}
	// The cells, made as ExportCases makes them, held for the baseline.
	var rows [][]any
	err = s.EachCase(ctx, a, app.NewVisibility(a, app.ScopeAll), f, func(c app.Case) error {
		rows = append(rows, exportRow(c))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("exporting %d cases filed from %s", len(rows), from)
	// Wall time and this process's CPU time (user + system: on SQLite the
	// database's reading too, on MariaDB not the server's) of each.
	var export, baseline, exportCPU, baselineCPU time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t, c := time.Now(), processCPU(b)
		each := func(fn func(app.Case) error) error {
			return s.EachCase(ctx, a, app.NewVisibility(a, app.ScopeAll), f, fn)
		}
		if err := reports.ExportCases(each, io.Discard); err != nil {
			b.Fatal(err)
		}
		export += time.Since(t)
		exportCPU += processCPU(b) - c
		t, c = time.Now(), processCPU(b)
		if err := bareStreamWriter(rows, io.Discard); err != nil {
			b.Fatal(err)
		}
		baseline += time.Since(t)
		baselineCPU += processCPU(b) - c
	}
	b.ReportMetric(export.Seconds()/float64(b.N), "export-s/op")
	b.ReportMetric(baseline.Seconds()/float64(b.N), "baseline-s/op")
	b.ReportMetric(export.Seconds()/baseline.Seconds(), "x-baseline")
	b.ReportMetric(exportCPU.Seconds()/float64(b.N), "export-cpu-s/op")
	b.ReportMetric(baselineCPU.Seconds()/float64(b.N), "baseline-cpu-s/op")
	b.ReportMetric(exportCPU.Seconds()/baselineCPU.Seconds(), "x-baseline-cpu")
	b.ReportMetric(float64(len(rows)), "cases")
}

// processCPU is the CPU time this process has used (user and system).
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// exportRow is the plain cell values of a case's row in the case-list
// export: CaseListRow with dates as time.Time and amounts as numbers.
func exportRow(c app.Case) []any {
	row := reports.CaseListRow(c)
	for i, v := range row {
		switch x := v.(type) {
		case app.Date:
			if x.IsZero() {
				row[i] = ""
			} else {
				row[i] = x.Time()
			}
		case *app.Money:
			if x == nil {
				row[i] = ""
			} else {
				row[i] = x.Float()
			}
		}
	}
	return row
}

// bareStreamWriter writes a header and rows with excelize's StreamWriter and
// nothing else: a text style, a date style and a number style per cell.
func bareStreamWriter(rows [][]any, out io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	text, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11}})
	if err != nil {
		return err
	}
	dateFmt := "yyyy-mm-dd"
	date, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11}, CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	number, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11}, NumFmt: 4})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	header := make([]any, len(reports.CaseListHeaders()))
	for i, h := range reports.CaseListHeaders() {
		header[i] = excelize.Cell{StyleID: text, Value: h}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	cells := make([]any, len(header))
	for i, r := range rows {
		for j, v := range r {
			st := text
			switch v.(type) {
			case time.Time:
				st = date
			case int, float64:
				st = number
			}
			cells[j] = excelize.Cell{StyleID: st, Value: v}
		}
		ref, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(w, flate.BestSpeed)
		})
		return zw
	})
	return f.Write(out)
}
