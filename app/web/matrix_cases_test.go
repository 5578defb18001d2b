package web

import (
	"context"
	"fmt"
	"sync/atomic"

	"fuyuan/app"
)

// caseSeq makes every case, type code and calendar day the matrix creates distinct.
var caseSeq atomic.Int64

// matrixCase files a fresh case of judge1 in 粤1803, with mediator1 assigned
// (or, for a linkage case, no mediator).
func matrixCase(e *env, linkage bool) app.Case {
	in := app.CaseInput{
		// 行赔初: other parts' fixtures insert 行初 rows with numbers of their own.
		CaseType: "行赔初", Cause: "行政处罚", Domain: "ecology",
		Plaintiff: app.Party{Name: fmt.Sprintf("矩阵原告%d", caseSeq.Add(1)), Kind: "individual"},
		OrganID:   e.Courts.Organ.ID, FiledOn: app.MustDate("2025-06-01"), JudgeID: e.Courts.Users["judge1"].ID,
	}
	if linkage {
		in.Linkage, in.LinkagePartner = true, "司法局"
	} else {
		in.MediatorIDs = []int64{e.Courts.Users["mediator1"].ID}
	}
	c, err := e.Store.CreateCase(context.Background(), e.Courts.Actor("judge1"), in)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// casePath returns a path builder for a fresh case: casePath("/api/v1/cases/%d/close").
func casePath(format string) func(e *env) string {
	return func(e *env) string { return idPath(format, matrixCase(e, false).ID) }
}

// suspendedCasePath returns a path builder for a fresh suspended case.
func suspendedCasePath(format string) func(e *env) string {
	return func(e *env) string {
		c := matrixCase(e, false)
		if _, err := e.Store.SuspendCase(context.Background(), e.Courts.Actor("judge1"), c.ID, app.SuspendInput{On: app.MustDate("2025-06-10")}); err != nil {
			e.t.Fatal(err)
		}
		return idPath(format, c.ID)
	}
}

// commitmentPath returns a path builder for a fresh commitment of a fresh case.
func commitmentPath(format string) func(e *env) string {
	return func(e *env) string {
		c := matrixCase(e, false)
		cm, err := e.Store.AddCommitment(context.Background(), e.Courts.Actor("judge1"), c.ID, app.CommitmentInput{Kind: "restore", DueOn: app.MustDate("2025-12-31")})
		if err != nil {
			e.t.Fatal(err)
		}
		return idPath(format, cm.ID)
	}
}

// holidayPath returns a path builder for a fresh day of 粤1803's own calendar
// (another court's admin does not find it).
func holidayPath(format string) func(e *env) string {
	return func(e *env) string {
		day := app.MustDate("2031-01-01").AddDays(int(caseSeq.Add(1)))
		if _, err := e.Store.SaveHoliday(context.Background(), e.Courts.Actor("admin"), app.HolidayInput{Day: day, Kind: "holiday"}); err != nil {
			e.t.Fatal(err)
		}
		return fmt.Sprintf(format, day)
	}
}

// readRow is who may read judge1's case with mediator1 assigned.
func readRow(method, route, format string) matrixRow {
	return matrixRow{Method: method, Route: route, Path: casePath(format), Default: 200,
		Want: merge(statuses(403, "liaison1"), statuses(404, "admin2", "judge3"))}
}

// judgeOnly is the Want of a step only the case's judge may take: judge2 is
// refused the case, 粤1881's judge does not find it, the other roles are refused the step.
func judgeOnly(ok int) map[string]int {
	return merge(statuses(ok, "judge1"), statuses(404, "judge3"))
}

func init() {
	newCase := func(e *env) any {
		return map[string]any{"case_type": "行赔初", "cause": "行政处罚", "domain": "ecology",
			"plaintiff": map[string]any{"name": fmt.Sprintf("新原告%d", caseSeq.Add(1)), "kind": "individual"},
			"organ_id":  e.Courts.Organ.ID, "filed_on": "2025-06-01"}
	}
	addRows(
		matrixRow{Method: "GET", Route: "/api/v1/cases", Default: 200},
		matrixRow{Method: "POST", Route: "/api/v1/cases", Body: newCase, Default: 403,
			Want: merge(statuses(201, "judge1", "judge2"), statuses(400, "judge3"))},
		readRow("GET", "/api/v1/cases/:id", "/api/v1/cases/%d"),
		matrixRow{Method: "GET", Route: "/api/v1/cases/:id", Name: "a linkage case without mediators",
			Path:    func(e *env) string { return idPath("/api/v1/cases/%d", matrixCase(e, true).ID) },
			Default: 200, Want: merge(statuses(403, "mediator1"), statuses(404, "admin2", "judge3"))},
		matrixRow{Method: "PATCH", Route: "/api/v1/cases/:id", Name: "edit details",
			Path: casePath("/api/v1/cases/%d"), Body: func(*env) any { return map[string]any{"version": 1, "region": "太平镇"} },
			Default: 403, Want: merge(judgeOnly(200), statuses(404, "admin2"))},
		matrixRow{Method: "PATCH", Route: "/api/v1/cases/:id", Name: "reassign the judge",
			Path:    casePath("/api/v1/cases/%d"),
			Body:    func(e *env) any { return map[string]any{"version": 1, "judge_id": e.Courts.Users["judge2"].ID} },
			Default: 403, Want: merge(statuses(200, "leader"), statuses(404, "admin2", "judge3"))},
		matrixRow{Method: "PATCH", Route: "/api/v1/cases/:id", Name: "set the mediators",
			Path:    casePath("/api/v1/cases/%d"),
			Body:    func(*env) any { return map[string]any{"version": 1, "mediator_ids": []int64{}} },
			Default: 403, Want: merge(statuses(200, "leader", "judge1"), statuses(404, "admin2", "judge3"))},
		matrixRow{Method: "POST", Route: "/api/v1/cases/:id/suspend", Path: casePath("/api/v1/cases/%d/suspend"),
			Body: func(*env) any { return map[string]any{"on": "2025-06-20"} }, Default: 403, Want: judgeOnly(200)},
		matrixRow{Method: "POST", Route: "/api/v1/cases/:id/resume", Path: suspendedCasePath("/api/v1/cases/%d/resume"),
			Body: func(*env) any { return map[string]any{"on": "2025-06-25"} }, Default: 403, Want: judgeOnly(200)},
		matrixRow{Method: "POST", Route: "/api/v1/cases/:id/close", Path: casePath("/api/v1/cases/%d/close"),
			Body: func(*env) any { return map[string]any{"closed_on": "2025-06-30", "method": "withdrawal"} }, Default: 403, Want: judgeOnly(200)},
		readRow("GET", "/api/v1/cases/:id/mediations", "/api/v1/cases/%d/mediations"),
		matrixRow{Method: "POST", Route: "/api/v1/cases/:id/mediations", Path: casePath("/api/v1/cases/%d/mediations"),
			Body: func(*env) any {
				return map[string]any{"held_on": "2025-06-20", "mode": "onsite", "result": "continuing"}
			},
			Default: 403, Want: merge(judgeOnly(201), statuses(201, "mediator1"))},
		readRow("GET", "/api/v1/cases/:id/commitments", "/api/v1/cases/%d/commitments"),
		matrixRow{Method: "POST", Route: "/api/v1/cases/:id/commitments", Path: casePath("/api/v1/cases/%d/commitments"),
			Body: func(*env) any { return map[string]any{"kind": "restore", "due_on": "2025-12-31"} }, Default: 403, Want: judgeOnly(201)},
		matrixRow{Method: "POST", Route: "/api/v1/commitments/:id/fulfil", Path: commitmentPath("/api/v1/commitments/%d/fulfil"),
			Body: func(*env) any { return map[string]any{"on": "2025-06-30"} }, Default: 403, Want: judgeOnly(200)},
		readRow("GET", "/api/v1/cases/:id/excluded-periods", "/api/v1/cases/%d/excluded-periods"),
		matrixRow{Method: "POST", Route: "/api/v1/cases/:id/excluded-periods", Path: casePath("/api/v1/cases/%d/excluded-periods"),
			Body: func(*env) any {
				return map[string]any{"reason": "appraisal", "start_on": "2025-06-02", "end_on": "2025-06-12"}
			},
			Default: 403, Want: judgeOnly(201)},
		readRow("GET", "/api/v1/cases/:id/extensions", "/api/v1/cases/%d/extensions"),
		matrixRow{Method: "POST", Route: "/api/v1/cases/:id/extensions", Path: casePath("/api/v1/cases/%d/extensions"),
			Body: func(*env) any {
				return map[string]any{"approved_on": "2025-06-30", "new_deadline_on": "2026-03-31", "approved_by": "清远市中级人民法院"}
			},
			Default: 403, Want: judgeOnly(201)},
		matrixRow{Method: "GET", Route: "/api/v1/case-types", Default: 200},
		matrixRow{Method: "POST", Route: "/api/v1/case-types",
			Body: func(*env) any {
				return map[string]any{"code": "行" + string(rune(0x4e00+caseSeq.Add(1))), "name": "新类型", "limit_days": 30}
			},
			Default: 403, Want: statuses(201, "admin", "admin2")},
		matrixRow{Method: "GET", Route: "/api/v1/holidays", Path: func(*env) string { return "/api/v1/holidays?year=2025" }, Default: 200},
		matrixRow{Method: "POST", Route: "/api/v1/holidays",
			Body:    func(*env) any { return map[string]any{"day": "2030-10-01", "kind": "holiday", "note": "国庆节"} },
			Default: 403, Want: statuses(200, "admin", "admin2")},
		matrixRow{Method: "DELETE", Route: "/api/v1/holidays/:day", Path: holidayPath("/api/v1/holidays/%s"),
			Default: 403, Want: merge(statuses(200, "admin"), statuses(404, "admin2"))},

		matrixRow{Method: "GET", Route: "/cases", Default: 200},
		matrixRow{Method: "GET", Route: "/cases/new", Default: 403, Want: statuses(200, "judge1", "judge2", "judge3")},
		matrixRow{Method: "POST", Route: "/cases", Default: 403, Want: statuses(400, "judge1", "judge2", "judge3")},
		readRow("GET", "/cases/:id", "/cases/%d"),
		matrixRow{Method: "POST", Route: "/cases/:id/edit", Path: casePath("/cases/%d/edit"), Default: 403, Want: judgeOnly(400)},
		matrixRow{Method: "POST", Route: "/cases/:id/assign", Path: casePath("/cases/%d/assign"), Default: 403,
			Want: merge(statuses(400, "leader", "judge1"), statuses(404, "judge3"))},
		matrixRow{Method: "POST", Route: "/cases/:id/suspend", Path: casePath("/cases/%d/suspend"), Default: 403, Want: judgeOnly(400)},
		matrixRow{Method: "POST", Route: "/cases/:id/resume", Path: suspendedCasePath("/cases/%d/resume"), Default: 403, Want: judgeOnly(400)},
		matrixRow{Method: "POST", Route: "/cases/:id/close", Path: casePath("/cases/%d/close"), Default: 403, Want: judgeOnly(400)},
		matrixRow{Method: "POST", Route: "/cases/:id/mediations", Path: casePath("/cases/%d/mediations"), Default: 403,
			Want: merge(judgeOnly(400), statuses(400, "mediator1"))},
		matrixRow{Method: "POST", Route: "/cases/:id/commitments", Path: casePath("/cases/%d/commitments"), Default: 403, Want: judgeOnly(400)},
		matrixRow{Method: "POST", Route: "/commitments/:id/fulfil", Path: commitmentPath("/commitments/%d/fulfil"), Default: 403, Want: judgeOnly(400)},
		matrixRow{Method: "POST", Route: "/cases/:id/excluded-periods", Path: casePath("/cases/%d/excluded-periods"), Default: 403, Want: judgeOnly(400)},
		matrixRow{Method: "POST", Route: "/cases/:id/extensions", Path: casePath("/cases/%d/extensions"), Default: 403, Want: judgeOnly(400)},
		matrixRow{Method: "GET", Route: "/admin/holidays", Default: 403, Want: statuses(200, "admin", "admin2")},
		matrixRow{Method: "POST", Route: "/admin/holidays", Default: 403, Want: statuses(400, "admin", "admin2")},
		matrixRow{Method: "POST", Route: "/admin/holidays/:day/delete", Path: holidayPath("/admin/holidays/%s/delete"),
			Default: 403, Want: merge(statuses(303, "admin"), statuses(404, "admin2"))},
		matrixRow{Method: "GET", Route: "/admin/case-types", Default: 403, Want: statuses(200, "admin", "admin2")},
		matrixRow{Method: "POST", Route: "/admin/case-types", Default: 403, Want: statuses(400, "admin", "admin2")},
	)
}
