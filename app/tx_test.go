package app_test

import (
	"context"
	"database/sql"
	"net/url"
	"testing"
	"time"

	"gorm.io/gorm"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// A filing whose transaction loses a real conflict after doing its work (a
// deadlock on MariaDB, SQLITE_BUSY on SQLite) is run again by Store.Tx and
// committed exactly once: one case, one audit entry, counted once in
// case_counts, and the running number given back by the lost attempt is the
// one the case gets (no gap).
func TestFilingThatLosesAConflictIsRetriedAndCommittedOnce(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		setCaseToday(clock, "2025-09-10")
		judge1 := ct.Actor("judge1")
		hook, hits := apptest.LoseConflicts(t, s, 1)
		s.SetTxHook(hook)
		before := s.TxRetries()
		c, err := s.CreateCase(caseCtx, judge1, caseFiling(ct, "行初", "2025-08-20"))
		s.SetTxHook(nil)
		if err != nil {
			t.Fatalf("filing after a lost conflict: %v", err)
		}
		if hits() != 1 || s.TxRetries()-before != 1 {
			t.Fatalf("%d conflicts caused, %d retries counted; want 1 and 1", hits(), s.TxRetries()-before)
		}
		if c.Seq != 1 {
			t.Fatalf("the case got number %d (%s), want 1: the lost attempt's number was not given back", c.Seq, c.CaseNo)
		}
		count := func(q string, args ...any) int64 {
			t.Helper()
			var n int64
			if err := s.DB.Raw(q, args...).Scan(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := count("SELECT COUNT(*) FROM cases WHERE court_code = ?", judge1.Court); n != 1 {
			t.Fatalf("%d cases, want 1", n)
		}
		if n := count("SELECT COUNT(*) FROM audit_log WHERE action = 'case.create'"); n != 1 {
			t.Fatalf("%d case.create audit entries, want 1", n)
		}
		if n := count("SELECT COALESCE(SUM(n), 0) FROM case_counts WHERE court_code = ?", judge1.Court); n != 1 {
			t.Fatalf("case_counts holds %d cases, want 1", n)
		}
		if drift, err := s.CaseCountsDrift(caseCtx); err != nil || len(drift) > 0 {
			t.Fatalf("case_counts drift %v (%v)", drift, err)
		}
		next := caseMust(s.CreateCase(caseCtx, judge1, caseFiling(ct, "行初", "2025-08-21")))
		if next.Seq != 2 {
			t.Fatalf("the next filing got number %d, want 2", next.Seq)
		}
	})
}

// A transaction that loses its conflict on every attempt gives up with
// EBUSY after TxAttempts of them, and leaves nothing behind.
func TestTxGivesUpWithBusyAfterItsAttempts(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		setCaseToday(clock, "2025-09-10")
		s.SetTxAttempts(3)
		hook, hits := apptest.LoseConflicts(t, s, 1000)
		s.SetTxHook(hook)
		before := s.TxRetries()
		_, err := s.CreateCase(caseCtx, ct.Actor("judge1"), caseFiling(ct, "行初", "2025-08-20"))
		s.SetTxHook(nil)
		if app.ErrorCode(err) != app.EBUSY {
			t.Fatalf("after losing every attempt: %v, want %s", err, app.EBUSY)
		}
		if hits() != 3 || s.TxRetries()-before != 2 {
			t.Fatalf("%d attempts lost, %d retries; want 3 and 2", hits(), s.TxRetries()-before)
		}
		var n int64
		s.DB.Raw("SELECT COUNT(*) FROM cases").Scan(&n)
		if n != 0 {
			t.Fatalf("%d cases left behind", n)
		}
	})
}

// A request's transaction (its context has a deadline) is tried again while
// the deadline leaves time, past TxAttempts: on a Galera cluster written
// through two nodes a filing can lose more races than that and still have
// most of its time (docs/benchmarks.md). It commits once, with the number
// its lost attempts gave back.
func TestARequestsTransactionIsRetriedWhileItsDeadlineLeavesTime(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ct := apptest.MustCourts(t, s)
		setCaseToday(clock, "2025-09-10")
		hook, hits := apptest.LoseConflicts(t, s, app.TxAttempts+1)
		s.SetTxHook(hook)
		before := s.TxRetries()
		ctx, cancel := context.WithTimeout(caseCtx, time.Minute)
		defer cancel()
		c, err := s.CreateCase(ctx, ct.Actor("judge1"), caseFiling(ct, "行初", "2025-08-20"))
		s.SetTxHook(nil)
		if err != nil {
			t.Fatalf("filing after %d lost attempts: %v", app.TxAttempts+1, err)
		}
		if hits() != app.TxAttempts+1 || s.TxRetries()-before != int64(app.TxAttempts+1) {
			t.Fatalf("%d attempts lost, %d retries; want %d and %d", hits(), s.TxRetries()-before, app.TxAttempts+1, app.TxAttempts+1)
		}
		if c.Seq != 1 {
			t.Fatalf("the case got number %d, want 1", c.Seq)
		}
	})
}

// Tx stops retrying when the request's context ends instead of waiting
// through every back-off.
func TestTxStopsRetryingWhenTheContextEnds(t *testing.T) {
	s := apptest.MustOpenSQLite(t, app.NewFakeClock(apptest.DefaultNow))
	lose, hits := apptest.LoseConflicts(t, s, 1000)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.SetTxHook(func(tx *gorm.DB, attempt int) error {
		err := lose(tx, attempt)
		cancel() // the client goes away while the first attempt loses
		return err
	})
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		return tx.Exec("UPDATE courts SET letter_reply_days = 31").Error
	})
	if app.ErrorCode(err) != app.EBUSY {
		t.Fatalf("err %v, want %s", err, app.EBUSY)
	}
	if hits() != 1 || s.TxRetries() != 0 {
		t.Fatalf("%d attempts and %d retries after the context ended, want 1 and 0", hits(), s.TxRetries())
	}
}

// A transaction whose BEGIN finds the SQLite database locked by another
// connection (SQLITE_BUSY once its busy timeout passes) is tried again and
// commits once the lock is gone.
func TestSQLiteBusyAtBeginIsRetried(t *testing.T) {
	s := apptest.MustOpenSQLite(t, app.NewFakeClock(apptest.DefaultNow))
	ctx := context.Background()
	if _, err := s.EnsureCourt(ctx, "粤1803", "清新区人民法院"); err != nil {
		t.Fatal(err)
	}
	// One connection with a busy timeout of 1 ms instead of the DSN's 10 s.
	s.SQL().SetMaxOpenConns(1)
	if err := s.DB.Exec("PRAGMA busy_timeout = 1").Error; err != nil {
		t.Fatal(err)
	}
	var seq int
	var name, path string
	if err := s.SQL().QueryRow("PRAGMA database_list").Scan(&seq, &name, &path); err != nil {
		t.Fatal(err)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(0)")
	other, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	// The lock is held until Tx has been refused at least once (a fixed
	// delay raced the scheduler on a loaded machine), 5 s at most.
	released := make(chan struct{})
	go func() {
		defer close(released)
		for end := time.Now().Add(5 * time.Second); s.TxRetries() == 0 && time.Now().Before(end); {
			time.Sleep(time.Millisecond)
		}
		conn.ExecContext(ctx, "ROLLBACK")
	}()
	defer func() { <-released }()
	runs := 0
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		runs++
		return tx.Exec("UPDATE courts SET letter_reply_days = letter_reply_days + 1").Error
	})
	if err != nil {
		t.Fatalf("after the lock was released: %v", err)
	}
	if s.TxRetries() == 0 {
		t.Fatal("the locked database did not make Tx retry")
	}
	c, _ := s.GetCourt(ctx, "粤1803")
	if c.LetterReplyDays != 31 || runs != 1 {
		t.Fatalf("letter_reply_days %d after %d runs of the work, want 31 after 1", c.LetterReplyDays, runs)
	}
}
