package e2e

import (
	"strings"
	"testing"
)

// focused is the name (else the id) of the field that has the focus.
func (b *tab) focused() string {
	b.t.Helper()
	return eval[string](b, `(function () { var e = document.activeElement; return e ? (e.name || e.id || e.tagName) : ""; })()`)
}

// TestFormErrorsAndErrorPagesGuideThePerson (issue 15): the login page names
// the court and, after a wrong password, puts the cursor in the password
// field; a refused form lists its errors in a banner and puts the cursor in
// the first bad field; a 404 page keeps the navigation; a 403 page for a
// page the user only tried to open says 查看, not 执行此操作.
func TestFormErrorsAndErrorPagesGuideThePerson(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	anon := e.open(t)
	anon.visit("/login")
	anon.see("清新区人民法院")
	if got := anon.focused(); got != "username" {
		t.Errorf("the login page puts the cursor in %q, want username", got)
	}
	anon.within(`form[action="/login"]`).fill("username", "judge2").fill("password", "wrong-password")
	if status := anon.submitStatus(); status != 401 {
		t.Fatalf("a wrong password answers %d", status)
	}
	if got := anon.focused(); got != "password" {
		t.Errorf("after a wrong password the cursor is in %q, want password", got)
	}

	judge := e.login(t, "judge1")
	judge.visit("/circuits")
	judge.within(`form[action="/circuits"]`).fill("audience", "-3")
	if status := judge.submitStatus(); status != 400 {
		t.Fatalf("a hearing without a place answers %d", status)
	}
	if got := judge.focused(); got != "place" {
		t.Errorf("after the refused form the cursor is in %q, want place (the first bad field)", got)
	}
	banner := judge.textOf(`form[action="/circuits"] .alert-error`)
	for _, want := range []string{"地点：", "旁听人数："} {
		if !strings.Contains(banner, want) {
			t.Errorf("the banner %q does not list %s", banner, want)
		}
	}

	judge.load("/no-such-page")
	judge.see("找不到该页面或记录")
	if judge.count("nav.sidenav a") < 2 {
		t.Errorf("the 404 page has no navigation: %s", judge.summary())
	}

	leader := e.login(t, "leader")
	leader.load("/letters/new")
	leader.see("没有权限", "查看")
	if strings.Contains(leader.bodyText(), "执行此操作") {
		t.Errorf("opening a page the leader may not see says 执行此操作: %s", leader.summary())
	}
}
