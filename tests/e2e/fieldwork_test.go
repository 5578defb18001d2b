package e2e

import (
	"strings"
	"testing"
)

// TestAdminOpensAWorkstationAndAJudgeLogsAService: the admin sets up a
// scenic-area workstation on /workstations; judge1 records a publicity
// service there, and its log and figures show it.
func TestAdminOpensAWorkstationAndAJudgeLogsAService(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mark := uniqueMark()
	name := mark + " 笔架山景区法官工作室"

	admin := e.login(t, "admin")
	admin.click(`nav.sidenav a[href="/workstations"]`)
	admin.see("本院工作室", "设立工作室")
	admin.within(`form[action="/workstations"]`).fields(
		"kind", "景区法官工作室",
		"name", name,
		"place", "清新区太平镇笔架山景区",
		"partners", "景区管理方、文广旅体局",
		"opened_on", "2026-11-02",
	)
	admin.submit()
	// The facts list writes dates as the lists do (issue 15: one style per kind of place).
	admin.see("已设立工作室", name, "景区法官工作室", "清新区太平镇笔架山景区", "景区管理方、文广旅体局", "2026-11-02")
	admin.click(`nav.sidenav a[href="/workstations"]`)
	if row := admin.row(name); !strings.Contains(row, "景区法官工作室") || !strings.Contains(row, "2026-11-02") {
		t.Errorf("the workstation list shows %q for the new workstation", row)
	}

	judge := e.login(t, "judge1")
	judge.click(`nav.sidenav a[href="/workstations"]`)
	judge.follow(name)
	judge.within(`form[action$="/services"]`).fields(
		"kind", "普法宣传",
		"held_on", "2026-11-24",
		"people", "45",
		"notes", mark+" 为景区商户讲解旅游经营规范",
	)
	judge.submit()
	judge.see("已登记服务记录")
	row := judge.row(mark + " 为景区商户讲解旅游经营规范")
	for _, want := range []string{"2026-11-24", "普法宣传", "45", "王建国"} {
		if !strings.Contains(row, want) {
			t.Errorf("the service log row %q does not show %s", row, want)
		}
	}
	if tile := judge.textOf(".tiles .tile:nth-child(2) .v"); tile != "45" {
		t.Errorf("the workstation's people served this year shows %q, want 45", tile)
	}
}
