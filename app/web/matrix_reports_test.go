package web

import (
	"context"

	"fuyuan/reports"
)

// archivedReport stores a fresh version of 粤1803's report of May 2025 and returns its id.
func archivedReport(e *env) int64 {
	arch, err := reports.Archive(context.Background(), e.Store, e.Courts.Actor("leader"), reports.Month{Year: 2025, Month: 5})
	if err != nil {
		e.t.Fatal(err)
	}
	return arch.ID
}

func init() {
	readers := statuses(403, "mediator1")
	addRows(
		matrixRow{Method: "GET", Route: "/api/v1/stats", Default: 200, Want: readers},
		matrixRow{Method: "GET", Route: "/api/v1/stats", Name: "from after to", Default: 400, Want: readers,
			Path: func(e *env) string { return "/api/v1/stats?from=2025-06-01&to=2025-05-01" }},
		matrixRow{Method: "GET", Route: "/api/v1/reports/monthly.xlsx", Default: 200, Want: readers,
			Path: func(e *env) string { return "/api/v1/reports/monthly.xlsx?month=2025-06" }},
		matrixRow{Method: "GET", Route: "/api/v1/reports/cases.xlsx", Default: 200, Want: readers,
			Path: func(e *env) string { return "/api/v1/reports/cases.xlsx?status=open" }},
		matrixRow{Method: "GET", Route: "/api/v1/reports/archive", Default: 200, Want: readers},
		matrixRow{Method: "POST", Route: "/api/v1/reports/archive", Default: 403,
			Body: func(e *env) any { return map[string]string{"month": "2025-05"} },
			Want: statuses(201, "leader")},
		// An archived report lists every case of its court: another court's is
		// 404, and a role that reads only some cases may not download it.
		matrixRow{Method: "GET", Route: "/api/v1/reports/archive/:id/file", Default: 200,
			Path: func(e *env) string { return idPath("/api/v1/reports/archive/%d/file", archivedReport(e)) },
			Want: merge(statuses(403, "mediator1", "liaison1"), statuses(404, "admin2", "judge3"))},
		matrixRow{Method: "GET", Route: "/api/v1/imports/cases/template.xlsx", Default: 403, Want: statuses(200, "leader")},
		matrixRow{Method: "POST", Route: "/api/v1/imports/cases", Default: 403, Want: statuses(400, "leader"),
			Body: func(e *env) any { return map[string]string{"file": "not an upload"} }},

		matrixRow{Method: "GET", Route: "/reports", Default: 200, Want: readers},
		matrixRow{Method: "GET", Route: "/reports/cases.xlsx", Default: 200, Want: readers,
			Path: func(e *env) string { return "/reports/cases.xlsx?status=open&linkage=true" }},
		matrixRow{Method: "POST", Route: "/reports/archive", Default: 403, Want: statuses(400, "leader")},
		matrixRow{Method: "GET", Route: "/reports/import", Default: 403, Want: statuses(200, "leader")},
		matrixRow{Method: "POST", Route: "/reports/import", Default: 403, Want: statuses(400, "leader")},
	)
}
