package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

var markSeq atomic.Int64

// uniqueMark is a tag to put in what a journey writes, so that it finds its
// own records among the demo data and the other journeys' records.
func uniqueMark() string {
	return fmt.Sprintf("E2E%d-%d", time.Now().Unix()%100000, markSeq.Add(1))
}

// TestLetterIsDraftedApprovedIssuedAndAnswered walks an advisory letter
// through its life: judge1 drafts it, the leader approves and issues it (it
// gets its number), and the liaison records the organ's reply from the
// liaison's desk.
func TestLetterIsDraftedApprovedIssuedAndAnswered(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mark := uniqueMark()
	const organ = "清远市清新区林业局"

	judge := e.login(t, "judge1")
	judge.click(`nav.sidenav a[href="/letters"]`)
	judge.follow("起草建议函")
	judge.within(`form[action="/letters"]`).fields(
		"kind", "判前建议函",
		"organ_id", organ,
		"problems", mark+"：卫星图斑显示的占用林地面积未经实地测量，处罚依据不足。",
		"suggestions", "建议会同自然资源部门重新测量占用面积，依法重新作出处罚决定。",
	)
	judge.submit()
	judge.see("建议函草稿已保存", "草稿 · 待审批", mark, organ)
	letter := judge.path()
	id := strings.TrimPrefix(letter, "/letters/")

	leader := e.login(t, "leader")
	leader.click(`nav.sidenav a[href="/letters"]`)
	leader.follow("（未编号，第 " + id + " 号草稿）")
	leader.see(mark, "王建国")
	leader.within(`form[action="` + letter + `/approve"]`).submit()
	if d := leader.dialogsSeen(); len(d) != 1 || !strings.Contains(d[0], "审批通过") {
		t.Errorf("approving asked %q, want one confirmation to 审批通过", d)
	}
	leader.see("已审批 · 待发出", "李文华")
	leader.within(`form[action="`+letter+`/issue"]`).fill("issued_on", today)
	leader.submit()
	number := leader.seeMatch(regexp.MustCompile(`（2026）粤1803行建前\d+号`))
	leader.see("已发出并编号", "待回复")
	leader.screenshot("letter")

	liaison := e.login(t, "liaison1")
	liaison.visit("/liaison")
	if row := liaison.row(number); !strings.Contains(row, organ) || !strings.Contains(row, "判前建议函") {
		t.Errorf("the liaison's desk shows %s as %q, want its organ and kind", number, row)
	}
	liaison.screenshot("liaison-desk")
	liaison.followInRow(number, "登记回复")
	liaison.within(`form[action="`+letter+`/reply"]`).fields(
		"replied_on", today,
		"adopted", "采纳",
		"measures", "已重新测量占用面积并撤销原处罚决定。",
	)
	liaison.submit()
	liaison.see("行政机关的回复已登记", "已回复 · 采纳", "已重新测量占用面积并撤销原处罚决定。", number)
	liaison.visit("/liaison")
	if strings.Contains(liaison.bodyText(), number) {
		t.Errorf("the liaison's desk still lists %s as awaiting a reply", number)
	}
}

// TestLiaisonRecordsAMeeting: the liaison records a quarterly joint meeting
// with two organs and a follow-up item, sees it on its page and the
// follow-up on the liaison's desk.
func TestLiaisonRecordsAMeeting(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mark := uniqueMark()
	topic := mark + " 第四季度府院联席会"
	item := mark + " 规范林地处罚案件的测量程序"

	liaison := e.login(t, "liaison1")
	liaison.click(`nav.sidenav a[href="/meetings"]`)
	liaison.tap("登记会议或培训")
	liaison.within(`form[action="/meetings"]`).fields(
		"kind", "季度联席会",
		"held_on", "2026-11-20",
		"attendances", "36",
		"topic", topic,
		"organ_ids", "清远市清新区林业局",
		"organ_ids", "清远市清新区司法局",
		"speakers", "李文华（院庭长）",
		"decisions", "林业局与法院共同制定占用林地测量规范。",
		"followup_item", item,
		"followup_owner", "清远市清新区林业局",
		"followup_due_on", "2026-12-31",
	)
	liaison.submit()
	liaison.see("会议已登记。", topic, "季度联席会", "36", "清远市清新区林业局", "清远市清新区司法局", item)

	liaison.click(`nav.sidenav a[href="/meetings"]`)
	if row := liaison.row(topic); !strings.Contains(row, "2026-11-20") || !strings.Contains(row, "36") {
		t.Errorf("the meeting list shows %q for the meeting", row)
	}
	liaison.visit("/liaison")
	if row := liaison.row(item); !strings.Contains(row, "清远市清新区林业局") || !strings.Contains(row, "2026-12-31") {
		t.Errorf("the liaison's desk shows the follow-up as %q", row)
	}
}
