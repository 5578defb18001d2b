package e2e

import (
	"strings"
	"testing"
)

// TestJudgeAsksForAnExtensionAndTheLeaderApprovesIt: judge1 asks on the
// case page for an extension of the time limit (延长审限申请), the leader
// finds it on the to-do list of the landing page, opens the case from it and
// agrees to put it to the higher court; the item leaves the list.
func TestJudgeAsksForAnExtensionAndTheLeaderApprovesIt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mark := uniqueMark()

	judge := e.login(t, "judge1")
	caseNo, path := judge.fileCase(mark + " 太和洞旅游开发有限公司")
	judge.tap("申请延长审限")
	judge.within(`form[action="`+path+`/extension-requests"]`).fields(
		"reason", mark+"：需委托林业调查规划院鉴定受损林地面积，在法定审限内难以审结。",
		"days", "90",
	)
	judge.screenshot("extreq-judge-form")
	judge.submit()
	judge.see("延长审限申请已提交", "待审批", mark, "撤回申请")
	judge.screenshot("extreq-judge-requested")

	leader := e.login(t, "leader")
	leader.visit("/")
	link := path + "#extension-requests"
	item := `#todo-list a[href="` + link + `"]`
	if leader.count(item) != 1 {
		t.Fatalf("the leader's to-do list has no request of %s: %s", caseNo, leader.textOf("#todo-list"))
	}
	if text := leader.textOf(item); !strings.Contains(text, "延长审限申请："+caseNo) || !strings.Contains(text, "90 天") {
		t.Errorf("the to-do item says %q", text)
	}
	if leader.count(`#todo-list details.todo-more `+item) == 1 {
		leader.tap("其余")
	}
	leader.screenshot("extreq-leader-todo")
	leader.click(item)
	if leader.path() != path {
		t.Fatalf("the to-do item led to %s", leader.path())
	}
	leader.see("审批延长审限申请", mark)
	leader.within(`form[action$="/approve"]`).fill("comment", "同意报请清远市中级人民法院")
	leader.screenshot("extreq-leader-decides")
	leader.submit()
	leader.see("已同意报请上级法院延长审限", "同意报请清远市中级人民法院")
	leader.screenshot("extreq-leader-approved")
	leader.visit("/")
	if n := leader.count(item); n != 0 {
		t.Errorf("the approved request is still on the leader's to-do list")
	}

	judge.visit(path)
	judge.see("院庭长已同意报请上级法院", "登记经批准的延长审限")
	// The requests read on a tablet too.
	judge.viewport(768, 1024, true)
	judge.visit(path)
	for _, p := range append(judge.audit(), judge.clipped()...) {
		t.Errorf("the case page on a tablet: %s", p)
	}
	judge.screenshot("extreq-judge-tablet")
}
