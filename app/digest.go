package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// The daily digest: one e-mail a day to each user who gave an address and
// asked for it, listing the reminders raised since their last digest (each
// reminder is in one digest only: digest_day). The database decides who
// does what, so any number of instances may run it at the same minute:
//   - a user's digest of a day is made by the instance that inserts its
//     digest_runs row, in the transaction that marks its reminders and puts
//     the e-mail in the outbox;
//   - an outbox row is sent by the instance that claims it (claimed_until);
//     a failed send is logged and retried later, never from a request.

// Mailer sends one plain-text e-mail (app/mail.SMTP sends through the court's server).
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// OutboxMail is an e-mail in the outbox.
type OutboxMail struct {
	ID           int64 `gorm:"primaryKey"`
	CourtCode    string
	UserID       *int64
	Kind         string
	ToAddr       string
	Subject      string
	Body         string
	CreatedAt    time.Time
	Attempts     int
	NextTryAt    time.Time
	ClaimedUntil *time.Time
	SentAt       *time.Time
	LastError    string
}

// TableName is the mail_outbox table.
func (OutboxMail) TableName() string { return "mail_outbox" }

// MailKindDigest is the outbox kind of a daily digest.
const MailKindDigest = "digest"

// DigestOptions say where the digest's links point.
type DigestOptions struct {
	BaseURL string // e.g. https://fuyuan.court.example (links are left relative when empty)
}

// ErrSweepRunning: the court's sweep of today has not finished (another
// instance is running it); the digests wait for the next try.
var ErrSweepRunning = errors.New("the day's sweep of reminders has not finished")

// QueueDigests makes the court's digests of today that no instance made yet
// and reports how many e-mails it put in the outbox. The day's sweep must
// have finished, so that a digest carries the day's reminders.
func (s *Store) QueueDigests(ctx context.Context, court string, opts DigestOptions) (int, error) {
	today := s.Clock.Today()
	if done, err := s.sweptToday(ctx, court); err != nil || !done {
		if err == nil {
			err = ErrSweepRunning
		}
		return 0, err
	}
	var users []User
	if err := s.DB.WithContext(ctx).Where("court_code = ? AND disabled = ? AND digest = ? AND email <> ''", court, false, true).
		Order("id").Find(&users).Error; err != nil {
		return 0, s.Err(err)
	}
	queued := 0
	for _, u := range users {
		err := s.Tx(ctx, func(tx *gorm.DB) error {
			ok, err := insertOnce(tx, "INSERT INTO digest_runs (user_id, day, created_at) VALUES (?, ?, ?)", u.ID, today, s.Clock.Now().UTC())
			if err != nil || !ok {
				return err // another instance made it
			}
			var ns []Notification
			if err := tx.Where("user_id = ? AND digest_day IS NULL AND retired_at IS NULL", u.ID).Order("id").Find(&ns).Error; err != nil {
				return err
			}
			if len(ns) == 0 {
				return nil
			}
			if err := tx.Model(&Notification{}).Where("user_id = ? AND digest_day IS NULL AND retired_at IS NULL AND id <= ?", u.ID, ns[len(ns)-1].ID).
				Update("digest_day", today).Error; err != nil {
				return err
			}
			if err := tx.Exec("UPDATE digest_runs SET line_count = ? WHERE user_id = ? AND day = ?", len(ns), u.ID, today).Error; err != nil {
				return err
			}
			now := s.Clock.Now().UTC()
			m := OutboxMail{CourtCode: court, UserID: idPtr(u.ID), Kind: MailKindDigest, ToAddr: u.Email,
				Subject: fmt.Sprintf("府院联动案件管理系统：%s的提醒（%d 条）", today.Chinese(), len(ns)),
				Body:    digestBody(u, today, ns, opts), CreatedAt: now, NextTryAt: now}
			queued++
			return tx.Create(&m).Error
		})
		if err != nil {
			return queued, err
		}
	}
	return queued, nil
}

// insertOnce runs an INSERT of a row with a unique key and reports whether
// it inserted it (false: the row was there).
func insertOnce(tx *gorm.DB, insert string, args ...any) (bool, error) {
	q := insert
	if tx.Dialector.Name() == MySQL {
		q = strings.Replace(q, "INSERT INTO", "INSERT IGNORE INTO", 1)
	} else {
		q += " ON CONFLICT DO NOTHING"
	}
	res := tx.Exec(q, args...)
	return res.RowsAffected == 1, res.Error
}

// digestBody is the digest's text: one line per reminder.
func digestBody(u User, day Date, ns []Notification, opts DigestOptions) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s：\n\n%s有以下 %d 条新提醒：\n\n", u.Name, day.Chinese(), len(ns))
	for _, n := range ns {
		b.WriteString(noticeLine(n, opts.BaseURL))
		b.WriteString("\n")
	}
	b.WriteString("\n请登录府院联动案件管理系统办理。不想再收到此邮件，可在“个人设置”中关闭每日提醒邮件。\n")
	return b.String()
}

// outboxClaim is how long an instance holds an outbox row it is sending.
const outboxClaim = 5 * time.Minute

// retryAfter is how long a failed e-mail waits before the next try.
func retryAfter(attempts int) time.Duration {
	d := time.Minute << min(attempts-1, 7) // 1, 2, 4 … 128 minutes
	return min(d, 2*time.Hour)
}

// DeliverOutbox sends the e-mails due in the outbox (each claimed first, so
// that no two instances send one) and reports how many it sent. A failure is
// recorded on the row and logged; the row is tried again later.
func (s *Store) DeliverOutbox(ctx context.Context, m Mailer, log *slog.Logger) (int, error) {
	now := s.Clock.Now().UTC()
	var due []OutboxMail
	if err := s.DB.WithContext(ctx).Where("sent_at IS NULL AND next_try_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)", now, now).
		Order("id").Limit(100).Find(&due).Error; err != nil {
		return 0, s.Err(err)
	}
	sent := 0
	for _, om := range due {
		now := s.Clock.Now().UTC()
		res := s.DB.WithContext(ctx).Model(&OutboxMail{}).
			Where("id = ? AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?)", om.ID, now).
			Update("claimed_until", now.Add(outboxClaim))
		if res.Error != nil {
			return sent, s.Err(res.Error)
		}
		if res.RowsAffected != 1 {
			continue // another instance has it
		}
		err := m.Send(ctx, om.ToAddr, om.Subject, om.Body)
		upd := map[string]any{"claimed_until": nil, "attempts": om.Attempts + 1}
		if err == nil {
			upd["sent_at"] = s.Clock.Now().UTC()
			upd["last_error"] = ""
			sent++
		} else {
			msg := err.Error()
			if utf8.RuneCountInString(msg) > 900 {
				msg = string([]rune(msg)[:900])
			}
			upd["last_error"] = msg
			upd["next_try_at"] = now.Add(retryAfter(om.Attempts + 1))
			log.Warn("mail: send failed, will retry", "outbox_id", om.ID, "to", om.ToAddr, "attempt", om.Attempts+1, "err", err)
		}
		// The outcome is written even when the request's context ended.
		if werr := s.DB.WithContext(context.WithoutCancel(ctx)).Model(&OutboxMail{}).Where("id = ?", om.ID).Updates(upd).Error; werr != nil {
			return sent, s.Err(werr)
		}
	}
	return sent, nil
}

// RunDigest does a court's reminder work of today now: the day's sweep (if
// no instance ran it), the digests not yet made, and marks the day done.
func (s *Store) RunDigest(ctx context.Context, court string, opts DigestOptions) (int, error) {
	if _, err := s.SweepNotifications(ctx, court); err != nil {
		return 0, err
	}
	n, err := s.QueueDigests(ctx, court, opts)
	if errors.Is(err, ErrSweepRunning) {
		return 0, nil // the instance sweeping makes the digests, or the next try does
	}
	if err != nil {
		return n, err
	}
	return n, s.Tx(ctx, func(tx *gorm.DB) error {
		_, err := insertOnce(tx, "INSERT INTO digest_days (court_code, day, done_at) VALUES (?, ?, ?)", court, s.Clock.Today(), s.Clock.Now().UTC())
		return err
	})
}

// DigestDone reports whether the court's digests of today are made.
func (s *Store) DigestDone(ctx context.Context, court string) (bool, error) {
	var n int64
	err := s.DB.WithContext(ctx).Table("digest_days").Where("court_code = ? AND day = ?", court, s.Clock.Today()).Count(&n).Error
	return n > 0, s.Err(err)
}
