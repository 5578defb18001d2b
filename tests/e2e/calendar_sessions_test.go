package e2e

import (
	"strings"
	"testing"
)

// TestJudgeSchedulesATimedCircuitOverAClashAndSeesItAtItsHour (issue 19):
// judge1 records a circuit hearing with times on the 巡回审判 page, then a
// second one overlapping it; the page answers with the clash listed and a
// 仍然安排 confirmation, the judge confirms, and the week view shows the
// hearing at its hour with the conflict mark.
func TestJudgeSchedulesATimedCircuitOverAClashAndSeesItAtItsHour(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mark := uniqueMark()
	judge := e.login(t, "judge1")

	judge.visit("/circuits")
	judge.within(`form[action="/circuits"]`).fields(
		"held_on", "2026-11-27",
		"starts_at", "07:10",
		"ends_at", "08:00",
		"place", mark+"甲村",
	)
	judge.submit()
	judge.see("已登记巡回审判")

	judge.within(`form[action="/circuits"]`).fields(
		"held_on", "2026-11-27",
		"starts_at", "07:30",
		"ends_at", "08:20",
		"place", mark+"乙村",
		"notes", mark,
	)
	if status := judge.submitStatus(); status != 409 {
		t.Fatalf("an overlapping circuit of the same judge answers %d: %s", status, judge.summary())
	}
	listed := judge.textOf(".booking-conflicts")
	if !strings.Contains(listed, "巡回审判 "+mark+"甲村") || !strings.Contains(listed, "同一法官") || !strings.Contains(listed, "07:10–08:00") {
		t.Errorf("the clash list says %q", listed)
	}
	if got := judge.value("starts_at"); got != "07:30" {
		t.Errorf("the start typed was lost: %q", got)
	}
	judge.screenshot("sessions-circuit-conflict")
	judge.within(`form[action="/circuits"]`).fill("confirm", "仍然安排")
	judge.submit()
	judge.see("已登记巡回审判")

	judge.visit("/calendar?view=week&date=2026-11-27")
	entry := eval[string](judge, `(function () {
		var e = Array.prototype.filter.call(document.querySelectorAll("#calendar a.cal-entry"), function (x) { return x.textContent.indexOf("`+mark+`乙村") >= 0; })[0];
		return e ? e.className + "|" + e.closest("td").querySelector(".cal-day").textContent.trim() + "|" + e.textContent.replace(/\s+/g, " ").trim() : "";
	})()`)
	parts := strings.SplitN(entry, "|", 3)
	if len(parts) != 3 || parts[1] != "27" || !strings.HasPrefix(parts[2], "07:30–08:20 巡回审判 "+mark+"乙村") ||
		!strings.Contains(parts[0], "cal-conflict") || !strings.Contains(parts[2], "冲突") {
		t.Errorf("the week view shows the circuit as %q", entry)
	}
	for _, p := range judge.audit() {
		t.Errorf("/calendar: %s", p)
	}
	judge.screenshot("sessions-calendar-week")
}
