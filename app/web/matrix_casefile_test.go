package web

import (
	"context"
	"fmt"

	"fuyuan/app"
)

// Rows of the authorisation matrix for the case file: parties, the
// challenged act, document templates, generated documents and their
// service. Each try gets a fresh case of judge1 (mediator1 assigned).

// matrixDocument generates an 应诉通知书 for a fresh case of judge1.
func matrixDocument(e *env) int64 {
	k := matrixCase(e, false)
	d, err := e.Store.GenerateDocument(context.Background(), e.Courts.Actor("judge1"), k.ID, "response_notice")
	if err != nil {
		e.t.Fatal(err)
	}
	return d.ID
}

func documentPath(format string) func(e *env) string {
	return func(e *env) string { return fmt.Sprintf(format, matrixDocument(e)) }
}

// partyPath adds a third party to a fresh case of judge1.
func partyPath(format string) func(e *env) string {
	return func(e *env) string {
		k := matrixCase(e, false)
		p, err := e.Store.AddParty(context.Background(), e.Courts.Actor("judge1"), k.ID, app.PartyInput{Role: "third_party", Name: "矩阵第三人"})
		if err != nil {
			e.t.Fatal(err)
		}
		return fmt.Sprintf(format, p.ID)
	}
}

func init() {
	readers := merge(statuses(403, "liaison1"), statuses(404, "admin2", "judge3"))
	admins := func(ok int) map[string]int { return statuses(ok, "admin", "admin2") }
	service := func(*env) any {
		return map[string]any{"recipient": "清远市清新区林业局", "method": "direct", "sent_on": "2025-06-03", "served_on": "2025-06-04"}
	}
	addRows(
		matrixRow{Method: "POST", Route: "/api/v1/cases/:id/parties", Path: casePath("/api/v1/cases/%d/parties"),
			Body: func(*env) any { return map[string]any{"role": "third_party", "name": "矩阵第三人"} }, Default: 403, Want: judgeOnly(201)},
		matrixRow{Method: "DELETE", Route: "/api/v1/parties/:id", Path: partyPath("/api/v1/parties/%d"), Default: 403, Want: judgeOnly(204)},
		matrixRow{Method: "PUT", Route: "/api/v1/cases/:id/challenged-act", Path: casePath("/api/v1/cases/%d/challenged-act"),
			Body: func(*env) any {
				return map[string]any{"number": "清新林罚决字〔2025〕1号", "claims": "撤销"}
			}, Default: 403, Want: judgeOnly(200)},
		matrixRow{Method: "GET", Route: "/api/v1/document-templates", Default: 200},
		matrixRow{Method: "GET", Route: "/api/v1/document-templates/:kind/file.docx",
			Path: func(*env) string { return "/api/v1/document-templates/summons/file.docx" }, Default: 200},
		// Without a multipart body the admins' upload is bad input.
		matrixRow{Method: "PUT", Route: "/api/v1/document-templates/:kind",
			Path: func(*env) string { return "/api/v1/document-templates/summons" }, Default: 403, Want: admins(400)},
		readRow("GET", "/api/v1/cases/:id/documents", "/api/v1/cases/%d/documents"),
		matrixRow{Method: "POST", Route: "/api/v1/cases/:id/documents", Path: casePath("/api/v1/cases/%d/documents"),
			Body: func(*env) any { return map[string]any{"kind": "response_notice"} }, Default: 403, Want: judgeOnly(201)},
		matrixRow{Method: "GET", Route: "/api/v1/documents/:id/file.docx", Path: documentPath("/api/v1/documents/%d/file.docx"),
			Default: 200, Want: readers},
		matrixRow{Method: "POST", Route: "/api/v1/documents/:id/services", Path: documentPath("/api/v1/documents/%d/services"),
			Body: service, Default: 403, Want: judgeOnly(201)},

		matrixRow{Method: "POST", Route: "/cases/:id/parties", Path: casePath("/cases/%d/parties"), Default: 403, Want: judgeOnly(400)},
		matrixRow{Method: "POST", Route: "/parties/:id/delete", Path: partyPath("/parties/%d/delete"), Default: 403, Want: judgeOnly(303)},
		matrixRow{Method: "POST", Route: "/cases/:id/challenged-act", Path: casePath("/cases/%d/challenged-act"), Default: 403, Want: judgeOnly(303)},
		matrixRow{Method: "POST", Route: "/cases/:id/documents", Path: casePath("/cases/%d/documents"), Default: 403, Want: judgeOnly(400)},
		matrixRow{Method: "GET", Route: "/documents/:id/file.docx", Path: documentPath("/documents/%d/file.docx"), Default: 200, Want: readers},
		matrixRow{Method: "POST", Route: "/documents/:id/services", Path: documentPath("/documents/%d/services"), Default: 403, Want: judgeOnly(400)},
		matrixRow{Method: "GET", Route: "/admin/document-templates", Default: 403, Want: admins(200)},
		matrixRow{Method: "POST", Route: "/admin/document-templates/:kind",
			Path: func(*env) string { return "/admin/document-templates/summons" }, Default: 403, Want: admins(400)},
		matrixRow{Method: "GET", Route: "/admin/document-templates/:kind/file.docx",
			Path: func(*env) string { return "/admin/document-templates/summons/file.docx" }, Default: 403, Want: admins(200)},
	)
}
