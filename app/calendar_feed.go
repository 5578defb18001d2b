package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"time"

	"gorm.io/gorm"
)

// A calendar feed is a secret link to a user's own iCalendar feed, for the
// court's mail client, which subscribes without a session (domain.md: "a
// judge's calendar exports as iCalendar"). The link is the credential: only
// its SHA-256 is kept (like a session's), it is shown once when made, and a
// new link revokes the old one. A disabled user's link answers nothing.
type calendarFeed struct {
	ID        int64
	UserID    int64
	TokenHash string
	CreatedAt time.Time
	RevokedAt *time.Time
}

func (calendarFeed) TableName() string { return "calendar_feeds" }

// NewCalendarFeed makes the actor a new calendar link, revoking any earlier
// one, and returns its token (shown once; the store keeps only its hash).
func (s *Store) NewCalendarFeed(ctx context.Context, a Actor) (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	now := s.Clock.Now().UTC()
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&calendarFeed{}).Where("user_id = ? AND revoked_at IS NULL", a.UserID).
			Update("revoked_at", now).Error; err != nil {
			return err
		}
		feed := calendarFeed{UserID: a.UserID, TokenHash: hashToken(token), CreatedAt: now}
		if err := tx.Create(&feed).Error; err != nil {
			return err
		}
		return s.Audit(tx, a, "calendar_feed.create", "user", a.UserID, nil, map[string]any{"feed_id": feed.ID})
	})
	return token, err
}

// HasCalendarFeed reports whether the actor has a live calendar link.
func (s *Store) HasCalendarFeed(ctx context.Context, a Actor) (bool, error) {
	var n int64
	err := s.DB.WithContext(ctx).Model(&calendarFeed{}).Where("user_id = ? AND revoked_at IS NULL", a.UserID).Count(&n).Error
	return n > 0, s.Err(err)
}

// UserByCalendarFeed returns the enabled user whose live calendar link token
// is; any other token is "not found".
func (s *Store) UserByCalendarFeed(ctx context.Context, token string) (User, error) {
	if token == "" || len(token) > 128 {
		return User{}, NotFound("日历")
	}
	u, err := take[User](s.DB.WithContext(ctx).Table("users").Select("users.*").
		Joins("JOIN calendar_feeds f ON f.user_id = users.id").
		Where("f.token_hash = ? AND f.revoked_at IS NULL AND users.disabled = ?", hashToken(token), false), "日历")
	return u, s.Err(err)
}
