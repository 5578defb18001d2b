package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"fuyuan/app/apptest"
)

func TestLoginWrongPasswordIs401AndLocksAfterFiveFailures(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		c := e.anon()
		bad := map[string]string{"username": "judge1", "password": "wrong-password"}
		good := map[string]string{"username": "judge1", "password": apptest.Password}
		for i := 0; i < 5; i++ {
			if res := c.do("POST", "/api/v1/login", bad); res.Status != http.StatusUnauthorized {
				t.Fatalf("failure %d: got %d %s", i+1, res.Status, res.Body)
			}
		}
		res := c.do("POST", "/api/v1/login", good)
		if res.Status != http.StatusTooManyRequests {
			t.Fatalf("right password after 5 failures: got %d, want 429", res.Status)
		}
		if !strings.Contains(res.Body, "15 分钟") {
			t.Errorf("429 message should say when to retry: %s", res.Body)
		}
		// Another account is not locked by judge1's failures.
		if res := e.anon().do("POST", "/api/v1/login", map[string]string{"username": "judge2", "password": apptest.Password}); res.Status != 200 {
			t.Fatalf("judge2 login: %d", res.Status)
		}
		clock.Advance(14 * time.Minute)
		if res := c.do("POST", "/api/v1/login", good); res.Status != http.StatusTooManyRequests {
			t.Fatalf("after 14 minutes: got %d, want 429", res.Status)
		}
		clock.Advance(2 * time.Minute)
		if res := c.do("POST", "/api/v1/login", good); res.Status != http.StatusOK {
			t.Fatalf("after 16 minutes the lock must have ended: got %d %s", res.Status, res.Body)
		}
	})
}

func TestCrossSitePostWithSessionIsRefused(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		admin := e.as("admin")
		body := map[string]any{"name": apptest.Name("机关"), "kind": "林业局"}
		for _, h := range [][]string{
			{"Origin", "http://evil.example"},
			{"Sec-Fetch-Site", "cross-site"},
		} {
			res := admin.do("POST", "/api/v1/organs", body, h...)
			if res.Status != http.StatusForbidden {
				t.Errorf("cross-site POST with %s: got %d, want 403", h[0], res.Status)
			}
		}
		// The same request from a script (no Origin, no Sec-Fetch-Site) and from the same site pass.
		if res := admin.do("POST", "/api/v1/organs", body); res.Status != http.StatusCreated {
			t.Fatalf("non-browser POST: got %d %s", res.Status, res.Body)
		}
		body["name"] = apptest.Name("机关")
		if res := admin.do("POST", "/api/v1/organs", body, "Sec-Fetch-Site", "same-origin"); res.Status != http.StatusCreated {
			t.Fatalf("same-origin POST: got %d %s", res.Status, res.Body)
		}
	})
}

func TestSessionCookieIsHttpOnlyAndLax(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		res := e.anon().do("POST", "/api/v1/login", map[string]string{"username": "leader", "password": apptest.Password})
		ck := res.Header.Get("Set-Cookie")
		for _, want := range []string{"fuyuan_session=", "HttpOnly", "SameSite=Lax"} {
			if !strings.Contains(ck, want) {
				t.Errorf("cookie %q lacks %s", ck, want)
			}
		}
		var me struct {
			User struct {
				Username  string `json:"username"`
				CourtCode string `json:"court_code"`
			} `json:"user"`
		}
		res.JSON(t, &me)
		if me.User.CourtCode != "粤1803" || me.User.Username != "leader" {
			t.Errorf("login answer: %s", res.Body)
		}
	})
}

func TestSessionEndsAfterTwoIdleHoursAndAtLogout(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		c := e.as("judge1")
		clock.Advance(119 * time.Minute)
		if res := c.do("GET", "/api/v1/me", nil); res.Status != 200 {
			t.Fatalf("after 119 idle minutes: %d", res.Status)
		}
		clock.Advance(121 * time.Minute)
		if res := c.do("GET", "/api/v1/me", nil); res.Status != 401 {
			t.Fatalf("after 121 idle minutes: got %d, want 401", res.Status)
		}
		c2 := e.anon()
		c2.do("POST", "/api/v1/login", map[string]string{"username": "judge2", "password": apptest.Password})
		c2.do("POST", "/api/v1/logout", nil)
		if res := c2.do("GET", "/api/v1/me", nil); res.Status != 401 {
			t.Fatalf("after logout: got %d, want 401", res.Status)
		}
	})
}

func TestBadInputIsAClear400NeverA500(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		admin := e.as("admin")
		cases := []struct {
			name, method, path string
			body               any
			want               int
			field              string
		}{
			{"malformed JSON", "POST", "/api/v1/users", `{"username": `, 400, ""},
			{"wrong type", "POST", "/api/v1/users", `{"username": 12}`, 400, "username"},
			{"unknown role", "POST", "/api/v1/users", map[string]any{"username": "x1", "name": "某", "role": "king", "password": "long-enough-pw"}, 400, "role"},
			{"short password", "POST", "/api/v1/users", map[string]any{"username": "x2", "name": "某", "role": "judge", "password": "short"}, 400, "password"},
			{"password equal to username", "POST", "/api/v1/users", map[string]any{"username": "abcdefghijk", "name": "某", "role": "judge", "password": "abcdefghijk"}, 400, "password"},
			{"duplicate username", "POST", "/api/v1/users", map[string]any{"username": "judge1", "name": "某", "role": "judge", "password": "long-enough-pw"}, 400, "username"},
			{"absurd page size", "GET", "/api/v1/users?page_size=100000", nil, 400, "page_size"},
			{"negative page", "GET", "/api/v1/organs?page=-1", nil, 400, "page"},
			{"two JSON objects", "POST", "/api/v1/organs", `{"name":"a","kind":"林业局"}{"x":1}`, 400, ""},
			{"unknown organ kind", "POST", "/api/v1/organs", map[string]any{"name": "某局", "kind": "外星局"}, 400, "kind"},
			{"id not a number", "PATCH", "/api/v1/users/abc", map[string]any{"name": "x"}, 404, ""},
			{"body too large", "POST", "/api/v1/organs", `{"name":"` + strings.Repeat("a", 2<<20) + `"}`, 413, ""},
		}
		for _, tc := range cases {
			res := admin.do(tc.method, tc.path, tc.body)
			if res.Status != tc.want {
				t.Errorf("%s: got %d, want %d: %s", tc.name, res.Status, tc.want, trim(res.Body))
				continue
			}
			var body errorBody
			res.JSON(t, &body)
			if body.Error.Message == "" {
				t.Errorf("%s: no message: %s", tc.name, res.Body)
			}
			if tc.field != "" && body.Error.Fields[tc.field] == "" {
				t.Errorf("%s: field %s not named: %s", tc.name, tc.field, res.Body)
			}
		}
	})
}

func TestAdminManagesUsersOfOwnCourtOnly(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		admin := e.as("admin")
		res := admin.do("POST", "/api/v1/users", map[string]any{"username": "judge9", "name": "新法官", "role": "judge", "password": "long-enough-pw"})
		if res.Status != 201 {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		id := res.id(t)
		if strings.Contains(res.Body, "password_hash") || strings.Contains(res.Body, "$2a$") {
			t.Errorf("the answer must not carry the password hash: %s", res.Body)
		}
		// The new user logs in; disabling them ends their session and their logins.
		u := e.anon()
		if r := u.do("POST", "/api/v1/login", map[string]string{"username": "judge9", "password": "long-enough-pw"}); r.Status != 200 {
			t.Fatalf("new user login: %d", r.Status)
		}
		if r := admin.do("PATCH", idPath("/api/v1/users/%d", id), map[string]any{"disabled": true}); r.Status != 200 {
			t.Fatalf("disable: %d %s", r.Status, r.Body)
		}
		if r := u.do("GET", "/api/v1/me", nil); r.Status != 401 {
			t.Fatalf("disabled user's session: got %d, want 401", r.Status)
		}
		if r := e.anon().do("POST", "/api/v1/login", map[string]string{"username": "judge9", "password": "long-enough-pw"}); r.Status != 401 {
			t.Fatalf("disabled user login: got %d, want 401", r.Status)
		}
		// An admin cannot change their own role; another court's admin sees 404.
		self := e.Courts.Users["admin"].ID
		if r := admin.do("PATCH", idPath("/api/v1/users/%d", self), map[string]any{"role": "judge"}); r.Status != 400 {
			t.Fatalf("own role change: got %d, want 400", r.Status)
		}
		if r := e.as("admin2").do("PATCH", idPath("/api/v1/users/%d", id), map[string]any{"name": "x"}); r.Status != 404 {
			t.Fatalf("other court's admin: got %d, want 404", r.Status)
		}
		// A judge cannot raise their own role.
		judge := e.Courts.Users["judge1"].ID
		if r := e.as("judge1").do("PATCH", idPath("/api/v1/users/%d", judge), map[string]any{"role": "leader"}); r.Status != 403 {
			t.Fatalf("judge raising own role: got %d, want 403", r.Status)
		}
		// Every change is in the audit trail.
		var trail struct {
			Items []struct {
				Action string `json:"action"`
				User   string `json:"user"`
			} `json:"items"`
		}
		admin.do("GET", idPath("/api/v1/audit?entity=user&id=%d", id), nil).JSON(t, &trail)
		if len(trail.Items) != 2 || trail.Items[0].Action != "user.create" || trail.Items[1].User != "admin" {
			t.Fatalf("audit trail: %+v", trail.Items)
		}
	})
}

func TestPagesNeedLoginAndLoginPageWorks(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		c := e.anon()
		res := c.do("GET", "/", nil)
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Fatalf("/ logged out: %d %s", res.Status, res.Header.Get("Location"))
		}
		res = c.form("/login", map[string]string{"username": "leader", "password": "nope-nope-nope"})
		if res.Status != 401 || !strings.Contains(res.Body, "用户名或密码错误") {
			t.Fatalf("wrong password page: %d", res.Status)
		}
		res = c.form("/login", map[string]string{"username": "leader", "password": apptest.Password, "next": "https://evil.example/"})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/" {
			t.Fatalf("login: %d → %q", res.Status, res.Header.Get("Location"))
		}
		if res := c.do("GET", "/", nil); res.Status != 200 {
			t.Fatalf("/ after login: %d", res.Status)
		}
	})
}
