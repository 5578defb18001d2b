package e2e

import (
	"testing"
)

// password is the password of every demo account (api.md).
const password = "demo12345"

// account is a demo account of api.md as the pages show it.
type account struct {
	Username, Name, Role, Court string
}

// accounts are the demo accounts (app/demo.Accounts): the pages must show
// these names and roles.
var accounts = []account{
	{"admin", "陈志强", "admin", "粤1803"},
	{"leader", "李文华", "leader", "粤1803"},
	{"judge1", "王建国", "judge", "粤1803"},
	{"judge2", "刘晓敏", "judge", "粤1803"},
	{"mediator1", "张秀英", "mediator", "粤1803"},
	{"liaison1", "黄海涛", "liaison", "粤1803"},
	{"admin2", "周国平", "admin", "粤1881"},
	{"judge3", "吴丽娟", "judge", "粤1881"},
}

// demoAccount returns the demo account of a username.
func demoAccount(t *testing.T, username string) account {
	t.Helper()
	for _, a := range accounts {
		if a.Username == username {
			return a
		}
	}
	t.Fatalf("%s is not a demo account", username)
	return account{}
}

// login opens a tab and logs a demo account in through /login; it fails
// the test unless the page that follows shows the person's name.
func (e *env) login(t *testing.T, username string) *tab {
	t.Helper()
	b := e.open(t)
	b.logIn(username, password)
	b.see(demoAccount(t, username).Name)
	return b
}

// logIn fills and submits the login form.
func (b *tab) logIn(username, pw string) {
	b.t.Helper()
	b.visit("/login")
	b.within(`form[action="/login"]`).fill("username", username).fill("password", pw)
	b.submit()
}

// landings are where / may send a role after login (a mediator works from
// the cases assigned to them, a liaison from the liaison's desk).
var landings = map[string][]string{
	"mediator": {"/", "/cases"},
	"liaison":  {"/", "/liaison"},
}

func TestLoggedOutRootLandsOnLogin(t *testing.T) {
	t.Parallel()
	b := newEnv(t).open(t)
	b.wantPage("opening /", b.load("/"))
	if got := b.path(); got != "/login" {
		t.Fatalf("logged out, / shows %s, want /login", got)
	}
	if n := b.count(`form[action="/login"] input[name="username"]`) + b.count(`form[action="/login"] input[name="password"]`); n != 2 {
		t.Fatalf("the login page has %d of the inputs username and password", n)
	}
	if n := b.count(`form[action="/login"] [type="submit"]`); n != 1 {
		t.Fatalf("the login form has %d submit buttons, want 1", n)
	}
	b.see("府院联动案件管理系统", "用户名", "密码", "登录")
}

func TestWrongPasswordShowsTheChineseError(t *testing.T) {
	t.Parallel()
	b := newEnv(t).open(t)
	b.visit("/login")
	b.within(`form[action="/login"]`).fill("username", "judge2").fill("password", "not-the-password")
	if status := b.submitStatus(); status != 401 {
		t.Fatalf("a wrong password answered %d, want 401", status)
	}
	if got := b.path(); got != "/login" {
		t.Fatalf("after a wrong password the browser is on %s, want /login", got)
	}
	if got := b.textOf(".alert-error"); got != "用户名或密码错误" {
		t.Fatalf("the error on the page is %q, want 用户名或密码错误", got)
	}
	if got := b.attr(`input[name="username"]`, "value"); got != "judge2" {
		t.Errorf("the username field holds %q after the error, want what was typed (judge2)", got)
	}
}
