package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"fuyuan/app"
	"fuyuan/app/mail"
)

// reminderTick is how often an instance looks for the day's reminder work.
const reminderTick = time.Minute

// newMailer is the court's SMTP sender, or nil when none is configured.
func newMailer(cfg config) (app.Mailer, error) {
	if !cfg.SMTP.Enabled() {
		return nil, nil
	}
	m, err := mail.New(cfg.SMTP)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// parseClockTime reads "HH:MM" as the time since midnight.
func parseClockTime(v string) (time.Duration, error) {
	t, err := time.Parse("15:04", v)
	if err != nil {
		return 0, fmt.Errorf("%q: a time of day HH:MM, e.g. 07:30", v)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// reminders runs the daily reminder work of every court on this instance:
// the sweep of date thresholds once a day, the digests from FUYUAN_DIGEST_AT
// on, and the outbox (sends and retries). The database decides which
// instance does each part; nothing here blocks a request.
func reminders(ctx context.Context, store *app.Store, cfg config, mailer app.Mailer, log *slog.Logger) {
	t := time.NewTicker(reminderTick)
	defer t.Stop()
	for {
		remindOnce(ctx, store, cfg, mailer, log, false)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// remindOnce does what is due now (everything of today when now is true).
func remindOnce(ctx context.Context, store *app.Store, cfg config, mailer app.Mailer, log *slog.Logger, now bool) (queued, sent int) {
	courts, err := store.CourtCodes(ctx)
	if err != nil {
		if ctx.Err() == nil {
			log.Warn("reminders: courts", "err", err)
		}
		return
	}
	local := store.Clock.Now().In(app.Shanghai)
	sinceMidnight := time.Duration(local.Hour())*time.Hour + time.Duration(local.Minute())*time.Minute
	digestTime := mailer != nil && (now || sinceMidnight >= cfg.DigestAt)
	for _, court := range courts {
		var ran bool
		err := store.InBackground(ctx, func(ctx context.Context) (err error) {
			ran, err = store.SweepNotifications(ctx, court)
			return err
		})
		if err != nil {
			if ctx.Err() == nil {
				log.Warn("reminders: sweep", "court", court, "err", err)
			}
			continue
		} else if ran {
			log.Info("reminders: swept", "court", court, "day", store.Clock.Today().String())
		}
		if !digestTime {
			continue
		}
		if done, err := store.DigestDone(ctx, court); err != nil || (done && !now) {
			continue
		}
		n, err := store.RunDigest(ctx, court, app.DigestOptions{BaseURL: cfg.BaseURL})
		queued += n
		if err != nil && ctx.Err() == nil {
			log.Warn("reminders: digest", "court", court, "err", err)
		} else if n > 0 {
			log.Info("reminders: digests queued", "court", court, "mails", n)
		}
	}
	if mailer != nil {
		n, err := store.DeliverOutbox(ctx, mailer, log)
		sent += n
		if err != nil && ctx.Err() == nil {
			log.Warn("reminders: outbox", "err", err)
		}
	}
	return queued, sent
}

// digestNow is `fuyuan digest`: today's digests that are due, made and sent now.
func digestNow(ctx context.Context, cfg config, log *slog.Logger) error {
	mailer, err := newMailer(cfg)
	if err != nil {
		return err
	}
	if mailer == nil {
		return fmt.Errorf("FUYUAN_SMTP_ADDR is not set: no e-mail is sent")
	}
	return withCurrentStore(ctx, cfg, log, func(ctx context.Context, store *app.Store) error {
		queued, sent := remindOnce(ctx, store, cfg, mailer, log, true)
		var waiting int64
		store.DB.WithContext(ctx).Model(&app.OutboxMail{}).Where("sent_at IS NULL").Count(&waiting)
		fmt.Printf("digests made %d, e-mails sent %d, waiting for a retry %d\n", queued, sent, waiting)
		return nil
	})
}
