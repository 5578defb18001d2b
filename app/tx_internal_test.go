package app

import (
	"context"
	"errors"
	"fmt"
	"testing"

	gomysql "github.com/go-sql-driver/mysql"
)

type sqliteCodeError int

func (e sqliteCodeError) Error() string { return fmt.Sprintf("sqlite error (%d)", int(e)) }
func (e sqliteCodeError) Code() int     { return int(e) }

// The errors of a transaction that lost to another writer are retried, and
// only those: a duplicate key or a syntax error is not a conflict.
func TestLostConflictKnowsTheErrorsOfAConflict(t *testing.T) {
	for _, c := range []struct {
		err   error
		lost  bool
		label string
	}{
		{&gomysql.MySQLError{Number: 1213, SQLState: [5]byte{'4', '0', '0', '0', '1'}, Message: "Deadlock found when trying to get lock; try restarting transaction"}, true, "deadlock, also Galera's certification failure"},
		{&gomysql.MySQLError{Number: 1205, Message: "Lock wait timeout exceeded; try restarting transaction"}, true, "lock wait timeout"},
		{&gomysql.MySQLError{Number: 3101, SQLState: [5]byte{'4', '0', '0', '0', '1'}, Message: "Plugin instructed the server to rollback the current transaction."}, true, "SQLSTATE 40001"},
		{&gomysql.MySQLError{Number: 1047, SQLState: [5]byte{'0', '8', 'S', '0', '1'}, Message: "WSREP has not yet prepared node for application use"}, true, "Galera node not ready"},
		{fmt.Errorf("create case: %w", &gomysql.MySQLError{Number: 1213}), true, "wrapped"},
		{&gomysql.MySQLError{Number: 1062, Message: "Duplicate entry"}, false, "duplicate key"},
		{&gomysql.MySQLError{Number: 1064, Message: "You have an error in your SQL syntax"}, false, "syntax"},
		{sqliteCodeError(5), true, "SQLITE_BUSY"},
		{sqliteCodeError(517), true, "SQLITE_BUSY_SNAPSHOT"},
		{sqliteCodeError(6), true, "SQLITE_LOCKED"},
		{sqliteCodeError(262), true, "SQLITE_LOCKED_SHAREDCACHE"},
		{sqliteCodeError(19), false, "SQLITE_CONSTRAINT"},
		{errors.New("database is locked (5) (SQLITE_BUSY)"), true, "busy, as text"},
		{errors.New("database table is locked"), true, "locked, as text"},
		{Conflict("案件已结案"), false, "a domain conflict"},
		{errors.New("connection refused"), false, "a database that is down"},
	} {
		if got := lostConflict(c.err) != ""; got != c.lost {
			t.Errorf("%s (%v): lost conflict %v, want %v", c.label, c.err, got, c.lost)
		}
	}
}

// The back-off grows with each attempt, stays within its bounds and varies.
func TestTxBackoffGrowsWithJitterWithinItsBounds(t *testing.T) {
	seen := map[int64]bool{}
	for attempt := 1; attempt <= 20; attempt++ {
		d := min(txBackoffBase<<min(attempt-1, 15), txBackoffMax)
		for range 50 {
			w := txBackoff(attempt)
			if w < d/2 || w > d {
				t.Fatalf("attempt %d waited %s, want %s–%s", attempt, w, d/2, d)
			}
			seen[int64(w)] = true
		}
	}
	if len(seen) < 100 {
		t.Fatalf("only %d different waits in 1000: no jitter", len(seen))
	}
}

// A lock of serialLocks is held by one at a time; a caller whose context
// ends while it waits gets the context's error and holds nothing; a lock
// nobody holds or waits for is forgotten.
func TestSerialLocksHoldOneAtATimeAndGiveUpWithTheContext(t *testing.T) {
	var l serialLocks
	unlock, err := l.lock(context.Background(), "a")
	if err != nil {
		t.Fatal(err)
	}
	other, err := l.lock(context.Background(), "b")
	if err != nil {
		t.Fatalf("another name waits for the first: %v", err)
	}
	other()
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.lock(ended, "a"); !errors.Is(err, context.Canceled) {
		t.Fatalf("waiting for a held lock with an ended context: %v, want %v", err, context.Canceled)
	}
	unlock()
	unlock, err = l.lock(context.Background(), "a")
	if err != nil {
		t.Fatalf("the released lock: %v", err)
	}
	unlock()
	if len(l.slots) != 0 {
		t.Fatalf("%d locks kept after every holder left", len(l.slots))
	}
}
