package app_test

import (
	"context"
	"testing"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/reports"
)

// Acceptance 3 of issue 4: letters and trainings recorded through this part's
// services feed the statistics of 2025 — letters_issued.pre_judgment 2,
// replied 1, adopted 1, adoption_rate 1, overdue 1; one enforcement training
// of 130 attendances gives trainings 1 and training_attendances 130.
func TestLettersAndTrainingsFeedTheStatistics(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		ctx := context.Background()
		c := apptest.MustCourts(t, s)
		issue := app.IssueInput{IssuedOn: app.MustDate("2025-05-06")}
		a := linkageOK[app.Letter](t)(s.IssueLetter(ctx, c.Actor("judge1"), approvedTestLetter(t, s, c, "judge1", "pre_judgment", nil).ID, issue))
		linkageOK[app.Letter](t)(s.IssueLetter(ctx, c.Actor("leader"), approvedTestLetter(t, s, c, "judge2", "pre_judgment", nil).ID, issue))
		approvedTestLetter(t, s, c, "judge2", "judicial", nil) // approved, never issued: not counted
		yes := true
		linkageOK[app.Letter](t)(s.ReplyToLetter(ctx, c.Actor("liaison1"), a.ID, app.ReplyInput{RepliedOn: app.MustDate("2025-06-01"), Adopted: &yes}))
		linkageOK[app.Meeting](t)(s.RecordMeeting(ctx, c.Actor("liaison1"), app.MeetingInput{Kind: "enforcement_training",
			HeldOn: app.MustDate("2025-04-18"), Topic: "行政执法培训", OrganIDs: []int64{c.Organ.ID}, Attendances: 130}))
		linkageOK[app.Meeting](t)(s.RecordMeeting(ctx, c.Actor("judge1"), app.MeetingInput{Kind: "quarterly_joint",
			HeldOn: app.MustDate("2025-03-28"), Topic: "第一季度联席会议", Attendances: 30}))

		f, err := reports.Stats(ctx, s, "粤1803", reports.Period{From: app.MustDate("2025-01-01"), To: app.MustDate("2025-12-31")}, s.Clock.Today())
		if err != nil {
			t.Fatal(err)
		}
		if f.LettersIssued["pre_judgment"] != 2 || f.LettersIssued["judicial"] != 0 || f.LettersReplied != 1 || f.LettersAdopted != 1 ||
			f.AdoptionRate == nil || *f.AdoptionRate != 1 || f.LettersOverdue != 1 {
			t.Errorf("letters: issued %v replied %d adopted %d rate %v overdue %d", f.LettersIssued, f.LettersReplied, f.LettersAdopted, f.AdoptionRate, f.LettersOverdue)
		}
		if f.Trainings != 1 || f.TrainingAttendances != 130 || f.Meetings["enforcement_training"] != 1 || f.Meetings["quarterly_joint"] != 1 {
			t.Errorf("meetings: trainings %d attendances %d per kind %v", f.Trainings, f.TrainingAttendances, f.Meetings)
		}
	})
}
