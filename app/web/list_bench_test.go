package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/app/demo"
	"fuyuan/rbac"
)

// listBenchQuery is the k-th request of scripts/wrk-list.lua (two threads,
// judges 3 and 4, PAGES pages): every request a different combination of
// status, case type, judge and page.
func listBenchQuery(k, pages int) string {
	statuses := []string{"", "filed", "mediating", "suspended", "closed", "open"}
	types := []string{"", "行初", "行审", "行诉前调", "行赔初"}
	judges := []string{"", "3", "4"}
	combos := len(statuses) * len(types) * len(judges)
	c, r := k%combos, k/combos
	s := statuses[c%len(statuses)]
	t := types[(c/len(statuses))%len(types)]
	j := judges[(c/(len(statuses)*len(types)))%len(judges)]
	var page, size int
	if r%2 == 0 {
		h := r / 2
		page = h%10 + 1
		size = 10 + (h/10)%90
		if size >= 20 {
			size++
		}
	} else {
		h := (r - 1) / 2
		page = 11 + (h*7919+c*37)%(pages-10)
		size = 20
	}
	q := fmt.Sprintf("/api/v1/cases?page=%d&page_size=%d", page, size)
	if s != "" {
		q += "&status=" + s
	}
	if t != "" {
		q += "&case_type=" + t
	}
	if j != "" {
		q += "&judge_id=" + j
	}
	return q
}

// BenchmarkListCasesRequest is GET /api/v1/cases through the whole handler
// chain (session, authorisation, list, JSON), the page cache off, with the
// requests of scripts/wrk-list.lua on a generated register
// (FUYUAN_BENCH_CASES cases, default 20,000), in-process: its CPU profile is
// the server's under wrk without wrk on the same cores.
func BenchmarkListCasesRequest(b *testing.B) {
	n := apptest.BenchCases(b)
	for _, dialect := range []string{app.SQLite, app.MySQL} {
		b.Run(dialect, func(b *testing.B) {
			clock := app.NewFakeClock(apptest.DefaultNow)
			s := apptest.MustOpen(b, dialect, clock)
			ctx := context.Background()
			if err := demo.Generate(ctx, s, demo.GenOptions{Cases: n}); err != nil {
				b.Fatal(err)
			}
			authz, err := rbac.New(s.DB, apptest.Quiet())
			if err != nil {
				b.Fatal(err)
			}
			srv, err := NewServer(s, authz, apptest.Quiet(), Config{RequestTimeout: time.Minute, NoListCache: true})
			if err != nil {
				b.Fatal(err)
			}
			h := srv.Handler()
			login := httptest.NewRequest("POST", "/api/v1/login", strings.NewReader(`{"username":"leader","password":"`+demo.Password+`"}`))
			login.Header.Set("Content-Type", "application/json")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, login)
			var cookie *http.Cookie
			for _, c := range w.Result().Cookies() {
				if c.Name == sessionCookie {
					cookie = c
				}
			}
			if cookie == nil {
				b.Fatalf("login: %d %s", w.Code, w.Body)
			}
			pages := max(n/20/4, 20)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				req := httptest.NewRequest("GET", listBenchQuery(i, pages), nil)
				req.AddCookie(cookie)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatalf("%s: %d %s", req.URL, w.Code, w.Body)
				}
			}
		})
	}
}
