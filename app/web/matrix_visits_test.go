package web

import (
	"context"

	"fuyuan/app"
)

// visitPath returns a path builder for the first visit of a fresh case of
// judge1 (mediator1 assigned) resolved by withdrawal.
func visitPath(format string) func(e *env) string {
	return func(e *env) string {
		c := matrixCase(e, false)
		ctx := context.Background()
		judge := e.Courts.Actor("judge1")
		if _, err := e.Store.CloseCase(ctx, judge, c.ID, app.CloseInput{ClosedOn: app.MustDate("2025-06-20"), Method: "withdrawal"}); err != nil {
			e.t.Fatal(err)
		}
		vs, err := e.Store.VisitsOfCase(ctx, judge, c.ID)
		if err != nil || len(vs) != 2 {
			e.t.Fatalf("visits of a withdrawn case: %v %v", vs, err)
		}
		return idPath(format, vs[0].ID)
	}
}

func init() {
	visit := func(*env) any {
		return map[string]any{"visited_on": "2025-06-30", "method": "phone", "outcome": "resolved", "notes": "协议已履行"}
	}
	// The case's judge and its mediator record; judge2 and the other roles are refused; 粤1881's judge does not find it.
	recorders := statuses(404, "judge3")
	addRows(
		matrixRow{Method: "GET", Route: "/api/v1/visits", Default: 200},
		readRow("GET", "/api/v1/cases/:id/visits", "/api/v1/cases/%d/visits"),
		matrixRow{Method: "POST", Route: "/api/v1/visits/:id", Path: visitPath("/api/v1/visits/%d"), Body: visit, Default: 403,
			Want: merge(recorders, statuses(200, "judge1", "mediator1"))},
		matrixRow{Method: "GET", Route: "/visits", Default: 200},
		// Every user has a to-do list (the visits' and commitments' items are the judges').
		matrixRow{Method: "GET", Route: "/api/v1/todo", Name: "with the visits due", Default: 200},
		matrixRow{Method: "POST", Route: "/visits/:id", Path: visitPath("/visits/%d"), Default: 403,
			Want: merge(recorders, statuses(400, "judge1", "mediator1"))},
	)
}
