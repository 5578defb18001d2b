package app

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"
)

// TxAttempts is how many times Tx tries a transaction that keeps losing
// conflicts before it gives up with EBUSY, when its context has no
// deadline (background work); a request's transaction is tried while its
// deadline leaves time. Eight were too few on Galera: with two instances
// filing through two nodes (tests/ops TestGaleraCluster), the node that
// keeps losing the race for the court's running-number row lost all eight
// about once in a hundred filings, and twelve still lost 1 % of the
// filings of BenchmarkGaleraFilings (16 writers) before an instance filed
// one case of a court at a time (filingLock).
const TxAttempts = 12

// Back-off between attempts: the n-th retry waits a random time between
// half and all of txBackoffBase·2ⁿ⁻¹, at most txBackoffMax. With
// TxAttempts that is about 2.6 s at the most in all (2 s on average); a
// request's deadline (web.Config.RequestTimeout, 4 s) bounds the retries of
// its transaction instead.
const (
	txBackoffBase = 10 * time.Millisecond
	txBackoffMax  = 400 * time.Millisecond
)

// txAttemptTime is the time Tx leaves an attempt at the least: it does not
// wait to try again when the context's deadline would then come sooner, and
// answers EBUSY at once instead of a timeout later.
const txAttemptTime = 200 * time.Millisecond

// Tx runs fn in one transaction. A transaction that loses a conflict to
// another writer (a deadlock or a lock wait timeout on MariaDB or MySQL, a
// Galera certification failure, a busy or locked SQLite database, a Galera
// node not yet ready) is rolled back and run again from the start, after a
// jittered exponential back-off: while ctx's deadline leaves time for
// another attempt (txAttemptTime), or, when ctx has none, up to TxAttempts
// times in all. When it still cannot commit the answer is EBUSY: nothing of
// it was applied.
//
// Before the commit it raises the case-list counters of what fn changed
// (changes.go).
//
// fn may therefore run more than once: it must start from what it reads in
// tx, and whatever it keeps outside (a result, a flag) it sets afresh on
// each run.
func (s *Store) Tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	// A request's transaction is tried again while the request's deadline
	// leaves time for it (TxAttempts is for work without one, the
	// background jobs): on a Galera cluster written through two nodes a
	// filing that lost twelve times in a row to the other node's filings
	// still had most of its time left (docs/benchmarks.md).
	deadline, bounded := ctx.Deadline()
	attempts := int(s.txAttempts.Load())
	counted := attempts > 0 || !bounded
	if attempts <= 0 {
		attempts = TxAttempts
	}
	for attempt := 1; ; attempt++ {
		actx, lists := withLists(ctx)
		err := s.DB.WithContext(actx).Transaction(func(tx *gorm.DB) error {
			if err := fn(tx); err != nil {
				return err
			}
			if err := s.flushAudit(tx, lists); err != nil {
				return err
			}
			if err := s.raiseLists(tx, lists); err != nil {
				return err
			}
			if hook := s.txHook.Load(); hook != nil {
				return (*hook)(tx, attempt)
			}
			return nil
		})
		if err == nil {
			return nil
		}
		why := lostConflict(err)
		if why == "" {
			return s.wrapDBError(err)
		}
		wait := txBackoff(attempt)
		if (counted && attempt >= attempts) || (bounded && time.Until(deadline) < wait+txAttemptTime) {
			s.Log.Warn("transaction gave up", "reason", why, "attempts", attempt, "err", err)
			return s.gaveUp(err)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			s.Log.Warn("transaction gave up", "reason", why, "attempts", attempt, "err", ctx.Err())
			return s.gaveUp(err)
		case <-t.C:
		}
		s.txRetries.Add(1)
		s.Log.Info("transaction retried", "reason", why, "attempt", attempt+1, "after", wait, "err", err)
	}
}

// inTx runs fn in one transaction of s.Tx and returns what its last run
// returned, or the zero value and the error when the transaction failed.
func inTx[T any](ctx context.Context, s *Store, fn func(tx *gorm.DB) (T, error)) (T, error) {
	var v T
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		var err error
		v, err = fn(tx)
		return err
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}

// TxHook runs inside a transaction of Tx after its work and before the
// commit, with the attempt's number (1 for the first).
type TxHook func(tx *gorm.DB, attempt int) error

// SetTxHook makes every transaction of Tx run hook (nil: none). Tests use it
// to make an attempt lose a real conflict; the server never sets one.
func (s *Store) SetTxHook(hook TxHook) {
	if hook == nil {
		s.txHook.Store(nil)
		return
	}
	s.txHook.Store(&hook)
}

// SetTxAttempts sets how many times Tx tries a transaction that loses
// conflicts, with a deadline or not (0: TxAttempts without a deadline,
// while the deadline leaves time with one). Only tests set it.
func (s *Store) SetTxAttempts(n int) { s.txAttempts.Store(int32(n)) }

// TxRetries is how many transactions Tx has run again since the store was
// opened (the benchmarks report it).
func (s *Store) TxRetries() int64 { return s.txRetries.Load() }

// gaveUp is the error of a transaction that could not commit, whose last
// attempt failed with err: EUNAVAILABLE for a Galera node that is not ready,
// else EBUSY, a write that kept losing to other writers.
func (s *Store) gaveUp(err error) error {
	if isUnavailable(err) {
		return s.wrapDBError(err)
	}
	return errBusy()
}

// errBusy is EBUSY: a write that could not commit for other writers, with
// nothing of it applied.
func errBusy() error {
	return &Error{Code: EBUSY, Message: "系统繁忙，本次操作未能保存（未作任何修改），请稍后重试"}
}

// txBackoff is the wait before attempt+1, after attempt attempts.
func txBackoff(attempt int) time.Duration {
	d := txBackoffMax
	if attempt < 16 {
		d = min(txBackoffBase<<(attempt-1), txBackoffMax)
	}
	return d/2 + rand.N(d/2+1)
}

// MySQL and MariaDB error numbers of a transaction that lost to another.
const (
	mysqlLockWaitTimeout = 1205 // ER_LOCK_WAIT_TIMEOUT
	mysqlDeadlock        = 1213 // ER_LOCK_DEADLOCK: also Galera's certification failure and brute-force abort
	mysqlWsrepNotReady   = 1047 // ER_UNKNOWN_COM_ERROR: "WSREP has not yet prepared node for application use"
)

// SQLite result codes (the low byte of an extended code).
const (
	sqliteBusy   = 5 // SQLITE_BUSY: another connection holds the lock
	sqliteLocked = 6 // SQLITE_LOCKED: a table is locked within this connection
)

// lostConflict says why err is a transaction losing to another writer (so
// running it again can succeed), or "" when it is not.
func lostConflict(err error) string {
	var me *gomysql.MySQLError
	if errors.As(err, &me) {
		switch {
		case me.Number == mysqlDeadlock:
			return "deadlock"
		case me.Number == mysqlLockWaitTimeout:
			return "lock wait timeout"
		case me.SQLState == [5]byte{'4', '0', '0', '0', '1'}:
			return "serialization failure"
		case me.Number == mysqlWsrepNotReady && strings.Contains(me.Message, "WSREP"):
			return "galera node not ready"
		}
		return ""
	}
	var se interface{ Code() int }
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqliteBusy:
			return "sqlite busy"
		case sqliteLocked:
			return "sqlite locked"
		}
	}
	msg := err.Error()
	if strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked") ||
		strings.Contains(msg, "SQLITE_LOCKED") || strings.Contains(msg, "database table is locked") {
		return "sqlite busy"
	}
	return ""
}
