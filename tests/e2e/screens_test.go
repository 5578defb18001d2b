package e2e

import "testing"

// TestScreenshots saves full-page screenshots at 1366×768 of the pages people
// look at most, for a person to judge the look (see the log for the folder).
func TestScreenshots(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	anon := e.open(t)
	anon.visit("/login")
	anon.screenshot("login")

	leader := e.login(t, "leader")
	leader.visit("/")
	leader.screenshot("dashboard")

	admin := e.login(t, "admin")
	admin.visit("/admin/users")
	admin.screenshot("users")
}
