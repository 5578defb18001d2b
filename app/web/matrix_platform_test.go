package web

import (
	"context"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// lockedUserPath returns a path builder for a fresh user of 粤1803 whose
// login is locked by MaxAccountFailures wrong passwords.
func lockedUserPath(format string) func(e *env) string {
	return func(e *env) string {
		ctx := context.Background()
		name, pw, role, full := apptest.Name("locked"), "long-enough-pw", "judge", "锁定用户"
		u, err := e.Store.CreateUser(ctx, e.Courts.Actor("admin"), app.UserInput{Username: &name, Password: &pw, Name: &full, Role: &role})
		if err != nil {
			e.t.Fatal(err)
		}
		for range app.MaxAccountFailures {
			e.Store.Login(ctx, name, "wrong-password", "") // no address: the address limit stays out of it
		}
		return idPath(format, u.ID)
	}
}

func init() {
	addRows(
		matrixRow{Method: "GET", Route: "/api/v1/me", Default: 200},
		// Everyone may change their own password; a wrong old one is refused.
		matrixRow{Method: "POST", Route: "/api/v1/me/password", Default: 400,
			Body: func(e *env) any {
				return map[string]any{"old_password": "not-my-password", "new_password": "another-pw-2026"}
			}},
		matrixRow{Method: "GET", Route: "/me/password", Default: 200},
		matrixRow{Method: "POST", Route: "/me/password", Default: 400},
		matrixRow{Method: "GET", Route: "/api/v1/users", Default: 403, Want: statuses(200, "admin", "admin2")},
		matrixRow{Method: "POST", Route: "/api/v1/users", Default: 403,
			Body: func(e *env) any {
				return map[string]any{"username": apptest.Name("u"), "password": "long-enough-pw", "name": "新用户", "role": "judge"}
			},
			Want: statuses(201, "admin", "admin2")},
		matrixRow{Method: "PATCH", Route: "/api/v1/users/:id", Default: 403,
			Path: func(e *env) string { return idPath("/api/v1/users/%d", e.Courts.Users["judge2"].ID) },
			Body: func(e *env) any { return map[string]any{"name": "刘法官"} },
			Want: merge(statuses(200, "admin"), statuses(404, "admin2"))},
		matrixRow{Method: "POST", Route: "/api/v1/users/:id/unlock", Default: 403, Path: lockedUserPath("/api/v1/users/%d/unlock"),
			Want: merge(statuses(200, "admin"), statuses(404, "admin2"))},
		matrixRow{Method: "GET", Route: "/api/v1/staff", Default: 200, Want: statuses(403, "mediator1", "liaison1")},
		matrixRow{Method: "GET", Route: "/api/v1/organs", Default: 200, Want: statuses(403, "mediator1")},
		matrixRow{Method: "GET", Route: "/api/v1/organs/:id", Default: 200,
			Path: func(e *env) string { return idPath("/api/v1/organs/%d", e.Courts.Organ.ID) },
			Want: merge(statuses(403, "mediator1"), statuses(404, "admin2", "judge3"))},
		matrixRow{Method: "POST", Route: "/api/v1/organs", Default: 403,
			Body: func(e *env) any {
				return map[string]any{"name": apptest.Name("机关"), "kind": "林业局", "region": "清新区"}
			},
			Want: statuses(201, "admin", "admin2")},
		matrixRow{Method: "GET", Route: "/api/v1/audit", Default: 403,
			Path: func(e *env) string { return idPath("/api/v1/audit?entity=organ&id=%d", e.Courts.Organ.ID) },
			Want: statuses(200, "admin", "leader", "admin2")},

		// The dashboard: a mediator starts on the case list, a liaison on the liaison desk.
		matrixRow{Method: "GET", Route: "/", Default: 200, Want: statuses(303, "mediator1", "liaison1")},
		matrixRow{Method: "GET", Route: "/admin/users", Default: 403, Want: statuses(200, "admin", "admin2")},
		matrixRow{Method: "POST", Route: "/admin/users", Default: 403, Want: statuses(400, "admin", "admin2")},
		matrixRow{Method: "POST", Route: "/admin/users/:id", Default: 403,
			Path: func(e *env) string { return idPath("/admin/users/%d", e.Courts.Users["judge2"].ID) },
			Want: merge(statuses(200, "admin"), statuses(404, "admin2"))},
		matrixRow{Method: "POST", Route: "/admin/users/:id/unlock", Default: 403, Path: lockedUserPath("/admin/users/%d/unlock"),
			Want: merge(statuses(200, "admin"), statuses(404, "admin2"))},
		matrixRow{Method: "GET", Route: "/organs", Default: 200, Want: statuses(403, "mediator1")},
		matrixRow{Method: "POST", Route: "/organs", Default: 403, Want: statuses(400, "admin", "admin2")},
	)
}
