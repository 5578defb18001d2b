package demo

import (
	"context"
	"fmt"

	"fuyuan/app"
)

// sessionPlaces are where the demo's scheduled mediation sessions are held.
var sessionPlaces = []string{"本院调解室", "太平镇法官工作室", "区司法局行政争议协调化解中心"}

// seedMediationSessions schedules a mediation session with times in the
// coming days for six open cases with a mediator, each with its mediator
// taking part, so that the calendar's week shows sessions beside hearings.
// Scheduled sessions are not mediations held: no figure counts them. It
// draws nothing from Rand.
func seedMediationSessions(ctx context.Context, w *World) error {
	var cases []struct {
		ID       int64
		Mediator int64
	}
	err := w.Store.DB.WithContext(ctx).Raw(`SELECT c.id, MIN(cm.user_id) AS mediator FROM cases c
		JOIN case_mediators cm ON cm.case_id = c.id
		WHERE c.court_code = ? AND c.status IN (?, ?) GROUP BY c.id, c.filed_on ORDER BY c.filed_on, c.id LIMIT 6 OFFSET 5`,
		CourtCode, app.StatusFiled, app.StatusMediating).Scan(&cases).Error
	if err != nil {
		return err
	}
	byID := map[int64]app.Actor{}
	for _, u := range w.Users {
		byID[u.ID] = u.Actor()
	}
	for i, c := range cases {
		day := w.Today
		for n := 0; n < 1+i/2; n++ {
			day = nextWorkingDay(day)
		}
		in := app.MediationInput{HeldOn: day, Mode: "onsite", Location: sessionPlaces[i%len(sessionPlaces)],
			ParticipantIDs: []int64{c.Mediator}, Notes: "已排期，通知双方当事人及行政机关负责人到场"}
		if i%3 == 2 {
			in.Mode = "joint"
		}
		by, ok := byID[c.Mediator]
		if !ok {
			return fmt.Errorf("mediator %d is not a demo user", c.Mediator)
		}
		err := bookFreeSlot(day, w.Today, i, func(starts, ends app.Minute, confirm bool) error {
			in.HeldOn, in.StartsAt, in.EndsAt, in.Confirm = starts.Date(), starts, ends, confirm
			_, err := w.Store.RecordMediation(ctx, by, c.ID, in)
			return err
		})
		if err != nil {
			return fmt.Errorf("case %d: %w", c.ID, err)
		}
	}
	return nil
}
