package app_test

import (
	"errors"
	"testing"

	"gorm.io/gorm"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// Every change made through the store raises the change counter once it is
// committed, whichever way it is written (a model, an Exec); a rolled-back
// change, a login and a statement that changes no row do not.
func TestEveryCommittedChangeRaisesTheChangeCounter(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		judge1 := ct.Actor("judge1")
		setCaseToday(clock, "2025-09-10")
		counter := func() int64 {
			t.Helper()
			var n int64
			if err := s.DB.Raw("SELECT n FROM change_counter WHERE id = 1").Scan(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		last := counter()
		expect := func(step string, raised bool) {
			t.Helper()
			n := counter()
			if raised != (n > last) || n < last {
				t.Fatalf("after %s the counter went from %d to %d", step, last, n)
			}
			last = n
		}
		c := caseMust(s.CreateCase(caseCtx, judge1, caseFiling(ct, "行初", "2025-08-20")))
		expect("filing a case", true)
		caseMust(s.RecordMediation(caseCtx, judge1, c.ID, app.MediationInput{HeldOn: app.MustDate("2025-08-25"), Mode: "onsite", Result: "continuing"}))
		expect("a mediation", true)

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
		expect("a rolled-back change", false)

		if err := s.DB.Exec("UPDATE cases SET region = ? WHERE id = ?", "清新", c.ID).Error; err != nil {
			t.Fatal(err)
		}
		expect("an Exec outside a transaction", true)
		if err := s.DB.Exec("UPDATE cases SET region = ? WHERE id = ?", "清新", -1).Error; err != nil {
			t.Fatal(err)
		}
		expect("an UPDATE of no row", false)

		if _, _, err := s.Login(caseCtx, "judge1", apptest.Password, "127.0.0.1"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Login(caseCtx, "judge1", "wrong password", "127.0.0.1"); err == nil {
			t.Fatal("a wrong password logged in")
		}
		expect("a login and a failed one", false)
	})
}
