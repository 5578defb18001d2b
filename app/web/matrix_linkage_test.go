package web

import (
	"context"
	"fmt"

	"fuyuan/app"
)

// Rows of the authorisation matrix for advisory letters, meetings and the
// liaison's desk. Letters are drafted by judge1 of 粤1803; each try gets a
// fresh letter in the state the action needs.

// matrixLetter drafts a letter as judge1 and moves it to state (draft, approved or issued).
func matrixLetter(e *env, state string) int64 {
	ctx := context.Background()
	c := e.Courts
	l, err := e.Store.DraftLetter(ctx, c.Actor("judge1"), app.LetterInput{Kind: "pre_judgment", OrganID: c.Organ.ID,
		Problems: "处罚前未告知陈述申辩权利。", Suggestions: "建议自行纠正。"})
	if err == nil && state != "draft" {
		_, err = e.Store.ApproveLetter(ctx, c.Actor("leader"), l.ID, app.Date{})
	}
	if err == nil && state == "issued" {
		_, err = e.Store.IssueLetter(ctx, c.Actor("leader"), l.ID, app.IssueInput{IssuedOn: app.MustDate("2025-06-30")})
	}
	if err != nil {
		e.t.Fatalf("matrix letter: %v", err)
	}
	return l.ID
}

// matrixMeeting records a meeting of 粤1803 with one follow-up item; it returns both ids.
func matrixMeeting(e *env) (int64, int64) {
	m, err := e.Store.RecordMeeting(context.Background(), e.Courts.Actor("liaison1"), app.MeetingInput{
		Kind: "quarterly_joint", HeldOn: app.MustDate("2025-06-20"), Topic: "第二季度府院联席会议", OrganIDs: []int64{e.Courts.Organ.ID},
		Attendances: 24, Followups: []app.FollowupInput{{Item: "报送整改清单", Owner: "林业局", DueOn: app.MustDate("2025-07-20")}}})
	if err != nil {
		e.t.Fatalf("matrix meeting: %v", err)
	}
	return m.ID, m.Followups[0].ID
}

func letterPath(state, suffix string) func(e *env) string {
	return func(e *env) string { return fmt.Sprintf("/letters/%d%s", matrixLetter(e, state), suffix) }
}

func apiLetterPath(state, suffix string) func(e *env) string {
	return func(e *env) string { return fmt.Sprintf("/api/v1/letters/%d%s", matrixLetter(e, state), suffix) }
}

func followupPath(prefix string) func(e *env) string {
	return func(e *env) string {
		m, f := matrixMeeting(e)
		return fmt.Sprintf("%s/meetings/%d/followups/%d/done", prefix, m, f)
	}
}

func meetingPath(prefix string) func(e *env) string {
	return func(e *env) string { m, _ := matrixMeeting(e); return fmt.Sprintf("%s/meetings/%d", prefix, m) }
}

func init() {
	readers := statuses(403, "mediator1")
	otherCourt := statuses(404, "admin2", "judge3")
	addRows(
		matrixRow{Method: "GET", Route: "/api/v1/letters", Default: 200, Want: readers},
		matrixRow{Method: "POST", Route: "/api/v1/letters", Default: 403,
			Body: func(e *env) any {
				return map[string]any{"kind": "pre_judgment", "organ_id": e.Courts.Organ.ID, "problems": "问题", "suggestions": "建议"}
			},
			// judge3 may draft, but not to an organ of another court.
			Want: merge(statuses(201, "judge1", "judge2"), statuses(400, "judge3"))},
		matrixRow{Method: "GET", Route: "/api/v1/letters/:id", Default: 200, Path: apiLetterPath("draft", ""), Want: merge(readers, otherCourt)},
		matrixRow{Method: "POST", Route: "/api/v1/letters/:id/approve", Default: 403, Path: apiLetterPath("draft", "/approve"),
			Want: statuses(200, "leader")},
		matrixRow{Method: "POST", Route: "/api/v1/letters/:id/issue", Default: 403, Path: apiLetterPath("approved", "/issue"),
			Body: func(e *env) any { return map[string]any{"issued_on": "2025-06-30"} },
			// judge1 drafted the letter; judge2 did not.
			Want: merge(statuses(200, "leader", "judge1"), statuses(404, "judge3"))},
		matrixRow{Method: "POST", Route: "/api/v1/letters/:id/reply", Default: 403, Path: apiLetterPath("issued", "/reply"),
			Body: func(e *env) any {
				return map[string]any{"replied_on": "2025-07-01", "adopted": true, "measures": "已整改"}
			},
			Want: merge(statuses(200, "judge1", "judge2", "liaison1"), statuses(404, "judge3"))},
		// Only the author edits and withdraws a draft (judge1 drafted it); the leader returns it.
		matrixRow{Method: "PATCH", Route: "/api/v1/letters/:id", Default: 403, Path: apiLetterPath("draft", ""),
			Body: func(e *env) any {
				return map[string]any{"version": 1, "problems": "处罚前未告知陈述申辩权利（已补充文号）。"}
			},
			Want: merge(statuses(200, "judge1"), statuses(404, "judge3"))},
		matrixRow{Method: "POST", Route: "/api/v1/letters/:id/return", Default: 403, Path: apiLetterPath("draft", "/return"),
			Body: func(e *env) any { return map[string]any{"comment": "请补充处罚决定文号。"} },
			Want: statuses(200, "leader")},
		matrixRow{Method: "POST", Route: "/api/v1/letters/:id/withdraw", Default: 403, Path: apiLetterPath("draft", "/withdraw"),
			Body: func(e *env) any { return map[string]any{"reason": "机关已自行纠正。"} },
			Want: merge(statuses(200, "judge1"), statuses(404, "judge3"))},

		matrixRow{Method: "GET", Route: "/api/v1/meetings", Default: 200, Want: readers},
		matrixRow{Method: "POST", Route: "/api/v1/meetings", Default: 403,
			Body: func(e *env) any {
				return map[string]any{"kind": "enforcement_training", "held_on": "2025-06-18", "topic": "行政执法培训",
					"organ_ids": []int64{e.Courts.Organ.ID}, "attendances": 130, "speakers": "王建国", "decisions": "按季度开展"}
			},
			Want: merge(statuses(201, "judge1", "judge2", "liaison1"), statuses(400, "judge3"))},
		matrixRow{Method: "GET", Route: "/api/v1/meetings/:id", Default: 200, Path: meetingPath("/api/v1"), Want: merge(readers, otherCourt)},
		matrixRow{Method: "POST", Route: "/api/v1/meetings/:id/followups/:fid/done", Default: 403, Path: followupPath("/api/v1"),
			Want: merge(statuses(200, "judge1", "judge2", "liaison1"), statuses(404, "judge3"))},
		matrixRow{Method: "GET", Route: "/api/v1/liaison/desk", Default: 200, Want: readers},

		matrixRow{Method: "GET", Route: "/letters", Default: 200, Want: readers},
		matrixRow{Method: "GET", Route: "/letters/new", Default: 403, Want: statuses(200, "judge1", "judge2", "judge3")},
		matrixRow{Method: "POST", Route: "/letters", Default: 403, Want: statuses(400, "judge1", "judge2", "judge3")},
		matrixRow{Method: "GET", Route: "/letters/:id", Default: 200, Path: letterPath("draft", ""), Want: merge(readers, otherCourt)},
		matrixRow{Method: "GET", Route: "/letters/:id/print", Default: 200, Path: letterPath("issued", "/print"), Want: merge(readers, otherCourt)},
		matrixRow{Method: "POST", Route: "/letters/:id/approve", Default: 403, Path: letterPath("draft", "/approve"),
			Want: statuses(303, "leader")},
		matrixRow{Method: "POST", Route: "/letters/:id/issue", Default: 403, Path: letterPath("approved", "/issue"),
			// No issued_on posted: the form comes back with the error.
			Want: merge(statuses(400, "leader", "judge1"), statuses(404, "judge3"))},
		matrixRow{Method: "POST", Route: "/letters/:id/reply", Default: 403, Path: letterPath("issued", "/reply"),
			Want: merge(statuses(400, "judge1", "judge2", "liaison1"), statuses(404, "judge3"))},
		matrixRow{Method: "GET", Route: "/letters/:id/edit", Default: 403, Path: letterPath("draft", "/edit"),
			Want: merge(statuses(200, "judge1"), statuses(404, "judge3"))},
		// Nothing posted: the form comes back with the errors.
		matrixRow{Method: "POST", Route: "/letters/:id/edit", Default: 403, Path: letterPath("draft", "/edit"),
			Want: merge(statuses(400, "judge1"), statuses(404, "judge3"))},
		matrixRow{Method: "POST", Route: "/letters/:id/return", Default: 403, Path: letterPath("draft", "/return"),
			Want: statuses(400, "leader")},
		matrixRow{Method: "POST", Route: "/letters/:id/withdraw", Default: 403, Path: letterPath("draft", "/withdraw"),
			Want: merge(statuses(400, "judge1"), statuses(404, "judge3"))},

		matrixRow{Method: "GET", Route: "/meetings", Default: 200, Want: readers},
		matrixRow{Method: "POST", Route: "/meetings", Default: 403, Want: statuses(400, "judge1", "judge2", "liaison1", "judge3")},
		matrixRow{Method: "GET", Route: "/meetings/:id", Default: 200, Path: meetingPath(""), Want: merge(readers, otherCourt)},
		matrixRow{Method: "POST", Route: "/meetings/:id/followups/:fid/done", Default: 403, Path: followupPath(""),
			Want: merge(statuses(303, "judge1", "judge2", "liaison1"), statuses(404, "judge3"))},
		matrixRow{Method: "GET", Route: "/liaison", Default: 200, Want: readers},
	)
}
