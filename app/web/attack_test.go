package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"fuyuan/app"
	"fuyuan/app/apptest"
)

// The findings of issue 14's attack run, each a test that failed on the code
// the attack ran against.

// TestLoginNextRefusesBrowserNormalisedRedirects: next= never leads to
// another site, including the forms a browser normalises into "//host"
// (tabs and newlines dropped, backslashes read as slashes).
func TestLoginNextRefusesBrowserNormalisedRedirects(t *testing.T) {
	for _, next := range []string{
		"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "\t//evil.example", "//evil.example",
		"/\\evil.example", "\\/evil.example", "/\\/evil.example", "/x\\..\\..\\/evil.example", "/ /evil.example",
		"https://evil.example", "javascript:alert(1)", "/\x00/evil.example", "/\x7f/evil.example", "evil.example",
		"/\u3000/evil.example", "/%0a/x\t", "",
	} {
		if got := safeNext(next); got != "/" {
			t.Errorf("safeNext(%q) = %q, want /", next, got)
		}
	}
	for _, next := range []string{"/cases", "/cases/12?tab=audit", "/cases?q=%E6%9E%97%E4%B8%9A", "/letters/3#reply"} {
		if got := safeNext(next); got != next {
			t.Errorf("safeNext(%q) = %q, want it kept", next, got)
		}
	}
	// Through the login form as a browser posts it.
	s := apptest.MustOpenSQLite(t, app.NewFakeClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)))
	e := newEnv(t, s, nil)
	res := e.anon().form("/login", map[string]string{"username": "judge1", "password": apptest.Password, "next": "/\t/evil.example"})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Errorf("login with next=/\\t/evil.example: %d → %q, want 303 → /", res.Status, res.Header.Get("Location"))
	}
}

// TestStaticDirectoryIsNotListed: /static/ serves files, never a listing.
func TestStaticDirectoryIsNotListed(t *testing.T) {
	s := apptest.MustOpenSQLite(t, app.NewFakeClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)))
	e := newEnv(t, s, nil)
	for _, path := range []string{"/static/", "/static", "/static/.", "/static/./"} {
		res := raw(t, e.HTTP.URL, "GET", path, "")
		if res.Status != http.StatusNotFound || strings.Contains(res.Body, `href="reports.js"`) {
			t.Errorf("GET %s: %d %.120q, want 404 without a listing", path, res.Status, res.Body)
		}
	}
	if res := e.anon().do("GET", "/static/app.css", nil); res.Status != http.StatusOK {
		t.Errorf("GET /static/app.css: %d", res.Status)
	}
}

// TestOriginOfAnotherSchemeIsRefusedOverTLS: a write that came over TLS
// (here through a trusted proxy) from an http:// page of the same host is
// cross-origin; from the https:// page it is served.
func TestOriginOfAnotherSchemeIsRefusedOverTLS(t *testing.T) {
	s := apptest.MustOpenSQLite(t, app.NewFakeClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)))
	e, logs := newEnvWith(t, s, nil, Config{TrustedProxies: []string{"127.0.0.1"}})
	admin := e.as("admin")
	host := strings.TrimPrefix(e.HTTP.URL, "http://")
	body := map[string]any{"name": apptest.Name("同源机关"), "kind": "林业局", "region": "清新区"}
	before := countRows(t, s, "organs")
	if res := admin.do("POST", "/api/v1/organs", body, "Origin", "http://"+host, "X-Forwarded-Proto", "https"); res.Status != http.StatusForbidden {
		t.Errorf("https request with Origin http://%s: %d, want 403", host, res.Status)
	}
	if countRows(t, s, "organs") != before {
		t.Errorf("the refused write was saved")
	}
	if len(logs.entries(t, "cross-origin request refused")) != 1 {
		t.Errorf("the refusal was not logged")
	}
	if res := admin.do("POST", "/api/v1/organs", body, "Origin", "https://"+host, "X-Forwarded-Proto", "https"); res.Status != http.StatusCreated {
		t.Errorf("https request with Origin https://%s: %d %s, want 201", host, res.Status, res.Body)
	}
}

// TestHSTSBehindTrustedTLSProxy: Strict-Transport-Security is sent when the
// request came over TLS, told by a trusted proxy's X-Forwarded-Proto; an
// untrusted peer cannot claim it.
func TestHSTSBehindTrustedTLSProxy(t *testing.T) {
	for _, c := range []struct {
		name    string
		proxies []string
		proto   string
		want    bool
	}{
		{"trusted proxy, https", []string{"127.0.0.1"}, "https", true},
		{"trusted proxy, http", []string{"127.0.0.1"}, "http", false},
		{"untrusted peer claiming https", []string{"10.0.0.1"}, "https", false},
		{"no proxy", nil, "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := apptest.MustOpenSQLite(t, app.NewFakeClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)))
			e, _ := newEnvWith(t, s, nil, Config{TrustedProxies: c.proxies})
			for _, path := range []string{"/login", "/api/v1/me", "/healthz"} {
				h := e.anon().do("GET", path, nil, "X-Forwarded-Proto", c.proto).Header.Get("Strict-Transport-Security")
				if got := strings.HasPrefix(h, "max-age="); got != c.want {
					t.Errorf("GET %s: Strict-Transport-Security %q, want set = %v", path, h, c.want)
				}
			}
		})
	}
}
