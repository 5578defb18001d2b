package app_test

import (
	"context"
	"errors"
	"io/fs"
	"testing"

	"github.com/pressly/goose/v3"
	"gorm.io/gorm"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/migrations"
)

// A court's case-list change counter is raised by every committed change to
// what that court's list shows, however the store writes it (a service, an
// Exec in Store.Tx, a statement outside it), and by nothing else: not by a
// change of another court, a meeting, a letter, a login, a rolled-back change
// or a statement that changes no row. So no counter row is written by every
// transaction: writers of two courts, or of anything but case lists, never
// meet on one. A statement outside Store.Tx (a bulk load, a fixture) cannot
// say its court and raises every court's counter. No trigger does it.
func TestCaseListChangesAreCountedPerCourtAndOnlyForWhatTheListShows(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge1, judge3 := ct.Actor("judge1"), ct.Actor("judge3")
		setCaseToday(clock, "2025-09-10")
		counters := func() map[string]int64 {
			t.Helper()
			var rows []struct {
				CourtCode string
				N         int64
			}
			if err := s.DB.Raw("SELECT court_code, n FROM case_list_changes").Scan(&rows).Error; err != nil {
				t.Fatal(err)
			}
			m := map[string]int64{}
			for _, r := range rows {
				m[r.CourtCode] = r.N
			}
			return m
		}
		last := counters()
		if len(last) != 2 {
			t.Fatalf("counters %v, want one per court", last)
		}
		// expect checks which courts' counters the step raised.
		expect := func(step string, raised ...string) {
			t.Helper()
			now := counters()
			for court, n := range now {
				want := false
				for _, r := range raised {
					want = want || r == court
				}
				if (n > last[court]) != want || n < last[court] {
					t.Errorf("%s: %s's counter went from %d to %d (raised: want %v)", step, court, last[court], n, want)
				}
			}
			last = now
		}
		c := caseMust(s.CreateCase(caseCtx, judge1, caseFiling(ct, "行初", "2025-08-20")))
		expect("filing a case in 粤1803", "粤1803")
		in3 := caseFiling(ct, "行初", "2025-08-20")
		in3.OrganID, in3.JudgeID = ct.Organ2.ID, ct.Users["judge3"].ID
		c3 := caseMust(s.CreateCase(caseCtx, judge3, in3))
		expect("filing a case in 粤1881", "粤1881")
		caseMust(s.RecordMediation(caseCtx, judge1, c.ID, app.MediationInput{HeldOn: app.MustDate("2025-08-25"), Mode: "onsite", Result: "continuing"}))
		expect("a mediation (the case becomes mediating)", "粤1803")
		caseMust(s.SuspendCase(caseCtx, judge3, c3.ID, app.SuspendInput{On: app.MustDate("2025-08-26"), Reason: "鉴定"}))
		expect("a suspension in 粤1881", "粤1881")
		mediator := ct.Users["mediator1"].ID
		caseMust(s.UpdateCase(caseCtx, ct.Actor("leader"), c.ID, app.CasePatch{Version: caseMust(s.GetCase(caseCtx, judge1, c.ID)).Version,
			MediatorIDs: app.Change[[]int64]{Set: true, To: []int64{mediator}}}))
		expect("assigning a mediator", "粤1803")
		name := "改名的法官"
		caseMust(s.UpdateUser(caseCtx, ct.Actor("admin2"), ct.Users["judge3"].ID, app.UserInput{Name: &name}))
		expect("renaming a judge of 粤1881", "粤1881")
		if err := s.DB.Exec("UPDATE organs SET name = ? WHERE id = ?", "清远市清新区林业局（新）", ct.Organ.ID).Error; err != nil {
			t.Fatal(err)
		}
		expect("renaming an organ outside Store.Tx", "粤1803", "粤1881")
		if err := s.Tx(caseCtx, func(tx *gorm.DB) error {
			return tx.Exec("UPDATE organs SET name = ? WHERE id = ?", "清远市清新区林业局", ct.Organ.ID).Error
		}); err != nil {
			t.Fatal(err)
		}
		expect("renaming an organ in a Store.Tx that says no court", "粤1803", "粤1881")
		if err := s.Tx(caseCtx, func(tx *gorm.DB) error {
			return tx.Exec("UPDATE cases SET region = ? WHERE id = ?", "清新", c3.ID).Error
		}); err != nil {
			t.Fatal(err)
		}
		expect("an Exec on a case in a Store.Tx that says no court", "粤1803", "粤1881")
		if err := s.RecountCases(caseCtx, "粤1881"); err != nil {
			t.Fatal(err)
		}
		expect("recounting 粤1881's cases", "粤1881")

		caseMust(s.RecordMeeting(caseCtx, judge1, app.MeetingInput{Kind: "quarterly_joint", HeldOn: app.MustDate("2025-09-01"), Topic: "联席会议", Attendances: 10}))
		caseMust(s.DraftLetter(caseCtx, judge1, app.LetterInput{Kind: "judicial", OrganID: ct.Organ.ID, Problems: "问题", Suggestions: "建议"}))
		expect("a meeting and a letter")
		failed := errors.New("changed my mind")
		err := s.Tx(caseCtx, func(tx *gorm.DB) error {
			if err := tx.Exec("UPDATE cases SET region = 'x' WHERE id = ?", c.ID).Error; err != nil {
				return err
			}
			return failed
		})
		if !errors.Is(err, failed) {
			t.Fatal(err)
		}
		expect("a rolled-back change")
		if err := s.DB.Exec("UPDATE cases SET region = ? WHERE id = ?", "清新", -1).Error; err != nil {
			t.Fatal(err)
		}
		expect("an UPDATE of no row")
		if _, _, err := s.Login(caseCtx, "judge1", apptest.Password, "127.0.0.1"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Login(caseCtx, "judge1", "wrong password", "127.0.0.1"); err == nil {
			t.Fatal("a wrong password logged in")
		}
		expect("a login and a failed one")

		if n := countTriggers(t, s); n != 0 {
			t.Errorf("%d triggers in the database, want none", n)
		}
	})
}

func countTriggers(t *testing.T, s *app.Store) int64 {
	t.Helper()
	var n int64
	q := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'"
	if s.Dialect == app.MySQL {
		q = "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"
	}
	if err := s.DB.Raw(q).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// A database migrated before 00060 has 00022's sixteen triggers; 00060
// drops them (down, it puts them back), and the counters still move.
func TestMigration00060DropsTheCaseListTriggers(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		ct := apptest.MustCourts(t, s)
		dialect, dir, fsys := goose.DialectSQLite3, "sqlite", fs.FS(migrations.SQLite)
		if s.Dialect == app.MySQL {
			dialect, dir, fsys = goose.DialectMySQL, "mysql", migrations.MySQL
		}
		sub, err := fs.Sub(fsys, dir)
		if err != nil {
			t.Fatal(err)
		}
		p, err := goose.NewProvider(dialect, s.SQL(), sub)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.ApplyVersion(ctx, 60, false); err != nil {
			t.Fatalf("down 00060: %v", err)
		}
		if n := countTriggers(t, s); n != 16 {
			t.Fatalf("%d triggers before 00060, want 16", n)
		}
		if _, err := p.ApplyVersion(ctx, 60, true); err != nil {
			t.Fatalf("up 00060: %v", err)
		}
		if n := countTriggers(t, s); n != 0 {
			t.Fatalf("%d triggers after 00060, want none", n)
		}
		counter := func() int64 {
			var n int64
			if err := s.DB.Raw("SELECT n FROM case_list_changes WHERE court_code = ?", "粤1803").Scan(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := counter()
		setCaseToday(clock, "2025-09-10")
		caseMust(s.CreateCase(caseCtx, ct.Actor("judge1"), caseFiling(ct, "行初", "2025-08-20")))
		if after := counter(); after <= before {
			t.Errorf("filing a case left 粤1803's counter at %d", after)
		}
	})
}
