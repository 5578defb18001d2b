package app

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// The account lock (api.md: 429 after 5 failures for one account within 15
// minutes), decided from the login log alone so that every instance agrees:
//   - the failure that makes MaxAccountFailures within LoginWindow locks the
//     account for LoginWindow from that failure;
//   - attempts during the lock are refused and neither count nor extend it,
//     so polling a locked account keeps nobody out longer;
//   - a successful login or an admin's unlock starts the count afresh.
//
// Concurrent attempts, through one instance or several, each on its own
// database node, see each other in one order (nextLoginSeqTx), so no more
// than MaxAccountFailures of them ever reach the password check.

// nextLoginSeqTx numbers the next entry of username's login log (an attempt
// or an unlock, of any username, known or not) inside tx. Every entry
// writes the username's row of login_sequences, so the entries of one
// account commit one after another: MariaDB queues them on the row's lock,
// on a Galera cluster two nodes writing the row at once fail certification
// and Store.Tx runs the loser again (the row lock alone holds within one
// node), and SQLite writes one transaction at a time. When an entry has
// committed, so has every entry numbered below it, and no entry committed
// later is numbered below it: the lock counts the entries below its own.
func (s *Store) nextLoginSeqTx(tx *gorm.DB, username string, at time.Time) (int64, error) {
	q := "INSERT INTO login_sequences (username, last, at) VALUES (?, 1, ?)" +
		onConflict{key: []string{"username"}, add: []string{"last"}, take: []string{"at"}}.sql(s.Dialect)
	if err := tx.Exec(q, username, at).Error; err != nil {
		return 0, err
	}
	var last int64
	err := tx.Raw("SELECT last FROM login_sequences WHERE username = ?", username).Scan(&last).Error
	return last, err
}

// lockOf replays the log of one account, entries in their order (Seq), and
// returns when the lock in force at `at` ends (zero: none). An attempt still
// marked a failure that came during a lock is one being refused
// concurrently; it counts as refused.
func lockOf(log []loginAttempt, at time.Time) time.Time {
	var (
		failures []time.Time // since the last reset, within the window
		until    time.Time
	)
	for _, r := range log {
		switch {
		case r.Success || r.UnlockedBy != nil:
			failures, until = nil, time.Time{}
		case r.Refused || until.After(r.At):
		default:
			kept := failures[:0]
			for _, f := range failures {
				if f.After(r.At.Add(-LoginWindow)) {
					kept = append(kept, f)
				}
			}
			failures = append(kept, r.At)
			if len(failures) >= MaxAccountFailures {
				until, failures = r.At.Add(LoginWindow), nil
			}
		}
	}
	if until.After(at) {
		return until
	}
	return time.Time{}
}

// lockedUntil returns when the lock of username in force at `at` ends
// (zero: not locked), from the log before entry number before (0: all of it).
// Only the last two windows matter: a lock in force began at most one window
// ago, with failures at most one window before it.
func (s *Store) lockedUntil(db *gorm.DB, username string, before int64, at time.Time) (time.Time, error) {
	locks, err := s.locksOf(db, []string{username}, before, at)
	return locks[username], err
}

// locksOf is lockedUntil for several accounts at once; accounts not locked are absent.
func (s *Store) locksOf(db *gorm.DB, usernames []string, before int64, at time.Time) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	if len(usernames) == 0 {
		return out, nil
	}
	q := db.Where("username IN ? AND at > ?", usernames, at.Add(-2*LoginWindow))
	if before > 0 {
		q = q.Where("seq < ?", before)
	}
	var rows []loginAttempt
	if err := q.Order("seq").Find(&rows).Error; err != nil {
		return out, err
	}
	byUser := map[string][]loginAttempt{}
	for _, r := range rows {
		byUser[r.Username] = append(byUser[r.Username], r)
	}
	for u, log := range byUser {
		if until := lockOf(log, at); !until.IsZero() {
			out[u] = until
		}
	}
	return out, nil
}

// AccountLocks returns when the lock of each locked user of the actor's
// court ends, by user id; for the admin's list of users.
func (s *Store) AccountLocks(ctx context.Context, a Actor, users []User) (map[int64]time.Time, error) {
	names := make([]string, 0, len(users))
	for _, u := range users {
		if u.CourtCode == a.Court {
			names = append(names, u.Username)
		}
	}
	locks, err := s.locksOf(s.DB.WithContext(ctx), names, 0, s.Clock.Now().UTC())
	if err != nil {
		return nil, s.Err(err)
	}
	out := map[int64]time.Time{}
	for _, u := range users {
		if until, ok := locks[u.Username]; ok && u.CourtCode == a.Court {
			out[u.ID] = until
		}
	}
	return out, nil
}

// AccountLock is the lock state of an account as the unlock reports it.
type AccountLock struct {
	UserID      int64      `json:"user_id"`
	Username    string     `json:"username"`
	LockedUntil *time.Time `json:"locked_until"`
}

// UnlockAccount ends the lock of a user of the actor's court before its
// time: the admin's remedy when someone keeps locking a colleague out. The
// failures before it no longer count; the unlock is audited. An account that
// is not locked is a conflict.
func (s *Store) UnlockAccount(ctx context.Context, a Actor, userID int64) (AccountLock, error) {
	u, err := s.GetUser(ctx, a, userID)
	if err != nil {
		return AccountLock{}, err
	}
	now := s.Clock.Now().UTC()
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		// Numbered first: the lock is then read after every attempt before it.
		seq, err := s.nextLoginSeqTx(tx, u.Username, now)
		if err != nil {
			return err
		}
		until, err := s.lockedUntil(tx, u.Username, 0, now)
		if err != nil {
			return err
		}
		if until.IsZero() {
			return Conflict("该账号当前未被锁定")
		}
		admin := a.UserID
		if err := tx.Create(&loginAttempt{Seq: seq, Username: u.Username, UnlockedBy: &admin, At: now}).Error; err != nil {
			return err
		}
		return s.Audit(tx, a, "user.unlock", "user", u.ID,
			AccountLock{UserID: u.ID, Username: u.Username, LockedUntil: &until}, AccountLock{UserID: u.ID, Username: u.Username})
	})
	return AccountLock{UserID: u.ID, Username: u.Username}, err
}
