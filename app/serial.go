package app

import (
	"context"
	"sync"
)

// serialLocks are in-process locks by name that a caller waits for no
// longer than its context lasts.
//
// Filings take one per court (filingLock): every filing of a court writes
// the same rows — its running number in counters, and the kept counts
// beside the cases (case_counts, case_search_counts, case_seq_tails,
// case_figure_days, case_list_changes) — so on one database they run one
// after the other anyway, each waiting for the row lock of the one before.
// On a Galera cluster that wait does not hold: a write-set from another node
// that touches a row a local transaction has written aborts the local one
// (a brute-force abort, error 1213), whatever locks it was waiting behind,
// and every local filing queued on the number row is aborted in turn. With
// the filings of an instance queued here instead, a node has at most one
// filing of a court in flight, which at most the other node's one filing
// can abort; and a filing waiting here holds no database connection.
type serialLocks struct {
	mu    sync.Mutex
	slots map[string]*serialSlot
}

type serialSlot struct {
	ch    chan struct{} // holds one token while the lock is held
	users int           // holders and waiters: the slot is dropped at 0
}

// lock waits for the lock name while ctx lasts; unlock releases it. When
// ctx ends first it returns ctx's error and nothing to release.
func (l *serialLocks) lock(ctx context.Context, name string) (unlock func(), err error) {
	l.mu.Lock()
	if l.slots == nil {
		l.slots = map[string]*serialSlot{}
	}
	sl := l.slots[name]
	if sl == nil {
		sl = &serialSlot{ch: make(chan struct{}, 1)}
		l.slots[name] = sl
	}
	sl.users++
	l.mu.Unlock()
	leave := func() {
		l.mu.Lock()
		if sl.users--; sl.users == 0 {
			delete(l.slots, name)
		}
		l.mu.Unlock()
	}
	select {
	case sl.ch <- struct{}{}:
	case <-ctx.Done():
		leave()
		return nil, ctx.Err()
	}
	return func() {
		<-sl.ch
		leave()
	}, nil
}

// filingLock waits while ctx lasts for this instance's lock on the filings
// of court (serialLocks); unlock releases it. When ctx ends first the error
// is EBUSY, as for a filing that kept losing conflicts: nothing was written.
func (s *Store) filingLock(ctx context.Context, court string) (unlock func(), err error) {
	unlock, err = s.serial.lock(ctx, "filing\x00"+court)
	if err != nil {
		s.Log.Warn("filing gave up waiting for the court's earlier filings", "court", court, "err", err)
		return nil, errBusy()
	}
	return unlock, nil
}
