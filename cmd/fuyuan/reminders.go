package main

import (
	"context"
	"log/slog"
	"time"

	"fuyuan/app"
)

// reminderTick is how often an instance looks for the day's reminder work.
const reminderTick = time.Minute

// reminders runs the daily reminder work of every court on this instance:
// the sweep of date thresholds once a day (the database decides which
// instance runs it). It never blocks a request.
func reminders(ctx context.Context, store *app.Store, log *slog.Logger) {
	t := time.NewTicker(reminderTick)
	defer t.Stop()
	for {
		sweepCourts(ctx, store, log)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// sweepCourts runs each court's daily sweep unless an instance ran it today.
func sweepCourts(ctx context.Context, store *app.Store, log *slog.Logger) {
	courts, err := store.CourtCodes(ctx)
	if err != nil {
		if ctx.Err() == nil {
			log.Warn("reminders: courts", "err", err)
		}
		return
	}
	for _, court := range courts {
		ran, err := store.SweepNotifications(ctx, court)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("reminders: sweep", "court", court, "err", err)
		case ran:
			log.Info("reminders: swept", "court", court, "day", store.Clock.Today().String())
		}
	}
}
