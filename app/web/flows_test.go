package web

import (
	"fmt"
	"strings"
	"testing"

	"fuyuan/app/apptest"
)

// TestMediatorLandsOnTheirOpenCasesAndSeesOnlyTheirSteps guards issue 15: a
// mediator lands on the open cases they mediate (not on every case including
// closed ones), and a case page tells them only of the steps they may take.
func TestMediatorLandsOnTheirOpenCasesAndSeesOnlyTheirSteps(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		mediator := e.Courts.Users["mediator1"].ID
		open, openNo := fileViaAPI(t, e, "judge1", map[string]any{"mediator_ids": []int64{mediator}})
		closed, closedNo := fileViaAPI(t, e, "judge1", map[string]any{"mediator_ids": []int64{mediator}})
		if res := e.as("judge1").do("POST", idPath("/api/v1/cases/%d/close", closed), map[string]any{"closed_on": "2025-06-30", "method": "withdrawal"}); res.Status != 200 {
			t.Fatalf("close: %d %s", res.Status, res.Body)
		}
		_, otherNo := fileViaAPI(t, e, "judge1", nil)

		home := e.as("mediator1").do("GET", "/", nil)
		where := home.Header.Get("Location")
		if home.Status != 303 || !strings.HasPrefix(where, "/cases?") {
			t.Fatalf("mediator1's landing: %d → %q", home.Status, where)
		}
		list := e.as("mediator1").do("GET", where, nil).Body
		if !strings.Contains(list, "我的在办案件") || !strings.Contains(list, openNo) || strings.Contains(list, closedNo) || strings.Contains(list, otherNo) {
			t.Errorf("mediator1 lands on %s, which does not show exactly the open case mediated", where)
		}
		page := e.as("mediator1").do("GET", idPath("/cases/%d", open), nil).Body
		for _, step := range []string{"选择结案方式", "使用“中止审理”", "在“履行承诺”中登记", "在下方“结案”中"} {
			if strings.Contains(page, step) {
				t.Errorf("mediator1's case page instructs %q, a step a mediator cannot take", step)
			}
		}
		if !strings.Contains(page, "记录一次调解") {
			t.Errorf("mediator1's case page lacks the mediation step")
		}
		judgePage := e.as("judge1").do("GET", idPath("/cases/%d", open), nil).Body
		if !strings.Contains(judgePage, "选择结案方式") {
			t.Errorf("the judge's case page lost the instruction to close")
		}
	})
}

// TestRelatedCasesBoxIsFolded: the case page's 关联提示 is one folded line
// (<details>) that lists the related cases when opened (issue 15).
func TestRelatedCasesBoxIsFolded(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		body := caseBody(e, nil)
		first := e.as("judge1").do("POST", "/api/v1/cases", body).id(t)
		second := e.as("judge1").do("POST", "/api/v1/cases", body).id(t)
		page := e.as("judge1").do("GET", fmt.Sprintf("/cases/%d", second), nil).Body
		start := strings.Index(page, `<details class="alert alert-warn related-box">`)
		if start < 0 {
			t.Fatal("the case page has no folded 关联提示 box")
		}
		box := page[start : start+strings.Index(page[start:], "</details>")]
		if !strings.Contains(box, "<summary><strong>关联提示") || !strings.Contains(box, fmt.Sprintf(`href="/cases/%d"`, first)) {
			t.Errorf("the folded 关联提示 box does not list case %d under its summary", first)
		}
	})
}

// TestNewOrResetUserMustChangeThePasswordFirst guards api.md's POST
// /me/password and issue 15: a user created by the admin, or whose password
// the admin reset, gets 403 password_change_required on every route but /me,
// /logout and /me/password, and the pages lead to the change form; after the
// change (old password checked) everything works; an admin changing their
// own password is not held.
func TestNewOrResetUserMustChangeThePasswordFirst(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		admin := e.as("admin")
		name := apptest.Name("clerk")
		const first, own = "first-secret-2026", "own-secret-2026"
		res := admin.do("POST", "/api/v1/users", map[string]any{"username": name, "password": first, "name": "新法官", "role": "judge"})
		if res.Status != 201 || !strings.Contains(res.Body, `"must_change_password":true`) {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		id := res.id(t)
		user := e.anon()
		if r := user.do("POST", "/api/v1/login", map[string]string{"username": name, "password": first}); r.Status != 200 {
			t.Fatalf("login: %d", r.Status)
		}
		for _, path := range []string{"/api/v1/cases", "/api/v1/letters", "/api/v1/stats"} {
			r := user.do("GET", path, nil)
			if r.Status != 403 || !strings.Contains(r.Body, `"code":"password_change_required"`) {
				t.Errorf("held user GET %s: %d %s", path, r.Status, trim(r.Body))
			}
		}
		if r := user.do("GET", "/api/v1/me", nil); r.Status != 200 {
			t.Errorf("held user GET /me: %d", r.Status)
		}
		for _, path := range []string{"/", "/cases", "/letters/new"} {
			if r := user.do("GET", path, nil); r.Status != 303 || r.Header.Get("Location") != "/me/password" {
				t.Errorf("held user's page %s: %d → %q, want the change form", path, r.Status, r.Header.Get("Location"))
			}
		}
		if r := user.do("GET", "/me/password", nil); r.Status != 200 || !strings.Contains(r.Body, "请先设置只有您自己知道的新密码") ||
			strings.Contains(r.Body, `href="/cases"`) {
			t.Errorf("the change form: %d (it must lead nowhere else)", r.Status)
		}
		if r := user.do("POST", "/api/v1/me/password", map[string]string{"old_password": "wrong-one-2026", "new_password": own}); r.Status != 400 || !strings.Contains(r.Body, "old_password") {
			t.Errorf("a wrong old password: %d %s", r.Status, trim(r.Body))
		}
		if r := user.do("POST", "/api/v1/me/password", map[string]string{"old_password": first, "new_password": "short"}); r.Status != 400 || !strings.Contains(r.Body, "new_password") {
			t.Errorf("a short new password: %d %s", r.Status, trim(r.Body))
		}
		if r := user.do("POST", "/api/v1/me/password", map[string]string{"old_password": first, "new_password": own}); r.Status != 204 {
			t.Fatalf("the change: %d %s", r.Status, r.Body)
		}
		if r := user.do("GET", "/api/v1/cases", nil); r.Status != 200 {
			t.Errorf("after the change GET /cases: %d", r.Status)
		}
		if r := user.do("POST", "/api/v1/logout", nil); r.Status != 200 {
			t.Errorf("logout: %d", r.Status)
		}

		// A reset by the admin holds the user again, from the next login.
		if r := admin.do("PATCH", idPath("/api/v1/users/%d", id), map[string]any{"password": first}); r.Status != 200 {
			t.Fatalf("reset: %d %s", r.Status, r.Body)
		}
		again := e.anon()
		again.do("POST", "/api/v1/login", map[string]string{"username": name, "password": first})
		if r := again.do("GET", "/api/v1/cases", nil); r.Status != 403 || !strings.Contains(r.Body, "password_change_required") {
			t.Errorf("after a reset GET /cases: %d", r.Status)
		}
		// The page form changes it too.
		if r := again.form("/me/password", map[string]string{"old_password": first, "new_password": own, "confirm_password": own}); r.Status != 303 {
			t.Errorf("the page form: %d %s", r.Status, trim(r.Body))
		}
		if r := again.do("GET", "/cases", nil); r.Status != 200 {
			t.Errorf("after the change /cases: %d", r.Status)
		}

		// The admin setting their own password is not held.
		self := e.Courts.Users["admin"].ID
		if r := admin.do("PATCH", idPath("/api/v1/users/%d", self), map[string]any{"password": "admin-own-2026"}); r.Status != 200 || strings.Contains(r.Body, `"must_change_password":true`) {
			t.Errorf("admin's own password: %d %s", r.Status, trim(r.Body))
		}
	})
}

// TestAddUserFormOffersTheLeastRoleFirst: 添加用户 preselects 调解员, not 系统管理员 (issue 15).
func TestAddUserFormOffersTheLeastRoleFirst(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		page := e.as("admin").do("GET", "/admin/users", nil).Body
		form := page[strings.Index(page, `<select id="u-role"`):]
		form = form[:strings.Index(form, "</select>")]
		if !strings.Contains(form, `<option value="mediator" selected>`) || strings.Count(form, "selected") != 1 {
			t.Errorf("添加用户's role field: %s", form)
		}
	})
}

// TestJointMediationOnTheCasePageLetsTheLiaisonReadTheCase guards issue 15:
// judge1 records a 府院联合调解 on a case that is not a linkage case, choosing
// the liaison and a mediator from the court's people; the case becomes a
// linkage case and the liaison, refused before, reads it.
func TestJointMediationOnTheCasePageLetsTheLiaisonReadTheCase(t *testing.T) {
	apptest.ForEachDB(t, func(t *testing.T, s *appStore, clock *appClock) {
		e := newEnv(t, s, clock)
		id, _ := fileViaAPI(t, e, "judge1", map[string]any{"linkage": false})
		page := idPath("/cases/%d", id)
		if res := e.as("liaison1").do("GET", page, nil); res.Status != 403 {
			t.Fatalf("the liaison reads a case that is not a linkage case: %d", res.Status)
		}
		body := e.as("judge1").do("GET", page, nil).Body
		liaison, mediator := e.Courts.Users["liaison1"].ID, e.Courts.Users["mediator1"].ID
		for _, id := range []int64{liaison, mediator} {
			if !strings.Contains(body, fmt.Sprintf(`name="participant_ids" value="%d"`, id)) {
				t.Errorf("the mediation form offers no choice of user %d", id)
			}
		}
		// A judge sets the mediators of their own case (case:mediators).
		if !strings.Contains(body, idPath(`action="/cases/%d/assign"`, id)) {
			t.Errorf("judge1's own case page offers no form to add a mediator")
		}
		req := "held_on=2025-06-20&mode=joint&result=continuing&participants=" + urlEncode("林业局王科长") +
			fmt.Sprintf("&participant_ids=%d&participant_ids=%d", liaison, mediator)
		res := e.as("judge1").do("POST", page+"/mediations", req, "Content-Type", "application/x-www-form-urlencoded")
		if res.Status != 303 || !strings.Contains(res.Header.Get("Location"), "done=mediation_linkage") {
			t.Fatalf("recording the joint mediation: %d → %q %s", res.Status, res.Header.Get("Location"), trim(res.Body))
		}
		read := e.as("liaison1").do("GET", page, nil)
		if read.Status != 200 || !strings.Contains(read.Body, "liaison1姓名（司法局联络员）、mediator1姓名（调解员）；林业局王科长") {
			t.Errorf("after the joint mediation the liaison's read: %d", read.Status)
		}
	})
}
