package app

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// The inbox (提醒): a reminder reaches a user once per event. Each
// notification carries an event key ("letter:5:returned:1733475600",
// "case:12:deadline:15:2025-12-01"), unique per user in the database, and is
// raised with insert-or-ignore: raising it again, from a retried
// transaction, the next day's sweep or a second instance, does nothing.
//
// Where reminders are raised:
//   - on the event, in the transaction that makes it: a letter awaiting
//     approval (the leaders), returned (its author), issued and awaiting the
//     organ's reply (the liaisons) — letterNoticesTx; a hearing scheduled or
//     moved (its judge, when someone else did it) — hearingNoticesTx;
//   - by the daily sweep of a court (SweepNotifications), for what a date
//     brings: every to-do item with a Key (deadline thresholds 30/15/7 and
//     past, follow-ups due, and what other parts register with
//     RegisterTodoSource, such as visits and commitments due).
//
// A notification is retired when the thing is done: the letter moves on
// (the older stages' notifications), the hearing is held, or the sweep no
// longer finds the to-do item that raised it. The inbox shows the live ones.

// Notification is one reminder in a user's inbox.
type Notification struct {
	ID        int64      `json:"id" gorm:"primaryKey"`
	CourtCode string     `json:"-"`
	UserID    int64      `json:"-"`
	EventKey  string     `json:"-"`
	Kind      string     `json:"kind"`
	Title     string     `json:"title"`
	Link      string     `json:"link"`
	CaseID    *int64     `json:"case_id,omitempty"`
	LetterID  *int64     `json:"letter_id,omitempty"`
	Swept     bool       `json:"-"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"`
	RetiredAt *time.Time `json:"-"`
	DigestDay *Date      `json:"-"`
}

// TableName is the notifications table.
func (Notification) TableName() string { return "notifications" }

// Notice is a reminder to raise for a user.
type Notice struct {
	UserID   int64
	Key      string // the event: one notification per user and key, ever
	Kind     string
	Title    string
	Link     string
	CaseID   *int64
	LetterID *int64
	swept    bool
}

// maxNoticeTitle bounds a notification's title (runes).
const maxNoticeTitle = 200

// NotifyTx raises a notification in tx unless the user already has one for the event.
func (s *Store) NotifyTx(tx *gorm.DB, court string, n Notice) error {
	title := n.Title
	if utf8.RuneCountInString(title) > maxNoticeTitle {
		title = string([]rune(title)[:maxNoticeTitle-1]) + "…"
	}
	q := `INSERT INTO notifications (court_code, user_id, event_key, kind, title, link, case_id, letter_id, swept, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)` + onConflict{key: []string{"user_id", "event_key"}}.sql(tx.Dialector.Name())
	return tx.Exec(q, court, n.UserID, n.Key, n.Kind, title, n.Link, n.CaseID, n.LetterID, n.swept, s.Clock.Now().UTC()).Error
}

// retireNoticesTx retires the live notifications whose key starts with
// prefix, except the one of key keep.
func (s *Store) retireNoticesTx(tx *gorm.DB, court, prefix, keep string) error {
	return tx.Exec(`UPDATE notifications SET retired_at = ? WHERE court_code = ? AND event_key LIKE ? AND event_key <> ? AND retired_at IS NULL`,
		s.Clock.Now().UTC(), court, prefix+"%", keep).Error
}

// courtUsersTx lists the ids of the court's active users of a role.
func courtUsersTx(tx *gorm.DB, court, role string) ([]int64, error) {
	var ids []int64
	err := tx.Model(&User{}).Where("court_code = ? AND role = ? AND disabled = ?", court, role, false).Order("id").Pluck("id", &ids).Error
	return ids, err
}

// letterNoticesTx raises the reminders of a letter's new stage, and retires
// those of its earlier stages. Every change of a letter's status calls it.
func (s *Store) letterNoticesTx(tx *gorm.DB, l Letter) error {
	var round int64 // a return opens a new round of approval
	if l.ReturnedAt != nil {
		round = l.ReturnedAt.Unix()
	}
	var role, key, kind, title string
	var to []int64
	switch l.Status {
	case LetterDraft:
		role, kind, title = RoleLeader, TodoLetterApproval, "建议函待审批："+letterName(l)+" 致 "+l.OrganName+"（"+l.DraftedByName+" 起草）"
		key = fmt.Sprintf("letter:%d:approval:%d", l.ID, round)
	case LetterReturned:
		to, kind, title = []int64{l.DraftedBy}, TodoLetterReturned, "建议函被退回修改："+letterName(l)+"，退回意见："+l.ReturnComment
		key = fmt.Sprintf("letter:%d:returned:%d", l.ID, round)
	case LetterIssued:
		role, kind, title = RoleLiaison, TodoLetterReply, "建议函待回复："+letterName(l)+" 致 "+l.OrganName+"，答复期限 "+l.ReplyDueOn.String()
		key = fmt.Sprintf("letter:%d:reply", l.ID)
	}
	if err := s.retireNoticesTx(tx, l.CourtCode, fmt.Sprintf("letter:%d:", l.ID), key); err != nil || key == "" {
		return err
	}
	if role != "" {
		var err error
		if to, err = courtUsersTx(tx, l.CourtCode, role); err != nil {
			return err
		}
	}
	for _, u := range to {
		n := Notice{UserID: u, Key: key, Kind: kind, Title: title, Link: fmt.Sprintf("/letters/%d", l.ID), CaseID: l.CaseID, LetterID: idPtr(l.ID)}
		if err := s.NotifyTx(tx, l.CourtCode, n); err != nil {
			return err
		}
	}
	return nil
}

// hearingNoticesTx tells a hearing's judge that it was scheduled or moved
// (unless the judge did it), and retires the reminders of its earlier slots;
// once the hearing is held, all of them.
func (s *Store) hearingNoticesTx(tx *gorm.DB, a Actor, h Hearing, caseNo string, moved bool) error {
	key := ""
	if !h.Held() {
		key = fmt.Sprintf("hearing:%d:%s:%s", h.ID, h.StartsAt, h.Room)
	}
	if err := s.retireNoticesTx(tx, h.CourtCode, fmt.Sprintf("hearing:%d:", h.ID), key); err != nil || key == "" {
		return err
	}
	if h.JudgeID == nil || *h.JudgeID == a.UserID {
		return nil
	}
	what := "开庭已排期"
	if moved {
		what = "开庭已改期"
	}
	title := fmt.Sprintf("%s：%s %s %s–%s %s", what, caseNo, h.StartsAt.Date(), h.StartsAt.Clock(), h.EndsAt.Clock(), h.Room)
	return s.NotifyTx(tx, h.CourtCode, Notice{UserID: *h.JudgeID, Key: key, Kind: TodoHearing, Title: title,
		Link: fmt.Sprintf("/cases/%d#hearings", h.CaseID), CaseID: idPtr(h.CaseID)})
}

// Inbox is the answer of GET /notifications: the live notifications, newest first.
type Inbox struct {
	Items  []Notification `json:"items"`
	Total  int64          `json:"total"`
	Unread int64          `json:"unread"`
}

// ListNotifications lists the actor's live notifications, newest first, with the unread count.
func (s *Store) ListNotifications(ctx context.Context, a Actor, pg Page) (Inbox, error) {
	out := Inbox{Items: []Notification{}}
	db := s.DB.WithContext(ctx)
	live := db.Model(&Notification{}).Where("user_id = ? AND retired_at IS NULL", a.UserID)
	if err := live.Count(&out.Total).Error; err != nil {
		return out, s.Err(err)
	}
	if err := db.Where("user_id = ? AND retired_at IS NULL", a.UserID).Order("id DESC").
		Offset(pg.Offset()).Limit(pg.Size).Find(&out.Items).Error; err != nil {
		return out, s.Err(err)
	}
	var err error
	out.Unread, err = s.UnreadCount(ctx, a)
	return out, err
}

// UnreadCount is how many live notifications the actor has not opened.
func (s *Store) UnreadCount(ctx context.Context, a Actor) (int64, error) {
	var n int64
	err := s.DB.WithContext(ctx).Model(&Notification{}).
		Where("user_id = ? AND retired_at IS NULL AND read_at IS NULL", a.UserID).Count(&n).Error
	return n, s.Err(err)
}

// ReadNotification marks one of the actor's notifications read and returns it.
func (s *Store) ReadNotification(ctx context.Context, a Actor, id int64) (Notification, error) {
	return inTx(ctx, s, func(tx *gorm.DB) (Notification, error) {
		n, err := take[Notification](tx.Where("id = ? AND user_id = ?", id, a.UserID), "提醒")
		if err != nil || n.ReadAt != nil {
			return n, err
		}
		now := s.Clock.Now().UTC()
		n.ReadAt = &now
		return n, tx.Model(&Notification{}).Where("id = ? AND read_at IS NULL", id).Update("read_at", now).Error
	})
}

// sweepStale is how long a sweep may run before another instance takes it over.
const sweepStale = 10 * time.Minute

// SweepNotifications runs the court's daily sweep once per day (the
// instance that records the court's day runs it; the others skip) and
// reports whether it ran. A sweep that fails gives its day back for a retry;
// one that an instance left unfinished (it stopped) is taken over later.
func (s *Store) SweepNotifications(ctx context.Context, court string) (bool, error) {
	today := s.Clock.Today()
	now := s.Clock.Now().UTC()
	db := s.DB.WithContext(ctx)
	if err := db.Exec("DELETE FROM notification_sweeps WHERE court_code = ? AND day = ? AND done_at IS NULL AND swept_at < ?",
		court, today, now.Add(-sweepStale)).Error; err != nil {
		return false, s.Err(err)
	}
	ok, err := insertOnce(db, "INSERT INTO notification_sweeps (court_code, day, swept_at) VALUES (?, ?, ?)", court, today, now)
	if err != nil || !ok {
		return false, s.Err(err)
	}
	if err := s.SweepCourtNow(ctx, court); err != nil {
		s.DB.WithContext(context.WithoutCancel(ctx)).Exec("DELETE FROM notification_sweeps WHERE court_code = ? AND day = ?", court, today)
		return false, err
	}
	if err := db.Exec("UPDATE notification_sweeps SET done_at = ? WHERE court_code = ? AND day = ?", s.Clock.Now().UTC(), court, today).Error; err != nil {
		return false, s.Err(err)
	}
	return true, nil
}

// sweptToday reports whether the court's sweep of today has finished.
func (s *Store) sweptToday(ctx context.Context, court string) (bool, error) {
	var n int64
	err := s.DB.WithContext(ctx).Table("notification_sweeps").Where("court_code = ? AND day = ? AND done_at IS NOT NULL", court, s.Clock.Today()).Count(&n).Error
	return n > 0, s.Err(err)
}

// SweepCourtNow raises a notification for every keyed to-do item of every
// active user of the court and retires the swept ones no longer on a list,
// whether or not the day's sweep ran.
func (s *Store) SweepCourtNow(ctx context.Context, court string) error {
	var users []User
	if err := s.DB.WithContext(ctx).Where("court_code = ? AND disabled = ?", court, false).Order("id").Find(&users).Error; err != nil {
		return s.Err(err)
	}
	for _, u := range users {
		items, err := s.Todo(ctx, u.Actor())
		if err != nil {
			return err
		}
		err = s.Tx(ctx, func(tx *gorm.DB) error {
			keys := []string{}
			for _, it := range items {
				if it.Key == "" {
					continue
				}
				keys = append(keys, it.Key)
				n := Notice{UserID: u.ID, Key: it.Key, Kind: it.Kind, Title: it.Title, Link: it.Link, CaseID: it.CaseID, LetterID: it.LetterID, swept: true}
				if err := s.NotifyTx(tx, court, n); err != nil {
					return err
				}
			}
			q := tx.Model(&Notification{}).Where("user_id = ? AND swept = ? AND retired_at IS NULL", u.ID, true)
			if len(keys) > 0 {
				q = q.Where("event_key NOT IN ?", keys)
			}
			return q.Update("retired_at", s.Clock.Now().UTC()).Error
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// CourtCodes lists the codes of every court (the sweeps and digests run per court).
func (s *Store) CourtCodes(ctx context.Context) ([]string, error) {
	var codes []string
	err := s.DB.WithContext(ctx).Table("courts").Order("code").Pluck("code", &codes).Error
	return codes, s.Err(err)
}

// noticeLine is a notification as one line of text (the digest).
func noticeLine(n Notification, base string) string {
	line := "· " + n.Title
	if base != "" {
		line += "\n  " + strings.TrimRight(base, "/") + n.Link
	}
	return line
}
