package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
)

// Session limits and login throttling.
const (
	SessionIdle        = 2 * time.Hour
	SessionAbsolute    = 12 * time.Hour
	LoginWindow        = 15 * time.Minute
	MaxAccountFailures = 5  // per account within LoginWindow; the 5th locks the account for LoginWindow
	MaxClientFailures  = 30 // per client address within LoginWindow
	// KnownAddressAge is how long a successful login keeps an account known
	// at its address: the address's limit does not refuse a known account.
	KnownAddressAge = 30 * 24 * time.Hour
)

// Session is a server-side login session; the cookie carries the token, the
// database only its SHA-256.
type Session struct {
	TokenHash  string `gorm:"primaryKey"`
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ClientIP   string
}

// loginAttempt is one row of the login log: an attempt (Success, or a
// failure), an attempt Refused by the lock or the address limit (counted as
// neither), or an admin's unlock of the account (UnlockedBy set). Seq is its
// place in the account's log (nextLoginSeqTx).
type loginAttempt struct {
	ID         int64 `gorm:"primaryKey"`
	Seq        int64
	Username   string
	ClientIP   string
	Success    bool
	Refused    bool
	UnlockedBy *int64
	At         time.Time
}

func (loginAttempt) TableName() string { return "login_attempts" }

// dummy returns a hash at the store's cost that keeps the time of a login
// for an unknown user equal to a real one.
func (s *Store) dummy() []byte {
	s.dummyOnce.Do(func() {
		s.dummyHash, _ = bcrypt.GenerateFromPassword([]byte("fuyuan-dummy-password"), s.passwordCost)
	})
	return s.dummyHash
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Login checks a username and password and opens a new session; it returns
// the user and the session token for the cookie. On failure the returned User
// carries only the username and, when the account exists, its court (for the
// log line of the attempt).
//
// The attempt is recorded, numbered in its account's log (nextLoginSeqTx),
// before the throttle counts the ones numbered before it, so that concurrent
// guesses, through any instance and database node, see each other and no
// more than MaxAccountFailures of them ever reach the password check
// (check-then-act made atomic, ASVS V15.4.2).
func (s *Store) Login(ctx context.Context, username, password, clientIP string) (User, string, error) {
	now := s.Clock.Now().UTC()
	db := s.DB.WithContext(ctx)
	attempt := loginAttempt{Username: username, ClientIP: clientIP, Success: false, At: now}
	if err := s.Tx(ctx, func(tx *gorm.DB) error {
		attempt.ID = 0
		seq, err := s.nextLoginSeqTx(tx, username, now)
		if err != nil {
			return err
		}
		attempt.Seq = seq
		return tx.Create(&attempt).Error
	}); err != nil {
		return User{Username: username}, "", err
	}
	if err := s.checkThrottle(ctx, attempt); err != nil {
		// A refused attempt stays in the log but counts as no failure, so a
		// lock ends LoginWindow after the failure that caused it however
		// often the locked account is tried.
		if ErrorCode(err) == ETOOMANY {
			if uerr := s.Tx(ctx, func(tx *gorm.DB) error {
				return tx.Model(&loginAttempt{}).Where("id = ?", attempt.ID).Update("refused", true).Error
			}); uerr != nil {
				s.Log.Warn("mark refused login attempt", "err", uerr)
			}
		}
		return User{Username: username}, "", err
	}
	var u User
	err := db.Where("username = ?", username).Take(&u).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return User{Username: username}, "", s.Err(err)
	}
	hash := s.dummy()
	if err == nil {
		hash = []byte(u.PasswordHash)
	}
	ok := bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil && err == nil
	if ok && u.Disabled {
		ok = false
	}
	if !ok {
		// The attempt stays recorded as a failure.
		return User{Username: username, CourtCode: u.CourtCode}, "", Errorf(EUNAUTHORIZED, "用户名或密码错误")
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return User{Username: username, CourtCode: u.CourtCode}, "", err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&loginAttempt{}).Where("id = ?", attempt.ID).Update("success", true).Error; err != nil {
			return err
		}
		return tx.Create(&Session{TokenHash: hashToken(token), UserID: u.ID, CreatedAt: now, LastSeenAt: now, ClientIP: clientIP}).Error
	})
	if err != nil {
		return User{Username: username, CourtCode: u.CourtCode}, "", err
	}
	return u, token, nil
}

// checkThrottle refuses the login attempt a (already recorded as a failure)
// while its account is locked (lockedUntil), or when its client address has
// more than MaxClientFailures failures within the window, counting a, and
// the account is not known at that address (a correct password of another
// account behind the same address, a court's NAT, still logs in).
func (s *Store) checkThrottle(ctx context.Context, a loginAttempt) error {
	db := s.DB.WithContext(ctx)
	until, err := s.lockedUntil(db, a.Username, a.Seq, a.At)
	if err != nil {
		return s.Err(err)
	}
	if !until.IsZero() {
		return Errorf(ETOOMANY, "该账号登录失败次数过多，已锁定 %d 分钟（至 %s）；请届时再试，或请系统管理员解锁", int(LoginWindow.Minutes()), until.In(Shanghai).Format("15:04"))
	}
	if a.ClientIP == "" {
		return nil
	}
	var n int64
	if err := db.Model(&loginAttempt{}).Where("client_ip = ? AND success = ? AND refused = ? AND unlocked_by IS NULL AND at > ?",
		a.ClientIP, false, false, a.At.Add(-LoginWindow)).Count(&n).Error; err != nil {
		return s.Err(err)
	}
	if n <= MaxClientFailures {
		return nil
	}
	var known int64
	if err := db.Model(&loginAttempt{}).Where("username = ? AND ((success = ? AND client_ip = ? AND at > ?) OR (unlocked_by IS NOT NULL AND at > ?))",
		a.Username, true, a.ClientIP, a.At.Add(-KnownAddressAge), a.At.Add(-LoginWindow)).Count(&known).Error; err != nil {
		return s.Err(err)
	}
	if known > 0 {
		return nil
	}
	return Errorf(ETOOMANY, "本机登录失败次数过多，请 15 分钟后再试")
}

// UserBySession returns the user of a live session and refreshes its idle
// timer. It also returns the case-list change counter of the user's court
// (changes.go; -1 when the court has none) as the same query read it, before
// anything the request reads after: a request that keeps what it reads in
// memory keeps it under that number.
func (s *Store) UserBySession(ctx context.Context, token string) (User, int64, error) {
	if token == "" || len(token) > 128 {
		return User{}, 0, Errorf(EUNAUTHORIZED, "请先登录")
	}
	now := s.Clock.Now().UTC()
	// The session, its user and the court's change counter in one query:
	// every request asks it. A LEFT JOIN of the counter's row, not a
	// subquery of the select list: 59 instead of 65 µs in mariadbd.
	var (
		sess    Session
		u       User
		changes int64
	)
	sess.TokenHash = hashToken(token)
	// On the pool, without gorm's Raw: its statement and callbacks cost
	// more than reading the row (docs/benchmarks.md, mylist).
	rows, err := s.SQL().QueryContext(ctx, `SELECT sessions.created_at, sessions.last_seen_at, users.id, users.court_code,
		users.username, users.name, users.role, users.disabled, users.must_change_password, users.created_at,
		COALESCE(case_list_changes.n, -1) FROM sessions JOIN users ON users.id = sessions.user_id
		LEFT JOIN case_list_changes ON case_list_changes.court_code = users.court_code WHERE sessions.token_hash = ?`, sess.TokenHash)
	if err != nil {
		return User{}, 0, s.Err(err)
	}
	found := rows.Next()
	if found {
		err = rows.Scan(&sess.CreatedAt, &sess.LastSeenAt, &u.ID, &u.CourtCode, &u.Username, &u.Name, &u.Role, &u.Disabled, &u.MustChangePassword, &u.CreatedAt, &changes)
	}
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = rows.Err()
	}
	if err != nil {
		return User{}, 0, s.Err(err)
	}
	if !found {
		return User{}, 0, Errorf(EUNAUTHORIZED, "请先登录")
	}
	sess.UserID = u.ID
	if now.Sub(sess.LastSeenAt) > SessionIdle || now.Sub(sess.CreatedAt) > SessionAbsolute {
		s.Tx(ctx, func(tx *gorm.DB) error { return tx.Where("token_hash = ?", sess.TokenHash).Delete(&Session{}).Error })
		return User{}, 0, Errorf(EUNAUTHORIZED, "登录已过期，请重新登录")
	}
	if u.Disabled {
		return User{}, 0, Errorf(EUNAUTHORIZED, "账号已停用")
	}
	if now.Sub(sess.LastSeenAt) > time.Minute {
		s.Tx(ctx, func(tx *gorm.DB) error {
			return tx.Model(&Session{}).Where("token_hash = ?", sess.TokenHash).Update("last_seen_at", now).Error
		})
	}
	return u, changes, nil
}

// Logout ends the session of token.
func (s *Store) Logout(ctx context.Context, token string) error {
	return s.Tx(ctx, func(tx *gorm.DB) error { return tx.Where("token_hash = ?", hashToken(token)).Delete(&Session{}).Error })
}

// PurgeExpired removes expired sessions and old login attempts.
func (s *Store) PurgeExpired(ctx context.Context) error {
	now := s.Clock.Now().UTC()
	return s.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("last_seen_at < ? OR created_at < ?", now.Add(-SessionIdle), now.Add(-SessionAbsolute)).Delete(&Session{}).Error; err != nil {
			return err
		}
		// Successful logins are kept as long as they make an account known at its address.
		if err := tx.Where("at < ? AND success = ?", now.Add(-24*time.Hour), false).Delete(&loginAttempt{}).Error; err != nil {
			return err
		}
		if err := tx.Where("at < ?", now.Add(-KnownAddressAge)).Delete(&loginAttempt{}).Error; err != nil {
			return err
		}
		// An account's numbering starts again after a day without entries:
		// the lock reads the last two windows only.
		return tx.Exec("DELETE FROM login_sequences WHERE at < ?", now.Add(-24*time.Hour)).Error
	})
}
