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
	MaxAccountFailures = 5  // per account within LoginWindow
	MaxClientFailures  = 30 // per client address within LoginWindow
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

type loginAttempt struct {
	ID       int64 `gorm:"primaryKey"`
	Username string
	ClientIP string
	Success  bool
	At       time.Time
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
// The attempt is recorded before the throttle counts earlier ones, so that
// concurrent guesses see each other and no more than MaxAccountFailures of
// them ever reach the password check (check-then-act made atomic, ASVS V15.4.2).
func (s *Store) Login(ctx context.Context, username, password, clientIP string) (User, string, error) {
	now := s.Clock.Now().UTC()
	db := s.DB.WithContext(ctx)
	attempt := loginAttempt{Username: username, ClientIP: clientIP, Success: false, At: now}
	if err := s.Tx(ctx, func(tx *gorm.DB) error { attempt.ID = 0; return tx.Create(&attempt).Error }); err != nil {
		return User{Username: username}, "", err
	}
	if err := s.checkThrottle(ctx, attempt); err != nil {
		// A refused attempt is not counted, so a lock always ends LoginWindow
		// after the failure that caused it.
		if derr := s.Tx(ctx, func(tx *gorm.DB) error { return tx.Delete(&loginAttempt{}, attempt.ID).Error }); derr != nil {
			s.Log.Warn("forget refused login attempt", "err", derr)
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
// when, counting a itself, the account has more than MaxAccountFailures
// failures since its last success within the window, or the client address
// more than MaxClientFailures.
func (s *Store) checkThrottle(ctx context.Context, a loginAttempt) error {
	since := a.At.Add(-LoginWindow)
	db := s.DB.WithContext(ctx)
	var lastOK int64
	err := db.Model(&loginAttempt{}).Select("COALESCE(MAX(id), 0)").
		Where("username = ? AND success = ? AND at > ?", a.Username, true, since).Scan(&lastOK).Error
	if err != nil {
		return s.Err(err)
	}
	var n int64
	if err := db.Model(&loginAttempt{}).Where("username = ? AND success = ? AND at > ? AND id > ?", a.Username, false, since, lastOK).Count(&n).Error; err != nil {
		return s.Err(err)
	}
	if n > MaxAccountFailures {
		return Errorf(ETOOMANY, "该账号登录失败次数过多，请 15 分钟后再试")
	}
	if a.ClientIP != "" {
		if err := db.Model(&loginAttempt{}).Where("client_ip = ? AND success = ? AND at > ?", a.ClientIP, false, since).Count(&n).Error; err != nil {
			return s.Err(err)
		}
		if n > MaxClientFailures {
			return Errorf(ETOOMANY, "登录失败次数过多，请 15 分钟后再试")
		}
	}
	return nil
}

// UserBySession returns the user of a live session and refreshes its idle
// timer. It also returns the change counter (changes.go) as the same query
// read it, before anything the request reads after: a request that keeps
// what it reads in memory keeps it under that number.
func (s *Store) UserBySession(ctx context.Context, token string) (User, int64, error) {
	if token == "" || len(token) > 128 {
		return User{}, 0, Errorf(EUNAUTHORIZED, "请先登录")
	}
	now := s.Clock.Now().UTC()
	db := s.DB.WithContext(ctx)
	// The session and its user in one query: every request asks it.
	var (
		sess    Session
		u       User
		changes int64
	)
	sess.TokenHash = hashToken(token)
	rows, err := db.Raw(`SELECT sessions.created_at, sessions.last_seen_at, users.id, users.court_code,
		users.username, users.name, users.role, users.disabled, users.created_at,
		(SELECT n FROM change_counter WHERE id = 1)
		FROM sessions JOIN users ON users.id = sessions.user_id WHERE sessions.token_hash = ?`, sess.TokenHash).Rows()
	if err != nil {
		return User{}, 0, s.Err(err)
	}
	found := rows.Next()
	if found {
		err = rows.Scan(&sess.CreatedAt, &sess.LastSeenAt, &u.ID, &u.CourtCode, &u.Username, &u.Name, &u.Role, &u.Disabled, &u.CreatedAt, &changes)
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
		return tx.Where("at < ?", now.Add(-24*time.Hour)).Delete(&loginAttempt{}).Error
	})
}
