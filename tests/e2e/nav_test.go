package e2e

import (
	"slices"
	"strings"
	"testing"
)

// TestEveryDemoAccountLogsInAndEveryNavigationLinkOpens logs each demo
// account in through /login: it lands on its start page showing the
// person's name. For the people of court 粤1803 it then clicks every link of
// their side navigation: each must open a 200 page with a heading, marked
// as the current section, readable at 1366×768 (no sideways scrolling, a
// label on every field), with no JavaScript error and no request leaving
// the machine. (One login serves both checks: logins are the slow part.)
func TestEveryDemoAccountLogsInAndEveryNavigationLinkOpens(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, a := range accounts {
		t.Run(a.Username, func(t *testing.T) {
			t.Parallel()
			b := e.login(t, a.Username)
			want := landings[a.Role]
			if want == nil {
				want = []string{"/"}
			}
			if got := b.path(); !slices.Contains(want, got) {
				t.Errorf("%s landed on %s, want one of %v", a.Username, got, want)
			}
			if who := b.textOf(".topbar .who"); !strings.Contains(who, a.Name) {
				t.Errorf("%s: the top bar shows %q, want their name %s", a.Username, who, a.Name)
			}
			if a.Court != "粤1803" {
				return
			}
			links := eval[[]string](b, `Array.prototype.map.call(document.querySelectorAll("nav.sidenav a"), function (a) { return a.getAttribute("href"); })`)
			if len(links) < 2 {
				t.Fatalf("%s's side navigation has %d links: %v", a.Username, len(links), links)
			}
			t.Logf("%s's side navigation: %s", a.Username, strings.Join(links, " "))
			for _, href := range links {
				if b.count(`nav.sidenav a[href="`+href+`"]`) == 0 {
					b.visit("/") // the previous page had no navigation
				}
				status := b.click(`nav.sidenav a[href="` + href + `"]`)
				if status != 200 {
					t.Errorf("%s: %s answers %d: %s", a.Username, href, status, b.summary())
					continue
				}
				if h1 := strings.TrimSpace(b.textOf("main h1")); h1 == "" {
					t.Errorf("%s: %s has no <h1> in <main>: %s", a.Username, href, b.summary())
				}
				for _, p := range b.audit() {
					t.Errorf("%s: %s: %s", a.Username, href, p)
				}
				if got := b.path(); got == href {
					if cur := b.attr(`nav.sidenav a[aria-current="page"]`, "href"); cur != href {
						t.Errorf("%s: on %s the navigation marks %q as the current section", a.Username, href, cur)
					}
				}
			}
		})
	}
}
