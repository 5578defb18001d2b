package e2e

import "testing"

// TestScreenshots saves full-page screenshots at 1366×768 of the pages people
// look at most, for a person to judge the look (see the log for the folder).
// The journeys add theirs: case-detail (cases), letter and liaison-desk
// (letters), tablet-dashboard.
func TestScreenshots(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	anon := e.open(t)
	anon.visit("/login")
	anon.screenshot("login")

	leader := e.login(t, "leader")
	leader.visit("/")
	leader.screenshot("dashboard")
	leader.click(`nav.sidenav a[href="/cases"]`)
	leader.screenshot("case-list")

	admin := e.login(t, "admin")
	admin.visit("/admin/users")
	admin.screenshot("users")
}

// TestTabletLayout: on a tablet held upright (768×1024, touch) the side
// navigation folds above the page, every section stays one tap away and no
// page scrolls sideways.
func TestTabletLayout(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.login(t, "judge1")
	b.viewport(768, 1024, true)
	b.visit("/")
	nav := eval[[]float64](b, `(function () { var n = document.querySelector("nav.sidenav").getBoundingClientRect(), m = document.querySelector("main").getBoundingClientRect(); return [n.bottom, m.top, n.width]; })()`)
	if nav[0] > nav[1]+1 || nav[2] < 700 {
		t.Errorf("on a 768 px tablet the navigation is not a bar above the page (nav bottom %.0f, main top %.0f, nav width %.0f)", nav[0], nav[1], nav[2])
	}
	for _, p := range b.audit() {
		t.Errorf("tablet, /: %s", p)
	}
	b.screenshot("tablet-dashboard")
	b.visit("/letters")
	for _, p := range b.audit() {
		t.Errorf("tablet, /letters: %s", p)
	}
}
