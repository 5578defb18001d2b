package demo_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/app/demo"
)

func TestGenerateWritesConsistentCasesAndKeepsNumberingGoing(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		ctx := context.Background()
		if err := demo.Generate(ctx, s, demo.GenOptions{Cases: 3000, Batch: 1000}); err != nil {
			t.Fatal(err)
		}
		var n, distinct, closedWithoutDate, related int64
		db := s.DB
		if s.Dialect == app.SQLite {
			// The fresh register was loaded without the WAL and is back in it, whole.
			var mode, check string
			db.Raw("PRAGMA journal_mode").Scan(&mode)
			db.Raw("PRAGMA integrity_check").Scan(&check)
			if mode != "wal" || check != "ok" {
				t.Fatalf("journal mode %q, integrity check %q", mode, check)
			}
		}
		db.Raw("SELECT COUNT(*) FROM cases WHERE court_code = ?", demo.CourtCode).Scan(&n)
		db.Raw("SELECT COUNT(DISTINCT case_no) FROM cases").Scan(&distinct)
		db.Raw("SELECT COUNT(*) FROM cases WHERE status = 'closed' AND (closed_on IS NULL OR closed_on < filed_on OR days_to_close IS NULL)").Scan(&closedWithoutDate)
		db.Raw("SELECT COUNT(*) FROM mediations").Scan(&related)
		if n != 3000 || distinct != 3000 || closedWithoutDate != 0 || related == 0 {
			t.Fatalf("cases %d, distinct numbers %d, bad closings %d, mediations %d", n, distinct, closedWithoutDate, related)
		}
		// Hearings and appeals in proportion, each consistent with its case:
		// held between filing and closing, appeals only of closed first-instance
		// cases after their closing, decided after they were filed.
		var hearings, badHearings, appeals, badAppeals int64
		db.Raw("SELECT COUNT(*) FROM hearings").Scan(&hearings)
		db.Raw(`SELECT COUNT(*) FROM hearings h JOIN cases c ON c.id = h.case_id WHERE h.held_on < c.filed_on
			OR (c.closed_on IS NOT NULL AND h.held_on > c.closed_on) OR c.case_type = '行诉前调' OR h.ends_at <= h.starts_at
			OR (h.head_spoke <> 0 AND h.head_appeared = 0)`).Scan(&badHearings)
		db.Raw("SELECT COUNT(*) FROM appeals").Scan(&appeals)
		db.Raw(`SELECT COUNT(*) FROM appeals a JOIN cases c ON c.id = a.case_id WHERE c.status <> 'closed' OR a.filed_on < c.closed_on
			OR c.case_type NOT IN ('行初', '行赔初') OR a.decided_on < a.filed_on`).Scan(&badAppeals)
		if hearings < 300 || appeals < 20 || badHearings != 0 || badAppeals != 0 {
			t.Errorf("hearings %d (%d inconsistent), appeals %d (%d inconsistent)", hearings, badHearings, appeals, badAppeals)
		}
		var sample []string
		db.Raw("SELECT case_no FROM cases ORDER BY id LIMIT 50").Scan(&sample)
		re := regexp.MustCompile(`^（\d{4}）粤1803(行初|行审|行赔初|行诉前调)\d+号$`)
		for _, no := range sample {
			if !re.MatchString(no) {
				t.Fatalf("bad case number %q", no)
			}
		}
		// The counters were raised: the register continues after the generated numbers.
		var maxSeq, counter int
		today := s.Clock.Today()
		db.Raw("SELECT COALESCE(MAX(seq), 0) FROM cases WHERE case_type = '行初' AND year = ?", today.Year).Scan(&maxSeq)
		db.Raw("SELECT last FROM counters WHERE court_code = ? AND kind = ? AND year = ?", demo.CourtCode, "case:行初", today.Year).Scan(&counter)
		if maxSeq == 0 || counter != maxSeq {
			t.Fatalf("counter %d, highest number %d", counter, maxSeq)
		}
		// The kept counts, counted as the cases were generated (the list's,
		// the search's, the figures per day), are those of a recount of the cases.
		if drift, err := s.CaseCountsDrift(ctx); err != nil || len(drift) > 0 {
			t.Fatalf("case counts: %v %v", drift, err)
		}
		if drift, err := s.CaseFigureDaysDrift(ctx); err != nil || len(drift) > 0 {
			t.Fatalf("case figure days: %v %v", drift, err)
		}
		// A second run appends.
		if err := demo.Generate(ctx, s, demo.GenOptions{Cases: 500}); err != nil {
			t.Fatal(err)
		}
		db.Raw("SELECT COUNT(DISTINCT case_no) FROM cases").Scan(&distinct)
		if distinct != 3500 {
			t.Fatalf("after a second run: %d distinct numbers", distinct)
		}
		// The second run recounted the list's and the search's counts.
		if drift, err := s.CaseCountsDrift(ctx); err != nil || len(drift) > 0 {
			t.Fatalf("case counts: %v %v", drift, err)
		}
		// The second run recounted every case's figures.
		if drift, err := s.CaseFigureDaysDrift(ctx); err != nil || len(drift) > 0 {
			t.Fatalf("case figure days after a second run: %v %v", drift, err)
		}
	})
}

// Generate drops the secondary indexes for the load and builds them again:
// the schema afterwards is the migrated one, descending columns included.
func TestGenerateBuildsTheSameIndexesAgain(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, _ *app.FakeClock) {
		indexes := func() []string {
			q := "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
			if s.Dialect == app.MySQL {
				q = `SELECT CONCAT(TABLE_NAME, '.', INDEX_NAME, ' ', SEQ_IN_INDEX, ' ', COLUMN_NAME, ' ', COALESCE(COLLATION, ''),
					' ', NON_UNIQUE, ' ', COALESCE(SUB_PART, '')) FROM information_schema.STATISTICS
					WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`
			}
			var out []string
			if err := s.DB.Raw(q).Scan(&out).Error; err != nil {
				t.Fatal(err)
			}
			return out
		}
		before := indexes()
		if !slices.ContainsFunc(before, func(ix string) bool { return strings.Contains(ix, "cases_court_filed_desc") }) {
			t.Fatalf("no cases_court_filed_desc among %q", before)
		}
		if err := demo.Generate(context.Background(), s, demo.GenOptions{Cases: 200}); err != nil {
			t.Fatal(err)
		}
		if after := indexes(); !slices.Equal(before, after) {
			t.Fatalf("indexes before the load:\n%s\nafter it:\n%s", strings.Join(before, "\n"), strings.Join(after, "\n"))
		}
		// On MariaDB the optimizer's statistics of the indexes built
		// again are those of the loaded rows (ANALYZE TABLE), not of the
		// empty table the load began with.
		if s.Dialect == app.MySQL {
			var distinct int64
			err := s.DB.Raw(`SELECT COALESCE(MAX(stat_value), 0) FROM mysql.innodb_index_stats
				WHERE database_name = DATABASE() AND table_name = 'cases' AND index_name = 'cases_case_no' AND stat_name = 'n_diff_pfx02'`).Scan(&distinct).Error
			if err != nil {
				t.Fatal(err)
			}
			if distinct < 200 {
				t.Errorf("cases_case_no's statistics after gen of 200 cases: %d distinct numbers (want those of the loaded rows)", distinct)
			}
		}
	})
}
