package web

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"fuyuan/app/apptest"
)

// The authorisation matrix: every route × every user of the two test courts,
// with the status each must get. A route without a row fails the test.
//
// Rows live beside the part they guard (matrix_platform_test.go,
// matrix_cases_test.go …) and register themselves with addRows.

// matrixUsers are the users every row is tried with.
var matrixUsers = []string{"admin", "leader", "judge1", "judge2", "mediator1", "liaison1", "admin2", "judge3"}

// matrixRow is one route tried by every user. Path and Body are called once
// per user, so they may create a fresh record for each try.
type matrixRow struct {
	Method, Route string // as registered in gin: "/api/v1/cases/:id"
	Name          string // what the row checks, when a route has several rows
	Path          func(f *env) string
	Body          func(f *env) any
	Want          map[string]int // username → status; users not listed get Default
	Default       int
}

var matrixRows []matrixRow

func addRows(rows ...matrixRow) { matrixRows = append(matrixRows, rows...) }

// statuses builds a Want map: statuses(200, "admin", "leader") etc.
func statuses(status int, users ...string) map[string]int {
	m := map[string]int{}
	for _, u := range users {
		m[u] = status
	}
	return m
}

// merge combines Want maps; later ones win.
func merge(ms ...map[string]int) map[string]int {
	out := map[string]int{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// unauthenticated routes are checked elsewhere (login, health, static files).
var matrixExempt = map[string]bool{
	"GET /healthz": true, "GET /readyz": true, "POST /api/v1/login": true, "POST /api/v1/logout": true,
	"GET /login": true, "POST /login": true, "POST /logout": true, "GET /favicon.ico": true,
	"GET /static/*filepath": true, "HEAD /static/*filepath": true,
}

func TestAuthorizationMatrix(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		covered := map[string]bool{}
		for _, row := range matrixRows {
			covered[row.Method+" "+row.Route] = true
		}
		var missing []string
		for _, r := range e.Server.Engine().Routes() {
			key := r.Method + " " + r.Path
			if !covered[key] && !matrixExempt[key] {
				missing = append(missing, key)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("routes without a row in the authorisation matrix:\n  %s", strings.Join(missing, "\n  "))
		}
		for _, row := range matrixRows {
			name := row.Method + " " + row.Route
			if row.Name != "" {
				name += " (" + row.Name + ")"
			}
			t.Run(name, func(t *testing.T) {
				for _, u := range matrixUsers {
					want, ok := row.Want[u]
					if !ok {
						want = row.Default
					}
					path := row.Route
					if row.Path != nil {
						path = row.Path(e)
					}
					var body any
					if row.Body != nil {
						body = row.Body(e)
					}
					res := e.as(u).do(row.Method, path, body)
					if res.Status != want {
						t.Errorf("%s %s as %s: got %d, want %d: %s", row.Method, path, u, res.Status, want, trim(res.Body))
					}
				}
				// Without a session every route is 401 (API) or a redirect to /login (pages).
				path := row.Route
				if row.Path != nil {
					path = row.Path(e)
				}
				res := e.anon().do(row.Method, path, nil)
				wantAnon := 401
				if !strings.HasPrefix(row.Route, "/api/") {
					wantAnon = 303
				}
				if res.Status != wantAnon {
					t.Errorf("%s %s without login: got %d, want %d", row.Method, path, res.Status, wantAnon)
				}
			})
		}
	})
}

func trim(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// idPath formats a path with one id.
func idPath(format string, id int64) string { return fmt.Sprintf(format, id) }
