package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
	"fuyuan/rbac"
)

// env is a running server on a real database with the two test courts.
type env struct {
	t      *testing.T
	Store  *app.Store
	Clock  *app.FakeClock
	Server *Server
	HTTP   *httptest.Server
	Courts *apptest.Court
	Authz  *rbac.Enforcer
	users  map[string]*client
}

// newEnv starts a server in-process on s.
func newEnv(t *testing.T, s *app.Store, clock *app.FakeClock) *env {
	t.Helper()
	courts := apptest.MustCourts(t, s)
	authz, err := rbac.New(s.DB, apptest.Quiet())
	if err != nil {
		t.Fatal(err)
	}
	// A generous request deadline: under the race detector on a busy CI
	// machine a bcrypt login alone can take seconds. The deadline itself is
	// tested where it is the subject (hostile_test.go, tests/ops).
	srv, err := NewServer(s, authz, apptest.Quiet(), Config{RequestTimeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &env{t: t, Store: s, Clock: clock, Server: srv, HTTP: hs, Courts: courts, Authz: authz, users: map[string]*client{}}
}

// client is a cookie-carrying HTTP client, like a browser tab or a script.
type client struct {
	t    *testing.T
	base string
	http *http.Client
}

func (e *env) anon() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: e.t, base: e.HTTP.URL, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// as returns a client logged in as username (cached per env).
func (e *env) as(username string) *client {
	if c, ok := e.users[username]; ok {
		return c
	}
	c := e.anon()
	res := c.do("POST", "/api/v1/login", map[string]string{"username": username, "password": apptest.Password})
	if res.Status != 200 {
		e.t.Fatalf("login %s: %d %s", username, res.Status, res.Body)
	}
	e.users[username] = c
	return c
}

// response is a finished request.
type response struct {
	Status int
	Body   string
	Header http.Header
}

// JSON decodes the body into v.
func (r response) JSON(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.Body), v); err != nil {
		t.Fatalf("decode %q: %v", r.Body, err)
	}
}

// Map decodes the body as a JSON object.
func (r response) Map(t *testing.T) map[string]any {
	var m map[string]any
	r.JSON(t, &m)
	return m
}

// do sends a request; body is JSON-encoded unless it is a string or []byte.
func (c *client) do(method, path string, body any, headers ...string) response {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		buf, _ := json.Marshal(b)
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{Status: res.StatusCode, Body: string(b), Header: res.Header}
}

// form posts a URL-encoded form, as a page does.
func (c *client) form(path string, values map[string]string) response {
	c.t.Helper()
	var parts []string
	for k, v := range values {
		parts = append(parts, urlEncode(k)+"="+urlEncode(v))
	}
	req, _ := http.NewRequest("POST", c.base+path, strings.NewReader(strings.Join(parts, "&")))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{Status: res.StatusCode, Body: string(b), Header: res.Header}
}

func urlEncode(s string) string {
	r := strings.NewReplacer("%", "%25", "&", "%26", "=", "%3D", "+", "%2B", " ", "+", "#", "%23", "?", "%3F")
	return r.Replace(s)
}

// id returns the "id" of a JSON object answer.
func (r response) id(t *testing.T) int64 {
	t.Helper()
	var v struct {
		ID int64 `json:"id"`
	}
	r.JSON(t, &v)
	if v.ID == 0 {
		t.Fatalf("no id in %s", r.Body)
	}
	return v.ID
}
