package e2e

import (
	"strings"
	"testing"
)

// TestJudgeSchedulesACircuitHearingAndSeesItOnTheCalendar (issue 5,
// acceptance 4): judge1 opens 巡回审判 from the side navigation, records a
// cross-regional hearing for next month (a first try without a place is
// refused, keeping what was typed) and finds it on its day in the month grid
// and in the month's list; the other field-work pages read well.
func TestJudgeSchedulesACircuitHearingAndSeesItOnTheCalendar(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mark := uniqueMark()
	judge := e.login(t, "judge1")

	judge.click(`nav.sidenav a[href="/circuits"]`)
	judge.see("巡回审判", "近期排期", "登记巡回审判")
	judge.within(`form[action="/circuits"]`).fields(
		"held_on", "2026-12-03",
		"region", "英德市",
		"cross_region", "1",
		"audience", "45",
		"notes", mark,
	)
	if status := judge.submitStatus(); status != 400 {
		t.Fatalf("a hearing without a place answers %d: %s", status, judge.summary())
	}
	if why := judge.fieldError("place"); !strings.Contains(why, "请填写巡回审判地点") {
		t.Errorf("the place field says %q", why)
	}
	if got := judge.value("region"); got != "英德市" {
		t.Errorf("the region typed was lost: %q", got)
	}
	judge.within(`form[action="/circuits"]`).fill("place", mark+"巡回法庭")
	judge.submit()
	judge.see("已登记巡回审判", "2026年12月")
	day := eval[string](judge, `(function () {
		var ev = Array.prototype.filter.call(document.querySelectorAll("table.calendar .cal-event"), function (e) { return e.textContent.indexOf("`+mark+`") >= 0; })[0];
		return ev ? ev.closest("td").querySelector(".cal-date").textContent.trim() : "";
	})()`)
	if day != "3" {
		t.Errorf("the hearing is in the calendar cell of day %q, want 3", day)
	}
	listed := eval[string](judge, `(function () {
		var r = Array.prototype.filter.call(document.querySelectorAll("main table.list tbody tr"), function (e) { return e.textContent.indexOf("`+mark+`") >= 0; })[0];
		return r ? r.innerText : "";
	})()`)
	for _, want := range []string{"2026-12-03", "已排期", "英德市", "跨区域", "王建国", "45"} {
		if !strings.Contains(listed, want) {
			t.Errorf("the month's list row %q does not show %s", listed, want)
		}
	}
	for _, p := range judge.audit() {
		t.Errorf("/circuits: %s", p)
	}
	judge.screenshot("circuits")

	for _, path := range []string{"/inspections", "/protection-orders", "/fast-track"} {
		judge.visit(path)
		for _, p := range judge.audit() {
			t.Errorf("%s: %s", path, p)
		}
		judge.screenshot(strings.TrimPrefix(path, "/"))
	}
}
