package web

import (
	"context"

	"fuyuan/app"
)

// hearingSlot is a fresh slot (one day each) so that the matrix's hearings never clash.
func hearingSlot() (string, string) {
	day := app.MustDate("2025-08-01").AddDays(int(caseSeq.Add(1)))
	return day.String() + "T09:00", day.String() + "T10:00"
}

// hearingPath returns a path builder for a fresh hearing of a fresh case of judge1.
func hearingPath(format string) func(e *env) string {
	return func(e *env) string {
		c := matrixCase(e, false)
		from, to := hearingSlot()
		start, end, room := app.MustMinute(from), app.MustMinute(to), "第一法庭"
		h, err := e.Store.ScheduleHearing(context.Background(), e.Courts.Actor("judge1"), c.ID,
			app.HearingInput{StartsAt: &start, EndsAt: &end, Room: &room})
		if err != nil {
			e.t.Fatal(err)
		}
		return idPath(format, h.ID)
	}
}

// closedCase files a fresh 行赔初 case of judge1 closed by judgment.
func closedCase(e *env) app.Case {
	c := matrixCase(e, false)
	c, err := e.Store.CloseCase(context.Background(), e.Courts.Actor("judge1"), c.ID,
		app.CloseInput{ClosedOn: app.MustDate("2025-06-20"), Method: "judgment", JudgmentResult: "compensate"})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// appealPath returns a path builder for a fresh appeal of a fresh closed case.
func appealPath(format string) func(e *env) string {
	return func(e *env) string {
		c := closedCase(e)
		ap, err := e.Store.FileAppeal(context.Background(), e.Courts.Actor("judge1"), c.ID,
			app.AppealInput{FiledOn: app.MustDate("2025-06-25"), Appellant: "organ"})
		if err != nil {
			e.t.Fatal(err)
		}
		return idPath(format, ap.ID)
	}
}

func init() {
	// Hearings and appeals are recorded by the case's judge and by a leader.
	judgeOrLeader := func(ok int) map[string]int { return merge(judgeOnly(ok), statuses(ok, "leader")) }
	addRows(
		readRow("GET", "/api/v1/cases/:id/hearings", "/api/v1/cases/%d/hearings"),
		matrixRow{Method: "POST", Route: "/api/v1/cases/:id/hearings", Path: casePath("/api/v1/cases/%d/hearings"),
			Body: func(*env) any {
				from, to := hearingSlot()
				return map[string]any{"starts_at": from, "ends_at": to, "room": "第一法庭", "head_notified": true}
			},
			Default: 403, Want: judgeOrLeader(201)},
		matrixRow{Method: "PATCH", Route: "/api/v1/hearings/:id", Path: hearingPath("/api/v1/hearings/%d"),
			Body: func(*env) any { return map[string]any{"head_notified": true} }, Default: 403, Want: judgeOrLeader(200)},
		matrixRow{Method: "POST", Route: "/api/v1/cases/:id/appeals",
			Path: func(e *env) string { return idPath("/api/v1/cases/%d/appeals", closedCase(e).ID) },
			Body: func(*env) any {
				return map[string]any{"filed_on": "2025-06-28", "appellant": "plaintiff", "second_case_no": "（2025）粤18行赔终3号"}
			},
			Default: 403, Want: judgeOrLeader(201)},
		matrixRow{Method: "POST", Route: "/api/v1/appeals/:id/decide", Path: appealPath("/api/v1/appeals/%d/decide"),
			Body: func(*env) any { return map[string]any{"result": "upheld", "decided_on": "2025-06-30"} }, Default: 403, Want: judgeOrLeader(200)},

		matrixRow{Method: "GET", Route: "/api/v1/stats", Name: "by organ", Default: 200, Want: statuses(403, "mediator1"),
			Path: func(*env) string { return "/api/v1/stats?by=organ&from=2025-01-01&to=2025-06-30" }},
		matrixRow{Method: "GET", Route: "/api/v1/stats", Name: "by judge: the liaison sees no judge's figures", Default: 200,
			Want: statuses(403, "mediator1", "liaison1"),
			Path: func(*env) string { return "/api/v1/stats?by=judge&from=2025-01-01&to=2025-06-30" }},
		matrixRow{Method: "GET", Route: "/analysis", Default: 200, Want: statuses(403, "mediator1")},
		matrixRow{Method: "GET", Route: "/analysis", Name: "by judge", Default: 200, Want: statuses(403, "mediator1", "liaison1"),
			Path: func(*env) string { return "/analysis?by=judge" }},
		matrixRow{Method: "GET", Route: "/analysis.xlsx", Default: 200, Want: statuses(403, "mediator1"),
			Path: func(*env) string { return "/analysis.xlsx?by=region&sort=organ_loss_rate&dir=desc" }},

		matrixRow{Method: "GET", Route: "/api/v1/reports/white-paper.docx", Default: 200, Want: statuses(403, "mediator1"),
			Path: func(*env) string { return "/api/v1/reports/white-paper.docx?year=2024" }},
		matrixRow{Method: "GET", Route: "/reports/white-paper.docx", Default: 200, Want: statuses(403, "mediator1"),
			Path: func(*env) string { return "/reports/white-paper.docx?year=2024" }},
		matrixRow{Method: "GET", Route: "/api/v1/white-papers/:year", Default: 200, Want: statuses(403, "mediator1"),
			Path: func(*env) string { return "/api/v1/white-papers/2024" }},
		matrixRow{Method: "PUT", Route: "/api/v1/white-papers/:year", Default: 403, Want: statuses(200, "leader"),
			Path: func(*env) string { return "/api/v1/white-papers/2024" },
			Body: func(*env) any { return map[string]any{"problems": "问题", "suggestions": "建议"} }},
		matrixRow{Method: "GET", Route: "/white-papers", Default: 200, Want: statuses(403, "mediator1")},
		matrixRow{Method: "POST", Route: "/white-papers/:year", Default: 403, Want: statuses(303, "leader"),
			Path: func(*env) string { return "/white-papers/2024" }},

		matrixRow{Method: "POST", Route: "/cases/:id/hearings", Path: casePath("/cases/%d/hearings"), Default: 403, Want: judgeOrLeader(400)},
		matrixRow{Method: "POST", Route: "/hearings/:id", Path: hearingPath("/hearings/%d"), Default: 403, Want: judgeOrLeader(303)},
		matrixRow{Method: "POST", Route: "/cases/:id/appeals",
			Path:    func(e *env) string { return idPath("/cases/%d/appeals", closedCase(e).ID) },
			Default: 403, Want: judgeOrLeader(400)},
		matrixRow{Method: "POST", Route: "/appeals/:id/decide", Path: appealPath("/appeals/%d/decide"), Default: 403, Want: judgeOrLeader(400)},
	)
}
