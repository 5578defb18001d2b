package e2e

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// TestEachRoleLandsOnItsTodoAndOpeningAReminderLowersTheUnreadCount: every
// role of the demo court logs in and finds its to-do list (待办) at the top
// of the page it lands on, each item a link to where it is done; opening a
// reminder from the inbox (提醒) marks it read, and the unread count in the
// header goes down by one.
func TestEachRoleLandsOnItsTodoAndOpeningAReminderLowersTheUnreadCount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, who := range []string{"judge1", "leader", "mediator1", "liaison1"} {
		t.Run(who, func(t *testing.T) {
			b := e.login(t, who)
			b.see("我的待办")
			if n := b.count(`#todo-list li.todo-item a[href^="/"]`); n == 0 {
				t.Errorf("%s on %s: the to-do list has no item", who, b.path())
			}
			b.screenshot("todo-" + who)
			unread := func() int {
				b.visit("/notifications")
				n, err := strconv.Atoi(strings.TrimSpace(b.textOf("#inbox-unread")))
				if err != nil {
					t.Fatalf("%s: the unread count: %v", who, err)
				}
				if n > 0 {
					if head := strings.TrimSpace(b.textOf("#unread-count")); head != strconv.Itoa(n) {
						t.Errorf("%s: the header shows %q unread, the inbox %d", who, head, n)
					}
				}
				return n
			}
			before := unread()
			if before == 0 {
				t.Fatalf("%s has no unread reminder", who)
			}
			b.screenshot("inbox-" + who)
			if status := b.click(`#inbox tr.unread button.notice-open`); status != 200 {
				t.Fatalf("%s: opening a reminder answered %d", who, status)
			}
			if b.path() == "/notifications" {
				t.Errorf("%s: opening a reminder stayed on the inbox", who)
			}
			if after := unread(); after != before-1 {
				t.Errorf("%s: unread %d before opening a reminder, %d after", who, before, after)
			}
		})
	}
}

// TestJudgeSeesTheWeekAndMonthCalendar: the judge opens 日程, sees the week
// and the month of the court and their own, with the feed to export.
func TestJudgeSeesTheWeekAndMonthCalendar(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.login(t, "judge1")
	if status := b.click(`nav.sidenav a[href="/calendar"]`); status != 200 {
		t.Fatalf("日程 answers %d", status)
	}
	b.see("日程", "周视图", "月视图", "全院")
	b.screenshot("calendar-week-court")
	b.visit("/calendar?view=month")
	b.see("月视图")
	if n := b.count("#calendar a.cal-entry"); n == 0 {
		t.Errorf("the court's month shows no hearing, circuit or mediation")
	}
	b.screenshot("calendar-month-court")

	// The judge subscribes from the mail client: the link, shown once,
	// serves the feed to a client without a session.
	b.within("#calendar-feed form").submit()
	b.see("订阅我的日程", "链接即凭据")
	link := b.attr("#calendar-feed-url", "value")
	b.screenshot("calendar-feed-link")
	res, err := http.Get(link)
	if err != nil {
		t.Fatalf("the subscription link %q: %v", link, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.HasPrefix(string(body), "BEGIN:VCALENDAR") {
		t.Errorf("the subscription link answers %d: %.200s", res.StatusCode, body)
	}
}
