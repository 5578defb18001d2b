package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestAdminCreatesAUserWhoCanLogIn: the admin adds a judge on /admin/users
// (the role offered first is the least one, 调解员; a too-short password
// first: the error shows beside the field and what was typed stays), sees
// them in the list, and the judge logs in, is led to change the password the
// admin chose (issue 15), and then works.
func TestAdminCreatesAUserWhoCanLogIn(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.login(t, "admin")
	if status := admin.click(`nav.sidenav a[href="/admin/users"]`); status != 200 {
		t.Fatalf("用户管理 answers %d", status)
	}
	admin.see("用户管理", "添加用户", "本院用户", "judge1", "王建国")

	if got := admin.textOf(`form[action="/admin/users"] select[name="role"] option:checked`); got != "调解员" {
		t.Errorf("添加用户 offers the role %q first, want the least one, 调解员", got)
	}
	username := fmt.Sprintf("e2e%d", time.Now().UnixNano()%1e9)
	const name, secret = "赵测试", "e2e-secret-2026"
	admin.within(`form[action="/admin/users"]`).fields("username", username, "name", name, "role", "承办法官", "password", "short")
	if status := admin.submitStatus(); status != 400 {
		t.Fatalf("a 5-character password answered %d, want 400", status)
	}
	if got := admin.fieldError("password"); got != "密码至少 10 个字符" {
		t.Errorf("the error beside the password is %q, want 密码至少 10 个字符", got)
	}
	if got := admin.value("username"); got != username {
		t.Errorf("after the error the username field holds %q, want %q", got, username)
	}

	admin.within(`form[action="/admin/users"]`).fields("name", name, "role", "承办法官", "password", secret)
	admin.submit()
	admin.see("已添加用户 " + username)
	row := admin.row(username)
	for _, want := range []string{name, "承办法官", "待本人修改初始密码"} {
		if !strings.Contains(row, want) {
			t.Errorf("the new user's row %q does not show %s", row, want)
		}
	}

	judge := e.open(t)
	judge.logIn(username, secret)
	if judge.path() != "/me/password" {
		t.Errorf("the new user lands on %s, want the password change form", judge.path())
	}
	judge.see("修改密码", "请先设置只有您自己知道的新密码")
	judge.visit("/cases")
	if judge.path() != "/me/password" {
		t.Errorf("before changing the password the new user reached %s", judge.path())
	}
	const own = "my-own-secret-2026"
	judge.within(`form[action="/me/password"]`).fields("old_password", secret, "new_password", own, "confirm_password", own)
	judge.submit()
	judge.see("新密码已保存")
	judge.screenshot("password-changed")
	judge.follow("进入工作台")
	judge.see(name, "承办法官", "工作台")

	again := e.open(t)
	again.logIn(username, own)
	again.see("工作台")
}
