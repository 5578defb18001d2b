package web

import (
	"context"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// fieldFixture is what the field-work rows of the matrix act on: a
// workstation of 粤1803 and a case of 粤1803 assigned to judge1.
type fieldFixture struct {
	Workstation int64
	Case        int64
}

var fieldFixtures = map[*env]*fieldFixture{}

// fieldwork returns the env's field-work fixture, creating it on first use.
func (e *env) fieldwork() *fieldFixture {
	if f, ok := fieldFixtures[e]; ok {
		return f
	}
	kind, name, opened := "forest", "石门台森林法官工作室", app.MustDate("2024-01-01")
	ws, err := e.Store.CreateWorkstation(context.Background(), e.Courts.Actor("admin"),
		app.WorkstationInput{Kind: &kind, Name: &name, OpenedOn: &opened})
	if err != nil {
		e.t.Fatal(err)
	}
	f := &fieldFixture{Workstation: ws.ID,
		Case: insertFieldCaseRow(e.t, e.Store, fieldCaseRow{Court: "粤1803", OrganID: e.Courts.Organ.ID, JudgeID: e.Courts.Users["judge1"].ID, FiledOn: "2025-05-01"})}
	fieldFixtures[e] = f
	return f
}

func init() {
	fieldReaders := statuses(403, "mediator1", "liaison1")
	ws := func(format string) func(e *env) string {
		return func(e *env) string { return idPath(format, e.fieldwork().Workstation) }
	}
	addRows(
		matrixRow{Method: "GET", Route: "/api/v1/workstations", Default: 200, Want: fieldReaders},
		matrixRow{Method: "POST", Route: "/api/v1/workstations", Default: 403,
			Body: func(e *env) any {
				return map[string]any{"kind": "scenic", "name": apptest.Name("景区法官工作室"), "place": "古龙峡", "partners": []string{"古龙峡景区管理方"}, "opened_on": "2025-01-01"}
			},
			Want: statuses(201, "admin", "admin2")},
		matrixRow{Method: "GET", Route: "/api/v1/workstations/:id", Default: 200, Path: ws("/api/v1/workstations/%d"),
			Want: merge(fieldReaders, statuses(404, "admin2", "judge3"))},
		matrixRow{Method: "PATCH", Route: "/api/v1/workstations/:id", Default: 403, Path: ws("/api/v1/workstations/%d"),
			Body: func(e *env) any { return map[string]any{"place": "广东石门台国家级自然保护区"} },
			Want: merge(statuses(200, "admin"), statuses(404, "admin2"))},
		matrixRow{Method: "GET", Route: "/api/v1/workstations/:id/services", Default: 200, Path: ws("/api/v1/workstations/%d/services"),
			Want: merge(fieldReaders, statuses(404, "admin2", "judge3"))},
		matrixRow{Method: "POST", Route: "/api/v1/workstations/:id/services", Default: 403, Path: ws("/api/v1/workstations/%d/services"),
			Body: func(e *env) any { return map[string]any{"kind": "consultation", "held_on": "2025-06-30", "people": 4} },
			Want: merge(statuses(201, "judge1", "judge2"), statuses(404, "judge3"))},
		matrixRow{Method: "GET", Route: "/api/v1/circuits", Default: 200, Want: fieldReaders},
		matrixRow{Method: "POST", Route: "/api/v1/circuits", Default: 403,
			Body: func(e *env) any { return map[string]any{"held_on": "2025-06-30", "place": "太平镇", "audience": 20} },
			Want: statuses(201, "judge1", "judge2", "judge3")},
		matrixRow{Method: "GET", Route: "/api/v1/inspections", Default: 200, Want: fieldReaders},
		matrixRow{Method: "POST", Route: "/api/v1/inspections", Name: "a case assigned to judge1", Default: 403,
			Body: func(e *env) any {
				return map[string]any{"case_id": e.fieldwork().Case, "held_on": "2025-06-30", "place": "太平镇林地", "findings": "已补植"}
			},
			Want: merge(statuses(201, "judge1"), statuses(404, "judge3"))},
		matrixRow{Method: "GET", Route: "/api/v1/protection-orders", Default: 200, Want: fieldReaders},
		matrixRow{Method: "POST", Route: "/api/v1/protection-orders", Default: 403,
			Body: func(e *env) any {
				return map[string]any{"issued_on": "2025-06-30", "issuers": []string{"本院", "保护区管理局"}, "area": "保护区", "content": "禁止滥伐林木"}
			},
			Want: statuses(201, "judge1", "judge2", "judge3")},
		matrixRow{Method: "GET", Route: "/api/v1/fast-track", Default: 200},

		matrixRow{Method: "GET", Route: "/workstations", Default: 200, Want: fieldReaders},
		matrixRow{Method: "POST", Route: "/workstations", Default: 403, Want: statuses(400, "admin", "admin2")},
		matrixRow{Method: "GET", Route: "/workstations/:id", Default: 200, Path: ws("/workstations/%d"),
			Want: merge(fieldReaders, statuses(404, "admin2", "judge3"))},
		matrixRow{Method: "POST", Route: "/workstations/:id", Default: 403, Path: ws("/workstations/%d"),
			Want: merge(statuses(400, "admin"), statuses(404, "admin2"))},
		matrixRow{Method: "POST", Route: "/workstations/:id/services", Default: 403, Path: ws("/workstations/%d/services"),
			Want: merge(statuses(400, "judge1", "judge2"), statuses(404, "judge3"))},
		matrixRow{Method: "GET", Route: "/circuits", Default: 200, Want: fieldReaders},
		matrixRow{Method: "POST", Route: "/circuits", Default: 403, Want: statuses(400, "judge1", "judge2", "judge3")},
		matrixRow{Method: "GET", Route: "/inspections", Default: 200, Want: fieldReaders},
		matrixRow{Method: "POST", Route: "/inspections", Default: 403, Want: statuses(400, "judge1", "judge2", "judge3")},
		matrixRow{Method: "GET", Route: "/protection-orders", Default: 200, Want: fieldReaders},
		matrixRow{Method: "POST", Route: "/protection-orders", Default: 403, Want: statuses(400, "judge1", "judge2", "judge3")},
		matrixRow{Method: "GET", Route: "/fast-track", Default: 200},
	)
}
