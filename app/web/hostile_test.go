package web

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/rbac"
)

// Hostile input, accounts, headers and proxies: the hardening of issue 8,
// each kind of attack a test against the real server on both databases.

// logSink collects a server's structured (JSON) log lines.
type logSink struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logSink) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// entries returns the log lines with the message msg.
func (l *logSink) entries(t *testing.T, msg string) []map[string]any {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(l.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		if m["msg"] == msg {
			out = append(out, m)
		}
	}
	return out
}

// newEnvWith starts a server like newEnv, with its own configuration and a
// captured JSON log.
func newEnvWith(t *testing.T, s *app.Store, clock *app.FakeClock, cfg Config) (*env, *logSink) {
	t.Helper()
	courts := apptest.MustCourts(t, s)
	authz, err := rbac.New(s.DB, apptest.Quiet())
	if err != nil {
		t.Fatal(err)
	}
	sink := &logSink{}
	srv, err := NewServer(s, authz, slog.New(slog.NewJSONHandler(sink, nil)), cfg)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &env{t: t, Store: s, Clock: clock, Server: srv, HTTP: hs, Courts: courts, Authz: authz, users: map[string]*client{}}, sink
}

// cookie returns the Cookie header the client would send.
func (c *client) cookie() string {
	u, _ := url.Parse(c.base)
	var parts []string
	for _, ck := range c.http.Jar.Cookies(u) {
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	return strings.Join(parts, "; ")
}

// raw sends the request line and headers exactly as written (no client-side
// path cleaning) and reads the answer.
func raw(t *testing.T, base, method, target, cookie string) response {
	t.Helper()
	u, _ := url.Parse(base)
	conn, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	req := method + " " + target + " HTTP/1.1\r\nHost: " + u.Host + "\r\nConnection: close\r\n"
	if cookie != "" {
		req += "Cookie: " + cookie + "\r\n"
	}
	if _, err := io.WriteString(conn, req+"\r\n"); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{Status: res.StatusCode, Body: string(b), Header: res.Header}
}

// checkPathTricks checks that path tricks never reach a handler unauthorised.
func checkPathTricks(t *testing.T, e *env, logs *logSink) {
	s := e.Store
	who := map[string]string{"anonymous": "", "judge1": e.as("judge1").cookie(), "admin": e.as("admin").cookie()}

	// The canonical path: what each may see, so that the tricks below are measured against it.
	for name, want := range map[string]int{"anonymous": 401, "judge1": 403, "admin": 200} {
		if got := raw(t, e.HTTP.URL, "GET", "/api/v1/users", who[name]); got.Status != want {
			t.Fatalf("GET /api/v1/users as %s = %d, want %d", name, got.Status, want)
		}
	}
	tricks := []string{
		"//api/v1/users", "/api/v1/users/", "/API/v1/users", "/api/V1/users", "/api/v1/Users",
		"/api/v1/%2e%2e/v1/users", "/api/v1/./users", "/api/v1/users/.", "/api/v1/users/..",
		"/api/v1//users", "/api/v1/users;x=1", "/api/v1/users%00", "/api/v1/users%20",
		"/static/../api/v1/users", "/static/%2e%2e/api/v1/users", "/static/..%2fapi/v1/users",
		"/api/v1/users/../users", "/./api/v1/users", "/api/v1/users%2f",
	}
	for _, path := range tricks {
		for name, cookie := range who {
			res := raw(t, e.HTTP.URL, "GET", path, cookie)
			if res.Status != 400 && res.Status != 401 && res.Status != 403 && res.Status != 404 {
				t.Errorf("GET %s as %s = %d %.200s, want 400/401/403/404", path, name, res.Status, res.Body)
			}
			if strings.Contains(res.Body, "judge2") {
				t.Errorf("GET %s as %s leaked the user list: %.200s", path, name, res.Body)
			}
		}
	}
	// An escaped slash decodes to the real route, which then runs every guard of it.
	for name, want := range map[string]int{"anonymous": 401, "judge1": 403} {
		if got := raw(t, e.HTTP.URL, "GET", "/api/v1%2fusers", who[name]); got.Status != want && got.Status != 404 {
			t.Errorf("GET /api/v1%%2fusers as %s = %d, want %d or 404", name, got.Status, want)
		}
	}
	// Static files never lead out of the embedded folder.
	for _, path := range []string{
		"/static/%2e%2e/%2e%2e/etc/passwd", "/static/../../etc/passwd", "/static/..%2f..%2fetc%2fpasswd",
		"/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/../app/web/server.go", "/static/../templates/layout.html",
	} {
		for name, cookie := range who {
			res := raw(t, e.HTTP.URL, "GET", path, cookie)
			if res.Status == 200 || strings.Contains(res.Body, "root:") || strings.Contains(res.Body, "package web") || strings.Contains(res.Body, "{{") {
				t.Errorf("GET %s as %s = %d %.100q: a file outside static/ was served", path, name, res.Status, res.Body)
			}
		}
	}
	// A method override header does not turn a read into a write.
	before := countRows(t, s, "users")
	res := e.as("judge1").do("GET", "/api/v1/users", nil, "X-HTTP-Method-Override", "POST", "X-Method-Override", "POST")
	if res.Status != 403 || countRows(t, s, "users") != before {
		t.Errorf("method override: %d, users %d → %d", res.Status, before, countRows(t, s, "users"))
	}
}

// forTest is e for one subtest: the same server and database, and clients
// of its own (so that a failing request fails the subtest).
func (e *env) forTest(t *testing.T) *env {
	sub := *e
	sub.t = t
	sub.users = map[string]*client{}
	return &sub
}

// rule is one hardening rule checked against a shared server.
type rule struct {
	name  string
	check func(t *testing.T, e *env, logs *logSink)
}

// checkRules runs each rule as a subtest, in order, on one server per
// database with the test courts and a captured log.
func checkRules(t *testing.T, rules []rule) {
	apptest.ForEachDB(t, func(t *testing.T, s *app.Store, clock *app.FakeClock) {
		e, logs := newEnvWith(t, s, clock, Config{})
		for _, r := range rules {
			t.Run(r.name, func(t *testing.T) { r.check(t, e.forTest(t), logs) })
		}
	})
}

// TestHostileInputIsRefused: path tricks, injection-shaped parameters,
// malformed and oversized bodies, bombs and cross-site writes never get
// through, and every answer carries the security headers.
func TestHostileInputIsRefused(t *testing.T) {
	checkRules(t, []rule{
		{"path tricks never reach a handler unauthorised", checkPathTricks},
		{"injection-shaped parameters never change a query", checkInjectionShapedParameters},
		{"case-list parameters never change a query", checkCaseListParameters},
		{"malformed and oversized JSON is refused", checkMalformedAndOversizedJSON},
		{"uploads over the cap are refused fast while serving", checkUploadsOverTheCap},
		{"imports refuse bombs and non-workbooks fast", checkImportRefusesBombs},
		{"cross-site writes are refused and logged", checkCrossSiteWrites},
		{"security headers on every answer", checkSecurityHeaders},
	})
}

// TestAccountsHoldAgainstTheirUsers: every authentication attempt and
// authorisation failure is logged, weak passwords are refused, concurrent
// guesses stop at the limit, nobody raises their own role or reaches another
// court, and the client address is believed only from a trusted proxy. The
// order matters: the last rules change roles and exhaust the address's limit.
func TestAccountsHoldAgainstTheirUsers(t *testing.T) {
	checkRules(t, []rule{
		{"authentication and authorisation failures are logged", checkFailuresAreLogged},
		{"weak passwords are refused", checkWeakPasswords},
		{"concurrent password guesses stop at the limit", checkConcurrentPasswordGuesses},
		{"users cannot raise their own role or touch another court", checkUsersCannotRaiseTheirRole},
		{"the client address comes from X-Forwarded-For only behind a trusted proxy", checkClientAddress},
	})
}

// countRows counts the rows of table (a fixed name from the test, never input).
func countRows(t *testing.T, s *app.Store, table string) int64 {
	t.Helper()
	var n int64
	if err := s.DB.Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// checkInjectionShapedParameters checks that injection-shaped parameters never change a query.
func checkInjectionShapedParameters(t *testing.T, e *env, logs *logSink) {
	s := e.Store
	admin := e.as("admin")
	users, organs := countRows(t, s, "users"), countRows(t, s, "organs")
	cases := []struct {
		path   string
		status int    // 200 or 400 (or 404 for ids in the path)
		field  string // the field a 400 names
	}{
		{"/api/v1/users?page=1%20OR%201=1", 400, "page"},
		{"/api/v1/users?page_size=1000", 400, "page_size"},
		{"/api/v1/users?page=0", 400, "page"},
		{"/api/v1/users?page=-1", 400, "page"},
		{"/api/v1/users?page=99999999999999999999", 400, "page"},
		{"/api/v1/users?page_size=0x10", 400, "page_size"},
		{"/api/v1/users?role=judge'%20OR%20'1'='1", 400, "role"},
		{"/api/v1/users?role=judge%22%20OR%201=1%20--", 400, "role"},
		{"/api/v1/staff?role=admin'--", 400, "role"},
		{"/api/v1/audit?entity=organ&id=1%20OR%201=1", 400, ""},
		{"/api/v1/audit?entity=organ'%20OR%201=1--&id=1", 400, ""},
	}
	for _, c := range cases {
		res := admin.do("GET", c.path, nil)
		if res.Status != c.status {
			t.Errorf("GET %s = %d %.200s, want %d", c.path, res.Status, res.Body, c.status)
			continue
		}
		if c.field != "" {
			var body struct {
				Error struct{ Fields map[string]string }
			}
			res.JSON(t, &body)
			if body.Error.Fields[c.field] == "" {
				t.Errorf("GET %s: the 400 does not name %s: %s", c.path, c.field, res.Body)
			}
		}
	}
	// A raw ";" ends no statement: Go drops the malformed pair, and the list is the plain one.
	plain := admin.do("GET", "/api/v1/users", nil)
	for _, p := range []string{"/api/v1/users?page=1;DROP%20TABLE%20users", "/api/v1/users?page_size=100;DROP%20TABLE%20users", "/api/v1/users?role=judge;DELETE%20FROM%20users"} {
		if res := admin.do("GET", p, nil); res.Status != 400 && (res.Status != 200 || res.Body != plain.Body) {
			t.Errorf("GET %s = %d %.200s, want 400 or the plain list", p, res.Status, res.Body)
		}
	}
	// Search terms are data, never SQL or wildcards: each finds nothing.
	for _, q := range []string{"' OR 1=1 --", "%", "_", "林业局' OR '1'='1", "\\", "'; DROP TABLE organs; --", "!%"} {
		for _, param := range []string{"q", "kind"} {
			path := "/api/v1/organs?" + param + "=" + url.QueryEscape(q)
			res := admin.do("GET", path, nil)
			var list struct{ Total int64 }
			if res.Status != 200 {
				t.Errorf("GET %s = %d, want 200", path, res.Status)
				continue
			}
			res.JSON(t, &list)
			if list.Total != 0 {
				t.Errorf("GET %s found %d organs: the term changed the query", path, list.Total)
			}
		}
	}
	// The control: a real term finds the organ.
	var found struct{ Total int64 }
	admin.do("GET", "/api/v1/organs?q="+url.QueryEscape("林业局"), nil).JSON(t, &found)
	if found.Total != 1 {
		t.Errorf("search for 林业局 found %d organs, want 1", found.Total)
	}
	// Ids in the path are numbers or nothing.
	for _, p := range []string{"/api/v1/organs/1%20OR%201=1", "/api/v1/organs/1;DROP%20TABLE%20organs", "/api/v1/organs/0x1", "/api/v1/organs/-1", "/api/v1/organs/1e3", "/api/v1/organs/99999999999999999999"} {
		if res := admin.do("GET", p, nil); res.Status != 404 {
			t.Errorf("GET %s = %d, want 404", p, res.Status)
		}
	}
	for _, p := range []string{"/api/v1/users/1%20OR%201=1", "/api/v1/users/1;DROP%20TABLE%20users"} {
		if res := admin.do("PATCH", p, map[string]any{"name": "x"}); res.Status != 404 {
			t.Errorf("PATCH %s = %d, want 404", p, res.Status)
		}
	}
	// Values that look like SQL are stored as they are.
	name := "x'); DROP TABLE organs; --"
	res := admin.do("POST", "/api/v1/organs", map[string]any{"name": name, "kind": "林业局", "region": "清新区"})
	if res.Status != 201 {
		t.Fatalf("create organ: %d %s", res.Status, res.Body)
	}
	var o struct{ Name string }
	admin.do("GET", fmt.Sprintf("/api/v1/organs/%d", res.id(t)), nil).JSON(t, &o)
	if o.Name != name {
		t.Errorf("organ name %q came back as %q", name, o.Name)
	}
	if got := countRows(t, s, "users"); got != users {
		t.Errorf("users: %d rows, was %d", got, users)
	}
	if got := countRows(t, s, "organs"); got != organs+1 {
		t.Errorf("organs: %d rows, want %d", got, organs+1)
	}
}

// checkMalformedAndOversizedJSON checks that malformed and oversized JSON is refused.
func checkMalformedAndOversizedJSON(t *testing.T, e *env, logs *logSink) {
	s := e.Store
	admin := e.as("admin")
	organs := countRows(t, s, "organs")
	bodies := []struct {
		name   string
		body   string
		status int
	}{
		{"empty", "", 400},
		{"unterminated", `{"name": "林业局"`, 400},
		{"array", `[]`, 400},
		{"string", `"name"`, 400},
		{"number for a string", `{"name": 5, "kind": "林业局"}`, 400},
		{"object for a string", `{"name": {"$gt": ""}, "kind": "林业局"}`, 400},
		{"two objects", `{"name": "a", "kind": "林业局"}{"name": "b"}`, 400},
		{"trailing garbage", `{"name": "a", "kind": "林业局"} x`, 400},
		{"null", `null`, 400},
		{"deep nesting", strings.Repeat("[", 100000) + strings.Repeat("]", 100000), 400},
		{"huge number", `{"name": "a", "kind": 1` + strings.Repeat("0", 5000) + `}`, 400},
		{"control characters", "{\"name\": \"a\x00b\", \"kind\": \"林业局\"}", 400},
		{"over 1 MiB", `{"name": "` + strings.Repeat("a", 2<<20) + `", "kind": "林业局"}`, 413},
	}
	for _, b := range bodies {
		res := admin.do("POST", "/api/v1/organs", b.body)
		if res.Status != b.status {
			t.Errorf("%s: %d %.200s, want %d", b.name, res.Status, res.Body, b.status)
			continue
		}
		var body struct {
			Error struct{ Code, Message string }
		}
		res.JSON(t, &body)
		if body.Error.Code == "" || body.Error.Message == "" {
			t.Errorf("%s: not the error shape of api.md: %.200s", b.name, res.Body)
		}
	}
	// Bytes that are not UTF-8 are never a 500.
	res := admin.do("POST", "/api/v1/organs", []byte("{\"name\": \"\xff\xfe机关\", \"kind\": \"林业局\", \"region\": \"清新区\"}"))
	if res.Status != 201 && res.Status != 400 {
		t.Errorf("invalid UTF-8: %d %s", res.Status, res.Body)
	}
	if res.Status == 201 {
		organs++
	}
	if got := countRows(t, s, "organs"); got != organs {
		t.Errorf("organs: %d rows, want %d", got, organs)
	}
	// The same for login, before anyone is logged in.
	for _, b := range []string{"", "{", `{"username": ["admin"], "password": "x"}`, `{"username": "admin", "password": "` + strings.Repeat("p", 2<<20) + `"}`} {
		if res := e.anon().do("POST", "/api/v1/login", b); res.Status != 400 && res.Status != 413 {
			t.Errorf("login with %.40q: %d, want 400 or 413", b, res.Status)
		}
	}
}

// bigBody is a request body of n bytes: the start of a JSON object whose
// string never ends, so that a reader must take it all to find out; it
// counts what was read.
type bigBody struct {
	left int64
	read atomic.Int64 // read by the test while the transport sends
}

func (z *bigBody) Read(p []byte) (int, error) {
	if z.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > z.left {
		p = p[:z.left]
	}
	for i := range p {
		p[i] = 'a'
	}
	if z.read.Load() == 0 {
		copy(p, `{"name":"`)
	}
	z.left -= int64(len(p))
	z.read.Add(int64(len(p)))
	return len(p), nil
}

// checkUploadsOverTheCap checks that uploads over the cap are refused fast while serving.
func checkUploadsOverTheCap(t *testing.T, e *env, logs *logSink) {
	admin, judge := e.as("admin"), e.as("judge1")

	// Others keep being served while the big bodies come in.
	stop := make(chan struct{})
	var served, failed int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		hc := &http.Client{Timeout: 5 * time.Second}
		for i := 0; i < 2000; i++ {
			select {
			case <-stop:
				return
			default:
			}
			req, _ := http.NewRequest("GET", e.HTTP.URL+"/api/v1/me", nil)
			req.Header.Set("Cookie", judge.cookie())
			res, err := hc.Do(req)
			if err != nil || res.StatusCode != 200 {
				failed++
			} else {
				served++
			}
			if res != nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()

	upload := func(path string, size int64, chunked bool) (int, time.Duration, int64) {
		body := &bigBody{left: size}
		req, _ := http.NewRequest("POST", e.HTTP.URL+path, body)
		if !chunked {
			req.ContentLength = size
		}
		req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		req.Header.Set("Cookie", admin.cookie())
		start := time.Now()
		res, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
		if err != nil {
			t.Fatalf("POST %s (%d bytes): %v", path, size, err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode, time.Since(start), body.read.Load()
	}
	const big = 40 << 20
	// With a declared length over the cap, nothing of the body is needed to refuse it.
	for _, path := range []string{"/api/v1/imports/cases", "/api/v1/organs", "/api/v1/users"} {
		status, took, _ := upload(path, big, false)
		if status != 413 || took > 5*time.Second {
			t.Errorf("POST %s with 40 MiB: %d after %s, want 413 within 5 s", path, status, took)
		}
	}
	// Without a declared length, reading stops at the cap.
	status, took, read := upload("/api/v1/organs", big, true)
	if status != 413 || took > 5*time.Second || read >= big {
		t.Errorf("chunked 40 MiB to /api/v1/organs: %d after %s having sent %d bytes, want 413 within 5 s", status, took, read)
	}
	close(stop)
	wg.Wait()
	if served == 0 || failed > 0 {
		t.Errorf("during the uploads %d requests were served and %d failed", served, failed)
	}
	if res := judge.do("GET", "/api/v1/me", nil); res.Status != 200 {
		t.Errorf("after the uploads: %d", res.Status)
	}
}

// checkUsersCannotRaiseTheirRole checks that users cannot raise their own role or touch another court.
func checkUsersCannotRaiseTheirRole(t *testing.T, e *env, logs *logSink) {
	s := e.Store
	u := e.Courts.Users
	roleOf := func(name string) (string, string) {
		var got app.User
		if err := s.DB.Where("id = ?", u[name].ID).Take(&got).Error; err != nil {
			t.Fatal(err)
		}
		return got.Role, got.CourtCode
	}
	// Nobody but an admin changes a user; nobody changes their own role.
	for _, name := range []string{"judge1", "leader", "mediator1", "liaison1"} {
		c := e.as(name)
		id := u[name].ID
		if res := c.do("PATCH", fmt.Sprintf("/api/v1/users/%d", id), map[string]any{"role": "admin"}); res.Status != 403 {
			t.Errorf("%s raising own role: %d, want 403", name, res.Status)
		}
		if res := c.form(fmt.Sprintf("/admin/users/%d", id), map[string]string{"name": "x", "role": "admin"}); res.Status != 403 {
			t.Errorf("%s raising own role by the form: %d, want 403", name, res.Status)
		}
		if res := c.do("POST", "/api/v1/users", map[string]any{"username": apptest.Name("x"), "password": "long-enough-pw", "name": "x", "role": "admin"}); res.Status != 403 {
			t.Errorf("%s creating an admin: %d, want 403", name, res.Status)
		}
		if role, _ := roleOf(name); role != u[name].Role {
			t.Errorf("%s is now %s", name, role)
		}
	}
	admin := e.as("admin")
	if res := admin.do("PATCH", fmt.Sprintf("/api/v1/users/%d", u["admin"].ID), map[string]any{"role": "judge"}); res.Status != 400 {
		t.Errorf("admin changing own role: %d, want 400", res.Status)
	}
	if res := admin.do("PATCH", fmt.Sprintf("/api/v1/users/%d", u["admin"].ID), map[string]any{"disabled": true}); res.Status != 400 {
		t.Errorf("admin disabling own account: %d, want 400", res.Status)
	}
	// Another court's users are not there.
	for _, body := range []map[string]any{{"role": "admin"}, {"password": "new-password-1"}, {"disabled": true}} {
		if res := admin.do("PATCH", fmt.Sprintf("/api/v1/users/%d", u["judge3"].ID), body); res.Status != 404 {
			t.Errorf("admin changing judge3 of 粤1881 with %v: %d, want 404", body, res.Status)
		}
	}
	var list struct {
		Items []app.User
	}
	admin.do("GET", "/api/v1/users?page_size=100", nil).JSON(t, &list)
	for _, x := range list.Items {
		if x.CourtCode != "粤1803" {
			t.Errorf("admin of 粤1803 sees %s of %s", x.Username, x.CourtCode)
		}
	}
	// A court in the body is ignored: users are created and stay in the admin's court.
	res := admin.do("POST", "/api/v1/users", map[string]any{"username": apptest.Name("clerk"), "password": "long-enough-pw", "name": "书记员", "role": "judge", "court_code": "粤1881"})
	if res.Status != 201 {
		t.Fatalf("create: %d %s", res.Status, res.Body)
	}
	var created app.User
	res.JSON(t, &created)
	if created.CourtCode != "粤1803" {
		t.Errorf("user created in %s", created.CourtCode)
	}
	admin.do("PATCH", fmt.Sprintf("/api/v1/users/%d", u["judge2"].ID), map[string]any{"court_code": "粤1881", "name": "刘法官"})
	if _, court := roleOf("judge2"); court != "粤1803" {
		t.Errorf("judge2 moved to %s", court)
	}
	// A role changed by the admin ends the user's sessions at once.
	judge1 := e.as("judge1")
	if res := admin.do("PATCH", fmt.Sprintf("/api/v1/users/%d", u["judge1"].ID), map[string]any{"role": "mediator"}); res.Status != 200 {
		t.Fatalf("demote judge1: %d %s", res.Status, res.Body)
	}
	if res := judge1.do("GET", "/api/v1/me", nil); res.Status != 401 {
		t.Errorf("judge1's session after the role change: %d, want 401", res.Status)
	}
}

// checkWeakPasswords checks that weak passwords are refused.
func checkWeakPasswords(t *testing.T, e *env, logs *logSink) {
	admin := e.as("admin")
	for _, c := range []struct{ username, password string }{
		{"shortpw", "short-pw1"},           // 9 characters
		{"longusername1", "longusername1"}, // equal to the username
		{"longusername2", "LongUserName2"}, // the username in other letters
		{"cjkpw", "密码密码密码密码密"},             // 9 characters, 27 bytes
		{"emptypw", ""},
	} {
		res := admin.do("POST", "/api/v1/users", map[string]any{"username": c.username, "password": c.password, "name": "x", "role": "judge"})
		if res.Status != 400 || !strings.Contains(res.Body, `"password"`) {
			t.Errorf("create %s with %q: %d %s, want 400 naming password", c.username, c.password, res.Status, res.Body)
		}
	}
	id := e.Courts.Users["judge2"].ID
	for _, pw := range []string{"123456789", "judge2", "JUDGE2", strings.Repeat("a", 73)} {
		res := admin.do("PATCH", fmt.Sprintf("/api/v1/users/%d", id), map[string]any{"password": pw})
		if res.Status != 400 || !strings.Contains(res.Body, `"password"`) {
			t.Errorf("set judge2's password to %q: %d, want 400 naming password", pw, res.Status)
		}
	}
	// Ten characters are enough, and the old password then stops working.
	if res := admin.do("PATCH", fmt.Sprintf("/api/v1/users/%d", id), map[string]any{"password": "0123456789"}); res.Status != 200 {
		t.Fatalf("ten characters: %d %s", res.Status, res.Body)
	}
	if res := e.anon().do("POST", "/api/v1/login", map[string]string{"username": "judge2", "password": apptest.Password}); res.Status != 401 {
		t.Errorf("old password: %d, want 401", res.Status)
	}
	if res := e.anon().do("POST", "/api/v1/login", map[string]string{"username": "judge2", "password": "0123456789"}); res.Status != 200 {
		t.Errorf("new password: %d, want 200", res.Status)
	}
}

// checkConcurrentPasswordGuesses checks that concurrent password guesses stop at the limit.
func checkConcurrentPasswordGuesses(t *testing.T, e *env, logs *logSink) {
	clock := e.Clock
	const n = 20
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body, _ := json.Marshal(map[string]string{"username": "liaison1", "password": fmt.Sprintf("guess-%02d-wrong", i)})
			res, err := http.Post(e.HTTP.URL+"/api/v1/login", "application/json", bytes.NewReader(body))
			if err != nil {
				return
			}
			statuses[i] = res.StatusCode
			res.Body.Close()
		}()
	}
	wg.Wait()
	var wrong, refused int
	for _, st := range statuses {
		switch st {
		case 401:
			wrong++
		case 429:
			refused++
		default:
			t.Errorf("a guess got %d", st)
		}
	}
	// Every guess that reached the password check counts; no more than the limit ever do.
	if wrong > app.MaxAccountFailures || wrong == 0 || wrong+refused != n {
		t.Errorf("%d concurrent guesses: %d checked, %d refused; at most %d may be checked", n, wrong, refused, app.MaxAccountFailures)
	}
	// Guesses refused while others were in flight were not counted: the
	// account locks once MaxAccountFailures guesses have been checked.
	guess := func() int {
		return e.anon().do("POST", "/api/v1/login", map[string]string{"username": "liaison1", "password": "one-more-wrong"}).Status
	}
	for i := wrong; i < app.MaxAccountFailures; i++ {
		if st := guess(); st != 401 {
			t.Fatalf("guess %d after the burst: %d, want 401", i+1, st)
		}
	}
	if st := guess(); st != 429 {
		t.Errorf("guess %d: %d, want 429", app.MaxAccountFailures+1, st)
	}
	if res := e.anon().do("POST", "/api/v1/login", map[string]string{"username": "liaison1", "password": apptest.Password}); res.Status != 429 {
		t.Errorf("the right password during the lock: %d, want 429", res.Status)
	}
	// The lock ends LoginWindow after the failures, not later.
	clock.Advance(app.LoginWindow + time.Second)
	if res := e.anon().do("POST", "/api/v1/login", map[string]string{"username": "liaison1", "password": apptest.Password}); res.Status != 200 {
		t.Errorf("after the window: %d, want 200", res.Status)
	}
}

// checkFailuresAreLogged checks that authentication and authorisation failures are logged.
func checkFailuresAreLogged(t *testing.T, e *env, logs *logSink) {
	// want checks that a line with msg exists with these fields and a request id.
	want := func(msg string, fields map[string]string, requestID string) {
		t.Helper()
		for _, m := range logs.entries(t, msg) {
			ok := m["request_id"] != nil && m["request_id"] != ""
			if requestID != "" && m["request_id"] != requestID {
				ok = false
			}
			for k, v := range fields {
				if fmt.Sprint(m[k]) != v {
					ok = false
				}
			}
			if ok {
				return
			}
		}
		t.Errorf("no %q log line with %v (request %s) in:\n%v", msg, fields, requestID, logs.entries(t, msg))
	}
	e.as("admin")
	want("login", map[string]string{"user": "admin", "court": "粤1803", "route": "/api/v1/login", "role": "admin"}, "")
	res := e.anon().do("POST", "/api/v1/login", map[string]string{"username": "judge1", "password": "wrong-password"})
	want("login failed", map[string]string{"user": "judge1", "court": "粤1803", "route": "/api/v1/login", "code": "unauthorized"}, res.Header.Get("X-Request-Id"))
	res = e.anon().do("POST", "/api/v1/login", map[string]string{"username": "nobody", "password": "wrong-password"})
	want("login failed", map[string]string{"user": "nobody", "court": "", "route": "/api/v1/login"}, res.Header.Get("X-Request-Id"))
	res = e.anon().form("/login", map[string]string{"username": "judge2", "password": "wrong-password"})
	want("login failed", map[string]string{"user": "judge2", "court": "粤1803", "route": "/login"}, res.Header.Get("X-Request-Id"))

	res = e.as("judge1").do("GET", "/api/v1/users", nil)
	want("access refused", map[string]string{"user": "judge1", "court": "粤1803", "route": "/api/v1/users", "code": "forbidden"}, res.Header.Get("X-Request-Id"))
	res = e.as("admin2").do("GET", fmt.Sprintf("/api/v1/organs/%d", e.Courts.Organ.ID), nil)
	want("access refused", map[string]string{"user": "admin2", "court": "粤1881", "route": "/api/v1/organs/:id", "code": "not_found"}, res.Header.Get("X-Request-Id"))
	res = e.as("mediator1").do("GET", "/admin/users", nil)
	want("access refused", map[string]string{"user": "mediator1", "court": "粤1803", "route": "/admin/users", "code": "forbidden"}, res.Header.Get("X-Request-Id"))
	res = e.anon().do("GET", "/api/v1/users", nil)
	want("authentication required", map[string]string{"route": "/api/v1/users"}, res.Header.Get("X-Request-Id"))
	res = e.anon().do("GET", "/api/v1/me", nil, "Cookie", sessionCookie+"=forged-token")
	want("session refused", map[string]string{"route": "/api/v1/me", "reason": "unauthorized"}, res.Header.Get("X-Request-Id"))
	// Every request line carries the user and court too.
	want("request", map[string]string{"user": "judge1", "court": "粤1803", "route": "/api/v1/users", "status": "403"}, "")
}

// checkSecurityHeaders checks the security headers of every answer and that pages carry no inline script.
func checkSecurityHeaders(t *testing.T, e *env, logs *logSink) {
	check := func(who string, c *client, path string) response {
		t.Helper()
		res := c.do("GET", path, nil)
		h := res.Header
		csp := h.Get("Content-Security-Policy")
		for _, part := range []string{"default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"} {
			if !strings.Contains(csp, part) {
				t.Errorf("GET %s as %s: CSP %q lacks %q", path, who, csp, part)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "*") {
			t.Errorf("GET %s as %s: CSP %q allows inline or any source", path, who, csp)
		}
		for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"} {
			if h.Get(k) != v {
				t.Errorf("GET %s as %s: %s = %q, want %q", path, who, k, h.Get(k), v)
			}
		}
		return res
	}
	for _, path := range []string{"/login", "/healthz", "/readyz", "/api/v1/me", "/no-such-page", "/api/v1/no-such-route", "/static/app.css", "/static/app.js"} {
		check("anonymous", e.anon(), path)
	}
	// Pages carry no inline script: every <script> has a src, and no element has an on… handler.
	inline := regexp.MustCompile(`(?is)<script\b[^>]*>`)
	handler := regexp.MustCompile(`(?i)<[^>]+\son[a-z]+\s*=`)
	pages := map[string][]string{"anonymous": {"/login"}, "admin": {"/", "/admin/users", "/organs"}}
	for _, name := range []string{"leader", "judge1"} {
		pages[name] = []string{"/"}
	}
	// "/" sends a mediator to the case list and a liaison to the liaison desk.
	pages["mediator1"] = []string{"/cases"}
	pages["liaison1"] = []string{"/liaison"}
	for who, paths := range pages {
		c := e.anon()
		if who != "anonymous" {
			c = e.as(who)
		}
		for _, path := range paths {
			res := check(who, c, path)
			if res.Status != 200 {
				t.Errorf("GET %s as %s: %d", path, who, res.Status)
			}
			for _, tag := range inline.FindAllString(res.Body, -1) {
				if !strings.Contains(tag, "src=") {
					t.Errorf("GET %s as %s: inline script %q", path, who, tag)
				}
			}
			if m := handler.FindString(res.Body); m != "" {
				t.Errorf("GET %s as %s: inline event handler %q", path, who, m)
			}
		}
	}
	// Court records are not cached; static files may be.
	for _, path := range []string{"/api/v1/me", "/", "/admin/users"} {
		if cc := e.as("admin").do("GET", path, nil).Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("GET %s: Cache-Control %q, want no-store", path, cc)
		}
	}
	if cc := e.anon().do("GET", "/static/app.css", nil).Header.Get("Cache-Control"); cc == "no-store" {
		t.Errorf("static files: Cache-Control %q", cc)
	}
	// The session cookie is HttpOnly and SameSite=Lax.
	res := e.anon().do("POST", "/api/v1/login", map[string]string{"username": "judge1", "password": apptest.Password})
	ck := res.Header.Get("Set-Cookie")
	if !strings.Contains(ck, "HttpOnly") || !strings.Contains(ck, "SameSite=Lax") || !strings.Contains(ck, "Path=/") {
		t.Errorf("session cookie %q", ck)
	}
}

// checkClientAddress checks that the client address comes from X-Forwarded-For only behind a trusted proxy.
func checkClientAddress(t *testing.T, e *env, logs *logSink) {
	s, clock := e.Store, e.Clock
	for _, c := range []struct {
		name    string
		proxies []string
		ip      string // the client address fuyuan must record
		secure  bool   // the cookie's Secure flag
		keepID  bool   // the proxy's request id is kept
	}{
		{"no proxy configured", nil, "127.0.0.1", false, false},
		{"another proxy configured", []string{"10.0.0.1", "192.168.0.0/16"}, "127.0.0.1", false, false},
		{"the peer is the proxy", []string{"127.0.0.1"}, "203.0.113.9", true, true},
		{"the peer is in the proxies' range", []string{"127.0.0.0/8"}, "203.0.113.9", true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			// A server with this configuration on the same database.
			logs := &logSink{}
			srv, err := NewServer(s, e.Authz, slog.New(slog.NewJSONHandler(logs, nil)), Config{TrustedProxies: c.proxies})
			if err != nil {
				t.Fatal(err)
			}
			hs := httptest.NewServer(srv.Handler())
			defer hs.Close()
			behind := &env{t: t, Store: s, HTTP: hs, Courts: e.Courts, users: map[string]*client{}}
			res := behind.anon().do("POST", "/api/v1/login", map[string]string{"username": "judge1", "password": apptest.Password},
				"X-Forwarded-For", "198.51.100.7, 203.0.113.9", "X-Forwarded-Proto", "https", "X-Request-Id", "nginx-0123456789abcdef")
			if res.Status != 200 {
				t.Fatalf("login: %d %s", res.Status, res.Body)
			}
			var ip string
			if err := s.DB.Table("login_attempts").Select("client_ip").Order("id DESC").Limit(1).Scan(&ip).Error; err != nil {
				t.Fatal(err)
			}
			if ip != c.ip {
				t.Errorf("login recorded client %s, want %s", ip, c.ip)
			}
			if got := strings.Contains(res.Header.Get("Set-Cookie"), "Secure"); got != c.secure {
				t.Errorf("cookie %q: Secure = %v, want %v", res.Header.Get("Set-Cookie"), got, c.secure)
			}
			if got := res.Header.Get("X-Request-Id") == "nginx-0123456789abcdef"; got != c.keepID {
				t.Errorf("request id %q: kept = %v, want %v", res.Header.Get("X-Request-Id"), got, c.keepID)
			}
			lines := logs.entries(t, "login")
			if len(lines) != 1 || lines[0]["ip"] != c.ip {
				t.Errorf("login log lines %v, want ip %s", lines, c.ip)
			}
		})
	}
	// From an untrusted peer, made-up X-Forwarded-For values do not escape the
	// per-address limit (counted afresh: earlier failures are out of the window).
	clock.Advance(app.LoginWindow + time.Second)
	for i := range app.MaxClientFailures {
		res := e.anon().do("POST", "/api/v1/login", map[string]string{"username": fmt.Sprintf("nobody%d", i), "password": "wrong-password"},
			"X-Forwarded-For", fmt.Sprintf("198.51.100.%d", i))
		if res.Status != 401 {
			t.Fatalf("guess %d: %d", i, res.Status)
		}
	}
	// (judge1 has logged in from this address, so the limit spares its right
	// password; a guess at an account not known here is refused.)
	res := e.anon().do("POST", "/api/v1/login", map[string]string{"username": "nobody-else", "password": "wrong-password"}, "X-Forwarded-For", "198.51.100.250")
	if res.Status != 429 {
		t.Errorf("after %d failures from one address with changing X-Forwarded-For: %d, want 429", app.MaxClientFailures, res.Status)
	}
}

func TestOnlyReportsExportsAndImportsGetTheLongDeadline(t *testing.T) {
	for path, long := range map[string]bool{
		"/api/v1/reports/monthly.xlsx": true, "/api/v1/reports/cases.xlsx": true, "/api/v1/reports/archive": true,
		"/api/v1/imports/cases": true, "/api/v1/imports/cases/template.xlsx": true, "/reports/import": true,
		"/api/v1/cases": false, "/api/v1/users": false, "/api/v1/me": false, "/readyz": false, "/reports": false,
		"/api/v1/reportsx": false, "/api/v1/cases/1/reports/x": false, "/login": false,
	} {
		if got := isLongRequest(path); got != long {
			t.Errorf("isLongRequest(%q) = %v, want %v", path, got, long)
		}
	}
}

// checkCrossSiteWrites checks that cross-site writes are refused and logged.
func checkCrossSiteWrites(t *testing.T, e *env, logs *logSink) {
	s := e.Store
	admin := e.as("admin")
	organs := countRows(t, s, "organs")
	logged := len(logs.entries(t, "cross-origin request refused"))
	body := map[string]any{"name": apptest.Name("跨站机关"), "kind": "林业局", "region": "清新区"}
	for _, h := range [][]string{
		{"Sec-Fetch-Site", "cross-site"},
		{"Origin", "https://evil.example"},
		{"Origin", "null"},
	} {
		if res := admin.do("POST", "/api/v1/organs", body, h...); res.Status != 403 {
			t.Errorf("POST with %s: %s: %d, want 403", h[0], h[1], res.Status)
		}
	}
	if got := countRows(t, s, "organs"); got != organs {
		t.Errorf("organs: %d rows after cross-site writes, was %d", got, organs)
	}
	if n := len(logs.entries(t, "cross-origin request refused")) - logged; n != 3 {
		t.Errorf("%d cross-origin refusals logged, want 3", n)
	}
	// A script with the cookie and no browser headers is still served (api.md).
	if res := admin.do("POST", "/api/v1/organs", body); res.Status != 201 {
		t.Errorf("same-origin script: %d %s", res.Status, res.Body)
	}
}

// checkCaseListParameters checks that case-list parameters never change a query.
func checkCaseListParameters(t *testing.T, e *env, logs *logSink) {
	s := e.Store
	judge := e.as("judge1")
	var ids []int64
	for i, name := range []string{"清远市绿源林业有限公司", "张三", "英德市某旅游公司"} {
		res := judge.do("POST", "/api/v1/cases", map[string]any{
			"case_type": "行初", "cause": "行政处罚", "domain": "生态",
			"plaintiff": map[string]string{"name": name, "kind": "enterprise"},
			"organ_id":  e.Courts.Organ.ID, "filed_on": fmt.Sprintf("2025-06-0%d", i+1), "judge_id": e.Courts.Users["judge1"].ID,
		})
		if res.Status != 201 {
			t.Fatalf("file case: %d %s", res.Status, res.Body)
		}
		ids = append(ids, res.id(t))
	}
	cases := countRows(t, s, "cases")
	leader := e.as("leader")
	total := func(path string) (int, int64) {
		res := leader.do("GET", path, nil)
		var list struct{ Total int64 }
		if res.Status == 200 {
			res.JSON(t, &list)
		}
		return res.Status, list.Total
	}
	for _, c := range []struct {
		query string
		field string // the parameter a 400 names; "" = 200 with nothing found
	}{
		{"status=filed'%20OR%20'1'='1", "status"},
		{"judge_id=1%20OR%201=1", "judge_id"},
		{"organ_id=1;DROP%20TABLE%20cases", ""}, // Go drops the pair with a raw ";": the plain list
		{"organ_id=-1", "organ_id"},
		{"linkage=1%20OR%201=1", "linkage"},
		{"overdue=true'--", "overdue"},
		{"filed_from=2025-01-01'%20OR%201=1", "filed_from"},
		{"filed_to=2025-13-01", "filed_to"},
		{"sort=id", "sort"},
		{"sort=filed_on%20DESC", "sort"},
		{"sort=(SELECT%201)", "sort"},
		{"sort=filed_on,(SELECT%20SLEEP(5))", "sort"},
		{"sort=-filed_on;DELETE%20FROM%20cases", ""},
		{"page_size=100%20UNION%20SELECT%20*%20FROM%20users", "page_size"},
	} {
		res := leader.do("GET", "/api/v1/cases?"+c.query, nil)
		switch {
		case c.field != "":
			if res.Status != 400 || !strings.Contains(res.Body, `"`+c.field+`"`) {
				t.Errorf("GET /api/v1/cases?%s: %d %.200s, want 400 naming %s", c.query, res.Status, res.Body, c.field)
			}
		default:
			if st, n := total("/api/v1/cases?" + c.query); st != 200 || n != 3 {
				t.Errorf("GET /api/v1/cases?%s: %d with %d cases, want the plain list of 3", c.query, st, n)
			}
		}
	}
	// Search terms and codes are data: each finds nothing.
	for _, q := range []string{"q=' OR 1=1 --", "q=%", "q=_", "q=!%", "q=张三' OR '1'='1", "case_type=行初' OR '1'='1"} {
		k, v, _ := strings.Cut(q, "=")
		if st, n := total("/api/v1/cases?" + k + "=" + url.QueryEscape(v)); st != 200 && st != 400 || st == 200 && n != 0 {
			t.Errorf("GET /api/v1/cases?%s: %d with %d cases, want nothing found", q, st, n)
		}
	}
	if st, n := total("/api/v1/cases?q=" + url.QueryEscape("张三")); st != 200 || n != 1 {
		t.Errorf("search for 张三: %d with %d cases, want 1", st, n)
	}
	for _, p := range []string{"/api/v1/cases/1%20OR%201=1", "/api/v1/cases/1;DROP%20TABLE%20cases", "/api/v1/cases/0x1", "/api/v1/cases/-1"} {
		if res := leader.do("GET", p, nil); res.Status != 404 {
			t.Errorf("GET %s = %d, want 404", p, res.Status)
		}
	}
	// Another court's cases are not there, by id or in a list.
	other := e.as("judge3")
	if res := other.do("GET", fmt.Sprintf("/api/v1/cases/%d", ids[0]), nil); res.Status != 404 {
		t.Errorf("judge3 of 粤1881 reading a case of 粤1803: %d, want 404", res.Status)
	}
	var list struct{ Total int64 }
	other.do("GET", "/api/v1/cases?q="+url.QueryEscape("张三"), nil).JSON(t, &list)
	if list.Total != 0 {
		t.Errorf("judge3 of 粤1881 finds %d cases of 粤1803", list.Total)
	}
	if got := countRows(t, s, "cases"); got != cases {
		t.Errorf("cases: %d rows, was %d", got, cases)
	}
}

// workbook returns an .xlsx-shaped zip: the parts a workbook needs, and a
// first worksheet given as a raw deflate stream with the CRC-32 and size
// its zip header declares (a lying header may claim less than it holds).
func workbook(t *testing.T, sheet []byte, crc uint32, declared uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	}
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p.body)
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CompressedSize64: uint64(len(sheet)), UncompressedSize64: declared, CRC32: crc})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(sheet)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// deflated compresses a whole worksheet, for workbook.
func deflated(t *testing.T, xml string) ([]byte, uint32, uint64) {
	t.Helper()
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	io.WriteString(fw, xml)
	fw.Close()
	return raw.Bytes(), crc32.ChecksumIEEE([]byte(xml)), uint64(len(xml))
}

// bombSheet is a worksheet of about mib MiB — a header row, then one cell
// whose text never ends — as a deflate stream of about a thousandth of that:
// one compressed MiB of "A" repeated (a flushed deflate block refers to
// nothing before it, so the copies decode one after the other).
func bombSheet(t *testing.T, mib int) ([]byte, uint32, uint64) {
	t.Helper()
	head := `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`
	chunk := bytes.Repeat([]byte("A"), 1<<20)
	block := func(data []byte) []byte {
		var b bytes.Buffer
		fw, _ := flate.NewWriter(&b, flate.BestCompression)
		fw.Write(data)
		fw.Flush()
		return b.Bytes()
	}
	stream := block([]byte(head))
	one := block(chunk)
	crc := crc32.ChecksumIEEE([]byte(head))
	for range mib {
		stream = append(stream, one...)
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}
	stream = append(stream, 0x03, 0x00) // the final, empty block
	return stream, crc, uint64(len(head)) + uint64(mib)<<20
}

// multipartFile is a multipart/form-data body with one file field.
func multipartFile(t *testing.T, field, filename string, content []byte) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, err := mw.CreateFormFile(field, filename)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(content)
	mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

// checkImportRefusesBombs checks that imports refuse bombs and non-workbooks fast.
func checkImportRefusesBombs(t *testing.T, e *env, logs *logSink) {
	s := e.Store
	// The bomb is real: a small one inflates to exactly its size, and the big
	// one is the same stream with 600 copies of the middle block.
	small, smallCRC, smallSize := bombSheet(t, 2)
	inflated, err := io.ReadAll(flate.NewReader(bytes.NewReader(small)))
	if err != nil || uint64(len(inflated)) != smallSize || crc32.ChecksumIEEE(inflated) != smallCRC || !bytes.HasSuffix(inflated, bytes.Repeat([]byte("A"), 2<<20)) {
		t.Fatalf("the 2 MiB bomb inflates to %d bytes (%v), want %d", len(inflated), err, smallSize)
	}
	big, _, bigSize := bombSheet(t, 600)
	if bigSize < 600<<20 || len(big) > 2<<20 || len(big) < len(small)*100 {
		t.Fatalf("the 600 MiB bomb: %d bytes declaring %d", len(big), bigSize)
	}
	leader, judge := e.as("leader"), e.as("judge1")
	cases := countRows(t, s, "cases")
	billionLaughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">` +
		`<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">` +
		`<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">` +
		`<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`
	var plainZip bytes.Buffer
	zw := zip.NewWriter(&plainZip)
	w, _ := zw.Create("readme.txt")
	io.WriteString(w, "not a workbook")
	zw.Close()
	bomb, crc, size := bombSheet(t, 600) // expands past 500 MiB
	laughs, laughsCRC, laughsSize := deflated(t, billionLaughs)
	uploads := []struct {
		name     string
		filename string
		content  []byte
	}{
		{"a zip bomb expanding to 600 MiB", "台账.xlsx", workbook(t, bomb, crc, size)},
		{"a zip bomb whose header claims 1 KiB", "台账.xlsx", workbook(t, bomb, crc, 1024)},
		{"an XML entity bomb", "台账.xlsx", workbook(t, laughs, laughsCRC, laughsSize)},
		{"a zip that is no workbook", "台账.xlsx", plainZip.Bytes()},
		{"a PDF named .xlsx", "台账.xlsx", []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")},
		{"a CSV", "台账.csv", []byte("案件类型,案由\n行初,行政处罚\n")},
		{"nothing", "台账.xlsx", nil},
		{"a name that climbs out of any folder", "../../../../../tmp/fuyuan-upload-escape.xlsx", []byte("PK\x03\x04 broken")},
	}
	for _, u := range uploads {
		if len(u.content) > 10<<20 {
			t.Fatalf("%s: the test upload is %d bytes, over the cap", u.name, len(u.content))
		}
		ct, body := multipartFile(t, "file", u.filename, u.content)
		start := time.Now()
		res := leader.do("POST", "/api/v1/imports/cases", body, "Content-Type", ct)
		took := time.Since(start)
		t.Logf("%s (%d bytes): %d in %s", u.name, len(u.content), res.Status, took.Round(time.Millisecond))
		if (res.Status != 400 && res.Status != 413) || took > 5*time.Second {
			t.Errorf("%s (%d bytes): %d after %s %.200s, want 400 or 413 within 5 s", u.name, len(u.content), res.Status, took, res.Body)
		}
		var eb struct {
			Error struct{ Code, Message string }
		}
		res.JSON(t, &eb)
		if eb.Error.Code == "" || eb.Error.Message == "" {
			t.Errorf("%s: not the error shape of api.md: %.200s", u.name, res.Body)
		}
		if res := judge.do("GET", "/api/v1/me", nil); res.Status != 200 {
			t.Errorf("after %s the server answers %d", u.name, res.Status)
		}
	}
	if _, err := os.Stat("/tmp/fuyuan-upload-escape.xlsx"); err == nil {
		t.Errorf("an upload's name was used as a path")
	}
	if got := countRows(t, s, "cases"); got != cases {
		t.Errorf("cases: %d rows, was %d", got, cases)
	}
	// A body over the cap is refused while it streams in, declared or not.
	for _, declared := range []bool{true, false} {
		body := &bigBody{left: 40 << 20}
		req, _ := http.NewRequest("POST", e.HTTP.URL+"/api/v1/imports/cases", io.MultiReader(
			strings.NewReader("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nPK\x03\x04"), body))
		if declared {
			req.ContentLength = 40<<20 + 80
		}
		req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		req.Header.Set("Cookie", leader.cookie())
		start := time.Now()
		res, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
		if err != nil {
			t.Fatalf("40 MiB import (declared %v): %v", declared, err)
		}
		res.Body.Close()
		if res.StatusCode != 413 || time.Since(start) > 5*time.Second || body.read.Load() >= 40<<20 {
			t.Errorf("40 MiB import (declared %v): %d after %s having sent %d bytes, want 413 within 5 s", declared, res.StatusCode, time.Since(start), body.read.Load())
		}
	}
}
