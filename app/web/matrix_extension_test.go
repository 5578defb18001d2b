package web

import (
	"context"

	"fuyuan/app"
)

// pendingExtensionPath returns a path builder for a fresh pending extension
// request of judge1's: pendingExtensionPath("/api/v1/extension-requests/%d/approve").
func pendingExtensionPath(format string) func(e *env) string {
	return func(e *env) string {
		k := matrixCase(e, false)
		r, err := e.Store.RequestExtension(context.Background(), e.Courts.Actor("judge1"), k.ID,
			app.ExtensionRequestInput{Reason: "案情复杂，需委托鉴定", Days: 30})
		if err != nil {
			e.t.Fatal(err)
		}
		return idPath(format, r.ID)
	}
}

func init() {
	comment := func(text string) func(*env) any {
		return func(*env) any { return map[string]any{"comment": text} }
	}
	addRows(
		readRow("GET", "/api/v1/cases/:id/extension-requests", "/api/v1/cases/%d/extension-requests"),
		matrixRow{Method: "POST", Route: "/api/v1/cases/:id/extension-requests", Path: casePath("/api/v1/cases/%d/extension-requests"),
			Body: func(*env) any { return map[string]any{"reason": "案情复杂，需委托鉴定", "days": 30} }, Default: 403, Want: judgeOnly(201)},
		matrixRow{Method: "GET", Route: "/api/v1/extension-requests", Default: 200},
		matrixRow{Method: "POST", Route: "/api/v1/extension-requests/:id/approve", Path: pendingExtensionPath("/api/v1/extension-requests/%d/approve"),
			Body: comment("同意报请"), Default: 403, Want: statuses(200, "leader")},
		matrixRow{Method: "POST", Route: "/api/v1/extension-requests/:id/refuse", Path: pendingExtensionPath("/api/v1/extension-requests/%d/refuse"),
			Body: comment("理由不充分"), Default: 403, Want: statuses(200, "leader")},
		matrixRow{Method: "POST", Route: "/api/v1/extension-requests/:id/withdraw", Path: pendingExtensionPath("/api/v1/extension-requests/%d/withdraw"),
			Body: comment(""), Default: 403, Want: judgeOnly(200)},

		matrixRow{Method: "POST", Route: "/cases/:id/extension-requests", Path: casePath("/cases/%d/extension-requests"), Default: 403, Want: judgeOnly(400)},
		matrixRow{Method: "POST", Route: "/extension-requests/:id/approve", Path: pendingExtensionPath("/extension-requests/%d/approve"),
			Default: 403, Want: statuses(303, "leader")},
		matrixRow{Method: "POST", Route: "/extension-requests/:id/refuse", Path: pendingExtensionPath("/extension-requests/%d/refuse"),
			Default: 403, Want: statuses(400, "leader")},
		matrixRow{Method: "POST", Route: "/extension-requests/:id/withdraw", Path: pendingExtensionPath("/extension-requests/%d/withdraw"),
			Default: 403, Want: judgeOnly(303)},
	)
}
